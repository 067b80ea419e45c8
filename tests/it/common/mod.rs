//! The harness every integration test shares: servers (in process or
//! spawned), signed-in sessions, the SMTP sink, a webhook receiver, and
//! the small steps stories are told with.
#![allow(dead_code)]

mod calendars;
mod receiver;
mod server;
mod smtp;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};

pub use calendars::{DAV_PASSWORD, DAV_USER, IcsServer, Radicale, crlf};
pub use receiver::Receiver;
pub use server::{Mode, Server};
pub use smtp::{SmtpSink, link_in, parse_mail, text_of};

pub const BIN: &str = env!("CARGO_BIN_EXE_convene");
pub const OWNER_EMAIL: &str = "owner@example.org";
pub const OWNER_PASSWORD: &str = "correct horse battery staple";

/// A client that keeps cookies and never follows redirects.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// A signed-in browser-like client.
pub struct Session {
    pub client: Client,
    pub base: String,
    pub csrf: String,
    pub member_id: String,
}

impl Session {
    pub fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .unwrap()
    }

    /// A JSON state change carrying the CSRF header, as the UI's scripts do.
    pub fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Response {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().unwrap()
    }

    pub fn post(&self, path: &str, body: Value) -> Response {
        self.send(reqwest::Method::POST, path, Some(body))
    }

    /// Posts a page's form as a browser would, with the session's CSRF
    /// token.
    pub fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", self.csrf.as_str())];
        form.extend_from_slice(pairs);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .unwrap()
    }
}

/// Runs the binary with arguments and optional standard input.
pub fn run_cli(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

/// Asserts the API error shape and returns the code.
pub fn error_code(res: Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let body: Value = res.json().expect("JSON error body");
    assert!(body["error"]["code"].is_string(), "no error.code in {body}");
    assert!(
        body["error"]["message"].is_string(),
        "no error.message in {body}"
    );
    body["error"].clone()
}

/// Adds a member with a password straight into a stopped server's database,
/// for tests that need people other than the owner.
pub fn seed_member(
    data_dir: &Path,
    email: &str,
    role: convene::domain::Role,
    password: &str,
) -> String {
    use convene::domain::{Email, Member, MemberState};
    let store = convene::store::Store::open(&data_dir.join("convene.redb")).unwrap();
    let now = chrono::Utc::now();
    let mut m = Member::new(
        Email::parse(email).unwrap(),
        role,
        MemberState::Active,
        "UTC",
        "en",
        now,
    );
    m.first_name = "Seeded".into();
    m.last_name = role.as_str().into();
    let hash = convene::passwords::hash(password).unwrap();
    let txn = store.write().unwrap();
    convene::store::put_member_in(&txn, &m).unwrap();
    convene::store::set_password_in(
        &txn,
        &m.id,
        &convene::store::Credential {
            password_hash: hash,
            changed_at: now,
        },
    )
    .unwrap();
    store.commit(txn).unwrap();
    m.id.to_string()
}

/// The Python of the test virtualenv (aiosmtpd and friends), as set up by
/// .ci/run. A missing tool is a failing test, never a skipped one.
pub fn python() -> String {
    if let Ok(p) = std::env::var("CONVENE_TEST_PYTHON") {
        return p;
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python");
    assert!(
        venv.exists(),
        "the test virtualenv is missing: run `bash .ci/run` once (it installs aiosmtpd)"
    );
    venv.to_string_lossy().into_owned()
}

/// promtool, as .ci/run puts it under target/ci-tools (from Debian's
/// prometheus package).
pub fn promtool() -> String {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/bin/promtool");
    assert!(
        tool.exists(),
        "promtool is missing: run `bash .ci/run` once (it unpacks it under target/ci-tools)"
    );
    tool.to_string_lossy().into_owned()
}

/// A helper script of tests/support/ (the SMTP sink, the mail and iCalendar
/// readers).
pub fn support(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(file)
        .to_string_lossy()
        .into_owned()
}

/// A free loopback port (bound and released; fine for tests).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `f` until it returns Some, or fails after `timeout`.
pub fn eventually<T>(timeout: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The password seeded members get in booking tests.
pub const MEMBER_PASSWORD: &str = "violet tram orbits quietly";

/// Creates the owner (and organization "Club") with the CLI, in a data
/// directory the server is not running on.
pub fn create_owner(dir: &Path) {
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
    assert!(out.status.success(), "{out:?}");
}

/// An in-process server with the owner and `hosts` extra members
/// (host0@…, host1@…); returns the owner's session and the members' ids.
pub fn server_with_hosts(env: &[(&str, &str)], hosts: usize) -> (Server, Session, Vec<String>) {
    hosts_world(Mode::InProcess, env, hosts)
}

/// As [`server_with_hosts`], as a `convene serve` process.
pub fn spawned_server_with_hosts(
    env: &[(&str, &str)],
    hosts: usize,
) -> (Server, Session, Vec<String>) {
    hosts_world(Mode::Process, env, hosts)
}

fn hosts_world(mode: Mode, env: &[(&str, &str)], hosts: usize) -> (Server, Session, Vec<String>) {
    let mut ids = Vec::new();
    let prepare = |dir: &Path| {
        create_owner(dir);
        for i in 0..hosts {
            ids.push(seed_member(
                dir,
                &format!("host{i}@example.org"),
                convene::domain::Role::Member,
                MEMBER_PASSWORD,
            ));
        }
    };
    let server = match mode {
        Mode::InProcess => Server::start_prepared(env, prepare),
        Mode::Process => Server::spawn_prepared(env, prepare),
    };
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    (server, owner, ids)
}

/// The same hours ("09:00-17:00") on every weekday, as schedule JSON.
pub fn every_day(hours: &str) -> Value {
    let (start, end) = hours.split_once('-').unwrap();
    let days: serde_json::Map<String, Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| (d.to_string(), json!([{ "start": start, "end": end }])))
        .collect();
    Value::Object(days)
}

/// Sets a member's schedule through the API.
pub fn set_schedule(owner: &Session, id: &str, tz: &str, hours: &str, caps: Value) {
    let res = owner.send(
        reqwest::Method::PUT,
        &format!("/api/v1/members/{id}/schedule"),
        Some(json!({ "timezone": tz, "weekly": every_day(hours), "daily_caps": caps })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
}

/// A date `n` days from today (UTC), as YYYY-MM-DD.
pub fn days_ahead(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// The outbox's counts by state (`queued`, `sent`, `failed`), as an admin
/// sees them. Mail and webhook calls are queued in the same transaction as
/// what caused them, so these are final as soon as a request is answered.
pub fn outbox_counts(admin: &Session) -> Value {
    let body: Value = admin.get("/api/v1/outbox").json().unwrap();
    body["counts"].clone()
}

/// Messages of the outbox in one state, newest first.
pub fn outbox_messages(admin: &Session, state: &str) -> Vec<Value> {
    let body: Value = admin
        .get(&format!("/api/v1/outbox?state={state}"))
        .json()
        .unwrap();
    body["messages"].as_array().unwrap().clone()
}

/// Where the test's node packages are (playwright-core, axe-core, ical.js),
/// installed by .ci/run.
pub fn node_modules() -> String {
    std::env::var("CONVENE_TEST_NODE_PATH").unwrap_or_else(|_| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-node/node_modules");
        assert!(
            p.join("playwright-core").exists(),
            "playwright-core is missing: run `bash .ci/run` once"
        );
        p.to_string_lossy().into_owned()
    })
}

/// A path under the crate's root (docs, sources, the README).
pub fn repo_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// A single-host page `slug` for `host` (09:00–17:00 UTC every day) and a
/// guest's booking of its first time three days out: the page's id and
/// the booking as the API answered it.
pub fn page_with_a_booking(owner: &Session, host: &str, slug: &str) -> (String, Value) {
    set_schedule(owner, host, "UTC", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": slug, "title": slug, "duration_minutes": 30,
                "hosts": [host], "assignment": "single", "min_notice_minutes": 0 }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    let page = res.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let day = days_ahead(3);
    let guest = client();
    let slots: Value = guest
        .get(format!(
            "{}/api/v1/public/booking-pages/{slug}/slots?from={day}&to={day}&timezone=UTC",
            owner.base
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let start = slots["slots"][0]["start"].as_str().unwrap().to_string();
    let res = guest
        .post(format!(
            "{}/api/v1/public/booking-pages/{slug}/bookings",
            owner.base
        ))
        .json(
            &json!({ "start": start, "name": "Gail Guest", "email": "gail@example.com",
                       "timezone": "UTC" }),
        )
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    (page, res.json().unwrap())
}
