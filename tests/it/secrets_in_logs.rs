//! The whole log of a run at debug level holds none of the passwords,
//! tokens and keys that the run used: sign-in (right and wrong), the
//! session's CSRF token and cookie, an API key (good and made up), an
//! invitation link and the joining member's password, a feed address, a
//! webhook's secret, a calendar's password, a guest's manage link, a
//! password reset link.

use std::time::Duration;

use reqwest::header::SET_COOKIE;
use serde_json::{Value, json};

use crate::common::*;

const WRONG_PASSWORD: &str = "wrong horse battery staple";
const JOINER_PASSWORD: &str = "saffron kettle drifts north";
const CALENDAR_PASSWORD: &str = "calendar pass 7Yq2";
const MADE_UP_KEY: &str = "cvn_madeUpKeyThatNobodyIssued0123456789";

fn json_of(res: reqwest::blocking::Response, what: &str) -> Value {
    assert!(
        res.status().is_success(),
        "{what}: {} {}",
        res.status(),
        res.text().unwrap_or_default()
    );
    res.json().unwrap()
}

/// The last path segment of a link, without a file extension.
fn token_of(link: &str) -> String {
    let last = link.trim_end_matches('/').rsplit('/').next().unwrap();
    last.split('.').next().unwrap().to_string()
}

#[test]
fn no_password_token_or_key_reaches_the_log() {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let ics = IcsServer::start();
    ics.publish(
        "busy.ics",
        &crlf("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\nEND:VCALENDAR\n"),
    );
    ics.protect("busy.ics", "hana", CALENDAR_PASSWORD);
    let mut server = Server::spawn_prepared(
        &[
            ("CONVENE_LOG", "debug"),
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", smtp.as_str()),
            ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8"),
        ],
        create_owner,
    );
    let mut secrets: Vec<(&str, String)> = vec![
        ("owner's password", OWNER_PASSWORD.into()),
        ("wrong password", WRONG_PASSWORD.into()),
        ("joining member's password", JOINER_PASSWORD.into()),
        ("calendar password", CALENDAR_PASSWORD.into()),
        ("made-up API key", MADE_UP_KEY.into()),
    ];

    // Signing in, rightly and wrongly; the session cookie and CSRF token.
    let res = client()
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": OWNER_EMAIL, "password": WRONG_PASSWORD }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client()
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": OWNER_EMAIL, "password": OWNER_PASSWORD }))
        .send()
        .unwrap();
    let cookie = res
        .headers()
        .get(SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .and_then(|c| c.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("a session cookie");
    secrets.push(("session cookie", cookie));
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    secrets.push(("CSRF token", owner.csrf.clone()));
    let me = owner.member_id.clone();

    // An API key, used; a made-up one, refused.
    let key = json_of(
        owner.post("/api/v1/api-keys", json!({ "name": "script" })),
        "api key",
    )["key"]
        .as_str()
        .unwrap()
        .to_string();
    let res = client()
        .get(server.url("/api/v1/members"))
        .bearer_auth(&key)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client()
        .get(server.url("/api/v1/members"))
        .bearer_auth(MADE_UP_KEY)
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    secrets.push(("API key", key));

    // An invitation followed by its link.
    json_of(
        owner.post(
            "/api/v1/invitations",
            json!({ "emails": ["ann@example.org"], "role": "member" }),
        ),
        "invitation",
    );
    let mails = sink.wait_for(1, Duration::from_secs(20));
    let link = link_in(&parse_mail(&mails[0]), "/join/");
    let join_token = token_of(&link);
    assert_eq!(client().get(&link).send().unwrap().status(), 200);
    json_of(
        client()
            .post(server.url(&format!("/api/v1/join/{join_token}")))
            .json(
                &json!({ "first_name": "Ann", "last_name": "Smith", "password": JOINER_PASSWORD }),
            )
            .send()
            .unwrap(),
        "join",
    );
    secrets.push(("invitation token", join_token));

    // A feed address, read.
    let feed = json_of(owner.get(&format!("/api/v1/members/{me}/feed")), "feed")["url"]
        .as_str()
        .unwrap()
        .to_string();
    let feed_path = feed.split_once("/ical/").map(|(_, p)| p).unwrap();
    let res = client()
        .get(server.url(&format!("/ical/{feed_path}")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    secrets.push(("feed token", token_of(&feed)));

    // A webhook's secret.
    let hook = json_of(
        owner.post(
            "/api/v1/webhooks",
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["booking.created"] }),
        ),
        "webhook",
    );
    secrets.push((
        "webhook secret",
        hook["secret"].as_str().unwrap().to_string(),
    ));

    // A calendar behind a password, read once.
    let cal = json_of(
        owner.post(
            &format!("/api/v1/members/{me}/calendars"),
            json!({ "kind": "ical_url", "url": ics.url("/busy.ics"), "username": "hana",
                    "password": CALENDAR_PASSWORD }),
        ),
        "calendar",
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = owner.post(
        &format!("/api/v1/members/{me}/calendars/{cal}/sync"),
        json!({}),
    );
    assert!(res.status().is_success(), "{}", res.text().unwrap());

    // A guest's booking, its manage link opened and used.
    page_with_a_booking(&owner, &me, "intro");
    let mail = eventually(Duration::from_secs(20), "the guest's mail", || {
        sink.messages()
            .iter()
            .map(|m| parse_mail(m))
            .find(|m| m["to"].as_str().is_some_and(|t| t.contains("gail@")))
    });
    let manage = link_in(&mail, "/booking/");
    assert_eq!(client().get(&manage).send().unwrap().status(), 200);
    let manage_token = token_of(&manage);
    let res = client()
        .post(server.url(&format!("/api/v1/public/bookings/{manage_token}/cancel")))
        .json(&json!({ "reason": "changed plans" }))
        .send()
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().unwrap());
    secrets.push(("manage token", manage_token));

    // A password reset link, mailed through the running server.
    let out = run_cli(
        &["reset-password", "ann@example.org", "--mail"],
        &[(
            "CONVENE_STORAGE_DATA_DIR",
            server.data_dir.to_str().unwrap(),
        )],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mail = eventually(Duration::from_secs(20), "the reset mail", || {
        sink.messages()
            .iter()
            .map(|m| parse_mail(m))
            .find(|m| text_of(m).contains("/reset-password/"))
    });
    let reset = link_in(&mail, "/reset-password/");
    assert_eq!(client().get(&reset).send().unwrap().status(), 200);
    secrets.push(("password reset token", token_of(&reset)));

    server.terminate();
    let log = server.log_lines().join("\n");
    assert!(
        log.contains("failed sign-in") && log.lines().count() > 30,
        "the log was read: {log}"
    );
    let found: Vec<&str> = secrets
        .iter()
        .filter(|(_, secret)| log.contains(secret.as_str()))
        .map(|(what, _)| *what)
        .collect();
    assert!(found.is_empty(), "in the log: {found:?}\n{log}");
}
