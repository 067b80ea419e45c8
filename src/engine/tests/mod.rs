//! The engine's tests: hand-computed cases and properties, with the
//! builders both use.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap()
        .timestamp()
}

fn hm(h: u16, m: u16) -> u16 {
    h * 60 + m
}

fn week(day: usize, hours: &[(u16, u16)], breaks: &[(u16, u16)]) -> Week {
    let mut w = Week::default();
    w.hours[day] = hours
        .iter()
        .map(|&(start, end)| LocalInterval { start, end })
        .collect();
    w.breaks[day] = breaks
        .iter()
        .map(|&(start, end)| LocalInterval { start, end })
        .collect();
    w
}

fn host(tz: &str, week: Week) -> HostInput {
    HostInput {
        timezone: tz.parse::<Tz>().unwrap(),
        week,
        unavailable: vec![],
        busy: vec![],
        bookings: vec![],
    }
}

fn rules(minutes: i64) -> PageRules {
    PageRules {
        duration: minutes * 60,
        step: minutes * 60,
        buffer_before: 0,
        buffer_after: 0,
        min_notice: 0,
        horizon: 400 * 86_400,
        assignment: Assignment::Single,
        allow_overlap: false,
    }
}

fn day_window(y: i32, mo: u32, d: u32) -> Span {
    Span::new(
        utc(y, mo, d, 0, 0) - 86_400,
        utc(y, mo, d, 0, 0) + 2 * 86_400,
    )
}

fn starts(s: &[Slot]) -> Vec<i64> {
    s.iter().map(|s| s.start).collect()
}

/// 2027-01-01T00:00Z, before every test date and within the horizon.
const NOW: i64 = 1_798_761_600;

mod cases;
mod properties;
