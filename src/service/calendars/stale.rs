//! Failing closed: a calendar that has not synced for
//! `calendar.stale_after_hours` may miss events added since, so (unless
//! configured to offer anyway) its member's times stop being offered
//! until it syncs again. The member and the admins are told once.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Calendars;
use crate::config::WhenStale;
use crate::domain::{MemberState, NotificationKind};
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::service::notify::{Notice, notify_in};
use crate::store::{self, StoreError};
use crate::tr;

/// Members whose times a stale calendar hides (for the booking pages
/// that lose them as hosts).
pub fn hosts_hidden(
    store: &store::Store,
) -> Result<std::collections::HashSet<crate::domain::MemberId>, StoreError> {
    let txn = store.read()?;
    Ok(store::all_connections_in(&txn)?
        .into_iter()
        .filter(|c| c.hiding_slots)
        .map(|c| c.member_id)
        .collect())
}

/// Brings every connection's stale state up to date; the number that
/// went stale in this review.
pub fn review(cals: &Calendars, now: DateTime<Utc>) -> Result<u32, StoreError> {
    let hours = cals.config.stale_after_hours;
    let hide = cals.config.when_stale == WhenStale::Hide;
    let txn = cals.store.write()?;
    let mut newly = 0;
    let mut changed = false;
    for mut c in store::all_connections_in(&txn)? {
        let stale = c.is_stale(now, hours);
        let hiding = stale && hide;
        let tell = stale && !c.stale_notified;
        if hiding == c.hiding_slots && !tell && (stale || !c.stale_notified) {
            continue;
        }
        changed = true;
        if tell {
            newly += 1;
            announce_in(&txn, cals, &c, hiding, now)?;
        }
        c.stale_notified = stale;
        if hiding != c.hiding_slots {
            c.hiding_slots = hiding;
            store::put_connection_in(&txn, &c)?;
        } else {
            store::put_sync_status_in(&txn, &c)?;
        }
    }
    if changed {
        cals.store.commit(txn)?;
    }
    Ok(newly)
}

fn announce_in(
    txn: &store::Txn,
    cals: &Calendars,
    c: &crate::domain::CalendarConnection,
    hiding: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(member) = store::member_in(txn, &c.member_id)? else {
        return Ok(());
    };
    let mut told = store::members_where_in(txn, |m| {
        m.role.is_admin() && m.state == MemberState::Active && m.id != member.id
    })?;
    told.insert(0, member.clone());
    let since = c.last_ok_at.unwrap_or(c.created_at);
    for reader in &told {
        let lang = Lang::parse(&reader.language);
        let name = member_name(lang, &member);
        let host = super::host_of(&c.url);
        let title = tr!(lang, "cal-stale-title", member = &name, host = &host);
        let detail = if hiding {
            tr!(
                lang,
                "cal-stale-hiding",
                hours = cals.config.stale_after_hours
            )
        } else {
            tr!(
                lang,
                "cal-stale-offering",
                hours = cals.config.stale_after_hours
            )
        };
        let notice = Notice {
            kind: NotificationKind::CalendarStale,
            title,
            detail,
            link: Some(format!("/members/{}/calendars", member.id)),
            data: json!({
                "member_id": member.id,
                "calendar": c.id,
                "last_ok_at": since,
                "hiding_slots": hiding,
            }),
        };
        notify_in(txn, &cals.base_url, reader, &notice, now)?;
    }
    Ok(())
}
