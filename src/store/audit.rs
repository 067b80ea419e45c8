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

impl Store {
    /// The newest `limit` entries, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let txn = self.read()?;
        let mut all = tables::AUDIT.read(&txn)?.values()?;
        all.reverse();
        all.truncate(limit);
        Ok(all)
    }
}
