//! One iCalendar text to the busy intervals of a window: events grouped by
//! UID into a series (the event without RECURRENCE-ID) and its overrides;
//! the series expanded (DTSTART, RRULE, RDATE), less its EXDATEs and the
//! occurrences its overrides replace; each override on its own times.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;

pub use super::error::{ExpandError, SkipReason, Warning};
use super::event::{self, When};
use super::parse;
use super::recur::{self, Budget, RecurError};
use super::value::{self, Length, Moment, PeriodEnd};
use super::zone::{Zone, Zones};

/// Busy intervals one calendar may produce; past it the calendar fails
/// with [`ExpandError::TooManyOccurrences`].
pub const MAX_BUSY: usize = 200_000;

/// Recurrence steps one calendar may take in all (each step is an
/// occurrence the recurrence library produced, in the window or before
/// it); bounds the time a hostile feed can take.
pub const MAX_STEPS: u64 = 2_000_000;

/// Warnings kept per calendar: past this, one more changes nothing for
/// the reader.
pub const MAX_WARNINGS: usize = 100;

/// One busy interval: UTC unix seconds, `end > start`, and the UID of the
/// event it comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BusyTime {
    pub start: i64,
    pub end: i64,
    pub uid: String,
}

/// What one calendar gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Sorted by start (then end, then order of the events in the text),
    /// without duplicates.
    pub busy: Vec<BusyTime>,
    /// VEVENTs read, including the ignored ones (free, cancelled, broken).
    pub events: usize,
    pub warnings: Vec<Warning>,
}

/// Every busy interval of `ics` that overlaps `[from, to)` (UTC unix
/// seconds). Floating times, all-day events and unknown TZIDs are read in
/// `member_zone`. Pure: no I/O, no clock.
pub fn busy_times(ics: &str, member_zone: Tz, from: i64, to: i64) -> Result<Expanded, ExpandError> {
    let calendars = parse::calendars(ics)?;
    let window = Window::new(from, to);
    let zones = Zones::new(
        member_zone,
        calendars.iter().flat_map(|c| c.timezones.iter()),
        window.years(),
    );
    let mut run = Run {
        zones,
        window,
        budget: Budget::new(MAX_STEPS),
        group: 0,
        busy: Vec::new(),
        warnings: Vec::new(),
    };

    // Series and their overrides by UID, in the order first seen.
    let mut groups: Vec<Group> = Vec::new();
    let mut by_uid: HashMap<&str, usize> = HashMap::new();
    let mut events = 0;
    for e in calendars.iter().flat_map(|c| c.events.iter()) {
        events += 1;
        let uid = event::uid(e);
        let new = Group {
            uid,
            ..Group::default()
        };
        let index = if uid.is_empty() {
            // Without a UID nothing can override it: a group of its own.
            groups.push(new);
            groups.len() - 1
        } else {
            *by_uid.entry(uid).or_insert_with(|| {
                groups.push(new);
                groups.len() - 1
            })
        };
        let group = &mut groups[index];
        if event::first(e, "RECURRENCE-ID").is_some() {
            group.overrides.push(e);
        } else {
            group.series.push(e);
        }
    }
    for (index, group) in groups.iter().enumerate() {
        run.group = u32::try_from(index).map_err(|_| ExpandError::TooManyOccurrences)?;
        run.group(group)?;
    }

    let mut warnings: Vec<Warning> = run
        .zones
        .unknown()
        .iter()
        .map(|tzid| Warning::UnknownZone { tzid: tzid.clone() })
        .collect();
    warnings.append(&mut run.warnings);
    warnings.truncate(MAX_WARNINGS);
    // Sorted and deduplicated as plain numbers; the UIDs are attached last.
    let mut spans = run.busy;
    spans.sort_unstable();
    spans.dedup();
    let busy = spans
        .into_iter()
        .map(|(start, end, group)| BusyTime {
            start,
            end,
            uid: groups
                .get(group as usize)
                .map(|g| g.uid.to_owned())
                .unwrap_or_default(),
        })
        .collect();
    Ok(Expanded {
        busy,
        events,
        warnings,
    })
}

#[derive(Default)]
struct Group<'c> {
    uid: &'c str,
    series: Vec<&'c IcalEvent>,
    overrides: Vec<&'c IcalEvent>,
}

/// The window as asked for; what is computed from it (wall-clock ranges,
/// years) is clamped to the years that dates can have.
#[derive(Debug, Clone, Copy)]
struct Window {
    from: i64,
    to: i64,
}

/// 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years `value`
/// accepts.
const EARLIEST: i64 = -30_610_224_000;
const LATEST: i64 = 253_402_300_799;

fn naive(instant: i64) -> NaiveDateTime {
    DateTime::from_timestamp(instant, 0)
        .unwrap_or_default()
        .naive_utc()
}

impl Window {
    fn new(from: i64, to: i64) -> Window {
        Window { from, to }
    }

    fn overlaps(&self, start: i64, end: i64) -> bool {
        end > start && start < self.to && end > self.from
    }

    /// The wall-clock range in which an occurrence of this length can
    /// start and still overlap the window, in any zone (offsets are within
    /// a day of UTC).
    fn local_range(&self, length: Length) -> (NaiveDateTime, NaiveDateTime) {
        let margin = 2 * 86_400;
        let lo = self
            .from
            .clamp(EARLIEST, LATEST)
            .saturating_sub(length.max_seconds())
            .saturating_sub(margin);
        let hi = self.to.clamp(EARLIEST, LATEST).saturating_add(margin);
        (
            naive(lo.clamp(EARLIEST, LATEST)),
            naive(hi.clamp(EARLIEST, LATEST)),
        )
    }

    /// Years that custom VTIMEZONE rules are expanded for: the window's
    /// with a year on each side, at most 60.
    fn years(&self) -> (i32, i32) {
        let year = |t: i64| naive(t.clamp(EARLIEST, LATEST)).year();
        let last = year(self.to).saturating_add(1);
        let first = year(self.from).saturating_sub(1).max(last - 60);
        (first.min(last), last)
    }
}

/// Occurrences left out of a series: EXDATEs and those overrides replace.
/// An all-day series matches by day; a timed one by instant, or by day for
/// a date-valued EXDATE.
#[derive(Default)]
struct Exclusions {
    instants: HashSet<i64>,
    dates: HashSet<NaiveDate>,
}

impl Exclusions {
    fn add(&mut self, when: &When, all_day: bool) {
        if all_day || when.date {
            self.dates.insert(when.local.date());
        } else {
            self.instants.insert(when.instant());
        }
    }

    fn contains(&self, instant: i64, date: NaiveDate, all_day: bool) -> bool {
        // Most series exclude nothing: no hashing then.
        (!self.dates.is_empty() && self.dates.contains(&date))
            || (!all_day && !self.instants.is_empty() && self.instants.contains(&instant))
    }
}

struct Run<'a> {
    zones: Zones<'a>,
    window: Window,
    budget: Budget,
    /// The group (UID) being expanded, an index into the groups.
    group: u32,
    /// (start, end, group): numbers sort faster than strings.
    busy: Vec<(i64, i64, u32)>,
    warnings: Vec<Warning>,
}

/// The start and length of a non-recurring reading of an event.
struct Timing {
    start: When,
    length: Length,
}

impl Run<'_> {
    fn warn(&mut self, uid: &str, reason: SkipReason) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(Warning::SkippedEvent {
                uid: uid.to_owned(),
                reason,
            });
        }
    }

    fn push(&mut self, start: i64, end: i64) -> Result<(), ExpandError> {
        if !self.window.overlaps(start, end) {
            return Ok(());
        }
        if self.busy.len() >= MAX_BUSY {
            return Err(ExpandError::TooManyOccurrences);
        }
        self.busy.push((start, end, self.group));
        Ok(())
    }

    /// DTSTART and DTEND/DURATION of an event.
    fn timing(&mut self, e: &IcalEvent) -> Result<Timing, SkipReason> {
        let member = self.zones.member();
        let start = event::first(e, "DTSTART")
            .and_then(|p| event::when(p, &mut self.zones, &member))
            .ok_or(SkipReason::BadStart)?;
        let length = if let Some(p) = event::first(e, "DTEND") {
            let end = event::when(p, &mut self.zones, &start.zone).ok_or(SkipReason::BadEnd)?;
            match (start.date, end.date) {
                (true, true) => {
                    let days = (end.local.date() - start.local.date()).num_days();
                    // DTEND on the start day is read as that one day.
                    Length::days(days.max(1))
                }
                (false, false) => Length::exact(end.instant() - start.instant()),
                _ => return Err(SkipReason::BadEnd),
            }
        } else if let Some(p) = event::first(e, "DURATION") {
            p.value
                .as_deref()
                .and_then(value::duration)
                .ok_or(SkipReason::BadEnd)?
        } else if start.date {
            Length::days(1)
        } else {
            // RFC 5545: a DATE-TIME start without an end ends at its start.
            Length::exact(0)
        };
        if length.is_negative() {
            return Err(SkipReason::BadEnd);
        }
        Ok(Timing { start, length })
    }

    /// The instants of an occurrence starting at `local` in `zone`.
    fn span(local: NaiveDateTime, zone: &Zone, length: Length) -> Option<(i64, i64)> {
        let start = zone.instant(local);
        let end = if length.days == 0 {
            start.checked_add(length.seconds)?
        } else {
            let day = u64::try_from(length.days).ok()?;
            let end_day = local.checked_add_days(chrono::Days::new(day))?;
            zone.instant(end_day).checked_add(length.seconds)?
        };
        Some((start, end))
    }

    fn group(&mut self, group: &Group) -> Result<(), ExpandError> {
        let mut excluded = Exclusions::default();
        // The zone and kind of the series, for reading RECURRENCE-IDs that
        // lack a TZID, as lazy exporters write them.
        let series_start = group
            .series
            .first()
            .filter(|_| !group.overrides.is_empty())
            .and_then(|e| event::first(e, "DTSTART"))
            .and_then(|p| {
                let member = self.zones.member();
                event::when(p, &mut self.zones, &member)
            });
        let (series_zone, all_day) = series_start
            .as_ref()
            .map_or((self.zones.member(), false), |w| (w.zone.clone(), w.date));

        for o in &group.overrides {
            let uid = event::uid(o);
            let rid = event::first(o, "RECURRENCE-ID")
                .and_then(|p| event::when(p, &mut self.zones, &series_zone));
            let Some(rid) = rid else {
                self.warn(uid, SkipReason::BadRecurrenceId);
                continue;
            };
            // Moved, cancelled or made free: the original occurrence goes.
            excluded.add(&rid, all_day);
            if event::is_cancelled(o) || event::is_free(o) {
                continue;
            }
            match self.timing(o) {
                Ok(t) => {
                    if let Some((s, e)) = Self::span(t.start.local, &t.start.zone, t.length) {
                        self.push(s, e)?;
                    }
                }
                Err(reason) => self.warn(uid, reason),
            }
        }

        for e in &group.series {
            if event::is_cancelled(e) || event::is_free(e) {
                continue;
            }
            match self.series(e, &excluded) {
                Ok(()) => {}
                Err(Skip::Event(reason)) => self.warn(event::uid(e), reason),
                Err(Skip::Calendar(err)) => return Err(err),
            }
        }
        Ok(())
    }

    /// The occurrences of one series in the window.
    fn series(&mut self, e: &IcalEvent, overridden: &Exclusions) -> Result<(), Skip> {
        let Timing { start, length } = self.timing(e).map_err(Skip::Event)?;
        let all_day = start.date;

        let mut excluded = Exclusions::default();
        for p in event::all(e, "EXDATE") {
            for v in p.value.as_deref().unwrap_or_default().split(',') {
                // An EXDATE that cannot be read excludes nothing: better
                // busy than double-booked.
                if let Some(m) = value::moment(v) {
                    let w = event::when_of(m, p, &mut self.zones, &start.zone);
                    excluded.add(&w, all_day);
                }
            }
        }
        let is_out = |instant: i64, local: NaiveDateTime| {
            let date = local.date();
            excluded.contains(instant, date, all_day) || overridden.contains(instant, date, all_day)
        };

        // DTSTART and the RRULE occurrences, all on the series' wall clock.
        let mut locals = vec![start.local];
        let rules: Vec<recur::Rule> = event::all(e, "RRULE")
            .map(|p| p.value.as_deref().and_then(recur::parse))
            .collect::<Option<_>>()
            .ok_or(Skip::Event(SkipReason::BadRule))?;
        let range = self.window.local_range(length);
        for rule in &rules {
            let until = rule.until.map(|u| match u {
                Moment::Utc(t) => start.zone.local(t.and_utc().timestamp()).unwrap_or(t),
                Moment::Local(t) => t,
                // UNTIL as a date on a timed series: the whole day counts.
                Moment::Date(d) if !all_day => {
                    d.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
                }
                Moment::Date(d) => d.and_time(NaiveTime::MIN),
            });
            recur::occurrences(
                rule,
                start.local,
                until,
                range,
                &mut self.budget,
                &mut locals,
            )
            .map_err(|e| match e {
                RecurError::BadRule => Skip::Event(SkipReason::BadRule),
                RecurError::TooManyInstances => Skip::Event(SkipReason::TooManyInstances),
                RecurError::Exhausted => Skip::Calendar(ExpandError::TooManyOccurrences),
            })?;
        }
        locals.sort_unstable();
        locals.dedup();
        for local in locals {
            if let Some((s, end)) = Self::span(local, &start.zone, length)
                && !is_out(s, local)
            {
                self.push(s, end).map_err(Skip::Calendar)?;
            }
        }

        // RDATEs: extra occurrences, each possibly in its own zone and, as
        // a PERIOD, with its own end.
        for p in event::all(e, "RDATE") {
            for v in p.value.as_deref().unwrap_or_default().split(',') {
                let (at, own_length) = match value::period(v) {
                    Some((m, end)) => {
                        let w = event::when_of(m, p, &mut self.zones, &start.zone);
                        let own = match end {
                            PeriodEnd::After(l) => Some(l),
                            PeriodEnd::At(m) => {
                                let end = event::when_of(m, p, &mut self.zones, &start.zone);
                                Some(Length::exact(end.instant() - w.instant()))
                            }
                        };
                        (w, own)
                    }
                    None => match value::moment(v) {
                        Some(m) => (event::when_of(m, p, &mut self.zones, &start.zone), None),
                        None => continue,
                    },
                };
                let length = own_length.unwrap_or(length);
                if length.is_negative() {
                    continue;
                }
                if let Some((s, end)) = Self::span(at.local, &at.zone, length)
                    && !is_out(s, at.local)
                {
                    self.push(s, end).map_err(Skip::Calendar)?;
                }
            }
        }
        Ok(())
    }
}

/// What leaving out a series means: a warning, or the end of the calendar.
enum Skip {
    Event(SkipReason),
    Calendar(ExpandError),
}
