//! Member management over HTTP with the real SMTP sink: invitations and
//! joining, refusals, public link and code, lifecycle, editing rules,
//! bulk edit, import and export.

use std::time::Duration;

use crate::common::*;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);
const PW: &str = "violet tram orbits quietly";

struct World {
    server: Server,
    sink: SmtpSink,
    owner: Session,
}

fn world_with(extra: &[(&str, &str)]) -> World {
    let sink = SmtpSink::start();
    let url = sink.url();
    let mut env = vec![
        ("CONVENE_MAIL_TRANSPORT", "smtp"),
        ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ("CONVENE_MAIL_RETRY_BASE_SECONDS", "1"),
    ];
    env.extend_from_slice(extra);
    let server = Server::start_prepared(&env, create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    World {
        server,
        sink,
        owner,
    }
}

fn world() -> World {
    world_with(&[])
}

/// The join link in the newest mail sent to `to`.
fn join_link(sink: &SmtpSink, to: &str) -> String {
    let mail = eventually(WAIT, "invitation mail", || {
        sink.messages()
            .into_iter()
            .rev()
            .map(|f| parse_mail(&f))
            .find(|m| m["envelope_to"] == to)
    });
    let text = mail["parts"][0]["content"].as_str().unwrap().to_string();
    text.split_whitespace()
        .find(|w| w.contains("/join/"))
        .unwrap()
        .to_string()
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

fn invite(owner: &Session, body: Value) -> Vec<Value> {
    let res = owner.post("/api/v1/invitations", body);
    assert_eq!(res.status(), 200);
    res.json::<Value>().unwrap()["results"]
        .as_array()
        .unwrap()
        .clone()
}

fn join(server: &Server, token: &str, first: &str) -> reqwest::blocking::Response {
    client()
        .post(server.url(&format!("/api/v1/join/{token}")))
        .json(&json!({ "first_name": first, "last_name": "Tester", "password": PW }))
        .send()
        .unwrap()
}

fn member(owner: &Session, id: &str) -> Value {
    owner.get(&format!("/api/v1/members/{id}")).json().unwrap()
}

fn act(s: &Session, id: &str, action: &str) -> reqwest::blocking::Response {
    s.post(&format!("/api/v1/members/{id}/{action}"), json!({}))
}

#[test]
fn invite_mail_link_join_and_sign_in() {
    let w = world();
    let results = invite(&w.owner, json!({ "emails": ["ann@example.org"] }));
    assert_eq!(results[0]["ok"], true);
    let id = results[0]["member_id"].as_str().unwrap().to_string();
    assert_eq!(member(&w.owner, &id)["state"], "invited");

    let link = join_link(&w.sink, "ann@example.org");
    assert!(link.starts_with(&w.server.base), "{link}");
    // The page shows the form.
    let page = client().get(&link).send().unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().unwrap().contains("ann@example.org"));

    let res = join(&w.server, &token_of(&link), "Ann");
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().unwrap()["state"], "active");
    assert_eq!(member(&w.owner, &id)["first_name"], "Ann");
    w.server.login("ann@example.org", PW);

    // The link works once.
    let again = join(&w.server, &token_of(&link), "Ann");
    assert_eq!(error_code(again, 410)["code"], "gone");
    let page = client().get(&link).send().unwrap();
    assert_eq!(page.status(), 410);

    // The transition is in the audit log.
    let log: Value = w.owner.get("/api/v1/audit-log").json().unwrap();
    let join_row = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "member.join")
        .unwrap()
        .clone();
    assert_eq!(join_row["detail"]["from"], "invited");
    assert_eq!(join_row["detail"]["to"], "active");
}

#[test]
fn invite_teammates_gives_one_result_per_address_and_every_refusal_code() {
    let w = world();
    // Existing people in every state.
    let ids: Vec<String> = invite(
        &w.owner,
        json!({ "emails": ["act@example.org", "pen@example.org", "rej@example.org", "rem@example.org"] }),
    )
    .iter()
    .map(|r| r["member_id"].as_str().unwrap().to_string())
    .collect();
    assert_eq!(ids.len(), 4);
    for (i, email) in [
        "act@example.org",
        "pen@example.org",
        "rej@example.org",
        "rem@example.org",
    ]
    .iter()
    .enumerate()
    {
        let link = join_link(&w.sink, email);
        assert_eq!(
            join(&w.server, &token_of(&link), "X").status(),
            200,
            "{email}"
        );
        let _ = i;
    }
    // pen, rej, rem: make them pending/rejected/terminated through the states.
    act(&w.owner, &ids[1], "terminate");
    act(&w.owner, &ids[3], "terminate");
    assert_eq!(member(&w.owner, &ids[3])["state"], "terminated");

    let results = invite(
        &w.owner,
        json!({ "emails": ["act@example.org", "rem@example.org", "not-an-email", "new@example.org", "NEW@example.org", "inv@example.org"], "role": "manager" }),
    );
    let summary: Vec<(String, Value, Value)> = results
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap().to_string(),
                r["ok"].clone(),
                r["error"]["code"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary.len(),
        6,
        "one result per address given: {summary:?}"
    );
    assert_eq!(
        summary[0],
        (
            "act@example.org".into(),
            json!(false),
            json!("already_active")
        )
    );
    assert_eq!(
        summary[1],
        (
            "rem@example.org".into(),
            json!(false),
            json!("previously_removed")
        )
    );
    assert_eq!(summary[2].2, json!("invalid_email"));
    assert_eq!(
        summary[3],
        ("new@example.org".into(), json!(true), Value::Null)
    );
    assert_eq!(summary[4].2, json!("duplicate"));
    assert_eq!(summary[5].1, json!(true));
    let msg = results[1]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("restore"), "{msg}");
    assert_eq!(
        member(&w.owner, results[3]["member_id"].as_str().unwrap())["role"],
        "manager"
    );

    // Invited already: resend instead.
    let r = invite(&w.owner, json!({ "emails": ["inv@example.org"] }));
    assert_eq!(r[0]["error"]["code"], "already_invited");

    // Pending and rejected come from the public code.
    let link: Value = w.owner.get("/api/v1/org/invite-link").json().unwrap();
    let code = link["code"].as_str().unwrap();
    for email in ["p1@example.org", "r1@example.org"] {
        let res = client()
            .post(w.server.url("/api/v1/join-by-code"))
            .json(&json!({ "code": code, "email": email, "first_name": "P", "last_name": "Q", "password": PW }))
            .send()
            .unwrap();
        assert_eq!(res.json::<Value>().unwrap()["state"], "pending");
    }
    let r1 = invite(&w.owner, json!({ "emails": ["r1@example.org"] }))[0]["member_id"]
        .as_str()
        .unwrap()
        .to_string();
    act(&w.owner, &r1, "reject");
    let r = invite(
        &w.owner,
        json!({ "emails": ["p1@example.org", "r1@example.org"] }),
    );
    assert_eq!(r[0]["error"]["code"], "already_pending");
    assert!(
        r[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("approve")
    );
    assert_eq!(r[1]["error"]["code"], "previously_rejected");
    assert!(
        r[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("re-examine")
    );
}

#[test]
fn a_removed_address_invited_as_new_is_a_fresh_person() {
    let w = world();
    let old = invite(&w.owner, json!({ "emails": ["zhang@example.org"] }))[0]["member_id"]
        .as_str()
        .unwrap()
        .to_string();
    join(
        &w.server,
        &token_of(&join_link(&w.sink, "zhang@example.org")),
        "Old",
    );
    let old_session = w.server.login("zhang@example.org", PW);
    let key: Value = old_session
        .post("/api/v1/api-keys", json!({ "name": "old private key" }))
        .json()
        .unwrap();
    w.owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{old}"),
        Some(json!({ "position": "Sales" })),
    );
    assert_eq!(act(&w.owner, &old, "terminate").status(), 200);
    // Terminated: the key stops working at once.
    let res = client()
        .get(w.server.url("/api/v1/session"))
        .bearer_auth(key["key"].as_str().unwrap())
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);

    let fresh = invite(
        &w.owner,
        json!({ "emails": ["zhang@example.org"], "as_new": true }),
    );
    assert_eq!(fresh[0]["ok"], true);
    let new_id = fresh[0]["member_id"].as_str().unwrap().to_string();
    assert_ne!(new_id, old);
    w.sink.wait_for(2, WAIT);
    join(
        &w.server,
        &token_of(&join_link(&w.sink, "zhang@example.org")),
        "New",
    );
    let new_session = w.server.login("zhang@example.org", PW);
    let me: Value = new_session.get("/api/v1/session").json().unwrap();
    assert_eq!(me["member"]["id"], new_id);
    assert_eq!(me["member"]["first_name"], "New");
    assert_eq!(
        me["member"]["position"], "",
        "nothing of the old person's record"
    );
    let keys: Value = new_session.get("/api/v1/api-keys").json().unwrap();
    assert_eq!(
        keys["api_keys"].as_array().unwrap().len(),
        0,
        "none of the old person's keys"
    );
    // Restoring the old one now conflicts with the new holder of the address.
    assert_eq!(
        error_code(act(&w.owner, &old, "restore"), 409)["code"],
        "email_taken"
    );
}

#[test]
fn lifecycle_moves_are_exactly_those_of_the_spec() {
    let w = world();
    let results = invite(
        &w.owner,
        json!({ "emails": ["d@example.org"], "send": false }),
    );
    let id = results[0]["member_id"].as_str().unwrap().to_string();
    assert_eq!(member(&w.owner, &id)["state"], "draft");
    // An invitation mail would be queued by the request itself.
    assert_eq!(
        outbox_counts(&w.owner),
        json!({ "queued": 0, "sent": 0, "failed": 0, "held": 0 }),
        "a draft sends nothing"
    );
    // Illegal: approve a draft.
    let err = error_code(act(&w.owner, &id, "approve"), 409);
    assert_eq!(err["code"], "illegal_transition");
    assert!(err["message"].as_str().unwrap().contains("draft"));
    assert_eq!(
        act(&w.owner, &id, "activate").json::<Value>().unwrap()["state"],
        "invited"
    );
    let first = join_link(&w.sink, "d@example.org");
    assert_eq!(act(&w.owner, &id, "resend-invitation").status(), 200);
    w.sink.wait_for(2, WAIT);
    let second = join_link(&w.sink, "d@example.org");
    assert_ne!(first, second);
    assert_eq!(
        join(&w.server, &token_of(&first), "D").status(),
        410,
        "the old link is dead"
    );
    assert_eq!(act(&w.owner, &id, "cancel-invitation").status(), 200);
    assert_eq!(
        join(&w.server, &token_of(&second), "D").status(),
        410,
        "a cancelled invitation is dead"
    );
    assert_eq!(w.owner.get(&format!("/api/v1/members/{id}")).status(), 404);

    // Terminate → restore; the last owner cannot be terminated or demoted.
    let id = invite(&w.owner, json!({ "emails": ["t@example.org"] }))[0]["member_id"]
        .as_str()
        .unwrap()
        .to_string();
    join(
        &w.server,
        &token_of(&join_link(&w.sink, "t@example.org")),
        "T",
    );
    assert_eq!(
        act(&w.owner, &id, "terminate").json::<Value>().unwrap()["state"],
        "terminated"
    );
    assert_eq!(
        error_code(act(&w.owner, &id, "terminate"), 409)["code"],
        "illegal_transition"
    );
    assert_eq!(
        act(&w.owner, &id, "restore").json::<Value>().unwrap()["state"],
        "active"
    );
    let me = w.owner.member_id.clone();
    let res = w.owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{me}"),
        Some(json!({ "role": "admin" })),
    );
    assert_eq!(error_code(res, 409)["code"], "last_owner");
}

#[test]
fn public_link_and_code_lead_to_pending_then_approval() {
    let w = world();
    let link: Value = w.owner.get("/api/v1/org/invite-link").json().unwrap();
    assert_eq!(link["enabled"], true);
    let (url, code) = (
        link["url"].as_str().unwrap().to_string(),
        link["code"].as_str().unwrap().to_string(),
    );
    assert_eq!(code.len(), 8);
    assert!(code.chars().all(|c| c.is_ascii_digit()));

    // By link (the HTML page shows a form).
    assert_eq!(client().get(&url).send().unwrap().status(), 200);
    let token = token_of(&url);
    let res = client()
        .post(w.server.url(&format!("/api/v1/join-by-link/{token}")))
        .json(&json!({ "email": "via-link@example.org", "first_name": "L", "last_name": "K", "password": PW }))
        .send()
        .unwrap();
    let joined: Value = res.json().unwrap();
    assert_eq!(joined["state"], "pending");
    let id = joined["member_id"].as_str().unwrap().to_string();
    // Pending people cannot sign in yet, and are told why; admins are told.
    let res = client()
        .post(w.server.url("/api/v1/session"))
        .json(&json!({ "email": "via-link@example.org", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 401)["code"], "awaiting_approval");
    let notes: Value = w.owner.get("/api/v1/notifications").json().unwrap();
    assert!(
        notes["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "member_pending")
    );
    assert_eq!(
        act(&w.owner, &id, "approve").json::<Value>().unwrap()["state"],
        "active"
    );
    w.server.login("via-link@example.org", PW);

    // By code.
    let res = client()
        .post(w.server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": code, "email": "via-code@example.org", "first_name": "C", "last_name": "D", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(res.json::<Value>().unwrap()["state"], "pending");

    // Rotate: old link and code stop working.
    let rotated: Value = w
        .owner
        .post("/api/v1/org/invite-link/rotate", json!({}))
        .json()
        .unwrap();
    assert_ne!(rotated["code"], link["code"]);
    let res = client()
        .post(w.server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": code, "email": "late@example.org", "first_name": "C", "last_name": "D", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 404)["code"], "unknown_code");
    let res = client()
        .post(w.server.url(&format!("/api/v1/join-by-link/{token}")))
        .json(&json!({ "email": "late@example.org", "first_name": "L", "last_name": "K", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 410);
    assert_eq!(client().get(&url).send().unwrap().status(), 410);

    // Disabled: the current code stops working too.
    let rules: Value = w.owner.get("/api/v1/org/join-rules").json().unwrap();
    let mut off = rules.clone();
    off["public_join"] = json!(false);
    assert_eq!(
        w.owner
            .send(reqwest::Method::PUT, "/api/v1/org/join-rules", Some(off))
            .status(),
        200
    );
    let res = client()
        .post(w.server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": rotated["code"], "email": "off@example.org", "first_name": "C", "last_name": "D", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 404);
    // The join page says so instead of offering a form that is refused.
    let page = client()
        .get(w.server.url("/join"))
        .header("accept-language", "fr")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("data-testid=\"join-closed\""), "{page}");
    assert!(page.contains("Les adhésions sont fermées"), "{page}");
    assert!(!page.contains("name=\"code\""), "no form while closed");
}

#[test]
fn guessing_join_codes_is_locked_out() {
    let w = world();
    let link: Value = w.owner.get("/api/v1/org/invite-link").json().unwrap();
    let anon = client();
    let attempt = |code: &str| {
        anon.post(w.server.url("/api/v1/join-by-code"))
            .json(&json!({ "code": code, "email": "guess@example.org", "first_name": "G", "last_name": "H", "password": PW }))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    for _ in 0..5 {
        assert_eq!(attempt("00000000"), 404);
    }
    assert_eq!(attempt("00000000"), 429);
    // Even the right code is refused while locked.
    assert_eq!(attempt(link["code"].as_str().unwrap()), 429);
}

#[test]
fn non_admin_invitations_need_approval_when_verification_is_on() {
    let mut w = world();
    let id = invite(
        &w.owner,
        json!({ "emails": ["mgr@example.org"], "role": "manager" }),
    )[0]["member_id"]
        .as_str()
        .unwrap()
        .to_string();
    join(
        &w.server,
        &token_of(&join_link(&w.sink, "mgr@example.org")),
        "M",
    );
    let manager = w.server.login("mgr@example.org", PW);
    // A manager may not give roles above member or use admin actions.
    let res = manager.post(
        "/api/v1/invitations",
        json!({ "emails": ["x@example.org"], "role": "admin" }),
    );
    assert_eq!(error_code(res, 403)["field"], "role");
    assert_eq!(
        error_code(act(&manager, &id, "terminate"), 403)["code"],
        "forbidden"
    );
    assert_eq!(
        error_code(manager.post("/api/v1/members/import", json!({})), 403)["code"],
        "forbidden"
    );

    let r = invite(&manager, json!({ "emails": ["friend@example.org"] }));
    assert_eq!(r[0]["ok"], true);
    w.sink.wait_for(2, WAIT);
    let res = join(
        &w.server,
        &token_of(&join_link(&w.sink, "friend@example.org")),
        "F",
    );
    assert_eq!(res.json::<Value>().unwrap()["state"], "pending");

    // Verification off: a manager's invitee joins as active.
    let mut rules: Value = w.owner.get("/api/v1/org/join-rules").json().unwrap();
    rules["inviting_verification"] = json!(false);
    w.owner
        .send(reqwest::Method::PUT, "/api/v1/org/join-rules", Some(rules));
    invite(&manager, json!({ "emails": ["friend2@example.org"] }));
    w.sink.wait_for(3, WAIT);
    let res = join(
        &w.server,
        &token_of(&join_link(&w.sink, "friend2@example.org")),
        "G",
    );
    assert_eq!(res.json::<Value>().unwrap()["state"], "active");
    w.sink.stop();
    let _ = &mut w;
}

#[test]
fn editing_rules_name_the_forbidden_field() {
    let w = world();
    let ids: Vec<String> = invite(
        &w.owner,
        json!({ "emails": ["adm@example.org", "mem@example.org"] }),
    )
    .iter()
    .map(|r| r["member_id"].as_str().unwrap().to_string())
    .collect();
    w.sink.wait_for(2, WAIT);
    for (email, first) in [("adm@example.org", "Adam"), ("mem@example.org", "Mia")] {
        join(&w.server, &token_of(&join_link(&w.sink, email)), first);
    }
    let patch = |s: &Session, id: &str, body: Value| {
        s.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{id}"),
            Some(body),
        )
    };
    w.owner
        .post("/api/v1/departments", json!({ "name": "Sales" }));
    assert_eq!(
        patch(&w.owner, &ids[0], json!({ "role": "admin" })).status(),
        200
    );
    let admin = w.server.login("adm@example.org", PW);
    let mem = w.server.login("mem@example.org", PW);
    let owner_id = w.owner.member_id.clone();

    // Admin: organizational fields yes, an owner's role never, names never.
    assert_eq!(
        patch(
            &admin,
            &ids[1],
            json!({ "department": "Sales", "work_number": "A-1" })
        )
        .status(),
        200
    );
    assert_eq!(
        error_code(patch(&admin, &owner_id, json!({ "role": "member" })), 403)["field"],
        "role"
    );
    assert_eq!(
        error_code(patch(&admin, &ids[1], json!({ "role": "owner" })), 403)["field"],
        "role"
    );
    assert_eq!(
        error_code(patch(&admin, &ids[1], json!({ "first_name": "Eve" })), 403)["field"],
        "first_name"
    );
    assert_eq!(
        error_code(patch(&w.owner, &ids[1], json!({ "phone": "1" })), 403)["field"],
        "phone"
    );
    assert_eq!(
        patch(
            &admin,
            &ids[1],
            json!({ "meeting_url": "https://meet.example.org/mia" })
        )
        .status(),
        200
    );
    // Member: own personal and professional yes; organizational no.
    assert_eq!(
        patch(
            &mem,
            &ids[1],
            json!({ "first_name": "Mia", "phone": "+33 1", "timezone": "Asia/Tokyo" })
        )
        .status(),
        200
    );
    assert_eq!(
        error_code(patch(&mem, &ids[1], json!({ "position": "Boss" })), 403)["field"],
        "position"
    );
    assert_eq!(
        error_code(patch(&mem, &ids[0], json!({ "contact": "x" })), 403)["field"],
        "contact"
    );
    assert_eq!(
        error_code(
            patch(&mem, &ids[1], json!({ "timezone": "Mars/Olympus" })),
            422
        )["field"],
        "timezone"
    );
    assert_eq!(
        error_code(patch(&mem, &ids[1], json!({ "favourite": 1 })), 400)["field"],
        "favourite"
    );
    let after = member(&w.owner, &ids[1]);
    assert_eq!(after["department"], "Sales");
    assert_eq!(after["timezone"], "Asia/Tokyo");
    assert_eq!(after["position"], "");

    // Email change: confirmed by a link sent to the new address.
    let res = patch(&mem, &ids[1], json!({ "email": "mia.new@example.org" }));
    assert_eq!(
        res.json::<Value>().unwrap()["pending_email"],
        "mia.new@example.org"
    );
    assert_eq!(member(&w.owner, &ids[1])["email"], "mem@example.org");
    let mail = eventually(WAIT, "confirmation", || {
        w.sink
            .messages()
            .into_iter()
            .map(|f| parse_mail(&f))
            .find(|m| m["envelope_to"] == "mia.new@example.org")
    });
    let text = mail["parts"][0]["content"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/confirm-email/"))
        .unwrap();
    assert_eq!(client().get(link).send().unwrap().status(), 200);
    assert_eq!(member(&w.owner, &ids[1])["email"], "mia.new@example.org");
    w.server.login("mia.new@example.org", PW);
    assert_eq!(client().get(link).send().unwrap().status(), 410);

    // Supervisors: no loops.
    assert_eq!(
        patch(&admin, &ids[1], json!({ "supervisor_id": ids[0] })).status(),
        200
    );
    assert_eq!(
        error_code(
            patch(&admin, &ids[0], json!({ "supervisor_id": ids[1] })),
            422
        )["field"],
        "supervisor_id"
    );
}

#[test]
fn bulk_edit_apply_to_and_departments() {
    let w = world();
    let ids: Vec<String> = invite(
        &w.owner,
        json!({ "emails": ["a@example.org", "b@example.org", "c@example.org"], "send": false }),
    )
    .iter()
    .map(|r| r["member_id"].as_str().unwrap().to_string())
    .collect();
    assert_eq!(
        w.owner
            .post("/api/v1/departments", json!({ "name": "Ops" }))
            .status(),
        201
    );
    assert_eq!(
        error_code(
            w.owner
                .post("/api/v1/departments", json!({ "name": "Ops" })),
            409
        )["code"],
        "already_exists"
    );

    let res = w.owner.post(
        "/api/v1/members/bulk-edit",
        json!({ "ids": ids, "department": "Ops", "position": "Agent", "location": "Lyon" }),
    );
    assert_eq!(res.json::<Value>().unwrap()["updated"], 3);
    let res = w.owner.post(
        "/api/v1/members/bulk-edit",
        json!({ "ids": ids, "role": "admin" }),
    );
    assert_eq!(error_code(res, 422)["field"], "role");
    assert_eq!(member(&w.owner, &ids[2])["location"], "Lyon");

    // Departments: refuse deleting a used one with the count; rename moves members.
    let err = error_code(
        w.owner
            .send(reqwest::Method::DELETE, "/api/v1/departments/Ops", None),
        409,
    );
    assert!(err["message"].as_str().unwrap().contains('3'), "{err}");
    assert_eq!(
        w.owner
            .send(
                reqwest::Method::PATCH,
                "/api/v1/departments/Ops",
                Some(json!({ "name": "Operations" }))
            )
            .status(),
        200
    );
    assert_eq!(member(&w.owner, &ids[0])["department"], "Operations");
    let deps: Value = w.owner.get("/api/v1/departments").json().unwrap();
    assert_eq!(
        deps["departments"][0],
        json!({ "name": "Operations", "members": 3 })
    );

    // Apply to others: chosen fields only, never names.
    let patch = |id: &str, body: Value| {
        w.owner.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{id}"),
            Some(body),
        )
    };
    assert_eq!(patch(&ids[0], json!({ "meeting_url": "https://meet.example.org/a", "contact": "desk@example.org", "slack_member_id": "U1" })).status(), 200);
    let res = w.owner.post(&format!("/api/v1/members/{}/apply-to", ids[0]), json!({ "targets": [ids[1], ids[2]], "fields": ["meeting_url", "contact", "working_hours"] }));
    assert_eq!(res.json::<Value>().unwrap()["updated"], 2);
    let b = member(&w.owner, &ids[1]);
    assert_eq!(b["meeting_url"], "https://meet.example.org/a");
    assert_eq!(b["contact"], "desk@example.org");
    assert_eq!(b["slack_member_id"], "", "not chosen: not copied");
    let res = w.owner.post(
        &format!("/api/v1/members/{}/apply-to", ids[0]),
        json!({ "targets": [ids[1]], "fields": ["first_name"] }),
    );
    assert_eq!(error_code(res, 422)["code"], "not_applicable");
    let res = w.owner.post(
        &format!("/api/v1/members/{}/apply-to", ids[0]),
        json!({ "targets": [], "fields": ["contact"] }),
    );
    assert_eq!(res.json::<Value>().unwrap()["updated"], 0);
}

fn import(owner: &Session, csv: &str, query: &str) -> reqwest::blocking::Response {
    owner
        .client
        .post(format!("{}/api/v1/members/import{query}", owner.base))
        .header("X-CSRF-Token", &owner.csrf)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        // 10,000 rows take a debug build many seconds, more when other
        // tests run beside it.
        .timeout(std::time::Duration::from_secs(120))
        .send()
        .unwrap()
}

#[test]
fn import_reports_each_line_and_export_round_trips() {
    let w = world_with(&[("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "20000")]);
    w.owner
        .post("/api/v1/departments", json!({ "name": "Sales" }));
    invite(
        &w.owner,
        json!({ "emails": ["already@example.org"], "send": false }),
    );
    let template = w
        .owner
        .get("/api/v1/members/import-template.csv")
        .text()
        .unwrap();
    assert!(template.starts_with(
        "\u{feff}email,first_name,last_name,phone,department,position,work_number,location,role"
    ));

    let csv = "\u{feff}email;first_name;last_name;phone;department;position;work_number;location;role\r\n\
        ok1@example.org;Ann;\"Smith; Jr\";;Sales;Rep;1;Paris;member\r\n\
        already@example.org;Al;Ready;;;;;;\r\n\
        not-an-email;X;Y;;;;;;\r\n\
        ok1@example.org;Dup;Dup;;;;;;\r\n\
        ok2@example.org;Bo;B;;Nowhere;;;;\r\n\
        ok3@example.org;Cy;C;;;;;;wizard\r\n";
    let res = import(&w.owner, csv, "");
    assert_eq!(res.status(), 200);
    let report: Value = res.json().unwrap();
    assert_eq!(report["invited"], 1);
    assert_eq!(
        report["skipped"],
        json!([
            { "line": 3, "email": "already@example.org", "code": "already_invited" },
            { "line": 5, "email": "ok1@example.org", "code": "duplicate_in_file" },
        ])
    );
    let errors: Vec<(u64, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (4, "invalid_email"),
            (6, "unknown_department"),
            (7, "invalid_role")
        ]
    );
    // Nothing half-written for the bad rows.
    let all: Value = w.owner.get("/api/v1/members?limit=500").json().unwrap();
    let emails: Vec<&str> = all["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert!(
        emails.contains(&"ok1@example.org")
            && !emails.contains(&"ok2@example.org")
            && !emails.contains(&"ok3@example.org")
    );
    // "create missing departments" lets the row in.
    let res = import(
        &w.owner,
        "email,department\nok2@example.org,Nowhere\n",
        "?create_departments=true",
    );
    assert_eq!(res.json::<Value>().unwrap()["invited"], 1);

    // 10,000 rows with a mix of good, duplicate and bad.
    let mut big = String::from("email,first_name,last_name,role\n");
    for i in 0..10_000 {
        match i % 100 {
            0 => big.push_str("broken,,,\n"),
            1 => big.push_str("ok1@example.org,Dup,Dup,member\n"),
            _ => big.push_str(&format!("bulk{i}@example.org,First{i},Last,member\n")),
        }
    }
    let started = std::time::Instant::now();
    let res = import(&w.owner, &big, "");
    assert_eq!(res.status(), 200);
    let report: Value = res.json().unwrap();
    eprintln!("10,000-row import took {:?}", started.elapsed());
    assert_eq!(report["invited"], 9_800);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 100);
    assert_eq!(report["errors"].as_array().unwrap().len(), 100);
    assert_eq!(report["errors"][0]["line"], 2);

    // Export: BOM, quoted, same columns plus state; one department.
    let csv = w
        .owner
        .get("/api/v1/members/export.csv?department=Sales")
        .text()
        .unwrap();
    assert!(csv.starts_with("\u{feff}\"email\",\"first_name\""));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains("\"Smith; Jr\"") && lines[1].ends_with("\"invited\""));
}

#[test]
fn the_daily_import_limit_answers_429_with_the_reset_time() {
    let w = world_with(&[("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "3")]);
    let res = import(&w.owner, "email\na1@example.org\na2@example.org\n", "");
    assert_eq!(res.status(), 200);
    let res = import(&w.owner, "email\na3@example.org\na4@example.org\n", "");
    assert!(res.headers().contains_key("retry-after"));
    let err = error_code(res, 429);
    assert!(
        err["message"].as_str().unwrap().contains("resets at"),
        "{err}"
    );
    let all: Value = w.owner.get("/api/v1/members").json().unwrap();
    assert_eq!(
        all["members"].as_array().unwrap().len(),
        3,
        "nothing from the refused file"
    );
    assert_eq!(
        import(&w.owner, "email\na5@example.org\n", "").status(),
        200
    );
}

#[test]
fn the_role_table_holds_for_member_actions() {
    use convene::domain::Role;
    let (mut restricted_id, mut member_id) = (String::new(), String::new());
    let server = Server::start_prepared(&[], |dir| {
        create_owner(dir);
        restricted_id = seed_member(dir, "rex@example.org", Role::Restricted, PW);
        member_id = seed_member(dir, "mia@example.org", Role::Member, PW);
        seed_member(dir, "ada@example.org", Role::Admin, PW);
    });
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let restricted = server.login("rex@example.org", PW);
    let member = server.login("mia@example.org", PW);
    let admin = server.login("ada@example.org", PW);

    // Restricted: no invitations, no professional fields; own name yes.
    assert_eq!(
        error_code(
            restricted.post(
                "/api/v1/invitations",
                json!({ "emails": ["x@example.org"] })
            ),
            403
        )["code"],
        "forbidden"
    );
    let patch = |s: &Session, id: &str, body: Value| {
        s.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{id}"),
            Some(body),
        )
    };
    assert_eq!(
        error_code(
            patch(
                &restricted,
                &restricted_id,
                json!({ "meeting_url": "https://m.example.org" })
            ),
            403
        )["field"],
        "meeting_url"
    );
    assert_eq!(
        patch(&restricted, &restricted_id, json!({ "first_name": "Rex" })).status(),
        200
    );
    // Member: no admin actions, no apply-to, no defaults, no import/export, no departments.
    assert_eq!(act(&member, &restricted_id, "terminate").status(), 403);
    assert_eq!(
        member
            .post(
                &format!("/api/v1/members/{member_id}/apply-to"),
                json!({ "targets": [restricted_id], "fields": ["contact"] })
            )
            .status(),
        403
    );
    assert_eq!(member.get("/api/v1/members/export.csv").status(), 403);
    assert_eq!(
        member
            .post("/api/v1/departments", json!({ "name": "X" }))
            .status(),
        403
    );
    assert_eq!(
        member
            .post(
                "/api/v1/members/bulk-edit",
                json!({ "ids": [member_id], "position": "Boss" })
            )
            .status(),
        403
    );
    assert_eq!(member.get("/api/v1/org/invite-link").status(), 403);
    // Admin: member actions yes; apply-to-others and account defaults are the owner's.
    assert_eq!(act(&admin, &restricted_id, "terminate").status(), 200);
    assert_eq!(act(&admin, &restricted_id, "restore").status(), 200);
    let res = admin.post(
        &format!("/api/v1/members/{member_id}/apply-to"),
        json!({ "targets": [restricted_id], "fields": ["contact"] }),
    );
    assert_eq!(error_code(res, 403)["code"], "forbidden");
    let defaults: Value = owner.get("/api/v1/org/defaults").json().unwrap();
    assert_eq!(
        admin
            .send(
                reqwest::Method::PUT,
                "/api/v1/org/defaults",
                Some(defaults.clone())
            )
            .status(),
        403
    );
    let owner_id = owner.member_id.clone();
    assert_eq!(
        error_code(act(&admin, &owner_id, "terminate"), 403)["code"],
        "forbidden"
    );
    // Owner: defaults, and "apply defaults" on a member.
    let mut changed = defaults.clone();
    changed["timezone"] = json!("Europe/Paris");
    assert_eq!(
        owner
            .send(reqwest::Method::PUT, "/api/v1/org/defaults", Some(changed))
            .status(),
        200
    );
    let m: Value = act(&owner, &member_id, "apply-defaults").json().unwrap();
    assert_eq!(m["timezone"], "Europe/Paris");
    // Non-admins: no "as new", and refusals do not reveal anyone's state.
    let res = member.post(
        "/api/v1/invitations",
        json!({ "emails": ["rex@example.org"], "as_new": true }),
    );
    assert_eq!(error_code(res, 403)["field"], "as_new");
    let r: Value = member
        .post(
            "/api/v1/invitations",
            json!({ "emails": ["ada@example.org"] }),
        )
        .json()
        .unwrap();
    assert_eq!(r["results"][0]["error"]["code"], "already_known");
    assert!(r["results"][0]["member_id"].is_null());
    // Only an owner restores an owner.
    let second_owner = seed_owner_via_api(&owner, &member);
    assert_eq!(act(&owner, &second_owner, "terminate").status(), 200);
    assert_eq!(
        error_code(act(&admin, &second_owner, "restore"), 403)["code"],
        "forbidden"
    );
    assert_eq!(act(&owner, &second_owner, "restore").status(), 200);
    // Nobody edits another person's name, not even the owner.
    assert_eq!(
        error_code(patch(&owner, &member_id, json!({ "last_name": "X" })), 403)["field"],
        "last_name"
    );
}

#[test]
fn schedules_are_validated_field_by_field_and_unavailability_is_kept() {
    let w = world();
    let me = w.owner.member_id.clone();
    let put = |body: Value| {
        w.owner.send(
            reqwest::Method::PUT,
            &format!("/api/v1/members/{me}/schedule"),
            Some(body),
        )
    };
    let good = json!({
        "timezone": "Asia/Tokyo",
        "weekly": { "mon": [{ "start": "09:00", "end": "12:00" }, { "start": "13:00", "end": "18:00" }] },
        "breaks": { "mon": [{ "start": "10:00", "end": "10:15" }] },
        "daily_caps": { "mon": 3 },
        "open_booking_cap": 10,
    });
    assert_eq!(put(good.clone()).status(), 200);
    let got: Value = w
        .owner
        .get(&format!("/api/v1/members/{me}/schedule"))
        .json()
        .unwrap();
    assert_eq!(got["timezone"], "Asia/Tokyo");
    assert_eq!(got["daily_caps"]["mon"], 3);
    assert_eq!(member(&w.owner, &me)["timezone"], "Asia/Tokyo");
    let bad = |patch: Value, field: &str| {
        let mut body = good.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        assert_eq!(error_code(put(body), 422)["field"], field, "{patch}");
    };
    bad(json!({ "timezone": "Mars/Base" }), "timezone");
    bad(
        json!({ "weekly": { "mon": [{ "start": "12:00", "end": "09:00" }] } }),
        "weekly.mon[0]",
    );
    bad(
        json!({ "weekly": { "mon": [{ "start": "09:00", "end": "25:00" }] } }),
        "weekly.mon[0]",
    );
    bad(
        json!({ "weekly": { "mon": [{ "start": "09:00", "end": "12:00" }, { "start": "11:00", "end": "13:00" }] } }),
        "weekly.mon",
    );
    bad(
        json!({ "breaks": { "mon": [{ "start": "12:30", "end": "12:45" }] } }),
        "breaks.mon[0]",
    );
    bad(json!({ "daily_caps": { "sat": 2 } }), "daily_caps.sat");
    bad(json!({ "daily_caps": { "mon": 0 } }), "daily_caps.mon");
    bad(json!({ "weekly": { "someday": [] } }), "weekly.someday");

    let res = w.owner.post(&format!("/api/v1/members/{me}/unavailability"), json!({ "start": "2027-03-15T20:00:00+09:00", "end": "2027-03-16T09:30:00Z", "reason": "sick leave" }));
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let list: Value = w
        .owner
        .get(&format!("/api/v1/members/{me}/unavailability"))
        .json()
        .unwrap();
    assert_eq!(list["unavailability"][0]["start"], "2027-03-15T11:00:00Z");
    let res = w.owner.post(
        &format!("/api/v1/members/{me}/unavailability"),
        json!({ "start": "2027-03-16T00:00:00Z", "end": "2027-03-15T00:00:00Z" }),
    );
    assert_eq!(error_code(res, 422)["field"], "end");
    assert_eq!(
        w.owner
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/members/{me}/unavailability/{id}"),
                None
            )
            .status(),
        204
    );
}

/// Makes `who` an owner (through the owner) and returns the id.
fn seed_owner_via_api(owner: &Session, who: &Session) -> String {
    let id = who.member_id.clone();
    let res = owner.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{id}"),
        Some(json!({ "role": "owner" })),
    );
    assert_eq!(res.status(), 200);
    id
}

#[test]
fn the_schedule_page_saves_and_shows_field_errors() {
    let w = world();
    let me = w.owner.member_id.clone();
    let page = w.owner.get(&format!("/members/{me}/schedule"));
    assert_eq!(page.status(), 200);
    let post = |pairs: &[(&str, &str)]| {
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", w.owner.csrf.as_str())];
        form.extend_from_slice(pairs);
        w.owner
            .client
            .post(w.server.url(&format!("/members/{me}/schedule")))
            .form(&form)
            .send()
            .unwrap()
    };
    let res = post(&[
        ("timezone", "Europe/Paris"),
        ("weekly.mon[0].start", "09:00"),
        ("weekly.mon[0].end", "12:00"),
        ("weekly.mon[1].start", "11:00"),
        ("weekly.mon[1].end", "13:00"),
    ]);
    assert_eq!(res.status(), 422);
    let html = res.text().unwrap();
    assert!(
        html.contains("overlap") && html.contains(r#"name="weekly.mon[1].start" value="11:00""#),
        "error shown, input kept"
    );
    let res = post(&[
        ("timezone", "Europe/Paris"),
        ("weekly.mon[0].start", "09:00"),
        ("weekly.mon[0].end", "12:00"),
        ("weekly.mon[1].start", "13:00"),
        ("weekly.mon[1].end", "17:00"),
        ("breaks.mon[0].start", "10:00"),
        ("breaks.mon[0].end", "10:15"),
        ("daily_caps.mon", "4"),
    ]);
    assert_eq!(res.status(), 200);
    let got: Value = w
        .owner
        .get(&format!("/api/v1/members/{me}/schedule"))
        .json()
        .unwrap();
    assert_eq!(
        got["weekly"]["mon"][1],
        json!({ "start": "13:00", "end": "17:00" })
    );
    assert_eq!(got["daily_caps"]["mon"], 4);
    assert_eq!(got["timezone"], "Europe/Paris");
}
