//! A Unix socket in the data directory through which local commands reach
//! the running server (which holds the database lock). File permissions
//! are the authentication: only who can open the data directory can ask.
//!
//! The protocol is one request line, answered by `OK <bytes>\n` and that
//! many bytes, or by `ERR <message>\n`:
//!
//! - `backup`: the payload is a copy of the database;
//! - `outbox list` and `outbox list failed`: the payload is the listing as
//!   JSON (`service::org::outbox::Listing`);
//! - `outbox release`: the payload is how many held messages were queued;
//! - `outbox retry ID` and `outbox drop ID`: the payload is the message as
//!   JSON afterwards (`Retried`, `Entry`);
//! - `members list [STATE]`, `check-db`, `test-email ADDRESS` and
//!   `reset-password EMAIL HASH`: the payload is the answer as JSON
//!   (`admin.rs`). The password is hashed by the command, so it never
//!   crosses the socket.
//!
//! The `outbox` commands (`outbox.rs`) live beside it, since each of them
//! either opens the database itself or, when the server holds it, asks
//! over the socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};

use crate::config::{Config, MailConfig};
use crate::domain::text::one_line;
use crate::service::org::outbox::{self as queue, Operator, Requester};
use crate::store::{Store, StoreError};

/// Longer than any request line; a client cannot make the server buffer
/// more than this.
const MAX_REQUEST_LINE: u64 = 512;

pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("control.sock")
}

/// Serves control requests until the process ends. `mail` is what a
/// test message is sent with.
pub fn spawn(
    store: Store,
    data_dir: PathBuf,
    mail: MailConfig,
    base_url: String,
) -> std::io::Result<()> {
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
            let mail = mail.clone();
            let base_url = base_url.clone();
            actix_web::rt::spawn(async move {
                if let Err(e) = handle(stream, store, dir, mail, base_url).await {
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
    Admin(AdminRequest),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OutboxRequest {
    List { failed_only: bool },
    Retry(String),
    Drop(String),
    Release,
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
    if words.first() != Some(&"outbox") {
        return admin::parse_request(&words).map(Request::Admin);
    }
    let outbox = match words.as_slice() {
        ["outbox", "list"] => OutboxRequest::List { failed_only: false },
        ["outbox", "list", "failed"] => OutboxRequest::List { failed_only: true },
        ["outbox", "release"] => OutboxRequest::Release,
        ["outbox", "retry", id] if queue::valid_id(id) => OutboxRequest::Retry(id.to_string()),
        ["outbox", "drop", id] if queue::valid_id(id) => OutboxRequest::Drop(id.to_string()),
        ["outbox", "retry" | "drop", ..] => return Err("malformed message id"),
        _ => return Err("unknown command"),
    };
    Ok(Request::Outbox(outbox))
}

async fn handle(
    stream: tokio::net::UnixStream,
    store: Store,
    dir: PathBuf,
    mail: MailConfig,
    base_url: String,
) -> std::io::Result<()> {
    // The kernel's word for who is asking, for the audit log.
    let uid = stream.peer_cred().ok().map(|c| c.uid());
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    AsyncBufReader::new(read.take(MAX_REQUEST_LINE))
        .read_line(&mut line)
        .await?;
    let operator = Operator {
        via: "control socket".into(),
        uid,
        user: uid.and_then(login_name),
    };
    let answer = match parse_request(&line) {
        Ok(Request::Backup) => return serve_backup(write, store, dir).await,
        Ok(Request::Outbox(request)) => {
            tokio::task::spawn_blocking(move || answer_outbox(&store, &operator, request))
                .await
                .unwrap_or_else(|e| Err(e.to_string()))
        }
        Ok(Request::Admin(request)) => {
            admin::answer(store, dir, mail, &base_url, operator, request).await
        }
        Err(message) => {
            write.write_all(err_line(message).as_bytes()).await?;
            return Ok(());
        }
    };
    {
        {
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
        OutboxRequest::Release => queue::release_held(store, by, now)
            .map_err(|e| explain(e, None))
            .and_then(|n| {
                tracing::info!(
                    released = n,
                    ?uid,
                    "held outbox messages released over the control socket"
                );
                serde_json::to_vec(&n).map_err(|e| e.to_string())
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
            // Streamed from the file, never held whole in memory. (The
            // temporary copy was created 0600 inside the private data dir.)
            let sent = async {
                let mut file = tokio::fs::File::open(&tmp).await?;
                let size = file.metadata().await?.len();
                write.write_all(format!("OK {size}\n").as_bytes()).await?;
                tokio::io::copy(&mut file, &mut write).await
            }
            .await;
            let _ = tokio::fs::remove_file(&tmp).await;
            let bytes = sent?;
            tracing::info!(rows = report.rows, bytes, "online backup served");
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
    let (mut reader, size) = answer(data_dir, "backup")?;
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

/// Sends one request line; returns the reader positioned at the payload
/// of an `OK` answer, and the payload's size.
fn answer(
    data_dir: &Path,
    request: &str,
) -> Result<(BufReader<std::os::unix::net::UnixStream>, u64), ControlError> {
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
    Ok((reader, want))
}

/// Sends one request line and returns the payload of an `OK` answer.
fn ask(data_dir: &Path, request: &str) -> Result<Vec<u8>, ControlError> {
    let (reader, want) = answer(data_dir, request)?;
    let mut payload = Vec::new();
    let got = reader.take(want).read_to_end(&mut payload)? as u64;
    if got != want {
        return Err(ControlError::Truncated { got, want });
    }
    Ok(payload)
}

/// Where the database is: open here, or held by a running server.
enum Target {
    Direct(Store),
    Server(PathBuf),
}

/// Why a command could not reach the database either way.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no database at {}", .0.display())]
    NoDatabase(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn target(config: &Config) -> Result<Target, OpenError> {
    let db = config.database_path();
    // Opening would create an empty database: an unknown path is a mistake.
    if !db.exists() {
        return Err(OpenError::NoDatabase(db));
    }
    match Store::open_sized(&db, config.storage.cache_mb) {
        Ok(store) => Ok(Target::Direct(store)),
        Err(StoreError::Locked(_)) => Ok(Target::Server(config.storage.data_dir.clone())),
        Err(e) => Err(e.into()),
    }
}

mod admin;
mod outbox;
use admin::AdminRequest;
pub use admin::{
    AdminError, MembersCommand, check_db, mail_reset_link, members, reset_password, test_email,
};
pub use outbox::{OutboxCommand, OutboxError, outbox};
use outbox::{direct_operator, explain, login_name};

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
}
