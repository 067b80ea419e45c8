//! Feeds the engine from the store: a host's schedule, unavailability and
//! bookings become an engine input. Reads for the public slot list go
//! through a cache of indexed hosts, each kept while its own calendar's
//! revision stays; a booking re-checks inside its own write transaction.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::domain::{CandidateRange, Member, MemberId};
use crate::engine::{Booked, HostInput, IndexedHost, LocalInterval, Span, SpanSet, Week};
use crate::store::{
    Calendars, Dep, HostBookings, Imported, Moved, Result, Revisions, Stamp, Store,
};

/// Builds a host's engine input from the stored calendars (read from a
/// read or a write transaction).
pub fn gather(cal: &Calendars<'_>, member: &Member, from: i64, to: i64) -> Result<HostInput> {
    let id = member.id.as_str();
    let (week, periods, busy) = match &member.external {
        Some(x) => (
            all_day_week(),
            outside_ranges(&x.ranges, from, to),
            Vec::new(),
        ),
        None => {
            let schedule = cal.schedule(id)?;
            let mut periods = Vec::new();
            cal.unavailable(id, |u| {
                if u.end.timestamp() > from && u.start.timestamp() < to {
                    periods.push(Span::new(u.start.timestamp(), u.end.timestamp()));
                }
                true
            })?;
            let busy = busy_spans(&cal.imported(id, from)?, from, to);
            (crate::service::schedules::to_week(&schedule), periods, busy)
        }
    };
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
        week,
        unavailable: periods,
        busy,
        bookings,
    })
}

/// An external member has no weekly hours: every minute of the week is
/// open, and the candidate ranges decide.
fn all_day_week() -> Week {
    let mut week = Week::default();
    for day in &mut week.hours {
        day.push(LocalInterval {
            start: 0,
            end: 1440,
        });
    }
    week
}

/// Everything between `from` and `to` outside the candidate ranges: what
/// makes an external member unavailable.
pub fn outside_ranges(ranges: &[CandidateRange], from: i64, to: i64) -> Vec<Span> {
    let open = SpanSet::from_spans(
        ranges
            .iter()
            .map(|r| Span::new(r.start.timestamp(), r.end.timestamp()))
            .collect(),
    );
    // `to` may be i64::MAX (the cache's open end); the engine only ever
    // looks a horizon ahead, so ten years is "forever".
    let to = to.min(from.saturating_add(10 * 366 * 86_400));
    SpanSet::from_spans(vec![Span::new(from, to)])
        .subtract(&open)
        .spans()
        .to_vec()
}

/// What a member's connected calendars make busy between `from` and `to`.
fn busy_spans(imported: &Imported, from: i64, to: i64) -> Vec<Span> {
    let mut busy: Vec<Span> = imported
        .busy
        .iter()
        .filter(|(start, _)| *start < to)
        .map(|&(start, end)| Span::new(start, end))
        .collect();
    if imported.hidden {
        // A stale calendar may miss what was added since it last synced:
        // the member is busy until it syncs again.
        busy.push(Span::new(from, to));
    }
    busy
}

/// Upcoming confirmed bookings of a host (for the open booking cap).
pub fn upcoming(bookings: &HostBookings<'_>, member: &MemberId, now: i64) -> Result<u32> {
    bookings.upcoming(member.as_str(), now)
}

/// Indexed hosts for the read path, each kept while its calendar's
/// revision stays; and the slot lists computed from them.
#[derive(Default)]
pub struct Cache {
    /// Per host: the settled revision it was built at, and the index.
    inner: Mutex<HashMap<MemberId, (u64, Arc<IndexedHost>)>>,
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
        let revisions = store.revisions();
        // Read before the data: an index built from newer data than its
        // label is retired early, never kept too long.
        let observed: Vec<u64> = members
            .iter()
            .map(|m| revisions.current(&Dep::host(&m.id)))
            .collect();
        let mut out: Vec<Option<Arc<IndexedHost>>> = vec![None; members.len()];
        let mut missing = Vec::new();
        if let Ok(cache) = self.inner.lock() {
            for (i, m) in members.iter().enumerate() {
                // While a commit on this host is in progress (odd), the
                // index of the state before it still serves.
                match cache.get(&m.id).filter(|(at, _)| *at == observed[i] & !1) {
                    Some((_, h)) => out[i] = Some(Arc::clone(h)),
                    None => missing.push(i),
                }
            }
        } else {
            missing = (0..members.len()).collect();
        }
        if !missing.is_empty() {
            let txn = store.read()?;
            let cal = crate::store::calendars(&txn)?;
            let mut built = Vec::with_capacity(missing.len());
            for &i in &missing {
                let input = gather(&cal, &members[i], now - 2 * 86_400, i64::MAX)?;
                let h = Arc::new(IndexedHost::new(&input));
                out[i] = Some(Arc::clone(&h));
                built.push((i, h));
            }
            // Kept only when built from exactly the state it is labelled
            // with: no commit on the host was in progress or finished
            // meanwhile. (A batch of bookings adds its own to the kept
            // indexes, so an index that already held them would count
            // them twice.)
            if let Ok(mut cache) = self.inner.lock() {
                for (i, h) in built {
                    let id = &members[i].id;
                    if observed[i].is_multiple_of(2)
                        && revisions.current(&Dep::host(id)) == observed[i]
                    {
                        cache.insert(id.clone(), (observed[i], h));
                    }
                }
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// The revision a host's kept index was built at (or carried to).
    #[cfg(test)]
    pub fn kept_at(&self, id: &MemberId) -> Option<u64> {
        self.inner.lock().ok()?.get(id).map(|(at, _)| *at)
    }

    /// Carries a booked host's index over the writer's own commit: when
    /// the bookings `added` are all that changed on that host, they join
    /// its index under the new revision.
    pub fn advance(&self, moved: &[Moved], added: &HashMap<MemberId, Vec<Booked>>) {
        let Ok(mut cache) = self.inner.lock() else {
            return;
        };
        for (id, bookings) in added {
            let dep = Dep::host(id);
            let Some(m) = moved.iter().find(|m| m.dep == dep).filter(|m| m.alone()) else {
                continue;
            };
            if let Some(entry) = cache.get_mut(id)
                && entry.0 == m.before
            {
                *entry = (m.after, Arc::new(entry.1.with_bookings(bookings)));
            }
        }
    }
}

/// A calendar sync carries the synced hosts' indexes over its commit, as
/// the booking writer does with its bookings: otherwise the first slot
/// lists after every sync round would index each synced host again,
/// bookings and all, while guests wait.
impl crate::service::calendars::BusyListener for Cache {
    fn busy_replaced(&self, moved: &[Moved], imported: &HashMap<MemberId, Imported>, now: i64) {
        let Ok(mut cache) = self.inner.lock() else {
            return;
        };
        for (id, now_imported) in imported {
            let dep = Dep::host(id);
            let Some(m) = moved.iter().find(|m| m.dep == dep).filter(|m| m.alone()) else {
                continue;
            };
            if let Some(entry) = cache.get_mut(id)
                && entry.0 == m.before
            {
                let busy = busy_spans(now_imported, now - 2 * 86_400, i64::MAX);
                *entry = (m.after, Arc::new(entry.1.with_busy(busy)));
            }
        }
    }
}

/// Computed slot lists and finished response bodies, each kept while the
/// revisions it was computed at stay (its page, the organization's
/// settings, each of its hosts) and within its minute (notice and horizon
/// move with the clock). A booking re-checks its slot anyway.
#[derive(Default)]
pub struct SlotCache {
    inner: Mutex<SlotEntries>,
    /// Held while a missing body is computed, one lock per shard of keys.
    computing: [Mutex<()>; COMPUTE_SHARDS],
    hits: AtomicU64,
    misses: AtomicU64,
    rechecks: AtomicU64,
}

/// A page's slot list for one window: (page id, window start, end).
type ListKey = (String, i64, i64);
type SlotList = Arc<Vec<crate::engine::Slot>>;

/// A computed slot list and what it was computed from: the hosts its slots'
/// host numbers point into, and the instant (notice and horizon count from
/// it).
pub struct ListValue {
    pub slots: SlotList,
    pub hosts: Vec<MemberId>,
    pub at: i64,
}

/// A list kept in the same minute whose revisions have moved since: what a
/// list that changed only in some hosts can be brought up to date from.
pub struct Previous {
    pub value: Arc<ListValue>,
    pub stamp: Stamp,
}

struct Kept<T> {
    minute: i64,
    stamp: Stamp,
    value: T,
}

#[derive(Default)]
struct SlotEntries {
    lists: HashMap<ListKey, Kept<Arc<ListValue>>>,
    /// Finished response bodies by request (page address, dates, zone):
    /// a repeated request costs a lookup, not a formatting of every slot.
    bodies: HashMap<String, Kept<actix_web::web::Bytes>>,
}

impl<T: Clone> Kept<T> {
    fn fresh(&self, minute: i64, revisions: &Revisions) -> Option<T> {
        (self.minute == minute && self.stamp.current(revisions)).then(|| self.value.clone())
    }
}

/// Locks for computing missing bodies, chosen by the request's key.
const COMPUTE_SHARDS: usize = 16;

/// Entries kept at most; beyond it the map starts over, so a crawler
/// walking every month cannot grow it.
const MAX_ENTRIES: usize = 1_000;

/// What a page's slot list depends on.
pub fn slot_deps(page: &crate::domain::BookingPage) -> Vec<Dep> {
    let mut deps = vec![Dep::Page(page.id.clone()), Dep::Org];
    deps.extend(page.hosts.iter().map(Dep::host));
    deps
}

fn keep<K: std::hash::Hash + Eq, T>(map: &mut HashMap<K, Kept<T>>, key: K, kept: Kept<T>) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(key, kept);
}

impl SlotCache {
    /// Taken around computing the missing body of `key`, so that requests
    /// missing it at the same moment compute it once; other keys mostly
    /// take other locks. Look again after taking it.
    pub fn computing(&self, key: &str) -> Option<std::sync::MutexGuard<'_, ()>> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(key);
        self.computing[hash as usize % COMPUTE_SHARDS].lock().ok()
    }

    /// A body stored by `put_body`, still current.
    pub fn body(
        &self,
        revisions: &Revisions,
        now: i64,
        key: &str,
    ) -> Option<actix_web::web::Bytes> {
        let c = self.inner.lock().ok()?;
        let found = c.bodies.get(key)?.fresh(now.div_euclid(60), revisions);
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// Keeps a body computed from the state `stamp` was taken before, if
    /// nothing it depends on moved meanwhile.
    pub fn put_body(
        &self,
        revisions: &Revisions,
        stamp: Stamp,
        now: i64,
        key: String,
        body: actix_web::web::Bytes,
    ) {
        self.misses.fetch_add(1, Ordering::Relaxed);
        if !(stamp.settled() && stamp.unchanged(revisions)) {
            return;
        }
        if let Ok(mut c) = self.inner.lock() {
            let kept = Kept {
                minute: now.div_euclid(60),
                stamp,
                value: body,
            };
            keep(&mut c.bodies, key, kept);
        }
    }

    /// The list for `key`, computed by `compute` when no current one is
    /// kept; `compute` is given the list kept earlier in this minute, if
    /// any, and says whether its result may be kept. `stamp` must be taken
    /// before `compute` reads anything.
    pub fn get_or(
        &self,
        revisions: &Revisions,
        stamp: Stamp,
        now: i64,
        key: (String, i64, i64),
        compute: impl FnOnce(
            Option<Previous>,
        ) -> std::result::Result<(ListValue, bool), crate::error::AppError>,
    ) -> std::result::Result<SlotList, crate::error::AppError> {
        let minute = now.div_euclid(60);
        let mut previous = None;
        if let Ok(c) = self.inner.lock()
            && let Some(kept) = c.lists.get(&key)
        {
            if let Some(hit) = kept.fresh(minute, revisions) {
                return Ok(Arc::clone(&hit.slots));
            }
            if kept.minute == minute {
                previous = Some(Previous {
                    value: Arc::clone(&kept.value),
                    stamp: kept.stamp.clone(),
                });
            }
        }
        let (value, keepable) = compute(previous)?;
        let value = Arc::new(value);
        if keepable
            && stamp.settled()
            && stamp.unchanged(revisions)
            && let Ok(mut c) = self.inner.lock()
        {
            let kept = Kept {
                minute,
                stamp,
                value: Arc::clone(&value),
            };
            keep(&mut c.lists, key, kept);
        }
        Ok(Arc::clone(&value.slots))
    }

    /// Counts a list brought up to date by checking only its moved hosts.
    pub fn rechecked(&self) {
        self.rechecks.fetch_add(1, Ordering::Relaxed);
    }

    #[cfg(test)]
    pub fn rechecks(&self) -> u64 {
        self.rechecks.load(Ordering::Relaxed)
    }

    /// (hits, misses) of finished bodies since start, for /metrics.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}
