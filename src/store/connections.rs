//! Members' connected calendars and the busy intervals read from them.
//! Every write here touches the member's calendar revision, so a sync
//! rebuilds that member's availability and nobody else's.

use super::revisions::Dep;
use super::txn::{Read, Txn};
use super::{Result, tables};
use crate::domain::{CalendarConnection, MemberId, StoredBusy, WrittenEvent};

pub fn connection_in(txn: &impl Read, id: &str) -> Result<Option<CalendarConnection>> {
    txn.open(&tables::CONNECTIONS)?.get(id)
}

/// A member's connections, oldest first.
pub fn connections_of_in(txn: &impl Read, member: &MemberId) -> Result<Vec<CalendarConnection>> {
    let ids = connection_ids_in(txn, member)?;
    let table = txn.open(&tables::CONNECTIONS)?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(c) = table.get(id.as_str())? {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.created_at);
    Ok(out)
}

fn connection_ids_in(txn: &impl Read, member: &MemberId) -> Result<Vec<String>> {
    let m = member.as_str();
    let mut ids = Vec::new();
    txn.open(&tables::MEMBER_CONNECTIONS)?
        .scan_keys((m, "")..=(m, "\u{10FFFF}"), |(_, id)| {
            ids.push(id.to_string());
            true
        })?;
    Ok(ids)
}

/// Every connection of the organization (the sync job, the admin view).
pub fn all_connections_in(txn: &impl Read) -> Result<Vec<CalendarConnection>> {
    txn.open(&tables::CONNECTIONS)?.values()
}

pub fn put_connection_in(txn: &Txn, c: &CalendarConnection) -> Result<()> {
    txn.touch(Dep::host(&c.member_id));
    tables::MEMBER_CONNECTIONS
        .write(txn)?
        .insert((c.member_id.as_str(), c.id.as_str()), &())?;
    tables::CONNECTIONS.write(txn)?.insert(c.id.as_str(), c)
}

/// Records what a sync learnt that availability does not depend on (when
/// it ran, its error, validators): no member's slot cache is flushed.
pub fn put_sync_status_in(txn: &Txn, c: &CalendarConnection) -> Result<()> {
    tables::CONNECTIONS.write(txn)?.insert(c.id.as_str(), c)
}

/// Removes the connection and its busy times.
pub fn remove_connection_in(txn: &Txn, c: &CalendarConnection) -> Result<()> {
    txn.touch(Dep::host(&c.member_id));
    tables::MEMBER_CONNECTIONS
        .write(txn)?
        .remove((c.member_id.as_str(), c.id.as_str()))?;
    tables::CONNECTION_BUSY.write(txn)?.remove(c.id.as_str())?;
    tables::CONNECTIONS.write(txn)?.remove(c.id.as_str())?;
    Ok(())
}

pub fn busy_in(txn: &impl Read, connection: &str) -> Result<Vec<StoredBusy>> {
    Ok(txn
        .open(&tables::CONNECTION_BUSY)?
        .get(connection)?
        .unwrap_or_default())
}

/// Replaces the connection's busy intervals with those of a good sync.
pub fn put_busy_in(
    txn: &Txn,
    member: &MemberId,
    connection: &str,
    busy: &Vec<StoredBusy>,
) -> Result<()> {
    txn.touch(Dep::host(member));
    tables::CONNECTION_BUSY.write(txn)?.insert(connection, busy)
}

/// The member's connection that bookings are written to, if any.
pub fn write_target_in(txn: &impl Read, member: &MemberId) -> Result<Option<CalendarConnection>> {
    Ok(connections_of_in(txn, member)?
        .into_iter()
        .find(|c| c.write_back))
}

/// Where a booking's event was written in the member's calendar.
pub fn written_in(
    txn: &impl Read,
    member: &MemberId,
    booking: &str,
) -> Result<Option<WrittenEvent>> {
    txn.open(&tables::WRITTEN_EVENTS)?
        .get((member.as_str(), booking))
}

/// Writing back changes no availability (the booking already counts), so
/// no revision moves.
pub fn put_written_in(txn: &Txn, member: &MemberId, booking: &str, w: &WrittenEvent) -> Result<()> {
    tables::WRITTEN_EVENTS
        .write(txn)?
        .insert((member.as_str(), booking), w)
}

pub fn remove_written_in(txn: &Txn, member: &MemberId, booking: &str) -> Result<()> {
    tables::WRITTEN_EVENTS
        .write(txn)?
        .remove((member.as_str(), booking))?;
    Ok(())
}

/// Forgets every event written to `member`'s own calendar (the member
/// left and their connections are gone).
pub fn remove_written_of_in(txn: &Txn, member: &MemberId) -> Result<u64> {
    let mut table = tables::WRITTEN_EVENTS.write(txn)?;
    let mut keys = Vec::new();
    table.scan_range(
        (member.as_str(), "")..(member.as_str(), "\u{10FFFF}"),
        false,
        |(_, booking), _| {
            keys.push(booking.to_string());
            true
        },
    )?;
    for booking in &keys {
        table.remove((member.as_str(), booking.as_str()))?;
    }
    Ok(keys.len() as u64)
}
