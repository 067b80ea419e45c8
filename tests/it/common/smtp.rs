//! A real SMTP server (aiosmtpd, run by the test virtualenv's Python) that
//! writes each message it accepts to a folder, and an independent reader
//! for what it received (Python's email package).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{python, support};

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

/// The plain-text part of a mail read by [`parse_mail`].
pub fn text_of(mail: &Value) -> String {
    mail["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == "text/plain")
        .and_then(|p| p["content"].as_str())
        .unwrap()
        .to_string()
}

/// The first word of the plain text containing `needle`: a link.
pub fn link_in(mail: &Value, needle: &str) -> String {
    text_of(mail)
        .split_whitespace()
        .find(|w| w.contains(needle))
        .unwrap_or_else(|| panic!("no {needle} link in {mail}"))
        .to_string()
}
