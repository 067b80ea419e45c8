//! Dates and times as each language writes them. Month and weekday names
//! come from chrono's locale data; only the order of the parts is ours.
//! With each language's default clock ([`Clock::default_for`]):
//!
//! | | English | French | Japanese |
//! |---|---|---|---|
//! | [`date_time`] | Sun, Mar 14, 2027, 9:00 AM | dim. 14 mars 2027 09:00 | 2027年3月14日(日) 9:00 |
//! | [`date`] | Sun, Mar 14, 2027 | dim. 14 mars 2027 | 2027年3月14日(日) |
//! | [`date_long`] | Sunday, March 14, 2027 | dimanche 14 mars 2027 | 2027年3月14日(日曜日) |
//! | [`time`] | 9:00 AM | 09:00 | 9:00 |
//! | [`time_range`] | 9:00 – 9:30 AM | 09:00 – 09:30 | 9:00～9:30 |
//! | [`month`] | March 2027 | mars 2027 | 2027年3月 |
//!
//! The Japanese long date spells the weekday out (日曜日), as the English
//! and French long dates do. With the 12-hour clock Japanese puts 午前 or
//! 午後 first (午前9:00); French has no marks of its own and borrows AM and
//! PM.

use std::fmt::Write as _;

use chrono::{
    DateTime, Days, Locale, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;

use super::Lang;

/// How times of day are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// 9:00 AM, 1:30 PM
    H12,
    /// 09:00, 13:30
    H24,
}

impl Clock {
    /// What readers of each language expect when they have not chosen.
    pub fn default_for(lang: Lang) -> Clock {
        match lang {
            Lang::En => Clock::H12,
            Lang::Ja | Lang::Fr => Clock::H24,
        }
    }
}

/// The first day of a week in calendars.
pub fn week_start(lang: Lang) -> Weekday {
    match lang {
        Lang::En | Lang::Ja => Weekday::Sun,
        Lang::Fr => Weekday::Mon,
    }
}

/// The seven days in the order a calendar shows them as columns.
pub fn week_days(lang: Lang) -> [Weekday; 7] {
    let mut day = week_start(lang);
    std::array::from_fn(|_| {
        let this = day;
        day = day.succ();
        this
    })
}

/// The weekday as a calendar column head: "Sun", "dim.", "日".
pub fn weekday_short(lang: Lang, weekday: Weekday) -> String {
    // 2024-01-01 was a Monday; any week would do.
    const MONDAY: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
        Some(d) => d,
        None => NaiveDate::MIN,
    };
    let offset = u64::from(weekday.num_days_from_monday());
    let day = MONDAY.checked_add_days(Days::new(offset)).unwrap_or(MONDAY);
    format(locale(lang), day, NaiveTime::MIN, "%a")
}

/// "Sun, Mar 14, 2027", "dim. 14 mars 2027", "2027年3月14日(日)".
pub fn date(lang: Lang, day: NaiveDate) -> String {
    let pattern = match lang {
        Lang::En => "%a, %b %-d, %Y",
        Lang::Fr => "%a %-d %b %Y",
        Lang::Ja => "%Y年%-m月%-d日(%a)",
    };
    format(locale(lang), day, NaiveTime::MIN, pattern)
}

/// A heading: "Sunday, March 14, 2027", "dimanche 14 mars 2027",
/// "2027年3月14日(日曜日)".
pub fn date_long(lang: Lang, day: NaiveDate) -> String {
    let pattern = match lang {
        Lang::En => "%A, %B %-d, %Y",
        Lang::Fr => "%A %-d %B %Y",
        Lang::Ja => "%Y年%-m月%-d日(%A)",
    };
    format(locale(lang), day, NaiveTime::MIN, pattern)
}

/// A month heading: "March 2027", "mars 2027", "2027年3月".
pub fn month(lang: Lang, day: NaiveDate) -> String {
    let pattern = match lang {
        Lang::En | Lang::Fr => "%B %Y",
        Lang::Ja => "%Y年%-m月",
    };
    format(locale(lang), day, NaiveTime::MIN, pattern)
}

/// "9:00 AM" or "09:00", "09:00", "9:00".
pub fn time(lang: Lang, clock: Clock, at: NaiveTime) -> String {
    match (lang, clock) {
        (Lang::En | Lang::Fr, Clock::H24) => format(locale(lang), NaiveDate::MIN, at, "%H:%M"),
        (Lang::Ja, Clock::H24) => format(Locale::ja_JP, NaiveDate::MIN, at, "%-H:%M"),
        // French has no AM and PM of its own.
        (Lang::En | Lang::Fr, Clock::H12) => format(Locale::en_US, NaiveDate::MIN, at, "%-I:%M %p"),
        (Lang::Ja, Clock::H12) => format!(
            "{}{}",
            format(Locale::ja_JP, NaiveDate::MIN, at, "%p"),
            japanese_hour12(at)
        ),
    }
}

/// Japanese counts the hours of each half from 0 (午後0:30), where
/// chrono's 12-hour clock starts at 12.
fn japanese_hour12(at: NaiveTime) -> String {
    format!("{}:{:02}", at.hour() % 12, at.minute())
}

/// Two times of one day: "9:00 – 9:30 AM", "11:30 AM – 12:30 PM",
/// "09:00 – 09:30", "9:00～9:30".
pub fn time_range(lang: Lang, clock: Clock, start: NaiveTime, end: NaiveTime) -> String {
    let same_half = start.hour12().0 == end.hour12().0;
    match (lang, clock) {
        (_, Clock::H24) => format!(
            "{}{}{}",
            time(lang, clock, start),
            range_separator(lang),
            time(lang, clock, end)
        ),
        // The mark is said once when both times share it.
        (Lang::Ja, Clock::H12) if same_half => {
            format!("{}～{}", time(lang, clock, start), japanese_hour12(end))
        }
        (Lang::En | Lang::Fr, Clock::H12) if same_half => format!(
            "{} – {}",
            format(Locale::en_US, NaiveDate::MIN, start, "%-I:%M"),
            time(lang, clock, end)
        ),
        (_, Clock::H12) => format!(
            "{}{}{}",
            time(lang, clock, start),
            range_separator(lang),
            time(lang, clock, end)
        ),
    }
}

/// A date with its time: "Sun, Mar 14, 2027, 9:00 AM",
/// "dim. 14 mars 2027 09:00", "2027年3月14日(日) 9:00".
pub fn date_time<Z: TimeZone>(lang: Lang, clock: Clock, at: &DateTime<Z>) -> String {
    let local = at.naive_local();
    format!(
        "{}{}{}",
        date(lang, local.date()),
        date_time_separator(lang),
        time(lang, clock, local.time())
    )
}

/// From start to end, the date said once when both fall on one day:
/// "Sun, Mar 14, 2027, 9:00 – 9:30 AM", "dim. 14 mars 2027 09:00 – 09:30",
/// "2027年3月14日(日) 9:00～9:30". Across days, two full date-times.
pub fn span<Z: TimeZone>(
    lang: Lang,
    clock: Clock,
    start: &DateTime<Z>,
    end: &DateTime<Z>,
) -> String {
    let (s, e) = (start.naive_local(), end.naive_local());
    // A meeting that ends at midnight still belongs to the day it started.
    let ends_that_midnight =
        e.time() == NaiveTime::MIN && s.date().succ_opt() == Some(e.date()) && s < e;
    if s.date() == e.date() || ends_that_midnight {
        format!(
            "{}{}{}",
            date(lang, s.date()),
            date_time_separator(lang),
            time_range(lang, clock, s.time(), e.time())
        )
    } else {
        format!(
            "{}{}{}",
            date_time(lang, clock, start),
            range_separator(lang),
            date_time(lang, clock, end)
        )
    }
}

/// An instant as a reader in `timezone` sees it, the zone named:
/// "Sun, Mar 14, 2027, 9:00 AM (America/New_York)". An unknown zone name
/// reads as UTC, and says so.
pub fn date_time_in(lang: Lang, clock: Clock, at: DateTime<Utc>, timezone: &str) -> String {
    let tz = zone(timezone);
    format!(
        "{} ({})",
        date_time(lang, clock, &at.with_timezone(&tz)),
        tz.name()
    )
}

/// [`span`] as a reader in `timezone` sees it, the zone named:
/// "Sun, Mar 14, 2027, 9:00 – 9:30 AM (America/New_York)".
pub fn span_in(
    lang: Lang,
    clock: Clock,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    timezone: &str,
) -> String {
    let tz = zone(timezone);
    format!(
        "{} ({})",
        span(
            lang,
            clock,
            &start.with_timezone(&tz),
            &end.with_timezone(&tz)
        ),
        tz.name()
    )
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en_US,
        Lang::Fr => Locale::fr_FR,
        Lang::Ja => Locale::ja_JP,
    }
}

fn date_time_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Fr | Lang::Ja => " ",
    }
}

fn range_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En | Lang::Fr => " – ",
        Lang::Ja => "～",
    }
}

/// Formats with chrono's locale data. The patterns are constants of this
/// module and all tested; should one still fail, the output is logged and
/// cut short rather than a panic.
fn format(locale: Locale, day: NaiveDate, at: NaiveTime, pattern: &str) -> String {
    let mut out = String::new();
    let when = NaiveDateTime::new(day, at).and_utc();
    if write!(out, "{}", when.format_localized(pattern, locale)).is_err() {
        tracing::warn!(pattern, "date pattern failed to format");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Paris;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&day(y, m, d).and_time(hm(h, min)))
    }

    #[test]
    fn date_and_time_in_each_language() {
        // 14 March 2027 is the day New York moves to summer time.
        let at = utc(2027, 3, 14, 13, 0).with_timezone(&New_York);
        assert_eq!(
            date_time(Lang::En, Clock::H12, &at),
            "Sun, Mar 14, 2027, 9:00 AM"
        );
        assert_eq!(
            date_time(Lang::En, Clock::H24, &at),
            "Sun, Mar 14, 2027, 09:00"
        );
        assert_eq!(
            date_time(Lang::Fr, Clock::H24, &at),
            "dim. 14 mars 2027 09:00"
        );
        assert_eq!(
            date_time(Lang::Ja, Clock::H24, &at),
            "2027年3月14日(日) 9:00"
        );
        assert_eq!(
            date_time(Lang::Ja, Clock::H12, &at),
            "2027年3月14日(日) 午前9:00"
        );
        assert_eq!(
            date_time(Lang::Fr, Clock::H12, &at),
            "dim. 14 mars 2027 9:00 AM"
        );
    }

    #[test]
    fn dates_in_each_language() {
        let d = day(2027, 3, 14);
        assert_eq!(date(Lang::En, d), "Sun, Mar 14, 2027");
        assert_eq!(date(Lang::Fr, d), "dim. 14 mars 2027");
        assert_eq!(date(Lang::Ja, d), "2027年3月14日(日)");
        assert_eq!(date(Lang::Fr, day(2026, 12, 8)), "mar. 8 déc. 2026");
        assert_eq!(date_long(Lang::En, d), "Sunday, March 14, 2027");
        assert_eq!(date_long(Lang::Fr, d), "dimanche 14 mars 2027");
        assert_eq!(date_long(Lang::Ja, d), "2027年3月14日(日曜日)");
        assert_eq!(month(Lang::En, d), "March 2027");
        assert_eq!(month(Lang::Fr, d), "mars 2027");
        assert_eq!(month(Lang::Ja, d), "2027年3月");
        assert_eq!(month(Lang::Ja, day(2027, 11, 1)), "2027年11月");
    }

    #[test]
    fn times_in_each_language() {
        let nine = hm(9, 0);
        assert_eq!(time(Lang::En, Clock::H12, nine), "9:00 AM");
        assert_eq!(time(Lang::En, Clock::H24, nine), "09:00");
        assert_eq!(time(Lang::Fr, Clock::H24, nine), "09:00");
        assert_eq!(time(Lang::Ja, Clock::H24, nine), "9:00");
        assert_eq!(time(Lang::En, Clock::H12, hm(0, 30)), "12:30 AM");
        assert_eq!(time(Lang::En, Clock::H12, hm(12, 5)), "12:05 PM");
        assert_eq!(time(Lang::Ja, Clock::H12, hm(13, 5)), "午後1:05");
        let by_default = |lang| time(lang, Clock::default_for(lang), nine);
        assert_eq!(by_default(Lang::En), "9:00 AM");
        assert_eq!(by_default(Lang::Fr), "09:00");
        assert_eq!(by_default(Lang::Ja), "9:00");
    }

    #[test]
    fn time_ranges_in_each_language() {
        let (s, e) = (hm(9, 0), hm(9, 30));
        assert_eq!(time_range(Lang::En, Clock::H12, s, e), "9:00 – 9:30 AM");
        assert_eq!(time_range(Lang::En, Clock::H24, s, e), "09:00 – 09:30");
        assert_eq!(time_range(Lang::Fr, Clock::H24, s, e), "09:00 – 09:30");
        assert_eq!(time_range(Lang::Ja, Clock::H24, s, e), "9:00～9:30");
        assert_eq!(time_range(Lang::Ja, Clock::H12, s, e), "午前9:00～9:30");
        let (s, e) = (hm(11, 30), hm(12, 30));
        assert_eq!(
            time_range(Lang::En, Clock::H12, s, e),
            "11:30 AM – 12:30 PM"
        );
        assert_eq!(
            time_range(Lang::Ja, Clock::H12, s, e),
            "午前11:30～午後0:30"
        );
    }

    #[test]
    fn spans_say_the_date_once() {
        let s = utc(2027, 3, 14, 13, 0).with_timezone(&New_York);
        let e = utc(2027, 3, 14, 13, 30).with_timezone(&New_York);
        assert_eq!(
            span(Lang::En, Clock::H12, &s, &e),
            "Sun, Mar 14, 2027, 9:00 – 9:30 AM"
        );
        assert_eq!(
            span(Lang::Fr, Clock::H24, &s, &e),
            "dim. 14 mars 2027 09:00 – 09:30"
        );
        assert_eq!(
            span(Lang::Ja, Clock::H24, &s, &e),
            "2027年3月14日(日) 9:00～9:30"
        );
        // Across midnight: both dates. Up to midnight: one.
        let late = utc(2027, 3, 15, 3, 30).with_timezone(&New_York);
        let after = utc(2027, 3, 15, 4, 30).with_timezone(&New_York);
        let midnight = utc(2027, 3, 15, 4, 0).with_timezone(&New_York);
        assert_eq!(
            span(Lang::En, Clock::H24, &late, &after),
            "Sun, Mar 14, 2027, 23:30 – Mon, Mar 15, 2027, 00:30"
        );
        assert_eq!(
            span(Lang::Ja, Clock::H24, &late, &after),
            "2027年3月14日(日) 23:30～2027年3月15日(月) 0:30"
        );
        assert_eq!(
            span(Lang::En, Clock::H12, &late, &midnight),
            "Sun, Mar 14, 2027, 11:30 PM – 12:00 AM"
        );
    }

    #[test]
    fn spans_over_a_clock_change_show_the_wall_times() {
        // Paris moves from 02:00 to 03:00 on 28 March 2027: one hour on
        // the clock of the day reads 01:30 – 03:30.
        let s = utc(2027, 3, 28, 0, 30).with_timezone(&Paris);
        let e = utc(2027, 3, 28, 1, 30).with_timezone(&Paris);
        assert_eq!(
            span(Lang::Fr, Clock::H24, &s, &e),
            "dim. 28 mars 2027 01:30 – 03:30"
        );
        assert_eq!(
            span(Lang::En, Clock::H12, &s, &e),
            "Sun, Mar 28, 2027, 1:30 – 3:30 AM"
        );
        // New York, the same on 14 March 2027.
        let s = utc(2027, 3, 14, 6, 30).with_timezone(&New_York);
        let e = utc(2027, 3, 14, 7, 30).with_timezone(&New_York);
        assert_eq!(
            span(Lang::En, Clock::H12, &s, &e),
            "Sun, Mar 14, 2027, 1:30 – 3:30 AM"
        );
        assert_eq!(
            span(Lang::Ja, Clock::H24, &s, &e),
            "2027年3月14日(日) 1:30～3:30"
        );
    }

    #[test]
    fn instants_in_the_reader_s_zone_name_it() {
        let s = utc(2027, 3, 14, 13, 0);
        let e = utc(2027, 3, 14, 13, 30);
        assert_eq!(
            date_time_in(Lang::En, Clock::H12, s, "America/New_York"),
            "Sun, Mar 14, 2027, 9:00 AM (America/New_York)"
        );
        assert_eq!(
            span_in(Lang::Ja, Clock::H24, s, e, "Asia/Tokyo"),
            "2027年3月14日(日) 22:00～22:30 (Asia/Tokyo)"
        );
        assert_eq!(
            span_in(Lang::Fr, Clock::H24, s, e, "Nowhere/Atlantis"),
            "dim. 14 mars 2027 13:00 – 13:30 (UTC)"
        );
    }

    #[test]
    fn weeks_in_each_language() {
        assert_eq!(week_start(Lang::En), Weekday::Sun);
        assert_eq!(week_start(Lang::Ja), Weekday::Sun);
        assert_eq!(week_start(Lang::Fr), Weekday::Mon);
        let heads = |lang| -> Vec<String> {
            week_days(lang)
                .into_iter()
                .map(|w| weekday_short(lang, w))
                .collect()
        };
        assert_eq!(
            heads(Lang::En),
            ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        );
        assert_eq!(
            heads(Lang::Fr),
            ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        );
        assert_eq!(heads(Lang::Ja), ["日", "月", "火", "水", "木", "金", "土"]);
    }
}
