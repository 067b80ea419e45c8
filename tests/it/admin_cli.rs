//! `convene members list`, `reset-password`, `test-email`, `check-db` and `compact`:
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

fn smtp_env(url: &str) -> [(&'static str, &str); 3] {
    [
        ("CONVENE_MAIL_TRANSPORT", "smtp"),
        ("CONVENE_MAIL_SMTP_URL", url),
        ("CONVENE_MAIL_FROM", "Convene <convene@club.example>"),
    ]
}

/// The owner and host@example.org, a member.
fn with_a_member(dir: &Path) {
    create_owner(dir);
    seed_member(
        dir,
        "host@example.org",
        convene::domain::Role::Member,
        MEMBER_PASSWORD,
    );
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
    let url = sink.url();
    let smtp = smtp_env(&url);
    let mut server = Server::spawn_prepared(&smtp, with_a_member);
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

fn reset_link(sink: &SmtpSink, n: usize) -> (Value, String) {
    let mails = sink.wait_for(n, Duration::from_secs(10));
    let mail = parse_mail(&mails[n - 1]);
    let link = link_in(&mail, "/reset-password/");
    (mail, link)
}

/// `reset-password EMAIL --mail`: the member gets a one-time link and
/// chooses the password themself; a weak one is refused on the page with
/// the link still working; the chosen one signs them in and ends their
/// sessions; a link is spent by use and by a newer link. Stopped, the
/// command queues the mail for the next start.
#[test]
fn a_mailed_link_lets_the_member_choose_a_new_password() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let smtp = smtp_env(&url);
    let mut server = Server::spawn_prepared(&smtp, with_a_member);
    let dir = server.data_dir.clone();
    let member = server.login("host@example.org", MEMBER_PASSWORD);

    let unknown = cli(
        &dir,
        &["reset-password", "nobody@example.org", "--mail"],
        &[],
        None,
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no member has the address"));
    let both = cli(
        &dir,
        &[
            "reset-password",
            "host@example.org",
            "--mail",
            "--password-stdin",
        ],
        &[],
        Some("x\n"),
    );
    assert!(
        !both.status.success(),
        "one way or the other: {}",
        text(&both)
    );

    let said = ok(cli(
        &dir,
        &["reset-password", "host@example.org", "--mail"],
        &[],
        None,
    ));
    assert!(said.contains("queued for host@example.org"), "{said}");
    let (mail, first) = reset_link(&sink, 1);
    assert_eq!(mail["envelope_to"], "host@example.org");
    assert!(
        mail["subject"].as_str().unwrap().contains("new password"),
        "{mail}"
    );
    // A second request spends the first link.
    ok(cli(
        &dir,
        &["reset-password", "host@example.org", "--mail"],
        &[],
        None,
    ));
    let (_, link) = reset_link(&sink, 2);
    assert_ne!(first, link);
    assert_eq!(client().get(&first).send().unwrap().status(), 410);

    let page = client().get(&link).send().unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().unwrap().contains("host@example.org"));
    let french = client()
        .get(&link)
        .header("Accept-Language", "fr")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        french.contains("lang=\"fr\"") && french.contains("Choisissez un nouveau mot de passe"),
        "{french}"
    );
    let weak = client()
        .post(&link)
        .form(&[("password", "password1")])
        .send()
        .unwrap();
    assert_eq!(weak.status(), 422);
    assert!(weak.text().unwrap().contains("at least"));
    assert!(
        signs_in(&server, "host@example.org", MEMBER_PASSWORD),
        "nothing changed yet"
    );
    let done = client()
        .post(&link)
        .form(&[("password", NEW_PASSWORD)])
        .send()
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(signs_in(&server, "host@example.org", NEW_PASSWORD));
    assert!(!signs_in(&server, "host@example.org", MEMBER_PASSWORD));
    assert_eq!(member.get("/api/v1/notifications").status(), 401);
    assert_eq!(client().get(&link).send().unwrap().status(), 410);
    let again = client()
        .post(&link)
        .form(&[("password", "another fine long password")])
        .send()
        .unwrap();
    assert_eq!(again.status(), 410);

    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    let actions: Vec<(String, Value)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["detail"].clone(),
            )
        })
        .collect();
    let sent = actions
        .iter()
        .find(|(a, _)| a == "member.password_reset_link")
        .expect("the link is audited");
    assert_eq!(sent.1["operator"]["via"], "control socket");
    let set = actions
        .iter()
        .find(|(a, _)| a == "member.password_reset")
        .expect("the reset is audited");
    assert_eq!(set.1["via"], "link");
    let token = link.rsplit('/').next().unwrap();
    assert!(
        !server
            .log_lines()
            .iter()
            .any(|l| l.contains(token) || l.contains(NEW_PASSWORD))
    );

    // Stopped: queued in the file, sent when the server starts.
    server.terminate();
    let said = ok(cli(
        &dir,
        &["reset-password", "host@example.org", "--mail"],
        &[],
        None,
    ));
    assert!(said.contains("queued"), "{said}");
    let server = Server::spawn_in(&dir, &smtp);
    let (_, link) = reset_link(&sink, 3);
    // Made from this command's configuration ([server] base_url, else the
    // bind address), which the test server was not started with.
    let path = &link[link.find("/reset-password/").unwrap()..];
    assert_eq!(client().get(server.url(path)).send().unwrap().status(), 200);
    drop(server);
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

/// `compact` needs the file to itself: refused while the server runs, and
/// afterwards the members can sign in as before and check-db is clean.
#[test]
fn compact_is_refused_while_the_server_runs_and_keeps_everything() {
    let mut server = Server::spawn_prepared(&[], with_a_member);
    let dir = server.data_dir.clone();
    let refused = cli(&dir, &["compact"], &[], None);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("stop it first"),
        "{}",
        text(&refused)
    );
    assert!(signs_in(&server, "host@example.org", MEMBER_PASSWORD));
    server.terminate();

    let said = ok(cli(&dir, &["compact"], &[], None));
    // "compacted PATH: N bytes before, M after"
    let sizes: Vec<u64> = said
        .rsplit(": ")
        .next()
        .unwrap_or_default()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        matches!(sizes[..], [before, after] if after <= before && after > 0),
        "{said}"
    );
    let report: Value =
        serde_json::from_str(&ok(cli(&dir, &["check-db", "--json"], &[], None))).unwrap();
    assert_eq!(report["problems"], serde_json::json!([]));
    let server = Server::spawn_in(&dir, &[]);
    assert!(signs_in(&server, "host@example.org", MEMBER_PASSWORD));
    assert!(signs_in(&server, OWNER_EMAIL, OWNER_PASSWORD));
}

/// A server stopped with SIGTERM closes its file: check-db reads it
/// read-only with nothing to repair. One killed with SIGKILL leaves it
/// unclosed: check-db repairs it as a start would, says so, and finds it
/// whole.
#[test]
fn check_db_reads_the_file_of_a_stopped_and_of_a_killed_server() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    create_owner(dir);
    let mut server = Server::spawn_in(dir, &[]);
    server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let stopped = server.terminate().expect("a process");
    assert!(stopped.success(), "{stopped:?}");
    let said = ok(cli(dir, &["check-db"], &[], None));
    assert!(said.contains("(opened read-only)"), "{said}");
    assert!(
        !server
            .log_lines()
            .iter()
            .any(|l| l.contains("still in use at exit")),
        "{:?}",
        server.log_lines()
    );

    let mut server = Server::spawn_in(dir, &[]);
    server.login(OWNER_EMAIL, OWNER_PASSWORD);
    server.kill9();
    let said = ok(cli(dir, &["check-db"], &[], None));
    assert!(said.contains("repaired as a start would"), "{said}");
    assert!(said.contains("every record decodes"), "{said}");
    let server = Server::spawn_in(dir, &[]);
    server.login(OWNER_EMAIL, OWNER_PASSWORD);
}
