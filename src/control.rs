//! A Unix socket in the data directory through which local commands reach
//! the running server (which holds the database lock). File permissions
//! are the authentication: only who can open the data directory can ask.
//!
//! The protocol is one request line, answered by `OK <bytes>\n` and that
//! many bytes, or by `ERR <message>\n`:
//!
//! - `backup`: the payload is a copy of the database;
//! - `outbox list` and `outbox list failed`: the payload is the listing as
//!   JSON (`service::outbox::Listing`);
//! - `outbox retry ID` and `outbox drop ID`: the payload is the message as
//!   JSON afterwards (`Retried`, `Entry`).
//!
//! The `outbox` commands live here as well, since each of them either
//! opens the database itself or, when the server holds it, asks over the
//! socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};

use crate::config::Config;
use crate::domain::DeliveryState;
use crate::domain::text::{bounded_line, one_line};
use crate::error::AppError;
use crate::service::outbox::{self as queue, Entry, Listing, Operator, Requester, Retried};
use crate::store::{Store, StoreError};

/// Longer than any request line; a client cannot make the server buffer
/// more than this.
const MAX_REQUEST_LINE: u64 = 256;

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("control.sock")
}

/// Serves control requests until the process ends.
pub fn spawn(store: Store, data_dir: PathBuf) -> std::io::Result<()> {
    let path = socket_path(&data_dir);
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    actix_web::rt::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let store = store.clone();
            let dir = data_dir.clone();
            actix_web::rt::spawn(async move {
                if let Err(e) = handle(stream, store, dir).await {
                    tracing::warn!(error = %e, "control request failed");
                }
            });
        }
    });
    Ok(())
}

/// One request line, checked before anything runs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Request {
    Backup,
    Outbox(OutboxRequest),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OutboxRequest {
    List { failed_only: bool },
    Retry(String),
    Drop(String),
}

/// Ids are checked here as well as by the command line, since any process
/// of the account may write to the socket.
fn parse_request(line: &str) -> Result<Request, &'static str> {
    if line.trim() == "backup" {
        return Ok(Request::Backup);
    }
    let Some(line) = line.strip_suffix('\n') else {
        return Err("request line too long or not ended");
    };
    let words: Vec<&str> = line.split(' ').collect();
    let outbox = match words.as_slice() {
        ["outbox", "list"] => OutboxRequest::List { failed_only: false },
        ["outbox", "list", "failed"] => OutboxRequest::List { failed_only: true },
        ["outbox", "retry", id] if queue::valid_id(id) => OutboxRequest::Retry(id.to_string()),
        ["outbox", "drop", id] if queue::valid_id(id) => OutboxRequest::Drop(id.to_string()),
        ["outbox", "retry" | "drop", ..] => return Err("malformed message id"),
        _ => return Err("unknown command"),
    };
    Ok(Request::Outbox(outbox))
}

async fn handle(stream: tokio::net::UnixStream, store: Store, dir: PathBuf) -> std::io::Result<()> {
    // The kernel's word for who is asking, for the audit log.
    let uid = stream.peer_cred().ok().map(|c| c.uid());
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    AsyncBufReader::new(read.take(MAX_REQUEST_LINE))
        .read_line(&mut line)
        .await?;
    match parse_request(&line) {
        Ok(Request::Backup) => serve_backup(write, store, dir).await,
        Ok(Request::Outbox(request)) => {
            let operator = Operator {
                via: "control socket".into(),
                uid,
                user: uid.and_then(login_name),
            };
            let answer =
                tokio::task::spawn_blocking(move || answer_outbox(&store, &operator, request))
                    .await
                    .unwrap_or_else(|e| Err(e.to_string()));
            match answer {
                Ok(payload) => {
                    write
                        .write_all(format!("OK {}\n", payload.len()).as_bytes())
                        .await?;
                    write.write_all(&payload).await?;
                }
                Err(message) => write.write_all(err_line(&message).as_bytes()).await?,
            }
            write.shutdown().await
        }
        Err(message) => {
            write.write_all(err_line(message).as_bytes()).await?;
            Ok(())
        }
    }
}

/// An `ERR` line; a message never spans lines, whatever an error says.
fn err_line(message: &str) -> String {
    format!("ERR {}\n", one_line(message))
}

fn answer_outbox(
    store: &Store,
    operator: &Operator,
    request: OutboxRequest,
) -> Result<Vec<u8>, String> {
    let by = Requester::Operator(operator);
    let now = Utc::now();
    let uid = operator.uid;
    match &request {
        OutboxRequest::List { failed_only } => queue::list(store, by, *failed_only)
            .map_err(|e| explain(e, None))
            .and_then(|l| serde_json::to_vec(&l).map_err(|e| e.to_string())),
        OutboxRequest::Retry(id) => queue::retry_now(store, by, id, now)
            .map_err(|e| explain(e, Some(id)))
            .and_then(|r| {
                tracing::info!(%id, ?uid, "outbox message retried over the control socket");
                serde_json::to_vec(&r).map_err(|e| e.to_string())
            }),
        OutboxRequest::Drop(id) => queue::drop_message(store, by, id, now)
            .map_err(|e| explain(e, Some(id)))
            .and_then(|m| {
                tracing::info!(%id, ?uid, "outbox message dropped over the control socket");
                serde_json::to_vec(&m).map_err(|e| e.to_string())
            }),
    }
}

async fn serve_backup(
    mut write: tokio::net::unix::OwnedWriteHalf,
    store: Store,
    dir: PathBuf,
) -> std::io::Result<()> {
    let tmp = dir.join(format!("backup-{}.redb", crate::crypto::random_id()));
    let target = tmp.clone();
    let made = tokio::task::spawn_blocking(move || store.backup_to(&target)).await;
    match made {
        Ok(Ok(report)) => {
            let bytes = tokio::fs::read(&tmp).await;
            // (the temporary copy was created 0600 inside the private data dir)
            let _ = tokio::fs::remove_file(&tmp).await;
            let bytes = bytes?;
            tracing::info!(
                rows = report.rows,
                bytes = bytes.len(),
                "online backup served"
            );
            write
                .write_all(format!("OK {}\n", bytes.len()).as_bytes())
                .await?;
            write.write_all(&bytes).await?;
        }
        Ok(Err(e)) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            write.write_all(format!("ERR {e}\n").as_bytes()).await?;
        }
        Err(e) => write.write_all(format!("ERR {e}\n").as_bytes()).await?,
    }
    write.shutdown().await
}

/// Client side: asks the server for a backup and writes it to `out`
/// atomically. Returns the size written.
pub fn request_backup(data_dir: &Path, out: &Path) -> anyhow::Result<u64> {
    let path = socket_path(data_dir);
    let mut stream = std::os::unix::net::UnixStream::connect(&path).map_err(|e| {
        anyhow::anyhow!(
            "the database is in use but the server's control socket {} does not answer: {e}",
            path.display()
        )
    })?;
    stream.write_all(b"backup\n")?;
    let mut reader = BufReader::new(stream);
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let header = header.trim_end();
    let size: u64 = match header.strip_prefix("OK ") {
        Some(n) => n.parse()?,
        None => anyhow::bail!(
            "server refused the backup: {}",
            header.trim_start_matches("ERR ")
        ),
    };
    let partial = out.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let mut file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&partial)?
    };
    let copied = std::io::copy(&mut reader, &mut file)?;
    if copied != size {
        let _ = std::fs::remove_file(&partial);
        anyhow::bail!("backup cut short: got {copied} of {size} bytes");
    }
    file.sync_all()?;
    std::fs::rename(&partial, out)?;
    Ok(size)
}

/// Why talking to the running server did not work.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error(
        "the database is in use but the server's control socket {} does not answer: {error}",
        path.display()
    )]
    Unreachable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("the server refused: {0}")]
    Refused(String),
    #[error("unexpected answer from the server: {0:?}")]
    Garbled(String),
    #[error("answer cut short: got {got} of {want} bytes")]
    Truncated { got: u64, want: u64 },
    #[error("control socket")]
    Io(#[from] std::io::Error),
    #[error("unreadable answer from the server")]
    Json(#[from] serde_json::Error),
}

/// Sends one request line and returns the payload of an `OK` answer.
fn ask(data_dir: &Path, request: &str) -> Result<Vec<u8>, ControlError> {
    let path = socket_path(data_dir);
    let mut stream = std::os::unix::net::UnixStream::connect(&path)
        .map_err(|error| ControlError::Unreachable { path, error })?;
    stream.write_all(format!("{request}\n").as_bytes())?;
    let mut reader = BufReader::new(stream);
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let header = header.trim_end();
    let want: u64 = match (header.strip_prefix("OK "), header.strip_prefix("ERR ")) {
        (Some(n), _) => n
            .parse()
            .map_err(|_| ControlError::Garbled(header.to_string()))?,
        (_, Some(message)) => return Err(ControlError::Refused(message.to_string())),
        _ => return Err(ControlError::Garbled(header.to_string())),
    };
    let mut payload = Vec::new();
    let got = reader.take(want).read_to_end(&mut payload)? as u64;
    if got != want {
        return Err(ControlError::Truncated { got, want });
    }
    Ok(payload)
}

/// `convene outbox …`: what an operator does with messages that will not
/// leave. Each works while the server runs (through its socket) and while
/// it is stopped (on the database file).
#[derive(Debug, Clone, clap::Subcommand)]
pub enum OutboxCommand {
    /// List queued and failed messages, newest first, with the counts per state.
    List {
        /// Only failed messages.
        #[arg(long)]
        failed: bool,
        /// JSON instead of a table, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Send a message again now.
    ///
    /// A failed message goes back to the queue with fresh attempts; a
    /// queued one is tried at once instead of at its next attempt, its
    /// attempts so far still counting. A sent message is refused.
    Retry {
        /// The message id, as `outbox list` shows it (ids may begin with
        /// a dash, so one is never taken for an option).
        #[arg(value_parser = parse_id, allow_hyphen_values = true)]
        id: String,
    },
    /// Delete a queued or failed message for good.
    ///
    /// The audit log records the drop and who did it. A sent message is
    /// refused: it is the record of what went out, and the outbox sweep
    /// purges it. An attempt under way at that moment may still deliver
    /// once.
    Drop {
        /// The message id, as `outbox list` shows it (ids may begin with
        /// a dash, so one is never taken for an option).
        #[arg(value_parser = parse_id, allow_hyphen_values = true)]
        id: String,
    },
}

/// Refuses an id before anything is opened or sent, so that a space or a
/// line break cannot turn one request line into another.
fn parse_id(id: &str) -> Result<String, String> {
    if queue::valid_id(id) {
        Ok(id.to_string())
    } else {
        Err(format!(
            "a message id is 1 to {} characters of A-Z, a-z, 0-9, '-' and '_'",
            queue::MAX_ID_LEN
        ))
    }
}

/// Why an `outbox` command failed.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("no database at {}", .0.display())]
    NoDatabase(PathBuf),
    /// Refused by the outbox itself: an unknown id, a message already sent.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error("writing the answer")]
    Output(#[from] std::io::Error),
    #[error("writing the answer")]
    Json(#[from] serde_json::Error),
}

/// The same words whichever way the command went.
fn explain(error: AppError, id: Option<&str>) -> String {
    match (error, id) {
        (AppError::NotFound, Some(id)) => format!("no message {id} in the outbox"),
        // The web hides store errors behind "internal error"; the operator
        // at the console is the one who needs the detail.
        (AppError::Store(e), _) => e.to_string(),
        (other, _) => other.to_string(),
    }
}

/// Where the database is: open here, or held by a running server.
enum Target {
    Direct(Store),
    Server(PathBuf),
}

fn target(config: &Config) -> Result<Target, OutboxError> {
    let db = config.database_path();
    // Opening would create an empty database: an unknown path is a mistake.
    if !db.exists() {
        return Err(OutboxError::NoDatabase(db));
    }
    match Store::open_sized(&db, config.storage.cache_mb) {
        Ok(store) => Ok(Target::Direct(store)),
        Err(StoreError::Locked(_)) => Ok(Target::Server(config.storage.data_dir.clone())),
        Err(e) => Err(e.into()),
    }
}

fn direct_operator() -> Operator {
    let uid = own_uid();
    Operator {
        via: "command line".into(),
        uid,
        user: uid.and_then(login_name),
    }
}

/// This process's account, without a C call: /proc/self belongs to it.
fn own_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// The login name of `uid` from /etc/passwd, when it has one.
fn login_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

/// Runs one `outbox` command.
pub fn outbox(config: &Config, command: OutboxCommand) -> Result<(), OutboxError> {
    let target = target(config)?;
    let operator = direct_operator();
    let by = Requester::Operator(&operator);
    let now = Utc::now();
    let out = &mut std::io::stdout().lock();
    let written = match command {
        OutboxCommand::List { failed, json } => {
            let listing: Listing = match &target {
                Target::Direct(store) => {
                    queue::list(store, by, failed).map_err(|e| refused(e, None))?
                }
                Target::Server(dir) => {
                    let line = if failed {
                        "outbox list failed"
                    } else {
                        "outbox list"
                    };
                    serde_json::from_slice(&ask(dir, line)?).map_err(ControlError::from)?
                }
            };
            if json {
                serde_json::to_writer_pretty(&mut *out, &listing)?;
                writeln!(out)
            } else {
                print_listing(out, &listing, failed)
            }
        }
        OutboxCommand::Retry { id } => {
            let retried: Retried = match &target {
                Target::Direct(store) => {
                    queue::retry_now(store, by, &id, now).map_err(|e| refused(e, Some(&id)))?
                }
                Target::Server(dir) => {
                    serde_json::from_slice(&ask(dir, &format!("outbox retry {id}"))?)
                        .map_err(ControlError::from)?
                }
            };
            let m = &retried.message;
            match retried.was {
                DeliveryState::Failed => writeln!(
                    out,
                    "{} ({} to {}) is queued again with fresh attempts",
                    m.id,
                    m.kind.as_str(),
                    one_line(&m.destination)
                ),
                _ => writeln!(
                    out,
                    "{} ({} to {}) will be tried now (attempt {})",
                    m.id,
                    m.kind.as_str(),
                    one_line(&m.destination),
                    m.attempts + 1
                ),
            }
        }
        OutboxCommand::Drop { id } => {
            let dropped: Entry = match &target {
                Target::Direct(store) => {
                    queue::drop_message(store, by, &id, now).map_err(|e| refused(e, Some(&id)))?
                }
                Target::Server(dir) => {
                    serde_json::from_slice(&ask(dir, &format!("outbox drop {id}"))?)
                        .map_err(ControlError::from)?
                }
            };
            writeln!(
                out,
                "{} ({} {} to {}) dropped",
                dropped.id,
                dropped.state.as_str(),
                dropped.kind.as_str(),
                one_line(&dropped.destination)
            )
        }
    };
    match written {
        // A reader that stopped early (`| head`) got what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn refused(error: AppError, id: Option<&str>) -> OutboxError {
    match error {
        AppError::Store(e) => OutboxError::Store(e),
        other => OutboxError::Refused(explain(other, id)),
    }
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "-".into())
}

fn print_listing(
    out: &mut impl Write,
    listing: &Listing,
    failed_only: bool,
) -> std::io::Result<()> {
    let c = listing.counts;
    writeln!(
        out,
        "outbox: {} queued, {} sent, {} failed",
        c.queued, c.sent, c.failed
    )?;
    if listing.messages.is_empty() {
        let what = if failed_only {
            "no failed messages"
        } else {
            "no queued or failed messages"
        };
        return writeln!(out, "{what}");
    }
    let header = [
        "ID",
        "STATE",
        "KIND",
        "ATTEMPTS",
        "CREATED (UTC)",
        "NEXT ATTEMPT (UTC)",
        "DESTINATION",
        "SUMMARY",
        "LAST ERROR",
    ];
    let rows: Vec<[String; 9]> = listing
        .messages
        .iter()
        .map(|m| {
            [
                m.id.clone(),
                m.state.as_str().to_string(),
                m.kind.as_str().to_string(),
                m.attempts.to_string(),
                time(Some(m.created_at)),
                time(m.next_attempt_at),
                bounded_line(&m.destination, 48),
                bounded_line(&m.summary, 48),
                bounded_line(m.last_error.as_deref().unwrap_or("-"), 160),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i == last {
                    cell.to_string()
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(&header))?;
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&cells))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_are_strict() {
        assert_eq!(parse_request("backup\n"), Ok(Request::Backup));
        let outbox = |r| Ok(Request::Outbox(r));
        assert_eq!(
            parse_request("outbox list\n"),
            outbox(OutboxRequest::List { failed_only: false })
        );
        assert_eq!(
            parse_request("outbox list failed\n"),
            outbox(OutboxRequest::List { failed_only: true })
        );
        assert_eq!(
            parse_request("outbox drop Ab-_09\n"),
            outbox(OutboxRequest::Drop("Ab-_09".into()))
        );
        assert_eq!(
            parse_request("outbox retry Ab-_09\n"),
            outbox(OutboxRequest::Retry("Ab-_09".into()))
        );
        for bad in [
            "outbox drop a b\n",
            "outbox drop \n",
            "outbox drop ../x\n",
            "outbox retry a\tb\n",
            "outbox  drop x\n",
            "outbox drop x",
            "outbox list queued\n",
            "drop x\n",
        ] {
            assert!(parse_request(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("outbox drop {}\n", "a".repeat(queue::MAX_ID_LEN + 1));
        assert!(parse_request(&long).is_err());
    }

    #[test]
    fn listing_text_stays_on_one_line() {
        assert_eq!(one_line("a\nb\r\x1b[31mc"), "a b [31mc");
        assert_eq!(bounded_line("abcdef", 4), "abc…");
        assert_eq!(bounded_line("abc", 4), "abc");
    }
}
