//! What people receive, as snapshots: every kind of mail as the SMTP sink
//! got it, the invitation files a guest's calendar reads, and the pages
//! people land on first. Volatile values (ids, tokens, dates, ports, asset
//! fingerprints) are replaced by placeholders, so a snapshot changes only
//! when what a person reads changes. A changed snapshot fails the test and
//! is written beside the old one as `.snap.new` (never in CI); review it
//! with `cargo insta review`, or accept all with `INSTA_UPDATE=always`.

use std::time::Duration;

use insta::assert_snapshot;
use serde_json::{Value, json};

use crate::common::*;

const WAIT: Duration = Duration::from_secs(20);

/// Placeholders for what differs from run to run, in the order they apply.
/// Times of day stay: the tests choose them.
fn volatile() -> Vec<(String, &'static str)> {
    const DAY: &str = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*";
    const MONTH: &str = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*";
    [
        (r"http://127\.0\.0\.1:\d+".to_string(), "[base]"),
        (
            r"/(join|booking|confirm-email)/[A-Za-z0-9_-]{16,}".into(),
            "/$1/[token]",
        ),
        (r"/bookings/[A-Za-z0-9_-]{16,}".into(), "/bookings/[id]"),
        (r"UID:.*".into(), "UID:[id]@[host]"),
        (r"(DTSTART|DTEND):\d{8}T".into(), "$1:[date]T"),
        (r"\b\d{8}T\d{6}Z".into(), "[datetime]"),
        (
            r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b".into(),
            "[datetime]",
        ),
        // English dates as mails write them: "Tue, Dec 8, 2026, 10:21 PM"
        // where the time of day is volatile too (an expiry), else
        // "Tue, Dec 8, 2026".
        (
            format!(r"\b{DAY}, {MONTH} \d{{1,2}}, \d{{4}}, \d{{1,2}}:\d{{2}} [AP]M\b"),
            "[datetime]",
        ),
        (format!(r"\b{DAY}, {MONTH} \d{{1,2}}, \d{{4}}\b"), "[date]"),
        (r"\b\d{4}-\d{2}-\d{2}".into(), "[date]"),
        (r"\b\d{4}-\d{2}\b".into(), "[month]"),
        (format!(r"\b{DAY} \d{{1,2}} {MONTH} \d{{4}}\b"), "[date]"),
        (format!(r"\b{MONTH} \d{{4}}\b"), "[month]"),
        (
            r"(/assets/[A-Za-z0-9_./-]+)\?v=[A-Za-z0-9]+".into(),
            "$1?v=[hash]",
        ),
    ]
    .into()
}

/// Asserts `text` against the snapshot `name` with volatile values
/// replaced.
fn assert_rendered(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    for (pattern, replacement) in volatile() {
        settings.add_filter(&pattern, replacement);
    }
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| assert_snapshot!(name, text));
}

/// A received mail as a person reads it: who it is for, whom an answer
/// goes to and where they stop such mails (when the mail says), the
/// subject and the plain-text body.
fn as_read(mail: &Value) -> String {
    let mut head = format!("to: {}\n", mail["to"].as_str().unwrap());
    for r in mail["reply_to"].as_array().unwrap() {
        let (name, address) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
        head.push_str(&format!("reply-to: {name} <{address}>\n"));
    }
    if let Some(unsubscribe) = mail["list_unsubscribe"].as_str() {
        head.push_str(&format!("list-unsubscribe: {unsubscribe}\n"));
    }
    format!(
        "{head}subject: {}\n\n{}",
        mail["subject"].as_str().unwrap(),
        mail["parts"][0]["content"].as_str().unwrap().trim_end()
    )
}

/// The calendar part of a mail, unfolded (RFC 5545 folds long lines at 75
/// octets, so where a line breaks depends on the port) and with plain line
/// ends.
fn calendar_of(mail: &Value) -> String {
    let ics = mail["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == "text/calendar")
        .and_then(|p| p["content"].as_str())
        .expect("a text/calendar part");
    ics.replace("\r\n ", "").replace("\r\n", "\n")
}

/// A page's HTML with one tag per line, so that a change shows as the
/// lines it touches.
fn html_lines(html: &str) -> String {
    html.replace("><", ">\n<")
}

/// The public booking page without what changes with today's date or the
/// time-zone database: the month's grid of days, and the zones other than
/// the one chosen.
fn booking_page_outline(html: &str) -> String {
    let mut out = Vec::new();
    let mut in_days = false;
    let mut zones_skipped = false;
    for line in html_lines(html).lines() {
        if line.starts_with("<option value=") && !line.contains(" selected") {
            if !zones_skipped {
                out.push("[the other time zones]".to_string());
                zones_skipped = true;
            }
            continue;
        }
        if line == "<tbody>" {
            in_days = true;
            out.push("<tbody>[the days of the month]".to_string());
            continue;
        }
        if line == "</tbody>" {
            in_days = false;
        }
        if !in_days {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

/// Mail arriving at the sink, taken step by step.
struct Inbox<'a> {
    sink: &'a SmtpSink,
    seen: usize,
}

impl<'a> Inbox<'a> {
    fn of(sink: &'a SmtpSink) -> Inbox<'a> {
        Inbox { sink, seen: 0 }
    }

    /// Waits for `n` more mails and returns them, parsed.
    fn next(&mut self, n: usize) -> Vec<Value> {
        let files = self.sink.wait_for(self.seen + n, WAIT);
        assert_eq!(files.len(), self.seen + n, "more mail than expected");
        let new = files[self.seen..].iter().map(|f| parse_mail(f)).collect();
        self.seen += n;
        new
    }

    /// The one next mail.
    fn one(&mut self) -> Value {
        self.next(1).remove(0)
    }
}

/// The mail among `mails` addressed to `to`.
fn to<'m>(mails: &'m [Value], to: &str) -> &'m Value {
    mails
        .iter()
        .find(|m| m["envelope_to"] == to)
        .unwrap_or_else(|| panic!("no mail to {to} among {mails:?}"))
}

fn smtp_env(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("CONVENE_MAIL_TRANSPORT", "smtp".into()),
        ("CONVENE_MAIL_SMTP_URL", sink.url()),
        ("CONVENE_MAIL_FROM", "Club <club@example.org>".into()),
    ]
}

fn refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn member_and_admin_mails_as_received() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let server = Server::start_prepared(&refs(&env), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let mut inbox = Inbox::of(&sink);

    assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    assert_rendered("mail_test", &as_read(&inbox.one()));

    let res = owner.post(
        "/api/v1/invitations",
        json!({ "emails": ["ann@example.org"] }),
    );
    assert_eq!(res.status(), 200);
    assert_rendered("mail_invitation", &as_read(&inbox.one()));

    assert_eq!(
        owner.post("/api/v1/notifications/test", json!({})).status(),
        202
    );
    assert_rendered("mail_notification", &as_read(&inbox.one()));

    // Someone joins with the public code and waits for approval: the
    // digest tells the admins.
    let link: Value = owner.get("/api/v1/org/invite-link").json().unwrap();
    let res = client()
        .post(server.url("/api/v1/join-by-code"))
        .json(
            &json!({ "code": link["code"], "email": "pat@example.org", "first_name": "Pat",
                       "last_name": "Lee", "password": MEMBER_PASSWORD }),
        )
        .send()
        .unwrap();
    assert_eq!(res.json::<Value>().unwrap()["state"], "pending");
    assert_rendered("mail_member_pending", &as_read(&inbox.one()));
    assert_eq!(
        owner
            .post("/api/v1/jobs/admin_digest/run", json!({}))
            .status(),
        202
    );
    assert_rendered("mail_admin_digest", &as_read(&inbox.one()));

    let me = owner.member_id.clone();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}"),
        Some(json!({ "email": "olive@example.net" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let mail = inbox.one();
    assert_eq!(mail["envelope_to"], "olive@example.net");
    assert_rendered("mail_email_change", &as_read(&mail));
}

#[test]
fn booking_mails_and_invitation_files_as_guest_and_host_receive_them() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let server = Server::start_prepared(&refs(&env), create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "intro", "title": "Intro call", "duration_minutes": 30, "hosts": [me],
                "assignment": "single", "min_notice_minutes": 0,
                "location": { "kind": "in_person", "value": "1-1 Marunouchi, Tokyo" } }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let mut inbox = Inbox::of(&sink);
    let day = days_ahead(3);
    let book = |start: &str, name: &str, email: &str| -> Value {
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/intro/bookings"))
            .json(&json!({ "start": start, "name": name, "email": email,
                           "timezone": "Asia/Tokyo", "notes": "About the offer" }))
            .send()
            .unwrap();
        assert_eq!(res.status(), 201);
        res.json().unwrap()
    };

    let booked = book(
        &format!("{day}T10:00:00Z"),
        "Gail Guest",
        "gail@example.org",
    );
    let id = booked["id"].as_str().unwrap().to_string();
    let mails = inbox.next(2);
    let guest = to(&mails, "gail@example.org");
    assert_rendered("mail_booking_confirmed_guest", &as_read(guest));
    assert_rendered(
        "mail_booking_confirmed_host",
        &as_read(to(&mails, OWNER_EMAIL)),
    );
    assert_rendered("ics_booking_confirmed_guest", &calendar_of(guest));

    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T11:00:00Z") }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let mails = inbox.next(2);
    assert_rendered(
        "mail_booking_rescheduled_guest",
        &as_read(to(&mails, "gail@example.org")),
    );
    assert_rendered(
        "mail_booking_rescheduled_host",
        &as_read(to(&mails, OWNER_EMAIL)),
    );

    let res = owner.post(
        &format!("/api/v1/bookings/{id}/cancel"),
        json!({ "reason": "The room is closed" }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let mails = inbox.next(2);
    let guest = to(&mails, "gail@example.org");
    assert_rendered("mail_booking_cancelled_guest", &as_read(guest));
    assert_rendered(
        "mail_booking_cancelled_host",
        &as_read(to(&mails, OWNER_EMAIL)),
    );
    assert_rendered("ics_booking_cancelled_guest", &calendar_of(guest));

    // Reminders: the job is a plain function of the store and the clock,
    // run here on the stopped server's database an hour and a half before
    // a booking. What it queues is due at that clock; the operator's
    // `outbox retry` sends it now.
    let start = format!("{day}T14:00:00Z");
    book(&start, "Rita Guest", "rita@example.org");
    inbox.next(2);
    let mut server = server;
    server.terminate();
    remind_at(&server, &start, 90);
    let server = server.restart();
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let reminders: Vec<String> = outbox_messages(&owner, "queued")
        .iter()
        .filter(|m| m["payload"]["kind"] == "booking_reminder")
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reminders.len(), 2, "guest and host");
    for id in &reminders {
        let out = run_cli(
            &["outbox", "retry", "--", id],
            &[(
                "CONVENE_STORAGE_DATA_DIR",
                server.data_dir.to_str().unwrap(),
            )],
            None,
        );
        assert!(out.status.success(), "{out:?}");
    }
    let mails = inbox.next(2);
    assert_rendered(
        "mail_booking_reminder_guest",
        &as_read(to(&mails, "rita@example.org")),
    );
    assert_rendered(
        "mail_booking_reminder_host",
        &as_read(to(&mails, OWNER_EMAIL)),
    );
}

/// Runs the reminder job on the stopped server's database with the clock
/// set `minutes_before` the booking at `start`, with one reminder two hours
/// ahead.
fn remind_at(server: &Server, start: &str, minutes_before: i64) {
    let store = convene::store::Store::open(&server.data_dir.join("convene.redb")).unwrap();
    let mut config = convene::config::Config::default();
    config.booking.reminder_offsets_minutes = vec![120];
    let ctx = convene::jobs::JobContext {
        store,
        config,
        base_url: server.base.clone(),
        calendars: None,
    };
    let start: chrono::DateTime<chrono::Utc> = start.parse().unwrap();
    convene::jobs::Job::BookingReminders
        .run(&ctx, start - chrono::Duration::minutes(minutes_before))
        .unwrap();
}

#[test]
fn the_sign_in_page_and_a_public_booking_page() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let anon = client();
    let page = anon.get(server.url("/login")).send().unwrap();
    assert_eq!(page.status(), 200);
    assert_rendered("page_sign_in", &html_lines(&page.text().unwrap()));

    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-11:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "intro", "title": "Intro call", "description": "A first talk of half an hour.",
                "duration_minutes": 30, "hosts": [me], "assignment": "single",
                "location": { "kind": "video", "value": "https://meet.example.org/olive" },
                "questions": [{ "label": "Company", "kind": "short_text", "required": true }] }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    // A guest in Tokyo picked a day: its times (09:00-11:00 UTC) are listed
    // in their zone.
    let day = days_ahead(3);
    let page = anon
        .get(server.url(&format!("/book/intro?tz=Asia/Tokyo&day={day}")))
        .send()
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_rendered(
        "page_public_booking",
        &booking_page_outline(&page.text().unwrap()),
    );
}
