//! Feeds the engine from the store: a host's schedule, unavailability and
//! bookings become an engine input. Reads for the public slot list go
//! through a cache of indexed hosts that lives for one store generation;
//! a booking re-reads everything inside its own write transaction.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::{Member, MemberId};
use crate::engine::{Booked, HostInput, IndexedHost, Span};
use crate::store::{Calendars, HostBookings, Result, Store};

/// Builds a host's engine input from the stored calendars (read from a
/// read or a write transaction).
pub fn gather(cal: &Calendars<'_>, member: &Member, from: i64, to: i64) -> Result<HostInput> {
    let id = member.id.as_str();
    let schedule = cal.schedule(id)?;
    let mut periods = Vec::new();
    cal.unavailable(id, |u| {
        if u.end.timestamp() > from && u.start.timestamp() < to {
            periods.push(Span::new(u.start.timestamp(), u.end.timestamp()));
        }
        true
    })?;
    let mut bookings = Vec::new();
    // A booking can start up to a day before `from` and still reach it.
    cal.bookings.between(id, from - 86_400, to, |start, s| {
        bookings.push(Booked {
            span: Span::new(start, s.end),
            buffer_before: s.buffer_before,
            buffer_after: s.buffer_after,
        });
        true
    })?;
    Ok(HostInput {
        timezone: member.timezone.parse().unwrap_or(chrono_tz::UTC),
        week: super::schedules::to_week(&schedule),
        unavailable: periods,
        // Busy times from connected calendars join here once calendars
        // are connected.
        busy: Vec::new(),
        bookings,
    })
}

/// Upcoming confirmed bookings of a host (for the open booking cap).
pub fn upcoming(bookings: &HostBookings<'_>, member: &MemberId, now: i64) -> Result<u32> {
    bookings.upcoming(member.as_str(), now)
}

/// Indexed hosts for the read path, rebuilt when the store changes; and
/// the slot lists computed from them.
#[derive(Default)]
pub struct Cache {
    inner: Mutex<(u64, HashMap<MemberId, Arc<IndexedHost>>)>,
    pub lists: SlotCache,
}

impl Cache {
    /// The indexed availability of `members`, from two days before `now`
    /// on (everything a slot list can reach).
    pub fn hosts(
        &self,
        store: &Store,
        members: &[Member],
        now: i64,
    ) -> Result<Vec<Arc<IndexedHost>>> {
        // While a commit is in progress (odd generation) the entries of the
        // state before it still serve: readers cannot see it yet, or see
        // it moments before the generation moves on.
        let observed = store.generation();
        let settled = crate::store::settled(observed);
        let mut out = Vec::with_capacity(members.len());
        let mut missing = Vec::new();
        if let Ok(mut cache) = self.inner.lock() {
            if cache.0 < settled {
                *cache = (settled, HashMap::new());
            }
            let current = cache.0 == settled;
            for m in members {
                match cache.1.get(&m.id).filter(|_| current) {
                    Some(h) => out.push(Some(Arc::clone(h))),
                    None => {
                        out.push(None);
                        missing.push(m);
                    }
                }
            }
        } else {
            out = members.iter().map(|_| None).collect();
            missing = members.iter().collect();
        }
        if !missing.is_empty() {
            let txn = store.read()?;
            let cal = crate::store::calendars(&txn)?;
            let mut built = HashMap::new();
            for m in missing {
                let input = gather(&cal, m, now - 2 * 86_400, i64::MAX)?;
                built.insert(m.id.clone(), Arc::new(IndexedHost::new(&input)));
            }
            // Kept only when built from exactly the state it is labelled
            // with: no commit was in progress or began meanwhile. (A batch
            // of bookings adds its own to the kept indexes, so an index
            // that already held them would count them twice.)
            if observed == settled
                && store.generation() == observed
                && let Ok(mut cache) = self.inner.lock()
                && cache.0 == observed
            {
                for (k, v) in &built {
                    cache.1.insert(k.clone(), Arc::clone(v));
                }
            }
            for (slot, m) in out.iter_mut().zip(members) {
                if slot.is_none() {
                    *slot = built.get(&m.id).cloned();
                }
            }
        }
        Ok(out.into_iter().flatten().collect())
    }
}

impl Cache {
    /// Carries the indexes from generation `from` to `to` when all that
    /// changed in between is the bookings `added`, which join their hosts'
    /// indexes.
    pub fn advance(&self, from: u64, to: u64, added: &HashMap<MemberId, Vec<Booked>>) {
        if let Ok(mut cache) = self.inner.lock()
            && cache.0 == from
        {
            for (id, bookings) in added {
                if let Some(h) = cache.1.get_mut(id) {
                    *h = Arc::new(h.with_bookings(bookings));
                }
            }
            cache.0 = to;
        }
    }
}

/// Computed slot lists, reused while nothing changed: same store
/// generation, same minute (notice and horizon move with the clock), same
/// page and window. A booking re-checks its slot anyway.
#[derive(Default)]
pub struct SlotCache {
    inner: Mutex<SlotEntries>,
    /// Held while a missing body is computed, one lock per shard of keys.
    computing: [Mutex<()>; COMPUTE_SHARDS],
}

#[derive(Default)]
struct SlotEntries {
    generation: u64,
    minute: i64,
    lists: HashMap<(String, i64, i64), Arc<Vec<crate::engine::Slot>>>,
    /// Finished response bodies by request (page address, dates, zone):
    /// a repeated request costs a lookup, not a formatting of every slot.
    bodies: HashMap<String, actix_web::web::Bytes>,
}

impl SlotEntries {
    /// The entries for this generation and minute, emptied first when the
    /// store or the clock moved on. None for a request that started
    /// before the entries' time: it must not throw newer entries away.
    fn at(&mut self, generation: u64, minute: i64) -> Option<&mut Self> {
        if (generation, minute) == (self.generation, self.minute) {
            return Some(self);
        }
        if generation < self.generation || minute < self.minute {
            return None;
        }
        self.generation = generation;
        self.minute = minute;
        self.lists.clear();
        self.bodies.clear();
        Some(self)
    }
}

/// Locks for computing missing bodies, chosen by the request's key.
const COMPUTE_SHARDS: usize = 16;

/// Entries kept per generation and minute; beyond it the map starts over,
/// so a crawler walking every month cannot grow it.
const MAX_ENTRIES: usize = 1_000;

impl SlotCache {
    /// Taken around computing the missing body of `key`, so that requests
    /// missing it at the same moment compute it once; other keys mostly
    /// take other locks. Look again after taking it.
    pub fn computing(&self, key: &str) -> Option<std::sync::MutexGuard<'_, ()>> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(key);
        self.computing[hash as usize % COMPUTE_SHARDS].lock().ok()
    }

    /// A body stored by `put_body` in the same generation and minute.
    pub fn body(&self, generation: u64, now: i64, key: &str) -> Option<actix_web::web::Bytes> {
        let mut c = self.inner.lock().ok()?;
        c.at(generation, now.div_euclid(60))?
            .bodies
            .get(key)
            .cloned()
    }

    pub fn put_body(&self, generation: u64, now: i64, key: String, body: actix_web::web::Bytes) {
        if let Ok(mut c) = self.inner.lock() {
            let minute = now.div_euclid(60);
            if c.generation == generation && c.minute == minute {
                if c.bodies.len() >= MAX_ENTRIES {
                    c.bodies.clear();
                }
                c.bodies.insert(key, body);
            }
        }
    }

    pub fn get_or(
        &self,
        generation: u64,
        now: i64,
        key: (String, i64, i64),
        compute: impl FnOnce() -> std::result::Result<Vec<crate::engine::Slot>, crate::error::AppError>,
    ) -> std::result::Result<Arc<Vec<crate::engine::Slot>>, crate::error::AppError> {
        let minute = now.div_euclid(60);
        if let Ok(mut c) = self.inner.lock()
            && let Some(hit) = c.at(generation, minute).and_then(|c| c.lists.get(&key))
        {
            return Ok(Arc::clone(hit));
        }
        let list = Arc::new(compute()?);
        if let Ok(mut c) = self.inner.lock()
            && c.generation == generation
            && c.minute == minute
        {
            if c.lists.len() >= MAX_ENTRIES {
                c.lists.clear();
            }
            c.lists.insert(key, Arc::clone(&list));
        }
        Ok(list)
    }
}
