//! A member leaves with upcoming bookings on round-robin, single-host and
//! collective pages: the preview says what will happen, terminating
//! without decisions changes nothing, and with them every booking ends on
//! another free host or cancelled with mails, in one transaction.

use std::collections::HashMap;
use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

fn page(owner: &Session, slug: &str, hosts: &[&String], assignment: &str) -> String {
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": slug, "title": slug, "duration_minutes": 30, "hosts": hosts,
                "assignment": assignment, "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn book(server: &Server, slug: &str, start: &str, n: usize) -> Value {
    let res = client()
        .post(server.url(&format!("/api/v1/public/booking-pages/{slug}/bookings")))
        .json(&json!({ "start": start, "name": format!("Guest {n}"),
                       "email": format!("guest{n}@example.org"), "timezone": "UTC" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{slug} {start}: {}", res.text().unwrap());
    res.json().unwrap()
}

fn at(days: i64, h: u32, m: u32) -> String {
    format!("{}T{h:02}:{m:02}:00Z", days_ahead(days))
}

/// Every booking of a world with a leaver (host0), as the admin sees it.
fn bookings(owner: &Session) -> Vec<Value> {
    let body: Value = owner.get("/api/v1/bookings?limit=500").json().unwrap();
    body["bookings"].as_array().unwrap().clone()
}

/// No two confirmed bookings of one host overlap.
fn no_double_booking(all: &[Value]) {
    let mut by_host: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for b in all.iter().filter(|b| b["state"] == "confirmed") {
        for h in b["hosts"].as_array().unwrap() {
            by_host
                .entry(h.as_str().unwrap().to_string())
                .or_default()
                .push((
                    b["start"].as_str().unwrap().to_string(),
                    b["end"].as_str().unwrap().to_string(),
                ));
        }
    }
    for (host, mut spans) in by_host {
        spans.sort();
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "{host} is double-booked: {w:?}");
        }
    }
}

/// The world: host0 leaves; host1 shares a round-robin page with them,
/// host2 a collective one; host0 alone hosts a single page. 30 bookings
/// of host0's: 10 on each page.
fn furnish(server: &Server, owner: &Session, ids: &[String]) -> HashMap<&'static str, Vec<String>> {
    for id in ids {
        set_schedule(owner, id, "UTC", "08:00-18:00", json!({}));
    }
    page(owner, "rr", &[&ids[0], &ids[1]], "round_robin");
    page(owner, "solo", &[&ids[0]], "single");
    page(owner, "pair", &[&ids[0], &ids[2]], "collective");
    let mut mine: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut n = 0;
    // Round robin: keep booking until host0 holds 10 (host1 gets the others).
    let mut slot = 0u32;
    while mine.get("rr").map_or(0, Vec::len) < 10 {
        let day = 2 + i64::from(slot / 20);
        let b = book(
            server,
            "rr",
            &at(day, 8 + (slot % 20) / 2, 30 * (slot % 2)),
            n,
        );
        n += 1;
        slot += 1;
        if b["hosts"] == json!([ids[0]]) {
            mine.entry("rr")
                .or_default()
                .push(b["id"].as_str().unwrap().to_string());
        }
    }
    for i in 0..10 {
        let b = book(server, "solo", &at(8, 8 + i / 2, 30 * (i % 2)), n);
        n += 1;
        mine.entry("solo")
            .or_default()
            .push(b["id"].as_str().unwrap().to_string());
        let b = book(server, "pair", &at(9, 8 + i / 2, 30 * (i % 2)), n);
        n += 1;
        mine.entry("pair")
            .or_default()
            .push(b["id"].as_str().unwrap().to_string());
    }
    mine
}

/// `convene_bookings_cancelled_total` of the server's /metrics.
fn cancelled_total(server: &Server) -> u64 {
    let text = client()
        .get(server.url("/metrics"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("convene_bookings_cancelled_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no cancelled counter in\n{text}"))
}

const NO_LIMIT: (&str, &str) = ("CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE", "0");

#[test]
fn a_member_leaves_with_thirty_bookings_and_each_one_lands_somewhere() {
    let sink = SmtpSink::start();
    let url = sink.url();
    // A process of its own: the cancellations are counted in its metrics.
    let (server, owner, ids) = spawned_server_with_hosts(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
            NO_LIMIT,
        ],
        3,
    );
    let mine = furnish(&server, &owner, &ids);
    let leaver = &ids[0];
    // Their feed and an external member they are in charge of.
    let feed: Value = owner
        .get(&format!("/api/v1/members/{leaver}/feed"))
        .json()
        .unwrap();
    let feed_url = feed["url"].as_str().unwrap().to_string();
    assert_eq!(client().get(&feed_url).send().unwrap().status(), 200);
    owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    let x: Value = owner
        .post(
            "/api/v1/external-members",
            json!({ "name": "Ext", "email": "ext@example.com", "contact_member_id": leaver }),
        )
        .json()
        .unwrap();

    // The preview: round-robin bookings go to host1, the others wait for
    // a decision; the single page is left without hosts.
    let preview: Value = owner
        .get(&format!("/api/v1/members/{leaver}/departure"))
        .json()
        .unwrap();
    let planned = preview["bookings"].as_array().unwrap();
    assert_eq!(planned.len(), 30, "{preview}");
    let action_of = |id: &str| planned.iter().find(|p| p["id"] == id).unwrap().clone();
    for id in &mine["rr"] {
        let p = action_of(id);
        assert_eq!(p["action"], "reassign", "{p}");
        assert_eq!(p["to"], ids[1].as_str());
    }
    for id in mine["solo"].iter().chain(&mine["pair"]) {
        assert_eq!(action_of(id)["action"], "decide");
    }
    assert_eq!(preview["pages_left_without_hosts"][0]["slug"], "solo");
    assert_eq!(preview["external_members"][0]["id"], x["id"]);
    assert!(preview["feed"].as_bool().unwrap());
    let before = bookings(&owner);

    // Without decisions: 409, the decisions listed, nothing changed.
    let res = owner.post(&format!("/api/v1/members/{leaver}/terminate"), json!({}));
    let e = error_code(res, 409);
    assert_eq!(e["code"], "decisions_needed");
    assert_eq!(e["departure"]["bookings"].as_array().unwrap().len(), 30);
    assert_eq!(bookings(&owner), before);
    let m: Value = owner
        .get(&format!("/api/v1/members/{leaver}"))
        .json()
        .unwrap();
    assert_eq!(m["state"], "active");

    // A chosen member who is not free (host2 is on every "pair" booking
    // already, so cannot take one) is refused the same way.
    let mut reassign = serde_json::Map::new();
    for id in &mine["solo"][..5] {
        reassign.insert(id.clone(), json!(ids[2]));
    }
    for id in &mine["pair"][..5] {
        reassign.insert(id.clone(), json!(ids[1]));
    }
    let cancel: Vec<&String> = mine["solo"][5..].iter().chain(&mine["pair"][5..]).collect();
    let mut bad = reassign.clone();
    bad.insert(mine["pair"][5].clone(), json!(ids[2]));
    let res = owner.post(
        &format!("/api/v1/members/{leaver}/terminate"),
        json!({ "reassign": bad, "cancel": cancel[1..], "external_members_to": ids[1] }),
    );
    assert_eq!(error_code(res, 409)["code"], "decisions_needed");
    assert_eq!(bookings(&owner), before);

    let sent_before = sink.messages().len();
    let cancelled_before = cancelled_total(&server);
    let res = owner.post(
        &format!("/api/v1/members/{leaver}/terminate"),
        json!({ "reassign": reassign, "cancel": cancel, "external_members_to": ids[1],
                "reason": "Our colleague has left." }),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let done: Value = res.json().unwrap();
    assert_eq!(done["state"], "terminated");
    assert_eq!(
        cancelled_total(&server),
        cancelled_before + cancel.len() as u64,
        "the departure's cancellations are counted"
    );

    // Every booking is on another free host or cancelled.
    let after = bookings(&owner);
    let find = |id: &str| after.iter().find(|b| b["id"] == id).unwrap().clone();
    for id in &mine["rr"] {
        let b = find(id);
        assert_eq!(
            b["hosts"],
            json!([ids[1]]),
            "round robin to the other host, as previewed"
        );
        assert_eq!(b["state"], "confirmed");
        assert_eq!(
            b["sequence"], 1,
            "an updated event: same UID, SEQUENCE bumped"
        );
        assert!(
            b["assignment_reason"].as_str().unwrap().contains("left"),
            "{b}"
        );
    }
    for id in &mine["solo"][..5] {
        assert_eq!(find(id)["hosts"], json!([ids[2]]));
    }
    for id in &mine["pair"][..5] {
        let hosts = find(id)["hosts"].clone();
        assert_eq!(hosts, json!([ids[1], ids[2]]));
    }
    for id in &cancel {
        let b = find(id);
        assert_eq!(b["state"], "cancelled");
        assert_eq!(b["cancel_reason"], "Our colleague has left.");
    }
    assert!(
        after.iter().all(|b| b["state"] == "cancelled"
            || !b["hosts"].as_array().unwrap().contains(&json!(leaver)))
    );
    no_double_booking(&after);

    // Guests and new hosts are mailed: 20 moves × (guest + hosts) and 10
    // cancellations × (guest + remaining hosts).
    let mails: Vec<Value> = sink
        .wait_for(sent_before + 50, WAIT)
        .iter()
        .map(|m| parse_mail(m))
        .collect();
    let subjects: Vec<&str> = mails
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert!(
        subjects.iter().any(|s| s.starts_with("New host")),
        "{subjects:?}"
    );
    assert!(
        subjects.iter().any(|s| s.starts_with("Now yours")),
        "{subjects:?}"
    );

    // The pools and pages: the single page is off, its admin told.
    let pages: Value = owner.get("/api/v1/booking-pages").json().unwrap();
    let solo = pages["booking_pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "solo")
        .unwrap()
        .clone();
    assert_eq!(solo["enabled"], false);
    let rr = pages["booking_pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "rr")
        .unwrap()
        .clone();
    assert_eq!(rr["hosts"], json!([ids[1]]));
    let notes: Value = owner.get("/api/v1/notifications").json().unwrap();
    assert!(
        notes["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "page_without_hosts"),
        "{notes}"
    );
    // The external member has a new member in charge; the feed is gone.
    let xm: Value = owner
        .get(&format!(
            "/api/v1/external-members/{}",
            x["id"].as_str().unwrap()
        ))
        .json()
        .unwrap();
    assert_eq!(xm["contact_member_id"], ids[1].as_str());
    assert_eq!(client().get(&feed_url).send().unwrap().status(), 404);

    // Restoring brings none of it back.
    let res = owner.post(&format!("/api/v1/members/{leaver}/restore"), json!({}));
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    assert_eq!(client().get(&feed_url).send().unwrap().status(), 404);
    let again: Value = owner
        .get(&format!("/api/v1/members/{leaver}/departure"))
        .json()
        .unwrap();
    assert_eq!(again["bookings"].as_array().unwrap().len(), 0);
    drop(server);
}

#[test]
fn a_kill_during_a_departure_leaves_all_or_nothing() {
    for delay_ms in [0u64, 15, 60] {
        let (mut server, owner, ids) = spawned_server_with_hosts(&[NO_LIMIT], 3);
        let mine = furnish(&server, &owner, &ids);
        let leaver = ids[0].clone();
        let mut reassign = serde_json::Map::new();
        for id in mine["solo"].iter() {
            reassign.insert(id.clone(), json!(ids[2]));
        }
        let cancel: Vec<&String> = mine["pair"].iter().collect();
        let body = json!({ "reassign": reassign, "cancel": cancel });
        let client = owner.client.clone();
        let (base, csrf) = (owner.base.clone(), owner.csrf.clone());
        let path = format!("{base}/api/v1/members/{leaver}/terminate");
        let t = std::thread::spawn(move || {
            let _ = client
                .post(path)
                .header("X-CSRF-Token", csrf)
                .json(&body)
                .send();
        });
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill9();
        let _ = t.join();
        let server = server.restart();
        let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
        let m: Value = owner
            .get(&format!("/api/v1/members/{leaver}"))
            .json()
            .unwrap();
        let all = bookings(&owner);
        let on_leaver = all
            .iter()
            .filter(|b| {
                b["state"] == "confirmed" && b["hosts"].as_array().unwrap().contains(&json!(leaver))
            })
            .count();
        match m["state"].as_str().unwrap() {
            "terminated" => assert_eq!(on_leaver, 0, "all done"),
            "active" => assert_eq!(on_leaver, 30, "nothing done"),
            s => panic!("state {s}"),
        }
        no_double_booking(&all);
    }
}

#[test]
fn the_members_page_sends_a_member_with_bookings_to_the_departure_page() {
    let (server, owner, ids) = server_with_hosts(&[NO_LIMIT], 3);
    let mine = furnish(&server, &owner, &ids);
    let leaver = &ids[0];
    let res = owner.post_form(&format!("/members/{leaver}/do/terminate"), &[]);
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(to, format!("/members/{leaver}/departure"));
    let html = owner.get(&to).text().unwrap();
    assert!(html.contains("30 upcoming bookings"), "{html}");
    assert!(
        html.contains(&format!("name=\"b-{}\"", mine["solo"][0])),
        "a choice per booking to decide"
    );
    assert!(
        !html.contains(&format!("name=\"b-{}\"", mine["rr"][0])),
        "round robin needs no choice"
    );
    // Half chosen: the page comes back with what was chosen and the rest to do.
    let field = format!("b-{}", mine["solo"][0]);
    let res = owner.post_form(&to, &[(field.as_str(), "cancel")]);
    assert_eq!(res.status(), 409);
    let html = res.text().unwrap();
    assert!(html.contains("nothing was changed"), "{html}");
    assert!(
        html.contains("<option value=\"cancel\" selected"),
        "the choice is kept"
    );
    // Everything chosen: the member is gone.
    let fields: Vec<(String, String)> = mine["solo"]
        .iter()
        .chain(&mine["pair"])
        .map(|b| (format!("b-{b}"), "cancel".to_string()))
        .collect();
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = owner.post_form(&to, &pairs);
    assert_eq!(res.status(), 303, "{}", res.text().unwrap());
    let m: Value = owner
        .get(&format!("/api/v1/members/{leaver}"))
        .json()
        .unwrap();
    assert_eq!(m["state"], "terminated");
    // host1 now holds the round-robin page alone: its bookings need a
    // decision too, so the same button leads to the same page.
    let res = owner.post_form(&format!("/members/{}/do/terminate", ids[1]), &[]);
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/members/{}/departure", ids[1])
    );
}

/// Deleting an external member goes the same way: a booking named in the
/// body moves to that member (checked free), the others are cancelled.
#[test]
fn deleting_an_external_member_moves_or_cancels_their_bookings() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let (server, owner, ids) = server_with_hosts(
        &[
            NO_LIMIT,
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        2,
    );
    for id in &ids {
        set_schedule(&owner, id, "UTC", "08:00-18:00", json!({}));
    }
    owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    let x: Value = owner
        .post(
            "/api/v1/external-members",
            json!({ "name": "Ext", "email": "ext@example.com", "contact_member_id": ids[0] }),
        )
        .json()
        .unwrap();
    let xid = x["id"].as_str().unwrap().to_string();
    // Dates: the whole of day 3, entered through the API as the link would.
    let mail = parse_mail(&sink.wait_for(1, WAIT)[0]);
    let text = mail["parts"][0]["content"].as_str().unwrap().to_string();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/connect/"))
        .unwrap();
    let token = link.rsplit('/').next().unwrap().to_string();
    let res = client()
        .post(server.url(&format!("/api/v1/connect/{token}/dates")))
        .json(&json!({ "ranges": [{ "start": at(3, 8, 0), "end": at(3, 18, 0) }] }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    page(&owner, "ext", &[&xid], "single");
    let a = book(&server, "ext", &at(3, 9, 0), 1);
    let b = book(&server, "ext", &at(3, 10, 0), 2);
    // host1 is busy at 09:00 with a booking of their own.
    page(&owner, "h1", &[&ids[1]], "single");
    book(&server, "h1", &at(3, 9, 0), 3);

    let path = format!("/api/v1/external-members/{xid}");
    let busy = json!({ "reassign": { a["id"].as_str().unwrap(): ids[1] } });
    let res = owner.send(reqwest::Method::DELETE, &path, Some(busy));
    assert_eq!(error_code(res, 409)["code"], "decisions_needed");
    assert_eq!(owner.get(&path).status(), 200, "nothing changed");

    let ok = json!({ "reassign": { a["id"].as_str().unwrap(): ids[0] } });
    let res = owner.send(reqwest::Method::DELETE, &path, Some(ok));
    assert_eq!(res.status(), 204, "{}", res.text().unwrap());
    let all = bookings(&owner);
    let find = |id: &Value| all.iter().find(|x| x["id"] == *id).unwrap().clone();
    assert_eq!(find(&a["id"])["hosts"], json!([ids[0]]));
    assert_eq!(find(&a["id"])["state"], "confirmed");
    assert_eq!(find(&b["id"])["state"], "cancelled");
    no_double_booking(&all);
}
