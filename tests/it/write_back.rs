//! Bookings written back to a member's own CalDAV calendar, against a real
//! Radicale: a booking appears as an event, a reschedule moves it, a
//! cancellation deletes it (or marks it cancelled, as the member chose),
//! a server that is down gets the event once it is back, and the next
//! import neither counts the booking twice nor lets it block itself.

use std::time::Duration as Wait;

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::common::*;

const LOOPBACK: (&str, &str) = ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8");
const FAST_RETRIES: (&str, &str) = ("CONVENE_MAIL_RETRY_BASE_SECONDS", "1");

fn book(server: &Server, slug: &str, start: &str, name: &str) -> Value {
    let res = client()
        .post(server.url(&format!("/api/v1/public/booking-pages/{slug}/bookings")))
        .json(
            &json!({ "start": start, "name": name, "email": "gail@example.org",
                       "timezone": "UTC", "notes": "Line one, \"quoted\"; line two\nand a third" }),
        )
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    res.json().unwrap()
}

fn slot_starts(server: &Server, slug: &str, day: &str) -> Vec<String> {
    let body: Value = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/{slug}/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap()
        .json()
        .unwrap();
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap()[11..16].to_string())
        .collect()
}

fn connection(owner: &Session, member: &str, cal: &str) -> Value {
    owner
        .get(&format!("/api/v1/members/{member}/calendars/{cal}"))
        .json()
        .unwrap()
}

/// The event as Radicale holds it, once it holds what `ready` wants.
fn event_when(
    dav: &Radicale,
    booking: &str,
    what: &str,
    ready: impl Fn(u16, &str) -> bool,
) -> String {
    eventually(Wait::from_secs(30), what, || {
        let (status, body) = dav.get("work", &format!("{booking}.ics"));
        ready(status, &body).then_some(body)
    })
}

#[test]
fn bookings_reach_the_members_radicale_calendar_and_follow_every_change() {
    let mut dav = Radicale::start();
    dav.mkcalendar("work");
    dav.mkcalendar("private");
    let (server, owner, _) = server_with_hosts(&[LOOPBACK, FAST_RETRIES], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "talk", "title": "Talk, \"frank\"; open", "duration_minutes": 60,
                "slot_step_minutes": 30, "hosts": [me], "assignment": "single",
                "min_notice_minutes": 0, "horizon_days": 60 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());

    let res = owner.post(
        &format!("/api/v1/members/{me}/calendars"),
        json!({ "kind": "caldav", "url": dav.principal(), "username": DAV_USER,
                "password": DAV_PASSWORD, "write_back": true,
                "write_calendar": dav.calendar_url("work") }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let cal = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = connection(&owner, &me, &cal);
    assert_eq!(shown["write_back"], true, "{shown}");
    assert_eq!(shown["on_cancel"], "delete");

    // A new booking becomes an event, with the page's title and the
    // guest's words intact.
    let day = (Utc::now().date_naive() + Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let b = book(&server, "talk", &format!("{day}T10:00:00Z"), "Gail 山田 😀");
    let id = b["id"].as_str().unwrap().to_string();
    let compact = day.replace('-', "");
    let written = event_when(&dav, &id, "the booking in Radicale", |s, _| s == 200);
    assert!(
        written.contains(&format!("UID:{id}@feed.convene")),
        "{written}"
    );
    assert!(
        written.contains(&format!("DTSTART:{compact}T100000Z")),
        "{written}"
    );
    assert!(
        !written.contains("METHOD:"),
        "a calendar object has no METHOD"
    );
    assert!(
        !written.contains("ATTENDEE"),
        "no attendee: no second invitation"
    );
    let unfolded = written.replace("\r\n ", "");
    assert!(unfolded.contains("Talk\\, \"frank\"\\; open"), "{unfolded}");
    assert!(unfolded.contains("Gail 山田 😀"), "{unfolded}");

    // The next import reads the event back: it is the booking, so it is
    // not a second busy time; the booking still takes its slot.
    let report: Value = owner
        .post(
            &format!("/api/v1/members/{me}/calendars/{cal}/sync"),
            json!({}),
        )
        .json()
        .unwrap();
    assert_eq!(
        report["events"], 0,
        "our own event is not counted: {report}"
    );
    let free = slot_starts(&server, "talk", &day);
    assert!(!free.contains(&"10:00".to_string()), "{free:?}");
    assert!(!free.contains(&"09:30".to_string()), "overlaps the booking");
    assert!(free.contains(&"11:00".to_string()), "{free:?}");

    // The member edits the event in their calendar app (a new version on
    // the server): the reschedule's If-Match fails with 412, the writer
    // reads the new version and writes again.
    let edited = unfolded.replace("Gail 山田 😀", "Gail (edited in the app)");
    dav.put("work", &format!("{id}.ics"), &edited);

    // Rescheduled half an hour later, into its own old time: allowed, and
    // the event moves.
    let res = owner.post(
        &format!("/api/v1/bookings/{id}/reschedule"),
        json!({ "start": format!("{day}T10:30:00Z") }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let moved = event_when(&dav, &id, "the event moved", |_, body| {
        body.contains(&format!("DTSTART:{compact}T103000Z"))
    });
    assert!(moved.contains("SEQUENCE:1"), "{moved}");
    assert!(
        moved.replace("\r\n ", "").contains("Gail 山田 😀"),
        "the booking wins over the edit: {moved}"
    );
    let report: Value = owner
        .post(
            &format!("/api/v1/members/{me}/calendars/{cal}/sync"),
            json!({}),
        )
        .json()
        .unwrap();
    assert_eq!(report["events"], 0, "{report}");
    let free = slot_starts(&server, "talk", &day);
    assert!(
        free.contains(&"09:00".to_string()),
        "the old time is free: {free:?}"
    );
    assert!(!free.contains(&"10:30".to_string()), "{free:?}");

    // Cancelled: the event is deleted.
    let res = owner.post(&format!("/api/v1/bookings/{id}/cancel"), json!({}));
    assert_eq!(res.status(), 200);
    event_when(&dav, &id, "the event deleted", |s, _| s == 404);
    let shown = connection(&owner, &me, &cal);
    assert!(shown["write_error"].is_null(), "{shown}");
    assert!(shown["last_write_at"].is_string(), "{shown}");

    // "Keep it, marked cancelled" instead.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}/calendars/{cal}"),
        Some(json!({ "on_cancel": "mark_cancelled" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let b = book(&server, "talk", &format!("{day}T13:00:00Z"), "Second guest");
    let second = b["id"].as_str().unwrap().to_string();
    event_when(&dav, &second, "the second booking", |s, _| s == 200);
    let res = owner.post(&format!("/api/v1/bookings/{second}/cancel"), json!({}));
    assert_eq!(res.status(), 200);
    let kept = event_when(&dav, &second, "marked cancelled", |_, body| {
        body.contains("STATUS:CANCELLED")
    });
    assert!(kept.contains("SEQUENCE:1"), "{kept}");

    // Radicale down while a guest books: the booking is made at once, the
    // connection says what went wrong, and the event is written once the
    // server is back.
    dav.stop();
    let b = book(&server, "talk", &format!("{day}T15:00:00Z"), "Third guest");
    let third = b["id"].as_str().unwrap().to_string();
    let failed = eventually(Wait::from_secs(20), "the write-back error shown", || {
        let c = connection(&owner, &me, &cal);
        c["write_error_code"].as_str().map(str::to_string)
    });
    assert_eq!(failed, "unreachable");
    let queued = outbox_messages(&owner, "queued");
    assert!(
        queued
            .iter()
            .any(|m| m["payload"]["type"] == "calendar_write"),
        "{queued:?}"
    );
    dav.start_again();
    let back = event_when(&dav, &third, "written once Radicale is back", |s, _| {
        s == 200
    });
    assert!(
        back.contains(&format!("DTSTART:{compact}T150000Z")),
        "{back}"
    );
    eventually(Wait::from_secs(20), "the error cleared", || {
        connection(&owner, &me, &cal)["write_error"]
            .is_null()
            .then_some(())
    });

    // The calendar disappears (deleted on the server): the connection
    // shows it, bookings go on.
    dav.delete("work", "");
    book(&server, "talk", &format!("{day}T16:00:00Z"), "Fourth guest");
    let code = eventually(Wait::from_secs(20), "the missing calendar shown", || {
        connection(&owner, &me, &cal)["write_error_code"]
            .as_str()
            .map(str::to_string)
    });
    assert_eq!(code, "write_target_gone");
    let failed = outbox_messages(&owner, "failed");
    assert!(
        failed
            .iter()
            .any(|m| m["payload"]["type"] == "calendar_write"),
        "it fails at once, for an admin to send again: {failed:?}"
    );

    // The member's page says so, and its form changes the setting.
    let page = owner
        .get(&format!("/members/{me}/calendars"))
        .text()
        .unwrap();
    assert!(page.contains(r#"data-testid="write-back""#), "{page}");
    assert!(page.contains(r#"data-testid="write-error""#), "{page}");
    assert!(
        page.contains("The calendar bookings are written to is no longer there"),
        "{page}"
    );
    let res = owner.post_form(
        &format!("/members/{me}/calendars/{cal}/write-back"),
        &[
            ("write_back", "on"),
            ("write_calendar", ""),
            ("on_cancel", "delete"),
        ],
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let shown = connection(&owner, &me, &cal);
    assert_eq!(shown["on_cancel"], "delete", "{shown}");
    assert!(
        shown["write_calendar"].is_null(),
        "back to the default: {shown}"
    );
    let res = owner.post_form(
        &format!("/members/{me}/calendars/{cal}/write-back"),
        &[("write_calendar", ""), ("on_cancel", "delete")],
    );
    assert_eq!(res.status(), 200);
    assert_eq!(connection(&owner, &me, &cal)["write_back"], false);
}

#[test]
fn one_calendar_per_member_receives_bookings_and_only_caldav_can() {
    let dav = Radicale::start();
    dav.mkcalendar("work");
    let (_server, owner, _) = server_with_hosts(&[LOOPBACK], 0);
    let me = owner.member_id.clone();
    let connect = |body: Value| {
        let res = owner.post(&format!("/api/v1/members/{me}/calendars"), body);
        assert_eq!(res.status(), 201, "{}", res.text().unwrap());
        res.json::<Value>().unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let body = json!({ "kind": "caldav", "url": dav.principal(), "username": DAV_USER,
                       "password": DAV_PASSWORD, "write_back": true });
    let first = connect(body.clone());
    let second = connect(body);
    assert_eq!(connection(&owner, &me, &first)["write_back"], false);
    assert_eq!(connection(&owner, &me, &second)["write_back"], true);

    for (change, field) in [
        (json!({ "on_cancel": "shred" }), "on_cancel"),
        (
            json!({ "write_calendar": "ftp://example.org/x/" }),
            "write_calendar",
        ),
    ] {
        let res = owner.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{me}/calendars/{second}"),
            Some(change),
        );
        assert_eq!(error_code(res, 422)["field"], field);
    }
}
