//! "This week" in the organization's time zone: Monday 00:00 to the next
//! Monday 00:00 there. The admins' dashboard counts the week's bookings
//! and the bookings list shows the same week, so the number and the list
//! it links to always agree.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::list::LONGEST;
use crate::error::AppError;
use crate::policy::Admin;
use crate::store::{self, Store};

/// A week, Monday to Sunday, in one time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: NaiveDate,
    pub tz: Tz,
}

impl Week {
    /// The week that holds `day`.
    pub fn containing(day: NaiveDate, tz: Tz) -> Week {
        let back = i64::from(day.weekday().num_days_from_monday());
        Week {
            monday: day - Duration::days(back),
            tz,
        }
    }

    /// The week that holds `now` in `tz`.
    pub fn of(now: DateTime<Utc>, tz: Tz) -> Week {
        Week::containing(now.with_timezone(&tz).date_naive(), tz)
    }

    pub fn sunday(&self) -> NaiveDate {
        self.monday + Duration::days(6)
    }

    /// From Monday's midnight up to (not including) the next Monday's, as
    /// instants. A midnight that does not exist (a DST jump at 00:00) is
    /// the first instant of that day.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            midnight(self.monday, self.tz),
            midnight(self.monday + Duration::days(7), self.tz),
        )
    }
}

/// The organization's time zone, in which "this week" is meant (UTC
/// before setup, or for a zone the database does not know).
pub fn org_zone(store: &Store) -> Result<Tz, AppError> {
    let org = store.organization_shared()?;
    Ok(org
        .as_ref()
        .as_ref()
        .and_then(|o| o.default_timezone.parse().ok())
        .unwrap_or(chrono_tz::UTC))
}

fn midnight(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN);
    tz.from_local_datetime(&local).earliest().map_or_else(
        || {
            // Midnight skipped: the day starts at the first hour that exists.
            (1..=3)
                .filter_map(|h| {
                    tz.from_local_datetime(&(local + Duration::hours(h)))
                        .earliest()
                })
                .next()
                .map_or_else(|| local.and_utc(), |d| d.with_timezone(&Utc))
        },
        |d| d.with_timezone(&Utc),
    )
}

/// Confirmed bookings of the week, counted as the bookings list shows
/// them: those starting in it, and those that started before Monday and
/// are still running then. Key-only reads of the start index, plus at
/// most a day of bookings before Monday: cheap however many bookings the
/// store keeps.
pub fn confirmed_in(store: &Store, _admin: Admin<'_>, week: &Week) -> Result<usize, AppError> {
    let (from, to) = week.bounds();
    let (from, to) = (from.timestamp(), to.timestamp());
    let txn = store.read()?;
    let starting = store::booking_ids_starting_in(&txn, from, to)?.len();
    let reader = store::booking_reader(&txn)?;
    let mut running = 0;
    for id in store::booking_ids_starting_in(&txn, from - LONGEST, from)? {
        if reader.get(&id)?.is_some_and(|b| b.end.timestamp() > from) {
            running += 1;
        }
    }
    Ok(starting + running)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_sunday_in_its_zone() {
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        for d in ["2027-03-01", "2027-03-04", "2027-03-07"] {
            let w = Week::containing(day(d), tokyo);
            assert_eq!(w.monday, day("2027-03-01"), "{d}");
            assert_eq!(w.sunday(), day("2027-03-07"));
        }
        let (from, to) = Week::containing(day("2027-03-03"), tokyo).bounds();
        assert_eq!(from.to_rfc3339(), "2027-02-28T15:00:00+00:00");
        assert_eq!(to - from, Duration::days(7));
        // Sunday 23:30 UTC is already Monday in Tokyo: the next week there.
        let late = Utc.with_ymd_and_hms(2027, 3, 7, 23, 30, 0).unwrap();
        assert_eq!(Week::of(late, tokyo).monday, day("2027-03-08"));
        assert_eq!(Week::of(late, chrono_tz::UTC).monday, day("2027-03-01"));
    }

    #[test]
    fn a_week_across_a_dst_change_keeps_local_midnights() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // Summer time starts on Sunday 28 March 2027: the week is an hour short.
        let (from, to) = Week::containing(day("2027-03-24"), paris).bounds();
        assert_eq!(from.to_rfc3339(), "2027-03-21T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2027-03-28T22:00:00+00:00");
        // Santiago skips midnight itself (00:00 → 01:00) in September: the
        // day starts at 01:00.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        assert_eq!(
            midnight(day("2027-09-05"), santiago).to_rfc3339(),
            "2027-09-05T04:00:00+00:00"
        );
    }
}
