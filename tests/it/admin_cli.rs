//! `convene members list`, `reset-password`, `test-email` and `check-db`:
//! through the running server's control socket, then on the database of
//! the stopped server, with the same answers; mail goes to a real SMTP
//! server.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const NEW_PASSWORD: &str = "lantern maple harbour seven";

fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut all = vec![("CONVENE_STORAGE_DATA_DIR", dir.to_str().unwrap())];
    all.extend_from_slice(env);
    run_cli(args, &all, stdin)
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn member_emails(listing: &str) -> Vec<(String, String)> {
    let rows: Value = serde_json::from_str(listing).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap().to_string(),
                r["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn signs_in(server: &Server, email: &str, password: &str) -> bool {
    client()
        .post(server.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .unwrap()
        .status()
        == 200
}

/// Each command, first while the server runs (the control socket) and
/// then on the stopped server's file (opened directly, read-only for
/// check-db).
#[test]
fn admin_commands_work_with_the_server_running_and_stopped() {
    let sink = SmtpSink::start();
    let smtp = [
        ("CONVENE_MAIL_TRANSPORT", "smtp"),
        ("CONVENE_MAIL_SMTP_URL", &sink.url()),
        ("CONVENE_MAIL_FROM", "Convene <convene@club.example>"),
    ];
    let mut server = Server::spawn_prepared(&smtp, |dir| {
        create_owner(dir);
        seed_member(
            dir,
            "host@example.org",
            convene::domain::Role::Member,
            MEMBER_PASSWORD,
        );
    });
    let dir = server.data_dir.clone();
    let member = server.login("host@example.org", MEMBER_PASSWORD);

    // members list, whole and filtered, as JSON and as a table.
    let all = member_emails(&ok(cli(&dir, &["members", "list", "--json"], &[], None)));
    assert!(all.contains(&(OWNER_EMAIL.to_string(), "active".to_string())));
    assert!(all.contains(&("host@example.org".to_string(), "active".to_string())));
    let pending = ok(cli(
        &dir,
        &["members", "list", "--state", "pending", "--json"],
        &[],
        None,
    ));
    assert_eq!(member_emails(&pending), vec![]);
    let table = ok(cli(&dir, &["members", "list"], &[], None));
    assert!(table.starts_with("ID"), "{table}");
    assert!(table.contains("host@example.org") && table.contains("2 members"));
    let bad_state = cli(&dir, &["members", "list", "--state", "gone"], &[], None);
    assert!(!bad_state.status.success());

    // reset-password: the policy holds, then the new password works, the
    // old one and the member's session do not.
    let weak = cli(
        &dir,
        &["reset-password", "host@example.org", "--password-stdin"],
        &[],
        Some("password1\n"),
    );
    assert!(!weak.status.success(), "{}", text(&weak));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least"));
    let unknown = cli(
        &dir,
        &["reset-password", "nobody@example.org", "--password-stdin"],
        &[],
        Some(&format!("{NEW_PASSWORD}\n")),
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no member has the address"));
    let said = ok(cli(
        &dir,
        &["reset-password", "Host@Example.org", "--password-stdin"],
        &[],
        Some(&format!("{NEW_PASSWORD}\n")),
    ));
    assert!(said.contains("password set for host@example.org"), "{said}");
    assert!(signs_in(&server, "host@example.org", NEW_PASSWORD));
    assert!(!signs_in(&server, "host@example.org", MEMBER_PASSWORD));
    assert_eq!(member.get("/api/v1/notifications").status(), 401);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    let reset = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "member.password_reset")
        .cloned()
        .expect("the reset is audited");
    assert_eq!(reset["detail"]["operator"]["via"], "control socket");
    assert!(!server.log_lines().iter().any(|l| l.contains(NEW_PASSWORD)));

    // test-email: sent now, the SMTP server's answer printed.
    let sent = ok(cli(&dir, &["test-email", "ops@example.net"], &[], None));
    assert!(sent.starts_with("accepted by 127.0.0.1:"), "{sent}");
    let mails = sink.wait_for(1, Duration::from_secs(10));
    let mail = parse_mail(&mails[0]);
    assert_eq!(mail["envelope_to"], "ops@example.net");

    // check-db on the running server's database.
    let checked = ok(cli(&dir, &["check-db"], &[], None));
    assert!(
        checked.contains("checked by the running server"),
        "{checked}"
    );
    assert!(checked.contains("every index matches"), "{checked}");

    server.terminate();

    // The same, on the file.
    let all = member_emails(&ok(cli(&dir, &["members", "list", "--json"], &[], None)));
    assert_eq!(all.len(), 2);
    let report: Value =
        serde_json::from_str(&ok(cli(&dir, &["check-db", "--json"], &[], None))).unwrap();
    assert_eq!(report["problems"], serde_json::json!([]));
    let members = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "members")
        .unwrap();
    assert_eq!(members["rows"], 2);
    ok(cli(
        &dir,
        &["reset-password", "host@example.org", "--password-stdin"],
        &[],
        Some(&format!("{MEMBER_PASSWORD}\n")),
    ));
    let sent = ok(cli(&dir, &["test-email", "ops@example.net"], &smtp, None));
    assert!(sent.starts_with("accepted by"), "{sent}");
    sink.wait_for(2, Duration::from_secs(10));
    let nowhere = cli(
        &dir,
        &["test-email", "ops@example.net"],
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            (
                "CONVENE_MAIL_SMTP_URL",
                &format!("smtp://127.0.0.1:{}", free_port()),
            ),
        ],
        None,
    );
    assert_eq!(nowhere.status.code(), Some(1), "{}", text(&nowhere));
    assert!(String::from_utf8_lossy(&nowhere.stdout).starts_with("not sent"));

    let server = Server::spawn_in(&dir, &[]);
    assert!(signs_in(&server, "host@example.org", MEMBER_PASSWORD));
}

/// An index row that no longer matches its table is found and named, and
/// check-db says so with exit status 1; the file is not changed.
#[test]
// Breaking an index on purpose takes the raw file, past the store.
#[allow(clippy::disallowed_methods)]
fn check_db_finds_an_index_out_of_step() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    create_owner(dir);
    let db = dir.join("convene.redb");
    {
        let raw = redb::Database::create(&db).unwrap();
        let txn = raw.begin_write().unwrap();
        {
            let mut emails = txn
                .open_table(redb::TableDefinition::<&str, &[u8]>::new("member_emails"))
                .unwrap();
            emails
                .insert("stray@example.org", br#""no-such-member""#.as_slice())
                .unwrap();
        }
        txn.commit().unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = cli(dir, &["check-db"], &[], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("opened read-only"), "{said}");
    assert!(
        said.contains("stray@example.org points at member no-such-member, who does not exist"),
        "{said}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
