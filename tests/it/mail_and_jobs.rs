//! The outbox against a real SMTP server (aiosmtpd), webhooks against a
//! real HTTP receiver, notifications, preferences and the job scheduler.

use std::path::Path;
use std::time::Duration;

use crate::common::*;
use convene::domain::{IcsAttachment, Mail, OutboxMessage, Payload, Role};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

fn create_owner(dir: &Path, name: &str, org: &str) {
    let out = run_cli(
        &[
            "create-owner",
            "--email",
            OWNER_EMAIL,
            "--name",
            name,
            "--organization",
            org,
            "--password-stdin",
        ],
        &[("CONVENE_STORAGE_DATA_DIR", dir.to_str().unwrap())],
        Some(OWNER_PASSWORD),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn queue_mail(dir: &Path, to: &str, subject: &str, ics: bool) {
    let store = convene::store::Store::open(&dir.join("convene.redb")).unwrap();
    let txn = store.write().unwrap();
    let mail = Mail {
        kind: "test".into(),
        to_email: to.into(),
        to_name: String::new(),
        subject: subject.into(),
        text: "Body".into(),
        html: "<p>Body</p>".into(),
        ics: ics.then(|| IcsAttachment {
            filename: "invite.ics".into(),
            method: "REQUEST".into(),
            content: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
                .into(),
        }),
        reply_to: None,
        unsubscribe_url: None,
        from_booking: None,
    };
    convene::store::enqueue_in(
        &txn,
        &OutboxMessage::new(Payload::Mail(mail), chrono::Utc::now()),
    )
    .unwrap();
    store.commit(txn).unwrap();
}

fn smtp_env(url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("CONVENE_MAIL_TRANSPORT", "smtp".into()),
        ("CONVENE_MAIL_SMTP_URL", url.to_string()),
        ("CONVENE_MAIL_FROM", "Convene <convene@club.example>".into()),
        ("CONVENE_MAIL_RETRY_BASE_SECONDS", "1".into()),
        ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8".into()),
    ]
}

fn as_refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn outbox(session: &Session, state: &str) -> Vec<Value> {
    outbox_messages(session, state)
}

#[test]
fn mail_reaches_a_real_smtp_server_encoded_properly() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url());
    let server = Server::start_prepared(&as_refs(&env), |dir| {
        create_owner(dir, "山田 太郎", "テスト株式会社");
        queue_mail(dir, "guest@example.org", "Your booking ✓ 予約", true);
    });
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let res = session.post("/api/v1/mail/test", json!({}));
    assert_eq!(res.status(), 202);

    let files = sink.wait_for(2, WAIT);
    let mails: Vec<Value> = files.iter().map(|f| parse_mail(f)).collect();
    let test = mails
        .iter()
        .find(|m| m["envelope_to"] == OWNER_EMAIL)
        .unwrap();
    assert_eq!(test["subject"], "Test message from テスト株式会社");
    assert_eq!(test["to_display_name"], "山田 太郎");
    assert_eq!(test["from"], "Convene <convene@club.example>");
    assert_eq!(test["content_type"], "multipart/alternative");
    let parts = test["parts"].as_array().unwrap();
    assert_eq!(parts[0]["content_type"], "text/plain");
    assert_eq!(parts[0]["charset"], "utf-8");
    assert!(
        parts[0]["content"]
            .as_str()
            .unwrap()
            .contains("Hello 山田 太郎")
    );
    assert_eq!(parts[1]["content_type"], "text/html");
    assert!(parts[1]["content"].as_str().unwrap().contains("山田 太郎"));
    // On the wire, headers are RFC 2047 encoded, never raw UTF-8.
    let raw = std::fs::read(
        files
            .iter()
            .find(|f| std::fs::read_to_string(f).unwrap().contains(OWNER_EMAIL))
            .unwrap(),
    )
    .unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let subject_line = raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
    assert!(
        subject_line.contains("=?utf-8?b?") && subject_line.is_ascii(),
        "{subject_line}"
    );

    let booking = mails
        .iter()
        .find(|m| m["envelope_to"] == "guest@example.org")
        .unwrap();
    assert_eq!(booking["subject"], "Your booking ✓ 予約");
    assert_eq!(booking["content_type"], "multipart/mixed");
    let parts = booking["parts"].as_array().unwrap();
    let inline = parts
        .iter()
        .find(|p| p["content_type"] == "text/calendar")
        .unwrap();
    assert_eq!(inline["params"]["method"], "REQUEST");
    let attached = parts
        .iter()
        .find(|p| p["filename"] == "invite.ics")
        .unwrap();
    assert_eq!(attached["content_type"], "application/ics");

    // Both are marked sent.
    eventually(WAIT, "both sent", || {
        (outbox(&session, "sent").len() == 2).then_some(())
    });
}

#[test]
fn a_down_smtp_server_gets_the_mail_once_it_is_up() {
    let port = free_port();
    let env = smtp_env(&format!("smtp://127.0.0.1:{port}"));
    let server =
        Server::start_prepared(&as_refs(&env), |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    session.post("/api/v1/mail/test", json!({}));
    let failed_once = eventually(WAIT, "a failed attempt", || {
        outbox(&session, "queued")
            .into_iter()
            .find(|m| m["attempts"].as_u64() >= Some(1))
    });
    assert!(
        failed_once["last_error"].as_str().unwrap().len() > 5,
        "{failed_once}"
    );

    let sink = SmtpSink::start_on(port);
    let files = sink.wait_for(1, WAIT);
    assert_eq!(parse_mail(&files[0])["envelope_to"], OWNER_EMAIL);
    let sent = eventually(WAIT, "marked sent", || {
        outbox(&session, "sent").into_iter().next()
    });
    assert!(sent["attempts"].as_u64().unwrap() >= 2);
    assert_eq!(sink.messages().len(), 1, "delivered exactly once");
}

#[test]
fn a_permanent_refusal_fails_at_once_and_can_be_retried_by_hand() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url());
    let server = Server::start_prepared(&as_refs(&env), |dir| {
        create_owner(dir, "Ann Smith", "Club");
        queue_mail(dir, "reject-me@example.org", "Never arrives", false);
    });
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let failed = eventually(WAIT, "failed", || {
        outbox(&session, "failed").into_iter().next()
    });
    assert_eq!(failed["attempts"], 1);
    assert!(
        failed["last_error"].as_str().unwrap().contains("550"),
        "{failed}"
    );
    // A 5xx is not retried: failed is final, and a mail queued after it
    // goes out while it stays as it was.
    assert_eq!(session.post("/api/v1/mail/test", json!({})).status(), 202);
    eventually(WAIT, "the later mail sent", || {
        (outbox(&session, "sent").len() == 1).then_some(())
    });
    let failed = outbox(&session, "failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["attempts"], 1, "a 5xx is not retried");

    // The admin page shows it with its error and a retry button.
    let page = session.get("/admin/mail?state=failed").text().unwrap();
    assert!(
        page.contains("reject-me@example.org") && page.contains("550") && page.contains("Retry")
    );
    let id = failed[0]["id"].as_str().unwrap();
    let res = session
        .client
        .post(format!("{}/admin/mail/{id}/retry", server.base))
        .form(&[("csrf_token", session.csrf.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let again = eventually(WAIT, "failed again", || {
        outbox(&session, "failed")
            .into_iter()
            .find(|m| m["attempts"] == 1 && m["id"] == id)
    });
    assert!(again["last_error"].as_str().unwrap().contains("550"));
    assert_eq!(sink.messages().len(), 1, "only the later test mail arrived");
}

/// A process, since it is killed with -9.
#[test]
fn queued_mail_survives_kill_9_and_leaves_once_after_restart() {
    let port = free_port();
    let env = smtp_env(&format!("smtp://127.0.0.1:{port}"));
    let refs = as_refs(&env);
    let mut server = Server::spawn_prepared(&refs, |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    for _ in 0..20 {
        assert_eq!(session.post("/api/v1/mail/test", json!({})).status(), 202);
    }
    assert_eq!(outbox(&session, "queued").len(), 20);
    let tmp = server.take_tempdir();
    server.kill9();

    let sink = SmtpSink::start_on(port);
    let server = Server::start_in(&server.data_dir.clone(), &refs);
    let files = sink.wait_for(20, WAIT);
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    // Once all 20 are recorded as sent and none is queued, nothing is left
    // that could go out a second time.
    eventually(WAIT, "all sent", || {
        (outbox(&session, "sent").len() == 20).then_some(())
    });
    assert_eq!(outbox_counts(&session)["queued"], 0);
    let ids: std::collections::BTreeSet<String> = sink
        .messages()
        .iter()
        .map(|f| parse_mail(f)["message_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 20);
    assert_eq!(ids.len(), 20, "none lost, none twice");
    drop(tmp);
}

fn verify_signature(secret: &str, header: &str, body: &str) -> bool {
    use hmac::{Hmac, Mac};
    let mut t = "";
    let mut v1 = "";
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = v,
            Some(("v1", v)) => v1 = v,
            _ => {}
        }
    }
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    age.abs() < 300 && mac.verify_slice(&hex::decode(v1).unwrap()).is_ok()
}

#[test]
fn webhooks_are_signed_logged_and_retried() {
    let receiver = Receiver::start();
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url());
    let server =
        Server::start_prepared(&as_refs(&env), |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);

    let res = session.post(
        "/api/v1/webhooks",
        json!({ "url": "ftp://example.org/x", "events": ["booking.created"] }),
    );
    assert_eq!(error_code(res, 422)["field"], "url");
    let res = session.post(
        "/api/v1/webhooks",
        json!({ "url": receiver.url("/x"), "events": ["no.such"] }),
    );
    assert_eq!(error_code(res, 422)["field"], "events");

    let res = session.post(
        "/api/v1/webhooks",
        json!({ "url": receiver.url("/hook"), "events": ["booking.created", "member.joined"] }),
    );
    assert_eq!(res.status(), 201);
    let created: Value = res.json().unwrap();
    let (id, secret) = (
        created["id"].as_str().unwrap(),
        created["secret"].as_str().unwrap(),
    );
    assert!(secret.len() >= 32);
    let listed = session.get("/api/v1/webhooks").text().unwrap();
    assert!(!listed.contains(secret), "the secret is shown once");

    // A receiver that fails first gets the same delivery again.
    receiver.set_status(503);
    assert_eq!(
        session
            .post(&format!("/api/v1/webhooks/{id}/ping"), json!({}))
            .status(),
        202
    );
    receiver.wait_for(1, WAIT);
    receiver.set_status(200);
    let got = receiver.wait_for(2, WAIT);
    for call in &got {
        assert_eq!(call.path, "/hook");
        assert_eq!(call.header("Content-Type"), Some("application/json"));
        assert_eq!(call.header("Convene-Event"), Some("webhook.ping"));
        let sig = call.header("Convene-Signature").unwrap();
        assert!(
            verify_signature(secret, sig, &call.body),
            "bad signature {sig}"
        );
        assert!(!verify_signature("wrong secret", sig, &call.body));
    }
    assert_eq!(got[0].body, got[1].body, "a retry sends the same body");
    assert_eq!(
        got[0].header("Convene-Delivery"),
        got[1].header("Convene-Delivery")
    );
    let body: Value = serde_json::from_str(&got[1].body).unwrap();
    assert_eq!(body["event"], "webhook.ping");
    assert!(body["id"].is_string() && body["created_at"].is_string() && body["data"].is_object());

    let log: Value = eventually(WAIT, "two logged attempts", || {
        let v: Value = session
            .get(&format!("/api/v1/webhooks/{id}/deliveries"))
            .json()
            .unwrap();
        (v["deliveries"].as_array().unwrap().len() == 2).then_some(v)
    });
    let statuses: Vec<u64> = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![200, 503], "newest first");
    let page = session.get("/settings/webhooks").text().unwrap();
    assert!(page.contains(&receiver.url("/hook")) && page.contains("503"));

    assert_eq!(
        session
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/webhooks/{id}"),
                None
            )
            .status(),
        204
    );
    assert_eq!(
        session
            .get(&format!("/api/v1/webhooks/{id}/deliveries"))
            .status(),
        404
    );
}

#[test]
fn outbound_calls_to_private_addresses_are_refused_by_default() {
    let server = Server::start_prepared(&[], |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    for url in [
        "http://127.0.0.1:9/hook",
        "http://2130706433/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.8/",
    ] {
        let res = session.post(
            "/api/v1/webhooks",
            json!({ "url": url, "events": ["booking.created"] }),
        );
        let err = error_code(res, 422);
        assert_eq!(err["field"], "url", "{url}");
        assert!(
            err["message"].as_str().unwrap().contains("not public"),
            "{url}: {err}"
        );
    }
    // A name that resolves to loopback passes the URL check but is refused
    // when the call connects.
    let res = session.post(
        "/api/v1/webhooks",
        json!({ "url": "http://localhost:9/hook", "events": ["booking.created"] }),
    );
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    session.post(&format!("/api/v1/webhooks/{id}/ping"), json!({}));
    let failed = eventually(WAIT, "refused delivery", || {
        let v: Value = session
            .get(&format!("/api/v1/webhooks/{id}/deliveries"))
            .json()
            .unwrap();
        v["deliveries"].as_array().unwrap().first().cloned()
    });
    assert!(
        failed["error"].as_str().unwrap().contains("not public"),
        "{failed}"
    );
}

#[test]
fn notifications_follow_the_members_preferences() {
    let receiver = Receiver::start();
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url());
    let server =
        Server::start_prepared(&as_refs(&env), |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);

    let prefs: Value = session
        .get("/api/v1/notification-preferences")
        .json()
        .unwrap();
    assert_eq!(
        prefs["channels"]["booking_created"],
        json!({ "email": true, "in_app": true, "webhook": false })
    );

    let res = session.send(
        reqwest::Method::PUT,
        "/api/v1/notification-preferences",
        Some(json!({ "channels": { "test": { "email": true, "in_app": true, "webhook": true } } })),
    );
    assert_eq!(error_code(res, 422)["field"], "webhook_url");
    let res = session.send(
        reqwest::Method::PUT,
        "/api/v1/notification-preferences",
        Some(json!({
            "channels": { "test": { "email": true, "in_app": true, "webhook": true } },
            "webhook_url": receiver.url("/mine"),
        })),
    );
    assert_eq!(res.status(), 200);

    assert_eq!(
        session
            .post("/api/v1/notifications/test", json!({}))
            .status(),
        202
    );
    let list: Value = session.get("/api/v1/notifications").json().unwrap();
    assert_eq!(list["unread"], 1);
    let n = &list["notifications"][0];
    assert_eq!(n["kind"], "test");
    assert_eq!(n["read"], false);
    let mail = parse_mail(&sink.wait_for(1, WAIT)[0]);
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .contains("Test notification")
    );
    let hook = &receiver.wait_for(1, WAIT)[0];
    assert_eq!(hook.path, "/mine");
    assert!(hook.body.contains("Test notification"));

    // The navigation shows the unread count; opening marks it read.
    let page = session.get("/").text().unwrap();
    assert!(page.contains("1 unread"), "badge missing");
    let id = n["id"].as_str().unwrap();
    let res = session.post(&format!("/api/v1/notifications/{id}/read"), json!({}));
    assert_eq!(res.json::<Value>().unwrap()["read"], true);
    let list: Value = session.get("/api/v1/notifications").json().unwrap();
    assert_eq!(list["unread"], 0);

    // Every channel off: nothing at all.
    session.send(
        reqwest::Method::PUT,
        "/api/v1/notification-preferences",
        Some(json!({ "channels": { "test": { "email": false, "in_app": false, "webhook": false } } })),
    );
    // A notification's mail and webhook call are queued in the request
    // that makes it, so the outbox shows at once whether anything would go.
    let queued_before = outbox_counts(&session);
    session.post("/api/v1/notifications/test", json!({}));
    session.post("/api/v1/notifications/test", json!({}));
    assert_eq!(outbox_counts(&session), queued_before, "nothing queued");
    let list: Value = session.get("/api/v1/notifications").json().unwrap();
    assert_eq!(list["notifications"].as_array().unwrap().len(), 1);
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(receiver.got.lock().unwrap().len(), 1);

    // Mark all read through the page.
    session.post("/api/v1/notifications/test", json!({}));
    let res = session.post("/api/v1/notifications/read-all", json!({}));
    assert_eq!(res.status(), 200);
}

#[test]
fn jobs_run_on_demand_report_and_the_digest_reaches_admins() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink.url());
    let server = Server::start_prepared(&as_refs(&env), |dir| {
        create_owner(dir, "Ann Smith", "Club");
        queue_mail(dir, "reject-this@example.org", "Bounces", false);
    });
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    eventually(WAIT, "failed mail", || {
        outbox(&session, "failed").into_iter().next()
    });

    let jobs: Value = session.get("/api/v1/jobs").json().unwrap();
    let names: Vec<&str> = jobs["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "outbox_sweep",
            "token_cleanup",
            "admin_digest",
            "booking_reminders",
            "calendar_sync"
        ]
    );
    for j in jobs["jobs"].as_array().unwrap() {
        assert!(j["next_run"].is_string(), "{j}");
    }

    assert_eq!(
        session
            .post("/api/v1/jobs/admin_digest/run", json!({}))
            .status(),
        202
    );
    let digest = parse_mail(&sink.wait_for(1, WAIT)[0]);
    assert_eq!(digest["envelope_to"], OWNER_EMAIL);
    assert!(
        digest["subject"].as_str().unwrap().contains("1 failed"),
        "{digest}"
    );

    session.post("/api/v1/jobs/token_cleanup/run", json!({}));
    let run = eventually(WAIT, "token cleanup recorded", || {
        let v: Value = session.get("/api/v1/jobs").json().unwrap();
        v["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["name"] == "token_cleanup" && j["last_run"].is_object())
            .cloned()
    });
    assert_eq!(run["last_run"]["ok"], true);
    assert!(
        run["last_run"]["outcome"]
            .as_str()
            .unwrap()
            .contains("expired sessions")
    );
    let page = session.get("/admin/jobs").text().unwrap();
    assert!(
        page.contains("admin_digest")
            && page.contains("Run now")
            && page.contains("1 digest queued")
    );
    // A reader of another language reads the outcome in theirs.
    let me: Value = session.get("/api/v1/session").json().unwrap();
    let res = session.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{}", me["member"]["id"].as_str().unwrap()),
        Some(json!({ "language": "fr" })),
    );
    assert_eq!(res.status(), 200);
    let page = session.get("/admin/jobs").text().unwrap();
    assert!(page.contains("1 récapitulatif mis en file"), "{page}");
    assert!(page.contains("session"), "{page}");
    assert_eq!(
        error_code(session.post("/api/v1/jobs/nope/run", json!({})), 404)["code"],
        "not_found"
    );
}

#[test]
fn a_bad_cron_expression_stops_the_server_with_the_key_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_cli(
        &["serve"],
        &[
            ("CONVENE_STORAGE_DATA_DIR", dir.path().to_str().unwrap()),
            ("CONVENE_JOBS_ADMIN_DIGEST", "every morning"),
        ],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("jobs.admin_digest") && err.contains("every morning"),
        "{err}"
    );
}

#[test]
fn only_admins_see_the_mail_queue_jobs_and_webhooks() {
    let server = Server::start_prepared(&[], |dir| {
        create_owner(dir, "Ann Smith", "Club");
        seed_member(
            dir,
            "mia@example.org",
            Role::Member,
            "violet tram orbits quietly",
        );
    });
    let member = server.login("mia@example.org", "violet tram orbits quietly");
    for path in ["/api/v1/outbox", "/api/v1/jobs", "/api/v1/webhooks"] {
        assert_eq!(
            error_code(member.get(path), 403)["code"],
            "forbidden",
            "{path}"
        );
    }
    let res = member.post(
        "/api/v1/webhooks",
        json!({ "url": "https://example.org/h", "events": ["booking.created"] }),
    );
    assert_eq!(res.status(), 403);
    assert_eq!(member.post("/api/v1/mail/test", json!({})).status(), 403);
    assert_eq!(member.get("/admin/mail").status(), 403);
    // Every member has notifications and preferences.
    assert_eq!(member.get("/api/v1/notifications").status(), 200);
    assert_eq!(member.get("/settings/notifications").status(), 200);
}

/// The same refusal for the addresses members give for their calendars
/// (iCal and CalDAV, `webcal://` too), on more spellings of the places an
/// outside URL must never reach: loopback in every notation, link-local
/// and cloud metadata, private, shared and unspecified ranges, IPv4 mapped
/// into IPv6, and schemes other than http(s).
#[test]
fn calendar_addresses_to_private_places_are_refused_by_default() {
    let server = Server::start_prepared(&[], |dir| create_owner(dir, "Ann Smith", "Club"));
    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let me = session.member_id.clone();
    let private = [
        "http://127.0.0.1:9/cal.ics",
        "http://127.1/cal.ics",
        "http://2130706433/cal.ics",
        "http://0x7f000001/cal.ics",
        "http://0177.0.0.1/cal.ics",
        "http://0.0.0.0/cal.ics",
        "http://[::1]/cal.ics",
        "http://[::ffff:127.0.0.1]/cal.ics",
        "http://[::ffff:7f00:1]/cal.ics",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00:ec2::254]/latest/meta-data",
        "http://10.0.0.8/cal.ics",
        "http://172.16.5.4/cal.ics",
        "http://192.168.1.1/cal.ics",
        "http://100.64.0.1/cal.ics",
        "http://[fc00::1]/cal.ics",
        "http://[fe80::1]/cal.ics",
        "webcal://127.0.0.1/cal.ics",
        "https://user:pw@127.0.0.1/cal.ics",
    ];
    let mut wrong = Vec::new();
    for kind in ["ical_url", "caldav"] {
        for url in private {
            let res = session.post(
                &format!("/api/v1/members/{me}/calendars"),
                json!({ "kind": kind, "url": url, "username": "u", "password": "p" }),
            );
            let status = res.status().as_u16();
            let body: Value = res.json().unwrap_or(Value::Null);
            let refused = status == 422
                && body["error"]["field"] == "url"
                && body["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("not public"));
            if !refused {
                wrong.push(format!("{kind} {url}: {status} {body}"));
            }
        }
        for url in [
            "file:///etc/passwd",
            "gopher://127.0.0.1:25/",
            "ftp://example.org/cal.ics",
        ] {
            let res = session.post(
                &format!("/api/v1/members/{me}/calendars"),
                json!({ "kind": kind, "url": url }),
            );
            let status = res.status().as_u16();
            let body: Value = res.json().unwrap_or(Value::Null);
            if status != 422 || body["error"]["field"] != "url" {
                wrong.push(format!("{kind} {url}: {status} {body}"));
            }
        }
    }
    assert!(wrong.is_empty(), "let through:\n{}", wrong.join("\n"));
    let listed: Value = session
        .get(&format!("/api/v1/members/{me}/calendars"))
        .json()
        .unwrap();
    assert_eq!(listed["calendars"], json!([]), "nothing was stored");
}
