//! Why a booking page offers no times in a window (a month, a day), so the
//! guest reads one true reason instead of a bare "nothing free".
//!
//! The reason is found by lifting the page's limits and seeing whether
//! times appear. With the bookings, the time off and both caps lifted and
//! still nothing, the window itself is the reason: the notice, then the
//! horizon, else nobody works on those days. When lifting them brings
//! times, the most sweeping limit that blocks the window on its own is
//! named: the open booking cap (it closes every day), then the daily caps,
//! and otherwise "taken", which is also what a mix of them is. So the
//! guest reads one true reason, and the one that tells them the most
//! about where else to look.

use chrono::{DateTime, Utc};

use super::availability;
use super::rules::{SlotQuery, rules, serving, window};
use crate::domain::BookingPage;
use crate::engine::{self, HostInput, PageRules, Span};
use crate::error::AppError;
use crate::store::{self, Store};

/// Why a window has no times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTimes {
    /// Nobody can take bookings on this page now (a host cannot serve it).
    NoHost,
    /// The window is over.
    Past,
    /// The times left are closer than the page's notice.
    Notice { minutes: u32 },
    /// The window lies beyond how far ahead the page takes bookings.
    Horizon { days: u32 },
    /// Nobody works on those days.
    NoHours,
    /// The hosts reached their open booking cap: no new bookings until
    /// some of the upcoming ones are over.
    OpenCap,
    /// The days with free time reached their daily booking cap.
    DailyCap,
    /// Every free time is taken (bookings, time off, busy times).
    Booked,
}

/// The hosts as they are, then with one more of their limits lifted.
fn lift(hosts: &[HostInput], f: impl Fn(&mut HostInput)) -> Vec<HostInput> {
    hosts
        .iter()
        .cloned()
        .map(|mut h| {
            f(&mut h);
            h
        })
        .collect()
}

/// A window wholly over, or wholly beyond the horizon: known without
/// looking at anyone's calendar.
fn outside(r: &PageRules, window: Span, now: i64) -> Option<NoTimes> {
    if window.end <= now {
        return Some(NoTimes::Past);
    }
    if window.start > now + r.horizon {
        return Some(NoTimes::Horizon {
            days: (r.horizon / 86_400) as u32,
        });
    }
    None
}

/// The reason `window` has no times for these hosts and rules, or None
/// when it has some. Pure: the caller gathers the hosts.
pub fn reason(hosts: &[HostInput], r: &PageRules, window: Span, now: i64) -> Option<NoTimes> {
    if hosts.is_empty() {
        return Some(NoTimes::NoHost);
    }
    if let Some(outside) = outside(r, window, now) {
        return Some(outside);
    }
    let horizon_days = (r.horizon / 86_400) as u32;
    let any = |hosts: &[HostInput], r: &PageRules| !engine::slots(hosts, r, window, now).is_empty();
    if any(hosts, r) {
        return None;
    }
    // Bookings still count towards the caps when overlapping is allowed;
    // they just stop taking the time.
    let overlap = PageRules {
        allow_overlap: true,
        ..*r
    };
    let no_time_off = lift(hosts, |h| {
        h.unavailable.clear();
        h.busy.clear();
    });
    let no_caps = |h: &mut HostInput| {
        h.week.open_booking_cap = None;
        h.week.daily_caps = [None; 7];
    };
    let free = lift(&no_time_off, no_caps);
    if any(&free, &overlap) {
        let open_cap_only = lift(&no_time_off, |h| h.week.daily_caps = [None; 7]);
        if !any(&open_cap_only, &overlap) {
            return Some(NoTimes::OpenCap);
        }
        let daily_caps_only = lift(&no_time_off, |h| h.week.open_booking_cap = None);
        if !any(&daily_caps_only, &overlap) {
            return Some(NoTimes::DailyCap);
        }
        return Some(NoTimes::Booked);
    }
    let soon = PageRules {
        min_notice: 0,
        ..overlap
    };
    if r.min_notice > 0 && any(&free, &soon) {
        return Some(NoTimes::Notice {
            minutes: (r.min_notice / 60) as u32,
        });
    }
    // Far enough to hold the whole window.
    let far = PageRules {
        horizon: (window.end - now).max(r.horizon),
        ..soon
    };
    if any(&free, &far) {
        return Some(NoTimes::Horizon { days: horizon_days });
    }
    Some(NoTimes::NoHours)
}

/// Why the enabled `page` has no times in the days of `q`, or None when it
/// has some. Read straight from the store: this runs only for an empty
/// month or day, so it keeps no cache of its own.
pub fn why(
    store: &Store,
    video_pattern: &str,
    page: &BookingPage,
    q: &SlotQuery,
    now: DateTime<Utc>,
) -> Result<Option<NoTimes>, AppError> {
    let members = store.hosts_shared()?;
    let hosts = serving(page, &members, video_pattern);
    if hosts.is_empty() {
        return Ok(Some(NoTimes::NoHost));
    }
    let allow_overlap = store.organization()?.is_some_and(|o| o.allow_overlap);
    let r = rules(page, allow_overlap);
    let now = now.timestamp();
    let w = window(q);
    // A crawler walking far months costs no calendar reads.
    if let Some(outside) = outside(&r, w, now) {
        return Ok(Some(outside));
    }
    let txn = store.read()?;
    let cal = store::calendars(&txn)?;
    // From before the window and before now (the open cap counts every
    // upcoming booking), as the slot cache reads them.
    let from = w.start.min(now) - 2 * 86_400;
    let inputs = hosts
        .iter()
        .map(|m| availability::gather(&cal, m, from, i64::MAX))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(reason(&inputs, &r, w, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Assignment, Booked, LocalInterval, Week};

    const DAY: i64 = 86_400;
    const HOUR: i64 = 3_600;
    /// Monday 1 March 2027, 00:00 UTC.
    const MONDAY: i64 = 1_803_859_200;

    /// 09:00–17:00 UTC every day.
    fn host() -> HostInput {
        let nine_to_five = vec![LocalInterval {
            start: 9 * 60,
            end: 17 * 60,
        }];
        HostInput {
            timezone: chrono_tz::UTC,
            week: Week {
                hours: std::array::from_fn(|_| nine_to_five.clone()),
                ..Week::default()
            },
            unavailable: Vec::new(),
            busy: Vec::new(),
            bookings: Vec::new(),
        }
    }

    fn page_rules() -> PageRules {
        PageRules {
            duration: HOUR,
            step: HOUR,
            buffer_before: 0,
            buffer_after: 0,
            min_notice: 0,
            horizon: 30 * DAY,
            assignment: Assignment::Single,
            allow_overlap: false,
        }
    }

    /// Day `d` (0 = the Monday) as a window.
    fn day(d: i64) -> Span {
        Span::new(MONDAY + d * DAY, MONDAY + (d + 1) * DAY)
    }

    fn booked(start: i64, end: i64) -> Booked {
        Booked {
            span: Span::new(start, end),
            buffer_before: 0,
            buffer_after: 0,
        }
    }

    #[test]
    fn a_day_with_times_has_no_reason() {
        assert_eq!(reason(&[host()], &page_rules(), day(2), MONDAY), None);
    }

    #[test]
    fn no_host_past_and_beyond_the_horizon() {
        let r = page_rules();
        assert_eq!(reason(&[], &r, day(2), MONDAY), Some(NoTimes::NoHost));
        assert_eq!(
            reason(&[host()], &r, day(2), MONDAY + 5 * DAY),
            Some(NoTimes::Past)
        );
        assert_eq!(
            reason(&[host()], &r, day(40), MONDAY),
            Some(NoTimes::Horizon { days: 30 })
        );
    }

    #[test]
    fn a_day_off_is_no_hours_not_booked() {
        let mut h = host();
        h.week.hours[2].clear();
        // Even fully booked around it, the free day has no hours.
        h.bookings
            .push(booked(MONDAY + DAY + 9 * HOUR, MONDAY + DAY + 17 * HOUR));
        assert_eq!(
            reason(&[h], &page_rules(), day(2), MONDAY),
            Some(NoTimes::NoHours)
        );
    }

    #[test]
    fn a_full_day_is_booked_and_a_capped_one_is_capped() {
        let mut full = host();
        let start = MONDAY + 2 * DAY;
        full.bookings
            .push(booked(start + 9 * HOUR, start + 17 * HOUR));
        assert_eq!(
            reason(&[full], &page_rules(), day(2), MONDAY),
            Some(NoTimes::Booked)
        );

        let mut capped = host();
        capped.week.daily_caps[2] = Some(1);
        capped
            .bookings
            .push(booked(start + 9 * HOUR, start + 10 * HOUR));
        assert_eq!(
            reason(&[capped], &page_rules(), day(2), MONDAY),
            Some(NoTimes::DailyCap)
        );
    }

    #[test]
    fn the_open_cap_wins_over_the_daily_cap() {
        let mut h = host();
        h.week.open_booking_cap = Some(1);
        h.week.daily_caps[2] = Some(1);
        let start = MONDAY + 2 * DAY;
        h.bookings.push(booked(start + 9 * HOUR, start + 10 * HOUR));
        assert_eq!(
            reason(&[h], &page_rules(), day(2), MONDAY),
            Some(NoTimes::OpenCap)
        );
    }

    #[test]
    fn times_too_soon_are_the_notice() {
        // Monday 15:00, two days' notice: Tuesday is too soon.
        let r = PageRules {
            min_notice: 2 * DAY,
            ..page_rules()
        };
        let now = MONDAY + 15 * HOUR;
        assert_eq!(
            reason(&[host()], &r, day(1), now),
            Some(NoTimes::Notice {
                minutes: 2 * 24 * 60
            })
        );
        // And what is left of today is too: past is only a day that is over.
        assert_eq!(
            reason(&[host()], &r, day(0), now),
            Some(NoTimes::Notice {
                minutes: 2 * 24 * 60
            })
        );
    }

    #[test]
    fn a_window_reaching_past_the_horizon_with_only_far_hours_is_the_horizon() {
        // Hours only on Sundays; the horizon ends before the first one.
        let mut h = host();
        for d in 0..6 {
            h.week.hours[d].clear();
        }
        let r = PageRules {
            horizon: 3 * DAY,
            ..page_rules()
        };
        let week = Span::new(MONDAY, MONDAY + 7 * DAY);
        assert_eq!(
            reason(&[h], &r, week, MONDAY),
            Some(NoTimes::Horizon { days: 3 })
        );
    }

    #[test]
    fn round_robin_is_booked_only_when_every_host_is() {
        let r = PageRules {
            assignment: Assignment::RoundRobin,
            ..page_rules()
        };
        let start = MONDAY + 2 * DAY;
        let mut busy = host();
        busy.bookings
            .push(booked(start + 9 * HOUR, start + 17 * HOUR));
        assert_eq!(reason(&[busy.clone(), host()], &r, day(2), MONDAY), None);
        let mut off = host();
        off.week.hours[2].clear();
        // One host booked, the other off: lifting bookings brings times.
        assert_eq!(
            reason(&[busy.clone(), off], &r, day(2), MONDAY),
            Some(NoTimes::Booked)
        );
        // One booked, the other at the open cap: neither limit alone
        // closes the day, so it reads as taken.
        let mut capped = host();
        capped.week.open_booking_cap = Some(1);
        capped
            .bookings
            .push(booked(start + 20 * DAY, start + 20 * DAY + HOUR));
        assert_eq!(
            reason(&[busy, capped.clone()], &r, day(2), MONDAY),
            Some(NoTimes::Booked)
        );
        // Both at the open cap: that is the reason.
        assert_eq!(
            reason(&[capped.clone(), capped], &r, day(2), MONDAY),
            Some(NoTimes::OpenCap)
        );
    }

    #[test]
    fn time_off_reads_as_taken() {
        let mut h = host();
        let start = MONDAY + 2 * DAY;
        h.unavailable.push(Span::new(start, start + DAY));
        assert_eq!(
            reason(&[h], &page_rules(), day(2), MONDAY),
            Some(NoTimes::Booked)
        );
    }
}
