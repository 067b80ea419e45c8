//! CSV import (the template, per-line report, daily limits) and export.

use chrono::{DateTime, Days, Utc};
use serde::Serialize;
use serde_json::json;

use super::invitations::{
    Inviter, Placement, ensure_catalog, new_member, organization, refusal_for, send_invitation_in,
};
use crate::domain::{CatalogKind, Email, MemberState, NotificationKind, Role};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action, Admin};
use crate::service::notify::{Notice, notify_in};
use crate::store::{self, Store};

/// The columns of the template, in order; export adds "state".
pub const COLUMNS: [&str; 9] = [
    "email",
    "first_name",
    "last_name",
    "phone",
    "department",
    "position",
    "work_number",
    "location",
    "role",
];

/// The template file: UTF-8 with a BOM so spreadsheets read it right.
pub fn template() -> String {
    format!(
        "\u{feff}{}\r\nann.smith@example.org,Ann,Smith,+81 3 1234 5678,Sales,Manager,A-102,Tokyo,member\r\n",
        COLUMNS.join(",")
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub line: usize,
    pub email: String,
    pub code: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineError {
    pub line: usize,
    pub code: &'static str,
    /// Serialized in English; pages render it in the reader's language.
    pub message: Msg,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub invited: usize,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<LineError>,
}

struct Row {
    line: usize,
    fields: std::collections::HashMap<String, String>,
}

fn parse(bytes: &[u8]) -> Result<Vec<Row>, AppError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| AppError::invalid("file", Msg::key("err-csv-not-utf8")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            AppError::invalid(
                "file",
                Msg::key("err-csv-header").arg("detail", e.to_string()),
            )
        })?
        .iter()
        .map(|h| h.trim().to_lowercase().replace(' ', "_"))
        .collect();
    if !headers.iter().any(|h| h == "email") {
        return Err(AppError::invalid(
            "file",
            Msg::key("err-csv-no-email-column").arg("columns", COLUMNS.join(",")),
        ));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|h| !h.is_empty() && !COLUMNS.contains(&h.as_str()) && h.as_str() != "state")
    {
        return Err(AppError::invalid(
            "file",
            Msg::key("err-csv-unknown-column")
                .arg("column", unknown.as_str())
                .arg("columns", COLUMNS.join(",")),
        ));
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted incrementally: recounting from the top per row
    // would make a large file quadratic.
    let (mut counted_to, mut line) = (0usize, 1usize);
    loop {
        // Where the next record starts, past blank lines the reader skips.
        let mut start = reader.position().byte() as usize;
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += line_at(
            &text[counted_to.min(start)..start.max(counted_to)],
            usize::MAX,
        ) - 1;
        counted_to = counted_to.max(start);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(AppError::invalid(
                    "file",
                    Msg::key("err-csv-line")
                        .arg("line", line)
                        .arg("detail", e.to_string()),
                ));
            }
        }
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        // Every column is a one-line field: a quoted cell may hold line
        // breaks or control characters, which never reach a stored name.
        let fields = headers
            .iter()
            .cloned()
            .zip(record.iter().map(crate::domain::text::one_line))
            .collect();
        rows.push(Row { line, fields });
    }
    Ok(rows)
}

/// 1-based line of a byte offset.
fn line_at(text: &str, byte: usize) -> usize {
    1 + text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

fn next_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(now)
}

/// How an import runs: who sends it from where, and its limits.
pub struct ImportOptions {
    pub client_ip: String,
    pub create_departments: bool,
    pub rows_per_day: u32,
}

/// Imports a CSV: each good row invites one person; bad rows are reported
/// and leave nothing behind; all of it in one transaction.
pub fn import(
    store: &Store,
    base_url: &str,
    admin: Admin<'_>,
    bytes: &[u8],
    options: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    let actor = admin.member();
    let (client_ip, create_departments, limit_per_day) = (
        options.client_ip.as_str(),
        options.create_departments,
        options.rows_per_day,
    );
    let rows = parse(bytes)?;
    if rows.is_empty() {
        return Err(AppError::invalid("file", Msg::key("err-csv-empty")));
    }
    let day = now.format("%Y-%m-%d").to_string();
    let member_key = format!("member:{}", actor.id);
    let ip_key = format!("ip:{client_ip}");
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let resets = next_midnight(now);
    let used = store
        .usage(&day, &member_key)?
        .max(store.usage(&day, &ip_key)?);
    if used.saturating_add(count) > limit_per_day {
        let secs = (resets - now).num_seconds().max(1) as u64;
        return Err(AppError::RateLimited {
            message: Msg::key("err-csv-daily-limit")
                .arg("limit", limit_per_day)
                .arg("used", used)
                .arg("count", count)
                .arg("resets", resets.to_rfc3339()),
            retry_after: std::time::Duration::from_secs(secs),
        });
    }

    let txn = store.write()?;
    let org = organization(&txn, now)?;
    // Counted again inside the write transaction: two uploads at once
    // cannot both slip under the limit.
    let by_member = store::add_usage_in(&txn, &day, &member_key, count)?;
    let by_ip = store::add_usage_in(&txn, &day, &ip_key, count)?;
    if by_member.max(by_ip) > limit_per_day {
        let secs = (resets - now).num_seconds().max(1) as u64;
        return Err(AppError::RateLimited {
            message: Msg::key("err-csv-daily-limit-reached")
                .arg("limit", limit_per_day)
                .arg("resets", resets.to_rfc3339()),
            retry_after: std::time::Duration::from_secs(secs),
        });
    }
    let mut departments: std::collections::HashSet<String> =
        store::catalog_in(&txn, CatalogKind::Department)?
            .into_iter()
            .map(|e| e.name)
            .collect();
    let mut report = ImportReport {
        invited: 0,
        skipped: Vec::new(),
        errors: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let get = |k: &str| row.fields.get(k).cloned().unwrap_or_default();
        let error = |code: &'static str, field: &str, message: Msg| LineError {
            line: row.line,
            code,
            message,
            field: Some(field.to_string()),
        };
        let raw_email = get("email");
        let Some(email) = Email::parse(&raw_email) else {
            report.errors.push(error(
                "invalid_email",
                "email",
                Msg::key("err-not-an-email").arg("email", raw_email.as_str()),
            ));
            continue;
        };
        let role_text = get("role");
        let role = if role_text.is_empty() {
            Some(Role::Member)
        } else {
            Role::parse(&role_text.to_lowercase())
        };
        let Some(role) = role else {
            report.errors.push(error(
                "invalid_role",
                "role",
                Msg::key("err-csv-unknown-role").arg("role", role_text.as_str()),
            ));
            continue;
        };
        if !policy::allows(
            actor.role,
            Action::ChangeRole {
                from: Role::Member,
                to: role,
            },
        ) {
            report.errors.push(error(
                "forbidden_role",
                "role",
                Msg::key("err-csv-role-forbidden").arg("role", role_text.as_str()),
            ));
            continue;
        }
        let department = get("department");
        let new_department = !department.is_empty() && !departments.contains(&department);
        if new_department && !create_departments {
            report.errors.push(error(
                "unknown_department",
                "department",
                Msg::key("err-csv-unknown-department").arg("department", department.as_str()),
            ));
            continue;
        }
        let too_long = [
            ("first_name", 100),
            ("last_name", 100),
            ("phone", 40),
            ("position", 100),
            ("work_number", 50),
            ("location", 100),
        ]
        .into_iter()
        .find(|(f, max)| get(f).chars().count() > *max);
        if let Some((field, max)) = too_long {
            report.errors.push(error(
                "too_long",
                field,
                Msg::key("err-csv-too-long")
                    .arg("field", field)
                    .arg("limit", max),
            ));
            continue;
        }
        if !seen.insert(email.clone()) {
            report.skipped.push(Skipped {
                line: row.line,
                email: email.to_string(),
                code: "duplicate_in_file",
            });
            continue;
        }
        if let Some(existing) = store::member_by_email_in(&txn, &email)?
            && let Some(refusal) = refusal_for(&existing, false)
        {
            report.skipped.push(Skipped {
                line: row.line,
                email: email.to_string(),
                code: refusal.code,
            });
            continue;
        }
        // Created only now that the row passed every check.
        if new_department {
            ensure_catalog(&txn, CatalogKind::Department, &department, true, now)?;
            departments.insert(department.clone());
        }
        let placement = Placement {
            role,
            department: (!department.is_empty()).then_some(department),
            position: get("position"),
            location: get("location"),
            supervisor_id: None,
        };
        let mut member = new_member(&txn, &org, email, MemberState::Invited, &placement, now)?;
        member.first_name = get("first_name");
        member.last_name = get("last_name");
        member.phone = get("phone");
        member.work_number = get("work_number");
        store::put_member_in(&txn, &member)?;
        send_invitation_in(
            &txn,
            &Inviter {
                base_url,
                org: &org,
                actor: Some(actor),
            },
            &member,
            false,
            false,
            now,
        )?;
        report.invited += 1;
    }
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "member.imported",
        None,
        json!({ "invited": report.invited, "skipped": report.skipped.len(), "errors": report.errors.len() }),
        now,
    )?;
    notify_in(
        &txn,
        base_url,
        actor,
        &Notice {
            kind: NotificationKind::ImportFinished,
            title: format!(
                "Import finished: {} invited, {} skipped, {} with errors",
                report.invited,
                report.skipped.len(),
                report.errors.len()
            ),
            detail: String::new(),
            link: Some("/members?state=invited".into()),
            data: json!({ "invited": report.invited }),
        },
        now,
    )?;
    crate::service::org::webhooks::emit_in(
        &txn,
        "import.finished",
        json!({ "invited": report.invited, "skipped": report.skipped.len(), "errors": report.errors.len() }),
        now,
    )?;
    store.commit(txn)?;
    Ok(report)
}

/// A spreadsheet would run a cell starting with one of these as a formula.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// All members, or one department's, as CSV (UTF-8 with BOM, all quoted).
pub fn export(
    store: &Store,
    _admin: Admin<'_>,
    department: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    let mut members = store.members()?;
    members.retain(|m| department.is_none_or(|d| m.department.as_deref() == Some(d)));
    members.sort_by(|a, b| {
        (a.last_name.to_lowercase(), a.email.as_str())
            .cmp(&(b.last_name.to_lowercase(), b.email.as_str()))
    });
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut header: Vec<&str> = COLUMNS.to_vec();
        header.push("state");
        w.write_record(&header)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        for m in &members {
            let record = [
                m.email.to_string(),
                m.first_name.clone(),
                m.last_name.clone(),
                m.phone.clone(),
                m.department.clone().unwrap_or_default(),
                m.position.clone(),
                m.work_number.clone(),
                m.location.clone(),
                m.role.as_str().to_string(),
                m.state.as_str().to_string(),
            ];
            w.write_record(record.iter().map(|c| defuse(c)))
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        w.flush().map_err(|e| AppError::Internal(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_semicolons_quotes_and_crlf() {
        let file = "\u{feff}email;first_name;last_name\r\n\"a@x.org\";\"Ann; Jr\";Smith\r\n\r\nb@x.org;Bob;\"O\"\"Neil\"\r\n";
        let rows = parse(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields["first_name"], "Ann; Jr");
        assert_eq!(rows[1].fields["last_name"], "O\"Neil");
        assert_eq!(rows[1].line, 4);
        assert!(parse(b"name,phone\nx,y\n").is_err());
        assert!(parse(&[0xff, 0xfe, 0x00]).is_err());
        assert!(template().starts_with("\u{feff}email,first_name"));
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("Ann"), "Ann");
    }
}
