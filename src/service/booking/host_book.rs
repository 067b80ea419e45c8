//! What the booking writer knows of each host between its batches:
//! member, schedule, unavailability and bookings, read once and then kept
//! up to date by the writer's own bookings. A batch checks 50 hosts of a
//! round-robin page per booking; reading and decoding their calendars
//! from the tables each time was most of a booking's cost.
//!
//! Each host's entry is trusted only while that host's revision is the
//! one it was read at, or the one the writer's own last commit produced:
//! any other commit that changes the host (a schedule edit, a cancellation,
//! a member change) moves it, and the host is read again at its next use;
//! other hosts stay. The store records every write to a calendar, so no
//! commit can change one without moving its revision. Within a batch the
//! writer is the only writer (it holds the write transaction), so what it
//! records here is exactly what the transaction holds.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard};

use crate::domain::{HostSlot, Member, MemberId};
use crate::engine::roundrobin::Load;
use crate::engine::{Booked, HostInput};
use crate::error::AppError;
use crate::store::{self, Committed, Dep};

use super::group_commit::BatchHooks;
use super::slot_check::{Checkable, HostSource, TxnSource, booked};

/// How far back a host's bookings are read: round robin counts four weeks
/// before a slot, and slots are at least `now`.
const HISTORY: i64 = 30 * 86_400;

#[derive(Default)]
pub struct HostBook {
    known: Mutex<Known>,
}

#[derive(Default)]
struct Known {
    hosts: HashMap<MemberId, Host>,
    /// The bookings of the current batch, by host.
    touched: HashMap<MemberId, Vec<Booked>>,
}

struct Host {
    member: Arc<Member>,
    /// As `availability::gather` reads it, up to the end of time, without
    /// the bookings: the index holds those.
    calendar: HostInput,
    /// The index's bookings are complete from here on.
    from: i64,
    /// The calendar with its bookings indexed for slot checks, and kept up
    /// to date with each booking: indexing 50 hosts anew for every booking
    /// was the largest part of a round-robin booking's cost.
    index: Checkable,
    /// The host's revision this entry matches.
    revision: u64,
}

impl BatchHooks for HostBook {
    fn begin(&self) {
        if let Ok(mut k) = self.known.lock() {
            k.touched.clear();
        }
    }

    fn end(&self, committed: Option<&Committed>) {
        let Ok(mut k) = self.known.lock() else {
            return;
        };
        let Some(committed) = committed else {
            // Nothing of the batch was stored: what it added is wrong.
            k.hosts.clear();
            return;
        };
        let touched: Vec<MemberId> = k.touched.keys().cloned().collect();
        for id in touched {
            // The batch's bookings are in the entry; it matches the
            // revision the commit produced unless another commit moved it.
            match committed.moved(&Dep::host(&id)).filter(|m| m.alone()) {
                Some(m) => {
                    if let Some(h) = k.hosts.get_mut(&id)
                        && h.revision == m.before
                    {
                        h.revision = m.after;
                    } else {
                        k.hosts.remove(&id);
                    }
                }
                None => {
                    k.hosts.remove(&id);
                }
            }
        }
    }
}

impl HostBook {
    /// The batch's bookings by host; None when they are not known.
    fn take_touched(&self) -> Option<HashMap<MemberId, Vec<Booked>>> {
        let mut k = self.known.lock().ok()?;
        Some(std::mem::take(&mut k.touched))
    }
}

/// The booking writer's hooks: its own book, and the read side's host
/// indexes, which a batch of bookings need not throw away. For each booked
/// host whose revision nothing but the batch moved, its bookings are all
/// that changed: they are added to that host's index under the new
/// revision (the other hosts' indexes were never touched).
pub struct WriterHooks {
    pub book: Arc<HostBook>,
    pub reads: Arc<super::availability::Cache>,
}

impl WriterHooks {
    pub fn new(book: Arc<HostBook>, reads: Arc<super::availability::Cache>) -> WriterHooks {
        WriterHooks { book, reads }
    }
}

impl BatchHooks for WriterHooks {
    fn begin(&self) {
        self.book.begin();
    }

    fn end(&self, committed: Option<&Committed>) {
        self.book.end(committed);
        let touched = self.book.take_touched();
        // Per booked host, only when no other commit moved its revision
        // around this one: then the batch's bookings are all that changed.
        if let (Some(c), Some(touched)) = (committed, touched) {
            self.reads.advance(&c.moved, &touched);
        }
    }
}

impl HostBook {
    /// The source for one piece of work in the writer's transaction.
    pub fn source<'a>(&'a self, txn: &'a store::Txn, now: i64) -> BookSource<'a> {
        BookSource {
            txn,
            now,
            known: self.known.lock().ok(),
        }
    }
}

/// Answers from the book, reading a host from the transaction the first
/// time it is needed. Without a trusted book it reads every answer from
/// the transaction.
pub struct BookSource<'a> {
    txn: &'a store::Txn,
    now: i64,
    known: Option<MutexGuard<'a, Known>>,
}

impl BookSource<'_> {
    /// The host, read when missing or when its bookings do not reach back
    /// to `from`. None: no such member, or no trusted book.
    fn host(&mut self, id: &MemberId, from: i64) -> Result<Option<&Host>, AppError> {
        let Some(known) = self.known.as_mut() else {
            return Ok(None);
        };
        let revision = self.txn.revision(&Dep::host(id));
        let fresh = known
            .hosts
            .get(id)
            .is_some_and(|h| h.from <= from && h.revision == revision);
        if !fresh {
            match read_host(self.txn, id, from.min(self.now - HISTORY), revision)? {
                Some(h) => {
                    known.hosts.insert(id.clone(), h);
                }
                None => return Ok(None),
            }
        }
        Ok(known.hosts.get(id))
    }

    fn txn(&self) -> TxnSource<'_> {
        TxnSource { txn: self.txn }
    }
}

fn read_host(
    txn: &store::Txn,
    id: &MemberId,
    from: i64,
    revision: u64,
) -> Result<Option<Host>, AppError> {
    let Some(member) = store::host_in(txn, id)? else {
        return Ok(None);
    };
    let mut calendar =
        super::availability::gather(&store::calendars(txn)?, &member, from, i64::MAX)?;
    let bookings = std::mem::take(&mut calendar.bookings);
    Ok(Some(Host {
        member: Arc::new(member),
        index: Checkable::new(HostInput {
            bookings,
            ..calendar.clone()
        }),
        calendar,
        // `gather` reads the bookings from a day before `from`.
        from: from - 86_400,
        revision,
    }))
}

/// The starts of `h`'s bookings in `from..to`.
fn starting_in(h: &Host, from: i64, to: i64) -> &[i64] {
    h.index.index.starts_in(from, to)
}

impl HostSource for BookSource<'_> {
    fn member(&mut self, id: &MemberId) -> Result<Option<Arc<Member>>, AppError> {
        if self.known.is_none() {
            return self.txn().member(id);
        }
        let from = self.now - HISTORY;
        Ok(self.host(id, from)?.map(|h| Arc::clone(&h.member)))
    }

    fn input(&mut self, member: &Member, from: i64, to: i64) -> Result<HostInput, AppError> {
        // As `availability::gather`: a booking can start up to a day
        // before `from` and still reach it.
        let Some(h) = self.host(&member.id, from - 86_400)? else {
            return self.txn().input(member, from, to);
        };
        Ok(HostInput {
            timezone: h.calendar.timezone,
            week: h.calendar.week.clone(),
            unavailable: h
                .calendar
                .unavailable
                .iter()
                .filter(|u| u.end > from && u.start < to)
                .copied()
                .collect(),
            busy: h
                .calendar
                .busy
                .iter()
                .filter(|b| b.end > from && b.start < to)
                .copied()
                .collect(),
            bookings: Vec::new(),
        })
    }

    fn indexed(&mut self, member: &Member, from: i64, to: i64) -> Result<Checkable, AppError> {
        // The index reaches as far back as the calendar it was built from.
        let Some(h) = self.host(&member.id, from - 86_400)? else {
            return self.txn().indexed(member, from, to);
        };
        Ok(Checkable {
            index: Arc::clone(&h.index.index),
            open_booking_cap: h.index.open_booking_cap,
        })
    }

    fn upcoming(&mut self, member: &MemberId, now: i64) -> Result<u32, AppError> {
        let Some(h) = self.host(member, now)? else {
            return self.txn().upcoming(member, now);
        };
        Ok(starting_in(h, now, i64::MAX).len() as u32)
    }

    fn load(&mut self, member: &MemberId, from: i64, to: i64) -> Result<Load, AppError> {
        let Some(h) = self.host(member, from)? else {
            return self.txn().load(member, from, to);
        };
        let within = starting_in(h, from, to);
        Ok(Load {
            bookings: within.len() as u32,
            last_booked: within.last().copied(),
        })
    }

    fn booked(&mut self, member: &MemberId, start: i64, slot: HostSlot) {
        let Some(k) = self.known.as_mut() else {
            return;
        };
        let b = booked(start, &slot);
        k.touched.entry(member.clone()).or_default().push(b);
        if let Some(h) = k.hosts.get_mut(member)
            && start >= h.from
        {
            // The slot check that led here has let go of the index, so
            // this changes it in place.
            Arc::make_mut(&mut h.index.index).add(&b);
        }
    }
}
