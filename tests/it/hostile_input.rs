//! Names with line breaks, NULs, bidi controls and header syntax, typed by
//! guests, joiners, members and CSV files: every one is answered 201 or
//! 422, every mail reaches exactly its one recipient through the real SMTP
//! sink, and the server stays up, also after a kill -9 and a restart.

use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

fn hostile_names() -> Vec<String> {
    vec![
        "Only\nLF".into(),
        "CR\rOnly".into(),
        "Evil\r\nBcc: stolen@evil.example".into(),
        "Nul\0Byte".into(),
        "Tab\there".into(),
        "Line\u{2028}Separator".into(),
        "Right\u{202E}txt.exe".into(),
        "N".repeat(3_000),
        "=?utf-8?q?Evil=0D=0ABcc:_stolen@evil.example?=".into(),
        "Jörg \"JJ\" <jj@x.example>, 山田".into(),
    ]
}

fn smtp_env(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("CONVENE_MAIL_TRANSPORT", "smtp".to_string()),
        ("CONVENE_MAIL_SMTP_URL", sink.url()),
        (
            "CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE",
            "0".to_string(),
        ),
    ]
}

fn env_refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Every mail went to exactly the one address of its envelope, and no
/// header names anyone else.
fn assert_one_recipient_each(mails: &[Value]) {
    for m in mails {
        let envelope = m["envelope_to"].as_str().unwrap();
        assert!(!envelope.contains(','), "one envelope recipient: {m}");
        assert_eq!(m["header_recipients"], json!([envelope]), "{m}");
        let names = m["header_names"].as_array().unwrap();
        assert!(!names.iter().any(|n| n == "bcc" || n == "cc"), "{m}");
        let subject = m["subject"].as_str().unwrap();
        assert!(!subject.contains(['\r', '\n']), "{subject:?}");
    }
}

/// Booking mails between the owner (the host) and guests: each names one
/// mailbox to answer, the host in every guest's mail and, in the host's
/// mails, their guest, whatever the guest typed as a name.
fn assert_answers_cross_over(mails: &[Value]) {
    let mut answered = Vec::new();
    let mut guests = Vec::new();
    for m in mails {
        let to = m["envelope_to"].as_str().unwrap();
        let reply = m["reply_to"].as_array().unwrap();
        assert_eq!(reply.len(), 1, "one Reply-To mailbox: {m}");
        let name = reply[0][0].as_str().unwrap();
        assert!(!name.contains(['\r', '\n']), "{name:?}");
        let address = reply[0][1].as_str().unwrap();
        if to == OWNER_EMAIL {
            answered.push(address.to_string());
        } else {
            assert_eq!(reply[0], json!(["Olive Owner", OWNER_EMAIL]), "{m}");
            guests.push(to.to_string());
        }
    }
    answered.sort();
    guests.sort();
    assert_eq!(answered, guests, "each host mail answers its guest");
}

fn assert_up(server: &Server) {
    let res = client().get(server.url("/healthz")).send().unwrap();
    assert_eq!(res.status(), 200);
}

/// Waits until the outbox worker of a restarted server has been through
/// what the killed one left and then delivered one more mail: a test mail
/// queued now is sent only after the rounds before it.
fn worker_has_caught_up(server: &Server, sink: &SmtpSink) {
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let before = sink.messages().len();
    assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    sink.wait_for(before + 1, Duration::from_secs(30));
    eventually(Duration::from_secs(30), "an empty queue", || {
        (outbox_counts(&owner)["queued"] == 0).then_some(())
    });
}

/// A process: it is killed with -9, and its log is read for panics.
#[test]
fn hostile_guest_names_book_mail_and_survive_a_restart() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let (server, owner, _) = spawned_server_with_hosts(&env_refs(&env), 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "08:00-20:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "talk", "title": "Talk\r\nBcc: page@evil.example", "duration_minutes": 30,
                "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let page: Value = res.json().unwrap();
    assert_eq!(page["title"], "Talk Bcc: page@evil.example");
    let day = days_ahead(3);
    let res = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/talk/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap();
    let slots: Value = res.json().unwrap();
    let starts: Vec<String> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect();
    let names = hostile_names();
    assert!(starts.len() >= names.len());

    let mut booked = 0;
    for (i, name) in names.iter().enumerate() {
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/talk/bookings"))
            .json(&json!({ "start": starts[i], "name": name, "email": format!("guest{i}@example.org"),
                           "timezone": "Asia/Tokyo", "notes": format!("line one\r\nline two {name}") }))
            .send()
            .unwrap();
        let status = res.status().as_u16();
        let body = res.text().unwrap();
        assert!(status == 201 || status == 422, "{name:?}: {status} {body}");
        if status == 201 {
            booked += 1;
            let b: Value = serde_json::from_str(&body).unwrap();
            let id = b["id"].as_str().unwrap();
            let b: Value = owner.get(&format!("/api/v1/bookings/{id}")).json().unwrap();
            let stored = b["guest"]["name"].as_str().unwrap();
            assert!(
                !stored.contains(['\r', '\n', '\0', '\u{2028}', '\u{202E}']),
                "{stored:?}"
            );
        } else {
            assert!(body.contains("\"field\":\"name\""), "{body}");
        }
        assert_up(&server);
    }
    assert!(
        booked >= 9,
        "ordinary and cleanable names are booked: {booked}"
    );

    // A confirmation to each guest and one to the host for each booking.
    let mails: Vec<Value> = sink
        .wait_for(2 * booked, Duration::from_secs(30))
        .iter()
        .map(|p| parse_mail(p))
        .collect();
    assert_one_recipient_each(&mails);
    assert_answers_cross_over(&mails);
    for i in 0..names.len() {
        let to = format!("guest{i}@example.org");
        let n = mails.iter().filter(|m| m["envelope_to"] == to).count();
        assert!(n <= 1, "{to}: {n}");
    }
    let guest_mails = mails
        .iter()
        .filter(|m| m["envelope_to"].as_str().unwrap().starts_with("guest"))
        .count();
    assert_eq!(guest_mails, booked, "every guest heard back");
    let queue: Value = owner.get("/api/v1/outbox?state=failed").json().unwrap();
    assert_eq!(
        queue["messages"].as_array().map(Vec::len).unwrap_or(0),
        0,
        "{queue}"
    );

    let mut server = server;
    server.kill9();
    let server = server.restart();
    assert_up(&server);
    worker_has_caught_up(&server, &sink);
    assert_up(&server);
    assert!(
        !server.log_lines().iter().any(|l| l.contains("panic")),
        "{:?}",
        server.log_lines()
    );
}

fn import(owner: &Session, csv: &str) -> reqwest::blocking::Response {
    owner
        .client
        .post(format!("{}/api/v1/members/import", owner.base))
        .header("X-CSRF-Token", &owner.csrf)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .unwrap()
}

/// A process: it is killed with -9 after the import.
#[test]
fn csv_rows_with_line_breaks_import_as_one_line_names_and_mail_once() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let (server, owner, _) = spawned_server_with_hosts(&env_refs(&env), 0);
    let csv = "email,first_name,last_name\r\n\
               a@example.org,Ann,\"Nl\nInjected\"\r\n\
               b@example.org,\"B\r\nBcc: stolen@evil.example\",Smith\r\n\
               c@example.org,Cy,\"Nul\0Name\"\r\n\
               d@example.org,\"\u{202E}Dee\",\"Line\u{2028}Sep\"\r\n";
    let res = import(&owner, csv);
    assert_eq!(res.status(), 200);
    let report: Value = res.json().unwrap();
    assert_eq!(report["invited"], 4, "{report}");
    let mails: Vec<Value> = sink
        .wait_for(4, Duration::from_secs(30))
        .iter()
        .map(|p| parse_mail(p))
        .collect();
    assert_one_recipient_each(&mails);
    let mut to: Vec<&str> = mails
        .iter()
        .map(|m| m["envelope_to"].as_str().unwrap())
        .collect();
    to.sort();
    assert_eq!(
        to,
        [
            "a@example.org",
            "b@example.org",
            "c@example.org",
            "d@example.org"
        ]
    );
    let list: Value = owner.get("/api/v1/members?limit=50").json().unwrap();
    for m in list["members"].as_array().unwrap() {
        for field in ["first_name", "last_name"] {
            let v = m[field].as_str().unwrap_or_default();
            assert!(
                !v.contains(['\r', '\n', '\0', '\u{2028}', '\u{202E}']),
                "{v:?}"
            );
        }
    }
    let mut server = server;
    server.kill9();
    let server = server.restart();
    worker_has_caught_up(&server, &sink);
    assert_up(&server);
}

#[test]
fn a_member_own_name_and_a_joiner_name_cannot_poison_mail() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let mut restricted = String::new();
    let server = Server::start_prepared(&env_refs(&env), |dir| {
        create_owner(dir);
        restricted = seed_member(
            dir,
            "rita@example.org",
            convene::domain::Role::Restricted,
            MEMBER_PASSWORD,
        );
    });
    let rita = server.login("rita@example.org", MEMBER_PASSWORD);
    let res = rita.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{restricted}"),
        Some(json!({ "last_name": "Nl\r\nInjected", "first_name": "R\nX" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let me: Value = res.json().unwrap();
    assert_eq!(me["last_name"], "Nl Injected");
    assert_eq!(me["first_name"], "R X");
    let res = rita.post("/api/v1/notifications/test", json!({}));
    assert_eq!(res.status(), 202, "{}", res.text().unwrap());
    let mails: Vec<Value> = sink
        .wait_for(1, Duration::from_secs(30))
        .iter()
        .map(|p| parse_mail(p))
        .collect();
    assert_one_recipient_each(&mails);
    assert_eq!(mails[0]["envelope_to"], "rita@example.org");
    // A notification: no one to answer; her preferences stop it.
    assert_eq!(mails[0]["reply_to"], json!([]), "{}", mails[0]);
    let unsubscribe = mails[0]["list_unsubscribe"].as_str().unwrap();
    assert!(
        unsubscribe.starts_with("<http") && unsubscribe.ends_with("/settings/notifications>"),
        "{unsubscribe:?}"
    );
    assert_up(&server);

    // A joiner by invitation link types a name with a line break.
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let res = owner.post(
        "/api/v1/invitations",
        json!({ "emails": ["joiner@example.org"] }),
    );
    assert_eq!(res.status(), 200);
    let mails = sink.wait_for(2, Duration::from_secs(30));
    let (path, parsed) = mails
        .iter()
        .map(|p| (p, parse_mail(p)))
        .find(|(_, m)| m["envelope_to"] == "joiner@example.org")
        .unwrap();
    // Answered to the owner who invited; addressed by address alone, the
    // name not being known yet.
    assert_eq!(
        parsed["reply_to"],
        json!([["Olive Owner", OWNER_EMAIL]]),
        "{parsed}"
    );
    assert_eq!(parsed["to_display_name"], "", "{parsed}");
    assert_eq!(parsed["list_unsubscribe"], Value::Null, "{parsed}");
    let invitation = std::fs::read_to_string(path).unwrap();
    let token = invitation
        .split("/join/")
        .nth(1)
        .and_then(|r| {
            r.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
        })
        .unwrap()
        .to_string();
    let res = client()
        .post(server.url(&format!("/api/v1/join/{token}")))
        .json(&json!({ "first_name": "R\nX", "last_name": "Jo\0iner",
                       "password": "gentle otter paints rivers" }))
        .send()
        .unwrap();
    let status = res.status().as_u16();
    let body: Value = res.json().unwrap();
    assert!(status == 200 || status == 201, "{status} {body}");
    let list: Value = owner.get("/api/v1/members?limit=50").json().unwrap();
    let joined = list["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "joiner@example.org")
        .cloned()
        .unwrap();
    assert_eq!(joined["first_name"], "R X");
    assert_eq!(joined["last_name"], "Joiner");
    assert_up(&server);
}

/// Random text from the characters that break protocols, mixed with
/// ordinary letters of several scripts; a fixed seed so a failure repeats.
fn random_text(rng: &mut rand::rngs::StdRng, max_len: usize) -> String {
    use rand::RngExt;
    const PIECES: &[&str] = &[
        "\r\n",
        "\r",
        "\n",
        "\0",
        "\t",
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{2028}",
        "\u{2029}",
        "\u{202e}",
        "\u{2066}",
        "\u{feff}",
        "\u{200d}",
        "=?utf-8?q?",
        "?=",
        "=0D=0A",
        "\"",
        "<",
        ">",
        "@",
        ",",
        ";",
        ":",
        "\\",
        "Bcc: stolen@evil.example",
        "To: x@evil.example",
        "山田",
        "Zoë",
        "محمد",
        "👩‍💻",
        " ",
        "  ",
        "a",
        "Z",
        "0",
        "%0d%0a",
        "\u{1b}[31m",
    ];
    let len = rng.random_range(0..max_len);
    let mut s = String::new();
    while s.chars().count() < len {
        if rng.random_bool(0.3) {
            s.push(char::from_u32(rng.random_range(0..0x3000)).unwrap_or('x'));
        } else {
            s.push_str(PIECES[rng.random_range(0..PIECES.len())]);
        }
    }
    s
}

#[test]
fn random_hostile_text_through_booking_profile_and_mail() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let (server, owner, _) = server_with_hosts(&env_refs(&env), 0);
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "UTC", "00:00-24:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "fuzz", "title": random_text(&mut rng, 60).replace('\0', "") + "x",
                "duration_minutes": 30, "hosts": [me], "assignment": "single",
                "min_notice_minutes": 0,
                "questions": [{ "id": "q1", "label": "Company", "kind": "short_text", "required": false }] }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let day = days_ahead(4);
    let slots: Value = client()
        .get(server.url(&format!(
            "/api/v1/public/booking-pages/fuzz/slots?from={day}&to={day}&timezone=UTC"
        )))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let starts: Vec<String> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect();
    let mut booked = 0;
    for (i, start) in starts.iter().take(40).enumerate() {
        let name = random_text(&mut rng, 250);
        let res = client()
            .post(server.url("/api/v1/public/booking-pages/fuzz/bookings"))
            .json(
                &json!({ "start": start, "name": name, "email": format!("fuzz{i}@example.org"),
                           "timezone": "Europe/Paris", "notes": random_text(&mut rng, 400),
                           "answers": { "q1": random_text(&mut rng, 100) } }),
            )
            .send()
            .unwrap();
        let status = res.status().as_u16();
        assert!(
            status == 201 || status == 422,
            "{name:?}: {status} {}",
            res.text().unwrap()
        );
        booked += usize::from(status == 201);
    }
    assert!(
        booked >= 20,
        "most random names are cleaned and booked: {booked}"
    );
    let mails: Vec<Value> = sink
        .wait_for(2 * booked, Duration::from_secs(60))
        .iter()
        .map(|p| parse_mail(p))
        .collect();
    assert_one_recipient_each(&mails);
    assert_answers_cross_over(&mails);

    // The owner's own name, changed at random, in the test notification.
    for _ in 0..10 {
        let res = owner.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{me}"),
            Some(json!({ "first_name": random_text(&mut rng, 90) + "a",
                         "last_name": random_text(&mut rng, 90) })),
        );
        let status = res.status().as_u16();
        assert!(status == 200 || status == 422, "{status}");
        assert_eq!(owner.post("/api/v1/mail/test", json!({})).status(), 202);
    }
    let mails: Vec<Value> = sink
        .wait_for(2 * booked + 10, Duration::from_secs(60))
        .iter()
        .map(|p| parse_mail(p))
        .collect();
    assert_one_recipient_each(&mails);
    let failed: Value = owner.get("/api/v1/outbox?state=failed").json().unwrap();
    assert_eq!(failed["messages"], json!([]), "{failed}");
    assert_up(&server);
}

/// An external member's name, organization and message with line breaks
/// and header-looking text: each mail (the request to them, the notice to
/// the member in charge) goes to its one recipient, nothing is left
/// queued, and the server stays up.
#[test]
fn hostile_external_member_names_and_messages_mail_once_each() {
    let sink = SmtpSink::start();
    let env = smtp_env(&sink);
    let (server, owner, ids) = server_with_hosts(&env_refs(&env), 1);
    let res = owner.send(
        reqwest::Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.status(), 200);
    for (i, name) in hostile_names().iter().enumerate() {
        let res = owner.post(
            "/api/v1/external-members",
            json!({ "name": name, "email": format!("x{i}@example.com"),
                    "organization": format!("Org\r\nBcc: evil{i}@example.net"),
                    "contact_member_id": ids[0] }),
        );
        assert!(
            res.status() == 201 || res.status() == 422,
            "{}",
            res.status()
        );
    }
    let mails = sink.wait_for(1, Duration::from_secs(20));
    let first = parse_mail(&mails[0]);
    let link = first["parts"][0]["content"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find(|w| w.contains("/connect/"))
        .unwrap()
        .to_string();
    let token = link.rsplit('/').next().unwrap();
    let day = (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%d");
    let res = client()
        .post(server.url(&format!("/api/v1/connect/{token}/dates")))
        .json(&json!({ "ranges": [{ "start": format!("{day}T10:00:00Z"), "end": format!("{day}T11:00:00Z") }],
                       "message": "line one\r\n.\r\nMAIL FROM:<evil@example.net>\r\nBcc: evil@example.net",
                       "timezone": "Bad/Zone\r\nX: y" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 422, "an unknown zone is a field error");
    let res = client()
        .post(server.url(&format!("/api/v1/connect/{token}/dates")))
        .json(&json!({ "ranges": [{ "start": format!("{day}T10:00:00Z"), "end": format!("{day}T11:00:00Z") }],
                       "message": "line one\r\n.\r\nMAIL FROM:<evil@example.net>\r\nBcc: evil@example.net" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    worker_has_caught_up(&server, &sink);
    let parsed: Vec<Value> = sink.messages().iter().map(|m| parse_mail(m)).collect();
    assert_one_recipient_each(&parsed);
    // Each Connect request is answered to the member who sent it.
    for m in parsed.iter().filter(|m| {
        m["envelope_to"]
            .as_str()
            .is_some_and(|t| t.ends_with("@example.com"))
    }) {
        assert_eq!(m["reply_to"], json!([["Olive Owner", OWNER_EMAIL]]), "{m}");
    }
    assert!(
        parsed
            .iter()
            .any(|m| m["envelope_to"] == "host0@example.org"),
        "the member in charge was told"
    );
    assert_up(&server);
}
