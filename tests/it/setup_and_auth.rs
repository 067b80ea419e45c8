//! First run, sign-in, sessions, CSRF, API keys and roles, over HTTP.

use std::time::Instant;

use crate::common::*;
use convene::domain::Role;
use serde_json::{Value, json};

#[test]
fn setup_page_creates_the_owner_once() {
    let server = Server::start();
    let token = server.setup_token();
    let anon = client();

    // A wrong token shows no form.
    let res = anon.get(server.url("/setup?token=wrong")).send().unwrap();
    assert_eq!(res.status(), 404);

    let res = anon
        .get(server.url(&format!("/setup?token={token}")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().unwrap().contains("Create the owner account"));

    // Field errors keep what was typed.
    let res = anon
        .post(server.url("/setup"))
        .form(&[
            ("token", token.as_str()),
            ("organization", "Example Club"),
            ("first_name", "Olive"),
            ("email", "olive@example.org"),
            ("password", "short"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().unwrap();
    assert!(page.contains("at least 10 characters"), "{page}");
    assert!(page.contains("value=\"olive@example.org\""));
    assert!(page.contains("value=\"Example Club\""));

    let session = server.setup_owner();
    let me: Value = session.get("/api/v1/session").json().unwrap();
    assert_eq!(me["member"]["role"], "owner");
    assert_eq!(me["member"]["email"], OWNER_EMAIL);

    // Second time: the page and the post both refuse.
    let res = anon
        .get(server.url(&format!("/setup?token={token}")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 410);
    let res = anon
        .post(server.url("/setup"))
        .form(&[
            ("token", token.as_str()),
            ("first_name", "Mallory"),
            ("email", "mallory@example.org"),
            ("password", "another long passphrase"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 410);
    assert_eq!(
        client()
            .post(server.url("/api/v1/session"))
            .json(&json!({"email": "mallory@example.org", "password": "another long passphrase"}))
            .send()
            .unwrap()
            .status(),
        401
    );

    // After a restart no setup URL is printed at all.
    let server = server.restart();
    assert!(
        !server
            .log_lines()
            .iter()
            .any(|l| l.contains("/setup?token="))
    );
}

#[test]
fn create_owner_cli_works_once() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("CONVENE_STORAGE_DATA_DIR", dir.path().to_str().unwrap())];
    let args = [
        "create-owner",
        "--email",
        "ann@example.org",
        "--name",
        "Ann Smith",
        "--password-stdin",
    ];
    let out = run_cli(&args, &env, Some("violet tram orbits quietly\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = run_cli(
        &[
            "create-owner",
            "--email",
            "bob@example.org",
            "--name",
            "Bob",
            "--password-stdin",
        ],
        &env,
        Some("violet tram orbits quietly\n"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("owner already exists"));

    // A weak password is refused with the reason, before anything is written.
    let dir2 = tempfile::tempdir().unwrap();
    let out = run_cli(
        &args,
        &[("CONVENE_STORAGE_DATA_DIR", dir2.path().to_str().unwrap())],
        Some("password123\n"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));

    let server = Server::start_in(dir.path(), &[]);
    let session = server.login("ann@example.org", "violet tram orbits quietly");
    let me: Value = session.get("/api/v1/session").json().unwrap();
    assert_eq!(me["member"]["first_name"], "Ann");
    assert_eq!(me["member"]["last_name"], "Smith");
}

#[test]
fn login_answers_alike_for_unknown_email_and_wrong_password() {
    let server = Server::start();
    server.setup_owner();
    let anon = client();
    let attempt = |email: &str, password: &str| {
        let started = Instant::now();
        let res = anon
            .post(server.url("/api/v1/session"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .unwrap();
        let status = res.status().as_u16();
        (status, res.text().unwrap(), started.elapsed())
    };
    // The first attempt also warms the server (the dummy hash, the
    // connection); each kind is then timed as its fastest of three, so a
    // busy machine does not pass for a timing leak.
    attempt("warm@example.org", "warming up the server");
    let fastest = |email: &str, password: &str| {
        let runs: Vec<_> = (0..3).map(|_| attempt(email, password)).collect();
        let best = runs.iter().map(|r| r.2).min().unwrap();
        let (status, body, _) = runs.into_iter().next().unwrap();
        (status, body, best)
    };
    let (s1, body1, t1) = fastest("nobody@example.org", "whatever it is here");
    let (s2, body2, t2) = fastest(OWNER_EMAIL, "wrong password entirely");
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(
        body1, body2,
        "the answers must not tell which part was wrong"
    );
    // Both verify one argon2 hash; neither is an order of magnitude faster.
    assert!(
        t1 * 5 > t2 && t2 * 5 > t1,
        "timing differs: {t1:?} vs {t2:?}"
    );

    let (ok, body, _) = attempt(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(ok, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(body["member_id"].is_string() && body["csrf_token"].as_str().unwrap().len() >= 22);
}

#[test]
fn session_cookie_is_hardened_and_logout_revokes_it() {
    let server = Server::start();
    server.setup_owner();
    let res = client()
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": OWNER_EMAIL, "password": OWNER_PASSWORD }))
        .send()
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("convene_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http base URL: no Secure flag"
    );
    let value = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert!(value.len() >= 22, "at least 128 random bits");

    let session = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    assert_eq!(session.get("/api/v1/session").status(), 200);
    // Logout without the CSRF header is refused; with it, the session dies.
    let res = session
        .client
        .delete(server.url("/api/v1/session"))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 403)["code"], "csrf");
    assert_eq!(
        session
            .send(reqwest::Method::DELETE, "/api/v1/session", None)
            .status(),
        204
    );
    assert_eq!(session.get("/api/v1/session").status(), 401);

    // With an https base URL the cookie is Secure.
    let server = Server::start_with(&[("CONVENE_SERVER_BASE_URL", "https://booking.example.org")]);
    server.setup_owner();
    let res = client()
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": OWNER_EMAIL, "password": OWNER_PASSWORD }))
        .send()
        .unwrap();
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[test]
fn cookie_state_changes_need_the_csrf_token() {
    let server = Server::start();
    let session = server.setup_owner();

    // JSON with the cookie but no header: refused.
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .json(&json!({ "name": "ci" }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 403)["code"], "csrf");
    // A wrong token: refused.
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .header("X-CSRF-Token", "not-the-token")
        .json(&json!({ "name": "ci" }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 403)["code"], "csrf");
    // The right one: accepted.
    assert_eq!(
        session
            .post("/api/v1/api-keys", json!({ "name": "ci" }))
            .status(),
        201
    );

    // HTML forms: a post without the hidden field is refused.
    let res = session
        .client
        .post(server.url("/settings/api-keys"))
        .form(&[("name", "form key")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = session
        .client
        .post(server.url("/settings/api-keys"))
        .form(&[("name", "form key"), ("csrf_token", session.csrf.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().unwrap().contains("cvn_"));

    // A post that a browser marks as coming from another site is refused
    // even with a valid token.
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .header("X-CSRF-Token", &session.csrf)
        .header("Origin", "https://evil.example")
        .json(&json!({ "name": "x" }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 403)["code"], "csrf");
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .header("X-CSRF-Token", &session.csrf)
        .header("Origin", "null")
        .json(&json!({ "name": "x" }))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 403)["code"], "csrf");
    // Our own origin passes.
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .header("X-CSRF-Token", &session.csrf)
        .header("Origin", &server.base)
        .json(&json!({ "name": "same origin" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201);
    let res = client()
        .post(server.url("/login"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[test]
fn api_keys_are_shown_once_work_and_die_on_revoke() {
    let server = Server::start();
    let session = server.setup_owner();
    let res = session.post("/api/v1/api-keys", json!({ "name": "deploy script" }));
    assert_eq!(res.status(), 201);
    let created: Value = res.json().unwrap();
    let key = created["key"].as_str().unwrap().to_string();
    let id = created["id"].as_str().unwrap().to_string();
    assert!(key.starts_with("cvn_"));

    // Listing never shows the key again.
    let listed = session.get("/api/v1/api-keys").text().unwrap();
    assert!(listed.contains("deploy script") && !listed.contains(&key));

    let bearer = client();
    let me = bearer
        .get(server.url("/api/v1/session"))
        .bearer_auth(&key)
        .send()
        .unwrap();
    assert_eq!(me.status(), 200);
    // Bearer calls need no CSRF token.
    let res = bearer
        .post(server.url("/api/v1/api-keys"))
        .bearer_auth(&key)
        .json(&json!({ "name": "made by a script" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 201);

    let res = bearer
        .delete(server.url(&format!("/api/v1/api-keys/{id}")))
        .bearer_auth(&key)
        .send()
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = bearer
        .get(server.url("/api/v1/session"))
        .bearer_auth(&key)
        .send()
        .unwrap();
    assert_eq!(error_code(res, 401)["code"], "unauthorized");
    let res = bearer
        .get(server.url("/api/v1/session"))
        .bearer_auth("cvn_made_up")
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    // Revoking again: it is gone.
    assert_eq!(
        session
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/api-keys/{id}"),
                None
            )
            .status(),
        404
    );
}

#[test]
fn roles_are_enforced_by_the_server() {
    let mut server = Server::start();
    let owner = server.setup_owner();
    let owner_key: Value = owner
        .post("/api/v1/api-keys", json!({ "name": "owner" }))
        .json()
        .unwrap();
    server.terminate();
    let dir = server.data_dir.clone();
    seed_member(
        &dir,
        "mia@example.org",
        Role::Member,
        "violet tram orbits quietly",
    );
    seed_member(
        &dir,
        "rex@example.org",
        Role::Restricted,
        "violet tram orbits quietly",
    );
    let server = server.restart();

    let member = server.login("mia@example.org", "violet tram orbits quietly");
    let res = member.get("/api/v1/audit-log");
    assert_eq!(error_code(res, 403)["code"], "forbidden");
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let log: Value = owner.get("/api/v1/audit-log").json().unwrap();
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"owner.created") && actions.contains(&"api_key.created"),
        "{actions:?}"
    );

    // A restricted member may not hold API keys.
    let restricted = server.login("rex@example.org", "violet tram orbits quietly");
    let res = restricted.post("/api/v1/api-keys", json!({ "name": "nope" }));
    assert_eq!(error_code(res, 403)["code"], "forbidden");

    // A member cannot revoke the owner's key: it does not exist for them.
    let id = owner_key["id"].as_str().unwrap();
    let res = member.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/api-keys/{id}"),
        None,
    );
    assert_eq!(error_code(res, 404)["code"], "not_found");
    let key = owner_key["key"].as_str().unwrap();
    assert_eq!(
        client()
            .get(server.url("/api/v1/session"))
            .bearer_auth(key)
            .send()
            .unwrap()
            .status(),
        200
    );

    // Members see only active colleagues; the settings page hides the audit log.
    let page = member.get("/settings").text().unwrap();
    assert!(!page.contains("Audit log"));
    let page = owner.get("/settings").text().unwrap();
    assert!(page.contains("Audit log"));
}

#[test]
fn sign_in_is_rate_limited_per_account_and_per_ip() {
    let server = Server::start_with(&[
        ("CONVENE_AUTH_LOGIN_PER_ACCOUNT_PER_MINUTE", "3"),
        ("CONVENE_AUTH_LOGIN_PER_IP_PER_MINUTE", "6"),
    ]);
    server.setup_owner(); // one attempt for the owner's account
    let anon = client();
    let try_login = |email: &str| {
        anon.post(server.url("/api/v1/session"))
            .json(&json!({ "email": email, "password": "wrong password here" }))
            .send()
            .unwrap()
    };
    assert_eq!(try_login(OWNER_EMAIL).status(), 401);
    assert_eq!(try_login(OWNER_EMAIL).status(), 401);
    let res = try_login(OWNER_EMAIL);
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let err = error_code(res, 429);
    assert_eq!(err["code"], "rate_limited");
    assert!(err["message"].as_str().unwrap().contains("try again in"));
    // Other accounts from the same address, until the address is spent.
    assert_eq!(try_login("a@example.org").status(), 401);
    assert_eq!(try_login("b@example.org").status(), 401);
    assert_eq!(try_login("c@example.org").status(), 429);
    // The HTML form says it in words.
    let res = anon
        .post(server.url("/login"))
        .form(&[("email", "d@example.org"), ("password", "x")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.text().unwrap().contains("too many sign-in attempts"));
}

#[test]
fn owner_signs_in_with_the_form_and_sees_an_empty_members_page() {
    let server = Server::start();
    server.setup_owner();
    let browser = client();

    // Pages need a session: they send people to the sign-in form.
    let res = browser.get(server.url("/members")).send().unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fmembers");

    let res = browser
        .post(server.url("/login"))
        .form(&[
            ("email", OWNER_EMAIL),
            ("password", "not it at all"),
            ("next", "/members"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 401);
    let page = res.text().unwrap();
    assert!(page.contains("The email or password is wrong"));
    assert!(
        page.contains(&format!("value=\"{OWNER_EMAIL}\"")),
        "keeps the email"
    );

    let res = browser
        .post(server.url("/login"))
        .form(&[
            ("email", OWNER_EMAIL),
            ("password", OWNER_PASSWORD),
            ("next", "/members"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/members");
    let page = browser
        .get(server.url("/members"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    for nav in [
        "Members",
        "Booking pages",
        "Bookings",
        "External members",
        "Settings",
    ] {
        assert!(page.contains(nav), "navigation lacks {nav}");
    }
    assert!(page.contains("You are the only one here so far"));
    assert!(page.contains("Invite teammates"));

    let dash = browser.get(server.url("/")).send().unwrap().text().unwrap();
    assert!(dash.contains("Example Club") && dash.contains("Active members"));

    // An open redirect is not possible through `next`.
    let res = browser
        .post(server.url("/login"))
        .form(&[
            ("email", OWNER_EMAIL),
            ("password", OWNER_PASSWORD),
            ("next", "//evil.example"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.headers()["location"], "/");

    // Sign out through the form.
    let page = browser.get(server.url("/")).send().unwrap().text().unwrap();
    let csrf = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let res = browser
        .post(server.url("/logout"))
        .form(&[("csrf_token", csrf)])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(browser.get(server.url("/")).send().unwrap().status(), 303);
}
