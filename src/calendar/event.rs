//! The few properties of a VEVENT that busy times need, read from the
//! parsed component. Nothing else (summary, description, attendees,
//! location) is looked at, so nothing else can leak into what is stored.

use chrono::NaiveDateTime;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;

use super::value::{self, Moment};
use super::zone::{Zone, Zones};

pub(crate) fn first<'e>(event: &'e IcalEvent, name: &str) -> Option<&'e Property> {
    event
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

pub(crate) fn all<'e>(event: &'e IcalEvent, name: &'e str) -> impl Iterator<Item = &'e Property> {
    event
        .properties
        .iter()
        .filter(move |p| p.name.eq_ignore_ascii_case(name))
}

fn text<'e>(event: &'e IcalEvent, name: &str) -> Option<&'e str> {
    first(event, name)
        .and_then(|p| p.value.as_deref())
        .map(str::trim)
}

pub(crate) fn uid(event: &IcalEvent) -> &str {
    text(event, "UID").unwrap_or_default()
}

/// STATUS:CANCELLED: the event (or this occurrence) does not take place.
pub(crate) fn is_cancelled(event: &IcalEvent) -> bool {
    text(event, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

/// TRANSP:TRANSPARENT, or Outlook's "show as free" on its own
/// (X-MICROSOFT-CDO-BUSYSTATUS:FREE): the member is not busy.
pub(crate) fn is_free(event: &IcalEvent) -> bool {
    text(event, "TRANSP").is_some_and(|s| s.eq_ignore_ascii_case("TRANSPARENT"))
        || text(event, "X-MICROSOFT-CDO-BUSYSTATUS").is_some_and(|s| s.eq_ignore_ascii_case("FREE"))
}

fn tzid(p: &Property) -> Option<&str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("TZID"))
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
}

/// A moment with the zone it is read in. Dates are the member's days;
/// UTC is UTC; a local time is in its TZID's zone, or in `floating`
/// without one.
#[derive(Debug, Clone)]
pub(crate) struct When {
    pub(crate) local: NaiveDateTime,
    pub(crate) zone: Zone,
    pub(crate) date: bool,
}

impl When {
    pub(crate) fn instant(&self) -> i64 {
        self.zone.instant(self.local)
    }
}

pub(crate) fn when_of(moment: Moment, p: &Property, zones: &mut Zones, floating: &Zone) -> When {
    let zone = match moment {
        Moment::Date(_) => zones.member(),
        Moment::Utc(_) => Zone::Iana(chrono_tz::UTC),
        Moment::Local(_) => match tzid(p) {
            Some(id) => zones.get(id),
            None => floating.clone(),
        },
    };
    When {
        local: moment.naive(),
        zone,
        date: moment.is_date(),
    }
}

/// The single value of a property (DTSTART, DTEND, RECURRENCE-ID).
pub(crate) fn when(p: &Property, zones: &mut Zones, floating: &Zone) -> Option<When> {
    let moment = value::moment(p.value.as_deref()?)?;
    Some(when_of(moment, p, zones, floating))
}
