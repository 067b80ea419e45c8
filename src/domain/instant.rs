//! The range of dates and times the product accepts. Far-off years are
//! typing mistakes or probes; they would come back as invalid RFC 3339
//! (`-0001-…`, `+10000-…`) and push date arithmetic to its limits.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

pub const EARLIEST_YEAR: i32 = 1970;
pub const LATEST_YEAR: i32 = 2200;

/// What a refusal says about the range.
pub const RANGE_HINT: &str = "a date between 1970 and 2200";

pub fn date_in_range(d: NaiveDate) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year())
}

pub fn in_range(t: DateTime<Utc>) -> bool {
    date_in_range(t.date_naive())
}

/// An RFC 3339 time with its offset, within the range; `None` otherwise.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
        .filter(|t| in_range(*t))
}

/// A `YYYY-MM-DD` date within the range; `None` otherwise.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| date_in_range(*d))
}

/// A moment in a query: an RFC 3339 time, or a plain `YYYY-MM-DD` date
/// meaning the start of that day in the reader's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrInstant {
    Instant(DateTime<Utc>),
    Day(NaiveDate),
}

impl DayOrInstant {
    /// Far-off years parse here and are refused by the caller's range
    /// check, which names the field.
    pub fn parse(s: &str) -> Option<DayOrInstant> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(DayOrInstant::Instant(t.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(DayOrInstant::Day)
    }

    /// The instant meant; a day starts at its first wall-clock minute in
    /// `tz` (00:00, or the end of a clock change skipping midnight).
    pub fn start_in(self, tz: chrono_tz::Tz) -> DateTime<Utc> {
        use chrono::TimeZone;
        match self {
            DayOrInstant::Instant(t) => t,
            DayOrInstant::Day(d) => (0..24 * 60)
                .step_by(15)
                .find_map(|minute| {
                    let wall = d.and_hms_opt(0, 0, 0)? + chrono::Duration::minutes(minute);
                    tz.from_local_datetime(&wall).earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for DayOrInstant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DayOrInstant::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{s:?} is neither a time with its offset (2027-05-03T09:00:00+02:00) nor a date (2027-05-03)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_date_is_the_start_of_that_day_in_the_reader_s_zone() {
        let day = DayOrInstant::parse("2027-05-03").unwrap();
        assert_eq!(
            day.start_in(chrono_tz::Asia::Tokyo).to_rfc3339(),
            "2027-05-02T15:00:00+00:00"
        );
        // Santiago skips 00:00-00:59 on 2027-09-05: the day starts at 01:00.
        let skipped = DayOrInstant::parse("2027-09-05").unwrap();
        assert_eq!(
            skipped.start_in(chrono_tz::America::Santiago).to_rfc3339(),
            "2027-09-05T04:00:00+00:00"
        );
        let t = DayOrInstant::parse("2027-05-03T09:00:00+02:00").unwrap();
        assert_eq!(
            t.start_in(chrono_tz::Asia::Tokyo).to_rfc3339(),
            "2027-05-03T07:00:00+00:00"
        );
        assert!(DayOrInstant::parse("2027-05").is_none());
        assert!(DayOrInstant::parse("yesterday").is_none());
    }

    #[test]
    fn far_years_are_refused() {
        assert!(parse_rfc3339("2027-03-15T10:00:00+09:00").is_some());
        assert!(parse_rfc3339("-0001-01-01T00:00:00Z").is_none());
        assert!(parse_rfc3339("0001-01-01T00:00:00Z").is_none());
        assert!(parse_rfc3339("9999-12-31T23:59:59Z").is_none());
        assert!(parse_rfc3339("2200-12-31T23:59:59Z").is_some());
        assert!(parse_rfc3339("1970-01-01T00:00:00Z").is_some());
        assert!(parse_date("2027-03-15").is_some());
        assert!(parse_date("+262142-01-01").is_none());
        assert!(parse_date("1969-12-31").is_none());
        assert!(parse_date("2201-01-01").is_none());
    }
}
