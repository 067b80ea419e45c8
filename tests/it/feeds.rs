//! Members' and booking pages' read-only calendar feeds over HTTP: the
//! address, the file read back by an independent parser (icalendar,
//! strict), conditional GET, HEAD, rotation and who may see what.

use std::process::Command;

use crate::common::*;
use serde_json::{Value, json};

/// What the tests compare, beyond tests/support/check_ics.py: calendar
/// properties, descriptions, CREATED/LAST-MODIFIED and the organizer's
/// CN parameter as the parser decodes it (RFC 6868 included).
const READ_FEED: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
out = {"calname": str(cal.get("X-WR-CALNAME")), "timezone": str(cal.get("X-WR-TIMEZONE")),
       "refresh": cal.get("REFRESH-INTERVAL").to_ical().decode(), "ttl": str(cal.get("X-PUBLISHED-TTL")), "events": []}
for e in cal.walk("VEVENT"):
    org = e.get("ORGANIZER")
    out["events"].append({
        "uid": str(e.get("UID")), "sequence": int(e.get("SEQUENCE", 0)), "status": str(e.get("STATUS")),
        "summary": str(e.get("SUMMARY")), "description": str(e.get("DESCRIPTION")),
        "location": str(e.get("LOCATION")) if e.get("LOCATION") else None,
        "url": str(e.get("URL")), "created": "CREATED" in e, "modified": "LAST-MODIFIED" in e,
        "cn": str(org.params.get("CN")) if org is not None else None,
        "start": e.decoded("DTSTART").isoformat(),
    })
print(json.dumps(out))
"#;

fn python_on(args: &[&str], content: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, content).unwrap();
    let out = Command::new(python())
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the feed: {}\n{content}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// vobject's structural validation (TESTING.md §3), stricter than
/// icalendar about component nesting and required properties.
const VOBJECT: &str = r#"
import json, sys, vobject
c = vobject.readOne(open(sys.argv[1], encoding="utf-8").read(), validate=True)
print(json.dumps(len(list(c.getChildren()))))
"#;

/// What ical.js (tests/support/check_ics.cjs) read of the file.
fn ical_js(content: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, content).unwrap();
    let out = Command::new("node")
        .arg(support("check_ics.cjs"))
        .arg(&path)
        .env("NODE_PATH", node_modules())
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "ical.js refused the feed: {}\n{content}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Strictly checked (check_ics.py and vobject), then read for the
/// comparisons; ical.js must read every event the same way.
fn parse(content: &str) -> Value {
    python_on(&[&support("check_ics.py")], content);
    python_on(&["-c", VOBJECT], content);
    let read = python_on(&["-c", READ_FEED], content);
    let js = ical_js(content);
    assert_eq!(js["calname"], read["calname"], "X-WR-CALNAME");
    let events = read["events"].as_array().unwrap();
    let js_events = js["events"].as_array().unwrap();
    assert_eq!(js_events.len(), events.len());
    for (py, js) in events.iter().zip(js_events) {
        for key in [
            "uid",
            "sequence",
            "status",
            "summary",
            "description",
            "location",
            "cn",
        ] {
            assert_eq!(js[key], py[key], "{key}: ical.js and icalendar disagree");
        }
        let py_start = chrono::DateTime::parse_from_rfc3339(py["start"].as_str().unwrap()).unwrap();
        let js_start = chrono::DateTime::parse_from_rfc3339(js["start"].as_str().unwrap()).unwrap();
        assert_eq!(js_start, py_start, "DTSTART");
    }
    read
}

/// The path of a feed address, for the test's own client.
fn path_of(url: &str) -> String {
    let at = url.find("/ical/").expect("an /ical/ address");
    url[at..].to_string()
}

fn feed_url(s: &Session, path: &str) -> String {
    let res = s.get(path);
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let body: Value = res.json().unwrap();
    let url = body["url"].as_str().unwrap().to_string();
    assert!(url.ends_with(".ics") && url.contains("/ical/"), "{url}");
    url
}

fn fetch(server: &Server, url: &str) -> reqwest::blocking::Response {
    client().get(server.url(&path_of(url))).send().unwrap()
}

const HOSTILE_NAME: &str = "O'Brien, \"Jo\"; back\\slash 山田 😀";
const HOSTILE_ANSWER: &str = "line one\nline two; a, b \\ c \"q\" 東京 🎾";

#[test]
fn member_feed_round_trip_reschedule_cancel_rotate_and_access() {
    let (server, owner, hosts) = server_with_hosts(&[], 2);
    let me = owner.member_id.clone();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}"),
        Some(json!({ "first_name": "Taro \"T\"", "last_name": "Yamada" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    set_schedule(&owner, &me, "Asia/Tokyo", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "tennis", "title": "Tennis, doubles; court \\2 😀 東京",
                "duration_minutes": 60, "hosts": [me], "assignment": "single",
                "min_notice_minutes": 0,
                "questions": [{ "id": "q1", "label": "Club; name, \"here\"", "kind": "long_text", "required": false }] }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let page: Value = res.json().unwrap();
    let page_id = page["id"].as_str().unwrap().to_string();
    let day = days_ahead(3);
    let mut ids = Vec::new();
    for (hour, email) in [("01", "jo@example.org"), ("03", "kim@example.org")] {
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/tennis/bookings"))
            .json(
                &json!({ "start": format!("{day}T{hour}:00:00Z"), "name": HOSTILE_NAME,
                           "email": email, "timezone": "Europe/Paris",
                           "notes": "Bring balls, please; thanks",
                           "answers": { "q1": HOSTILE_ANSWER } }),
            )
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().unwrap());
        ids.push(
            res.json::<Value>().unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }

    let url = feed_url(&owner, &format!("/api/v1/members/{me}/feed"));
    // Asking again gives the same address.
    assert_eq!(feed_url(&owner, &format!("/api/v1/members/{me}/feed")), url);
    let res = fetch(&server, &url);
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/calendar; charset=utf-8"
    );
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{etag}");
    let body = res.text().unwrap();
    let feed = parse(&body);
    assert_eq!(feed["calname"], "Convene — Taro \"T\" Yamada", "{feed}");
    assert_eq!(
        feed["timezone"], "Asia/Tokyo",
        "the zone of the schedule: {feed}"
    );
    assert_eq!(feed["refresh"], "PT15M");
    assert_eq!(feed["ttl"], "PT15M");
    let events = feed["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{feed}");
    for e in events {
        assert_eq!(e["status"], "CONFIRMED");
        assert_eq!(e["sequence"], 0);
        assert_eq!(
            e["summary"],
            format!("Tennis, doubles; court \\2 😀 東京: {HOSTILE_NAME}")
        );
        let d = e["description"].as_str().unwrap();
        assert!(d.contains(HOSTILE_NAME), "{d}");
        assert!(
            d.contains(&format!("Club; name, \"here\": {HOSTILE_ANSWER}")),
            "{d}"
        );
        assert!(d.contains("Bring balls, please; thanks"), "{d}");
        assert!(d.contains("/bookings/"), "the host's manage link: {d}");
        assert_eq!(e["cn"], "Taro \"T\" Yamada", "RFC 6868 keeps the quotes");
        assert_eq!(e["created"], true);
        assert_eq!(e["modified"], true);
        assert!(!e["uid"].as_str().unwrap().contains("127.0.0.1"));
    }
    let uid_of = |feed: &Value, id: &str| -> Value {
        feed["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"].as_str().unwrap().starts_with(id))
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {feed}"))
    };
    let first = uid_of(&feed, &ids[0]);

    // Unchanged: 304 with the same validator, no body.
    let res = client()
        .get(server.url(&path_of(&url)))
        .header("If-None-Match", &etag)
        .send()
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
    assert!(res.text().unwrap().is_empty());
    let res = client().head(server.url(&path_of(&url))).send().unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
    assert!(res.text().unwrap().is_empty());

    // Rescheduled: the same UID, a higher SEQUENCE, a new ETag.
    let res = owner.post(
        &format!("/api/v1/bookings/{}/reschedule", ids[0]),
        json!({ "start": format!("{day}T05:00:00Z") }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let res = client()
        .get(server.url(&path_of(&url)))
        .header("If-None-Match", &etag)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let etag2 = res.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(etag2, etag);
    let moved = parse(&res.text().unwrap());
    let e = uid_of(&moved, &ids[0]);
    assert_eq!(e["uid"], first["uid"]);
    assert_eq!(e["sequence"], 1);
    assert!(e["start"].as_str().unwrap().contains("T05:00:00"), "{e}");

    // Cancelled: still listed, STATUS:CANCELLED, same UID, SEQUENCE up.
    let res = owner.post(
        &format!("/api/v1/bookings/{}/cancel", ids[0]),
        json!({ "reason": "Rain, sadly" }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let gone = parse(&fetch(&server, &url).text().unwrap());
    assert_eq!(gone["events"].as_array().unwrap().len(), 2);
    let e = uid_of(&gone, &ids[0]);
    assert_eq!(e["uid"], first["uid"]);
    assert_eq!(e["status"], "CANCELLED");
    assert_eq!(e["sequence"], 2);
    assert!(e["description"].as_str().unwrap().contains("Rain, sadly"));
    assert_eq!(uid_of(&gone, &ids[1])["status"], "CONFIRMED");

    // Someone else's feed: neither readable nor rotatable.
    let other = server.login("host0@example.org", MEMBER_PASSWORD);
    let res = other.get(&format!("/api/v1/members/{me}/feed"));
    assert_eq!(error_code(res, 403)["code"], "forbidden");
    let res = other.post(&format!("/api/v1/members/{me}/feed/rotate"), json!({}));
    assert_eq!(res.status(), 403);
    let res = other.get(&format!("/api/v1/booking-pages/{page_id}/feed"));
    assert_eq!(res.status(), 403);
    // Their own works, and is empty.
    let theirs = feed_url(&other, &format!("/api/v1/members/{}/feed", hosts[0]));
    assert_ne!(theirs, url);
    let empty = parse(&fetch(&server, &theirs).text().unwrap());
    assert_eq!(empty["events"].as_array().unwrap().len(), 0);

    // Rotated: the old address is gone at once, the new one works.
    let res = owner.post(&format!("/api/v1/members/{me}/feed/rotate"), json!({}));
    assert_eq!(res.status(), 200);
    let rotated = res.json::<Value>().unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(rotated, url);
    assert_eq!(fetch(&server, &url).status(), 404);
    assert_eq!(fetch(&server, &rotated).status(), 200);
    assert_eq!(
        feed_url(&owner, &format!("/api/v1/members/{me}/feed")),
        rotated
    );

    // Unknown tokens, malformed ones: 404 alike.
    let unknown = format!("/ical/{}.ics", "A".repeat(43));
    for path in [unknown.as_str(), "/ical/x.ics", "/ical/%00%0A.ics"] {
        let res = client().get(server.url(path)).send().unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }

    // A member who leaves: their address answers as if it never existed.
    let res = owner.post(
        &format!("/api/v1/members/{}/terminate", hosts[0]),
        json!({}),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    assert_eq!(fetch(&server, &theirs).status(), 404);

    // Fetches are recorded for the integration status.
    let shown: Value = owner
        .get(&format!("/api/v1/members/{me}/feed"))
        .json()
        .unwrap();
    assert!(shown["last_used_at"].is_string(), "{shown}");
    // The admin overview says when feeds were used.
    let html = owner.get("/admin/integrations").text().unwrap();
    assert!(html.contains("Feed used"), "{html}");
    // The member's page shows the address and the rotate form.
    let html = owner
        .get(&format!("/members/{me}/calendars"))
        .text()
        .unwrap();
    assert!(html.contains(&rotated), "the current address on the page");
    assert!(html.contains(&rotated.replacen("http://", "webcal://", 1)));
    assert!(html.contains("/feed/rotate"));
    assert!(html.contains("feeds.js"));
    // Rotating from the page, with its CSRF form.
    let res = owner
        .client
        .post(server.url(&format!("/members/{me}/feed/rotate")))
        .form(&[("csrf_token", owner.csrf.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().unwrap();
    assert!(html.contains("the old one no longer works"), "{html}");
    assert!(!html.contains(&rotated));
    assert_eq!(fetch(&server, &rotated).status(), 404);
    let newest = feed_url(&owner, &format!("/api/v1/members/{me}/feed"));
    assert!(html.contains(&newest));
    // Without the CSRF token: refused, nothing rotated.
    let res = owner
        .client
        .post(server.url(&format!("/members/{me}/feed/rotate")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(fetch(&server, &newest).status(), 200);
}

#[test]
fn page_feeds_for_hosts_and_admins() {
    let (server, owner, hosts) = server_with_hosts(&[], 2);
    let host = &hosts[1];
    set_schedule(&owner, host, "UTC", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "desk", "title": "Help desk", "duration_minutes": 30,
                "hosts": [host], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let page_id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let day = days_ahead(2);
    for (hour, email) in [("09", "a@example.org"), ("10", "b@example.org")] {
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/desk/bookings"))
            .json(
                &json!({ "start": format!("{day}T{hour}:00:00Z"), "name": "Ann 日本",
                           "email": email, "timezone": "UTC" }),
            )
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    }
    let path = format!("/api/v1/booking-pages/{page_id}/feed");
    let admin_url = feed_url(&owner, &path);
    let member = server.login("host1@example.org", MEMBER_PASSWORD);
    assert_eq!(feed_url(&member, &path), admin_url, "one feed per page");
    let feed = parse(&fetch(&server, &admin_url).text().unwrap());
    assert_eq!(feed["calname"], "Convene — Help desk");
    assert_eq!(feed["events"].as_array().unwrap().len(), 2);
    // Not a host of it: refused.
    let outsider = server.login("host0@example.org", MEMBER_PASSWORD);
    assert_eq!(outsider.get(&path).status(), 403);
    assert_eq!(
        outsider.get("/api/v1/booking-pages/nope/feed").status(),
        404
    );
    let res = member.post(&format!("{path}/rotate"), json!({}));
    assert_eq!(res.status(), 200);
    assert_eq!(fetch(&server, &admin_url).status(), 404);
}
