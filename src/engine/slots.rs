//! Bookable slots of a booking page in a UTC window.

use chrono::{Duration, NaiveDate, TimeZone};
use chrono_tz::Tz;

use super::intervals::{Span, SpanSet};
use super::week::{Week, at, local_dates, weekday_index};

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

/// One host's availability, prepared once per request.
struct Prepared<'a> {
    input: &'a HostInput,
    free: SpanSet,
    blocked: SpanSet,
    at_open_cap: bool,
}

fn prepare<'a>(h: &'a HostInput, rules: &PageRules, window: Span, now: i64) -> Prepared<'a> {
    let margin = 2 * 86_400;
    let wide = Span::new(window.start - margin, window.end + margin);
    let working = h.week.working(h.timezone, wide);
    // Only what can touch the window matters; filtering first keeps the
    // sort small when a calendar holds months of events.
    let near = |sp: &Span| sp.end > wide.start && sp.start < wide.end;
    let mut blocked: Vec<Span> = h
        .unavailable
        .iter()
        .chain(h.busy.iter())
        .filter(|sp| near(sp))
        .copied()
        .collect();
    if !rules.allow_overlap {
        blocked.extend(
            h.bookings
                .iter()
                .map(|b| Span::new(b.span.start - b.buffer_before, b.span.end + b.buffer_after))
                .filter(near),
        );
    }
    let blocked = SpanSet::from_spans(blocked);
    // Local days that reached their cap are taken out of the free time
    // whole, so checking a slot needs no time-zone arithmetic.
    let mut per_day: std::collections::HashMap<NaiveDate, u32> = std::collections::HashMap::new();
    if h.week.daily_caps.iter().any(Option::is_some) {
        for b in h.bookings.iter().filter(|b| near(&b.span)) {
            if let Some(t) = h.timezone.timestamp_opt(b.span.start, 0).single() {
                *per_day.entry(t.date_naive()).or_insert(0) += 1;
            }
        }
    }
    let capped = SpanSet::from_spans(
        per_day
            .iter()
            .filter(|(date, n)| {
                h.week.daily_caps[weekday_index(**date)].is_some_and(|cap| **n >= cap)
            })
            .map(|(date, _)| {
                let next = *date + Duration::days(1);
                Span::new(
                    super::week::to_utc(h.timezone, at(*date, 0), false),
                    super::week::to_utc(h.timezone, at(next, 0), false),
                )
            })
            .collect(),
    );
    let upcoming = h.bookings.iter().filter(|b| b.span.start >= now).count() as u32;
    Prepared {
        free: working.subtract(&blocked).subtract(&capped),
        blocked,
        at_open_cap: h.week.open_booking_cap.is_some_and(|cap| upcoming >= cap),
        input: h,
    }
}

impl Prepared<'_> {
    /// Whether this host can take [start, start + duration).
    fn accepts(&self, start: i64, rules: &PageRules) -> bool {
        if self.at_open_cap {
            return false;
        }
        let slot = Span::new(start, start + rules.duration);
        if !self.free.covers(&slot) {
            return false;
        }
        let padded = Span::new(start - rules.buffer_before, slot.end + rules.buffer_after);
        if (rules.buffer_before > 0 || rules.buffer_after > 0) && self.blocked.overlaps(&padded) {
            return false;
        }
        true
    }

    /// Candidate starts on this host's local grid: from each working
    /// interval's start, every `step`, while the slot fits the day's interval.
    fn grid(&self, rules: &PageRules, window: Span, out: &mut Vec<i64>) {
        let step_min = (rules.step / 60).max(1);
        let dur_min = (rules.duration / 60).max(1);
        for date in local_dates(self.input.timezone, window) {
            let list = &self.input.week.hours[weekday_index(date)];
            if list.is_empty() {
                continue;
            }
            let clock = super::week::DayClock::new(self.input.timezone, date);
            for iv in list {
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
    }
}

/// The slots of a page in `window` (UTC), sorted by start, without
/// duplicates. Notice and horizon are applied against `now`.
pub fn slots(hosts: &[HostInput], rules: &PageRules, window: Span, now: i64) -> Vec<Slot> {
    if hosts.is_empty() || rules.duration <= 0 || rules.step <= 0 {
        return Vec::new();
    }
    let earliest = now + rules.min_notice;
    let latest = now + rules.horizon;
    let window = Span::new(window.start.max(earliest), window.end.min(latest + 1));
    if window.is_empty() {
        return Vec::new();
    }
    let prepared: Vec<Prepared<'_>> = hosts
        .iter()
        .map(|h| prepare(h, rules, window, now))
        .collect();
    let mut candidates = Vec::new();
    match rules.assignment {
        Assignment::Single | Assignment::Collective => {
            prepared[0].grid(rules, window, &mut candidates)
        }
        Assignment::RoundRobin => {
            for p in &prepared {
                p.grid(rules, window, &mut candidates);
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    for start in candidates {
        let hosts_free: Vec<usize> = match rules.assignment {
            Assignment::Single => prepared[..1]
                .iter()
                .enumerate()
                .filter(|(_, p)| p.accepts(start, rules))
                .map(|(i, _)| i)
                .collect(),
            Assignment::Collective => {
                if prepared.iter().all(|p| p.accepts(start, rules)) {
                    (0..prepared.len()).collect()
                } else {
                    Vec::new()
                }
            }
            Assignment::RoundRobin => prepared
                .iter()
                .enumerate()
                .filter(|(_, p)| p.accepts(start, rules))
                .map(|(i, _)| i)
                .collect(),
        };
        if !hosts_free.is_empty() {
            out.push(Slot {
                start,
                end: start + rules.duration,
                hosts: hosts_free,
            });
        }
    }
    out
}
