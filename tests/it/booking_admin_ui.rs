//! The signed-in HTML pages for booking pages and bookings: forms posted
//! like a browser without JavaScript.

use crate::common::*;
use reqwest::blocking::Response;
use serde_json::{Value, json};

/// The value of the first `name="…" value="…"` pair in a page.
fn attr_value(html: &str, name: &str) -> Option<String> {
    let needle = format!("name=\"{name}\" value=\"");
    let at = html.find(&needle)? + needle.len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// Opens `path` like a browser and returns the page and its CSRF token.
fn open(s: &Session, path: &str) -> (String, String) {
    let res = s.get(path);
    assert_eq!(res.status(), 200, "GET {path}");
    let html = res.text().unwrap();
    let token = attr_value(&html, "csrf_token").expect("a csrf_token field");
    (html, token)
}

fn post_form(s: &Session, path: &str, token: &str, pairs: &[(&str, &str)]) -> Response {
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", token)];
    form.extend_from_slice(pairs);
    s.client
        .post(format!("{}{path}", s.base))
        .form(&form)
        .send()
        .unwrap()
}

fn location(res: &Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn page_fields<'a>(me: &'a str, slug: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", "Intro call"),
        ("slug", slug),
        ("description", "A first talk"),
        ("duration_minutes", "30"),
        ("slot_step_minutes", ""),
        ("buffer_before_minutes", "0"),
        ("buffer_after_minutes", "0"),
        ("min_notice_minutes", "0"),
        ("horizon_days", "30"),
        ("location.kind", "in_person"),
        ("location.value", "1-1 Marunouchi, Tokyo"),
        ("assignment", "single"),
        ("hosts", me),
        ("enabled", "on"),
        ("q.0.id", ""),
        ("q.0.label", "Company"),
        ("q.0.kind", "short_text"),
        ("q.0.options", ""),
        ("q.1.id", ""),
        ("q.1.label", ""),
        ("q.1.kind", "short_text"),
        ("q.1.options", ""),
    ]
}

fn slots(server: &Server, slug: &str, day: &str) -> Response {
    client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/{slug}/slots?from={day}&to={day}&timezone=Asia/Tokyo"
        )))
        .send()
        .unwrap()
}

#[test]
fn page_form_refuses_then_creates_and_toggles() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    let (html, token) = open(&owner, "/booking-pages");
    assert!(
        html.contains("No booking pages yet"),
        "inviting empty state"
    );
    assert!(
        html.contains("Allow overlapping bookings"),
        "owners see the setting"
    );

    // A bad address: 422, the error next to the slug, the title kept.
    let mut bad = page_fields(&me, "Intro Call!");
    bad[0].1 = "My typed title";
    let res = post_form(&owner, "/booking-pages/new", &token, &bad);
    assert_eq!(res.status(), 422);
    let html = res.text().unwrap();
    assert!(html.contains("value=\"My typed title\""), "title kept");
    assert!(html.contains("value=\"Intro Call!\""), "slug kept");
    assert!(html.contains("lowercase letters, digits and hyphens"));

    // A good form creates the page.
    let res = post_form(
        &owner,
        "/booking-pages/new",
        &token,
        &page_fields(&me, "intro"),
    );
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.contains("done=created"), "{to}");
    let id = to
        .trim_start_matches("/booking-pages/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let (html, _) = open(&owner, &to);
    assert!(html.contains("can serve"), "host status shown");
    assert!(html.contains("value=\"Company\""), "the question is kept");

    let (html, _) = open(&owner, "/booking-pages");
    assert!(html.contains("Intro call"));
    assert!(html.contains(&format!("{}/book/intro", server.base)));
    let (html, _) = open(&owner, "/booking-pages?q=nothing-like-this");
    assert!(html.contains("No booking pages match"));

    // The same address again: 409, typed input kept.
    let res = post_form(
        &owner,
        "/booking-pages/new",
        &token,
        &page_fields(&me, "intro"),
    );
    assert_eq!(res.status(), 409);
    assert!(res.text().unwrap().contains("already used"));

    // Disabling closes the public slot list.
    let day = days_ahead(2);
    assert_eq!(slots(&server, "intro", &day).status(), 200);
    let res = post_form(
        &owner,
        &format!("/booking-pages/{id}/toggle"),
        &token,
        &[("enabled", "off")],
    );
    assert_eq!(res.status(), 303);
    assert_eq!(slots(&server, "intro", &day).status(), 410);
    let (html, _) = open(&owner, "/booking-pages?enabled=off");
    assert!(html.contains("Intro call") && html.contains("Enable"));
}

#[test]
fn bookings_list_detail_reschedule_and_cancel() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Asia/Tokyo", "09:00-17:00", json!({}));
    let (_, token) = open(&owner, "/booking-pages/new");
    let res = post_form(
        &owner,
        "/booking-pages/new",
        &token,
        &page_fields(&me, "intro"),
    );
    assert_eq!(res.status(), 303);
    let (html, _) = open(&owner, "/bookings");
    assert!(html.contains("No bookings here"), "empty state");

    // A guest books through the JSON API.
    let day = days_ahead(2);
    let list: Value = slots(&server, "intro", &day).json().unwrap();
    let start = list["slots"][2]["start"].as_str().unwrap().to_string();
    let page: Value = owner.get("/api/v1/booking-pages").json().unwrap();
    let qid = page["booking_pages"][0]["questions"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = client()
        .post(server.url("/api/v1/public/booking-pages/intro/bookings"))
        .json(
            &json!({ "start": start, "name": "Gail Guest", "email": "gail@example.org",
                        "timezone": "America/New_York", "notes": "About <the> offer",
                        "answers": { qid: "Acme" } }),
        )
        .send()
        .unwrap();
    assert_eq!(res.status(), 201);
    let booking: Value = res.json().unwrap();
    let bid = booking["id"].as_str().unwrap().to_string();

    let (html, _) = open(&owner, "/bookings");
    assert!(html.contains("Gail Guest") && html.contains(&format!("/bookings/{bid}")));
    let detail = format!("/bookings/{bid}");
    let (html, token) = open(&owner, &format!("{detail}?day={day}"));
    assert!(html.contains("gail@example.org"));
    assert!(html.contains("About &lt;the&gt; offer"), "notes escaped");
    assert!(html.contains("Acme") && html.contains("1-1 Marunouchi"));

    // Reschedule to one of the offered free times.
    let new_start = attr_value(&html, "start").expect("free times offered");
    let res = post_form(
        &owner,
        &format!("{detail}/reschedule"),
        &token,
        &[("start", &new_start), ("day", &day)],
    );
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("done=rescheduled"));
    let got: Value = owner
        .get(&format!("/api/v1/bookings/{bid}"))
        .json()
        .unwrap();
    assert_eq!(got["sequence"], 1);
    let moved = chrono::DateTime::parse_from_rfc3339(got["start"].as_str().unwrap()).unwrap();
    let wanted = chrono::DateTime::parse_from_rfc3339(&new_start).unwrap();
    assert_eq!(moved, wanted);

    // A time that is no slot is refused on the page, not as a crash.
    let res = post_form(
        &owner,
        &format!("{detail}/reschedule"),
        &token,
        &[("start", "not a time")],
    );
    assert_eq!(res.status(), 422);

    // Cancel through the form.
    let res = post_form(
        &owner,
        &format!("{detail}/cancel"),
        &token,
        &[("reason", "Double booked")],
    );
    assert_eq!(res.status(), 303);
    let got: Value = owner
        .get(&format!("/api/v1/bookings/{bid}"))
        .json()
        .unwrap();
    assert_eq!(got["state"], "cancelled");
    let (html, _) = open(&owner, &detail);
    assert!(html.contains("Cancelled") && html.contains("Double booked"));
    let (html, _) = open(&owner, "/bookings");
    assert!(
        !html.contains(&format!("/bookings/{bid}")),
        "default: confirmed"
    );
    let (html, _) = open(&owner, "/bookings?state=cancelled");
    assert!(html.contains(&format!("/bookings/{bid}")));

    // Cancelling twice is told, with 409.
    let res = post_form(&owner, &format!("{detail}/cancel"), &token, &[]);
    assert_eq!(res.status(), 409);
    assert!(res.text().unwrap().contains("already cancelled"));
}

/// The bookings list shows 50 at a time with a link to the next ones.
#[test]
fn bookings_list_pages_by_fifty() {
    let (server, owner, _) =
        server_with_hosts(&[("CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE", "0")], 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "06:00-22:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "many", "title": "Many", "duration_minutes": 15, "hosts": [me], "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201);
    let day = days_ahead(3);
    for i in 0..55 {
        let start = format!("{day}T{:02}:{:02}:00Z", 6 + i / 4, (i % 4) * 15);
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/many/bookings"))
            .json(&json!({ "start": start, "name": format!("Guest {i:02}"), "email": "g@example.org", "timezone": "UTC" }))
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    }
    let (first, _) = open(&owner, "/bookings");
    assert_eq!(first.matches("<td>Guest ").count(), 50);
    assert!(first.contains("Guest 00") && first.contains("Guest 49"));
    let at = first.find("rel=\"next\" href=\"").expect("a next link") + 17;
    let href = first[at..at + first[at..].find('"').unwrap()].replace("&amp;", "&");
    let (second, _) = open(&owner, &href);
    assert_eq!(second.matches("<td>Guest ").count(), 5);
    assert!(second.contains("Guest 50") && second.contains("Guest 54"));
    assert!(!second.contains("rel=\"next\""));
    assert!(second.contains("First page"));
    // A mangled cursor starts over instead of failing.
    let (again, _) = open(&owner, "/bookings?after=garbage");
    assert_eq!(again.matches("<td>Guest ").count(), 50);
}
