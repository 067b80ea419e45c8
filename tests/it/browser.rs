//! The members UI in headless Chromium (playwright-core): invite
//! teammates, join by the mailed link, approve from the pending list;
//! the schedule editor; a guest booking across time zones; and stories
//! (booking in French on a phone, a member reading Japanese, booking with
//! the keyboard only, the owner's first run), each checked with axe-core.
//! Screenshots land in target/screenshots/.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::*;
use serde_json::json;

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
    owner.post("/api/v1/positions", json!({ "name": "Consultant" }));

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
    // Monday as typed, with the added interval, and copied to Friday.
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        assert_eq!(
            s["weekly"][day],
            json!([{ "start": "09:00", "end": "12:00" }, { "start": "13:00", "end": "18:00" }]),
            "{day}"
        );
        assert_eq!(
            s["breaks"][day],
            json!([{ "start": "15:00", "end": "15:15" }]),
            "{day}"
        );
        assert_eq!(s["daily_caps"][day], 4, "{day}");
    }
    // The refused cap on Sunday was never saved.
    assert!(s["weekly"].get("sun").is_none() && s["daily_caps"].get("sun").is_none());
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

// ------------------------------------------------------------- stories
// Each story of stories.cjs ends on a screenshot and an axe-core check.

/// Runs one phase of stories.cjs; returns its standard output (which
/// lists every serious or critical axe finding, known ones too).
fn run_story(server: &Server, phase: &str, extra: &[(&str, &str)]) -> String {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/stories.cjs");
    let modules = node_modules();
    assert!(
        Path::new(&modules).join("axe-core").exists(),
        "axe-core is missing: run `bash .ci/run` once"
    );
    let out = Command::new("node")
        .arg(script)
        .arg(phase)
        .env("NODE_PATH", modules)
        .env("BASE_URL", &server.base)
        .env("SHOTS", &shots)
        .envs(extra.iter().copied())
        .output()
        .expect("node");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "story {phase} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    print!("{stdout}");
    stdout
}

/// A day as French writes it short ("ven. 4 déc. 2026"), spelled out here
/// rather than taken from the server's own formatting.
fn french_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    const MONTHS: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    format!(
        "{} {} {} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// A day as Japanese writes it ("2026年12月4日(金)").
fn japanese_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
    format!(
        "{}年{}月{}日({})",
        d.year(),
        d.month(),
        d.day(),
        DAYS[d.weekday().num_days_from_sunday() as usize]
    )
}

/// The owner's server with a booking page "consult" of 30 minutes, the
/// owner working 09:00–17:00 in Paris every day; returns the day three
/// days ahead in Paris.
fn paris_booking_page() -> (Server, Session, chrono::NaiveDate) {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Europe/Paris", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "consult", "title": "Consultation", "duration_minutes": 30,
                "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let day = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        + chrono::Duration::days(3);
    (server, owner, day)
}

#[test]
fn story_guest_books_in_french_on_a_phone() {
    let (server, owner, day) = paris_booking_page();
    let day_text = day.to_string();
    let (fr, ja) = (french_date(day), japanese_date(day));
    let out = run_story(
        &server,
        "guest-fr",
        &[
            ("SLUG", "consult"),
            ("DAY", day_text.as_str()),
            ("FR_DATE", fr.as_str()),
            ("JA_DATE", ja.as_str()),
        ],
    );
    assert!(out.contains("BOOKING_URL="), "{out}");
    let list: serde_json::Value = owner.get("/api/v1/bookings").json().unwrap();
    let bookings = list["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), 1, "{list}");
    let b = &bookings[0];
    assert_eq!(b["guest"]["name"], "Camille Martin");
    assert_eq!(b["guest"]["timezone"], "Europe/Paris");
    assert_eq!(b["notes"], "À bientôt");
    let start: chrono::DateTime<chrono::Utc> = b["start"].as_str().unwrap().parse().unwrap();
    let local = start.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(local.date_naive(), day);
    assert_eq!(local.format("%H:%M").to_string(), "09:00");
}

#[test]
fn story_member_reads_japanese() {
    use chrono::TimeZone;

    let sink = SmtpSink::start();
    let url = sink.url();
    let email = "hanako@example.org";
    let mut id = String::new();
    let server = Server::start_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        |dir| {
            create_owner(dir);
            id = seed_member(dir, email, convene::domain::Role::Member, MEMBER_PASSWORD);
        },
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    // Name, zone and language are the member's own to change.
    let hanako = server.login(email, MEMBER_PASSWORD);
    let res = hanako.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{id}"),
        Some(json!({ "language": "ja", "first_name": "花子", "last_name": "山田", "timezone": "Asia/Tokyo" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    set_schedule(&owner, &id, "Asia/Tokyo", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "soudan", "title": "Consultation", "duration_minutes": 30,
                "hosts": [id], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());

    // A guest books 10:00 in Tokyo three days ahead.
    let tokyo = chrono_tz::Asia::Tokyo;
    let day = chrono::Utc::now().with_timezone(&tokyo).date_naive() + chrono::Duration::days(3);
    let start = tokyo
        .from_local_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
        .single()
        .unwrap();
    let res = client()
        .post(server.url("/api/v1/public/booking-pages/soudan/bookings"))
        .json(&json!({ "start": start.to_rfc3339(), "name": "Gail Guest", "email": "gail@example.org", "timezone": "America/New_York" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());

    // The host's mail is in Japanese.
    let mails = sink.wait_for(2, Duration::from_secs(20));
    let host = mails
        .iter()
        .map(|f| parse_mail(f))
        .find(|m| m["envelope_to"] == email)
        .expect("a mail to the host");
    let subject = host["subject"].as_str().unwrap();
    assert!(subject.starts_with("新しい予約："), "{subject}");
    assert!(subject.contains(&japanese_date(day)), "{subject}");
    let body = host["parts"][0]["content"].as_str().unwrap();
    assert!(body.contains("Gail Guest 様から"), "{body}");

    let ja = japanese_date(day);
    run_story(
        &server,
        "member-ja",
        &[
            ("EMAIL", email),
            ("PASSWORD", MEMBER_PASSWORD),
            ("NAME", "山田 花子"),
            ("JA_DATE", ja.as_str()),
        ],
    );
}

#[test]
fn story_booking_with_the_keyboard_only() {
    let (server, owner, day) = paris_booking_page();
    let day_text = day.to_string();
    run_story(
        &server,
        "keyboard",
        &[("SLUG", "consult"), ("DAY", day_text.as_str())],
    );
    let list: serde_json::Value = owner.get("/api/v1/bookings").json().unwrap();
    let bookings = list["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), 1, "{list}");
    assert_eq!(bookings[0]["guest"]["name"], "Kim Keys");
    assert_eq!(bookings[0]["guest"]["email"], "kim@example.org");
}

#[test]
fn story_owner_first_run() {
    let server = Server::start();
    let token = server.setup_token();
    let setup = server.url(&format!("/setup?token={token}"));
    run_story(
        &server,
        "setup",
        &[
            ("SETUP_URL", setup.as_str()),
            ("EMAIL", OWNER_EMAIL),
            ("PASSWORD", OWNER_PASSWORD),
        ],
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let me: serde_json::Value = owner.get("/api/v1/session").json().unwrap();
    assert_eq!(me["member"]["role"], "owner");
    assert_eq!(me["member"]["first_name"], "Olive");
}

#[test]
fn story_admin_creates_a_round_robin_page() {
    let (server, owner, ids) = server_with_hosts(&[], 2);
    for id in &ids {
        set_schedule(&owner, id, "UTC", "09:00-17:00", json!({}));
    }
    let hosts = ids.join(",");
    let out = run_story(
        &server,
        "round-robin",
        &[
            ("EMAIL", OWNER_EMAIL),
            ("PASSWORD", OWNER_PASSWORD),
            ("SLUG", "team-intro"),
            ("HOSTS", hosts.as_str()),
            ("NAMES", "Seeded member"),
        ],
    );
    assert!(out.contains("TIMES="), "{out}");
    // The page as the form made it: round robin, the two members.
    let list: serde_json::Value = owner.get("/api/v1/booking-pages").json().unwrap();
    let page = list["booking_pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "team-intro")
        .cloned()
        .unwrap_or_else(|| panic!("no page team-intro in {list}"));
    assert_eq!(page["assignment"], "round_robin");
    let mut got: Vec<String> = page["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    got.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn an_external_member_enters_dates_on_the_grid_in_japanese_on_a_phone() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, ids) = server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        1,
    );
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.status(), 200);
    let res = owner.post(
        "/api/v1/external-members",
        json!({ "name": "山田 花子", "email": "hanako@example.jp", "organization": "山田商事",
                "contact_member_id": ids[0], "language": "ja" }),
    );
    assert_eq!(res.status(), 201);
    let x: serde_json::Value = res.json().unwrap();
    let mail = parse_mail(&sink.wait_for(1, Duration::from_secs(20))[0]);
    assert!(
        mail["subject"].as_str().unwrap().contains("候補日"),
        "{mail}"
    );
    let text = mail["parts"][0]["content"].as_str().unwrap().to_string();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/connect/"))
        .unwrap()
        .to_string();
    // The page opens in the browser's zone (Tokyo), not the member in
    // charge's (UTC for seeded members).
    let day = days_ahead(2);
    run_story(
        &server,
        "connect-ja",
        &[("CONNECT_URL", link.as_str()), ("DAY", day.as_str())],
    );
    let saved: serde_json::Value = owner
        .get(&format!(
            "/api/v1/external-members/{}",
            x["id"].as_str().unwrap()
        ))
        .json()
        .unwrap();
    assert_eq!(
        saved["ranges"],
        json!([{ "start": format!("{day}T01:00:00Z"), "end": format!("{day}T02:00:00Z") }])
    );
    assert_eq!(saved["timezone"], "Asia/Tokyo");
    assert_eq!(saved["message"], "午前中なら大丈夫です。");
}
