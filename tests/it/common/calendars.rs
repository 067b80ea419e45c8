//! Calendars members connect, served for real: a Radicale CalDAV server
//! (htpasswd auth, a temporary folder) and a plain web server publishing
//! .ics files with ETags, both on free loopback ports.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{client, free_port, python, support};

pub const DAV_USER: &str = "alice";
pub const DAV_PASSWORD: &str = "wombat-Tangerine-42";

/// iCalendar text with CRLF line ends, as servers publish it.
pub fn crlf(text: &str) -> String {
    text.trim_start()
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

pub struct Radicale {
    child: Option<Child>,
    pub base: String,
    port: u16,
    _tmp: tempfile::TempDir,
}

impl Radicale {
    pub fn start() -> Radicale {
        let tmp = tempfile::tempdir().unwrap();
        let users = tmp.path().join("users");
        std::fs::write(&users, format!("{DAV_USER}:{DAV_PASSWORD}\n")).unwrap();
        let port = free_port();
        let mut dav = Radicale {
            child: None,
            base: format!("http://127.0.0.1:{port}"),
            port,
            _tmp: tmp,
        };
        dav.spawn();
        dav
    }

    fn spawn(&mut self) {
        let dir = self._tmp.path();
        let child = Command::new(python())
            .args(["-m", "radicale", "--config", ""])
            .arg(format!("--server-hosts=127.0.0.1:{}", self.port))
            .args(["--auth-type", "htpasswd"])
            .arg(format!(
                "--auth-htpasswd-filename={}",
                dir.join("users").display()
            ))
            .args(["--auth-htpasswd-encryption", "plain", "--auth-delay", "0"])
            .args(["--rights-type", "owner_only"])
            .arg(format!(
                "--storage-filesystem-folder={}",
                dir.join("collections").display()
            ))
            .args(["--logging-level", "warning"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start radicale (installed by .ci/run into the test venv)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while client().get(format!("{}/", self.base)).send().is_err() {
            assert!(Instant::now() < deadline, "radicale did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server; its calendars stay on disk for `start_again`.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port with the same calendars.
    pub fn start_again(&mut self) {
        self.stop();
        self.spawn();
    }

    /// GET of one event: its status and text.
    pub fn get(&self, calendar: &str, file: &str) -> (u16, String) {
        let res = client()
            .get(format!("{}/{DAV_USER}/{calendar}/{file}", self.base))
            .basic_auth(DAV_USER, Some(DAV_PASSWORD))
            .send()
            .unwrap();
        (res.status().as_u16(), res.text().unwrap_or_default())
    }

    /// The address of a calendar collection.
    pub fn calendar_url(&self, name: &str) -> String {
        format!("{}/{DAV_USER}/{name}/", self.base)
    }

    fn call(&self, method: &str, path: &str, body: Option<String>, kind: &str) -> u16 {
        let mut req = client()
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                format!("{}{path}", self.base),
            )
            .basic_auth(DAV_USER, Some(DAV_PASSWORD))
            .header("Content-Type", kind);
        if let Some(b) = body {
            req = req.body(b);
        }
        req.send().unwrap().status().as_u16()
    }

    /// Creates the calendar `/alice/{name}/`.
    pub fn mkcalendar(&self, name: &str) {
        let body = format!(
            r#"<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>{name}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"#
        );
        let status = self.call(
            "MKCALENDAR",
            &format!("/{DAV_USER}/{name}/"),
            Some(body),
            "application/xml",
        );
        assert_eq!(status, 201, "MKCALENDAR {name}");
    }

    pub fn put(&self, calendar: &str, file: &str, ics: &str) {
        let status = self.call(
            "PUT",
            &format!("/{DAV_USER}/{calendar}/{file}"),
            Some(crlf(ics)),
            "text/calendar; charset=utf-8",
        );
        assert!(status == 201 || status == 204, "PUT {file}: {status}");
    }

    pub fn delete(&self, calendar: &str, file: &str) {
        let status = self.call(
            "DELETE",
            &format!("/{DAV_USER}/{calendar}/{file}"),
            None,
            "text/plain",
        );
        assert!(status == 200 || status == 204, "DELETE {file}: {status}");
    }

    /// The principal URL, which discovery starts from.
    pub fn principal(&self) -> String {
        format!("{}/{DAV_USER}/", self.base)
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A web server publishing the files of a folder (tests/support/ics_server.py).
pub struct IcsServer {
    child: Option<Child>,
    pub base: String,
    pub dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl IcsServer {
    pub fn start() -> IcsServer {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let mut child = Command::new(python())
            .arg(support("ics_server.py"))
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the .ics server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line
            .strip_prefix("READY ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("the .ics server did not start: {line:?}"));
        IcsServer {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
            dir,
            _tmp: tmp,
        }
    }

    pub fn publish(&self, file: &str, body: &str) {
        std::fs::write(self.dir.join(file), body).unwrap();
    }

    /// Asks for Basic auth on `file`.
    pub fn protect(&self, file: &str, user: &str, password: &str) {
        std::fs::write(
            self.dir.join(format!("{file}.auth")),
            format!("{user}:{password}"),
        )
        .unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request the server answered, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        client()
            .get(self.url("/_log"))
            .send()
            .unwrap()
            .text()
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for IcsServer {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
