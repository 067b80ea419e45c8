//! Data survives restarts, backups restore, kill -9 loses nothing that was
//! acknowledged, and a newer database is refused. Each of these is about
//! the process (signals, exit status, its log, the database lock it holds),
//! so the servers here are spawned `convene serve` processes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

fn key_names(session: &Session) -> Vec<String> {
    let listed: Value = session.get("/api/v1/api-keys").json().unwrap();
    listed["api_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn restart_keeps_data() {
    let server = Server::spawn();
    let session = server.setup_owner();
    session.post("/api/v1/api-keys", json!({ "name": "kept" }));
    let mut server = server.restart();
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(key_names(&session), vec!["kept"]);
    // SIGTERM is a clean, successful stop.
    let status = server.terminate().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(server.log_lines().iter().any(|l| l.contains("stopped")));
}

#[test]
fn online_backup_restores_to_the_same_data() {
    let server = Server::spawn();
    let session = server.setup_owner();
    for name in ["alpha", "beta", "gamma"] {
        assert_eq!(
            session
                .post("/api/v1/api-keys", json!({ "name": name }))
                .status(),
            201
        );
    }
    let before: Value = session.get("/api/v1/members").json().unwrap();

    // While the server runs and holds the database.
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("backup.redb");
    let result = run_cli(
        &["backup", "--out", out.to_str().unwrap()],
        &[(
            "CONVENE_STORAGE_DATA_DIR",
            server.data_dir.to_str().unwrap(),
        )],
        None,
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(String::from_utf8_lossy(&result.stdout).contains("running server"));

    // A second server started from the backup has the same data.
    let restored_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&out, restored_dir.path().join("convene.redb")).unwrap();
    let restored = Server::spawn_in(restored_dir.path(), &[]);
    let again = restored.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(key_names(&again), vec!["alpha", "beta", "gamma"]);
    let after: Value = again.get("/api/v1/members").json().unwrap();
    assert_eq!(before, after);
    assert!(
        !restored
            .log_lines()
            .iter()
            .any(|l| l.contains("/setup?token="))
    );

    // With the server stopped, the backup reads the file directly.
    drop(restored);
    let offline = out_dir.path().join("offline.redb");
    let result = run_cli(
        &["backup", "--out", offline.to_str().unwrap()],
        &[(
            "CONVENE_STORAGE_DATA_DIR",
            restored_dir.path().to_str().unwrap(),
        )],
        None,
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(offline.exists());
}

#[test]
fn kill_9_during_writes_loses_no_acknowledged_write() {
    let mut server = Server::spawn();
    let session = Arc::new(server.setup_owner());
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (session, acknowledged, stop) =
                (session.clone(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let name = format!("w{w}-{i}");
                    let sent = session
                        .client
                        .post(format!("{}/api/v1/api-keys", session.base))
                        .header("X-CSRF-Token", &session.csrf)
                        .json(&json!({ "name": name }))
                        .timeout(Duration::from_secs(5))
                        .send();
                    match sent {
                        Ok(r) if r.status() == 201 => acknowledged.lock().unwrap().push(name),
                        _ => break, // the server is gone
                    }
                    i += 1;
                }
            })
        })
        .collect();
    // Killed mid-stream, once enough writes are acknowledged that losing
    // one would show.
    eventually(Duration::from_secs(30), "40 acknowledged writes", || {
        (acknowledged.lock().unwrap().len() >= 40).then_some(())
    });
    server.kill9();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40, "{}", acknowledged.len());

    let server = Server::spawn_in(&server.data_dir.clone(), &[]);
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let stored = key_names(&session);
    for name in &acknowledged {
        assert!(
            stored.contains(name),
            "acknowledged write {name} lost after kill -9"
        );
    }
    assert_eq!(
        client()
            .get(server.url("/healthz"))
            .send()
            .unwrap()
            .status(),
        200
    );
}

#[test]
#[allow(clippy::disallowed_methods)] // plays a newer binary writing the file
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("convene.redb");
    drop(convene::store::Store::open(&path).unwrap());
    {
        // Written as a newer binary would: the store's own API only ever
        // writes the version it knows, so this goes to the file directly.
        let db = redb::Database::open(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut meta = txn
                .open_table(redb::TableDefinition::<&str, &[u8]>::new("meta"))
                .unwrap();
            let newer = json!(convene::store::CURRENT_VERSION + 5).to_string();
            meta.insert("schema_version", newer.as_bytes()).unwrap();
        }
        txn.commit().unwrap();
    }
    let out = run_cli(
        &["serve"],
        &[
            ("CONVENE_STORAGE_DATA_DIR", dir.path().to_str().unwrap()),
            ("CONVENE_SERVER_BIND", "127.0.0.1:0"),
        ],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer Convene"), "{err}");
}
