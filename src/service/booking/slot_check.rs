//! Checks a single start inside a write transaction: which hosts can take
//! it, whether it would be a slot on an empty calendar (422 vs 409), and
//! which round-robin host gets it. What a host's calendar holds comes from
//! a `HostSource`: read from the transaction's tables, or from the booking
//! writer's `HostBook`, which holds the same data between its batches.

use std::borrow::Borrow;
use std::sync::Arc;

use crate::domain::{AssignmentReason, BookingPage, HostSlot, Member, MemberId};
use crate::engine::roundrobin::{self, Load};
use crate::engine::{self, Booked, HostInput, IndexedHost, Slot, Span};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::store;

use super::availability;
use super::rules::rules;

/// A host's calendar as the transaction sees it.
pub trait HostSource {
    fn member(&mut self, id: &MemberId) -> Result<Option<Arc<Member>>, AppError>;
    /// Schedule, unavailability and busy times that can reach `from..to`,
    /// without bookings (the index has them).
    fn input(&mut self, member: &Member, from: i64, to: i64) -> Result<HostInput, AppError>;
    /// The host indexed for checking starts whose bookings and buffers
    /// reach no further than `from..to`, with its open booking cap apart.
    fn indexed(&mut self, member: &Member, from: i64, to: i64) -> Result<Checkable, AppError>;
    /// Confirmed bookings starting at or after `now`.
    fn upcoming(&mut self, member: &MemberId, now: i64) -> Result<u32, AppError>;
    /// Bookings starting in `from..to`, for round robin.
    fn load(&mut self, member: &MemberId, from: i64, to: i64) -> Result<Load, AppError>;
    /// A booking this transaction just wrote for `member`.
    fn booked(&mut self, member: &MemberId, start: i64, slot: HostSlot);
}

/// A host's index as a slot check uses it: without the open booking cap,
/// which counts every upcoming booking, not only the ones in the index's
/// reach, so it is checked apart.
pub struct Checkable {
    pub index: Arc<IndexedHost>,
    pub open_booking_cap: Option<u32>,
}

impl Checkable {
    pub fn new(mut input: HostInput) -> Checkable {
        let open_booking_cap = input.week.open_booking_cap.take();
        Checkable {
            index: Arc::new(IndexedHost::new(&input)),
            open_booking_cap,
        }
    }
}

/// Reads every answer from the transaction's tables.
pub struct TxnSource<'t> {
    pub txn: &'t store::Txn,
}

impl TxnSource<'_> {
    fn gathered(&self, member: &Member, from: i64, to: i64) -> Result<HostInput, AppError> {
        Ok(availability::gather(
            &store::calendars(self.txn)?,
            member,
            from,
            to,
        )?)
    }
}

impl HostSource for TxnSource<'_> {
    fn member(&mut self, id: &MemberId) -> Result<Option<Arc<Member>>, AppError> {
        Ok(store::host_in(self.txn, id)?.map(Arc::new))
    }

    fn input(&mut self, member: &Member, from: i64, to: i64) -> Result<HostInput, AppError> {
        let mut input = self.gathered(member, from, to)?;
        input.bookings.clear();
        Ok(input)
    }

    fn indexed(&mut self, member: &Member, from: i64, to: i64) -> Result<Checkable, AppError> {
        Ok(Checkable::new(self.gathered(member, from, to)?))
    }

    fn upcoming(&mut self, member: &MemberId, now: i64) -> Result<u32, AppError> {
        Ok(availability::upcoming(
            &store::host_bookings(self.txn)?,
            member,
            now,
        )?)
    }

    fn load(&mut self, member: &MemberId, from: i64, to: i64) -> Result<Load, AppError> {
        let mut load = Load {
            bookings: 0,
            last_booked: None,
        };
        store::host_bookings(self.txn)?.starts(member.as_str(), from, to, |s| {
            load.bookings += 1;
            load.last_booked = Some(load.last_booked.map_or(s, |l: i64| l.max(s)));
            true
        })?;
        Ok(load)
    }

    fn booked(&mut self, _: &MemberId, _: i64, _: HostSlot) {}
}

pub fn members(src: &mut impl HostSource, ids: &[MemberId]) -> Result<Vec<Member>, AppError> {
    Ok(shared_members(src, ids)?
        .into_iter()
        .map(Arc::unwrap_or_clone)
        .collect())
}

/// As `members`, shared with the source: the booking writer reads 50
/// hosts per round-robin booking and copies only the one it books.
pub fn shared_members(
    src: &mut impl HostSource,
    ids: &[MemberId],
) -> Result<Vec<Arc<Member>>, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(m) = src.member(id)? {
            out.push(m);
        }
    }
    Ok(out)
}

/// Which of `hosts` can take `start` on `page`; None when nobody can.
pub fn free_hosts<M: Borrow<Member>>(
    src: &mut impl HostSource,
    page: &BookingPage,
    hosts: &[M],
    allow_overlap: bool,
    start: i64,
    now: i64,
) -> Result<Option<Slot>, AppError> {
    let r = rules(page, allow_overlap);
    let (from, to) = (start - 2 * 86_400, start + r.duration + 2 * 86_400);
    let mut indexed = Vec::with_capacity(hosts.len());
    let mut open = Vec::with_capacity(hosts.len());
    for (i, h) in hosts.iter().enumerate() {
        let h = h.borrow();
        let host = src.indexed(h, from, to)?;
        if let Some(cap) = host.open_booking_cap
            && src.upcoming(&h.id, now)? >= cap
        {
            continue;
        }
        open.push(i);
        indexed.push(host.index);
    }
    if indexed.is_empty() {
        return Ok(None);
    }
    let found = engine::slots_indexed(&indexed, &r, Span::new(start, start + 1), now)
        .into_iter()
        .find(|s| s.start == start);
    // Engine host indices refer to `open`; map them back to `hosts`.
    Ok(found.map(|mut s| {
        s.hosts = s
            .hosts
            .iter()
            .filter_map(|&i| open.get(i).copied())
            .collect();
        s
    }))
}

/// Whether `start` would be a slot if nothing were booked: tells "not a
/// slot" (422) from "taken" (409).
pub fn slot_if_empty<M: Borrow<Member>>(
    src: &mut impl HostSource,
    page: &BookingPage,
    hosts: &[M],
    start: i64,
    now: i64,
) -> Result<bool, AppError> {
    let r = rules(page, true);
    let mut indexed = Vec::with_capacity(hosts.len());
    for h in hosts {
        let mut input = src.input(h.borrow(), start - 2 * 86_400, start + 2 * 86_400)?;
        input.week.daily_caps = [None; 7];
        input.week.open_booking_cap = None;
        indexed.push(IndexedHost::new(&input));
    }
    Ok(
        engine::slots_indexed(&indexed, &r, Span::new(start, start + 1), now)
            .iter()
            .any(|s| s.start == start),
    )
}

/// Round robin: the free host with the fewest bookings in the four weeks
/// around the slot, then who waited longest. Returns the index into
/// `hosts` and the reason.
pub fn choose<M: Borrow<Member>>(
    src: &mut impl HostSource,
    hosts: &[M],
    free: &[usize],
    start: i64,
) -> Result<Option<(usize, AssignmentReason)>, AppError> {
    let (from, to) = (start - 28 * 86_400, start + 28 * 86_400);
    let mut candidates = Vec::with_capacity(free.len());
    for &i in free {
        if let Some(h) = hosts.get(i) {
            candidates.push((i, src.load(&h.borrow().id, from, to)?));
        }
    }
    Ok(roundrobin::choose(&candidates).map(|c| {
        (
            c.index,
            AssignmentReason::FewestBookings {
                bookings: c.bookings,
                tied_with: c.tied_with,
            },
        )
    }))
}

/// Why round robin chose the host, in words for whoever reads it.
pub fn reason_msg(r: &AssignmentReason) -> Msg {
    match r {
        AssignmentReason::FewestBookings {
            bookings,
            tied_with: 0,
        } => Msg::key("bkadm-why-fewest").arg("bookings", *bookings),
        AssignmentReason::FewestBookings {
            bookings,
            tied_with,
        } => Msg::key("bkadm-why-fewest-tied")
            .arg("bookings", *bookings)
            .arg("others", *tied_with),
        AssignmentReason::Reassigned {
            bookings: Some(bookings),
            ..
        } => Msg::key("bkadm-why-reassigned-fewest").arg("bookings", *bookings),
        AssignmentReason::Reassigned { .. } => Msg::key("bkadm-why-reassigned"),
        AssignmentReason::Text(t) => Msg::plain(t.clone()),
    }
}

/// A booked span as the engine sees it.
pub fn booked(start: i64, slot: &HostSlot) -> Booked {
    Booked {
        span: Span::new(start, slot.end),
        buffer_before: slot.buffer_before,
        buffer_after: slot.buffer_after,
    }
}

#[cfg(test)]
mod reason_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn reasons_are_data_read_in_each_language_and_old_sentences_still_read() {
        let r = AssignmentReason::FewestBookings {
            bookings: 3,
            tied_with: 2,
        };
        let stored = serde_json::to_string(&r).unwrap();
        assert_eq!(stored, r#"{"bookings":3,"tied_with":2}"#);
        assert_eq!(
            serde_json::from_str::<AssignmentReason>(&stored).unwrap(),
            r
        );
        let old: AssignmentReason = serde_json::from_str(r#""fewest bookings (1)""#).unwrap();
        assert_eq!(old, AssignmentReason::Text("fewest bookings (1)".into()));
        let en = reason_msg(&r).render(Lang::En);
        assert!(en.contains("(3)") && en.contains("2 other hosts"), "{en}");
        assert!(reason_msg(&r).render(Lang::Ja).contains("ほか2名"));
        assert!(reason_msg(&r).render(Lang::Fr).contains("2 autres hôtes"));
        let alone = AssignmentReason::FewestBookings {
            bookings: 0,
            tied_with: 1,
        };
        assert!(
            reason_msg(&alone)
                .render(Lang::Fr)
                .contains("un autre hôte")
        );
    }
}
