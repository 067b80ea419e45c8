//! Members' own calendars as busy times, against real servers: a plain
//! web server publishing .ics files (ETags, Basic auth, a 50 MB body, a
//! redirect to a private address) and Radicale over CalDAV.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::common::*;

const LOOPBACK: (&str, &str) = ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8");

fn page(owner: &Session, slug: &str, host: &str) {
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": slug, "title": "Talk", "duration_minutes": 60, "hosts": [host],
                "assignment": "single", "min_notice_minutes": 0, "horizon_days": 60 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
}

/// The day's slot starts as local "HH:MM" in `tz`.
fn starts(server: &Server, slug: &str, day: NaiveDate, tz: &str) -> Vec<String> {
    let d = day.format("%Y-%m-%d");
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/{slug}/slots?from={d}&to={d}&timezone={tz}"
        )))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap()[11..16].to_string())
        .collect()
}

fn hours(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn connect(owner: &Session, member: &str, body: Value) -> String {
    let res = owner.post(&format!("/api/v1/members/{member}/calendars"), body);
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let v: Value = res.json().unwrap();
    v["id"].as_str().unwrap().to_string()
}

fn sync(owner: &Session, member: &str, cal: &str) -> reqwest::blocking::Response {
    owner.post(
        &format!("/api/v1/members/{member}/calendars/{cal}/sync"),
        json!({}),
    )
}

fn synced(owner: &Session, member: &str, cal: &str) -> Value {
    let res = sync(owner, member, cal);
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    res.json().unwrap()
}

fn listed(owner: &Session, member: &str) -> Vec<Value> {
    let v: Value = owner
        .get(&format!("/api/v1/members/{member}/calendars"))
        .json()
        .unwrap();
    v["calendars"].as_array().unwrap().clone()
}

fn event(uid: &str, day: NaiveDate, from: &str, to: &str, extra: &str) -> String {
    let d = day.format("%Y%m%d");
    format!(
        "BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260101T000000Z\nDTSTART:{d}T{from}0000Z\nDTEND:{d}T{to}0000Z\nSUMMARY:Private dentist appointment\n{extra}END:VEVENT\n"
    )
}

fn calendar(events: &[String]) -> String {
    crlf(&format!(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//Calendar//EN\n{}END:VCALENDAR\n",
        events.concat()
    ))
}

#[test]
fn an_ical_url_blocks_its_events_honours_etags_and_keeps_the_last_good_copy() {
    let ics = IcsServer::start();
    let (server, owner, _) = server_with_hosts(&[LOOPBACK], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "09:00-17:00", json!({}));
    page(&owner, "talk", &me);
    let day = Utc::now().date_naive() + Duration::days(3);
    let all = hours(&[
        "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00",
    ]);
    assert_eq!(starts(&server, "talk", day, "UTC"), all);

    ics.publish(
        "busy.ics",
        &calendar(&[event("dentist-1", day, "10", "12", "")]),
    );
    let cal = connect(
        &owner,
        &me,
        json!({ "kind": "ical_url", "url": ics.url("/busy.ics") }),
    );
    let first = synced(&owner, &me, &cal);
    assert_eq!(first["events"], 1);
    let without = hours(&["09:00", "12:00", "13:00", "14:00", "15:00", "16:00"]);
    assert_eq!(starts(&server, "talk", day, "UTC"), without);
    // A guest who asks for a busy time anyway is refused: the booking
    // writer checks the busy times too, not only the list.
    for busy in ["10:00", "11:00"] {
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/talk/bookings"))
            .json(
                &json!({ "start": format!("{day}T{busy}:00Z"), "name": "Gail Guest",
                           "email": "gail@example.org", "timezone": "UTC" }),
            )
            .send()
            .unwrap();
        assert_eq!(error_code(res, 422)["code"], "not_a_slot", "{busy}");
    }

    // Unchanged: the validator goes back, the server answers 304 and
    // nothing changes.
    let again = synced(&owner, &me, &cal);
    assert_eq!(again["changed"], false, "{again}");
    assert_eq!(again["events"], 1);
    let last = ics.requests().pop().unwrap();
    assert_eq!(last["status"], 304, "{last}");
    assert!(last["if_none_match"].is_string(), "{last}");

    // What is stored is only what scheduling needs.
    let shown = listed(&owner, &me);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["kind"], "ical_url");
    assert_eq!(shown[0]["events"], 1);
    assert!(shown[0]["last_sync_at"].is_string());
    assert!(shown[0]["last_error"].is_null());
    assert!(!shown[0].to_string().contains("dentist appointment"));

    // A broken file, an HTML sign-in page: refused, recorded, and the last
    // good busy times stay.
    for (body, code) in [
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nthis is not a property\r\n",
            "unparsable",
        ),
        ("<html><body>Please sign in</body></html>", "not_a_calendar"),
    ] {
        ics.publish("busy.ics", body);
        let res = sync(&owner, &me, &cal);
        let err = error_code(res, 422);
        assert_eq!(err["code"], "sync_failed");
        let shown = &listed(&owner, &me)[0];
        assert_eq!(shown["last_error_code"], code, "{shown}");
        assert!(shown["last_error"].as_str().unwrap().len() > 10);
        assert_eq!(shown["events"], 1);
        assert_eq!(starts(&server, "talk", day, "UTC"), without);
    }

    // Admins find the failing calendar from the dashboard and the lists.
    let failing: Value = owner
        .get("/api/v1/members?integration=calendar_failing")
        .json()
        .unwrap();
    assert_eq!(failing["members"].as_array().unwrap().len(), 1, "{failing}");
    assert_eq!(failing["members"][0]["id"], me.as_str());
    let none: Value = owner
        .get("/api/v1/members?integration=no_calendar")
        .json()
        .unwrap();
    assert!(none["members"].as_array().unwrap().is_empty());
    error_code(owner.get("/api/v1/members?integration=bogus"), 422);
    let dashboard = owner.get("/").text().unwrap();
    assert!(
        dashboard.contains("/members?integration=calendar_failing"),
        "the dashboard counts it"
    );
    let list = owner
        .get("/members?integration=calendar_failing")
        .text()
        .unwrap();
    assert!(
        list.contains("Calendar failing"),
        "the list says how it is filtered"
    );
    let overview = owner
        .get("/admin/integrations?integration=calendar_failing")
        .text()
        .unwrap();
    assert!(overview.contains(OWNER_EMAIL));

    // A 50 MB body is refused without being kept.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}/calendars/{cal}"),
        Some(json!({ "url": ics.url("/huge.ics") })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    error_code(sync(&owner, &me, &cal), 422);
    assert_eq!(listed(&owner, &me)[0]["last_error_code"], "too_large");
    assert_eq!(starts(&server, "talk", day, "UTC"), without);

    // A redirect to a private address is refused, whatever the first hop.
    let redirect = ics.url("/redirect?to=http://10.20.30.40/cal.ics");
    owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}/calendars/{cal}"),
        Some(json!({ "url": redirect })),
    );
    error_code(sync(&owner, &me, &cal), 422);
    assert_eq!(listed(&owner, &me)[0]["last_error_code"], "refused");

    // Disconnecting frees the times at once.
    let res = owner.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/members/{me}/calendars/{cal}"),
        None,
    );
    assert_eq!(res.status(), 204);
    assert_eq!(starts(&server, "talk", day, "UTC"), all);
    assert!(listed(&owner, &me).is_empty());
}

#[test]
fn a_protected_calendar_is_read_with_its_password_which_never_comes_back() {
    const SECRET: &str = "Saffron-Kettle-9931";
    let ics = IcsServer::start();
    let (server, owner, ids) = server_with_hosts(&[LOOPBACK], 1);
    let host = ids[0].clone();
    set_schedule(&owner, &host, "UTC", "09:00-17:00", json!({}));
    page(&owner, "host", &host);
    let day = Utc::now().date_naive() + Duration::days(4);
    ics.publish("team.ics", &calendar(&[event("t-1", day, "09", "10", "")]));
    ics.protect("team.ics", "hana", SECRET);

    // A wrong password is told as such.
    let cal = connect(
        &owner,
        &host,
        json!({ "kind": "ical_url", "url": ics.url("/team.ics"), "username": "hana", "password": "nope" }),
    );
    error_code(sync(&owner, &host, &cal), 422);
    assert_eq!(listed(&owner, &host)[0]["last_error_code"], "unauthorized");

    // Re-linked with the right one.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{host}/calendars/{cal}"),
        Some(json!({ "password": SECRET })),
    );
    assert_eq!(res.status(), 200);
    assert_eq!(synced(&owner, &host, &cal)["events"], 1);
    assert_eq!(starts(&server, "host", day, "UTC")[0], "10:00");

    // The member sees it too; another member does not.
    let hana = server.login("host0@example.org", MEMBER_PASSWORD);
    assert_eq!(listed(&hana, &host).len(), 1);
    let answers = [
        owner
            .get(&format!("/api/v1/members/{host}/calendars"))
            .text()
            .unwrap(),
        owner
            .get(&format!("/api/v1/members/{host}/calendars/{cal}"))
            .text()
            .unwrap(),
        hana.get(&format!("/members/{host}/calendars"))
            .text()
            .unwrap(),
        owner.get("/admin/integrations").text().unwrap(),
    ];
    for a in answers.iter().chain(server.log_lines().iter()) {
        assert!(!a.contains(SECRET), "the password leaked: {a}");
    }
    assert!(
        answers[2].contains("127.0.0.1"),
        "the page names the calendar"
    );
}

fn dav_event(uid: &str, body: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//Calendar//EN\n{TOKYO}BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260101T000000Z\n{body}END:VEVENT\nEND:VCALENDAR\n"
    )
}

const TOKYO: &str = "BEGIN:VTIMEZONE\nTZID:Asia/Tokyo\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nTZNAME:JST\nEND:STANDARD\nEND:VTIMEZONE\n";

#[test]
fn caldav_events_found_from_the_principal_become_busy_and_free_again_when_deleted() {
    let dav = Radicale::start();
    dav.mkcalendar("work");
    let (server, owner, _) = server_with_hosts(&[LOOPBACK], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Asia/Tokyo", "09:00-18:00", json!({}));
    page(&owner, "tokyo", &me);
    let today = Utc::now().date_naive();
    let d0 = today + Duration::days(7);
    let stamp = |d: NaiveDate| d.format("%Y%m%d").to_string();
    // A weekly series at 10:00 Tokyo time: the second week taken out, the
    // third moved to 15:00.
    let weekly = format!(
        "{}\nDTSTART;TZID=Asia/Tokyo:{}T100000\nDTEND;TZID=Asia/Tokyo:{}T110000\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Asia/Tokyo:{}T100000\nEND:VEVENT\nBEGIN:VEVENT\nUID:weekly\nDTSTAMP:20260101T000000Z\nRECURRENCE-ID;TZID=Asia/Tokyo:{}T100000\nDTSTART;TZID=Asia/Tokyo:{}T150000\nDTEND;TZID=Asia/Tokyo:{}T160000\n",
        "SUMMARY:Standup",
        stamp(d0),
        stamp(d0),
        stamp(d0 + Duration::days(7)),
        stamp(d0 + Duration::days(14)),
        stamp(d0 + Duration::days(14)),
        stamp(d0 + Duration::days(14)),
    );
    dav.put("work", "weekly.ics", &dav_event("weekly", &weekly));
    let off = d0 + Duration::days(2);
    dav.put(
        "work",
        "off.ics",
        &dav_event(
            "off",
            &format!(
                "DTSTART;VALUE=DATE:{}\nDTEND;VALUE=DATE:{}\nSUMMARY:Day off\n",
                stamp(off),
                stamp(off + Duration::days(1))
            ),
        ),
    );
    let d1 = d0 + Duration::days(1);
    dav.put(
        "work",
        "free.ics",
        &dav_event(
            "free",
            &format!(
                "DTSTART;TZID=Asia/Tokyo:{0}T120000\nDTEND;TZID=Asia/Tokyo:{0}T130000\nTRANSP:TRANSPARENT\nSUMMARY:Reminder\n",
                stamp(d1)
            ),
        ),
    );
    dav.put(
        "work",
        "cancelled.ics",
        &dav_event(
            "cancelled",
            &format!(
                "DTSTART;TZID=Asia/Tokyo:{0}T130000\nDTEND;TZID=Asia/Tokyo:{0}T140000\nSTATUS:CANCELLED\nSUMMARY:Lunch\n",
                stamp(d1)
            ),
        ),
    );

    let cal = connect(
        &owner,
        &me,
        json!({ "kind": "caldav", "url": dav.principal(), "username": DAV_USER, "password": DAV_PASSWORD }),
    );
    let report = synced(&owner, &me, &cal);
    // Three occurrences of the series and the day off.
    assert_eq!(report["events"], 4, "{report}");
    let shown = &listed(&owner, &me)[0];
    let names: Vec<&str> = shown["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["work"], "{shown}");

    let tz = "Asia/Tokyo";
    let has = |d: NaiveDate, h: &str| starts(&server, "tokyo", d, tz).contains(&h.to_string());
    assert!(!has(d0, "10:00"), "first standup");
    assert!(has(d0 + Duration::days(7), "10:00"), "excluded week");
    assert!(has(d0 + Duration::days(14), "10:00"), "moved away");
    assert!(!has(d0 + Duration::days(14), "15:00"), "moved here");
    assert!(!has(d0 + Duration::days(21), "10:00"), "fourth standup");
    assert!(starts(&server, "tokyo", off, tz).is_empty(), "day off");
    assert!(has(d1, "12:00"), "transparent events do not block");
    assert!(has(d1, "13:00"), "cancelled events do not block");

    // Unchanged collection: nothing read again.
    assert_eq!(synced(&owner, &me, &cal)["changed"], false);

    for file in ["weekly.ics", "off.ics"] {
        dav.delete("work", file);
    }
    let report = synced(&owner, &me, &cal);
    assert_eq!(report["events"], 0, "{report}");
    assert!(has(d0, "10:00"));
    assert!(has(d0 + Duration::days(14), "15:00"));
    assert_eq!(starts(&server, "tokyo", off, tz).len(), 9);

    // A wrong password is a clear refusal that keeps nothing wrong.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}/calendars/{cal}"),
        Some(json!({ "password": "not-it" })),
    );
    assert_eq!(res.status(), 200);
    error_code(sync(&owner, &me, &cal), 422);
    assert_eq!(listed(&owner, &me)[0]["last_error_code"], "unauthorized");
}

#[test]
fn connecting_refuses_what_cannot_work_and_others_calendars() {
    let (server, owner, ids) = server_with_hosts(&[LOOPBACK], 2);
    let (a, b) = (ids[0].clone(), ids[1].clone());
    for (body, field) in [
        (
            json!({ "kind": "outlook", "url": "https://example.org/c.ics" }),
            "kind",
        ),
        (
            json!({ "kind": "ical_url", "url": "ftp://example.org/c.ics" }),
            "url",
        ),
        (json!({ "kind": "ical_url", "url": "" }), "url"),
        (
            json!({ "kind": "ical_url", "url": "https://u:p@example.org/c.ics" }),
            "url",
        ),
        (
            json!({ "kind": "ical_url", "url": "https://example.org/c.ics", "password": "x" }),
            "username",
        ),
        (
            json!({ "kind": "ical_url", "url": "https://example.org/c.ics", "write_back": true }),
            "write_back",
        ),
    ] {
        let res = owner.post(&format!("/api/v1/members/{a}/calendars"), body.clone());
        let err = error_code(res, 422);
        assert_eq!(err["field"], field, "{body}: {err}");
    }
    let res = owner.post(
        &format!("/api/v1/members/{a}/calendars"),
        json!({ "kind": "ical_url" }),
    );
    assert!(res.status().is_client_error());
    // webcal:// is how calendar apps say "subscribe": the same over https.
    let id = connect(
        &owner,
        &a,
        json!({ "kind": "ical_url", "url": "webcal://calendar.example.org/u/abc.ics" }),
    );
    assert_eq!(
        listed(&owner, &a)[0]["url"],
        "https://calendar.example.org/u/abc.ics"
    );

    let bob = server.login("host1@example.org", MEMBER_PASSWORD);
    assert_eq!(
        bob.get("/api/v1/members?integration=no_calendar").status(),
        403
    );
    assert_eq!(bob.get("/admin/integrations").status(), 403);
    let res = bob.get(&format!("/api/v1/members/{a}/calendars"));
    assert_eq!(res.status(), 403);
    let res = bob.post(
        &format!("/api/v1/members/{a}/calendars/{id}/sync"),
        json!({}),
    );
    assert_eq!(res.status(), 403);
    let res = bob.get(&format!("/api/v1/members/{b}/calendars/{id}"));
    assert_eq!(res.status(), 404, "another member's connection id");
}

#[test]
fn hostile_calendar_bodies_are_refused_or_read_never_a_server_error() {
    let ics = IcsServer::start();
    let (server, owner, _) = server_with_hosts(&[LOOPBACK], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Europe/Paris", "09:00-17:00", json!({}));
    page(&owner, "odd", &me);
    let cal = connect(
        &owner,
        &me,
        json!({ "kind": "ical_url", "url": ics.url("/odd.ics") }),
    );
    let day = Utc::now().date_naive() + Duration::days(2);
    let good = calendar(&[event("ok-1", day, "09", "10", "")]);
    ics.publish("odd.ics", &good);
    assert_eq!(synced(&owner, &me, &cal)["events"], 1);
    let d = day.format("%Y%m%d");
    let bodies: Vec<String> = vec![
        String::new(),
        "\0\0\0BEGIN:VCALENDAR\0".into(),
        "BEGIN:VCALENDAR\r\n".repeat(5_000),
        format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:{}\r\nDTSTART:{d}T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "x".repeat(200_000)),
        format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:evil\r\nBcc: x\r\nDTSTART;TZID=\"\r\n Mars/Olympus\":{d}T090000\r\nDTEND:{d}T100000\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
        format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:far\r\nDTSTART:99991231T235959Z\r\nDTEND:00010101T000000Z\r\nRRULE:FREQ=DAILY;COUNT=99999999\r\nEXDATE:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\u{202E}\u{2028}\r\nDTSTART;VALUE=DATE:20261301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".into(),
    ];
    for body in &bodies {
        ics.publish("odd.ics", body);
        let res = sync(&owner, &me, &cal);
        let status = res.status().as_u16();
        assert!(
            status == 200 || status == 422,
            "{status} for {:?}",
            &body[..body.len().min(80)]
        );
    }
    // Still up, and a good calendar reads again.
    ics.publish("odd.ics", &good);
    assert_eq!(synced(&owner, &me, &cal)["events"], 1);
    assert_eq!(owner.get(&format!("/members/{me}/calendars")).status(), 200);
    assert_eq!(
        client()
            .get(server.url("/healthz"))
            .send()
            .unwrap()
            .status(),
        200
    );
}
