//! A zone that only the calendar defines: a VTIMEZONE whose TZID no
//! database knows (Outlook's "Customized Time Zone", a description such as
//! "(UTC+01:00) Amsterdam, Berlin"). Its STANDARD and DAYLIGHT observances
//! are expanded into transitions for the years around the window; outside
//! them the nearest known offset holds, which is good enough for the
//! DTSTARTs of old series (recurrence runs on the wall clock anyway).

use chrono::{NaiveDate, NaiveDateTime};
use ical::parser::ical::component::{IcalTimeZone, IcalTimeZoneTransition};
use ical::property::Property;

use super::recur::{self, Budget};
use super::value::{self, Moment};

/// Transitions kept per zone: a hostile VTIMEZONE gets no more.
const MAX_TRANSITIONS: usize = 2_000;

#[derive(Debug)]
pub(crate) struct CustomZone {
    /// (instant, offset after) in instant order; offsets in seconds east.
    transitions: Vec<(i64, i64)>,
    /// The offset before the first transition.
    initial: i64,
    /// Every offset the zone uses, to try wall-clock times against.
    offsets: Vec<i64>,
}

/// `+0100`, `-0500`, `+053000`.
fn offset(s: &str) -> Option<i64> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !(rest.len() == 4 || rest.len() == 6) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| rest.get(r).and_then(|d| d.parse::<i64>().ok());
    let seconds = if rest.len() == 6 { n(4..6)? } else { 0 };
    let (hours, minutes) = (n(0..2)?, n(2..4)?);
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

fn property<'p>(props: &'p [Property], name: &str) -> Option<&'p str> {
    props
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .and_then(|p| p.value.as_deref())
}

/// The onsets (wall clock, in the offset before) of one observance within
/// `(lo, hi)`, plus all its explicit ones (DTSTART, RDATE), which are few.
fn onsets(
    obs: &IcalTimeZoneTransition,
    (lo, hi): (NaiveDateTime, NaiveDateTime),
    out: &mut Vec<NaiveDateTime>,
) -> Option<()> {
    let start = value::moment(property(&obs.properties, "DTSTART")?)?.naive();
    out.push(start);
    for p in obs
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("RDATE"))
    {
        let values = p.value.as_deref().unwrap_or_default();
        out.extend(
            values
                .split(',')
                .filter_map(value::moment)
                .map(Moment::naive),
        );
    }
    for p in obs
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("RRULE"))
    {
        let Some(rule) = p.value.as_deref().and_then(recur::parse) else {
            continue;
        };
        // UNTIL in a VTIMEZONE is UTC; an hour or two either way does not
        // move a yearly transition out of its year.
        let until = rule.until.map(Moment::naive);
        let mut budget = Budget::new(MAX_TRANSITIONS as u64);
        let _ = recur::occurrences(&rule, start, until, (lo, hi), &mut budget, out);
        // A rule that ended before the window still sets the offset that
        // holds since: take its last year too.
        if let Some(until) = until.filter(|u| *u < lo) {
            let year_before = until - chrono::Duration::days(400);
            let _ = recur::occurrences(
                &rule,
                start,
                Some(until),
                (year_before, until),
                &mut budget,
                out,
            );
        }
    }
    Some(())
}

impl CustomZone {
    /// None when no observance can be read.
    pub(crate) fn new(tz: &IcalTimeZone, (first, last): (i32, i32)) -> Option<CustomZone> {
        let lo = NaiveDate::from_ymd_opt(first, 1, 1)?.and_hms_opt(0, 0, 0)?;
        let hi = NaiveDate::from_ymd_opt(last.checked_add(1)?, 1, 1)?.and_hms_opt(0, 0, 0)?;
        let mut transitions = Vec::new();
        let mut offsets = Vec::new();
        // (onset instant, offset before, offset after)
        let mut all: Vec<(i64, i64, i64)> = Vec::new();
        for obs in &tz.transitions {
            let (Some(from), Some(to)) = (
                property(&obs.properties, "TZOFFSETFROM").and_then(offset),
                property(&obs.properties, "TZOFFSETTO").and_then(offset),
            ) else {
                continue;
            };
            let mut wall = Vec::new();
            if onsets(obs, (lo, hi), &mut wall).is_none() {
                continue;
            }
            offsets.extend([from, to]);
            wall.truncate(MAX_TRANSITIONS);
            all.extend(
                wall.into_iter()
                    .map(|w| (w.and_utc().timestamp() - from, from, to)),
            );
        }
        if all.is_empty() {
            return None;
        }
        all.sort_unstable();
        all.dedup_by_key(|t| t.0);
        let initial = all[0].1;
        transitions.extend(all.iter().map(|&(at, _, to)| (at, to)));
        offsets.sort_unstable();
        offsets.dedup();
        Some(CustomZone {
            transitions,
            initial,
            offsets,
        })
    }

    pub(crate) fn offset_at(&self, instant: i64) -> i64 {
        match self.transitions.partition_point(|&(at, _)| at <= instant) {
            0 => self.initial,
            i => self.transitions[i - 1].1,
        }
    }

    /// The instant of a wall-clock reading (`wall`: the reading as if it
    /// were UTC): the first that fits, or past a gap by its length.
    pub(crate) fn instant(&self, wall: i64) -> i64 {
        let fitting = self
            .offsets
            .iter()
            .map(|&o| (o, wall - o))
            .filter(|&(o, t)| self.offset_at(t) == o)
            .map(|(_, t)| t)
            .min();
        fitting.unwrap_or_else(|| {
            let largest = self.offsets.last().copied().unwrap_or(0);
            wall - self.offset_at(wall - largest)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ical::parser::ical::component::IcalTimeZoneTransitionType;

    fn prop(name: &str, value: &str) -> Property {
        Property {
            name: name.into(),
            params: None,
            value: Some(value.into()),
        }
    }

    /// Outlook's definition of Central European time under a name no
    /// database knows.
    fn customized() -> IcalTimeZone {
        let mut tz = IcalTimeZone::new();
        tz.properties.push(prop("TZID", "Customized Time Zone"));
        let mut standard = IcalTimeZoneTransition::new(IcalTimeZoneTransitionType::STANDARD);
        standard.properties = vec![
            prop("DTSTART", "16010101T030000"),
            prop("TZOFFSETFROM", "+0200"),
            prop("TZOFFSETTO", "+0100"),
            prop("RRULE", "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
        ];
        let mut daylight = IcalTimeZoneTransition::new(IcalTimeZoneTransitionType::DAYLIGHT);
        daylight.properties = vec![
            prop("DTSTART", "16010101T020000"),
            prop("TZOFFSETFROM", "+0100"),
            prop("TZOFFSETTO", "+0200"),
            prop("RRULE", "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"),
        ];
        tz.transitions = vec![standard, daylight];
        tz
    }

    fn wall(y: i32, m: u32, d: u32, h: u32, mi: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn reads_offsets() {
        assert_eq!(offset("+0100"), Some(3600));
        assert_eq!(offset("-0500"), Some(-18000));
        assert_eq!(offset("+053000"), Some(19800));
        for bad in ["0100", "+1", "+2460", "+01:00", "", "-", "+01000"] {
            assert_eq!(offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn follows_its_own_rules_in_summer_winter_gap_and_fold() {
        let zone = CustomZone::new(&customized(), (2025, 2027)).unwrap();
        // January: +01:00.
        assert_eq!(
            zone.instant(wall(2026, 1, 15, 9, 0)),
            wall(2026, 1, 15, 8, 0)
        );
        // July: +02:00.
        assert_eq!(
            zone.instant(wall(2026, 7, 15, 9, 0)),
            wall(2026, 7, 15, 7, 0)
        );
        // 2026-03-29 02:30 does not exist: 03:30 +02:00.
        assert_eq!(
            zone.instant(wall(2026, 3, 29, 2, 30)),
            wall(2026, 3, 29, 1, 30)
        );
        // 2026-10-25 02:30 happens twice: the first, at +02:00.
        assert_eq!(
            zone.instant(wall(2026, 10, 25, 2, 30)),
            wall(2026, 10, 25, 0, 30)
        );
        assert_eq!(zone.offset_at(wall(2026, 10, 25, 0, 59)), 7200);
        assert_eq!(zone.offset_at(wall(2026, 10, 25, 1, 0)), 3600);
    }

    #[test]
    fn a_zone_without_readable_observances_is_none() {
        let mut tz = customized();
        for obs in &mut tz.transitions {
            obs.properties.retain(|p| p.name != "TZOFFSETTO");
        }
        assert!(CustomZone::new(&tz, (2026, 2026)).is_none());
    }
}
