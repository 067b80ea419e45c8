//! A member leaves: what happens to their upcoming bookings (moved to
//! another free host by the page's round robin, moved to a member an admin
//! chose, or cancelled with a reason), the pools and pages they were in,
//! the external members they were in charge of, their feed and calendar
//! connections; then the termination itself. Everything happens in one
//! write transaction. The preview runs the very same steps in a
//! transaction that is thrown away, so it says exactly what will happen.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::domain::{
    AssignmentMode, BookingState, Member, MemberId, MemberState, NotificationKind,
};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::policy::Admin;
use crate::service::booking::reassign;
use crate::service::notify::{Notice, notify_in};
use crate::store::{self, Store};

/// What an admin decided before terminating.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// Booking id → the member who takes it.
    pub reassign: HashMap<String, MemberId>,
    /// Bookings to cancel.
    pub cancel: Vec<String>,
    /// Who takes over the external members the leaver was in charge of.
    pub external_members_to: Option<MemberId>,
    /// Told to guests of cancelled bookings.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Reassign,
    Cancel,
    /// Nobody free could be found, or the page's hosts are fixed: an
    /// admin chooses another member or cancels.
    Decide,
}

#[derive(Debug, Clone, Serialize)]
pub struct Planned {
    pub id: String,
    pub page: String,
    pub page_id: String,
    pub start: DateTime<Utc>,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<MemberId>,
    /// Why a chosen member could not take it (not free, not active…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLeft {
    pub id: String,
    pub title: String,
    pub slug: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExternalInCharge {
    pub id: MemberId,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<MemberId>,
}

/// What a departure does (the preview) or did.
#[derive(Debug, Clone, Serialize)]
pub struct Departure {
    pub member_id: MemberId,
    pub bookings: Vec<Planned>,
    /// Pages the member leaves (round-robin pools and fixed hosts).
    pub pages_left: Vec<PageLeft>,
    /// Pages with no host once the member is gone: switched off.
    pub pages_left_without_hosts: Vec<PageLeft>,
    pub external_members: Vec<ExternalInCharge>,
    pub calendars: usize,
    pub feed: bool,
}

impl Departure {
    /// What still needs a decision before the member can leave.
    pub fn undecided(&self) -> bool {
        self.bookings
            .iter()
            .any(|b| matches!(b.action, Action::Decide))
            || self.external_members.iter().any(|x| x.to.is_none())
    }
}

/// Where a departure's mails link and what its checks read.
pub struct DepartureSettings<'a> {
    pub base_url: &'a str,
    pub video_pattern: &'a str,
}

/// The departure of `id` run in a new write transaction, not committed.
fn run(
    store: &Store,
    cfg: &DepartureSettings<'_>,
    actor: &Member,
    id: &MemberId,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<(store::Txn, Member, Departure), AppError> {
    let txn = store.write()?;
    let mut member = store::member_in(&txn, id)?.ok_or(AppError::NotFound)?;
    crate::service::members::lifecycle::check_terminate_in(&txn, actor, &member)?;
    let d = run_in(&txn, cfg, actor, &mut member, decisions, now)?;
    Ok((txn, member, d))
}

/// What terminating `id` with `decisions` would do; nothing is kept.
pub fn preview(
    store: &Store,
    cfg: &DepartureSettings<'_>,
    admin: Admin<'_>,
    id: &MemberId,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<Departure, AppError> {
    let (txn, _, d) = run(store, cfg, admin.member(), id, decisions, now)?;
    txn.abort()?;
    Ok(d)
}

/// Terminates `id`: every step of the departure and the termination in
/// one transaction, or 409 `decisions_needed` (nothing changed) while a
/// booking or an external member still needs a decision.
pub fn terminate(
    store: &Store,
    cfg: &DepartureSettings<'_>,
    admin: Admin<'_>,
    id: &MemberId,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<(Member, Departure), AppError> {
    let actor = admin.member();
    let (txn, mut member, d) = run(store, cfg, actor, id, decisions, now)?;
    if d.undecided() {
        txn.abort()?;
        return Err(decisions_needed(&d));
    }
    crate::service::members::lifecycle::terminate_in(&txn, actor, &mut member, now)?;
    store.commit(txn)?;
    crate::telemetry::bookings_cancelled(cancelled(&d.bookings));
    Ok((member, d))
}

/// How many of `planned` were cancelled.
pub fn cancelled(planned: &[Planned]) -> usize {
    planned
        .iter()
        .filter(|p| matches!(p.action, Action::Cancel))
        .count()
}

/// 409 `decisions_needed` for bookings alone (an external member who is
/// deleted has no pages or externals of their own to decide).
pub fn decisions_needed_for(planned: &[Planned]) -> AppError {
    let bookings = planned
        .iter()
        .filter(|b| matches!(b.action, Action::Decide))
        .count();
    AppError::Decisions {
        message: Msg::key("err-departure-decisions")
            .arg("bookings", bookings)
            .arg("externals", 0),
        detail: json!({ "bookings": planned }),
    }
}

fn decisions_needed(d: &Departure) -> AppError {
    let bookings = d
        .bookings
        .iter()
        .filter(|b| matches!(b.action, Action::Decide))
        .count();
    let externals = d.external_members.iter().filter(|x| x.to.is_none()).count();
    AppError::Decisions {
        message: Msg::key("err-departure-decisions")
            .arg("bookings", bookings)
            .arg("externals", externals),
        detail: serde_json::to_value(d).unwrap_or_default(),
    }
}

/// Every step, applied in `txn`; bookings that need a decision are left
/// as they are and listed.
fn run_in(
    txn: &store::Txn,
    cfg: &DepartureSettings<'_>,
    actor: &Member,
    member: &mut Member,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<Departure, AppError> {
    let planned = place_bookings_in(txn, cfg, actor, &member.id, decisions, now)?;
    let (pages_left, pages_left_without_hosts) = leave_pages_in(txn, cfg, member, now)?;
    let external_members = move_externals_in(txn, actor, member, decisions, now)?;
    // Their feed and calendars go: nothing of theirs is read or written
    // again, and restoring them later brings none of it back.
    let feed = store::remove_feed_in(txn, &format!("member:{}", member.id))?;
    let connections = store::connections_of_in(txn, &member.id)?;
    for c in &connections {
        store::remove_connection_in(txn, c)?;
    }
    store::remove_written_of_in(txn, &member.id)?;
    store::audit_in(
        txn,
        Some(actor.id.clone()),
        "member.departure",
        Some(member.id.to_string()),
        json!({
            "bookings": planned.iter().map(|p| json!({ "id": p.id, "action": p.action, "to": p.to })).collect::<Vec<_>>(),
            "pages_left": pages_left.iter().map(|p| &p.id).collect::<Vec<_>>(),
            "pages_switched_off": pages_left_without_hosts.iter().map(|p| &p.id).collect::<Vec<_>>(),
            "external_members": external_members.iter().map(|x| json!({ "id": x.id, "to": x.to })).collect::<Vec<_>>(),
            "feed_deleted": feed,
            "calendars_deleted": connections.len(),
        }),
        now,
    )?;
    Ok(Departure {
        member_id: member.id.clone(),
        bookings: planned,
        pages_left,
        pages_left_without_hosts,
        external_members,
        calendars: connections.len(),
        feed,
    })
}

/// What happens to each upcoming booking `leaving` hosts, applied in
/// `txn`: cancelled when `decisions` says so, moved to the member it
/// names when they are free, else moved by the page's round robin; a
/// booking none of these settle is left as it is and listed as `Decide`.
/// Members who leave and external members who are deleted both go
/// through here.
pub fn place_bookings_in(
    txn: &store::Txn,
    cfg: &DepartureSettings<'_>,
    actor: &Member,
    leaving: &MemberId,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<Vec<Planned>, AppError> {
    let allow_overlap = store::organization_in(txn)?.is_some_and(|o| o.allow_overlap);
    let org_lang = store::organization_in(txn)?
        .map(|o| Lang::parse(&o.default_language))
        .unwrap_or_default();
    let reason = decisions
        .reason
        .as_deref()
        .map(|r| crate::domain::text::multi_line(r).trim().to_string())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| crate::tr!(org_lang, "dep-cancel-reason"));
    let ids = store::host_bookings(txn)?.ids_from(leaving.as_str(), now.timestamp())?;
    let mut planned = Vec::with_capacity(ids.len());
    for booking_id in ids {
        let Some(b) = store::booking_in(txn, &booking_id)? else {
            continue;
        };
        if b.state != BookingState::Confirmed {
            continue;
        }
        let page = store::page_in(txn, &b.page_id)?;
        let mut p = Planned {
            id: b.id.clone(),
            page: b.page_title.clone(),
            page_id: b.page_id.clone(),
            start: b.start,
            action: Action::Decide,
            to: None,
            problem: None,
        };
        if decisions.cancel.contains(&b.id) {
            p.action = Action::Cancel;
            crate::service::booking::cancel_in(
                txn,
                cfg.base_url,
                b,
                Some(actor.id.clone()),
                actor.id.to_string(),
                &reason,
                now,
            )?;
        } else if let Some(to) = decisions.reassign.get(&b.id) {
            let candidate = store::host_in(txn, to)?.filter(|m| &m.id != leaving);
            let free = match (&candidate, &page) {
                (Some(c), Some(page)) => {
                    reassign::free_for_in(txn, page, &b, c, allow_overlap, cfg.video_pattern, now)?
                }
                _ => false,
            };
            match candidate.filter(|_| free) {
                Some(c) => {
                    p.action = Action::Reassign;
                    p.to = Some(c.id.clone());
                    reassign::reassign_in(
                        txn,
                        cfg.base_url,
                        page.as_ref(),
                        b,
                        leaving,
                        &c,
                        None,
                        cfg.video_pattern,
                        now,
                    )?;
                }
                None => {
                    p.to = Some(to.clone());
                    p.problem = Some("not_free".into());
                }
            }
        } else if let Some(page) = page
            .as_ref()
            .filter(|p| p.assignment == AssignmentMode::RoundRobin)
            && let Some((c, why)) = reassign::round_robin_pick_in(
                txn,
                page,
                &b,
                leaving,
                allow_overlap,
                cfg.video_pattern,
                now,
            )?
        {
            p.action = Action::Reassign;
            p.to = Some(c.id.clone());
            reassign::reassign_in(
                txn,
                cfg.base_url,
                Some(page),
                b,
                leaving,
                &c,
                Some(&why),
                cfg.video_pattern,
                now,
            )?;
        }
        planned.push(p);
    }
    Ok(planned)
}

/// The member leaves every page's hosts; a page left with none is
/// switched off and every active admin is told.
fn leave_pages_in(
    txn: &store::Txn,
    cfg: &DepartureSettings<'_>,
    member: &Member,
    now: DateTime<Utc>,
) -> Result<(Vec<PageLeft>, Vec<PageLeft>), AppError> {
    let mut left = Vec::new();
    let mut empty = Vec::new();
    for mut page in store::pages_in(txn)? {
        if !page.hosts.contains(&member.id) {
            continue;
        }
        page.hosts.retain(|h| h != &member.id);
        let entry = PageLeft {
            id: page.id.clone(),
            title: page.title.clone(),
            slug: page.slug.clone(),
        };
        if page.hosts.is_empty() {
            page.enabled = false;
            empty.push(entry.clone());
        }
        page.updated_at = now;
        store::put_page_in(txn, &page)?;
        left.push(entry);
    }
    if !empty.is_empty() {
        let admins = store::members_where_in(txn, |m| {
            m.role.is_admin() && m.state == MemberState::Active && m.id != member.id
        })?;
        for admin in &admins {
            let lang = Lang::parse(&admin.language);
            for page in &empty {
                let notice = Notice {
                    kind: NotificationKind::PageWithoutHosts,
                    title: crate::tr!(
                        lang,
                        "dep-page-without-hosts",
                        title = page.title.as_str(),
                        name = member.display_name().as_str()
                    ),
                    detail: String::new(),
                    link: Some(format!("/booking-pages/{}", page.id)),
                    data: json!({ "page_id": page.id, "member_id": member.id }),
                };
                notify_in(txn, cfg.base_url, admin, &notice, now)?;
            }
        }
    }
    Ok((left, empty))
}

/// External members the leaver was in charge of go to the chosen member.
fn move_externals_in(
    txn: &store::Txn,
    actor: &Member,
    member: &Member,
    decisions: &Decisions,
    now: DateTime<Utc>,
) -> Result<Vec<ExternalInCharge>, AppError> {
    let to = match &decisions.external_members_to {
        Some(id) => Some(
            store::member_in(txn, id)?
                .filter(|m| m.state == MemberState::Active && m.id != member.id)
                .ok_or_else(|| {
                    AppError::invalid(
                        "external_members_to",
                        Msg::key("err-connect-contact-inactive"),
                    )
                })?,
        ),
        None => None,
    };
    let mut out = Vec::new();
    for mut x in store::externals_in(txn)? {
        if x.contact_member_id != member.id {
            continue;
        }
        if let Some(c) = &to {
            x.contact_member_id = c.id.clone();
            x.updated_at = now;
            store::put_external_in(txn, &x)?;
            store::audit_in(
                txn,
                Some(actor.id.clone()),
                "external.changed",
                Some(x.id.to_string()),
                json!({ "contact_member_id": c.id, "from": member.id }),
                now,
            )?;
        }
        out.push(ExternalInCharge {
            id: x.id.clone(),
            name: x.name.clone(),
            to: to.as_ref().map(|c| c.id.clone()),
        });
    }
    Ok(out)
}
