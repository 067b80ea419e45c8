//! `convene members list`, `check-db`, `test-email` and `reset-password`:
//! each opens the database itself when the server is stopped and asks the
//! running server over the control socket otherwise, with the same answer
//! either way.

use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::Utc;

use super::{ControlError, Target, ask, direct_operator, target};
use crate::config::{Config, MailConfig};
use crate::domain::{Email, MemberState};
use crate::mail::transport::{self, TestFailure, TestSend};
use crate::service::members::password_reset;
use crate::service::org::operator::{self, MemberRow};
use crate::service::org::outbox::Operator;
use crate::store::{DbCheck, Store, StoreError};

/// `convene members …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum MembersCommand {
    /// List members, oldest first: id, address, name, role and state.
    List {
        /// Only members in this state (active, invited, pending, draft,
        /// rejected, terminated).
        #[arg(long, value_parser = parse_state)]
        state: Option<MemberState>,
        /// JSON instead of a table, for scripts.
        #[arg(long)]
        json: bool,
    },
}

fn parse_state(s: &str) -> Result<MemberState, String> {
    MemberState::parse(s).ok_or_else(|| {
        let all: Vec<&str> = MemberState::ALL.iter().map(|s| s.as_str()).collect();
        format!("one of {}", all.join(", "))
    })
}

/// One request of this file's commands, as the server reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AdminRequest {
    /// Answered from the database alone.
    Store(StoreRequest),
    /// Talks to the mail server too.
    TestEmail(Email),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum StoreRequest {
    Members { state: Option<MemberState> },
    CheckDb,
    ResetPassword { email: Email, hash: String },
    ResetLink { email: Email },
}

pub(super) fn parse_request(words: &[&str]) -> Result<AdminRequest, &'static str> {
    let address = |raw: &str| {
        Email::parse(raw)
            .filter(|e| e.as_str() == raw)
            .ok_or("malformed address")
    };
    Ok(AdminRequest::Store(match words {
        ["test-email", raw] => return Ok(AdminRequest::TestEmail(address(raw)?)),
        ["members", "list"] => StoreRequest::Members { state: None },
        ["members", "list", state] => StoreRequest::Members {
            state: Some(MemberState::parse(state).ok_or("unknown member state")?),
        },
        ["check-db"] => StoreRequest::CheckDb,
        ["reset-password", raw, hash] if hash.starts_with("$argon2") => {
            StoreRequest::ResetPassword {
                email: address(raw)?,
                hash: hash.to_string(),
            }
        }
        ["reset-link", raw] => StoreRequest::ResetLink {
            email: address(raw)?,
        },
        _ => return Err("unknown command"),
    }))
}

/// The server's side: the answer's JSON, or what went wrong in words.
pub(super) async fn answer(
    store: Store,
    dir: PathBuf,
    mail: MailConfig,
    base_url: &str,
    operator: Operator,
    request: AdminRequest,
) -> Result<Vec<u8>, String> {
    let base_url = base_url.to_string();
    let request = match request {
        AdminRequest::TestEmail(address) => {
            let sent = send_test(&store, &dir, &mail, &operator, &address).await?;
            return serde_json::to_vec(&sent).map_err(|e| e.to_string());
        }
        AdminRequest::Store(request) => request,
    };
    let blocking = move || -> Result<Vec<u8>, String> {
        let json = match request {
            StoreRequest::Members { state } => {
                serde_json::to_vec(&operator::members(&store, state).map_err(|e| e.to_string())?)
            }
            StoreRequest::CheckDb => {
                serde_json::to_vec(&store.check_integrity().map_err(|e| e.to_string())?)
            }
            StoreRequest::ResetPassword { email, hash } => {
                let row =
                    operator::set_password(&store, &operator, email.as_str(), hash, Utc::now())
                        .map_err(|e| e.to_string())?;
                tracing::info!(member = %row.id, uid = ?operator.uid, "password set over the control socket");
                serde_json::to_vec(&row)
            }
            StoreRequest::ResetLink { email } => {
                let row = password_reset::mail_link(
                    &store,
                    &base_url,
                    &operator,
                    email.as_str(),
                    Utc::now(),
                )
                .map_err(|e| e.to_string())?;
                tracing::info!(member = %row.id, uid = ?operator.uid, "password link queued over the control socket");
                serde_json::to_vec(&row)
            }
        };
        json.map_err(|e| e.to_string())
    };
    tokio::task::spawn_blocking(blocking)
        .await
        .unwrap_or_else(|e| Err(e.to_string()))
}

async fn send_test(
    store: &Store,
    dir: &std::path::Path,
    mail: &MailConfig,
    operator: &Operator,
    address: &Email,
) -> Result<TestSend, String> {
    let (message, id) = operator::compose_test_mail(store, address).map_err(|e| e.to_string())?;
    let sent = transport::test_send(mail, dir, &message, &id).await;
    operator::record_test_mail(store, operator, address, &sent, Utc::now())
        .map_err(|e| e.to_string())?;
    Ok(sent)
}

/// Why one of these commands failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Open(#[from] super::OpenError),
    #[error(transparent)]
    Control(#[from] ControlError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Refused(String),
    #[error("writing the answer")]
    Output(#[from] std::io::Error),
    #[error("writing the answer")]
    Json(#[from] serde_json::Error),
}

fn from_server<T: serde::de::DeserializeOwned>(
    dir: &std::path::Path,
    line: &str,
) -> Result<T, AdminError> {
    Ok(serde_json::from_slice(&ask(dir, line)?).map_err(ControlError::from)?)
}

/// `convene members list`.
pub fn members(config: &Config, command: MembersCommand) -> Result<(), AdminError> {
    let MembersCommand::List { state, json } = command;
    let rows: Vec<MemberRow> = match target(config)? {
        Target::Direct(store) => {
            operator::members(&store, state).map_err(|e| AdminError::Refused(e.to_string()))?
        }
        Target::Server(dir) => {
            let line = match state {
                Some(s) => format!("members list {}", s.as_str()),
                None => "members list".into(),
            };
            from_server(&dir, &line)?
        }
    };
    let out = &mut std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)
    } else {
        print_members(out, &rows)
    };
    quiet_broken_pipe(written)
}

fn print_members(out: &mut impl Write, rows: &[MemberRow]) -> std::io::Result<()> {
    use crate::domain::text::bounded_line;
    if rows.is_empty() {
        return writeln!(out, "no members");
    }
    let header = ["ID", "EMAIL", "NAME", "ROLE", "STATE", "CREATED (UTC)"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|m| {
            [
                m.id.clone(),
                m.email.clone(),
                bounded_line(&m.name, 40),
                m.role.clone(),
                m.state.clone(),
                m.created_at.format("%Y-%m-%d %H:%M").to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &[&str]| {
        cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - display_width(cell))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(&header))?;
    for row in &cells {
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(out, "{}", line(&row))?;
    }
    writeln!(out, "{} members", rows.len())
}

/// Columns a terminal gives a cell: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// `convene check-db`: exit status 1 when a problem was found.
pub fn check_db(config: &Config, json: bool) -> Result<bool, AdminError> {
    let db = config.database_path();
    if !db.exists() {
        return Err(super::OpenError::NoDatabase(db).into());
    }
    let (report, how): (DbCheck, &str) = match Store::check_file_integrity(&db) {
        Ok((report, false)) => (report, "opened read-only"),
        Ok((report, true)) => (
            report,
            "left unclosed by a crash: repaired as a start would, then read",
        ),
        Err(StoreError::Locked(_)) => (
            from_server(&config.storage.data_dir, "check-db")?,
            "checked by the running server",
        ),
        Err(e) => return Err(e.into()),
    };
    let out = &mut std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    } else {
        print_check(out, &report, &db, how)
    };
    quiet_broken_pipe(written)?;
    Ok(report.is_sound())
}

fn print_check(
    out: &mut impl Write,
    report: &DbCheck,
    db: &std::path::Path,
    how: &str,
) -> std::io::Result<()> {
    writeln!(out, "{} ({how})", db.display())?;
    let width = report
        .tables
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(0);
    writeln!(
        out,
        "  {:<width$}  {:>10}  {:>12}  {:>12}",
        "table", "rows", "data bytes", "page bytes"
    )?;
    for t in &report.tables {
        writeln!(
            out,
            "  {:<width$}  {:>10}  {:>12}  {:>12}",
            t.name, t.rows, t.stored_bytes, t.tree_bytes
        )?;
    }
    if report.is_sound() {
        writeln!(out, "every record decodes and every index matches its rows")
    } else {
        writeln!(out, "{} problems:", report.problems.len())?;
        for p in &report.problems {
            writeln!(out, "  {p}")?;
        }
        Ok(())
    }
}

/// `convene reset-password EMAIL --password-stdin`: the new password is
/// checked against the same policy as at sign-up, hashed here, and stored
/// with every session of the member ended.
pub fn reset_password(config: &Config, email: &str) -> Result<(), AdminError> {
    let address = Email::parse(email)
        .ok_or_else(|| AdminError::Refused(format!("not an address: {email}")))?;
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']);
    crate::passwords::check_policy(password, &[address.as_str()])
        .map_err(|e| AdminError::Refused(e.to_string()))?;
    let hash = crate::passwords::hash(password).map_err(|e| AdminError::Refused(e.to_string()))?;
    let row: MemberRow = match target(config)? {
        Target::Direct(store) => operator::set_password(
            &store,
            &direct_operator(),
            address.as_str(),
            hash,
            Utc::now(),
        )
        .map_err(|e| AdminError::Refused(e.to_string()))?,
        Target::Server(dir) => {
            from_server(&dir, &format!("reset-password {} {hash}", address.as_str()))?
        }
    };
    println!(
        "password set for {} ({}); every session of theirs is signed out",
        row.email, row.name
    );
    Ok(())
}

/// `convene reset-password EMAIL --mail`: a one-time link for the member
/// to choose a new password, queued in the outbox; the running server
/// sends it at once, a stopped one when it starts.
pub fn mail_reset_link(config: &Config, email: &str) -> Result<(), AdminError> {
    let address = Email::parse(email)
        .ok_or_else(|| AdminError::Refused(format!("not an address: {email}")))?;
    let row: MemberRow = match target(config)? {
        Target::Direct(store) => {
            let base_url = match config.server.bind.parse() {
                Ok(bound) => config.base_url(bound),
                Err(_) => config.server.base_url.trim_end_matches('/').to_string(),
            };
            password_reset::mail_link(
                &store,
                &base_url,
                &direct_operator(),
                address.as_str(),
                Utc::now(),
            )
            .map_err(|e| AdminError::Refused(e.to_string()))?
        }
        Target::Server(dir) => from_server(&dir, &format!("reset-link {}", address.as_str()))?,
    };
    println!(
        "a link to choose a new password is queued for {} ({}); it works once, for {} hours",
        row.email,
        row.name,
        password_reset::LINK_HOURS
    );
    Ok(())
}

/// `convene test-email ADDRESS`: sends the settings' test message now and
/// prints the mail server's answer. Exit status 1 when it did not go.
pub fn test_email(config: &Config, address: &str) -> Result<bool, AdminError> {
    let address = Email::parse(address)
        .ok_or_else(|| AdminError::Refused(format!("not an address: {address}")))?;
    let sent: TestSend = match target(config)? {
        Target::Direct(store) => {
            let dir = config.storage.data_dir.clone();
            let mail = config.mail.clone();
            let operator = direct_operator();
            actix_web::rt::System::new()
                .block_on(async move { send_test(&store, &dir, &mail, &operator, &address).await })
                .map_err(AdminError::Refused)?
        }
        Target::Server(dir) => from_server(&dir, &format!("test-email {}", address.as_str()))?,
    };
    println!("{}", describe(&sent));
    Ok(!matches!(sent, TestSend::Failed { .. }))
}

/// The outcome in one English line, for the console.
fn describe(sent: &TestSend) -> String {
    use crate::domain::text::one_line;
    match sent {
        TestSend::Accepted { server, code, text } => {
            format!("accepted by {server}: {code} {}", one_line(text))
        }
        TestSend::Written { path } => format!("written to {path} (mail transport \"file\")"),
        TestSend::Logged => "logged, not sent (mail transport \"log\")".into(),
        TestSend::Failed { server, failure } => {
            let at = if server.is_empty() {
                String::new()
            } else {
                format!(" at {server}")
            };
            let why = match failure {
                TestFailure::Config(e) => format!("the mail settings cannot work: {e}"),
                TestFailure::Refused(e) => format!("connection refused: {e}"),
                TestFailure::Timeout => "no answer in time".into(),
                TestFailure::Tls(e) => format!("TLS failed: {e}"),
                TestFailure::Auth { code, text } => format!("sign-in refused: {code} {text}"),
                TestFailure::Rejected { code, text } => format!("message refused: {code} {text}"),
                TestFailure::Other(e) => e.clone(),
            };
            format!("not sent{at}: {}", one_line(&why))
        }
    }
}

fn quiet_broken_pipe(written: std::io::Result<()>) -> Result<(), AdminError> {
    match written {
        // A reader that stopped early (`| head`) got what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_are_strict() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let parse = |s: &str| {
            let w = words(s);
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            parse_request(&w)
        };
        let store = |r| Ok(AdminRequest::Store(r));
        assert_eq!(
            parse("members list"),
            store(StoreRequest::Members { state: None })
        );
        assert_eq!(
            parse("members list pending"),
            store(StoreRequest::Members {
                state: Some(MemberState::Pending)
            })
        );
        assert_eq!(parse("check-db"), store(StoreRequest::CheckDb));
        assert!(matches!(
            parse("test-email a@example.com"),
            Ok(AdminRequest::TestEmail(_))
        ));
        for bad in [
            "members list everyone",
            "test-email A@Example.com",
            "test-email a@example.com b@example.com",
            "reset-password a@example.com plain",
            "reset-password a@example.com",
            "members",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn wide_names_keep_columns_straight() {
        assert_eq!(display_width("山田 花子"), 9);
        assert_eq!(display_width("Ann"), 3);
        let mut out = Vec::new();
        let row = |name: &str| MemberRow {
            id: "m1".into(),
            email: "a@example.com".into(),
            name: name.into(),
            role: "member".into(),
            state: "active".into(),
            created_at: Utc::now(),
        };
        print_members(&mut out, &[row("山田 花子"), row("Ann Lee")]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let columns: Vec<usize> = text
            .lines()
            .skip(1)
            .take(2)
            .map(|l| display_width(&l[..l.find("member").unwrap()]))
            .collect();
        assert_eq!(columns[0], columns[1], "{text}");
    }
}
