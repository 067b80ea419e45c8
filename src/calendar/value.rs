//! The value types of RFC 5545 that busy times need: DATE, DATE-TIME (UTC
//! or local), DURATION and PERIOD. The `ical` crate hands values over as
//! text; these read them strictly (ASCII digits in fixed places), so that
//! no lenient date parser guesses at a broken value.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The years an event may be in: Outlook writes 1601 for "since ever",
/// and beyond 9999 the recurrence library and chrono stop agreeing.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A DATE or DATE-TIME value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    /// `20240105`: a whole day, in the member's zone.
    Date(NaiveDate),
    /// `20240105T090000`: a wall-clock time, in its TZID's zone or
    /// (without one) floating.
    Local(NaiveDateTime),
    /// `20240105T090000Z`.
    Utc(NaiveDateTime),
}

impl Moment {
    /// The wall-clock reading: midnight for a date.
    pub(crate) fn naive(self) -> NaiveDateTime {
        match self {
            Moment::Date(d) => d.and_time(NaiveTime::MIN),
            Moment::Local(t) | Moment::Utc(t) => t,
        }
    }

    pub(crate) fn is_date(self) -> bool {
        matches!(self, Moment::Date(_))
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |n, d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

fn date(s: &[u8]) -> Option<NaiveDate> {
    if s.len() != 8 {
        return None;
    }
    let year = i32::try_from(digits(&s[..4])?).ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, digits(&s[4..6])?, digits(&s[6..8])?)
}

fn time(s: &[u8]) -> Option<NaiveTime> {
    if s.len() != 6 {
        return None;
    }
    let second = digits(&s[4..6])?;
    // A leap second (60) is read as the last second of its minute: chrono
    // has no 60th second outside its own leap representation.
    NaiveTime::from_hms_opt(digits(&s[..2])?, digits(&s[2..4])?, second.min(59))
}

/// Reads one DATE or DATE-TIME value. `VALUE=DATE` is not needed: the
/// shape of the value tells (8 characters, or 15 with `T`, 16 with `Z`).
pub(crate) fn moment(s: &str) -> Option<Moment> {
    let b = s.trim().as_bytes();
    match b.len() {
        8 => date(b).map(Moment::Date),
        15 | 16 if b[8].eq_ignore_ascii_case(&b'T') => {
            let at = date(&b[..8])?.and_time(time(&b[9..15])?);
            match b.get(15) {
                None => Some(Moment::Local(at)),
                Some(z) if z.eq_ignore_ascii_case(&b'Z') => Some(Moment::Utc(at)),
                Some(_) => None,
            }
        }
        _ => None,
    }
}

/// A DURATION: whole days (weeks count as 7) are nominal, added on the
/// wall clock so that `P1D` from 09:00 ends at 09:00 the next day across
/// a DST change; hours, minutes and seconds are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Length {
    pub(crate) days: i64,
    pub(crate) seconds: i64,
}

impl Length {
    pub(crate) fn exact(seconds: i64) -> Length {
        Length { days: 0, seconds }
    }

    pub(crate) fn days(days: i64) -> Length {
        Length { days, seconds: 0 }
    }

    /// An upper bound in seconds, for widening a search window: nominal
    /// days are at most 25 hours.
    pub(crate) fn max_seconds(self) -> i64 {
        self.days
            .saturating_mul(25 * 3600)
            .saturating_add(self.seconds)
    }

    pub(crate) fn is_negative(self) -> bool {
        self.days < 0 || self.seconds < 0
    }
}

/// Reads an RFC 5545 duration: `[+|-]P` then `nW`, or `nD` and/or `T` with
/// `nH`, `nM`, `nS` in that order. The order is not enforced beyond "time
/// units after T": exporters differ, the meaning does not.
pub(crate) fn duration(s: &str) -> Option<Length> {
    let s = s.trim();
    let (negative, s) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let s = s.strip_prefix(['P', 'p'])?;
    let mut days: i64 = 0;
    let mut seconds: i64 = 0;
    let mut in_time = false;
    let mut number: Option<i64> = None;
    let mut any = false;
    let mut any_time = false;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            let n = number.unwrap_or(0);
            number = Some(n.checked_mul(10)?.checked_add(i64::from(d))?);
            continue;
        }
        let upper = c.to_ascii_uppercase();
        if upper == 'T' {
            if in_time || number.is_some() {
                return None;
            }
            in_time = true;
            continue;
        }
        let n = number.take()?;
        let (into, unit) = match (in_time, upper) {
            (false, 'W') => (&mut days, 7),
            (false, 'D') => (&mut days, 1),
            (true, 'H') => (&mut seconds, 3600),
            (true, 'M') => (&mut seconds, 60),
            (true, 'S') => (&mut seconds, 1),
            _ => return None,
        };
        *into = into.checked_add(n.checked_mul(unit)?)?;
        any = true;
        any_time |= in_time;
    }
    if number.is_some() || !any || (in_time && !any_time) {
        return None;
    }
    // Beyond this a "duration" is no event any more; it also keeps every
    // later addition far from overflow.
    const MAX_DAYS: i64 = 100 * 366;
    if days > MAX_DAYS || seconds > MAX_DAYS * 86_400 {
        return None;
    }
    Some(if negative {
        Length {
            days: -days,
            seconds: -seconds,
        }
    } else {
        Length { days, seconds }
    })
}

/// A PERIOD: a start and either an explicit end or a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodEnd {
    At(Moment),
    After(Length),
}

pub(crate) fn period(s: &str) -> Option<(Moment, PeriodEnd)> {
    let (start, end) = s.split_once('/')?;
    let start = moment(start)?;
    let end = match moment(end) {
        Some(m) => PeriodEnd::At(m),
        None => PeriodEnd::After(duration(end)?),
    };
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn reads_the_three_shapes_of_a_moment() {
        assert_eq!(
            moment("20240105"),
            Some(Moment::Date(NaiveDate::from_ymd_opt(2024, 1, 5).unwrap()))
        );
        assert_eq!(
            moment("20240105T093000"),
            Some(Moment::Local(dt(2024, 1, 5, 9, 30, 0)))
        );
        assert_eq!(
            moment("20240105T093000Z"),
            Some(Moment::Utc(dt(2024, 1, 5, 9, 30, 0)))
        );
        assert_eq!(
            moment(" 20240105t093000z "),
            Some(Moment::Utc(dt(2024, 1, 5, 9, 30, 0)))
        );
    }

    #[test]
    fn rejects_what_is_not_a_moment() {
        for bad in [
            "",
            "2024-01-05",
            "20241305",
            "20240230",
            "20240105T250000",
            "20240105T0930",
            "20240105X093000",
            "20240105T093000+",
            "+2024105",
            "00000105",
            "20240105T09300é",
            "٢٠٢٤٠١٠٥",
        ] {
            assert_eq!(moment(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_leap_second_is_the_last_second_of_its_minute() {
        assert_eq!(
            moment("20161231T235960Z"),
            Some(Moment::Utc(dt(2016, 12, 31, 23, 59, 59)))
        );
    }

    #[test]
    fn reads_durations() {
        assert_eq!(duration("PT1H30M"), Some(Length::exact(5400)));
        assert_eq!(duration("P1D"), Some(Length::days(1)));
        assert_eq!(duration("P2W"), Some(Length::days(14)));
        assert_eq!(
            duration("P1DT2H"),
            Some(Length {
                days: 1,
                seconds: 7200
            })
        );
        assert_eq!(duration("+PT15M"), Some(Length::exact(900)));
        assert_eq!(
            duration("-PT15M"),
            Some(Length {
                days: 0,
                seconds: -900
            })
        );
        assert_eq!(duration("PT0S"), Some(Length::exact(0)));
    }

    #[test]
    fn rejects_broken_durations() {
        for bad in [
            "",
            "P",
            "PT",
            "1H",
            "PT1",
            "P1H",
            "PTD",
            "P1DT",
            "PT1D",
            "PTT1H",
            "P99999999999999999999D",
            "P100000W",
            "PT1H-",
            "P1.5D",
        ] {
            assert_eq!(duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reads_periods_with_an_end_or_a_duration() {
        assert_eq!(
            period("20240105T090000Z/20240105T100000Z"),
            Some((
                Moment::Utc(dt(2024, 1, 5, 9, 0, 0)),
                PeriodEnd::At(Moment::Utc(dt(2024, 1, 5, 10, 0, 0)))
            ))
        );
        assert_eq!(
            period("20240105T090000/PT45M"),
            Some((
                Moment::Local(dt(2024, 1, 5, 9, 0, 0)),
                PeriodEnd::After(Length::exact(2700))
            ))
        );
        assert_eq!(period("20240105T090000"), None);
        assert_eq!(period("20240105T090000/soon"), None);
    }
}
