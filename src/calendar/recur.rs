//! RRULE expansion on the wall clock, with the `rrule` crate.
//!
//! Recurrence in RFC 5545 is defined on local time ("every Monday at
//! 09:00" stays at 09:00 across DST), so rules are expanded on naive
//! wall-clock times (the crate is handed them as UTC, which has no DST) and
//! the caller maps each occurrence to an instant with the event's zone.
//! That also makes the DST gap and fold policy ours, not the crate's, and
//! lets a custom VTIMEZONE, which the crate cannot represent, recur too.
//!
//! Two things are done around the crate:
//! - UNTIL is read here, not by the crate: the crate reads an UNTIL
//!   without `Z` in the machine's own time zone. The caller converts it to
//!   the event's wall clock.
//! - A series without COUNT is fast-forwarded: its DTSTART is moved by a
//!   whole number of intervals to just before the window, so a daily event
//!   since 1990 costs the days of the window, not 13,000 steps. The day
//!   parts the crate would take from DTSTART (BYMONTHDAY, BYMONTH, BYDAY)
//!   are pinned first, so the moved start changes no occurrence. A COUNT
//!   series has to be walked from its start (the count runs from there);
//!   a step budget bounds that walk.

use chrono::{Datelike, Duration, Month, NaiveDate, NaiveDateTime, TimeZone};
use rrule::{Frequency, NWeekday, RRule, Tz, Unvalidated};

use super::value::Moment;

/// Steps one series may take before it reaches the end of the window.
const SERIES_STEPS: u64 = 100_000;

/// What a series that ends without giving anything is charged: a rule
/// that never matches (the 30th of February) makes the crate search up to
/// its own limit of 100,000 empty steps (5 to 20 ms) before it gives up,
/// and nothing here can stop it sooner; charging it to the calendar's
/// budget ends a feed of such rules after a few dozen.
const FRUITLESS_SEARCH: u64 = 100_000;

/// The rule parts the crate understands; others (`X-` extensions) are
/// dropped instead of failing the event. UNTIL is taken out beforehand.
const PARTS: [&str; 13] = [
    "FREQ",
    "INTERVAL",
    "COUNT",
    "WKST",
    "BYSETPOS",
    "BYMONTH",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYDAY",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
];

/// A parsed RRULE, its UNTIL kept apart.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    inner: RRule<Unvalidated>,
    pub(crate) until: Option<Moment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecurError {
    /// The crate rejects the rule.
    BadRule,
    /// This series needs more than [`SERIES_STEPS`] steps.
    TooManyInstances,
    /// The whole calendar ran out of steps.
    Exhausted,
}

/// Recurrence steps left for the whole calendar.
#[derive(Debug)]
pub(crate) struct Budget {
    steps: u64,
}

impl Budget {
    pub(crate) fn new(steps: u64) -> Budget {
        Budget { steps }
    }

    fn take(&mut self, steps: u64) -> Result<(), RecurError> {
        self.steps = self.steps.checked_sub(steps).ok_or(RecurError::Exhausted)?;
        Ok(())
    }
}

/// Reads an RRULE value (`FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=...`).
pub(crate) fn parse(value: &str) -> Option<Rule> {
    let mut until = None;
    let mut kept = Vec::new();
    for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, val) = part.split_once('=')?;
        let key = key.trim();
        // A ':' would make the crate read the text as a whole content line.
        if val.contains(':') {
            return None;
        }
        if key.eq_ignore_ascii_case("UNTIL") {
            until = Some(super::value::moment(val)?);
        } else if PARTS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            kept.push(part);
        }
    }
    let inner: RRule<Unvalidated> = kept.join(";").parse().ok()?;
    Some(Rule { inner, until })
}

fn as_crate_time(t: NaiveDateTime) -> chrono::DateTime<Tz> {
    Tz::UTC.from_utc_datetime(&t)
}

/// Makes explicit what the crate would otherwise take from DTSTART, so
/// that moving DTSTART does not move the occurrences.
fn pin(rule: RRule<Unvalidated>, start: NaiveDateTime) -> RRule<Unvalidated> {
    let has_day_parts = !rule.get_by_week_no().is_empty()
        || !rule.get_by_year_day().is_empty()
        || !rule.get_by_month_day().is_empty()
        || !rule.get_by_weekday().is_empty();
    if has_day_parts {
        return rule;
    }
    // The day of a month is 1..=31 and fits in i8.
    let day = i8::try_from(start.day()).unwrap_or(1);
    match rule.get_freq() {
        Frequency::Yearly => {
            let rule = if rule.get_by_month().is_empty() {
                let month = u8::try_from(start.month())
                    .ok()
                    .and_then(|m| Month::try_from(m).ok())
                    .unwrap_or(Month::January);
                rule.by_month(&[month])
            } else {
                rule
            };
            rule.by_month_day(vec![day])
        }
        Frequency::Monthly => rule.by_month_day(vec![day]),
        Frequency::Weekly => rule.by_weekday(vec![NWeekday::Every(start.weekday())]),
        _ => rule,
    }
}

/// The latest start at or before `lo` that is a whole number of intervals
/// after `start`, at `start`'s time of day (the first of its month or year
/// for monthly and yearly rules, whose day parts are pinned).
fn fast_forward(
    freq: Frequency,
    interval: u16,
    start: NaiveDateTime,
    lo: NaiveDateTime,
) -> NaiveDateTime {
    if lo <= start {
        return start;
    }
    let interval = i64::from(interval.max(1));
    let unit = match freq {
        Frequency::Weekly => Some(7 * 86_400),
        Frequency::Daily => Some(86_400),
        Frequency::Hourly => Some(3_600),
        Frequency::Minutely => Some(60),
        Frequency::Secondly => Some(1),
        Frequency::Monthly | Frequency::Yearly => None,
    };
    if let Some(unit) = unit {
        let step = interval * unit;
        let k = (lo - start).num_seconds() / step;
        return k
            .checked_mul(step)
            .and_then(|s| start.checked_add_signed(Duration::seconds(s)))
            .unwrap_or(start);
    }
    let months = |t: NaiveDateTime| i64::from(t.year()) * 12 + i64::from(t.month0());
    let moved = if freq == Frequency::Monthly {
        let k = (months(lo) - months(start)) / interval;
        let m = months(start) + k * interval;
        i32::try_from(m.div_euclid(12))
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, u32::try_from(m.rem_euclid(12)).ok()? + 1, 1))
    } else {
        let k = i64::from(lo.year() - start.year()) / interval;
        i32::try_from(i64::from(start.year()) + k * interval)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    };
    match moved {
        Some(d) if d.and_time(start.time()) > start => d.and_time(start.time()),
        _ => start,
    }
}

/// Appends to `out` the occurrences of `rule` (started at `start`, ending
/// at `until` on the same wall clock) that fall in `[lo, hi)`. DTSTART
/// itself is not added unless the rule generates it: the caller adds it.
pub(crate) fn occurrences(
    rule: &Rule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    (lo, hi): (NaiveDateTime, NaiveDateTime),
    budget: &mut Budget,
    out: &mut Vec<NaiveDateTime>,
) -> Result<(), RecurError> {
    if hi <= lo || until.is_some_and(|u| u < lo) {
        return Ok(());
    }
    let mut inner = pin(rule.inner.clone(), start);
    let from = if inner.get_count().is_some() {
        start
    } else {
        fast_forward(inner.get_freq(), inner.get_interval(), start, lo)
    };
    if let Some(until) = until {
        if until < from {
            return Ok(());
        }
        inner = inner.until(as_crate_time(until));
    }
    let set = inner
        .build(as_crate_time(from))
        .map_err(|_| RecurError::BadRule)?
        // The crate's own guard: stop after 100,000 empty steps (a rule
        // that never matches, like the 30th of February).
        .limit();
    let mut steps = 0u64;
    for occurrence in &set {
        let at = occurrence.naive_utc();
        if at >= hi {
            return Ok(());
        }
        steps += 1;
        if steps > SERIES_STEPS {
            return Err(RecurError::TooManyInstances);
        }
        budget.take(1)?;
        if at >= lo {
            out.push(at);
        }
    }
    // The crate stopped by itself: the series ended (COUNT, UNTIL), or it
    // searched in vain.
    if steps == 0 {
        budget.take(FRUITLESS_SEARCH)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn expand(
        rule: &str,
        start: NaiveDateTime,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let rule = parse(rule).unwrap();
        let until = rule.until.map(Moment::naive);
        let mut out = Vec::new();
        occurrences(
            &rule,
            start,
            until,
            (lo, hi),
            &mut Budget::new(1_000_000),
            &mut out,
        )
        .unwrap();
        out
    }

    /// The same rule expanded from its start, to compare the fast path to.
    fn slow(
        rule: &str,
        start: NaiveDateTime,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let rule = parse(rule).unwrap();
        let mut inner = rule.inner.clone();
        if let Some(until) = rule.until {
            inner = inner.until(as_crate_time(until.naive()));
        }
        let set = inner.build(as_crate_time(start)).unwrap();
        (&set)
            .into_iter()
            .map(|t| t.naive_utc())
            .take_while(|t| *t < hi)
            .filter(|t| *t >= lo)
            .collect()
    }

    #[test]
    fn fast_forward_changes_no_occurrence() {
        let lo = dt(2026, 3, 1, 0, 0);
        let hi = dt(2026, 6, 1, 0, 0);
        for (rule, start) in [
            ("FREQ=DAILY", dt(1990, 1, 1, 9, 0)),
            ("FREQ=DAILY;INTERVAL=3", dt(1990, 1, 1, 9, 0)),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", dt(2001, 5, 3, 7, 30)),
            ("FREQ=WEEKLY", dt(2001, 5, 3, 7, 30)),
            ("FREQ=MONTHLY", dt(2003, 1, 31, 10, 0)),
            ("FREQ=MONTHLY;INTERVAL=5", dt(2003, 1, 15, 10, 0)),
            (
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                dt(2010, 7, 30, 16, 0),
            ),
            ("FREQ=MONTHLY;BYDAY=2TU", dt(2010, 7, 13, 16, 0)),
            ("FREQ=YEARLY", dt(1980, 4, 12, 0, 0)),
            ("FREQ=YEARLY;INTERVAL=2", dt(1980, 4, 12, 0, 0)),
            ("FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU", dt(1995, 4, 30, 2, 0)),
            ("FREQ=HOURLY;INTERVAL=7", dt(2025, 12, 30, 1, 15)),
            ("FREQ=WEEKLY;UNTIL=20260415T000000", dt(2020, 1, 1, 12, 0)),
        ] {
            assert_eq!(
                expand(rule, start, lo, hi),
                slow(rule, start, lo, hi),
                "{rule} from {start}"
            );
            assert!(!expand(rule, start, lo, hi).is_empty(), "{rule}");
        }
    }

    #[test]
    fn a_daily_series_since_1990_takes_the_steps_of_the_window_only() {
        let rule = parse("FREQ=DAILY").unwrap();
        let mut budget = Budget::new(1_000);
        let mut out = Vec::new();
        let window = (dt(2026, 3, 1, 0, 0), dt(2026, 4, 1, 0, 0));
        occurrences(
            &rule,
            dt(1990, 1, 1, 9, 0),
            None,
            window,
            &mut budget,
            &mut out,
        )
        .unwrap();
        assert_eq!(out.len(), 31);
        assert!(
            budget.steps >= 1_000 - 33,
            "{} steps taken",
            1_000 - budget.steps
        );
    }

    #[test]
    fn count_runs_from_the_start() {
        let out = expand(
            "FREQ=WEEKLY;COUNT=3",
            dt(2026, 1, 5, 9, 0),
            dt(2026, 1, 10, 0, 0),
            dt(2027, 1, 1, 0, 0),
        );
        assert_eq!(out, vec![dt(2026, 1, 12, 9, 0), dt(2026, 1, 19, 9, 0)]);
    }

    #[test]
    fn until_is_inclusive_on_the_wall_clock() {
        let out = expand(
            "FREQ=DAILY;UNTIL=20260107T090000",
            dt(2026, 1, 5, 9, 0),
            dt(2026, 1, 1, 0, 0),
            dt(2027, 1, 1, 0, 0),
        );
        assert_eq!(
            out,
            vec![
                dt(2026, 1, 5, 9, 0),
                dt(2026, 1, 6, 9, 0),
                dt(2026, 1, 7, 9, 0)
            ]
        );
    }

    #[test]
    fn bysetpos_picks_the_last_workday_of_the_month() {
        let out = expand(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            dt(2026, 1, 30, 16, 0),
            dt(2026, 1, 1, 0, 0),
            dt(2027, 1, 1, 0, 0),
        );
        assert_eq!(
            out,
            vec![
                dt(2026, 1, 30, 16, 0),
                dt(2026, 2, 27, 16, 0),
                dt(2026, 3, 31, 16, 0)
            ]
        );
    }

    #[test]
    fn unknown_parts_are_dropped_and_broken_rules_refused() {
        assert!(parse("FREQ=WEEKLY;X-NAME=1;BYDAY=MO").is_some());
        assert!(parse("FREQ=WEEKLY;;").is_some());
        for bad in [
            "",
            "BYDAY=MO",
            "FREQ=SOMETIMES",
            "FREQ",
            "FREQ=DAILY;UNTIL=tomorrow",
            "FREQ=DAILY;BYDAY=MO:X",
            "FREQ=DAILY;INTERVAL=99999999",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_rule_the_crate_rejects_is_bad() {
        let rule = parse("FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=0").unwrap();
        let mut out = Vec::new();
        let got = occurrences(
            &rule,
            dt(2026, 1, 1, 9, 0),
            None,
            (dt(2026, 1, 1, 0, 0), dt(2026, 6, 1, 0, 0)),
            &mut Budget::new(1_000),
            &mut out,
        );
        assert_eq!(got, Err(RecurError::BadRule));
    }

    #[test]
    fn a_long_count_walk_stops_at_the_series_limit() {
        let rule = parse("FREQ=MINUTELY;COUNT=4000000000").unwrap();
        let mut out = Vec::new();
        let got = occurrences(
            &rule,
            dt(1990, 1, 1, 0, 0),
            None,
            (dt(2026, 1, 1, 0, 0), dt(2026, 6, 1, 0, 0)),
            &mut Budget::new(10_000_000),
            &mut out,
        );
        assert_eq!(got, Err(RecurError::TooManyInstances));
    }
}
