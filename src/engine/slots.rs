//! Bookable slots of a booking page in a UTC window.

use chrono_tz::Tz;

use super::intervals::{Span, SpanSet};
use super::week::{DayClock, Week, day_clocks, weekday_index};

/// An existing Convene booking of a host, with its page's buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booked {
    pub span: Span,
    pub buffer_before: i64,
    pub buffer_after: i64,
}

#[derive(Debug, Clone)]
pub struct HostInput {
    pub timezone: Tz,
    pub week: Week,
    /// Unavailability periods (sick leave…), UTC.
    pub unavailable: Vec<Span>,
    /// Busy times from connected calendars, UTC.
    pub busy: Vec<Span>,
    /// The host's Convene bookings on every page.
    pub bookings: Vec<Booked>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    Single,
    Collective,
    RoundRobin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRules {
    /// Seconds.
    pub duration: i64,
    pub step: i64,
    pub buffer_before: i64,
    pub buffer_after: i64,
    pub min_notice: i64,
    pub horizon: i64,
    pub assignment: Assignment,
    /// Organization setting: a host may hold overlapping bookings.
    pub allow_overlap: bool,
}

/// A bookable start and the hosts (indices) that can take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub start: i64,
    pub end: i64,
    pub hosts: Vec<usize>,
}

/// A host's input sorted and merged once, so requests only slice it.
/// Build it when the host's data changes, not per request.
#[derive(Debug, Clone)]
pub struct IndexedHost {
    timezone: Tz,
    week: Week,
    /// Unavailability alone, kept so busy times can be replaced.
    unavailable: SpanSet,
    /// Bookings padded with their page's buffers.
    booked: SpanSet,
    /// Unavailability and busy times, merged (what blocks when the
    /// organization allows overlapping bookings).
    taken: SpanSet,
    /// The same with the bookings, padded with their page's buffers.
    taken_or_booked: SpanSet,
    /// Booking starts, sorted.
    starts: Vec<i64>,
}

impl IndexedHost {
    pub fn new(h: &HostInput) -> IndexedHost {
        let unavailable = SpanSet::from_spans(h.unavailable.clone());
        let taken = unavailable.union(&SpanSet::from_spans(h.busy.clone()));
        let booked = SpanSet::from_spans(
            h.bookings
                .iter()
                .map(|b| Span::new(b.span.start - b.buffer_before, b.span.end + b.buffer_after))
                .collect(),
        );
        let mut starts: Vec<i64> = h.bookings.iter().map(|b| b.span.start).collect();
        starts.sort_unstable();
        IndexedHost {
            timezone: h.timezone,
            week: h.week.with_joined_hours(),
            taken_or_booked: taken.union(&booked),
            unavailable,
            booked,
            taken,
            starts,
        }
    }

    /// The same host with its busy times replaced by `busy` (what a
    /// calendar sync changes), without reading its bookings again.
    pub fn with_busy(&self, busy: Vec<Span>) -> IndexedHost {
        let taken = self.unavailable.union(&SpanSet::from_spans(busy));
        IndexedHost {
            timezone: self.timezone,
            week: self.week.clone(),
            taken_or_booked: taken.union(&self.booked),
            unavailable: self.unavailable.clone(),
            booked: self.booked.clone(),
            taken,
            starts: self.starts.clone(),
        }
    }
}

impl IndexedHost {
    /// The same host with `added` bookings too: what `new` would give
    /// with them in the input, without going through the input again.
    pub fn with_bookings(&self, added: &[Booked]) -> IndexedHost {
        let mut h = self.clone();
        for b in added {
            h.add(b);
        }
        h
    }

    /// The starts of the bookings starting in `from..to`, in order.
    pub fn starts_in(&self, from: i64, to: i64) -> &[i64] {
        let a = self.starts.partition_point(|&s| s < from);
        let z = self.starts.partition_point(|&s| s < to);
        self.starts.get(a..z.max(a)).unwrap_or(&[])
    }

    /// Adds one booking in place: what `new` would give with it in the
    /// input. The booking writer keeps a host's index across its bookings
    /// this way instead of indexing the host again for each one.
    pub fn add(&mut self, b: &Booked) {
        let padded = Span::new(b.span.start - b.buffer_before, b.span.end + b.buffer_after);
        self.booked.insert(padded);
        self.taken_or_booked.insert(padded);
        let at = self.starts.partition_point(|&s| s <= b.span.start);
        self.starts.insert(at, b.span.start);
    }
}

/// The local days of one time zone that can touch a window, and each of
/// them as a UTC span, in order: built once per zone and request, shared
/// by the hosts in that zone (most of a page's hosts, usually).
struct Days {
    tz: Tz,
    clocks: Vec<DayClock>,
    bounds: Vec<Span>,
}

impl Days {
    fn new(tz: Tz, window: Span) -> Days {
        let clocks = day_clocks(tz, window);
        let bounds = clocks.iter().map(DayClock::whole_day).collect();
        Days { tz, clocks, bounds }
    }
}

/// One host's availability around a window, prepared per request.
struct Prepared<'a> {
    input: &'a IndexedHost,
    days: &'a [DayClock],
    /// Each local day as a UTC span, in order.
    day_spans: &'a [Span],
    free: SpanSet,
    blocked: &'a [Span],
    at_open_cap: bool,
}

fn prepare<'a>(h: &'a IndexedHost, zone: &'a Days, rules: &PageRules, now: i64) -> Prepared<'a> {
    let days = &zone.clocks[..];
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Prepared {
            input: h,
            day_spans: &[],
            days,
            free: SpanSet::empty(),
            blocked: &[],
            at_open_cap: true,
        };
    };
    let covered = Span::new(first.whole_day().start, last.whole_day().end);
    let working = h.week.working_on(days);
    // Only what can touch the covered days (and a new slot's buffers)
    // matters; the merged sets give it by binary search.
    let reach = rules.buffer_before.max(rules.buffer_after);
    let near = Span::new(covered.start - reach, covered.end + reach);
    let blocked = if rules.allow_overlap {
        h.taken.near(near)
    } else {
        h.taken_or_booked.near(near)
    };
    // Local days that reached their cap are taken out of the free time
    // whole, so checking a slot needs no time-zone arithmetic. A booking's
    // day is found by walking the day boundaries, not by a zone lookup.
    let bounds = &zone.bounds[..];
    let capped = if h.week.daily_caps.iter().any(Option::is_some) {
        let mut counts = vec![0u32; days.len()];
        let from = h.starts.partition_point(|&s| s < covered.start);
        let mut day = 0;
        for &start in &h.starts[from..] {
            while day < bounds.len() && bounds[day].end <= start {
                day += 1;
            }
            match bounds.get(day) {
                Some(d) if d.start <= start => counts[day] += 1,
                Some(_) => {}
                None => break,
            }
        }
        SpanSet::from_spans(
            days.iter()
                .zip(bounds)
                .zip(&counts)
                .filter(|((clock, _), n)| {
                    h.week.daily_caps[weekday_index(clock.date)].is_some_and(|cap| **n >= cap)
                })
                .map(|((_, span), _)| *span)
                .collect(),
        )
    } else {
        SpanSet::empty()
    };
    let upcoming = (h.starts.len() - h.starts.partition_point(|&s| s < now)) as u32;
    Prepared {
        free: working.subtract_spans(blocked).subtract(&capped),
        blocked,
        at_open_cap: h.week.open_booking_cap.is_some_and(|cap| upcoming >= cap),
        days,
        day_spans: bounds,
        input: h,
    }
}

impl Prepared<'_> {
    /// The starts among `candidates` (sorted) this host can take, in one
    /// sweep: slot ends and padded starts only grow, so both cursors move
    /// forward only.
    fn accepted(&self, candidates: &[i64], rules: &PageRules) -> Vec<i64> {
        if self.at_open_cap {
            return Vec::new();
        }
        let free = self.free.spans();
        let blocked = self.blocked;
        let check_buffers = rules.buffer_before > 0 || rules.buffer_after > 0;
        let (mut i, mut j, mut d) = (0, 0, 0);
        let mut out = Vec::with_capacity(candidates.len());
        for &start in candidates {
            let end = start + rules.duration;
            // A slot stays within one local day of the host, even where
            // the working time of two days touches at midnight: the grid
            // is laid per day, so a single host never offers such a slot.
            while d < self.day_spans.len() && self.day_spans[d].end <= start {
                d += 1;
            }
            if self.day_spans.get(d).is_none_or(|day| end > day.end) {
                continue;
            }
            while i < free.len() && free[i].end < end {
                i += 1;
            }
            if free.get(i).is_none_or(|f| f.start > start) {
                continue;
            }
            if check_buffers {
                let (from, to) = (start - rules.buffer_before, end + rules.buffer_after);
                while j < blocked.len() && blocked[j].end <= from {
                    j += 1;
                }
                if blocked.get(j).is_some_and(|b| b.start < to) {
                    continue;
                }
            }
            out.push(start);
        }
        out
    }

    /// Candidate starts on this host's local grid, sorted: from each
    /// working interval's start, every `step`, while the slot fits the
    /// day's interval.
    fn grid(&self, rules: &PageRules, window: Span) -> Vec<i64> {
        let step_min = (rules.step / 60).max(1);
        let dur_min = (rules.duration / 60).max(1);
        let mut out = Vec::new();
        for clock in self.days {
            for iv in &self.input.week.hours[weekday_index(clock.date)] {
                let mut m = i64::from(iv.start);
                while m + dur_min <= i64::from(iv.end) {
                    if let Some(utc) = clock.slot(m as u16)
                        && utc >= window.start
                        && utc < window.end
                    {
                        out.push(utc);
                    }
                    m += step_min;
                }
            }
        }
        // Already in order except around a repeated hour or overlapping
        // intervals.
        if !out.is_sorted() {
            out.sort_unstable();
        }
        out.dedup();
        out
    }
}

/// The slots of a page in `window` (UTC), sorted by start, without
/// duplicates. Notice and horizon are applied against `now`.
pub fn slots(hosts: &[HostInput], rules: &PageRules, window: Span, now: i64) -> Vec<Slot> {
    let indexed: Vec<IndexedHost> = hosts.iter().map(IndexedHost::new).collect();
    slots_indexed(&indexed, rules, window, now)
}

/// As `slots`, on hosts indexed beforehand (the server keeps them between
/// requests until their data changes).
pub fn slots_indexed<H: std::borrow::Borrow<IndexedHost>>(
    hosts: &[H],
    rules: &PageRules,
    window: Span,
    now: i64,
) -> Vec<Slot> {
    if hosts.is_empty() || rules.duration <= 0 || rules.step <= 0 {
        return Vec::new();
    }
    let earliest = now + rules.min_notice;
    let latest = now + rules.horizon;
    let window = Span::new(window.start.max(earliest), window.end.min(latest + 1));
    if window.is_empty() {
        return Vec::new();
    }
    let mut zones: Vec<Days> = Vec::new();
    let zone_of: Vec<usize> = hosts
        .iter()
        .map(|h| {
            let tz = h.borrow().timezone;
            zones.iter().position(|z| z.tz == tz).unwrap_or_else(|| {
                zones.push(Days::new(tz, window));
                zones.len() - 1
            })
        })
        .collect();
    let prepared: Vec<Prepared<'_>> = hosts
        .iter()
        .zip(&zone_of)
        .map(|(h, &z)| prepare(h.borrow(), &zones[z], rules, now))
        .collect();
    let slot = |start: i64, hosts: Vec<usize>| Slot {
        start,
        end: start + rules.duration,
        hosts,
    };
    match rules.assignment {
        Assignment::Single => prepared[0]
            .accepted(&prepared[0].grid(rules, window), rules)
            .into_iter()
            .map(|s| slot(s, vec![0]))
            .collect(),
        Assignment::Collective => {
            let mut starts = prepared[0].grid(rules, window);
            for p in &prepared {
                starts = p.accepted(&starts, rules);
            }
            starts
                .into_iter()
                .map(|s| slot(s, (0..prepared.len()).collect()))
                .collect()
        }
        Assignment::RoundRobin => {
            let mut pairs: Vec<(i64, usize)> = Vec::new();
            for (i, p) in prepared.iter().enumerate() {
                pairs.extend(
                    p.accepted(&p.grid(rules, window), rules)
                        .into_iter()
                        .map(|s| (s, i)),
                );
            }
            pairs.sort_unstable();
            let mut out: Vec<Slot> = Vec::new();
            for (start, host) in pairs {
                match out.last_mut() {
                    Some(last) if last.start == start => last.hosts.push(host),
                    _ => out.push(slot(start, vec![host])),
                }
            }
            out
        }
    }
}

/// A round-robin list (as `slots_indexed` gave it, same rules, window and
/// `now`) with the hosts at the positions in `changed` checked again on
/// their new indexes. What a host can take depends on that host alone, so
/// this is the list `slots_indexed` would give on all hosts, at the cost of
/// the changed ones: a batch of bookings touches a few hosts of fifty.
pub fn with_hosts_rechecked<H: std::borrow::Borrow<IndexedHost>>(
    list: &[Slot],
    changed: &[(usize, H)],
    rules: &PageRules,
    window: Span,
    now: i64,
) -> Vec<Slot> {
    let mut fresh: Vec<(i64, usize)> = Vec::new();
    for (i, h) in changed {
        let one = slots_indexed(std::slice::from_ref(h.borrow()), rules, window, now);
        fresh.extend(one.into_iter().map(|s| (s.start, *i)));
    }
    fresh.sort_unstable();
    let is_changed = |i: &usize| changed.iter().any(|(c, _)| c == i);
    let mut out: Vec<Slot> = Vec::with_capacity(list.len());
    let mut push = |start: i64, hosts: Vec<usize>| {
        if !hosts.is_empty() {
            out.push(Slot {
                start,
                end: start + rules.duration,
                hosts,
            });
        }
    };
    let mut f = 0;
    for slot in list {
        while let Some(&(start, _)) = fresh.get(f)
            && start < slot.start
        {
            push(start, hosts_at(&fresh, &mut f, start));
        }
        let mut hosts: Vec<usize> = slot
            .hosts
            .iter()
            .copied()
            .filter(|i| !is_changed(i))
            .collect();
        let added = hosts_at(&fresh, &mut f, slot.start);
        if !added.is_empty() {
            hosts.extend(added);
            hosts.sort_unstable();
        }
        push(slot.start, hosts);
    }
    while let Some(&(start, _)) = fresh.get(f) {
        push(start, hosts_at(&fresh, &mut f, start));
    }
    out
}

/// The hosts of the (start, host) pairs at `start` from `*next` on, which
/// is moved past them.
fn hosts_at(pairs: &[(i64, usize)], next: &mut usize, start: i64) -> Vec<usize> {
    let mut hosts = Vec::new();
    while let Some(&(s, i)) = pairs.get(*next)
        && s == start
    {
        hosts.push(i);
        *next += 1;
    }
    hosts
}
