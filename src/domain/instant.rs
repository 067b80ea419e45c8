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

#[cfg(test)]
mod tests {
    use super::*;

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
