//! Connect over HTTP with the real SMTP sink: invite an external member,
//! follow the mailed link, enter dates, book on their page, re-request,
//! delete.

use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

fn mails_to(sink: &SmtpSink, n: usize, to: &str) -> Vec<Value> {
    let mut found = Vec::new();
    eventually(WAIT, &format!("{n} mails to {to}"), || {
        found = sink
            .messages()
            .iter()
            .map(|m| parse_mail(m))
            .filter(|m| m["envelope_to"] == to)
            .collect();
        (found.len() >= n).then_some(())
    });
    found
}

fn slot_starts(server: &Server, slug: &str) -> Vec<String> {
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/{slug}/slots?from={}&to={}&timezone=UTC",
            days_ahead(2),
            days_ahead(5)
        )))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect()
}

fn at(days: i64, time: &str) -> String {
    format!("{}T{time}:00Z", days_ahead(days))
}

#[test]
fn invite_enter_dates_book_request_again_and_delete() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, ids) = server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
            ("CONVENE_MAIL_RETRY_BASE_SECONDS", "1"),
            ("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8"),
        ],
        1,
    );
    let host = ids[0].clone();
    let member = server.login("host0@example.org", MEMBER_PASSWORD);

    // Off by default: the routes say so and keep nothing half-done.
    let res = owner.get("/api/v1/org/connect");
    assert_eq!(res.json::<Value>().unwrap(), json!({ "enabled": false }));
    let invite = json!({ "name": "Jean Martin", "email": "jean@example.fr",
        "organization": "Martin SARL", "contact_member_id": host, "language": "fr" });
    error_code(owner.post("/api/v1/external-members", invite.clone()), 409);
    assert_eq!(
        owner
            .post("/api/v1/external-members", invite.clone())
            .json::<Value>()
            .unwrap()["error"]["code"],
        "connect_disabled"
    );
    let page = owner.get("/external-members").text().unwrap();
    assert!(page.contains("/external-members/connect"), "{page}");
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.json::<Value>().unwrap(), json!({ "enabled": true }));
    let receiver = Receiver::start();
    let res = owner.post(
        "/api/v1/webhooks",
        json!({ "url": receiver.url("/hook"), "events": ["external.dates_entered"] }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());

    // A member who is not an admin is refused every management route.
    assert_eq!(
        member
            .post("/api/v1/external-members", invite.clone())
            .status(),
        403
    );
    assert_eq!(member.get("/api/v1/external-members").status(), 403);
    assert_eq!(member.get("/external-members").status(), 403);
    assert_eq!(
        member
            .send(
                reqwest::Method::PUT,
                "/api/v1/org/connect",
                Some(json!({ "enabled": false }))
            )
            .status(),
        403
    );

    let res = owner.post("/api/v1/external-members", invite.clone());
    assert_eq!(res.status(), 201);
    let x: Value = res.json().unwrap();
    let xid = x["id"].as_str().unwrap().to_string();
    assert_eq!(x["status"], "awaiting_dates");
    for (path, method) in [
        (
            format!("/api/v1/external-members/{xid}"),
            reqwest::Method::DELETE,
        ),
        (
            format!("/api/v1/external-members/{xid}/request-dates"),
            reqwest::Method::POST,
        ),
        (
            format!("/api/v1/external-members/{xid}"),
            reqwest::Method::PATCH,
        ),
    ] {
        let body = (method == reqwest::Method::PATCH).then(|| json!({ "name": "X" }));
        assert_eq!(member.send(method, &path, body).status(), 403, "{path}");
    }
    // The same address twice is refused.
    assert_eq!(
        error_code(owner.post("/api/v1/external-members", invite.clone()), 409)["code"],
        "already_invited"
    );

    // The invitation, in French, with the link.
    let invitation = &mails_to(&sink, 1, "jean@example.fr")[0];
    assert!(
        invitation["subject"]
            .as_str()
            .unwrap()
            .contains("disponibilités"),
        "{invitation}"
    );
    let link = link_in(invitation, "/connect/");
    let token = link.rsplit('/').next().unwrap().to_string();
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    assert!(!link.contains(' '));

    // A page with the external member and the member in charge, same seat:
    // created switched off while dates are awaited.
    set_schedule(&owner, &host, "UTC", "09:00-17:00", json!({}));
    // Video links come from the member in charge (external members have none).
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{host}"),
        Some(json!({ "meeting_url": "https://meet.example.org/host0" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "with-jean", "title": "Meet Jean", "duration_minutes": 30,
                "hosts": [host, xid], "assignment": "collective", "min_notice_minutes": 0,
                "location": { "kind": "video", "value": "" } }),
    );
    assert_eq!(res.status(), 201);
    let p: Value = res.json().unwrap();
    assert_eq!(p["enabled"], false);
    let pid = p["id"].as_str().unwrap().to_string();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/booking-pages/{pid}"),
        Some(json!({ "enabled": true })),
    );
    assert_eq!(error_code(res, 409)["code"], "awaiting_dates");
    let rr = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "rr-jean", "title": "RR", "duration_minutes": 30,
                "hosts": [host, xid], "assignment": "round_robin" }),
    );
    assert_eq!(error_code(rr, 422)["field"], "assignment");

    // The link opens the date page in the browser's language, no account.
    let page = client()
        .get(&link)
        .header("Accept-Language", "fr-FR")
        .send()
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().unwrap();
    assert!(
        html.contains("lang=\"fr\"") && html.contains("Vos dates candidates"),
        "{html}"
    );
    // Past, overlapping and too long are refused with the field named.
    let dates = |ranges: Value| {
        client()
            .post(server.url(&format!("/api/v1/connect/{token}/dates")))
            .json(&json!({ "ranges": ranges, "message": "Disponible le matin" }))
            .send()
            .unwrap()
    };
    let past = dates(json!([{ "start": at(-1, "10:00"), "end": at(-1, "11:00") }]));
    assert_eq!(error_code(past, 422)["field"], "ranges[0].start");
    let overlap = dates(json!([
        { "start": at(3, "10:00"), "end": at(3, "12:00") },
        { "start": at(3, "11:00"), "end": at(3, "13:00") }]));
    assert_eq!(error_code(overlap, 422)["field"], "ranges[1].start");
    let long = dates(json!([{ "start": at(3, "10:00"), "end": at(18, "10:00") }]));
    assert_eq!(error_code(long, 422)["field"], "ranges[0].end");
    let res = dates(json!([
        { "start": at(3, "10:00"), "end": at(3, "12:00") },
        { "start": at(4, "13:00"), "end": at(4, "14:00") }]));
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());

    // The member in charge: told in the app and by mail, with the ranges.
    let notes: Value = member.get("/api/v1/notifications").json().unwrap();
    assert!(
        notes["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "external_dates_entered"),
        "{notes}"
    );
    let told = mails_to(&sink, 1, "host0@example.org");
    let text = text_of(&told[0]);
    assert!(
        text.contains("Jean Martin") && text.contains("Disponible le matin"),
        "{text}"
    );
    let messages = owner.get("/messages").text().unwrap();
    assert!(
        messages.contains("Disponible le matin")
            && messages.contains(&format!("/external-members/{xid}"))
    );
    let hook = &receiver.wait_for(1, WAIT)[0];
    let body: Value = serde_json::from_str(&hook.body).unwrap();
    assert_eq!(body["event"], "external.dates_entered");
    assert_eq!(body["data"]["id"], xid);
    assert_eq!(body["data"]["ranges"].as_array().unwrap().len(), 2);
    // The member in charge may read the external member's page, not change it.
    let page = member
        .get(&format!("/external-members/{xid}"))
        .text()
        .unwrap();
    assert!(
        page.contains("Disponible le matin") && !page.contains("/delete\""),
        "{page}"
    );
    // External members never sign in and have no calendars.
    let res = client()
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": "jean@example.fr", "password": "anything at all" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = owner.post(
        &format!("/api/v1/members/{xid}/calendars"),
        json!({ "kind": "ical_url", "url": "https://cal.example.org/x.ics" }),
    );
    assert_eq!(res.status(), 404);
    let listed: Value = owner.get("/api/v1/external-members").json().unwrap();
    assert_eq!(listed["used"], 1);
    assert_eq!(listed["external_members"][0]["status"], "dates_entered");

    // Now the page can go on; its slots are the ranges within the host's hours.
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/booking-pages/{pid}"),
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let starts = slot_starts(&server, "with-jean");
    let want: Vec<String> = [
        (3, "10:00"),
        (3, "10:30"),
        (3, "11:00"),
        (3, "11:30"),
        (4, "13:00"),
        (4, "13:30"),
    ]
    .iter()
    .map(|(d, t)| format!("{}T{t}:00+00:00", days_ahead(*d)))
    .collect();
    assert_eq!(starts, want);

    // A booking: the guest, the external member and the member in charge
    // are mailed; neither the guest nor the external member gets a link to
    // change or cancel, and both are told whom to contact.
    let before = sink.messages().len();
    let res = client()
        .post(server.url("/api/v1/public/booking-pages/with-jean/bookings"))
        .json(&json!({ "start": want[1], "name": "Gail Guest", "email": "gail@example.org", "timezone": "UTC" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let booking: Value = res.json().unwrap();
    assert_eq!(booking["hosts"], json!([host, xid]));
    assert_eq!(booking["location"], "https://meet.example.org/host0");
    // Admins' booking pages name the external host.
    let bid = booking["id"].as_str().unwrap();
    let detail = owner.get(&format!("/bookings/{bid}")).text().unwrap();
    assert!(detail.contains("Jean Martin"), "{detail}");
    let list = owner.get("/bookings").text().unwrap();
    assert!(list.contains("Jean Martin"), "{list}");
    sink.wait_for(before + 3, WAIT);
    let guest = mails_to(&sink, 1, "gail@example.org");
    let jean = mails_to(&sink, 2, "jean@example.fr");
    let contact = mails_to(&sink, 2, "host0@example.org");
    for m in [&guest[0], &jean[1]] {
        let t = text_of(m);
        assert!(!t.contains("/booking/") && !t.contains("/bookings/"), "{t}");
        assert!(t.contains("host0@example.org"), "whom to contact: {t}");
    }
    assert!(text_of(&contact[1]).contains("/bookings/"));
    assert_eq!(slot_starts(&server, "with-jean").len(), 5);

    // Re-request: a new link, the old one dead at once.
    let res = owner.post(
        &format!("/api/v1/external-members/{xid}/request-dates"),
        json!({}),
    );
    assert_eq!(res.status(), 200);
    let old = client().get(&link).send().unwrap();
    assert_eq!(old.status(), 410);
    let res = dates(json!([{ "start": at(5, "10:00"), "end": at(5, "11:00") }]));
    assert_eq!(res.status(), 410);
    let again = mails_to(&sink, 3, "jean@example.fr");
    let new_link = again
        .iter()
        .map(text_of)
        .filter_map(|t| {
            t.split_whitespace()
                .find(|w| w.contains("/connect/"))
                .map(str::to_string)
        })
        .find(|l| *l != link)
        .expect("a new link");
    assert_eq!(client().get(&new_link).send().unwrap().status(), 200);

    // Deleting cancels the upcoming booking, with mails.
    let detail: Value = owner
        .get(&format!("/api/v1/external-members/{xid}"))
        .json()
        .unwrap();
    assert_eq!(detail["upcoming_bookings"], 1);
    let html = owner
        .get(&format!("/external-members/{xid}"))
        .text()
        .unwrap();
    assert!(
        html.contains("1 upcoming booking") || html.contains("One upcoming booking"),
        "{html}"
    );
    let before = sink.messages().len();
    let res = owner.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/external-members/{xid}"),
        None,
    );
    assert_eq!(res.status(), 204);
    let b: Value = owner
        .get(&format!(
            "/api/v1/bookings/{}",
            booking["id"].as_str().unwrap()
        ))
        .json()
        .unwrap();
    assert_eq!(b["state"], "cancelled");
    // Guest, external member and member in charge are told.
    sink.wait_for(before + 3, WAIT);
    assert_eq!(mails_to(&sink, 2, "gail@example.org").len(), 2);
    assert_eq!(client().get(&new_link).send().unwrap().status(), 404);
    let p: Value = owner
        .get(&format!("/api/v1/booking-pages/{pid}"))
        .json()
        .unwrap();
    assert_eq!(
        p["enabled"], false,
        "a page hosted by a deleted external member is switched off"
    );
    let listed: Value = owner.get("/api/v1/external-members").json().unwrap();
    assert_eq!(listed["used"], 0);
}

#[test]
fn the_limit_is_named_and_a_page_without_dates_shows_why() {
    let (server, owner, ids) =
        server_with_hosts(&[("CONVENE_LIMITS_EXTERNAL_MEMBERS_MAX", "1")], 1);
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.status(), 200);
    let first = owner.post(
        "/api/v1/external-members",
        json!({ "name": "A", "email": "a@example.com", "contact_member_id": ids[0] }),
    );
    assert_eq!(first.status(), 201);
    let second = owner.post(
        "/api/v1/external-members",
        json!({ "name": "B", "email": "b@example.com", "contact_member_id": ids[0] }),
    );
    let e = error_code(second, 409);
    assert_eq!(e["code"], "limit_reached");
    assert!(e["message"].as_str().unwrap().contains('1'), "{e}");
    let html = owner.get("/external-members").text().unwrap();
    assert!(html.contains("1 of 1 external members used"), "{html}");
    // The invite form shows the refusal and keeps what was typed.
    let res = owner.post_form(
        "/external-members",
        &[
            ("name", "Bea"),
            ("email", "bea@example.com"),
            ("organization", "Bea Ltd"),
            ("contact_member_id", &ids[0]),
            ("language", ""),
        ],
    );
    assert_eq!(res.status(), 409);
    let html = res.text().unwrap();
    assert!(
        html.contains("value=\"bea@example.com\"") && html.contains("external_members_max"),
        "{html}"
    );
    // Invalid fields keep the input too.
    drop(server);
}

#[test]
fn dead_links_get_a_friendly_page_in_the_browsers_language() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let res = client()
        .get(server.url("/connect/not-a-real-token"))
        .header("Accept-Language", "ja")
        .send()
        .unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().unwrap();
    assert!(
        html.contains("lang=\"ja\"") && html.contains("このリンクは無効です"),
        "{html}"
    );
    let res = client()
        .post(server.url("/api/v1/connect/not-a-real-token/dates"))
        .json(&json!({ "ranges": [] }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 404)["code"], "link_unknown");
    drop(owner);
}
