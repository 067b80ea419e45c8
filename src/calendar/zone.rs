//! Which zone a TZID names, and wall-clock times to instants in it.
//!
//! A TZID is tried, in order, as an IANA name, as a Windows zone name
//! (Outlook: "W. Europe Standard Time", through CLDR's windowsZones table
//! in the `windows-timezones` crate), then with leading path segments
//! dropped ("/mozilla.org/20050126_1/Europe/Berlin", "/Europe/Paris",
//! "tzone://Microsoft/Utc"), then as the VTIMEZONE of the same TZID in the
//! calendar (its X-LIC-LOCATION, else its own rules, see `vtimezone`). The
//! time-zone database comes before the calendar's own definition because
//! exporters often write only the current rules into a VTIMEZONE. A TZID
//! that none of these know falls back to the member's zone and is reported
//! once.
//!
//! Gap and fold: a wall-clock time that does not exist (02:30 on the day
//! clocks spring forward) moves forward by the length of the gap (03:30);
//! one that exists twice (the autumn fold) is the first of the two, as
//! RFC 5545 (3.3.5) prescribes.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::offset::LocalResult;
use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalTimeZone;
use windows_timezones::WindowsTimezone;

use super::vtimezone::CustomZone;

/// A zone that wall-clock times can be read in.
#[derive(Debug, Clone)]
pub(crate) enum Zone {
    Iana(Tz),
    /// Defined by a VTIMEZONE of the calendar only.
    Custom(Rc<CustomZone>),
}

/// The largest UTC offset of any zone is +14:00; a probe this far before a
/// wall-clock time lies before any transition that makes it a gap.
const PROBE: i64 = 15 * 3600;

impl Zone {
    /// The instant (unix seconds) of a wall-clock time.
    pub(crate) fn instant(&self, local: NaiveDateTime) -> i64 {
        let wall = local.and_utc().timestamp();
        match self {
            Zone::Iana(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.timestamp(),
                LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
                LocalResult::None => wall - iana_offset(*tz, wall - PROBE),
            },
            Zone::Custom(zone) => zone.instant(wall),
        }
    }

    /// The wall-clock time of an instant.
    pub(crate) fn local(&self, instant: i64) -> Option<NaiveDateTime> {
        let offset = match self {
            Zone::Iana(tz) => iana_offset(*tz, instant),
            Zone::Custom(zone) => zone.offset_at(instant),
        };
        chrono::DateTime::from_timestamp(instant.checked_add(offset)?, 0).map(|t| t.naive_utc())
    }
}

fn iana_offset(tz: Tz, instant: i64) -> i64 {
    chrono::DateTime::from_timestamp(instant, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// A TZID as a zone of the database: IANA or Windows name, as written or
/// without leading path segments.
pub(crate) fn known(tzid: &str) -> Option<Tz> {
    let tzid = clean(tzid);
    let named = |name: &str| -> Option<Tz> {
        if let Ok(tz) = name.parse::<Tz>() {
            return Some(tz);
        }
        if let Ok(windows) = name.parse::<WindowsTimezone>() {
            return Some(windows.into());
        }
        // Outlook on the web writes "tzone://Microsoft/Utc".
        name.eq_ignore_ascii_case("utc").then_some(Tz::UTC)
    };
    named(tzid).or_else(|| {
        tzid.match_indices('/')
            .map(|(i, _)| &tzid[i + 1..])
            .filter(|rest| !rest.is_empty())
            .find_map(named)
    })
}

/// Quotes and blanks around a TZID are not part of it: some exporters
/// quote it twice (`TZID="\"Europe/Berlin\""`).
fn clean(tzid: &str) -> &str {
    tzid.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
}

/// The zones of one calendar: its VTIMEZONEs, the member's zone for
/// floating times and unknown TZIDs, and what was already looked up.
pub(crate) struct Zones<'a> {
    member: Tz,
    defined: HashMap<&'a str, &'a IcalTimeZone>,
    years: (i32, i32),
    resolved: HashMap<String, Zone>,
    unknown: Vec<String>,
}

impl<'a> Zones<'a> {
    /// `years`: the years that custom VTIMEZONE rules are expanded for
    /// (the window's, with a margin).
    pub(crate) fn new(
        member: Tz,
        timezones: impl Iterator<Item = &'a IcalTimeZone>,
        years: (i32, i32),
    ) -> Zones<'a> {
        let mut defined = HashMap::new();
        for tz in timezones {
            let tzid = tz
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case("TZID"))
                .and_then(|p| p.value.as_deref());
            if let Some(tzid) = tzid {
                // The first definition of a TZID wins, like a lookup would.
                defined.entry(clean(tzid)).or_insert(tz);
            }
        }
        Zones {
            member,
            defined,
            years,
            resolved: HashMap::new(),
            unknown: Vec::new(),
        }
    }

    pub(crate) fn member(&self) -> Zone {
        Zone::Iana(self.member)
    }

    /// The zone a TZID names; the member's zone (recorded as unknown) if
    /// nothing knows it.
    pub(crate) fn get(&mut self, tzid: &str) -> Zone {
        if let Some(zone) = self.resolved.get(tzid) {
            return zone.clone();
        }
        let zone = self.lookup(tzid).unwrap_or_else(|| {
            self.unknown.push(tzid.to_owned());
            Zone::Iana(self.member)
        });
        self.resolved.insert(tzid.to_owned(), zone.clone());
        zone
    }

    fn lookup(&self, tzid: &str) -> Option<Zone> {
        if let Some(tz) = known(tzid) {
            return Some(Zone::Iana(tz));
        }
        let definition = self.defined.get(clean(tzid))?;
        let location = definition
            .properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case("X-LIC-LOCATION"))
            .and_then(|p| p.value.as_deref())
            .and_then(known);
        if let Some(tz) = location {
            return Some(Zone::Iana(tz));
        }
        CustomZone::new(definition, self.years).map(|z| Zone::Custom(Rc::new(z)))
    }

    /// The TZIDs that fell back to the member's zone, in order of first use.
    pub(crate) fn unknown(&self) -> &[String] {
        &self.unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn wall(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> i64 {
        wall(y, m, d, h, mi).and_utc().timestamp()
    }

    #[test]
    fn windows_names_map_through_cldr() {
        assert_eq!(known("W. Europe Standard Time"), Some(Tz::Europe__Berlin));
        assert_eq!(known("Tokyo Standard Time"), Some(Tz::Asia__Tokyo));
        assert_eq!(known("Eastern Standard Time"), Some(Tz::America__New_York));
        assert_eq!(known("GMT Standard Time"), Some(Tz::Europe__London));
        assert_eq!(known("Romance Standard Time"), Some(Tz::Europe__Paris));
        assert_eq!(
            known("AUS Eastern Standard Time"),
            Some(Tz::Australia__Sydney)
        );
        assert_eq!(known("India Standard Time"), Some(Tz::Asia__Calcutta));
    }

    #[test]
    fn quoted_and_prefixed_tzids_are_found() {
        assert_eq!(known("\"Europe/Berlin\""), Some(Tz::Europe__Berlin));
        assert_eq!(known(" Europe/Berlin "), Some(Tz::Europe__Berlin));
        assert_eq!(known("/Europe/Paris"), Some(Tz::Europe__Paris));
        assert_eq!(
            known("/mozilla.org/20050126_1/America/Argentina/Buenos_Aires"),
            Some(Tz::America__Argentina__Buenos_Aires)
        );
        assert_eq!(
            known("/freeassociation.sourceforge.net/Tzfile/Europe/London"),
            Some(Tz::Europe__London)
        );
        assert_eq!(known("tzone://Microsoft/Utc"), Some(Tz::UTC));
        assert_eq!(known("Customized Time Zone"), None);
        assert_eq!(known("Mars/Olympus_Mons"), None);
        assert_eq!(known(""), None);
        assert_eq!(known("/"), None);
    }

    #[test]
    fn a_nonexistent_time_moves_forward_by_the_gap() {
        let berlin = Zone::Iana(Tz::Europe__Berlin);
        // 2026-03-29 02:30 does not exist in Berlin: 03:30 CEST = 01:30Z.
        assert_eq!(
            berlin.instant(wall(2026, 3, 29, 2, 30)),
            utc(2026, 3, 29, 1, 30)
        );
        let new_york = Zone::Iana(Tz::America__New_York);
        // 2026-03-08 02:30 does not exist in New York: 03:30 EDT = 07:30Z.
        assert_eq!(
            new_york.instant(wall(2026, 3, 8, 2, 30)),
            utc(2026, 3, 8, 7, 30)
        );
    }

    #[test]
    fn an_ambiguous_time_is_the_first_one() {
        let berlin = Zone::Iana(Tz::Europe__Berlin);
        // 2026-10-25 02:30 happens twice in Berlin: first at CEST = 00:30Z.
        assert_eq!(
            berlin.instant(wall(2026, 10, 25, 2, 30)),
            utc(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            berlin.local(utc(2026, 10, 25, 0, 30)),
            Some(wall(2026, 10, 25, 2, 30))
        );
        assert_eq!(
            berlin.local(utc(2026, 10, 25, 1, 30)),
            Some(wall(2026, 10, 25, 2, 30))
        );
    }

    #[test]
    fn unknown_tzids_fall_back_once_each() {
        let mut zones = Zones::new(Tz::Asia__Tokyo, std::iter::empty(), (2026, 2026));
        for _ in 0..3 {
            assert!(matches!(
                zones.get("Nowhere/Special"),
                Zone::Iana(Tz::Asia__Tokyo)
            ));
        }
        assert!(matches!(
            zones.get("Europe/Rome"),
            Zone::Iana(Tz::Europe__Rome)
        ));
        assert_eq!(zones.unknown(), ["Nowhere/Special".to_owned()]);
    }
}
