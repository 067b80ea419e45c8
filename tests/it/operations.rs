//! What an admin running the server needs from the binary: `healthcheck`,
//! `restore`, JSON logs, scheduled backups, `HEAD /healthz`.

use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

#[test]
fn healthcheck_answers_for_a_running_server_and_fails_without_one() {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let mut server = Server::spawn_with(&[("CONVENE_SERVER_BIND", bind.as_str())]);
    let env = [("CONVENE_SERVER_BIND", bind.as_str())];
    let out = run_cli(&["healthcheck"], &env, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // HEAD too, and the version is in the answer.
    let res = client().head(server.url("/healthz")).send().unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = client()
        .get(server.url("/healthz"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    server.terminate();
    let out = run_cli(&["healthcheck"], &env, None);
    assert!(!out.status.success(), "no server, no success");
    let wild = format!("0.0.0.0:{port}");
    let out = run_cli(
        &["healthcheck"],
        &[("CONVENE_SERVER_BIND", wild.as_str())],
        None,
    );
    assert!(!out.status.success());
}

/// `/healthz?full` tells an admin (session or API key) the mail queue and
/// the last run of every job; nobody else learns them.
#[test]
fn healthz_full_shows_an_admin_the_queue_and_the_jobs() {
    let mut server = Server::spawn_prepared(&[], |dir| {
        create_owner(dir);
        seed_member(
            dir,
            "plain@club.example",
            convene::domain::Role::Member,
            "plain member password 1",
        );
    });
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    assert_eq!(
        owner
            .post("/api/v1/jobs/token_cleanup/run", json!({}))
            .status(),
        202
    );
    let body: Value = eventually(Duration::from_secs(10), "a job run recorded", || {
        let body: Value = owner.get("/healthz?full").json().ok()?;
        let ran = body["jobs"]
            .as_array()?
            .iter()
            .any(|j| j["name"] == "token_cleanup" && j["last_ok"] == true);
        ran.then_some(body)
    });
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    let outbox = &body["outbox"];
    for field in ["queued", "failed", "held", "sent", "overdue_seconds"] {
        assert!(outbox[field].is_u64(), "{field}: {body}");
    }
    assert!(body["database_bytes"].as_u64().unwrap() > 0);
    let job = body["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["name"] == "token_cleanup")
        .unwrap();
    for field in [
        "last_run_at",
        "last_success_at",
        "next_run_at",
        "last_duration_ms",
    ] {
        assert!(!job[field].is_null(), "{field}: {job}");
    }

    let created: Value = owner
        .post("/api/v1/api-keys", json!({ "name": "monitoring" }))
        .json()
        .unwrap();
    let key = created["key"].as_str().unwrap();
    let by_key: Value = client()
        .get(server.url("/healthz?full=1"))
        .bearer_auth(key)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(by_key["jobs"].is_array(), "{by_key}");

    // Without an admin: the short answer stays public, the full one does not.
    let plain: Value = client()
        .get(server.url("/healthz"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(plain.get("outbox").is_none() && plain.get("jobs").is_none());
    let anon = client().get(server.url("/healthz?full")).send().unwrap();
    assert_eq!(error_code(anon, 401)["code"], "unauthorized");
    let member = server.login("plain@club.example", "plain member password 1");
    assert_eq!(member.get("/healthz?full").status(), 403);
    server.terminate();
}

#[test]
fn restore_refuses_a_running_server_checks_the_file_and_puts_the_backup_back() {
    let mut server = Server::spawn_prepared(&[], create_owner);
    let dir = server.data_dir.clone();
    let data = dir.to_str().unwrap().to_string();
    let env = [("CONVENE_STORAGE_DATA_DIR", data.as_str())];
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(
        owner
            .post("/api/v1/departments", json!({ "name": "Before" }))
            .status(),
        201
    );
    let backup = dir.join("before.redb");
    let out = run_cli(&["backup", "--out", backup.to_str().unwrap()], &env, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Refused while the server runs: nothing is touched.
    let out = run_cli(&["restore", backup.to_str().unwrap()], &env, None);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("running"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        owner
            .post("/api/v1/departments", json!({ "name": "After" }))
            .status(),
        201
    );
    server.terminate();
    // Not a backup: refused, the database kept.
    let junk = dir.join("junk.redb");
    std::fs::write(&junk, b"not a database").unwrap();
    let out = run_cli(&["restore", junk.to_str().unwrap()], &env, None);
    assert!(!out.status.success());
    let out = run_cli(&["restore", backup.to_str().unwrap()], &env, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("convene.redb.before-restore").exists());
    let server = server.restart();
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let deps: Value = owner.get("/api/v1/departments").json().unwrap();
    let names = format!("{deps}");
    assert!(
        names.contains("Before") && !names.contains("After"),
        "{names}"
    );
}

#[test]
fn json_logs_are_one_object_per_line() {
    let server = Server::spawn_with(&[("CONVENE_LOG_FORMAT", "json")]);
    let _ = client().get(server.url("/healthz")).send().unwrap();
    let line = server.wait_for_log("listening", Duration::from_secs(10));
    let parsed: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
    assert!(
        parsed["level"].is_string() && parsed["timestamp"].is_string(),
        "{parsed}"
    );
}

#[test]
fn scheduled_backups_are_written_and_only_the_newest_kept() {
    let server = Server::spawn_prepared(
        &[
            ("CONVENE_BACKUP_SCHEDULE", "* * * * * *"),
            ("CONVENE_BACKUP_KEEP", "2"),
        ],
        create_owner,
    );
    let dir = server.data_dir.join("backups");
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let files = eventually(Duration::from_secs(20), "three backups written", || {
        let jobs: Value = owner.get("/api/v1/jobs").json().unwrap();
        let runs = jobs["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["name"] == "backup")
            .and_then(|j| j["last_run"]["outcome"].as_str().map(str::to_string));
        let files: Vec<_> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .collect();
        (runs.is_some_and(|o| o.contains("1 old backups removed")) && !files.is_empty())
            .then_some(files)
    });
    assert!(files.len() <= 3, "kept {}", files.len());
}

/// Backups on a schedule while a guest books, one booking after another:
/// a backup restored with `convene restore` answers the API as the server
/// did for everything it holds, and what it holds is exactly the bookings
/// committed before it was taken, in order, none half-written.
#[test]
fn a_scheduled_backup_taken_while_bookings_are_made_restores_to_the_same_answers() {
    let server = Server::spawn_prepared(
        &[
            ("CONVENE_BACKUP_SCHEDULE", "* * * * * *"),
            ("CONVENE_BACKUP_KEEP", "50"),
            ("CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE", "0"),
        ],
        create_owner,
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "00:00-24:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "drill", "title": "Drill", "duration_minutes": 5, "slot_step_minutes": 5,
                "hosts": [me], "assignment": "single", "min_notice_minutes": 0, "horizon_days": 60 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let backups = server.data_dir.join("backups");
    let count_backups = || {
        std::fs::read_dir(&backups)
            .map(|d| d.filter_map(Result::ok).count())
            .unwrap_or(0)
    };
    let first = chrono::Utc::now().date_naive() + chrono::Duration::days(2);
    let guest = client();
    let mut acknowledged = Vec::new();
    let started = count_backups();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    // Bookings until three backups have been taken during them.
    while count_backups() < started + 3 {
        assert!(std::time::Instant::now() < deadline, "no backups written");
        let start = first.and_hms_opt(0, 0, 0).unwrap().and_utc()
            + chrono::Duration::minutes(5 * acknowledged.len() as i64);
        let res = guest
            .post(server.url("/api/v1/public/booking-pages/drill/bookings"))
            .json(&json!({ "start": start.to_rfc3339(), "name": "Gail Guest",
                           "email": "gail@example.com", "timezone": "UTC" }))
            .send()
            .unwrap();
        assert_eq!(res.status(), 201);
        acknowledged.push(
            res.json::<Value>().unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let mut files: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    // The one before the newest: taken while bookings went on around it.
    let chosen = files[files.len() - 2].clone();

    let restored_dir = tempfile::tempdir().unwrap();
    let env = [(
        "CONVENE_STORAGE_DATA_DIR",
        restored_dir.path().to_str().unwrap(),
    )];
    let out = run_cli(&["restore", chosen.to_str().unwrap()], &env, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = Server::spawn_in(restored_dir.path(), &[]);
    let again = restored.login(OWNER_EMAIL, OWNER_PASSWORD);
    let mut held = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = again
            .get(&format!("/api/v1/bookings?limit=200{cursor}"))
            .json()
            .unwrap();
        held.extend(page["bookings"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert!(!held.is_empty(), "the backup holds bookings");
    assert!(
        held.len() < acknowledged.len(),
        "the backup was taken during the bookings"
    );
    // In start order, which is the order they were made: the first ones.
    let held_ids: Vec<&str> = held.iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(held_ids, acknowledged[..held.len()].to_vec());
    for b in &held {
        let id = b["id"].as_str().unwrap();
        let path = format!("/api/v1/bookings/{id}");
        let live: Value = owner.get(&path).json().unwrap();
        let back: Value = again.get(&path).json().unwrap();
        assert_eq!(live, back, "booking {id} answers alike");
    }
    let live: Value = owner.get("/api/v1/members").json().unwrap();
    let back: Value = again.get("/api/v1/members").json().unwrap();
    assert_eq!(live, back);
}

#[test]
fn a_failed_sign_in_is_one_line_with_the_address_and_the_proxy_request_id_is_kept() {
    let server = Server::spawn_prepared(&[], create_owner);
    let res = client()
        .post(server.url("/api/v1/session"))
        .header("X-Request-Id", "proxy-42.a")
        .json(&json!({ "email": OWNER_EMAIL, "password": "wrong password here" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["x-request-id"], "proxy-42.a");
    let line = server.wait_for_log("failed sign-in from 127.0.0.1", Duration::from_secs(10));
    assert!(!line.contains(OWNER_EMAIL), "no account hint: {line}");
    let request = server.wait_for_log("proxy-42.a", Duration::from_secs(10));
    assert!(request.contains("client=127.0.0.1"), "{request}");
    // A request id that is not a plain token is replaced by one of ours.
    let res = client()
        .get(server.url("/healthz"))
        .header("X-Request-Id", "bad id\twith spaces")
        .send()
        .unwrap();
    assert_ne!(res.headers()["x-request-id"], "bad id\twith spaces");
}

#[test]
fn a_known_path_asked_with_another_method_is_405_with_allow() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/webhooks/abc",
        Some(json!({})),
    );
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "DELETE");
    assert_eq!(
        res.json::<Value>().unwrap()["error"]["code"],
        "method_not_allowed"
    );
    let res = client()
        .request(
            reqwest::Method::from_bytes(b"TRACE").unwrap(),
            server.url("/healthz"),
        )
        .send()
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, HEAD");
    // An unknown path stays 404.
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/nothing-here",
        Some(json!({})),
    );
    assert_eq!(res.status(), 404);
}

/// The access log is the operator's choice: errors only, and a cap per
/// second whose left-out lines are counted in one summary.
#[test]
fn the_access_log_can_keep_errors_only_and_caps_its_lines() {
    let server = Server::spawn_with(&[("CONVENE_LOG_ACCESS", "errors")]);
    for _ in 0..3 {
        assert_eq!(
            client()
                .get(server.url("/healthz"))
                .send()
                .unwrap()
                .status(),
            200
        );
    }
    let missing = client().get(server.url("/no-such-page")).send().unwrap();
    assert_eq!(missing.status(), 404);
    let line = server.wait_for_log("status=404", Duration::from_secs(10));
    assert!(line.contains("request"), "{line}");
    assert!(
        !server
            .log_lines()
            .iter()
            .any(|l| l.contains("route=/healthz") && l.contains("status=200")),
        "a 200 was logged with access = errors"
    );

    let capped = Server::spawn_with(&[("CONVENE_LOG_ACCESS_LINES_PER_SECOND", "5")]);
    let started = std::time::Instant::now();
    for _ in 0..60 {
        client().get(capped.url("/healthz")).send().unwrap();
    }
    // One more in a later second says how many were left out.
    std::thread::sleep(Duration::from_millis(1100));
    client().get(capped.url("/healthz")).send().unwrap();
    let summary = capped.wait_for_log("request lines left out", Duration::from_secs(10));
    assert!(summary.contains("left_out="), "{summary}");
    let written = capped
        .log_lines()
        .iter()
        .filter(|l| l.contains("route=/healthz"))
        .count();
    let seconds = started.elapsed().as_secs() as usize + 1;
    assert!(
        written <= 5 * (seconds + 1),
        "{written} lines in {seconds} s"
    );
    assert!(written < 61, "the cap left nothing out");
}

/// HTML pages too: a page asked with a method it does not take is a 405
/// page (in the reader's language) that names the methods it does; HEAD is
/// answered wherever GET is, without a body.
#[test]
fn an_html_page_asked_with_another_method_is_405_and_head_is_answered() {
    let (server, _owner, _) = server_with_hosts(&[], 0);
    let res = client()
        .delete(server.url("/login"))
        .header("Accept-Language", "fr")
        .send()
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, HEAD, POST");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let page = res.text().unwrap();
    assert!(page.contains("lang=\"fr\""), "{page}");
    let res = client().get(server.url("/logout")).send().unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "POST");

    let get = client().get(server.url("/login")).send().unwrap();
    assert_eq!(get.status(), 200);
    let head = client().head(server.url("/login")).send().unwrap();
    assert_eq!(head.status(), 200);
    assert!(
        head.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(head.text().unwrap().is_empty());
    // An unknown page stays 404, whatever the method.
    let res = client()
        .delete(server.url("/no-such-page/at/all"))
        .send()
        .unwrap();
    assert_eq!(res.status(), 404);
}

/// `restore --hold-outbox`: what was queued in the backup waits, shown as
/// held, until an admin releases it; then it goes.
#[test]
fn a_restore_can_hold_the_queued_mail_until_an_admin_releases_it() {
    let closed = format!("smtp://127.0.0.1:{}", free_port());
    let smtp = |url: &str| {
        vec![
            ("CONVENE_MAIL_TRANSPORT", "smtp".to_string()),
            ("CONVENE_MAIL_SMTP_URL", url.to_string()),
            ("CONVENE_MAIL_FROM", "Convene <convene@club.example>".into()),
            ("CONVENE_MAIL_RETRY_BASE_SECONDS", "3600".into()),
        ]
    };
    let down = smtp(&closed);
    let down: Vec<(&str, &str)> = down.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut server = Server::spawn_prepared(&down, create_owner);
    let dir = server.data_dir.clone();
    let data = dir.to_str().unwrap().to_string();
    let env = [("CONVENE_STORAGE_DATA_DIR", data.as_str())];
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let res = owner.post(
        "/api/v1/invitations",
        json!({ "emails": ["held@example.org"] }),
    );
    assert_eq!(res.status(), 200);
    let backup = dir.join("queued.redb");
    eventually(Duration::from_secs(10), "the invitation to wait", || {
        (outbox_counts(&owner)["queued"] == 1).then_some(())
    });
    let out = run_cli(&["backup", "--out", backup.to_str().unwrap()], &env, None);
    assert!(out.status.success(), "{out:?}");
    server.terminate();

    let out = run_cli(
        &["restore", "--hold-outbox", backup.to_str().unwrap()],
        &env,
        None,
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{out:?}");
    assert!(
        said.contains("1 queued mail and webhook calls are held"),
        "{said}"
    );

    let sink = SmtpSink::start();
    let up = smtp(&sink.url());
    let up: Vec<(&str, &str)> = up.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let server = Server::spawn_in(&dir, &up);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let counts = outbox_counts(&owner);
    assert_eq!(
        (counts["held"].as_u64(), counts["queued"].as_u64()),
        (Some(1), Some(0))
    );
    let held: Value = owner.get("/api/v1/outbox?state=held").json().unwrap();
    assert_eq!(held["messages"][0]["state"], "held");
    let page = owner.get("/admin/mail?state=held").text().unwrap();
    assert!(page.contains("/admin/mail/release"), "{page}");
    let listed = run_cli(&["outbox", "list"], &env, None);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("1 held"));
    std::thread::sleep(Duration::from_secs(2));
    assert!(sink.messages().is_empty(), "a held mail went out");

    let out = run_cli(&["outbox", "release"], &env, None);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 held messages queued"),
        "{out:?}"
    );
    let mails = sink.wait_for(1, Duration::from_secs(10));
    assert_eq!(parse_mail(&mails[0])["envelope_to"], "held@example.org");
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    assert!(format!("{log}").contains("outbox.released"));
}

/// Under `Type=notify`: READY=1 once it listens, WATCHDOG=1 at half the
/// watchdog period, STOPPING=1 on SIGTERM, on the socket systemd names.
#[test]
fn systemd_hears_ready_the_watchdog_and_stopping() {
    use std::os::unix::net::UnixDatagram;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("notify.sock");
    let socket = UnixDatagram::bind(&path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut server = Server::spawn_with(&[
        ("NOTIFY_SOCKET", path.to_str().unwrap()),
        ("WATCHDOG_USEC", "400000"),
    ]);
    let mut heard = Vec::new();
    let mut buf = [0u8; 256];
    while heard
        .iter()
        .filter(|m: &&String| *m == "WATCHDOG=1")
        .count()
        < 2
    {
        let n = socket.recv(&mut buf).expect("no notification in time");
        heard.push(String::from_utf8_lossy(&buf[..n]).into_owned());
    }
    assert!(
        heard[0].starts_with("READY=1\nSTATUS=listening on http://127.0.0.1:"),
        "{heard:?}"
    );
    assert_eq!(
        client()
            .get(server.url("/healthz"))
            .send()
            .unwrap()
            .status(),
        200
    );
    server.terminate();
    loop {
        let n = socket.recv(&mut buf).expect("no STOPPING=1");
        if &buf[..n] == b"STOPPING=1" {
            break;
        }
    }
}

/// The operational counters, read with Prometheus' own parser: delivery
/// attempts by outcome, rate-limit refusals, job runs, bookings. A process
/// of its own: the counters are the process's, and other tests' in-process
/// servers would add to them.
#[test]
fn metrics_count_deliveries_refusals_and_jobs() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let server = Server::spawn_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
            ("CONVENE_MAIL_FROM", "Convene <convene@club.example>"),
            ("CONVENE_AUTH_LOGIN_PER_IP_PER_MINUTE", "3"),
        ],
        create_owner,
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let res = owner.post(
        "/api/v1/invitations",
        json!({ "emails": ["counted@example.org"] }),
    );
    assert_eq!(res.status(), 200);
    sink.wait_for(1, Duration::from_secs(10));
    let res = owner.post("/api/v1/jobs/token_cleanup/run", json!({}));
    assert_eq!(res.status(), 202);
    let anon = client();
    let refused = (0..6)
        .map(|_| {
            anon.post(server.url("/api/v1/session"))
                .json(&json!({ "email": "x@example.org", "password": "wrong wrong wrong" }))
                .send()
                .unwrap()
                .status()
        })
        .filter(|s| *s == 429)
        .count();
    assert!(refused > 0);

    let mut text = String::new();
    let samples = eventually(Duration::from_secs(10), "the counters", || {
        text = anon
            .get(server.url("/metrics"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let mut parse = std::process::Command::new(python())
            .arg(support("read_metrics.py"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        parse
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let out = parse.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}\n{text}",
            String::from_utf8_lossy(&out.stderr)
        );
        let samples: Value = serde_json::from_slice(&out.stdout).unwrap();
        let sent = samples["convene_outbox_attempts_total{kind=mail,outcome=sent}"].as_f64();
        let job = samples["convene_job_last_run_ok{name=token_cleanup}"].as_f64();
        (sent >= Some(1.0) && job == Some(1.0)).then_some(samples)
    });
    assert_eq!(
        samples["convene_rate_limited_total{limit=sign_in}"].as_f64(),
        Some(refused as f64)
    );
    assert_eq!(
        samples["convene_outbox_attempts_total{kind=webhook,outcome=failed}"].as_f64(),
        Some(0.0)
    );
    assert!(
        samples["convene_job_last_success_timestamp_seconds{name=token_cleanup}"].as_f64()
            > Some(0.0)
    );
    assert!(samples["convene_job_last_duration_seconds{name=token_cleanup}"].is_number());
    for name in [
        "convene_bookings_created_total{}",
        "convene_bookings_cancelled_total{}",
        "convene_calendar_syncs_total{outcome=ok}",
        "convene_build_info{version=",
    ] {
        assert!(
            samples
                .as_object()
                .unwrap()
                .keys()
                .any(|k| k.starts_with(name)),
            "{name} missing"
        );
    }

    // Prometheus' own linter accepts the busy server's page.
    let mut lint = std::process::Command::new(promtool())
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    lint.stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = lint.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // Every metric the shipped alert rules read is one the server writes.
    let rules = repo_file("docs/prometheus/convene-rules.yml");
    let names: std::collections::BTreeSet<String> = rules
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("convene_") || w.starts_with("process_"))
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} "))),
            "the alert rules read {name}, which /metrics does not have"
        );
    }
}

/// The alert rules printed in docs/OPERATIONS.md are the shipped file.
#[test]
fn the_alert_rules_in_the_guide_are_the_shipped_file() {
    let guide = repo_file("docs/OPERATIONS.md");
    let block = guide
        .split("Alert rules (")
        .nth(1)
        .and_then(|rest| rest.split("```yaml\n").nth(1))
        .and_then(|rest| rest.split("```").next())
        .expect("the alert rules block in docs/OPERATIONS.md");
    let file = repo_file("docs/prometheus/convene-rules.yml");
    let body: String = file
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        block, body,
        "docs/OPERATIONS.md and convene-rules.yml differ"
    );
}
