//! Moving a booking from one host to another at the same time (a host
//! leaves): who is free for it, the round-robin pick among a page's other
//! hosts, and the move itself inside the caller's transaction.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::mail::{self as booking_mail, Change};
use super::pages::{host_problem, resolve_location};
use super::rules::{index_in, unindex_in};
use super::slot_check::{self, TxnSource};
use crate::domain::{
    AssignmentMode, AssignmentReason, Booking, BookingPage, LocationKind, Member, MemberId,
    MemberState,
};
use crate::error::AppError;
use crate::store;

/// The page as a move of `b` to another host sees it: the booking's own
/// length and buffers; no notice or horizon (the booking exists already).
fn as_booked(page: &BookingPage, b: &Booking) -> BookingPage {
    let mut p = page.clone();
    p.duration_minutes = u32::try_from((b.end - b.start).num_minutes()).unwrap_or(0);
    p.buffer_before_minutes = b.buffer_before_minutes;
    p.buffer_after_minutes = b.buffer_after_minutes;
    p.min_notice_minutes = 0;
    p.horizon_days = 730;
    p.assignment = AssignmentMode::RoundRobin;
    p
}

/// Whether `candidate` could take `b` instead of a host: an active member
/// (or external member) not already on it, able to serve the page, and
/// free then by their hours, caps and calendar.
pub fn free_for_in(
    txn: &store::Txn,
    page: &BookingPage,
    b: &Booking,
    candidate: &Member,
    allow_overlap: bool,
    video_pattern: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if candidate.state != MemberState::Active
        || b.hosts.contains(&candidate.id)
        || host_problem(page, candidate, video_pattern).is_some()
    {
        return Ok(false);
    }
    let slot = slot_check::free_hosts(
        &mut TxnSource { txn },
        &as_booked(page, b),
        std::slice::from_ref(candidate),
        allow_overlap,
        b.start.timestamp(),
        now.timestamp(),
    )?;
    Ok(slot.is_some_and(|s| !s.hosts.is_empty()))
}

/// Round robin among the page's other hosts: the free one with the fewest
/// bookings around the time, as a new booking would be assigned.
pub fn round_robin_pick_in(
    txn: &store::Txn,
    page: &BookingPage,
    b: &Booking,
    leaving: &MemberId,
    allow_overlap: bool,
    video_pattern: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Member, AssignmentReason)>, AppError> {
    let mut src = TxnSource { txn };
    let mut candidates = Vec::new();
    for id in page
        .hosts
        .iter()
        .filter(|h| *h != leaving && !b.hosts.contains(h))
    {
        if let Some(m) = store::host_in(txn, id)?
            && free_for_in(txn, page, b, &m, allow_overlap, video_pattern, now)?
        {
            candidates.push(m);
        }
    }
    let free: Vec<usize> = (0..candidates.len()).collect();
    let picked = slot_check::choose(&mut src, &candidates, &free, b.start.timestamp())?;
    Ok(picked.and_then(|(i, reason)| candidates.get(i).cloned().map(|m| (m, reason))))
}

/// Puts `to` in `from`'s place on `b`: same time, sequence bumped, the
/// reason recorded, the location taken again from the new first host when
/// it came from the old one; guest and hosts mailed (an updated .ics) and
/// `booking.reassigned` called, all in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub fn reassign_in(
    txn: &store::Txn,
    base_url: &str,
    page: Option<&BookingPage>,
    mut b: Booking,
    from: &MemberId,
    to: &Member,
    fewest: Option<&AssignmentReason>,
    video_pattern: &str,
    now: DateTime<Utc>,
) -> Result<Booking, AppError> {
    unindex_in(txn, &b)?;
    let first_changes = b.hosts.first() == Some(from);
    for h in &mut b.hosts {
        if h == from {
            *h = to.id.clone();
        }
    }
    let (bookings, tied_with) = match fewest {
        Some(AssignmentReason::FewestBookings {
            bookings,
            tied_with,
        }) => (Some(*bookings), Some(*tied_with)),
        _ => (None, None),
    };
    b.assignment_reason = Some(AssignmentReason::Reassigned {
        reassigned_from: from.clone(),
        bookings,
        tied_with,
    });
    if first_changes
        && let Some(p) = page
        && p.location
            .as_ref()
            .is_some_and(|l| l.value.is_empty() && l.kind != LocationKind::InPerson)
    {
        b.location = resolve_location(p, to, video_pattern);
    }
    b.sequence += 1;
    b.updated_at = now;
    store::put_booking_in(txn, &b)?;
    index_in(txn, &b)?;
    let hosts = slot_check::members(&mut TxnSource { txn }, &b.hosts)?;
    booking_mail::queue_in(txn, base_url, &b, &hosts, Change::Reassigned, None, now)?;
    store::audit_in(
        txn,
        None,
        "booking.reassigned",
        Some(b.id.clone()),
        json!({ "from": from, "to": to.id }),
        now,
    )?;
    Ok(b)
}
