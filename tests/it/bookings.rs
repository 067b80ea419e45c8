//! Booking pages and bookings over HTTP, with the real SMTP sink and an
//! independent iCalendar parser.

use std::process::Command;
use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

/// Set to "0" for tests that book many times from one address.
const NO_BOOKING_LIMIT: &str = "CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE";

fn create_page(owner: &Session, body: Value) -> Value {
    let res = owner.post("/api/v1/booking-pages", body);
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    res.json().unwrap()
}

fn slots(server: &Server, slug: &str, from: &str, to: &str, tz: &str) -> Vec<Value> {
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/{slug}/slots?from={from}&to={to}&timezone={tz}"
        )))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    body["slots"].as_array().unwrap().clone()
}

fn book(server: &Server, slug: &str, start: &str, email: &str) -> reqwest::blocking::Response {
    client()
        .post(server.url(&format!("/api/v1/public/booking-pages/{slug}/bookings")))
        .json(&json!({ "start": start, "name": "Gail Guest", "email": email, "timezone": "America/New_York", "notes": "About the offer; see you" }))
        .send()
        .unwrap()
}

fn check_ics(content: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invite.ics");
    std::fs::write(&path, content).unwrap();
    let out = Command::new(python())
        .arg(support("check_ics.py"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the file: {}\n{content}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn calendar_part(mail: &Value) -> String {
    mail["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == "text/calendar")
        .and_then(|p| p["content"].as_str())
        .expect("a text/calendar part")
        .to_string()
}

#[test]
fn book_mail_ics_cancel_by_guest_link_and_the_slot_frees_up() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, _) = server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        0,
    );
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Asia/Tokyo", "09:00-17:00", json!({}));
    let page = create_page(
        &owner,
        json!({ "slug": "intro", "title": "Intro call", "duration_minutes": 30, "hosts": [me],
                "assignment": "single", "min_notice_minutes": 0,
                "location": { "kind": "in_person", "value": "1-1 Marunouchi, Tokyo" } }),
    );
    assert_eq!(page["slot_step_minutes"], 30);
    let (from, to) = (days_ahead(2), days_ahead(2));
    let list = slots(&server, "intro", &from, &to, "Asia/Tokyo");
    assert_eq!(list.len(), 16, "09:00–17:00 in 30-minute slots: {list:?}");
    assert!(
        list[0]["start"]
            .as_str()
            .unwrap()
            .ends_with("T09:00:00+09:00")
    );
    // The same slots seen from New York (14 hours behind in winter, 13 in
    // summer) carry New York's offset.
    let ny = slots(
        &server,
        "intro",
        &days_ahead(1),
        &days_ahead(3),
        "America/New_York",
    );
    assert!(
        !ny.is_empty()
            && ny.iter().all(|s| {
                let t = s["start"].as_str().unwrap();
                t.ends_with("-05:00") || t.ends_with("-04:00")
            })
    );
    let start = list[2]["start"].as_str().unwrap().to_string(); // 10:00 Tokyo
    let res = book(&server, "intro", &start, "gail@example.org");
    assert_eq!(res.status(), 201);
    let booked: Value = res.json().unwrap();
    assert_eq!(booked["hosts"], json!([me]));
    // The start comes back in the guest's zone.
    assert!(
        booked["start"].as_str().unwrap().ends_with("-05:00")
            || booked["start"].as_str().unwrap().ends_with("-04:00")
    );

    let mails = sink.wait_for(2, Duration::from_secs(20));
    let parsed: Vec<Value> = mails.iter().map(|m| parse_mail(m)).collect();
    let guest = parsed
        .iter()
        .find(|m| m["envelope_to"] == "gail@example.org")
        .unwrap();
    let host = parsed
        .iter()
        .find(|m| m["envelope_to"] == OWNER_EMAIL)
        .unwrap();
    // An answer to the guest's mail goes to the host, the host's to the
    // guest; never to the server.
    assert_eq!(
        guest["reply_to"],
        json!([["Olive Owner", OWNER_EMAIL]]),
        "{guest}"
    );
    assert_eq!(
        host["reply_to"],
        json!([["Gail Guest", "gail@example.org"]]),
        "{host}"
    );
    // The host has it because of their notification preferences, and the
    // link to them travels with it; the guest's is about their booking.
    assert_eq!(guest["list_unsubscribe"], Value::Null, "{guest}");
    let unsubscribe = host["list_unsubscribe"].as_str().expect("List-Unsubscribe");
    let page = unsubscribe
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or_else(|| panic!("one address in angle brackets: {unsubscribe:?}"));
    assert!(
        page.starts_with("http") && page.ends_with("/settings/notifications"),
        "{unsubscribe:?}"
    );
    assert_eq!(host["list_unsubscribe_post"], Value::Null, "no one-click");
    let res = owner.get("/settings/notifications");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.url().path(),
        "/settings/notifications",
        "the page itself"
    );
    for m in [guest, host] {
        let ics = check_ics(&calendar_part(m));
        assert_eq!(ics["method"], "REQUEST");
        let ev = &ics["events"][0];
        assert_eq!(ev["summary"], "Intro call");
        assert_eq!(ev["status"], "CONFIRMED");
        assert_eq!(ev["location"], "1-1 Marunouchi, Tokyo");
        assert_eq!(ev["sequence"], 0);
        assert!(
            ev["start"].as_str().unwrap().ends_with("01:00:00+00:00"),
            "10:00 Tokyo is 01:00 UTC: {ev}"
        );
        assert!(
            ev["attendees"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "mailto:gail@example.org")
        );
    }
    let text = guest["parts"][0]["content"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/booking/"))
        .expect("a manage link in the guest's mail")
        .to_string();
    let token = link.rsplit('/').next().unwrap();
    // Taken: the same slot again is refused.
    let again = book(&server, "intro", &start, "other@example.org");
    assert_eq!(error_code(again, 409)["code"], "slot_taken");
    assert_eq!(slots(&server, "intro", &from, &to, "Asia/Tokyo").len(), 15);

    let res = client()
        .post(server.url(&format!("/api/v1/public/bookings/{token}/cancel")))
        .json(&json!({ "reason": "Something came up" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let mails = sink.wait_for(4, Duration::from_secs(20));
    let cancels: Vec<Value> = mails
        .iter()
        .map(|m| parse_mail(m))
        .filter(|m| calendar_part(m).contains("METHOD:CANCEL"))
        .collect();
    assert_eq!(cancels.len(), 2, "guest and host get the cancellation");
    for m in &cancels {
        let answer = if m["envelope_to"] == OWNER_EMAIL {
            json!([["Gail Guest", "gail@example.org"]])
        } else {
            json!([["Olive Owner", OWNER_EMAIL]])
        };
        assert_eq!(m["reply_to"], answer, "{m}");
        let ics = check_ics(&calendar_part(m));
        assert_eq!(ics["method"], "CANCEL");
        assert_eq!(ics["events"][0]["status"], "CANCELLED");
        assert_eq!(ics["events"][0]["sequence"], 1);
    }
    assert_eq!(
        slots(&server, "intro", &from, &to, "Asia/Tokyo").len(),
        16,
        "free again"
    );
    // A second cancel with the same link is refused.
    let res = client()
        .post(server.url(&format!("/api/v1/public/bookings/{token}/cancel")))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 409)["code"], "already_cancelled");
}

#[test]
fn refusals_not_a_slot_disabled_page_and_bad_input() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "demo", "title": "Demo", "duration_minutes": 60, "hosts": [me], "assignment": "single" }),
    );
    let day = days_ahead(3);
    let res = book(
        &server,
        "demo",
        &format!("{day}T09:10:00Z"),
        "g@example.org",
    );
    assert_eq!(error_code(res, 422)["code"], "not_a_slot");
    let res = book(
        &server,
        "demo",
        &format!("{day}T03:00:00Z"),
        "g@example.org",
    );
    assert_eq!(error_code(res, 422)["code"], "not_a_slot");
    let res = book(&server, "demo", "tomorrow at nine", "g@example.org");
    assert_eq!(error_code(res, 422)["field"], "start");
    let res = book(
        &server,
        "demo",
        &format!("{day}T09:00:00Z"),
        "not-an-address",
    );
    assert_eq!(error_code(res, 422)["field"], "email");
    // Slug rules and uniqueness.
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "Demo Page", "title": "x", "duration_minutes": 30, "hosts": [me], "assignment": "single" }),
    );
    assert_eq!(error_code(res, 422)["field"], "slug");
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "demo", "title": "x", "duration_minutes": 30, "hosts": [me], "assignment": "single" }),
    );
    assert_eq!(error_code(res, 409)["code"], "slug_taken");
    // Disabled: 410 with a message; unknown: 404.
    let pages: Value = owner.get("/api/v1/booking-pages").json().unwrap();
    let id = pages["booking_pages"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/booking-pages/{id}"),
        Some(json!({ "enabled": false })),
    );
    assert_eq!(res.status(), 200);
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/demo/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap();
    error_code(res, 410);
    let res = book(
        &server,
        "demo",
        &format!("{day}T09:00:00Z"),
        "g@example.org",
    );
    error_code(res, 410);
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/nope/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap();
    error_code(res, 404);
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/demo/slots?from={day}&to={day}&timezone=Mars/Olympus"
        )))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 422)["field"], "timezone");
}

/// Fires `n` bookings at once, each at `starts[i % len]`; returns the
/// statuses.
fn race(server: &Server, slug: &str, starts: &[String], n: usize) -> Vec<u16> {
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let url = server.url(&format!("/api/v1/public/booking-pages/{slug}/bookings"));
            let start = starts[i % starts.len()].clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let c = client();
                barrier.wait();
                c.post(url)
                    .json(&json!({ "start": start, "name": "Racer", "email": format!("r{i}@example.org"), "timezone": "UTC" }))
                    .send()
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn sixty_four_racers_one_slot_and_a_daily_cap_of_two() {
    // All racers come from one address: no per-address limit here.
    let (server, owner, _) = server_with_hosts(&[(NO_BOOKING_LIMIT, "0")], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "08:00-20:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "race", "title": "Race", "duration_minutes": 15, "slot_step_minutes": 15,
                "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    for round in 0..3 {
        let start = format!("{}T{:02}:00:00Z", days_ahead(2), 9 + round);
        let statuses = race(&server, "race", &[start], 64);
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert_eq!(
            statuses.iter().filter(|s| **s == 409).count(),
            63,
            "round {round}: {statuses:?}"
        );
    }
    let bookings: Value = owner.get("/api/v1/bookings").json().unwrap();
    assert_eq!(bookings["bookings"].as_array().unwrap().len(), 3);

    // A daily cap of 2 on every day: 64 racers over 48 different slots of
    // one day, exactly two get in.
    set_schedule(
        &owner,
        &me,
        "UTC",
        "08:00-20:00",
        json!({ "mon": 2, "tue": 2, "wed": 2, "thu": 2, "fri": 2, "sat": 2, "sun": 2 }),
    );
    for round in 0..3 {
        let day = days_ahead(5 + round);
        let starts: Vec<String> = (0..48)
            .map(|q| format!("{day}T{:02}:{:02}:00Z", 8 + q / 4, (q % 4) * 15))
            .collect();
        let statuses = race(&server, "race", &starts, 64);
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            2,
            "round {round}: {statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 201 || *s == 409),
            "{statuses:?}"
        );
        assert!(
            slots(&server, "race", &day, &day, "UTC").is_empty(),
            "the day is full"
        );
    }
}

#[test]
fn round_robin_shares_evenly_and_collective_needs_everyone() {
    let (server, owner, hosts) = server_with_hosts(&[(NO_BOOKING_LIMIT, "0")], 3);
    for h in &hosts {
        set_schedule(&owner, h, "Europe/Paris", "09:00-18:00", json!({}));
    }
    create_page(
        &owner,
        json!({ "slug": "team", "title": "Team call", "duration_minutes": 30, "hosts": hosts,
                "assignment": "round_robin", "min_notice_minutes": 0 }),
    );
    let mut count = std::collections::HashMap::new();
    let day = days_ahead(4);
    let list = slots(&server, "team", &day, &day, "Europe/Paris");
    assert!(list.len() >= 18);
    for (i, s) in list.iter().take(18).enumerate() {
        let res = book(
            &server,
            "team",
            s["start"].as_str().unwrap(),
            &format!("g{i}@example.org"),
        );
        assert_eq!(res.status(), 201);
        let b: Value = res.json().unwrap();
        *count
            .entry(b["hosts"][0].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    // 12 more on the next day: 30 in all.
    let day2 = days_ahead(5);
    for (i, s) in slots(&server, "team", &day2, &day2, "Europe/Paris")
        .iter()
        .take(12)
        .enumerate()
    {
        let res = book(
            &server,
            "team",
            s["start"].as_str().unwrap(),
            &format!("h{i}@example.org"),
        );
        assert_eq!(res.status(), 201);
        let b: Value = res.json().unwrap();
        *count
            .entry(b["hosts"][0].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    assert_eq!(count.len(), 3);
    assert!(count.values().all(|n| *n == 10), "{count:?}");
    let all: Value = owner.get("/api/v1/bookings").json().unwrap();
    assert!(all["bookings"].as_array().unwrap().iter().all(|b| {
        b["assignment_reason"]
            .as_str()
            .unwrap()
            .starts_with("Fewest bookings in the period")
    }));

    // Collective over two hosts, one of them away all that day: no slot.
    create_page(
        &owner,
        json!({ "slug": "pair", "title": "Pair", "duration_minutes": 30, "hosts": [hosts[0], hosts[1]],
                "assignment": "collective", "min_notice_minutes": 0 }),
    );
    let day3 = days_ahead(6);
    assert!(!slots(&server, "pair", &day3, &day3, "Europe/Paris").is_empty());
    let res = owner.post(
        &format!("/api/v1/members/{}/unavailability", hosts[1]),
        json!({ "start": format!("{day3}T00:00:00+01:00"), "end": format!("{day3}T23:59:00+01:00"), "reason": "away" }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    assert!(slots(&server, "pair", &day3, &day3, "Europe/Paris").is_empty());
}

#[test]
fn hosts_cancel_and_reschedule_with_sequence_bumped() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, _) = server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        0,
    );
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "r", "title": "Review", "duration_minutes": 60, "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    let day = days_ahead(2);
    let res = book(&server, "r", &format!("{day}T09:00:00Z"), "g@example.org");
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    book(&server, "r", &format!("{day}T11:00:00Z"), "h@example.org");
    // Onto the other booking: taken. Off the grid: not a slot.
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T11:00:00Z") }),
    );
    assert_eq!(error_code(res, 409)["code"], "slot_taken");
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T11:30:00Z") }),
    );
    assert_eq!(error_code(res, 422)["code"], "not_a_slot");
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T14:00:00Z") }),
    );
    assert_eq!(res.status(), 200);
    let b: Value = res.json().unwrap();
    assert_eq!(b["sequence"], 1);
    let mails = sink.wait_for(6, Duration::from_secs(20));
    let moved: Vec<Value> = mails
        .iter()
        .map(|m| parse_mail(m))
        .filter(|m| m["subject"].as_str().unwrap().starts_with("Rescheduled"))
        .collect();
    assert_eq!(moved.len(), 2, "guest and host hear of the new time");
    let ics = check_ics(&calendar_part(&moved[0]));
    assert_eq!(ics["events"][0]["sequence"], 1);
    assert!(
        ics["events"][0]["start"]
            .as_str()
            .unwrap()
            .contains("T14:00:00")
    );
    // The old time is free again; the new one is not.
    let free: Vec<String> = slots(&server, "r", &day, &day, "UTC")
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect();
    assert!(free.iter().any(|s| s.contains("T09:00:00")));
    assert!(!free.iter().any(|s| s.contains("T14:00:00")));
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/cancel"),
        json!({ "reason": "Host ill" }),
    );
    assert_eq!(res.status(), 200);
    let b: Value = res.json().unwrap();
    assert_eq!(b["state"], "cancelled");
    assert_eq!(b["sequence"], 2);
    let listed: Value = owner
        .get("/api/v1/bookings?state=cancelled")
        .json()
        .unwrap();
    assert_eq!(listed["bookings"].as_array().unwrap().len(), 1);
}

/// The booking writer keeps hosts' calendars between its batches; a change
/// committed elsewhere (a cancellation, an absence, new hours) must reach
/// the very next booking.
#[test]
fn the_next_booking_sees_changes_made_elsewhere() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "w", "title": "Walk", "duration_minutes": 60, "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    let day = days_ahead(3);
    let at = |h: u32| format!("{day}T{h:02}:00:00Z");
    let res = book(&server, "w", &at(9), "a@example.org");
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        error_code(book(&server, "w", &at(9), "b@example.org"), 409)["code"],
        "slot_taken"
    );
    let res = owner.post(&format!("/api/v1/bookings/{id}/cancel"), json!({}));
    assert_eq!(res.status(), 200);
    assert_eq!(book(&server, "w", &at(9), "b@example.org").status(), 201);
    let res = owner.post(
        &format!("/api/v1/members/{me}/unavailability"),
        json!({ "start": at(13), "end": at(14) }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    assert_eq!(
        error_code(book(&server, "w", &at(13), "c@example.org"), 422)["code"],
        "not_a_slot"
    );
    set_schedule(&owner, &me, "UTC", "09:00-12:00", json!({}));
    assert_eq!(
        error_code(book(&server, "w", &at(15), "d@example.org"), 422)["code"],
        "not_a_slot"
    );
    let res = book(&server, "w", &at(11), "e@example.org");
    assert_eq!(res.status(), 201);
    let moved = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // A reschedule made elsewhere frees the old time and takes the new one.
    let res = owner.post(
        &format!("/api/v1/bookings/{moved}/reschedule"),
        json!({ "start": at(10) }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    assert_eq!(
        error_code(book(&server, "w", &at(10), "f@example.org"), 409)["code"],
        "slot_taken"
    );
    assert_eq!(book(&server, "w", &at(11), "g@example.org").status(), 201);
}

/// The bookings list comes a page at a time, soonest first, with a cursor;
/// members see their own bookings only.
#[test]
fn bookings_list_pages_with_a_cursor() {
    let (server, owner, hosts) = server_with_hosts(&[], 1);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "08:00-18:00", json!({}));
    set_schedule(&owner, &hosts[0], "UTC", "08:00-18:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "mine", "title": "Mine", "duration_minutes": 30, "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    create_page(
        &owner,
        json!({ "slug": "theirs", "title": "Theirs", "duration_minutes": 30, "hosts": [hosts[0]], "assignment": "single", "min_notice_minutes": 0 }),
    );
    let day = days_ahead(4);
    let at = |h: u32| format!("{day}T{h:02}:00:00Z");
    // Booked out of order, so the list's order is its own.
    let mut ids = Vec::new();
    for h in [15, 9, 12, 8, 17, 10, 16] {
        let res = book(&server, "mine", &at(h), &format!("g{h}@example.org"));
        assert_eq!(res.status(), 201);
        ids.push(
            res.json::<Value>().unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    for h in [11, 13] {
        assert_eq!(
            book(&server, "theirs", &at(h), "t@example.org").status(),
            201
        );
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/bookings?limit=4".to_string();
    loop {
        let page: Value = owner.get(&path).json().unwrap();
        let list = page["bookings"].as_array().unwrap();
        assert!(list.len() <= 4);
        seen.extend(
            list.iter()
                .map(|b| b["start"].as_str().unwrap().to_string()),
        );
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/bookings?limit=4&after={next}"),
            None => break,
        }
    }
    let hours: Vec<u32> = seen.iter().map(|s| s[11..13].parse().unwrap()).collect();
    assert_eq!(hours, vec![8, 9, 10, 11, 12, 13, 15, 16, 17]);
    // The one dialect of every list: `cursor` in, `next_cursor` out.
    let mut again = Vec::new();
    let mut path = "/api/v1/bookings?limit=4".to_string();
    loop {
        let page: Value = owner.get(&path).json().unwrap();
        again.extend(
            page["bookings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["start"].as_str().unwrap().to_string()),
        );
        assert_eq!(page["next_cursor"].as_str(), page["next"].as_str());
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("/api/v1/bookings?limit=4&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(again, seen);
    // A plain date is the start of that day in the caller's zone.
    let whole_day: Value = owner
        .get(&format!("/api/v1/bookings?from={day}"))
        .json()
        .unwrap();
    assert_eq!(whole_day["bookings"].as_array().unwrap().len(), 9);
    let none: Value = owner
        .get(&format!("/api/v1/bookings?to={day}"))
        .json()
        .unwrap();
    assert_eq!(none["bookings"].as_array().unwrap().len(), 0);
    let res = owner.get("/api/v1/bookings?from=2027-05");
    assert_eq!(error_code(res, 400)["field"], "from");
    // A window of days, and a host.
    let from = format!("{day}T10:00:00Z");
    let to = format!("{day}T13:00:00Z");
    let page: Value = owner
        .get(&format!("/api/v1/bookings?from={from}&to={to}&host={me}"))
        .json()
        .unwrap();
    let starts: Vec<&str> = page["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["start"].as_str().unwrap()[11..16])
        .collect();
    assert_eq!(starts, vec!["10:00", "12:00"]);
    assert!(page["next"].is_null());
    // A member sees only their own bookings.
    let host = server.login("host0@example.org", MEMBER_PASSWORD);
    let theirs: Value = host.get("/api/v1/bookings").json().unwrap();
    assert_eq!(theirs["bookings"].as_array().unwrap().len(), 2);
    // Cancelled bookings stay listed; a moved one moves in the list.
    assert_eq!(
        owner
            .post(&format!("/api/v1/bookings/{}/cancel", ids[0]), json!({}))
            .status(),
        200
    );
    let res = owner.post(
        &format!("/api/v1/bookings/{}/reschedule", ids[3]),
        json!({ "start": at(14) }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let page: Value = owner
        .get(&format!("/api/v1/bookings?host={me}"))
        .json()
        .unwrap();
    let rows: Vec<(String, String)> = page["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["start"].as_str().unwrap()[11..16].to_string(),
                b["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("09:00", "confirmed"),
        ("10:00", "confirmed"),
        ("12:00", "confirmed"),
        ("14:00", "confirmed"),
        ("15:00", "cancelled"),
        ("16:00", "confirmed"),
        ("17:00", "confirmed"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(rows, want);
    // Bad paging is a clear 422.
    let res = owner.get("/api/v1/bookings?limit=0");
    assert_eq!(error_code(res, 422)["field"], "limit");
    let res = owner.get("/api/v1/bookings?after=nonsense");
    assert_eq!(error_code(res, 422)["field"], "after");
    let res = owner.get("/api/v1/bookings?cursor=nonsense");
    assert_eq!(error_code(res, 422)["field"], "cursor");
    let res = owner.get("/api/v1/bookings?limit=lots");
    assert_eq!(error_code(res, 400)["field"], "limit");
    let res = owner.get("/api/v1/members?limit=0");
    assert_eq!(error_code(res, 422)["field"], "limit");
    let res = owner.get("/api/v1/members?limit=501");
    assert_eq!(error_code(res, 422)["field"], "limit");
    // The audit log pages the same way.
    let mut entries = 0;
    let mut path = "/api/v1/audit-log?limit=2".to_string();
    loop {
        let page: Value = owner.get(&path).json().unwrap();
        let got = page["entries"].as_array().unwrap().len();
        assert!(got <= 2);
        entries += got;
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("/api/v1/audit-log?limit=2&cursor={next}"),
            None => break,
        }
    }
    let all: Value = owner.get("/api/v1/audit-log").json().unwrap();
    assert_eq!(entries, all["entries"].as_array().unwrap().len());
    assert!(entries > 2);
    let cancels: Value = owner
        .get("/api/v1/audit-log?action=booking.cancel")
        .json()
        .unwrap();
    assert!(
        cancels["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"].as_str().unwrap().starts_with("booking.cancel"))
    );
    let res = owner.get("/api/v1/audit-log?cursor=x");
    assert_eq!(error_code(res, 422)["field"], "cursor");
}

/// PATCH of a page: an absent field stays, `null` clears the location.
#[test]
fn patch_keeps_absent_fields_and_null_clears_the_location() {
    let (_server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    let page = create_page(
        &owner,
        json!({ "slug": "loc", "title": "Visit", "duration_minutes": 30, "hosts": [me],
                "location": { "kind": "in_person", "value": "12 Rue de la Paix" } }),
    );
    let id = page["id"].as_str().unwrap();
    let patch = |body: Value| {
        let res = owner.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/booking-pages/{id}"),
            Some(body),
        );
        assert_eq!(res.status(), 200, "{}", res.text().unwrap());
        res.json::<Value>().unwrap()
    };
    let kept = patch(json!({ "title": "Visit us" }));
    assert_eq!(kept["location"]["value"], "12 Rue de la Paix");
    let cleared = patch(json!({ "location": null }));
    assert!(cleared["location"].is_null(), "{cleared}");
    assert_eq!(cleared["title"], "Visit us");
}

/// One address may make only so many public bookings a minute.
#[test]
fn public_bookings_are_limited_per_address() {
    let (server, owner, _) = server_with_hosts(&[(NO_BOOKING_LIMIT, "3")], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "08:00-18:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "lim", "title": "Limited", "duration_minutes": 30, "hosts": [me], "min_notice_minutes": 0 }),
    );
    let day = days_ahead(5);
    for h in 9..12 {
        let res = book(
            &server,
            "lim",
            &format!("{day}T{h:02}:00:00Z"),
            "a@example.org",
        );
        assert_eq!(res.status(), 201);
    }
    let res = book(&server, "lim", &format!("{day}T13:00:00Z"), "a@example.org");
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let body: Value = res.json().unwrap();
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
}

/// A guest moving a round-robin booking is offered only the times its own
/// host is free, not every time some host of the page is.
#[test]
fn guest_reschedule_offers_only_the_booking_hosts_times() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, hosts) = server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        2,
    );
    set_schedule(&owner, &hosts[0], "UTC", "09:00-12:00", json!({}));
    set_schedule(&owner, &hosts[1], "UTC", "13:00-17:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "rr", "title": "Desk", "duration_minutes": 60, "hosts": [hosts[0], hosts[1]],
                "assignment": "round_robin", "min_notice_minutes": 0 }),
    );
    let day = days_ahead(4);
    let res = book(
        &server,
        "rr",
        &format!("{day}T09:00:00Z"),
        "gail@example.org",
    );
    assert_eq!(res.status(), 201);
    let booked: Value = res.json().unwrap();
    assert_eq!(booked["hosts"], json!([hosts[0]]));
    let mails = sink.wait_for(2, Duration::from_secs(20));
    let link = mails
        .iter()
        .map(|m| parse_mail(m))
        .flat_map(|m| {
            m["parts"][0]["content"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .find(|w| w.contains("/booking/"))
        .expect("a manage link");
    let token = link.rsplit('/').next().unwrap();
    let res = client()
        .get(server.url(&format!("/booking/{token}/reschedule")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().unwrap();
    let offered: Vec<chrono::DateTime<chrono::Utc>> = html
        .split("name=\"start\" value=\"")
        .skip(1)
        .map(|rest| {
            chrono::DateTime::parse_from_rfc3339(&rest[..rest.find('"').unwrap()])
                .unwrap()
                .with_timezone(&chrono::Utc)
        })
        .collect();
    assert!(!offered.is_empty(), "some times are offered");
    use chrono::Timelike;
    assert!(
        offered.iter().all(|t| (9..12).contains(&t.hour())),
        "only the booking's host's hours (09–12 UTC): {offered:?}"
    );
    let own = chrono::DateTime::parse_from_rfc3339(&format!("{day}T09:00:00Z")).unwrap();
    assert!(
        !offered.iter().any(|t| *t == own),
        "its own time is no move"
    );
}

/// kill -9 while bookings race through group commits: every booking that
/// was answered 201 is there after the restart, and no two confirmed
/// bookings of the host overlap. A process, since only a process can be
/// killed so.
#[test]
fn kill_9_during_bookings_loses_no_acknowledged_booking_and_never_doubles() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    let (mut server, owner, _) = spawned_server_with_hosts(&[(NO_BOOKING_LIMIT, "0")], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "06:00-22:00", json!({}));
    create_page(
        &owner,
        json!({ "slug": "k", "title": "Kill", "duration_minutes": 15, "hosts": [me], "min_notice_minutes": 0 }),
    );
    // 8 days of 64 quarter hours; racers pick among them, so many collide.
    let starts: Arc<Vec<String>> = Arc::new(
        (2..10)
            .flat_map(|d| {
                let day = days_ahead(d);
                (0..64).map(move |q| format!("{day}T{:02}:{:02}:00Z", 6 + q / 4, (q % 4) * 15))
            })
            .collect(),
    );
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let base = server.base.clone();
    let racers: Vec<_> = (0..16u64)
        .map(|r| {
            let (starts, acknowledged, stop, base) =
                (starts.clone(), acknowledged.clone(), stop.clone(), base.clone());
            std::thread::spawn(move || {
                let http = client();
                let mut seed = r * 7919 + 1;
                while !stop.load(Ordering::Relaxed) {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let start = &starts[(seed >> 33) as usize % starts.len()];
                    let sent = http
                        .post(format!("{base}/api/v1/public/booking-pages/k/bookings"))
                        .json(&json!({ "start": start, "name": "Racer", "email": "r@example.org", "timezone": "UTC" }))
                        .timeout(Duration::from_secs(5))
                        .send();
                    match sent {
                        Ok(res) if res.status() == 201 => {
                            let b: Value = res.json().unwrap();
                            acknowledged.lock().unwrap().push(b["id"].as_str().unwrap().to_string());
                        }
                        Ok(res) if res.status() == 409 => {}
                        Ok(res) => panic!("unexpected {}", res.status()),
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    // Killed in the middle of the stream, once enough bookings are
    // acknowledged that losing one would show.
    eventually(Duration::from_secs(30), "40 acknowledged bookings", || {
        (acknowledged.lock().unwrap().len() >= 40).then_some(())
    });
    server.kill9();
    stop.store(true, Ordering::Relaxed);
    for r in racers {
        r.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40, "{}", acknowledged.len());

    let server = Server::start_in(&server.data_dir.clone(), &[]);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    for id in &acknowledged {
        let res = owner.get(&format!("/api/v1/bookings/{id}"));
        assert_eq!(
            res.status(),
            200,
            "acknowledged booking {id} lost after kill -9"
        );
    }
    let mut starts_seen = Vec::new();
    let mut path = "/api/v1/bookings?limit=500&state=confirmed".to_string();
    loop {
        let page: Value = owner.get(&path).json().unwrap();
        for b in page["bookings"].as_array().unwrap() {
            starts_seen.push(b["start"].as_str().unwrap().to_string());
        }
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/bookings?limit=500&state=confirmed&after={next}"),
            None => break,
        }
    }
    assert!(starts_seen.len() >= acknowledged.len());
    let mut unique = starts_seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), starts_seen.len(), "two bookings on one slot");
}

/// A booking keeps its length when it moves, even after its page was
/// made shorter: the move is checked for the whole booking.
#[test]
fn a_move_is_checked_for_the_booking_length_not_the_page_current_one() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    let page = create_page(
        &owner,
        json!({ "slug": "long", "title": "Long", "duration_minutes": 60, "slot_step_minutes": 30,
                "hosts": [me], "min_notice_minutes": 0 }),
    );
    let day = days_ahead(3);
    let res = book(
        &server,
        "long",
        &format!("{day}T14:00:00Z"),
        "a@example.org",
    );
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/booking-pages/{}", page["id"].as_str().unwrap()),
        Some(json!({ "duration_minutes": 30 })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let res = book(
        &server,
        "long",
        &format!("{day}T10:30:00Z"),
        "b@example.org",
    );
    assert_eq!(res.status(), 201);
    // 10:00–11:00 would overlap 10:30; 10:00–10:30 would not.
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T10:00:00Z") }),
    );
    assert_eq!(error_code(res, 409)["code"], "slot_taken");
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T11:00:00Z") }),
    );
    assert_eq!(res.status(), 200);
    let moved: Value = res.json().unwrap();
    assert!(
        moved["end"].as_str().unwrap().contains("T12:00:00"),
        "{moved}"
    );
}

/// Slot lists between bookings: after each booking the booked host's
/// availability is read again while the other host's carries over.
#[test]
fn slot_lists_follow_each_booking_host_by_host() {
    let (server, owner, hosts) = server_with_hosts(&[], 2);
    for h in &hosts {
        set_schedule(&owner, h, "UTC", "09:00-12:00", json!({}));
    }
    create_page(
        &owner,
        json!({ "slug": "two", "title": "Two", "duration_minutes": 60, "hosts": [hosts[0], hosts[1]],
                "assignment": "round_robin", "min_notice_minutes": 0 }),
    );
    let day = days_ahead(3);
    let at = format!("{day}T10:00:00Z");
    let offered = |server: &Server| {
        slots(server, "two", &day, &day, "UTC").iter().any(|s| {
            s["start"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{day}T10:00:00"))
        })
    };
    assert!(offered(&server));
    let first: Value = book(&server, "two", &at, "a@example.org").json().unwrap();
    assert!(offered(&server), "the other host is still free at 10:00");
    let second: Value = book(&server, "two", &at, "b@example.org").json().unwrap();
    assert_ne!(first["hosts"], second["hosts"]);
    assert!(!offered(&server), "both hosts are booked at 10:00");
    assert_eq!(
        error_code(book(&server, "two", &at, "c@example.org"), 409)["code"],
        "slot_taken"
    );
}
