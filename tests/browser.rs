//! The members UI in headless Chromium (playwright-core): invite
//! teammates, join by the mailed link, approve from the pending list;
//! the schedule editor.
//! Screenshots land in target/screenshots/.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;
use serde_json::json;

fn node_modules() -> String {
    std::env::var("CONVENE_TEST_NODE_PATH").unwrap_or_else(|_| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-node/node_modules");
        assert!(
            p.join("playwright-core").exists(),
            "playwright-core is missing: run `bash .ci/run` once"
        );
        p.to_string_lossy().into_owned()
    })
}

fn run_phase(server: &Server, phase: &str, extra: &[(&str, &str)]) {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/members.cjs");
    let out = Command::new("node")
        .arg(script)
        .arg(phase)
        .env("NODE_PATH", node_modules())
        .env("BASE_URL", &server.base)
        .env("EMAIL", OWNER_EMAIL)
        .env("PASSWORD", OWNER_PASSWORD)
        .env("SHOTS", &shots)
        .envs(extra.iter().copied())
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "browser phase {phase} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn invite_join_and_approve_in_a_real_browser() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let server = Server::start_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "smtp"),
            ("CONVENE_MAIL_SMTP_URL", url.as_str()),
        ],
        |dir| {
            let out = run_cli(
                &[
                    "create-owner",
                    "--email",
                    OWNER_EMAIL,
                    "--name",
                    "Olive Owner",
                    "--organization",
                    "Club",
                    "--password-stdin",
                ],
                &[("CONVENE_STORAGE_DATA_DIR", dir.to_str().unwrap())],
                Some(OWNER_PASSWORD),
            );
            assert!(out.status.success());
        },
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    owner.post("/api/v1/departments", json!({ "name": "Sales" }));

    run_phase(&server, "invite", &[]);

    let mails = sink.wait_for(2, Duration::from_secs(20));
    let ken = mails
        .iter()
        .map(|f| parse_mail(f))
        .find(|m| m["envelope_to"] == "ken@example.org")
        .unwrap();
    let text = ken["parts"][0]["content"].as_str().unwrap().to_string();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/join/"))
        .unwrap()
        .to_string();
    run_phase(&server, "join", &[("JOIN_URL", link.as_str())]);
    server.login("ken@example.org", "violet tram orbits quietly");

    let code: serde_json::Value = owner.get("/api/v1/org/invite-link").json().unwrap();
    let res = client()
        .post(server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": code["code"], "email": "pat@example.org", "first_name": "Pat", "last_name": "Lee", "password": "violet tram orbits quietly" }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    run_phase(&server, "approve", &[]);
    server.login("pat@example.org", "violet tram orbits quietly");
}

#[test]
fn schedule_editor_in_a_real_browser() {
    let server = Server::start();
    let owner = server.setup_owner();
    let me: serde_json::Value = owner.get("/api/v1/session").json().unwrap();
    let id = me["member"]["id"].as_str().unwrap().to_string();
    run_phase(&server, "schedule", &[("MEMBER_ID", id.as_str())]);
    let s: serde_json::Value = owner
        .get(&format!("/api/v1/members/{id}/schedule"))
        .json()
        .unwrap();
    assert_eq!(s["timezone"], "Asia/Tokyo");
    assert_eq!(s["weekly"]["mon"][1]["end"], "18:00");
    assert_eq!(s["breaks"]["mon"][0]["start"], "15:00");
    assert_eq!(s["daily_caps"]["mon"], 4);
    let periods: serde_json::Value = owner
        .get(&format!("/api/v1/members/{id}/unavailability"))
        .json()
        .unwrap();
    // 09:00 in Tokyo is 00:00 UTC; the page shows it in Tokyo time.
    assert_eq!(
        periods["unavailability"][0]["start"],
        "2027-05-03T00:00:00Z"
    );
    assert_eq!(periods["unavailability"][0]["end"], "2027-05-07T09:00:00Z");
}
