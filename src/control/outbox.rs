//! `convene outbox …`: the operator's commands, on the database file
//! when the server is stopped and through the control socket otherwise.

use std::io::Write;

use chrono::{DateTime, Utc};

use super::{ControlError, OpenError, Target, ask, target};
use crate::config::Config;
use crate::domain::DeliveryState;
use crate::domain::text::{bounded_line, one_line};
use crate::error::AppError;
use crate::service::org::outbox::{self as queue, Entry, Listing, Operator, Requester, Retried};
use crate::store::StoreError;

/// `convene outbox …`: what an operator does with messages that will not
/// leave. Each works while the server runs (through its socket) and while
/// it is stopped (on the database file).
#[derive(Debug, Clone, clap::Subcommand)]
pub enum OutboxCommand {
    /// List queued, held and failed messages, newest first, with the counts per state.
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
    /// Send every held message now.
    ///
    /// `convene restore --hold-outbox` holds what was queued in the
    /// backup, since the server it was taken on may have sent some of it
    /// already: drop what must not go twice, then release the rest.
    Release,
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
    #[error(transparent)]
    Open(#[from] OpenError),
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
pub(super) fn explain(error: AppError, id: Option<&str>) -> String {
    match (error, id) {
        (AppError::NotFound, Some(id)) => format!("no message {id} in the outbox"),
        // The web hides store errors behind "internal error"; the operator
        // at the console is the one who needs the detail.
        (AppError::Store(e), _) => e.to_string(),
        (other, _) => other.to_string(),
    }
}

pub(super) fn direct_operator() -> Operator {
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
pub(super) fn login_name(uid: u32) -> Option<String> {
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
        OutboxCommand::Release => {
            let released: u64 = match &target {
                Target::Direct(store) => {
                    queue::release_held(store, by, now).map_err(|e| refused(e, None))?
                }
                Target::Server(dir) => serde_json::from_slice(&ask(dir, "outbox release")?)
                    .map_err(ControlError::from)?,
            };
            match released {
                0 => writeln!(out, "no held messages"),
                n => writeln!(out, "{n} held messages queued to go now"),
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
    if c.held > 0 {
        writeln!(
            out,
            "{} held from a restored backup: `convene outbox release` sends them",
            c.held
        )?;
    }
    if listing.messages.is_empty() {
        let what = if failed_only {
            "no failed messages"
        } else {
            "no queued, held or failed messages"
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
    fn listing_text_stays_on_one_line() {
        assert_eq!(one_line("a\nb\r\x1b[31mc"), "a b [31mc");
        assert_eq!(bounded_line("abcdef", 4), "abc…");
        assert_eq!(bounded_line("abc", 4), "abc");
    }
}
