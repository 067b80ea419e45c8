//! A Convene server for one test, on a free port with its own data
//! directory. Most tests run it in this process through the same
//! `convene::app::launch` that `convene serve` uses; tests that need an
//! operating-system process (kill -9, SIGTERM and exit codes, the full
//! log) spawn the binary. Both kinds answer to the same methods.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use actix_web::dev::ServerHandle;

use super::{BIN, OWNER_EMAIL, OWNER_PASSWORD, Session, client};
use serde_json::{Value, json};

/// How a server runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// On a thread of the test process, started by `convene::app::launch`.
    InProcess,
    /// As a child process of `convene serve`.
    Process,
}

/// What one server logged, line by line. A spawned server's log is all of
/// its standard error; an in-process one records what its own thread logs
/// (start-up, the setup link, the stop), not the lines of request workers.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }

    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

enum Running {
    InProcess {
        handle: ServerHandle,
        thread: JoinHandle<()>,
    },
    Process(Child),
    Stopped,
}

pub struct Server {
    pub base: String,
    pub data_dir: PathBuf,
    mode: Mode,
    running: Running,
    log: Log,
    env: Vec<(String, String)>,
    args: Vec<String>,
    _tmp: Option<tempfile::TempDir>,
}

fn owned(env: &[(&str, &str)]) -> Vec<(String, String)> {
    env.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

impl Server {
    /// A fresh in-process server with an empty data directory.
    pub fn start() -> Server {
        Self::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> Server {
        Self::fresh(Mode::InProcess, env, |_| {})
    }

    /// An in-process server on an existing data directory (kept by the caller).
    pub fn start_in(dir: &Path, env: &[(&str, &str)]) -> Server {
        Self::boot(Mode::InProcess, dir, owned(env), Vec::new())
    }

    /// Starts in process on a fresh directory where `prepare` may write
    /// first (run `create-owner`, seed rows), keeping the directory for the
    /// server's life.
    pub fn start_prepared(env: &[(&str, &str)], prepare: impl FnOnce(&Path)) -> Server {
        Self::fresh(Mode::InProcess, env, prepare)
    }

    /// A fresh `convene serve` process.
    pub fn spawn() -> Server {
        Self::spawn_with(&[])
    }

    pub fn spawn_with(env: &[(&str, &str)]) -> Server {
        Self::fresh(Mode::Process, env, |_| {})
    }

    pub fn spawn_in(dir: &Path, env: &[(&str, &str)]) -> Server {
        Self::boot(Mode::Process, dir, owned(env), Vec::new())
    }

    pub fn spawn_prepared(env: &[(&str, &str)], prepare: impl FnOnce(&Path)) -> Server {
        Self::fresh(Mode::Process, env, prepare)
    }

    /// A process with global arguments before `serve` (`--config F`).
    pub fn spawn_with_args(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let args = args.iter().map(|a| a.to_string()).collect();
        Self::boot(Mode::Process, dir, owned(env), args)
    }

    fn fresh(mode: Mode, env: &[(&str, &str)], prepare: impl FnOnce(&Path)) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        prepare(tmp.path());
        let mut server = Self::boot(mode, tmp.path(), owned(env), Vec::new());
        server._tmp = Some(tmp);
        server
    }

    fn boot(mode: Mode, dir: &Path, env: Vec<(String, String)>, args: Vec<String>) -> Server {
        let log = Log::default();
        let (base, running) = match mode {
            Mode::InProcess => launch_in_process(dir, &env, &log),
            Mode::Process => spawn_process(dir, &env, &args, &log),
        };
        Server {
            base,
            data_dir: dir.to_path_buf(),
            mode,
            running,
            log,
            env,
            args,
            _tmp: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Stops gracefully and starts again, the same way, on the same data
    /// directory.
    pub fn restart(mut self) -> Server {
        self.terminate();
        let mut next = Self::boot(
            self.mode,
            &self.data_dir,
            std::mem::take(&mut self.env),
            std::mem::take(&mut self.args),
        );
        next._tmp = self._tmp.take();
        next
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn log_lines(&self) -> Vec<String> {
        self.log.lines()
    }

    pub fn wait_for_log(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(l) = self.log.lines().into_iter().find(|l| l.contains(needle)) {
                return l;
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
        match &self.running {
            Running::Process(child) => child.id(),
            _ => panic!("only a spawned server has a pid: use Server::spawn…"),
        }
    }

    /// A graceful stop: SIGTERM for a process (its exit status is returned),
    /// the server handle for an in-process one (which releases the
    /// database before this returns).
    pub fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        match std::mem::replace(&mut self.running, Running::Stopped) {
            Running::Process(mut child) => {
                let _ = Command::new("kill")
                    .args(["-TERM", &child.id().to_string()])
                    .status();
                Some(child.wait().unwrap())
            }
            Running::InProcess { handle, thread } => {
                drop(handle.stop(true));
                thread
                    .join()
                    .expect("the in-process server thread panicked");
                wait_until_released(&self.data_dir);
                None
            }
            Running::Stopped => None,
        }
    }

    /// SIGKILL: no chance to clean up. Only a process can be killed so.
    pub fn kill9(&mut self) {
        match std::mem::replace(&mut self.running, Running::Stopped) {
            Running::Process(mut child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Running::InProcess { .. } => {
                panic!("kill -9 needs a process: start this server with Server::spawn…")
            }
            Running::Stopped => {}
        }
    }

    /// Keeps the data directory alive after the server goes away.
    pub fn take_tempdir(&mut self) -> Option<tempfile::TempDir> {
        self._tmp.take()
    }

    /// The one-time setup token the server announces at start.
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
        let token = self.setup_token();
        let res = client()
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
        match std::mem::replace(&mut self.running, Running::Stopped) {
            Running::Process(mut child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            // Joined so the database and the data directory are released
            // before the temporary directory goes.
            Running::InProcess { handle, thread } => {
                drop(handle.stop(false));
                let _ = thread.join();
                wait_until_released(&self.data_dir);
            }
            Running::Stopped => {}
        }
    }
}

/// The variables every test server gets, then the test's own.
fn config_pairs(dir: &Path, env: &[(String, String)]) -> Vec<(String, String)> {
    let mut pairs = vec![
        (
            "CONVENE_STORAGE_DATA_DIR".to_string(),
            dir.to_string_lossy().into_owned(),
        ),
        ("CONVENE_SERVER_BIND".to_string(), "127.0.0.1:0".to_string()),
    ];
    pairs.extend(env.iter().cloned());
    pairs
}

fn spawn_process(
    dir: &Path,
    env: &[(String, String)],
    args: &[String],
    log: &Log,
) -> (String, Running) {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("CONVENE_LOG", "info")
        .envs(config_pairs(dir, env))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start convene");
    let stderr = child.stderr.take().unwrap();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.push(line);
        }
    });
    let running = Running::Process(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    let addr = loop {
        let found = log.lines().into_iter().find_map(|l| {
            l.split("listening on http://")
                .nth(1)
                // Text or JSON logs: the address ends at a space or a quote.
                .and_then(|r| r.split(|c: char| c.is_whitespace() || c == '"').next())
                .map(str::to_string)
        });
        if let Some(addr) = found {
            break addr;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not start; log:\n{}",
            log.lines().join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    (format!("http://{addr}"), running)
}

/// Launches on a thread of its own with its own actix system, as `serve`
/// does, but with the signals left to the test.
fn launch_in_process(dir: &Path, env: &[(String, String)], log: &Log) -> (String, Running) {
    let config = convene::config::Config::load_from(None, &config_pairs(dir, env))
        .unwrap_or_else(|e| panic!("the test's configuration is refused: {e}"));
    launch_on_thread(config, log).unwrap_or_else(|e| panic!("the server did not start: {e}"))
}

/// Waits until no one holds the database. After an in-process stop the
/// group-commit thread lets go of its store a moment after the server
/// thread ends; the next server, or a test seeding rows, needs it free.
/// The store itself is asked, so this holds whatever lock it takes.
fn wait_until_released(dir: &Path) {
    let path = dir.join("convene.redb");
    if !path.exists() {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match convene::store::Store::open(&path) {
            Err(convene::store::StoreError::Locked(_)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            // Opened (and closed again at once), or a failure the next
            // user of the directory will report.
            _ => return,
        }
    }
}

fn launch_on_thread(
    config: convene::config::Config,
    log: &Log,
) -> Result<(String, Running), String> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let (started_tx, started) = std::sync::mpsc::channel();
    let sink = log.clone();
    let thread = std::thread::Builder::new()
        .name("convene-in-process".into())
        .spawn(move || {
            // Events of this thread (where launch runs) go to this server's log.
            let _log = tracing::subscriber::set_default(capture(sink));
            actix_web::rt::System::new().block_on(async move {
                use convene::app::{Signals, launch};
                match launch(config, listener, Signals::Ignore).await {
                    Ok(launched) => {
                        let _ = started_tx.send(Ok((launched.address, launched.handle())));
                        if let Err(e) = launched.run().await {
                            tracing::error!(error = %e, "the server stopped with an error");
                        }
                    }
                    Err(e) => {
                        let _ = started_tx.send(Err(format!("{e:#}")));
                    }
                }
            });
        })
        .unwrap();
    match started.recv() {
        Ok(Ok((address, handle))) => Ok((
            format!("http://{address}"),
            Running::InProcess { handle, thread },
        )),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => {
            let _ = thread.join();
            Err("the server thread ended before it started".into())
        }
    }
}

/// A subscriber writing plain lines into `log`, as `serve` writes them to
/// standard error.
fn capture(log: Log) -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        .with_writer(move || LineWriter {
            log: log.clone(),
            buf: Vec::new(),
        })
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish()
}

struct LineWriter {
    log: Log,
    buf: Vec<u8>,
}

impl Write for LineWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        for line in String::from_utf8_lossy(&self.buf).lines() {
            self.log.push(line.to_string());
        }
    }
}
