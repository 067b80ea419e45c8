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

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    #[test]
    fn search_pages_backwards_through_the_window_with_its_filters() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let t0 = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
        let ann = MemberId::from_string("ann");
        let txn = store.write().unwrap();
        for i in 0..10 {
            let actor = (i % 2 == 0).then(|| ann.clone());
            let action = if i < 5 {
                "member.approve"
            } else {
                "booking.created"
            };
            audit_in(
                &txn,
                actor,
                action,
                None,
                serde_json::Value::Null,
                t0 + Duration::hours(i),
            )
            .unwrap();
        }
        store.commit(txn).unwrap();
        let at = |p: &AuditPage| {
            p.entries
                .iter()
                .map(|e| (e.at - t0).num_hours())
                .collect::<Vec<_>>()
        };

        // Newest first, three at a time, the cursor continuing exactly.
        let mut q = AuditSearch {
            limit: 3,
            ..AuditSearch::default()
        };
        let first = store.audit_search(&q).unwrap();
        assert_eq!(at(&first), [9, 8, 7]);
        q.before = first.next.clone();
        let second = store.audit_search(&q).unwrap();
        assert_eq!(at(&second), [6, 5, 4]);
        // A last page that is exactly full has no next page.
        q = AuditSearch {
            limit: 10,
            ..AuditSearch::default()
        };
        assert!(store.audit_search(&q).unwrap().next.is_none());

        // Filters: an actor, an action family, a window of time.
        let q = AuditSearch {
            actor: Some(ann.clone()),
            action: Some("member.".into()),
            from: Some(t0 + Duration::hours(1)),
            to: Some(t0 + Duration::hours(5)),
            limit: 10,
            ..AuditSearch::default()
        };
        assert_eq!(at(&store.audit_search(&q).unwrap()), [4, 2]);
    }
}
