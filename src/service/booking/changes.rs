//! Changes to an existing booking: cancel and reschedule by a host, a
//! page owner, an admin or the guest's link; and the times a booking can
//! move to.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::mail::{self as booking_mail, Change};
use super::rules::{Settings, index_in, not_a_slot, parse_start, rules, taken, unindex_in};
use super::slot_check::{self, TxnSource};
use crate::domain::{Booking, BookingPage, BookingState, Member, MemberId};
use crate::engine::{self, Assignment, IndexedHost, Slot, Span};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action};
use crate::store::{self, Store};

/// Who asks for a change.
pub enum Changer<'a> {
    Member(&'a Member),
    /// The guest, by the token of their mail.
    Guest(&'a str),
}

fn may_change(actor: &Member, b: &Booking, page: Option<&BookingPage>) -> bool {
    policy::allows(actor.role, Action::ManageAllBookingPages)
        || b.hosts.contains(&actor.id)
        || page.is_some_and(|p| p.owner_id == actor.id)
}

/// Loads the booking a changer may change.
fn load_for_change(txn: &store::Txn, who: &Changer<'_>, id: &str) -> Result<Booking, AppError> {
    let b = store::booking_in(txn, id)?.ok_or(AppError::NotFound)?;
    match who {
        Changer::Member(actor) => {
            let page = store::page_in(txn, b.page_id.as_str())?;
            if !may_change(actor, &b, page.as_ref()) {
                return Err(AppError::NotFound);
            }
        }
        Changer::Guest(token) => {
            let owner = store::booking_by_token_in(txn, crate::crypto::token_hash(token))?;
            if owner.as_deref() != Some(id) || !b.guest_may_change {
                return Err(AppError::NotFound);
            }
        }
    }
    if b.state == BookingState::Cancelled {
        return Err(AppError::Conflict {
            code: "already_cancelled",
            message: Msg::key("err-booking-already-cancelled"),
        });
    }
    Ok(b)
}

/// The booking behind a guest's token.
pub fn by_token(store: &Store, token: &str) -> Result<Booking, AppError> {
    let txn = store.read()?;
    let id =
        store::booking_by_token_in(&txn, crate::crypto::token_hash(token))?.ok_or_else(|| {
            AppError::Missing {
                code: "not_found",
                message: Msg::key("err-booking-link-dead"),
            }
        })?;
    store::booking_in(&txn, &id)?.ok_or(AppError::NotFound)
}

fn actor_label(who: &Changer<'_>) -> (Option<MemberId>, String) {
    match who {
        Changer::Member(m) => (Some(m.id.clone()), m.id.to_string()),
        Changer::Guest(_) => (None, "guest".to_string()),
    }
}

pub fn cancel(
    store: &Store,
    settings: &Settings,
    who: Changer<'_>,
    id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Booking, AppError> {
    if reason.chars().count() > 1_000 {
        return Err(AppError::invalid(
            "reason",
            Msg::key("err-too-long").arg("limit", 1_000),
        ));
    }
    let txn = store.write()?;
    let b = load_for_change(&txn, &who, id)?;
    let (actor, label) = actor_label(&who);
    let b = cancel_in(&txn, &settings.base_url, b, actor, label, reason, now)?;
    store.commit(txn)?;
    Ok(b)
}

/// Cancels `b` inside the caller's transaction: unindexed, mails queued,
/// audited.
pub fn cancel_in(
    txn: &store::Txn,
    base_url: &str,
    mut b: Booking,
    actor: Option<MemberId>,
    label: String,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Booking, AppError> {
    unindex_in(txn, &b)?;
    b.state = BookingState::Cancelled;
    b.cancel_reason = crate::domain::text::multi_line(reason).trim().to_string();
    b.cancelled_by = Some(label);
    b.sequence += 1;
    b.updated_at = now;
    store::put_booking_in(txn, &b)?;
    let hosts = slot_check::members(&mut TxnSource { txn }, &b.hosts)?;
    booking_mail::queue_in(txn, base_url, &b, &hosts, Change::Cancelled, None, now)?;
    store::audit_in(
        txn,
        actor,
        "booking.cancelled",
        Some(b.id.clone()),
        json!({ "reason": b.cancel_reason }),
        now,
    )?;
    Ok(b)
}

/// The page as a move of `b` sees it: the page's grid, notice and horizon,
/// but the booking's own length and buffers, which the move keeps (the page
/// may have changed since it was booked).
fn as_booked(mut page: BookingPage, b: &Booking) -> BookingPage {
    page.duration_minutes = u32::try_from((b.end - b.start).num_minutes()).unwrap_or(0);
    page.buffer_before_minutes = b.buffer_before_minutes;
    page.buffer_after_minutes = b.buffer_after_minutes;
    page
}

pub fn reschedule(
    store: &Store,
    settings: &Settings,
    who: Changer<'_>,
    id: &str,
    new_start: &str,
    now: DateTime<Utc>,
) -> Result<Booking, AppError> {
    let start = parse_start(new_start)?;
    let txn = store.write()?;
    let mut b = load_for_change(&txn, &who, id)?;
    let page = store::page_in(&txn, b.page_id.as_str())?.ok_or_else(|| AppError::Gone {
        message: Msg::key("err-booking-page-deleted"),
    })?;
    let page = as_booked(page, &b);
    let src = &mut TxnSource { txn: &txn };
    let hosts = slot_check::members(src, &b.hosts)?;
    // The booking must not block its own new time. Nothing is committed
    // when a check below fails: the transaction is dropped.
    unindex_in(&txn, &b)?;
    store::unlist_booking_in(&txn, &b)?;
    let (t, now_t) = (start.timestamp(), now.timestamp());
    let allow_overlap = store::organization_in(&txn)?.is_some_and(|o| o.allow_overlap);
    let fits = slot_check::free_hosts(src, &page, &hosts, allow_overlap, t, now_t)?
        .is_some_and(|s| s.hosts.len() == hosts.len());
    if !fits {
        return Err(
            if slot_check::slot_if_empty(src, &page, &hosts, t, now_t)? {
                taken()
            } else {
                not_a_slot()
            },
        );
    }
    let previous = b.start;
    let length = b.end - b.start;
    b.start = start;
    b.end = start + length;
    b.sequence += 1;
    b.reminders_sent.clear();
    b.updated_at = now;
    store::put_booking_in(&txn, &b)?;
    index_in(&txn, &b)?;
    let (actor, _) = actor_label(&who);
    booking_mail::queue_in(
        &txn,
        &settings.base_url,
        &b,
        &hosts,
        Change::Rescheduled { previous },
        None,
        now,
    )?;
    store::audit_in(
        &txn,
        actor,
        "booking.rescheduled",
        Some(b.id.clone()),
        json!({ "from": previous, "to": b.start }),
        now,
    )?;
    store.commit(txn)?;
    Ok(b)
}

/// The members hosting a booking (one who left is left out).
pub fn hosts_of(store: &Store, b: &Booking) -> Result<Vec<Member>, AppError> {
    let members = store.hosts_shared()?;
    Ok(b.hosts
        .iter()
        .filter_map(|h| members.iter().find(|m| &m.id == h))
        .cloned()
        .collect())
}

/// The booking behind a guest's token, with its hosts.
pub fn by_token_with_hosts(store: &Store, token: &str) -> Result<(Booking, Vec<Member>), AppError> {
    let b = by_token(store, token)?;
    let hosts = hosts_of(store, &b)?;
    Ok((b, hosts))
}

/// What the guest's reschedule form offers in `window`: None when the
/// booking's page no longer takes bookings (switched off, deleted or
/// replaced by another page at the same address).
pub fn guest_offers(
    store: &Store,
    b: &Booking,
    window: Span,
    now: DateTime<Utc>,
) -> Result<Option<Vec<Slot>>, AppError> {
    match super::pages::public(store, &b.page_slug) {
        Ok(page) if page.id == b.page_id => Ok(Some(reschedule_offers(store, b, window, now)?)),
        Ok(_) | Err(AppError::Gone { .. } | AppError::Missing { .. } | AppError::NotFound) => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Why a booking's detail page offers no time to move it to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMovable {
    Cancelled,
    /// Its booking page was deleted (or another page took its address).
    PageGone,
}

/// What a host's or admin's reschedule form offers in `window`.
pub fn member_offers(
    store: &Store,
    actor: &Member,
    b: &Booking,
    window: Span,
    now: DateTime<Utc>,
) -> Result<Result<Vec<Slot>, NotMovable>, AppError> {
    if b.state == BookingState::Cancelled {
        return Ok(Err(NotMovable::Cancelled));
    }
    let page = super::pages::get(store, actor, &b.page_id)
        .ok()
        .or_else(|| super::pages::public(store, &b.page_slug).ok())
        .filter(|p| p.id == b.page_id);
    if page.is_none() {
        return Ok(Err(NotMovable::PageGone));
    }
    Ok(Ok(reschedule_offers(store, b, window, now)?))
}

pub fn get(store: &Store, actor: &Member, id: &str) -> Result<Booking, AppError> {
    let txn = store.read()?;
    let b = store::booking_in(&txn, id)?.ok_or(AppError::NotFound)?;
    let page = store::page_in(&txn, b.page_id.as_str())?;
    if may_change(actor, &b, page.as_ref()) {
        Ok(b)
    } else {
        Err(AppError::NotFound)
    }
}

/// The starts in `window` a booking can move to: every one of its own
/// hosts free (the booking itself set aside), on its page's grid and
/// rules. What the reschedule forms offer; `reschedule` checks again.
pub fn reschedule_offers(
    store: &Store,
    b: &Booking,
    window: Span,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>, AppError> {
    if b.state == BookingState::Cancelled {
        return Ok(Vec::new());
    }
    let allow_overlap = store.organization()?.is_some_and(|o| o.allow_overlap);
    let txn = store.read()?;
    let Some(page) = store::page_in(&txn, b.page_id.as_str())? else {
        return Ok(Vec::new());
    };
    let page = as_booked(page, b);
    // Counted without this booking, as `reschedule` counts after taking
    // it out.
    let own_upcoming = u32::from(b.start.timestamp() >= now.timestamp());
    let cal = store::calendars(&txn)?;
    let own = (b.start.timestamp(), b.end.timestamp());
    let mut hosts = Vec::with_capacity(b.hosts.len());
    for id in &b.hosts {
        // A host who left is left out, as `reschedule` leaves them out.
        let Some(m) = store::host_in(&txn, id)? else {
            continue;
        };
        let mut input = super::availability::gather(
            &cal,
            &m,
            window.start - 2 * 86_400,
            window.end + 2 * 86_400,
        )?;
        if let Some(i) = input
            .bookings
            .iter()
            .position(|x| (x.span.start, x.span.end) == own)
        {
            input.bookings.remove(i);
        }
        // The open cap counts every upcoming booking, not only the ones
        // near the window; a host at it leaves no time to move to.
        if let Some(cap) = input.week.open_booking_cap.take()
            && super::availability::upcoming(&cal.bookings, id, now.timestamp())?
                .saturating_sub(own_upcoming)
                >= cap
        {
            return Ok(Vec::new());
        }
        hosts.push(IndexedHost::new(&input));
    }
    if hosts.is_empty() {
        return Ok(Vec::new());
    }
    let mut r = rules(&page, allow_overlap);
    // Every host of the booking stays on it: all must be free.
    r.assignment = Assignment::Collective;
    let mut offers = engine::slots_indexed(&hosts, &r, window, now.timestamp());
    // Its own time is no move.
    offers.retain(|s| s.start != own.0);
    Ok(offers)
}
