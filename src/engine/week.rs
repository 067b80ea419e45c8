//! A weekly schedule in local minutes, and its projection onto UTC days.

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::intervals::{Span, SpanSet};

/// [start, end) in minutes after local midnight; end may be 1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalInterval {
    pub start: u16,
    pub end: u16,
}

/// Monday-first weekly hours, breaks and daily caps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Week {
    pub hours: [Vec<LocalInterval>; 7],
    pub breaks: [Vec<LocalInterval>; 7],
    pub daily_caps: [Option<u32>; 7],
    pub open_booking_cap: Option<u32>,
}

/// A local wall-clock time as a UTC instant. Ambiguous times (fall back)
/// take the earlier instant, or the later with `later`; nonexistent ones
/// (spring forward) move to the first valid minute after the gap.
pub fn to_utc(tz: Tz, local: NaiveDateTime, later: bool) -> i64 {
    for minutes in 0..=180 {
        let t = local + Duration::minutes(minutes);
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) => return x.timestamp(),
            LocalResult::Ambiguous(a, b) => {
                return if later { b.timestamp() } else { a.timestamp() };
            }
            LocalResult::None => continue,
        }
    }
    // No zone has a gap of three hours; fall back to reading it as UTC.
    local.and_utc().timestamp()
}

/// Strict conversion for slot starts: None for a nonexistent local time,
/// the earlier instant for a repeated one (so it is offered once).
pub fn slot_utc(tz: Tz, local: NaiveDateTime) -> Option<i64> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(x) => Some(x.timestamp()),
        LocalResult::Ambiguous(a, _) => Some(a.timestamp()),
        LocalResult::None => None,
    }
}

pub fn at(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(i64::from(minutes))
}

pub fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

/// Local dates whose day can touch the UTC window (a day of margin each side).
pub fn local_dates(tz: Tz, window: Span) -> Vec<NaiveDate> {
    let first = tz
        .timestamp_opt(window.start, 0)
        .single()
        .map(|t| t.date_naive());
    let last = tz
        .timestamp_opt(window.end, 0)
        .single()
        .map(|t| t.date_naive());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut d = first - Duration::days(1);
    while d <= last + Duration::days(1) {
        out.push(d);
        d += Duration::days(1);
    }
    out
}

/// A local day's fixed UTC offset (seconds, local − UTC), or None when a
/// DST change happens that day. Most days have one offset, so their times
/// convert with a subtraction instead of a time-zone lookup each.
pub fn fixed_offset(tz: Tz, date: NaiveDate) -> Option<i64> {
    use chrono::Offset;
    let midnight = at(date, 0);
    let start = match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) => t,
        _ => return None,
    };
    let next = match tz.from_local_datetime(&(midnight + Duration::days(1))) {
        LocalResult::Single(t) => t,
        _ => return None,
    };
    let offset = i64::from(start.offset().fix().local_minus_utc());
    (next.timestamp() - start.timestamp() == 86_400
        && i64::from(next.offset().fix().local_minus_utc()) == offset)
        .then_some(offset)
}

/// Local minutes of a day → UTC, through the fixed offset when there is one.
pub struct DayClock {
    tz: Tz,
    pub date: NaiveDate,
    /// Local midnight read as if it were UTC (seconds).
    midnight: i64,
    offset: Option<i64>,
}

impl DayClock {
    pub fn new(tz: Tz, date: NaiveDate) -> DayClock {
        DayClock {
            tz,
            date,
            midnight: at(date, 0).and_utc().timestamp(),
            offset: fixed_offset(tz, date),
        }
    }

    fn local_secs(&self, minutes: u16) -> i64 {
        self.midnight + i64::from(minutes) * 60
    }

    /// As `to_utc`.
    pub fn utc(&self, minutes: u16, later: bool) -> i64 {
        match self.offset {
            Some(off) => self.local_secs(minutes) - off,
            None => to_utc(self.tz, at(self.date, minutes), later),
        }
    }

    /// As `slot_utc`.
    pub fn slot(&self, minutes: u16) -> Option<i64> {
        match self.offset {
            Some(off) => Some(self.local_secs(minutes) - off),
            None => slot_utc(self.tz, at(self.date, minutes)),
        }
    }

    /// The local day as a UTC span (23, 24 or 25 hours long).
    pub fn whole_day(&self) -> Span {
        Span::new(self.utc(0, false), self.utc(24 * 60, false))
    }
}

/// The clocks of every local day that can touch the window, built once so
/// hours, breaks, caps and the slot grid share their time-zone lookups.
pub fn day_clocks(tz: Tz, window: Span) -> Vec<DayClock> {
    local_dates(tz, window)
        .into_iter()
        .map(|date| DayClock::new(tz, date))
        .collect()
}

fn project(days: &[DayClock], per_day: &[Vec<LocalInterval>; 7]) -> SpanSet {
    let mut spans = Vec::new();
    for clock in days {
        for iv in &per_day[weekday_index(clock.date)] {
            spans.push(Span::new(
                clock.utc(iv.start, false),
                clock.utc(iv.end, true),
            ));
        }
    }
    SpanSet::from_spans(spans)
}

/// A day's intervals sorted, with those that overlap or touch joined:
/// 09:00–11:00 and 11:00–12:00 are one stretch of working time, so a
/// slot may run across 11:00.
fn joined(day: &[LocalInterval]) -> Vec<LocalInterval> {
    let mut sorted = day.to_vec();
    sorted.sort_unstable_by_key(|iv| (iv.start, iv.end));
    let mut out: Vec<LocalInterval> = Vec::with_capacity(sorted.len());
    for iv in sorted {
        match out.last_mut() {
            Some(last) if iv.start <= last.end => last.end = last.end.max(iv.end),
            _ => out.push(iv),
        }
    }
    out
}

impl Week {
    /// The same week with each day's working intervals joined where they
    /// touch or overlap (see `joined`); the engine works on this form.
    pub fn with_joined_hours(&self) -> Week {
        Week {
            hours: std::array::from_fn(|d| joined(&self.hours[d])),
            ..self.clone()
        }
    }

    /// Working time minus breaks, in UTC, around the window.
    pub fn working(&self, tz: Tz, window: Span) -> SpanSet {
        self.working_on(&day_clocks(tz, window))
    }

    /// Working time minus breaks on the given local days.
    pub fn working_on(&self, days: &[DayClock]) -> SpanSet {
        project(days, &self.hours).subtract(&project(days, &self.breaks))
    }
}
