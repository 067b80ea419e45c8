use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::MemberId;

/// Who did what, when: one row per admin action and state change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// None for the system itself (jobs, the setup page, the CLI).
    pub actor: Option<MemberId>,
    pub action: String,
    /// The member, page or booking acted on.
    pub target: Option<String>,
    #[serde(default)]
    pub detail: serde_json::Value,
}

pub fn append_in(txn: &Txn, entry: &AuditEntry) -> Result<()> {
    let id = crate::crypto::random_id();
    tables::AUDIT
        .write(txn)?
        .insert((entry.at.timestamp_micros(), id.as_str()), entry)
}

/// The usual audit row: one call instead of building the entry by hand.
pub fn audit_in(
    txn: &Txn,
    actor: Option<MemberId>,
    action: impl Into<String>,
    target: Option<String>,
    detail: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<()> {
    append_in(
        txn,
        &AuditEntry {
            at,
            actor,
            action: action.into(),
            target,
            detail,
        },
    )
}

/// Which entries a search wants; times are instants, `before` is the
/// cursor of the previous page (exclusive).
#[derive(Debug, Clone, Default)]
pub struct AuditSearch {
    pub actor: Option<MemberId>,
    /// An action or the start of one ("member." matches every member move).
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub before: Option<(i64, String)>,
    pub limit: usize,
}

/// One page of a search, newest first, and the cursor of the next page.
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<(i64, String)>,
}

impl Store {
    /// Entries matching `q`, newest first, reading backwards from the end
    /// of the window so that a page costs its rows, not the whole log.
    pub fn audit_search(&self, q: &AuditSearch) -> Result<AuditPage> {
        let txn = self.read()?;
        let table = tables::AUDIT.read(&txn)?;
        let low = q.from.map_or(i64::MIN, |t| t.timestamp_micros());
        let high_time = q.to.map_or(i64::MAX, |t| t.timestamp_micros());
        let (high, high_id) = match &q.before {
            Some((t, id)) if *t <= high_time => (*t, id.clone()),
            _ => (high_time, String::new()),
        };
        let limit = q.limit.max(1);
        let mut entries = Vec::new();
        let mut last = None;
        let mut more = false;
        let start = (low, "");
        let end = (high, high_id.as_str());
        table.scan_range(start..end, true, |(t, id), e: AuditEntry| {
            let wanted = q.actor.as_ref().is_none_or(|a| e.actor.as_ref() == Some(a))
                && q.action.as_deref().is_none_or(|a| e.action.starts_with(a));
            if wanted {
                if entries.len() == limit {
                    more = true;
                    return false;
                }
                entries.push(e);
                last = Some((t, id.to_string()));
            }
            true
        })?;
        let next = if more { last } else { None };
        Ok(AuditPage { entries, next })
    }

    /// The newest `limit` entries, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let txn = self.read()?;
        let mut all = tables::AUDIT.read(&txn)?.values()?;
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }
}
