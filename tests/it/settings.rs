//! Settings over HTTP: the organization (page and API on one service),
//! its colour on the public pages, join rules and booking, the test
//! message with the SMTP server's own answer (a real aiosmtpd), API keys
//! regenerated, and the booking page saying why it has no times.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::blocking::Response;
use serde_json::{Value, json};

use crate::common::*;

/// A form posted like a browser without JavaScript, with the CSRF field.
fn location(res: &Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn audit_actions(owner: &Session) -> Vec<String> {
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    log["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no entries in {log}"))
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_string))
        .collect()
}

/// The text between `data-testid="{id}">` and the next `<`.
fn testid_text(html: &str, id: &str) -> String {
    let needle = format!("data-testid=\"{id}\">");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no {id} in {html}"))
        + needle.len();
    html[at..].split('<').next().unwrap_or("").to_string()
}

const ORG_FORM: [(&str, &str); 4] = [
    ("name", "Club du Lac"),
    ("timezone", "Europe/Paris"),
    ("language", "fr"),
    ("brand_color", "#2458d3"),
];

#[test]
fn the_organization_is_saved_from_the_page_and_the_api_alike() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let page = owner.get("/settings").text().unwrap();
    assert!(page.contains("action=\"/settings/organization\""), "{page}");

    let res = owner.post_form("/settings/organization", &ORG_FORM);
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/settings?saved=organization#organization");
    let org: Value = owner.get("/api/v1/org").json().unwrap();
    assert_eq!(org["name"], "Club du Lac");
    assert_eq!(org["timezone"], "Europe/Paris");
    assert_eq!(org["language"], "fr");
    assert_eq!(org["brand_color"], "#2458d3");
    assert_eq!(org["accent"], "#2458d3");
    let saved = owner.get("/settings?saved=organization").text().unwrap();
    assert!(saved.contains("role=\"status\">Saved.</p>"));
    assert!(audit_actions(&owner).contains(&"org.settings_changed".to_string()));
    // The defaults new members get are the same values.
    let d: Value = owner.get("/api/v1/org/defaults").json().unwrap();
    assert_eq!(
        (&d["timezone"], &d["language"]),
        (&json!("Europe/Paris"), &json!("fr"))
    );

    // Refused values come back with their field's error and what was typed.
    for (field, bad, says) in [
        ("name", "   ", "the organization needs a name"),
        ("timezone", "Mars/Olympus", "unknown time zone"),
        ("language", "de", "choose en, ja or fr"),
        ("brand_color", "blue", "is not a colour"),
    ] {
        let pairs: Vec<(&str, &str)> = ORG_FORM
            .iter()
            .map(|&(k, v)| if k == field { (k, bad) } else { (k, v) })
            .collect();
        let res = owner.post_form("/settings/organization", &pairs);
        assert_eq!(res.status(), 422, "{field}");
        let html = res.text().unwrap();
        assert!(
            html.contains(&format!("id=\"f-{field}-error\"")),
            "{field}: {html}"
        );
        assert!(html.contains(says), "{field}: {says}");
        assert!(html.contains("aria-invalid=\"true\""));
        if field == "name" {
            assert!(html.contains("<option value=\"Europe/Paris\" selected>"));
        }
    }
    let unchanged: Value = owner.get("/api/v1/org").json().unwrap();
    assert_eq!(unchanged["name"], "Club du Lac");

    // The API: the same rules, the same answers.
    let res = owner.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "brand_color": "#12345" })),
    );
    let e = error_code(res, 422);
    assert_eq!(e["field"], "brand_color");
    let res = owner.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "colour": "#123456" })),
    );
    assert_eq!(res.status(), 400, "unknown fields are refused");
    let res = owner.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "name": "Lake Club" })),
    );
    assert_eq!(res.status(), 200);
    let org: Value = res.json().unwrap();
    assert_eq!(
        (&org["name"], &org["timezone"]),
        (&json!("Lake Club"), &json!("Europe/Paris"))
    );
    drop(server);
}

#[test]
fn admins_change_the_name_and_colour_owners_also_the_defaults() {
    let mut admin_id = String::new();
    let server = Server::start_prepared(&[], |dir| {
        create_owner(dir);
        admin_id = seed_member(
            dir,
            "ada@example.org",
            convene::domain::Role::Admin,
            MEMBER_PASSWORD,
        );
        seed_member(
            dir,
            "mo@example.org",
            convene::domain::Role::Member,
            MEMBER_PASSWORD,
        );
    });
    assert!(!admin_id.is_empty());
    let admin = server.login("ada@example.org", MEMBER_PASSWORD);
    let member = server.login("mo@example.org", MEMBER_PASSWORD);

    let res = admin.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "timezone": "Asia/Tokyo" })),
    );
    assert_eq!(error_code(res, 403)["field"], "timezone");
    let res = admin.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "name": "Renamed", "brand_color": "#7a1fa2" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap_or_default());

    // On the page, the defaults are locked for an admin and stay as they
    // are when the form is saved.
    let page = admin.get("/settings").text().unwrap();
    assert!(page.contains("name=\"timezone\" disabled"), "{page}");
    let res = admin.post_form(
        "/settings/organization",
        &[("name", "Renamed again"), ("brand_color", "#7a1fa2")],
    );
    assert_eq!(res.status(), 303);
    let org: Value = member.get("/api/v1/org").json().unwrap();
    assert_eq!(org["name"], "Renamed again");
    assert_eq!(org["timezone"], "UTC");

    // Members read it, and change nothing.
    let res = member.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "name": "Mine" })),
    );
    error_code(res, 403);
    let page = member.get("/settings").text().unwrap();
    assert!(!page.contains("/settings/organization"));
    assert_eq!(
        member
            .post_form("/settings/organization", &ORG_FORM)
            .status(),
        403
    );
}

#[test]
fn the_colour_reaches_the_public_pages_readable() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let anon = client();
    let css = anon.get(server.url("/brand.css")).send().unwrap();
    assert_eq!(css.status(), 200);
    assert_eq!(
        css.text().unwrap(),
        "",
        "no colour chosen: app.css keeps its own"
    );
    let login = anon
        .get(server.url("/login"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(login.contains("<link rel=\"stylesheet\" href=\"/brand.css\">"));

    // Too light for white button text: the pages get a darker shade, and
    // the settings page says which.
    let res = owner.send(
        reqwest::Method::PATCH,
        "/api/v1/org",
        Some(json!({ "brand_color": "#FFCC00" })),
    );
    let org: Value = res.json().unwrap();
    assert_eq!(org["brand_color"], "#ffcc00");
    let accent = org["accent"].as_str().unwrap().to_string();
    assert_ne!(accent, "#ffcc00");
    let res = anon.get(server.url("/brand.css")).send().unwrap();
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let css = res.text().unwrap();
    assert!(css.contains(&format!("--accent: {accent};")), "{css}");
    assert!(css.contains("prefers-color-scheme: dark"));
    let again = anon
        .get(server.url("/brand.css"))
        .header("if-none-match", &etag)
        .send()
        .unwrap();
    assert_eq!(again.status(), 304);
    let page = owner.get("/settings").text().unwrap();
    assert!(
        testid_text(&page, "brand-darkened").contains(&accent),
        "{page}"
    );

    // Back to Convene's colour from the form's checkbox.
    let mut pairs = ORG_FORM.to_vec();
    pairs.push(("brand_default", "on"));
    assert_eq!(
        owner.post_form("/settings/organization", &pairs).status(),
        303
    );
    let org: Value = owner.get("/api/v1/org").json().unwrap();
    assert_eq!(org["brand_color"], Value::Null);
    let css = anon
        .get(server.url("/brand.css"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(css, "");
}

#[test]
fn join_rules_and_booking_are_saved_from_the_settings_page() {
    let (_server, owner, _) = server_with_hosts(&[], 0);
    let res = owner.post_form(
        "/settings/join-rules",
        &[
            ("inviting_verification", "on"),
            ("required_fields", "phone"),
            ("required_fields", "department"),
            ("invitation_days", "14"),
        ],
    );
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/settings?saved=join-rules#join-rules");
    let rules: Value = owner.get("/api/v1/org/join-rules").json().unwrap();
    assert_eq!(rules["public_join"], false);
    assert_eq!(rules["inviting_verification"], true);
    assert_eq!(rules["required_fields"], json!(["phone", "department"]));
    assert_eq!(rules["invitation_days"], 14);

    // A refused value keeps the whole form as typed.
    let res = owner.post_form(
        "/settings/join-rules",
        &[
            ("public_join", "on"),
            ("required_fields", "location"),
            ("invitation_days", "ninety"),
        ],
    );
    assert_eq!(res.status(), 422);
    let html = res.text().unwrap();
    assert!(html.contains("id=\"f-invitation_days-error\""), "{html}");
    assert!(html.contains("value=\"ninety\""));
    assert!(html.contains("name=\"required_fields\" value=\"location\" checked"));
    assert!(html.contains("name=\"public_join\" value=\"on\" checked"));
    let rules: Value = owner.get("/api/v1/org/join-rules").json().unwrap();
    assert_eq!(rules["invitation_days"], 14, "nothing saved");

    let res = owner.post_form("/settings/booking", &[("allow_overlap", "on")]);
    assert_eq!(res.status(), 303);
    let b: Value = owner.get("/api/v1/org/booking-settings").json().unwrap();
    assert_eq!(b["allow_overlap"], true);
    assert_eq!(owner.post_form("/settings/booking", &[]).status(), 303);
    let b: Value = owner.get("/api/v1/org/booking-settings").json().unwrap();
    assert_eq!(b["allow_overlap"], false);
    let page = owner.get("/settings").text().unwrap();
    for id in ["join-rules", "booking", "mail", "jobs", "webhooks", "audit"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    assert!(page.contains("outbox_sweep"), "each job with its schedule");
}

// ------------------------------------------------------------ mail test

fn smtp_server(url: &str, prepare: impl FnOnce(&std::path::Path)) -> Server {
    Server::start_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url),
        ],
        prepare,
    )
}

/// Sends the settings' test message and returns the answer page.
fn test_message(s: &Session) -> String {
    let res = s.post_form("/admin/mail/test", &[]);
    assert_eq!(res.status(), 200, "never a 500, whatever the server says");
    res.text().unwrap()
}

#[test]
fn the_test_message_shows_the_smtp_server_s_answer() {
    let sink = SmtpSink::start();
    let server = smtp_server(&sink.url(), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let page = test_message(&owner);
    assert!(
        page.contains(&format!(
            "The mail server 127.0.0.1:{} accepted the message for {OWNER_EMAIL}.",
            sink.port
        )),
        "{page}"
    );
    assert_eq!(testid_text(&page, "smtp-answer"), "250 OK");
    // Sent now, not queued.
    let mails = sink.wait_for(1, Duration::from_secs(10));
    assert_eq!(parse_mail(&mails[0])["envelope_to"], OWNER_EMAIL);
    assert_eq!(outbox_counts(&owner)["queued"], 0);
    assert!(audit_actions(&owner).contains(&"mail.test_sent".to_string()));
}

#[test]
fn a_mail_server_that_refuses_says_why_in_its_own_words() {
    // A recipient the server refuses: its 550 and text, framed in the
    // admin's language.
    let sink = SmtpSink::start();
    let mut id = String::new();
    let server = smtp_server(&sink.url(), |dir| {
        create_owner(dir);
        id = seed_member(
            dir,
            "reject-ada@example.org",
            convene::domain::Role::Admin,
            MEMBER_PASSWORD,
        );
    });
    let admin = server.login("reject-ada@example.org", MEMBER_PASSWORD);
    let res = admin.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{id}"),
        Some(json!({ "language": "fr" })),
    );
    assert_eq!(res.status(), 200);
    let page = test_message(&admin);
    assert!(page.contains("a refusé le message. Sa réponse"), "{page}");
    assert_eq!(
        testid_text(&page, "smtp-answer"),
        "550 5.1.1 mailbox unavailable"
    );
}

#[test]
fn a_closed_port_a_refused_sign_in_and_a_missing_starttls_are_told_apart() {
    // Nothing listens on the port.
    let port = free_port();
    let server = smtp_server(&format!("smtp://127.0.0.1:{port}"), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let page = test_message(&owner);
    assert!(
        page.contains(&format!(
            "Nothing answered at 127.0.0.1:{port}: the connection was refused."
        )),
        "{page}"
    );
    drop(server);

    // A server that refuses the password, with its 535.
    let (mut child, auth_port) = auth_sink();
    let server = smtp_server(
        &format!("smtp://club:wrong@127.0.0.1:{auth_port}"),
        create_owner,
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let page = test_message(&owner);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        page.contains("refused the sign-in. Check the user name and password"),
        "{page}"
    );
    assert_eq!(
        testid_text(&page, "smtp-answer"),
        "535 5.7.8 Authentication credentials invalid"
    );
    drop(server);

    // STARTTLS required, and the server does not offer it.
    let sink = SmtpSink::start();
    let server = smtp_server(&format!("{}?tls=starttls", sink.url()), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let page = test_message(&owner);
    assert!(
        page.contains("No secure connection to 127.0.0.1:"),
        "{page}"
    );
    assert!(sink.messages().is_empty());
}

/// tests/support/smtp_auth_sink.py: AUTH offered, every sign-in refused.
fn auth_sink() -> (Child, u16) {
    let mut child = Command::new(python())
        .arg(support("smtp_auth_sink.py"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the SMTP auth sink");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .strip_prefix("READY ")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("auth sink did not start: {line:?}"));
    (child, port)
}

// ------------------------------------------------------------- API keys

fn key_works(server: &Server, key: &str) -> u16 {
    client()
        .get(server.url("/api/v1/session"))
        .bearer_auth(key)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn a_regenerated_key_refuses_the_old_secret_at_once() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let res = owner.post_form("/settings/api-keys", &[("name", "deploy")]);
    assert_eq!(res.status(), 200);
    let first = testid_text(&res.text().unwrap(), "new-api-key");
    assert_eq!(key_works(&server, &first), 200);
    let listed: Value = owner.get("/api/v1/api-keys").json().unwrap();
    let id = listed["api_keys"][0]["id"].as_str().unwrap().to_string();

    let res = owner.post_form(&format!("/settings/api-keys/{id}/regenerate"), &[]);
    assert_eq!(res.status(), 200);
    let second = testid_text(&res.text().unwrap(), "new-api-key");
    assert_ne!(first, second);
    assert_eq!(
        key_works(&server, &first),
        401,
        "the old key is dead at once"
    );
    assert_eq!(key_works(&server, &second), 200);
    let listed: Value = owner.get("/api/v1/api-keys").json().unwrap();
    let keys = listed["api_keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (&keys[0]["id"], &keys[0]["name"]),
        (&json!(id), &json!("deploy"))
    );
    assert!(second.starts_with(keys[0]["prefix"].as_str().unwrap()));
    assert!(audit_actions(&owner).contains(&"api_key.regenerated".to_string()));

    // The API does the same, with the key itself.
    let res = client()
        .post(server.url(&format!("/api/v1/api-keys/{id}/regenerate")))
        .bearer_auth(&second)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    let third = body["key"].as_str().unwrap().to_string();
    assert_eq!(body["id"], json!(id));
    assert_eq!(key_works(&server, &second), 401);
    assert_eq!(key_works(&server, &third), 200);

    // Someone else's key is not theirs to regenerate.
    let res = client()
        .post(server.url("/api/v1/api-keys/unknown-id/regenerate"))
        .bearer_auth(&third)
        .send()
        .unwrap();
    error_code(res, 404);
}

#[test]
fn nobody_regenerates_another_member_s_key() {
    let server = Server::start_prepared(&[], |dir| {
        create_owner(dir);
        seed_member(
            dir,
            "mo@example.org",
            convene::domain::Role::Member,
            MEMBER_PASSWORD,
        );
    });
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let member = server.login("mo@example.org", MEMBER_PASSWORD);
    let res = member.post("/api/v1/api-keys", json!({ "name": "mine" }));
    let created: Value = res.json().unwrap();
    let id = created["id"].as_str().unwrap();
    let res = owner.post(&format!("/api/v1/api-keys/{id}/regenerate"), json!({}));
    error_code(res, 404);
    assert_eq!(key_works(&server, created["key"].as_str().unwrap()), 200);
}

// -------------------------------------------------- why there are no times

/// The first day of the month `months` ahead, as the page's `month`.
fn month_ahead(months: u32) -> String {
    let today = chrono::Utc::now().date_naive();
    let first = today
        .checked_add_months(chrono::Months::new(months))
        .unwrap();
    first.format("%Y-%m").to_string()
}

fn why(html: &str) -> String {
    assert_eq!(
        html.matches("data-testid=\"book-why\"").count(),
        1,
        "one reason: {html}"
    );
    testid_text(html, "book-why")
}

#[test]
fn the_booking_page_says_why_there_are_no_times() {
    let (server, owner, ids) = server_with_hosts(&[], 1);
    let host = &ids[0];
    // Mondays only, 09:00-12:00 UTC.
    let res = owner.send(
        reqwest::Method::PUT,
        &format!("/api/v1/members/{host}/schedule"),
        Some(json!({ "timezone": "UTC", "weekly": { "mon": [{ "start": "09:00", "end": "12:00" }] } })),
    );
    assert_eq!(res.status(), 200);
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "why", "title": "Why", "duration_minutes": 30, "hosts": [host],
                "assignment": "single", "min_notice_minutes": 0, "horizon_days": 20 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let guest = client();
    let get = |q: &str| {
        let res = guest
            .get(server.url(&format!("/book/why?tz=UTC&{q}")))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200);
        res.text().unwrap()
    };

    // Beyond the horizon.
    let far = get(&format!("month={}", month_ahead(3)));
    assert_eq!(why(&far), "Bookings open up to 20 days ahead.");
    assert!(!far.contains("Pick a day"), "no hint that says otherwise");
    // The Tuesday after the next Monday: its month has a Monday with
    // times (that one, or the one after), and nobody works that day.
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    let monday = (1..=7)
        .map(|n| today + chrono::Duration::days(n))
        .find(|d| d.weekday() == chrono::Weekday::Mon)
        .unwrap();
    let tuesday = monday + chrono::Duration::days(1);
    let month = tuesday.format("%Y-%m").to_string();
    let day_page = get(&format!("month={month}&day={tuesday}"));
    assert_eq!(why(&day_page), "No working hours are set on this day.");
    assert!(
        day_page.contains("class=\"book-day\""),
        "the month has days with times"
    );
    // Japanese for a Japanese reader (who keeps it in a cookie).
    let ja = client()
        .get(server.url(&format!(
            "/book/why?tz=UTC&month={}&lang=ja",
            month_ahead(3)
        )))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(why(&ja), "予約は20日先まで受け付けています。");

    // The open booking cap: one upcoming booking closes every day.
    let res = owner.send(
        reqwest::Method::PUT,
        &format!("/api/v1/members/{host}/schedule"),
        Some(
            json!({ "timezone": "UTC", "weekly": every_day("09:00-12:00"), "open_booking_cap": 1 }),
        ),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let day = days_ahead(2);
    let slots: Value = guest
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/why/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let start = slots["slots"][0]["start"].as_str().unwrap().to_string();
    let res = guest
        .post(server.url("/api/v1/public/booking-pages/why/bookings"))
        .json(&json!({ "start": start, "name": "Gail", "email": "gail@example.org", "timezone": "UTC" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201);
    let capped = get(&format!("month={}", &day[..7]));
    assert_eq!(
        why(&capped),
        "No new bookings are taken for now: the limit of upcoming bookings is reached."
    );
}

#[test]
fn the_page_editor_says_why_a_host_cannot_serve_in_the_admin_s_language() {
    let (_server, owner, ids) = server_with_hosts(&[], 1);
    let host = &ids[0];
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "video", "title": "Video", "duration_minutes": 30, "hosts": [host],
                "assignment": "round_robin", "location": { "kind": "video" } }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let page: Value = res.json().unwrap();
    let id = page["id"].as_str().unwrap();
    let detail: Value = owner
        .get(&format!("/api/v1/booking-pages/{id}"))
        .json()
        .unwrap();
    assert_eq!(detail["host_status"][0]["problem_code"], "no_meeting_url");
    assert_eq!(
        detail["host_status"][0]["problem"],
        "Seeded member has no meeting URL and no video link pattern is configured"
    );
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{}", owner.member_id),
        Some(json!({ "language": "ja" })),
    );
    assert_eq!(res.status(), 200);
    let html = owner.get(&format!("/booking-pages/{id}")).text().unwrap();
    assert!(
        html.contains("にはミーティングURLがなく、ビデオ会議リンクのパターンも設定されていません"),
        "{html}"
    );
}

#[test]
fn a_refused_webhook_keeps_its_events_and_actions_say_what_they_did() {
    let (_server, owner, _) = server_with_hosts(&[], 0);
    let res = owner.post_form(
        "/settings/webhooks",
        &[
            ("url", "ftp://hooks.example.org/x"),
            ("events", "booking.cancelled"),
        ],
    );
    assert_eq!(res.status(), 422);
    let html = res.text().unwrap();
    assert!(html.contains("value=\"ftp://hooks.example.org/x\""));
    assert!(
        html.contains("name=\"events\" value=\"booking.cancelled\" checked"),
        "{html}"
    );
    assert!(!html.contains("name=\"events\" value=\"booking.created\" checked"));

    let res = owner.post(
        "/api/v1/webhooks",
        json!({ "url": "https://hooks.example.org/x", "events": ["booking.created"] }),
    );
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = owner.post_form(&format!("/settings/webhooks/{id}/ping"), &[]);
    assert_eq!(location(&res), "/settings/webhooks?done=pinged");
    let page = owner.get("/settings/webhooks?done=pinged").text().unwrap();
    assert!(page.contains("A test call is on its way"));
    let settings = owner.get("/settings").text().unwrap();
    assert!(settings.contains("One webhook."));
    let res = owner.post_form(&format!("/settings/webhooks/{id}/delete"), &[]);
    assert_eq!(location(&res), "/settings/webhooks?done=deleted");
}
