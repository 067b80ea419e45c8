//! The server against its own OpenAPI document, read by an independent
//! tool (schemathesis): every operation, with bounded generated examples,
//! as the owner's API key. No answer may be a 5xx, fall outside the
//! documented schema, content type or headers, or carry a status the
//! document does not list; an unsupported method must be a 405 with
//! `Allow`. Only the two operations that would revoke the run's own key
//! are left out.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::common::*;

const CHECKS: &str = "not_a_server_error,status_code_conformance,response_schema_conformance,\
                      content_type_conformance,response_headers_conformance,unsupported_method";

/// Operations that would end the run's own credentials.
const LEFT_OUT: [&str; 2] = ["/api/v1/api-keys/{id}", "/api/v1/api-keys/{id}/regenerate"];

fn schemathesis() -> String {
    let python = python();
    let bin = Path::new(&python).with_file_name("schemathesis");
    assert!(
        bin.exists(),
        "schemathesis is not installed beside {python}: run .ci/run"
    );
    bin.to_string_lossy().into_owned()
}

#[test]
fn every_operation_answers_as_the_openapi_document_says() {
    let server = Server::spawn_prepared(
        &[
            ("CONVENE_MAIL_TRANSPORT", "log"),
            ("CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE", "0"),
        ],
        create_owner,
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    // Something for the examples of the document to find: its page.
    let me = owner.member_id.clone();
    set_schedule(&owner, &me, "Asia/Tokyo", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "intro-call", "title": "Introductory call", "duration_minutes": 30,
                "hosts": [me], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let key: Value = owner
        .post("/api/v1/api-keys", json!({ "name": "conformance" }))
        .json()
        .unwrap();
    let key = key["key"].as_str().unwrap().to_string();

    // Schemathesis keeps a cache in its working directory: a temporary
    // one, not the checkout.
    let scratch = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(schemathesis());
    cmd.current_dir(scratch.path())
        .arg("run")
        .arg(repo_file_path("docs/openapi.yaml"))
        .args(["--url", &server.base])
        .args(["--header", &format!("Authorization: Bearer {key}")])
        .args(["--checks", &CHECKS.replace(' ', "")])
        .args(["--max-examples", "5"])
        .args(["--seed", "1"])
        .args(["--request-timeout", "20"])
        .arg("--no-color");
    for path in LEFT_OUT {
        cmd.args(["--exclude-path", path]);
    }
    let out = cmd.env("SCHEMATHESIS_HOOKS", "").output().unwrap();
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "schemathesis found problems:\n{report}"
    );
    assert!(
        report.contains("Tested: 95"),
        "every operation but the two left out was tried:\n{report}"
    );

    // The run was the owner's throughout: its key still works and is
    // still the owner's.
    let me: Value = client()
        .get(server.url("/api/v1/session"))
        .bearer_auth(&key)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["member"]["role"], "owner", "{me}");
}

fn repo_file_path(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .to_string_lossy()
        .into_owned()
}
