//! The members UI in headless Chromium (playwright-core): invite
//! teammates, join by the mailed link, approve from the pending list;
//! the schedule editor.
//! Screenshots land in target/screenshots/.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::*;
use serde_json::json;

fn node_modules() -> String {
    std::env::var("CONVENE_TEST_NODE_PATH").unwrap_or_else(|_| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-node/node_modules");
        assert!(
            p.join("playwright-core").exists(),
            "playwright-core is missing: run `bash .ci/run` once"
        );
        p.to_string_lossy().into_owned()
    })
}

fn run_phase(server: &Server, phase: &str, extra: &[(&str, &str)]) {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/members.cjs");
    let out = Command::new("node")
        .arg(script)
        .arg(phase)
        .env("NODE_PATH", node_modules())
        .env("BASE_URL", &server.base)
        .env("EMAIL", OWNER_EMAIL)
        .env("PASSWORD", OWNER_PASSWORD)
        .env("SHOTS", &shots)
        .envs(extra.iter().copied())
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "browser phase {phase} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn invite_join_and_approve_in_a_real_browser() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let server = Server::start_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        create_owner,
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    owner.post("/api/v1/departments", json!({ "name": "Sales" }));

    run_phase(&server, "invite", &[]);

    let mails = sink.wait_for(2, Duration::from_secs(20));
    let ken = mails
        .iter()
        .map(|f| parse_mail(f))
        .find(|m| m["envelope_to"] == "ken@example.org")
        .unwrap();
    let text = ken["parts"][0]["content"].as_str().unwrap().to_string();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/join/"))
        .unwrap()
        .to_string();
    run_phase(&server, "join", &[("JOIN_URL", link.as_str())]);
    server.login("ken@example.org", "violet tram orbits quietly");

    let code: serde_json::Value = owner.get("/api/v1/org/invite-link").json().unwrap();
    let res = client()
        .post(server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": code["code"], "email": "pat@example.org", "first_name": "Pat", "last_name": "Lee", "password": "violet tram orbits quietly" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    run_phase(&server, "approve", &[]);
    server.login("pat@example.org", "violet tram orbits quietly");
}

#[test]
fn schedule_editor_in_a_real_browser() {
    let server = Server::start();
    let owner = server.setup_owner();
    let me: serde_json::Value = owner.get("/api/v1/session").json().unwrap();
    let id = me["member"]["id"].as_str().unwrap().to_string();
    run_phase(&server, "schedule", &[("MEMBER_ID", id.as_str())]);
    let s: serde_json::Value = owner
        .get(&format!("/api/v1/members/{id}/schedule"))
        .json()
        .unwrap();
    assert_eq!(s["timezone"], "Asia/Tokyo");
    assert_eq!(s["weekly"]["mon"][1]["end"], "18:00");
    assert_eq!(s["breaks"]["mon"][0]["start"], "15:00");
    assert_eq!(s["daily_caps"]["mon"], 4);
    let periods: serde_json::Value = owner
        .get(&format!("/api/v1/members/{id}/unavailability"))
        .json()
        .unwrap();
    // 09:00 in Tokyo is 00:00 UTC; the page shows it in Tokyo time.
    assert_eq!(
        periods["unavailability"][0]["start"],
        "2027-05-03T00:00:00Z"
    );
    assert_eq!(periods["unavailability"][0]["end"], "2027-05-07T09:00:00Z");
}

/// Runs one phase of book.cjs; returns its standard output.
fn run_book_script(server: &Server, phase: &str, extra: &[(&str, &str)]) -> String {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/book.cjs");
    let out = Command::new("node")
        .arg(script)
        .arg(phase)
        .env("NODE_PATH", node_modules())
        .env("BASE_URL", &server.base)
        .env("SHOTS", &shots)
        .env("SLUG", "consult")
        .envs(extra.iter().copied())
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "browser booking phase {phase} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn guest_books_in_another_time_zone_in_a_real_browser() {
    use chrono::{NaiveTime, TimeZone, Utc};
    use chrono_tz::{America::New_York, Asia::Tokyo};

    let server = Server::start();
    let owner = server.setup_owner();
    let me: serde_json::Value = owner.get("/api/v1/session").json().unwrap();
    let id = me["member"]["id"].as_str().unwrap().to_string();
    let weekly: serde_json::Map<String, serde_json::Value> =
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .map(|d| (d.to_string(), json!([{ "start": "09:00", "end": "17:00" }])))
            .collect();
    let res = owner.send(
        reqwest::Method::PUT,
        &format!("/api/v1/members/{id}/schedule"),
        Some(json!({ "timezone": "Asia/Tokyo", "weekly": weekly })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({
            "slug": "consult", "title": "Consultation", "duration_minutes": 30,
            "hosts": [id], "assignment": "single", "min_notice_minutes": 0,
            "questions": [{ "label": "Company", "kind": "short_text", "required": true }],
        }),
    );
    assert_eq!(res.status(), 201);
    let created: serde_json::Value = res.json().unwrap();
    let page_id = created["id"].as_str().unwrap().to_string();

    // 09:00 in Tokyo three days ahead, as New York sees it.
    let tokyo_day = Utc::now().with_timezone(&Tokyo).date_naive() + chrono::Duration::days(3);
    let start = Tokyo
        .from_local_datetime(&tokyo_day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()))
        .single()
        .unwrap()
        .with_timezone(&Utc);
    let in_ny = start.with_timezone(&New_York);
    let day = in_ny.date_naive().to_string();
    // As an English reader's time buttons show it.
    let expected = in_ny.format("%-I:%M %p").to_string();
    let out = run_book_script(
        &server,
        "book",
        &[("DAY", day.as_str()), ("EXPECTED", expected.as_str())],
    );
    let booking_url = out
        .lines()
        .find_map(|l| l.strip_prefix("BOOKING_URL="))
        .unwrap()
        .to_string();

    let list: serde_json::Value = owner.get("/api/v1/bookings").json().unwrap();
    let bookings = list["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), 1, "{list}");
    let b = &bookings[0];
    let booked: chrono::DateTime<Utc> = b["start"].as_str().unwrap().parse().unwrap();
    assert_eq!(booked, start, "{b}");
    assert_eq!(booked.format("%H:%M").to_string(), "00:00");
    assert_eq!(b["guest"]["timezone"], "America/New_York");
    assert_eq!(b["guest"]["name"], "Gail Guest");
    assert_eq!(b["answers"][0]["value"], "Acme");

    // The same guest: a second booking of that time is refused, then the
    // booking is moved and cancelled from the guest's link.
    let start_ny = in_ny.to_rfc3339();
    run_book_script(
        &server,
        "manage",
        &[
            ("BOOKING_URL", booking_url.as_str()),
            ("START", start_ny.as_str()),
        ],
    );
    let list: serde_json::Value = owner.get("/api/v1/bookings").json().unwrap();
    let bookings = list["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), 1, "{list}");
    assert_eq!(bookings[0]["state"], "cancelled");
    assert_eq!(bookings[0]["cancel_reason"], "Plans changed");
    assert_eq!(bookings[0]["cancelled_by"], "guest");
    assert_ne!(bookings[0]["start"], b["start"], "moved before cancelling");

    // A switched-off page says so (410), also without a browser.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/booking-pages/{page_id}"),
        Some(json!({ "enabled": false })),
    );
    assert_eq!(res.status(), 200);
    let res = client().get(server.url("/book/consult")).send().unwrap();
    assert_eq!(res.status(), 410);
    assert!(res.text().unwrap().contains("not taking bookings"));
}
