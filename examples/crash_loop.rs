//! Crash safety under load: the server is killed with SIGKILL at a random
//! moment while guests book, an admin imports members, a calendar syncs
//! and the outbox sends mail, then started again on the same file, CYCLES
//! times. After every restart: the database opens, every acknowledged
//! booking is there, no host is booked twice at one time, each import is
//! there whole or not at all (whole when it was acknowledged). At the end
//! the outbox drains, every message it sent reached the SMTP server at
//! least once, and resends stay within one outbox round per kill.
//! `cargo run --release --example crash_loop -- CYCLES BIN` (see
//! benches/crash_loop.sh); prints one JSON line of figures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use serde_json::{Value, json};

const OWNER: &str = "owner@example.org";
const PASSWORD: &str = "correct horse battery staple";
/// Bookings last five minutes, every five minutes of every day.
const SLOT_MINUTES: i64 = 5;
/// Messages the outbox worker sends per round (`delivery::BATCH`).
const OUTBOX_ROUND: u64 = 32;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cycles: u64 = args.get(1).map_or(20, |s| s.parse().expect("CYCLES"));
    let bin = PathBuf::from(args.get(2).expect("path of the convene binary"));
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpSink::start();
    let ics_port = serve_calendar();
    let mut rng = XorShift(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1,
    );

    let mut owner = convene(&bin)
        .args([
            "create-owner",
            "--email",
            OWNER,
            "--name",
            "Olive Owner",
            "--organization",
            "Crash",
            "--password-stdin",
        ])
        .env("CONVENE_STORAGE_DATA_DIR", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(owner.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(owner.wait().unwrap().success(), "create-owner failed");

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Server {
        bin,
        dir: dir.path().to_path_buf(),
        port,
        smtp: smtp.port,
    };
    let mut child = server.start();
    let client = Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let (key, me, calendar) = prepare(&base, ics_port);
    let api = Api {
        client,
        base: base.clone(),
        key,
    };

    let next_slot = Arc::new(AtomicU64::new(0));
    let mut acknowledged: Vec<String> = Vec::new();
    let mut imports: Vec<(Vec<String>, bool)> = Vec::new();
    let mut restart_ms = Vec::new();
    let mut booked_in_cycles = 0u64;
    let first_day = chrono::Utc::now().date_naive() + chrono::Duration::days(2);

    for cycle in 0..cycles {
        let stop = Arc::new(AtomicBool::new(false));
        let booked = Arc::new(Mutex::new(Vec::<String>::new()));
        let imported = Arc::new(Mutex::new(Vec::<(Vec<String>, bool)>::new()));
        let mut load = Vec::new();
        for _ in 0..4 {
            let (api, stop, booked, next) =
                (api.clone(), stop.clone(), booked.clone(), next_slot.clone());
            load.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed) as i64;
                    let start = first_day.and_hms_opt(0, 0, 0).unwrap().and_utc()
                        + chrono::Duration::minutes(i * SLOT_MINUTES);
                    let res = api.public_post(
                        "/api/v1/public/booking-pages/crash/bookings",
                        json!({ "start": start.to_rfc3339(), "name": "Gail Guest",
                                "email": format!("guest{i}@example.com"), "timezone": "UTC" }),
                    );
                    match res {
                        Some((201, body)) => booked
                            .lock()
                            .unwrap()
                            .push(body["id"].as_str().unwrap().to_string()),
                        Some(_) => {}
                        None => break,
                    }
                }
            }));
        }
        {
            let (api, stop, imported) = (api.clone(), stop.clone(), imported.clone());
            load.push(std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let emails: Vec<String> = (0..5)
                        .map(|k| format!("c{cycle}-{n}-{k}@example.org"))
                        .collect();
                    let mut csv = String::from("email,first_name,last_name\r\n");
                    for e in &emails {
                        csv.push_str(&format!("{e},Ima,Ported\r\n"));
                    }
                    n += 1;
                    let answer = api.csv("/api/v1/members/import", csv);
                    if let Some(status) = answer {
                        assert!(status < 300, "cycle {cycle}: import refused with {status}");
                    }
                    imported.lock().unwrap().push((emails, answer.is_some()));
                    if answer.is_none() {
                        break;
                    }
                }
            }));
        }
        {
            let (api, stop) = (api.clone(), stop.clone());
            let path = format!("/api/v1/members/{me}/calendars/{calendar}/sync");
            load.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if api.post(&path, json!({})).is_none() {
                        break;
                    }
                }
            }));
        }
        std::thread::sleep(Duration::from_millis(100 + rng.next() % 700));
        kill9(&mut child);
        stop.store(true, Ordering::Relaxed);
        for t in load {
            t.join().unwrap();
        }

        let started = Instant::now();
        child = server.start();
        restart_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let booked = booked.lock().unwrap().clone();
        booked_in_cycles += booked.len() as u64;
        for id in &booked {
            let (status, body) = api.get(&format!("/api/v1/bookings/{id}"));
            assert_eq!(
                (status, body["state"].as_str()),
                (200, Some("confirmed")),
                "cycle {cycle}: acknowledged booking {id} lost: {body}"
            );
        }
        acknowledged.extend(booked);
        let mut this_cycle = imported.lock().unwrap().clone();
        check_imports(&api, &this_cycle, cycle);
        imports.append(&mut this_cycle);
        if cycle % 25 == 24 {
            check_no_double_booking(&api);
        }
    }

    // The whole history once more, then the outbox drained.
    for id in &acknowledged {
        let (status, _) = api.get(&format!("/api/v1/bookings/{id}"));
        assert_eq!(status, 200, "acknowledged booking {id} lost");
    }
    let bookings = check_no_double_booking(&api);
    check_imports(&api, &imports, cycles);
    // Drained: read from the metrics, which read the outbox's tallies.
    let drained = Instant::now();
    let (queued, failed) = loop {
        let metrics = api.text("/metrics");
        let gauge = |name: &str| {
            metrics
                .lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse::<f64>().ok())
                .unwrap_or(-1.0)
        };
        let (queued, failed) = (
            gauge("convene_outbox_queued "),
            gauge("convene_outbox_failed "),
        );
        if queued == 0.0 || drained.elapsed() > Duration::from_secs(300) {
            break (queued, failed);
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(queued, 0.0, "the outbox did not drain");
    assert_eq!(failed, 0.0, "messages failed");
    // With nothing queued or failed, every row of the outbox is a sent
    // message (none is dropped within the retention).
    let check = convene(&server.bin)
        .args(["check-db", "--json"])
        .env("CONVENE_STORAGE_DATA_DIR", &server.dir)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "check-db: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    let sent = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "outbox")
        .and_then(|t| t["rows"].as_u64())
        .unwrap();
    // The admins' listing counts and lists from the outbox's indexes: it
    // answers at once however much mail was sent, and counts what the
    // table holds.
    let listed = Instant::now();
    let (status, listing) = api.get("/api/v1/outbox?state=sent");
    let listing_ms = listed.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(status, 200, "{listing}");
    assert_eq!(listing["counts"]["sent"].as_u64(), Some(sent), "{listing}");
    assert_eq!(
        listing["messages"].as_array().map(Vec::len),
        Some(sent.min(200) as usize)
    );
    let received = smtp.received();
    let distinct = received.len() as u64;
    let total: u64 = received.values().sum();
    assert_eq!(
        distinct, sent,
        "every sent message reached the SMTP server, and only those"
    );
    let duplicates = total - distinct;
    if std::env::var_os("CRASH_LOOP_SHOW").is_some() {
        for (id, n) in received.iter().filter(|(_, n)| **n > 1) {
            eprintln!("{id} received {n} times");
        }
    }
    // At least once: a kill may cost a resend of what was out and not yet
    // recorded, at most one round of the outbox worker (32 messages).
    assert!(
        duplicates <= cycles * OUTBOX_ROUND,
        "{duplicates} duplicate deliveries in {cycles} kills"
    );
    kill9(&mut child);
    restart_ms.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({
            "cycles": cycles,
            "bookings_acknowledged": acknowledged.len(),
            "bookings_stored": bookings,
            "bookings_acknowledged_per_cycle": booked_in_cycles as f64 / cycles.max(1) as f64,
            "imports_acknowledged": imports.iter().filter(|(_, ok)| *ok).count(),
            "imports_cut_off": imports.iter().filter(|(_, ok)| !*ok).count(),
            "mail_sent": sent,
            "mail_duplicates": duplicates,
            "restart_ms_p50": restart_ms.get(restart_ms.len() / 2),
            "restart_ms_max": restart_ms.last(),
            "outbox_listing_ms": listing_ms,
        })
    );
}

/// An API key, the owner's id, and a calendar connection to the loopback
/// .ics server; a page of five-minute slots all day, every day.
fn prepare(base: &str, ics_port: u16) -> (String, String, String) {
    let signed = Client::builder().cookie_store(true).build().unwrap();
    let res = signed
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "email": OWNER, "password": PASSWORD }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200, "sign-in");
    let session: Value = res.json().unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_string();
    let me = session["member_id"].as_str().unwrap().to_string();
    let send = |method: reqwest::Method, path: &str, body: Value| -> Value {
        let res = signed
            .request(method, format!("{base}{path}"))
            .header("X-CSRF-Token", &csrf)
            .json(&body)
            .send()
            .unwrap();
        assert!(res.status().is_success(), "{path}: {}", res.status());
        res.json().unwrap_or(Value::Null)
    };
    let key = send(
        reqwest::Method::POST,
        "/api/v1/api-keys",
        json!({ "name": "crash loop" }),
    )["key"]
        .as_str()
        .unwrap()
        .to_string();
    let day = json!([{ "start": "00:00", "end": "24:00" }]);
    let weekly: serde_json::Map<String, Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| (d.to_string(), day.clone()))
        .collect();
    send(
        reqwest::Method::PUT,
        &format!("/api/v1/members/{me}/schedule"),
        json!({ "timezone": "UTC", "weekly": weekly }),
    );
    send(
        reqwest::Method::POST,
        "/api/v1/booking-pages",
        json!({ "slug": "crash", "title": "Crash", "duration_minutes": SLOT_MINUTES,
                "slot_step_minutes": SLOT_MINUTES, "hosts": [me], "assignment": "single",
                "min_notice_minutes": 0, "horizon_days": 730 }),
    );
    let calendar = send(
        reqwest::Method::POST,
        &format!("/api/v1/members/{me}/calendars"),
        json!({ "kind": "ical_url", "url": format!("http://127.0.0.1:{ics_port}/busy.ics") }),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    (key, me, calendar)
}

/// Each import whole or not at all; whole when it was acknowledged.
fn check_imports(api: &Api, imports: &[(Vec<String>, bool)], cycle: u64) {
    for (emails, acknowledged) in imports {
        // The addresses of one import share their "c{cycle}-{n}-" start.
        let prefix = emails[0].rsplit_once('-').map_or("", |(p, _)| p);
        let present = member_emails(api, &format!("{prefix}-"));
        let there = emails.iter().filter(|e| present.contains(*e)).count();
        assert!(
            there == 0 || there == emails.len(),
            "cycle {cycle}: half an import stored ({there} of {}): {emails:?}",
            emails.len()
        );
        assert!(
            !acknowledged || there == emails.len(),
            "cycle {cycle}: acknowledged import lost: {emails:?}"
        );
    }
}

/// The addresses of the members a search for `q` finds.
fn member_emails(api: &Api, q: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/members?q={q}&limit=500&cursor={c}"),
            None => format!("/api/v1/members?q={q}&limit=500"),
        };
        let (status, body) = api.get(&path);
        assert_eq!(status, 200, "members list: {body}");
        for m in body["members"].as_array().unwrap() {
            out.insert(m["email"].as_str().unwrap().to_string());
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return out,
        }
    }
}

/// No two confirmed bookings of a host overlap. Returns how many there are.
fn check_no_double_booking(api: &Api) -> usize {
    let mut by_host: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut cursor: Option<String> = None;
    let mut count = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/bookings?state=confirmed&limit=500&cursor={c}"),
            None => "/api/v1/bookings?state=confirmed&limit=500".to_string(),
        };
        let (status, body) = api.get(&path);
        assert_eq!(status, 200, "bookings list: {body}");
        for b in body["bookings"].as_array().unwrap() {
            count += 1;
            for h in b["hosts"].as_array().unwrap() {
                let host = h["id"].as_str().or(h.as_str()).unwrap_or("?").to_string();
                by_host.entry(host).or_default().push((
                    b["start"].as_str().unwrap().to_string(),
                    b["end"].as_str().unwrap().to_string(),
                ));
            }
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    for (host, mut times) in by_host {
        let mut parsed: Vec<_> = times
            .drain(..)
            .map(|(s, e)| {
                (
                    chrono::DateTime::parse_from_rfc3339(&s).unwrap(),
                    chrono::DateTime::parse_from_rfc3339(&e).unwrap(),
                )
            })
            .collect();
        parsed.sort();
        for pair in parsed.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "host {host} booked twice: {pair:?}");
        }
    }
    count
}

#[derive(Clone)]
struct Api {
    client: Client,
    base: String,
    key: String,
}

impl Api {
    /// `None` when the server is gone (killed).
    fn post(&self, path: &str, body: Value) -> Option<(u16, Value)> {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .json(&body)
            .send()
            .ok()?;
        let status = res.status().as_u16();
        Some((status, res.json().unwrap_or(Value::Null)))
    }

    fn public_post(&self, path: &str, body: Value) -> Option<(u16, Value)> {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .ok()?;
        let status = res.status().as_u16();
        Some((status, res.json().ok()?))
    }

    fn csv(&self, path: &str, body: String) -> Option<u16> {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .header("Content-Type", "text/csv")
            .body(body)
            .send()
            .ok()?;
        let status = res.status().as_u16();
        // The answer is read whole: a cut-off body is not an acknowledgement.
        res.bytes().ok()?;
        Some(status)
    }

    fn text(&self, path: &str) -> String {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .send()
            .unwrap()
            .text()
            .unwrap()
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .send()
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().unwrap_or(Value::Null))
    }
}

struct Server {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    smtp: u16,
}

impl Server {
    /// Started and answering /healthz, or the loop fails: the database
    /// must open after every kill.
    fn start(&self) -> Child {
        let mut child = convene(&self.bin)
            .arg("serve")
            .env("CONVENE_STORAGE_DATA_DIR", &self.dir)
            .env("CONVENE_SERVER_BIND", format!("127.0.0.1:{}", self.port))
            .env("CONVENE_LOG", "warn")
            .env("CONVENE_MAIL_TRANSPORT", "smtp")
            .env(
                "CONVENE_MAIL_SMTP_URL",
                format!("smtp://127.0.0.1:{}", self.smtp),
            )
            .env("CONVENE_MAIL_RETRY_BASE_SECONDS", "1")
            .env("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8")
            .env("CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE", "0")
            .env("CONVENE_LIMITS_IMPORT_ROWS_PER_DAY", "100000000")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = format!("http://127.0.0.1:{}/healthz", self.port);
        let probe = Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        while Instant::now() < deadline {
            if probe.get(&url).send().is_ok_and(|r| r.status() == 200) {
                return child;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        kill9(&mut child);
        panic!("the server did not start on {}", self.dir.display());
    }
}

/// The binary with none of the caller's CONVENE_* variables: the server
/// refuses keys it does not know, and the loop sets its own.
fn convene(bin: &std::path::Path) -> Command {
    let mut cmd = Command::new(bin);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("CONVENE_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

fn kill9(child: &mut Child) {
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain .ics file over HTTP: 50 busy events two years out, so the sync
/// has work to do without taking the slots being booked.
fn serve_calendar() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut body = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crash//loop//EN\r\n");
    for i in 0..50 {
        body.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:busy-{i}\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART:20290101T{:02}0000Z\r\nDTEND:20290101T{:02}3000Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n",
            i % 24,
            i % 24
        ));
    }
    body.push_str("END:VCALENDAR\r\n");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let body = body.clone();
            std::thread::spawn(move || answer_http(stream, &body));
        }
    });
    port
}

fn answer_http(mut stream: TcpStream, body: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// A minimal SMTP server that counts deliveries per Message-ID.
struct SmtpSink {
    port: u16,
    received: Arc<Mutex<BTreeMap<String, u64>>>,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(BTreeMap::new()));
        let counts = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counts = counts.clone();
                std::thread::spawn(move || {
                    let _ = smtp_session(stream, &counts);
                });
            }
        });
        SmtpSink { port, received }
    }

    fn received(&self) -> BTreeMap<String, u64> {
        self.received.lock().unwrap().clone()
    }
}

fn smtp_session(stream: TcpStream, counts: &Mutex<BTreeMap<String, u64>>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    out.write_all(b"220 sink ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => out.write_all(b"250-sink\r\n250 8BITMIME\r\n")?,
            "DATA" => {
                out.write_all(b"354 go on\r\n")?;
                let mut id = None;
                let mut data = String::new();
                loop {
                    data.clear();
                    if reader.read_line(&mut data)? == 0 {
                        return Ok(());
                    }
                    if data == ".\r\n" || data == ".\n" {
                        break;
                    }
                    if id.is_none() && data.to_ascii_lowercase().starts_with("message-id:") {
                        id = Some(data[11..].trim().to_string());
                    }
                }
                *counts
                    .lock()
                    .unwrap()
                    .entry(id.unwrap_or_default())
                    .or_default() += 1;
                out.write_all(b"250 queued\r\n")?;
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"250 ok\r\n")?,
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
