//! Error shapes, limits, headers, assets, health and metrics, and the
//! command line's configuration handling.

use crate::common::*;
use serde_json::{Value, json};

#[test]
fn errors_have_the_api_shape_or_an_html_page() {
    let server = Server::start_with(&[("CONVENE_SERVER_MAX_BODY_BYTES", "4096")]);
    let session = server.setup_owner();
    let anon = client();

    let err = error_code(
        anon.get(server.url("/api/v1/no-such-thing"))
            .send()
            .unwrap(),
        404,
    );
    assert_eq!(err["code"], "not_found");
    let res = anon.get(server.url("/no-such-page")).send().unwrap();
    assert_eq!(res.status(), 404);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(res.text().unwrap().contains("Page not found"));

    // 401 for API calls without credentials.
    let err = error_code(anon.get(server.url("/api/v1/members")).send().unwrap(), 401);
    assert_eq!(err["code"], "unauthorized");

    // 413 for oversized bodies, with or without a content length.
    let big = format!("{{\"name\":\"{}\"}}", "x".repeat(10_000));
    let res = session
        .client
        .post(server.url("/api/v1/api-keys"))
        .header("X-CSRF-Token", &session.csrf)
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .unwrap();
    assert_eq!(error_code(res, 413)["code"], "payload_too_large");
    let res = anon
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(reqwest::blocking::Body::new(std::io::Cursor::new(
            big.into_bytes(),
        )))
        .send()
        .unwrap();
    assert_eq!(error_code(res, 413)["code"], "payload_too_large");

    // 400 naming the field for malformed JSON.
    let res = anon
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(r#"{"email": 42, "password": "x"}"#)
        .send()
        .unwrap();
    let err = error_code(res, 400);
    assert_eq!(err["field"], "email");
    let res = anon
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body(r#"{"email": "a@b.c"}"#)
        .send()
        .unwrap();
    assert_eq!(error_code(res, 400)["field"], "password");
    let res = anon
        .post(server.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .unwrap();
    assert_eq!(error_code(res, 400)["code"], "bad_request");
    // 422 with the field for a value the service refuses.
    let res = session.post("/api/v1/api-keys", serde_json::json!({ "name": "  " }));
    assert_eq!(error_code(res, 422)["field"], "name");
    // Bad query parameters: 400, not 500.
    let res = session.get("/api/v1/members?limit=lots");
    assert_eq!(error_code(res, 400)["code"], "bad_request");
    let res = session.get("/api/v1/members?state=sleeping");
    assert_eq!(error_code(res, 400)["field"], "state");
}

#[test]
fn security_and_cache_headers() {
    let server = Server::start();
    let anon = client();
    let res = anon.get(server.url("/login")).send().unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(h.contains_key("x-request-id"));
    let page = res.text().unwrap();
    assert!(!page.contains("<script>"), "no inline scripts");
    assert!(!page.contains(" style="), "no inline styles");

    let css_url = page
        .split("href=\"")
        .find(|s| s.starts_with("/assets/app.css"))
        .unwrap();
    let css_url = css_url.split('"').next().unwrap();
    let res = anon.get(server.url(css_url)).send().unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let res = anon
        .get(server.url("/assets/app.css"))
        .header("If-None-Match", &etag)
        .send()
        .unwrap();
    assert_eq!(res.status(), 304);
    assert_eq!(
        anon.get(server.url("/assets/nope.js"))
            .send()
            .unwrap()
            .status(),
        404
    );
    assert!(!h_has_hsts(&anon, &server), "no HSTS over plain http");
}

fn h_has_hsts(anon: &reqwest::blocking::Client, server: &Server) -> bool {
    anon.get(server.url("/login"))
        .send()
        .unwrap()
        .headers()
        .contains_key("strict-transport-security")
}

#[test]
fn secrets_are_never_cached_and_https_pins_the_browser() {
    let server = Server::start_prepared(
        &[("CONVENE_SERVER_BASE_URL", "https://booking.example.org")],
        create_owner,
    );
    let anon = client();
    let res = anon.get(server.url("/login")).send().unwrap();
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    // Sign-in answers the csrf token; a new key and a webhook secret are
    // shown once: none may be kept by a cache.
    let res = anon
        .post(server.url("/api/v1/session"))
        .json(&json!({ "email": OWNER_EMAIL, "password": OWNER_PASSWORD }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = anon.get(server.url("/healthz")).send().unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");

    let (_plain, owner, _) =
        server_with_hosts(&[("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8")], 0);
    let res = owner.post("/api/v1/api-keys", json!({ "name": "script" }));
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = owner.post(
        "/api/v1/webhooks",
        json!({ "url": "http://127.0.0.1:9/hook", "events": ["booking.created"] }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    assert_eq!(res.headers()["cache-control"], "no-store");
}

#[test]
fn years_outside_1970_to_2200_are_refused_with_422() {
    let (server, owner, _) = server_with_hosts(&[], 0);
    let me = owner.member_id.clone();
    for (start, end) in [
        ("-0001-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("0001-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("2027-01-01T00:00:00Z", "9999-12-31T00:00:00Z"),
    ] {
        let res = owner.post(
            &format!("/api/v1/members/{me}/unavailability"),
            json!({ "start": start, "end": end }),
        );
        let status = res.status().as_u16();
        let body: Value = res.json().unwrap();
        assert_eq!(status, 422, "{start}..{end}: {body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains("1970"),
            "{body}"
        );
    }
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "far", "title": "Far", "duration_minutes": 30, "hosts": [me],
                "assignment": "single" }),
    );
    assert_eq!(res.status(), 201);
    for (from, to) in [("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31")] {
        let res = client()
            .get(server.url(&format!(
                "/api/v1/public/booking-pages/far/slots?from={from}&to={to}&timezone=UTC"
            )))
            .send()
            .unwrap();
        assert_eq!(error_code(res, 422)["field"], "from", "{from}");
    }
    let res = client()
        .post(server.url("/api/v1/public/booking-pages/far/bookings"))
        .json(
            &json!({ "start": "-0001-01-01T10:00:00Z", "name": "Far Guest",
                       "email": "far@example.org", "timezone": "UTC" }),
        )
        .send()
        .unwrap();
    assert_eq!(error_code(res, 422)["field"], "start");
    let res = owner.get("/api/v1/bookings?from=0001-01-01T00:00:00Z");
    assert_eq!(error_code(res, 422)["field"], "from");
}

/// A process: the request log it writes to standard error is read.
#[test]
fn health_and_metrics() {
    let server = Server::spawn();
    let anon = client();
    let res = anon.get(server.url("/healthz")).send().unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().unwrap();
    assert_eq!(body["status"], "ok");
    anon.get(server.url("/login")).send().unwrap();
    anon.get(server.url("/api/v1/nothing")).send().unwrap();
    let metrics = anon
        .get(server.url("/metrics"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        metrics.contains(
            "convene_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("route=\"unmatched\",status=\"404\""));
    assert!(metrics.contains(
        "convene_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"
    ));
    assert!(metrics.contains("convene_db_size_bytes "));
    assert!(metrics.contains(&format!(
        "convene_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    )));
    for name in [
        "process_start_time_seconds ",
        "process_cpu_seconds_total ",
        "convene_outbox_queued ",
        "convene_outbox_failed ",
    ] {
        assert!(metrics.contains(name), "{name} in {metrics}");
    }

    // One log line per request, with its id and the route, never a token.
    let line = server.wait_for_log("route=/login", std::time::Duration::from_secs(2));
    assert!(line.contains("request_id=") && line.contains("status=200"));
    let token = server.setup_token();
    anon.get(server.url(&format!("/setup?token={token}")))
        .send()
        .unwrap();
    server.wait_for_log("route=/setup", std::time::Duration::from_secs(2));
    let leaks = server
        .log_lines()
        .iter()
        .filter(|l| l.contains(&token))
        .count();
    assert_eq!(leaks, 1, "only the setup announcement may show the token");
}

#[test]
fn config_errors_name_the_key_and_check_config_masks_secrets() {
    let out = run_cli(
        &["check-config"],
        &[("CONVENE_SERVER_BIND", "not an address")],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("server.bind") && err.contains("not an address"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("convene.toml");
    std::fs::write(&file, "[mail]\ntransport = \"smtp\"\nsmtp_url = \"smtps://bot:s3cret-pass@mail.example.org:465\"\n[storage]\ndat_dir = \"x\"\n").unwrap();
    let out = run_cli(
        &["--config", file.to_str().unwrap(), "check-config"],
        &[],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("dat_dir"));

    std::fs::write(&file, "[mail]\ntransport = \"smtp\"\nsmtp_url = \"smtps://bot:s3cret-pass@mail.example.org:465\"\n").unwrap();
    let out = run_cli(
        &["--config", file.to_str().unwrap(), "check-config"],
        &[("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "250")],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("s3cret-pass"), "{shown}");
    assert!(shown.contains("smtps://bot:***@mail.example.org:465"));
    assert!(shown.contains("import_rows_per_day = 250"));

    // serve refuses a bad config too, before touching anything.
    let out = run_cli(
        &["serve"],
        &[("CONVENE_MAIL_TRANSPORT", "carrier-pigeon")],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("mail.transport"));
}
