//! Test harness: starts the real `convene` binary on a free port with a
//! temporary data directory, and talks HTTP to it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};

pub const BIN: &str = env!("CARGO_BIN_EXE_convene");
pub const OWNER_EMAIL: &str = "owner@example.org";
pub const OWNER_PASSWORD: &str = "correct horse battery staple";

pub struct Server {
    child: Option<Child>,
    pub base: String,
    pub data_dir: PathBuf,
    log: Arc<Mutex<Vec<String>>>,
    _tmp: Option<tempfile::TempDir>,
    env: Vec<(String, String)>,
}

impl Server {
    /// A fresh server with an empty data directory.
    pub fn start() -> Server {
        Self::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let mut s = Self::start_in(&dir, env);
        s._tmp = Some(tmp);
        s
    }

    /// A server on an existing data directory (kept by the caller).
    pub fn start_in(dir: &Path, env: &[(&str, &str)]) -> Server {
        Self::start_with_args(dir, env, &[])
    }

    /// As `start_in`, with global arguments before `serve` (`--config F`).
    pub fn start_with_args(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("CONVENE_STORAGE_DATA_DIR", dir)
            .env("CONVENE_SERVER_BIND", "127.0.0.1:0")
            .env("CONVENE_LOG", "info")
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start convene");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let mut server = Server {
            child: Some(child),
            base: String::new(),
            data_dir: dir.to_path_buf(),
            log,
            _tmp: None,
            env,
        };
        let line = server.wait_for_log("listening on http://", Duration::from_secs(20));
        let addr = line
            .split("listening on http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap();
        server.base = format!("http://{addr}");
        server
    }

    /// Stops (SIGTERM) and starts again on the same data directory.
    pub fn restart(mut self) -> Server {
        self.terminate();
        let tmp = self._tmp.take();
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut next = Server::start_in(&self.data_dir, &env);
        next._tmp = tmp;
        next
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub fn wait_for_log(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(l) = self.log.lock().unwrap().iter().find(|l| l.contains(needle)) {
                return l.clone();
            }
            if Instant::now() > deadline {
                panic!(
                    "no log line with {needle:?}; log:\n{}",
                    self.log_lines().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// SIGTERM and wait for a clean exit.
    pub fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        Some(child.wait().unwrap())
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts on a fresh directory where `prepare` may write first (e.g. run
    /// `create-owner` or seed rows), keeping the directory for the server's life.
    pub fn start_prepared(env: &[(&str, &str)], prepare: impl FnOnce(&Path)) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        prepare(tmp.path());
        let mut s = Server::start_in(tmp.path(), env);
        s._tmp = Some(tmp);
        s
    }

    /// Keeps the data directory alive after the server goes away.
    pub fn take_tempdir(&mut self) -> Option<tempfile::TempDir> {
        self._tmp.take()
    }

    /// The one-time setup token printed to the log.
    pub fn setup_token(&self) -> String {
        let line = self.wait_for_log("/setup?token=", Duration::from_secs(5));
        line.split("/setup?token=")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap()
            .to_string()
    }

    /// Creates the owner through the setup page; returns a signed-in client.
    pub fn setup_owner(&self) -> Session {
        let client = client();
        let token = self.setup_token();
        let res = client
            .post(self.url("/setup"))
            .form(&[
                ("token", token.as_str()),
                ("organization", "Example Club"),
                ("first_name", "Olive"),
                ("last_name", "Owner"),
                ("email", OWNER_EMAIL),
                ("password", OWNER_PASSWORD),
            ])
            .send()
            .unwrap();
        assert_eq!(
            res.status(),
            303,
            "setup failed: {}",
            res.text().unwrap_or_default()
        );
        self.login(OWNER_EMAIL, OWNER_PASSWORD)
    }

    /// Signs in through the API; the session keeps the cookie and CSRF token.
    pub fn login(&self, email: &str, password: &str) -> Session {
        let client = client();
        let res = client
            .post(self.url("/api/v1/session"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "login failed");
        let body: Value = res.json().unwrap();
        Session {
            client,
            base: self.base.clone(),
            csrf: body["csrf_token"].as_str().unwrap().to_string(),
            member_id: body["member_id"].as_str().unwrap().to_string(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

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

/// A real SMTP server (aiosmtpd) writing each received message to a folder.
pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    pub dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("mail");
        let (child, port) = Self::spawn(&dir, 0);
        SmtpSink {
            child: Some(child),
            port,
            dir,
            _tmp: tmp,
        }
    }

    /// A sink on a given port (to bring a "down" server up).
    pub fn start_on(port: u16) -> SmtpSink {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("mail");
        let (child, port) = Self::spawn(&dir, port);
        SmtpSink {
            child: Some(child),
            port,
            dir,
            _tmp: tmp,
        }
    }

    fn spawn(dir: &Path, port: u16) -> (Child, u16) {
        let mut child = Command::new(python())
            .arg(support("smtp_sink.py"))
            .arg(dir)
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .strip_prefix("READY ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("SMTP sink did not start: {line:?}"));
        (child, port)
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files
    }

    /// Waits until at least `n` messages arrived.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<PathBuf> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} mails, got {}",
                got.len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Reads a received mail with Python's email package (independent of ours).
pub fn parse_mail(path: &Path) -> Value {
    let out = Command::new(python())
        .arg(support("read_mail.py"))
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One request a `Receiver` got.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback HTTP server that records requests and answers with a status
/// the test can change.
pub struct Receiver {
    pub port: u16,
    pub got: Arc<Mutex<Vec<Received>>>,
    pub status: Arc<Mutex<u16>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let got = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(Mutex::new(200u16));
        let (g, s) = (got.clone(), status.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (g, s) = (g.clone(), s.clone());
                std::thread::spawn(move || {
                    use std::io::Read;
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).is_err() {
                        return;
                    }
                    let mut headers = Vec::new();
                    loop {
                        let mut line = String::new();
                        reader.read_line(&mut line).unwrap();
                        let line = line.trim_end();
                        if line.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = line.split_once(':') {
                            headers.push((k.trim().to_string(), v.trim().to_string()));
                        }
                    }
                    let len: usize = headers
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; len];
                    reader.read_exact(&mut body).unwrap();
                    let path = request_line
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or("")
                        .to_string();
                    g.lock().unwrap().push(Received {
                        path,
                        headers,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                    let code = *s.lock().unwrap();
                    let mut stream = stream;
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {code} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    );
                });
            }
        });
        Receiver { port, got, status }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn set_status(&self, code: u16) {
        *self.status.lock().unwrap() = code;
    }

    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.got.lock().unwrap().clone();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} requests, got {}",
                got.len()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
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

/// A server with the owner and `hosts` extra members (host0@…, host1@…);
/// returns the owner's session and the members' ids.
pub fn server_with_hosts(env: &[(&str, &str)], hosts: usize) -> (Server, Session, Vec<String>) {
    let mut ids = Vec::new();
    let server = Server::start_prepared(env, |dir| {
        create_owner(dir);
        for i in 0..hosts {
            ids.push(seed_member(
                dir,
                &format!("host{i}@example.org"),
                convene::domain::Role::Member,
                MEMBER_PASSWORD,
            ));
        }
    });
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
