//! `convene outbox list | retry | drop`: through the running server's
//! control socket and on the database of a stopped one, against a real SMTP
//! server that refuses some recipients for good.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

fn smtp_env(url: &str, retry_base_seconds: &str) -> Vec<(&'static str, String)> {
    vec![
        ("CONVENE_MAIL_TRANSPORT", "smtp".into()),
        ("CONVENE_MAIL_SMTP_URL", url.to_string()),
        ("CONVENE_MAIL_FROM", "Convene <convene@club.example>".into()),
        ("CONVENE_MAIL_RETRY_BASE_SECONDS", retry_base_seconds.into()),
    ]
}

fn as_refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn outbox(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["outbox"];
    all.extend_from_slice(args);
    // Ids are random URL-safe text and may begin with '-': after `--` the
    // command line reads one as the id, never as an option.
    if matches!(args.first(), Some(&"retry") | Some(&"drop")) {
        all.insert(2, "--");
    }
    run_cli(
        &all,
        &[("CONVENE_STORAGE_DATA_DIR", dir.to_str().unwrap())],
        None,
    )
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// `outbox list [--failed] --json`.
fn listing(dir: &Path, failed: bool) -> Value {
    let args: &[&str] = if failed {
        &["list", "--failed", "--json"]
    } else {
        &["list", "--json"]
    };
    serde_json::from_str(&ok(outbox(dir, args))).unwrap()
}

fn message_to(listing: &Value, to: &str) -> Option<Value> {
    listing["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["destination"] == to)
        .cloned()
}

fn invite(owner: &Session, email: &str) {
    let res = owner.post("/api/v1/invitations", json!({ "emails": [email] }));
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    assert_eq!(body["results"][0]["ok"], true, "{body}");
}

/// The id of the failed mail to `to`, once the worker has given up on it.
fn failed_id(dir: &Path, to: &str) -> String {
    let m = eventually(WAIT, "the refused mail to fail", || {
        message_to(&listing(dir, true), to)
    });
    m["id"].as_str().unwrap().to_string()
}

fn refused(out: Output, needle: &str) {
    assert!(
        !out.status.success(),
        "accepted: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stderr(&out).contains(needle), "{}", stderr(&out));
}

fn attempts_logged(server: &Server, id: &str) -> usize {
    server
        .log_lines()
        .iter()
        .filter(|l| l.contains(id) && l.contains("delivery failed for good"))
        .count()
}

fn audit_rows(owner: &Session, target: &str) -> Vec<Value> {
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "outbox.dropped" && e["target"] == target)
        .cloned()
        .collect()
}

/// A process: its log is read for each delivery attempt, and the commands
/// are also run after it stopped.
#[test]
fn failed_mail_is_listed_retried_and_dropped_with_the_server_running_and_stopped() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url(), "1");
    let mut server = Server::spawn_prepared(&as_refs(&env), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let dir = server.data_dir.clone();

    invite(&owner, "reject-1@example.org");
    invite(&owner, "reject-2@example.org");
    invite(&owner, "welcome@example.org");
    let first = failed_id(&dir, "reject-1@example.org");
    let second = failed_id(&dir, "reject-2@example.org");
    // The sink has it before the outbox records it as sent.
    let sent = eventually(WAIT, "the accepted mail recorded as sent", || {
        let page: Value = owner.get("/api/v1/outbox?state=sent").json().unwrap();
        page["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["payload"]["to_email"] == "welcome@example.org")
            .map(|m| m["id"].as_str().unwrap().to_string())
    });
    assert_eq!(sink.messages().len(), 1);

    // The plain list: counts, a header, one line per message with its
    // error, and nothing of the mail's body (the invitation's join link).
    let text = ok(outbox(&dir, &["list", "--failed"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("outbox: "), "{text}");
    assert!(lines[0].contains("2 failed"), "{text}");
    assert!(lines[1].starts_with("ID") && lines[1].contains("LAST ERROR"));
    let row = lines.iter().find(|l| l.starts_with(&first)).unwrap();
    for part in ["failed", "mail", "reject-1@example.org", "550"] {
        assert!(row.contains(part), "{part} missing from {row}");
    }
    assert!(!text.contains("/join/"), "a mail body leaked: {text}");
    assert!(!text.contains(&sent), "--failed lists only failed ones");
    let json = listing(&dir, true);
    assert_eq!(json["counts"]["failed"], 2);
    assert!(json["counts"]["sent"].as_u64().unwrap() >= 1);
    assert!(!json.to_string().contains("/join/"));
    let listed: Vec<&str> = json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [second.as_str(), first.as_str()], "newest first");

    // Retry through the running server: back in the queue, tried at once,
    // refused again.
    assert_eq!(attempts_logged(&server, &first), 1);
    let said = ok(outbox(&dir, &["retry", &first]));
    assert!(
        said.contains(&first) && said.contains("queued again"),
        "{said}"
    );
    eventually(WAIT, "the retried mail to fail again", || {
        (attempts_logged(&server, &first) == 2).then_some(())
    });
    let again = eventually(WAIT, "the retried mail listed as failed", || {
        message_to(&listing(&dir, true), "reject-1@example.org")
    });
    assert_eq!(again["id"], first.as_str());
    assert_eq!(again["attempts"], 1);

    // Malformed ids are refused before anything is asked; a line break
    // cannot smuggle a valid id onto the request line.
    refused(outbox(&dir, &["drop", "a b"]), "message id");
    refused(outbox(&dir, &["drop", "x\ny"]), "message id");
    refused(
        outbox(&dir, &["drop", &format!("{second}\nx")]),
        "message id",
    );
    refused(outbox(&dir, &["retry", ""]), "message id");
    refused(
        outbox(&dir, &["drop", "NoSuchMessage"]),
        "no message NoSuchMessage",
    );
    refused(
        outbox(&dir, &["retry", "NoSuchMessage"]),
        "no message NoSuchMessage",
    );
    refused(outbox(&dir, &["drop", &sent]), "already sent");
    refused(outbox(&dir, &["retry", &sent]), "already sent");
    assert!(message_to(&listing(&dir, true), "reject-2@example.org").is_some());

    // The admin page offers the same drop next to the retry.
    let page = owner.get("/admin/mail?state=failed").text().unwrap();
    assert!(
        page.contains(&format!("/admin/mail/{first}/retry")),
        "{page}"
    );
    assert!(
        page.contains(&format!("/admin/mail/{first}/drop")),
        "{page}"
    );

    // Drop through the running server: gone from every list and from the
    // admin API, and the audit log says who did it.
    let said = ok(outbox(&dir, &["drop", &first]));
    assert!(said.contains(&first) && said.contains("dropped"), "{said}");
    assert!(!ok(outbox(&dir, &["list"])).contains(&first));
    assert!(!ok(outbox(&dir, &["list", "--failed"])).contains(&first));
    let res = owner.post(&format!("/api/v1/outbox/{first}/retry"), json!({}));
    assert_eq!(error_code(res, 404)["code"], "not_found");
    let rows = audit_rows(&owner, &first);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["actor"], Value::Null);
    assert_eq!(rows[0]["detail"]["operator"]["via"], "control socket");
    assert_eq!(rows[0]["detail"]["destination"], "reject-1@example.org");
    assert!(rows[0]["detail"]["operator"]["uid"].is_u64(), "{rows:?}");

    // The socket still serves backups as before.
    let copy = dir.join("copy.redb");
    let out = run_cli(
        &["backup", "--out", copy.to_str().unwrap()],
        &[("CONVENE_STORAGE_DATA_DIR", dir.to_str().unwrap())],
        None,
    );
    assert!(ok(out).contains("by the running server"));
    assert!(copy.metadata().unwrap().len() > 0);

    // With the server stopped the same commands open the database.
    server.terminate();
    let text = ok(outbox(&dir, &["list", "--failed"]));
    assert!(text.contains(&second) && !text.contains(&first), "{text}");
    let said = ok(outbox(&dir, &["retry", &second]));
    assert!(said.contains("queued again"), "{said}");
    // No worker runs: it stays queued, due now, with fresh attempts.
    let queued = message_to(&listing(&dir, false), "reject-2@example.org").unwrap();
    assert_eq!(queued["state"], "queued");
    assert_eq!(queued["attempts"], 0);
    assert!(queued["next_attempt_at"].is_string());
    assert!(message_to(&listing(&dir, true), "reject-2@example.org").is_none());
    let said = ok(outbox(&dir, &["retry", &second]));
    assert!(said.contains("tried now (attempt 1)"), "{said}");
    refused(
        outbox(&dir, &["drop", "NoSuchMessage"]),
        "no message NoSuchMessage",
    );
    refused(outbox(&dir, &["drop", &sent]), "already sent");
    refused(outbox(&dir, &["retry", "a b"]), "message id");
    let said = ok(outbox(&dir, &["drop", &second]));
    assert!(said.contains("dropped"), "{said}");
    let text = ok(outbox(&dir, &["list"]));
    assert!(
        text.contains("no queued, held or failed messages"),
        "{text}"
    );
    assert!(
        text.contains("0 queued") && text.contains("0 failed"),
        "{text}"
    );

    // The offline drop is in the audit log too, seen by the next server.
    let server = server.restart();
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let rows = audit_rows(&owner, &second);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["detail"]["operator"]["via"], "command line");
    assert_eq!(rows[0]["detail"]["state"], "queued");
    let res = owner.post(&format!("/api/v1/outbox/{second}/retry"), json!({}));
    assert_eq!(error_code(res, 404)["code"], "not_found");

    // Admins drop through the API too; a sent message stays.
    invite(&owner, "reject-3@example.org");
    let third = failed_id(&dir, "reject-3@example.org");
    let res = owner.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/outbox/{third}"),
        None,
    );
    assert_eq!(res.status(), 204);
    let res = owner.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/outbox/{third}"),
        None,
    );
    assert_eq!(error_code(res, 404)["code"], "not_found");
    let res = owner.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/outbox/{sent}"),
        None,
    );
    assert_eq!(error_code(res, 409)["code"], "already_sent");
}

#[test]
fn a_queued_mail_waiting_out_its_backoff_is_tried_at_once_or_dropped() {
    // Nothing listens on the port: each attempt fails for now, and the next
    // one waits an hour.
    let env = smtp_env(&format!("smtp://127.0.0.1:{}", free_port()), "3600");
    let server = Server::start_prepared(&as_refs(&env), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let dir = server.data_dir.clone();
    invite(&owner, "later@example.org");
    let waiting = eventually(WAIT, "a first failed attempt", || {
        message_to(&listing(&dir, false), "later@example.org").filter(|m| m["attempts"] == 1)
    });
    assert_eq!(waiting["state"], "queued");
    let id = waiting["id"].as_str().unwrap().to_string();

    let said = ok(outbox(&dir, &["retry", &id]));
    assert!(said.contains("tried now (attempt 2)"), "{said}");
    let tried = eventually(WAIT, "the second attempt", || {
        message_to(&listing(&dir, false), "later@example.org").filter(|m| m["attempts"] == 2)
    });
    assert_eq!(tried["state"], "queued", "still a temporary failure");

    let said = ok(outbox(&dir, &["drop", &id]));
    assert!(
        said.contains("queued mail") && said.contains("dropped"),
        "{said}"
    );
    assert!(message_to(&listing(&dir, false), "later@example.org").is_none());
    let page: Value = owner.get("/api/v1/outbox?state=queued").json().unwrap();
    assert!(!page.to_string().contains(&id), "{page}");
}

#[test]
fn without_a_database_the_commands_say_so() {
    let dir = tempfile::tempdir().unwrap();
    refused(outbox(dir.path(), &["list"]), "no database");
    refused(outbox(dir.path(), &["drop", "abc"]), "no database");
    assert!(
        !dir.path().join("convene.redb").exists(),
        "a listing created a database"
    );
    let out = outbox(dir.path(), &["drop", "x\ny"]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
}
