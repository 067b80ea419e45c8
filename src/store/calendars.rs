//! What a host's calendar is made of, as stored: the weekly schedule,
//! unavailability periods and the bookings by host. Opened once and asked
//! about many hosts, from a read transaction (slot lists) or from the
//! booking's own write transaction (the final check).

use super::table::Typed;
use super::tables;
use super::txn::{Opened, Read};
use crate::domain::{CalendarConnection, HostSlot, Schedule, StoredBusy, Unavailability};

type K3 = (&'static str, i64, &'static str);

/// The bookings by host, keyed by (host, start, booking id).
pub struct HostBookings<'t> {
    table: Typed<Opened<'t, K3>, K3, HostSlot>,
}

/// Schedules, unavailability and bookings by host, opened together.
pub struct Calendars<'t> {
    schedules: Typed<Opened<'t, &'static str>, &'static str, Schedule>,
    unavailable: Typed<Opened<'t, K3>, K3, Unavailability>,
    links: Typed<Opened<'t, (&'static str, &'static str)>, (&'static str, &'static str), ()>,
    connections: Typed<Opened<'t, &'static str>, &'static str, CalendarConnection>,
    busy: Typed<Opened<'t, &'static str>, &'static str, Vec<StoredBusy>>,
    pub bookings: HostBookings<'t>,
}

/// What a member's connected calendars add to their availability.
#[derive(Debug, Default)]
pub struct Imported {
    /// (start, end) UTC seconds, from every connection.
    pub busy: Vec<(i64, i64)>,
    /// A connection is stale and configured to hide the member's times.
    pub hidden: bool,
}

pub fn host_bookings(txn: &impl Read) -> super::Result<HostBookings<'_>> {
    Ok(HostBookings {
        table: txn.open(&tables::HOST_BOOKINGS)?,
    })
}

pub fn calendars(txn: &impl Read) -> super::Result<Calendars<'_>> {
    Ok(Calendars {
        schedules: txn.open(&tables::SCHEDULES)?,
        unavailable: txn.open(&tables::UNAVAILABILITY)?,
        links: txn.open(&tables::MEMBER_CONNECTIONS)?,
        connections: txn.open(&tables::CONNECTIONS)?,
        busy: txn.open(&tables::CONNECTION_BUSY)?,
        bookings: host_bookings(txn)?,
    })
}

impl Calendars<'_> {
    /// The member's schedule; the default (no hours) when none is stored.
    pub fn schedule(&self, member: &str) -> super::Result<Schedule> {
        Ok(self.schedules.get(member)?.unwrap_or_default())
    }

    /// Calls `f` with each of the member's unavailability periods, in
    /// start order, until it returns false.
    pub fn unavailable(
        &self,
        member: &str,
        f: impl FnMut(Unavailability) -> bool,
    ) -> super::Result<()> {
        let mut f = f;
        self.unavailable.scan_range(
            (member, i64::MIN, "")..=(member, i64::MAX, ""),
            false,
            |_, u| f(u),
        )
    }
}

impl Calendars<'_> {
    /// The busy intervals of the member's connected calendars that end
    /// after `from`, and whether a stale one hides the member's times.
    pub fn imported(&self, member: &str, from: i64) -> super::Result<Imported> {
        let mut ids = Vec::new();
        self.links
            .scan_keys((member, "")..=(member, "\u{10FFFF}"), |(_, id)| {
                ids.push(id.to_string());
                true
            })?;
        let mut out = Imported::default();
        for id in ids {
            if let Some(c) = self.connections.get(id.as_str())? {
                out.hidden |= c.hiding_slots;
            }
            for StoredBusy(start, end, _) in self.busy.get(id.as_str())?.unwrap_or_default() {
                if end > from {
                    out.busy.push((start, end));
                }
            }
        }
        Ok(out)
    }
}

impl HostBookings<'_> {
    /// Calls `f(start, slot)` for each booking of `member` starting in
    /// `from..to`, in start order, until it returns false.
    pub fn between(
        &self,
        member: &str,
        from: i64,
        to: i64,
        mut f: impl FnMut(i64, HostSlot) -> bool,
    ) -> super::Result<()> {
        self.table.scan_range(
            (member, from, "")..(member, to, ""),
            false,
            |(_, s, _), h| f(s, h),
        )
    }

    /// Calls `f(start)` for each booking of `member` starting in `from..to`
    /// (keys only: counting does not decode).
    pub fn starts(
        &self,
        member: &str,
        from: i64,
        to: i64,
        mut f: impl FnMut(i64) -> bool,
    ) -> super::Result<()> {
        self.table
            .scan_keys((member, from, "")..(member, to, ""), |(_, s, _)| f(s))
    }

    /// Ids of the confirmed bookings of `member` starting at or after
    /// `from`, in start order.
    pub fn ids_from(&self, member: &str, from: i64) -> super::Result<Vec<String>> {
        let mut ids = Vec::new();
        self.table
            .scan_keys((member, from, "")..=(member, i64::MAX, ""), |(_, _, id)| {
                ids.push(id.to_string());
                true
            })?;
        Ok(ids)
    }

    /// Bookings of `member` starting at or after `now`.
    pub fn upcoming(&self, member: &str, now: i64) -> super::Result<u32> {
        let mut n = 0u32;
        self.table
            .scan_keys((member, now, "")..=(member, i64::MAX, ""), |_| {
                n += 1;
                true
            })?;
        Ok(n)
    }
}
