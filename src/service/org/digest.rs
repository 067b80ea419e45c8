//! The daily digest for admins: who waits for approval, what mail failed.

use chrono::{DateTime, Utc};

use crate::domain::{DeliveryState, Member, MemberState, OutboxMessage, Payload};
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::store::{self, Store, StoreError};

/// Queues one digest per active admin when there is something to report.
/// Returns how many were queued.
pub fn send(store: &Store, base_url: &str, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let members = store.members()?;
    let pending: Vec<&Member> = members
        .iter()
        .filter(|m| m.state == MemberState::Pending)
        .collect();
    let failed = store
        .outbox_in_state(DeliveryState::Failed, usize::MAX)?
        .len() as u64;
    if pending.is_empty() && failed == 0 {
        return Ok(0);
    }
    let txn = store.write()?;
    let org = store::organization_in(&txn)?
        .map(|o| o.name)
        .unwrap_or_default();
    let mut queued = 0;
    for admin in members
        .iter()
        .filter(|m| m.state == MemberState::Active && m.role.is_admin())
    {
        let lang = Lang::parse(&admin.language);
        let pending: Vec<(String, String)> = pending
            .iter()
            .map(|m| (member_name(lang, m), m.email.to_string()))
            .collect();
        let r = templates::admin_digest(lang, &org, base_url, &pending, failed);
        let mail = crate::service::notify::mail_for(admin, lang, "admin_digest", r);
        store::enqueue_in(&txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
        queued += 1;
    }
    store.commit(txn)?;
    Ok(queued)
}

/// Tells every active admin (in-app and by mail, as they chose) that a
/// scheduled backup failed, and why.
pub fn backup_failed(
    store: &Store,
    base_url: &str,
    why: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let txn = store.write()?;
    let admins = store::members_where_in(&txn, |m| {
        m.state == MemberState::Active && m.role.is_admin()
    })?;
    for admin in &admins {
        let lang = Lang::parse(&admin.language);
        let notice = crate::service::notify::Notice {
            kind: crate::domain::NotificationKind::BackupFailed,
            title: crate::tr!(lang, "ops-backup-failed"),
            detail: crate::domain::text::one_line(why),
            link: Some("/admin/jobs".into()),
            data: serde_json::json!({ "error": why }),
        };
        crate::service::notify::notify_in(&txn, base_url, admin, &notice, now)?;
    }
    store.commit(txn)
}
