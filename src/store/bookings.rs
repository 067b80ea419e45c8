//! Bookings, the guests' manage tokens, and the indexes a booking is in:
//! by host (calendars), by start (reminders) and the list indexes.

use super::revisions::Dep;
use super::table::Typed;
use super::txn::{Opened, Read, Txn};
use super::{Result, tables};
use crate::domain::{Booking, BookingState, HostSlot};

pub fn booking_in(txn: &impl Read, id: &str) -> Result<Option<Booking>> {
    txn.open(&tables::BOOKINGS)?.get(id)
}

/// The bookings table opened once, for reading many bookings.
pub struct BookingReader<'t> {
    table: Typed<Opened<'t, &'static str>, &'static str, Booking>,
}

pub fn booking_reader(txn: &impl Read) -> Result<BookingReader<'_>> {
    Ok(BookingReader {
        table: txn.open(&tables::BOOKINGS)?,
    })
}

impl BookingReader<'_> {
    pub fn get(&self, id: &str) -> Result<Option<Booking>> {
        self.table.get(id)
    }

    /// The booking and a fingerprint of its stored form (which moves with
    /// every change written).
    pub fn get_fingerprinted(&self, id: &str) -> Result<Option<(u64, Booking)>> {
        self.table.get_fingerprinted(id)
    }

    /// What lists pick bookings by, and the fingerprint.
    pub fn head(&self, id: &str) -> Result<Option<(u64, BookingHead)>> {
        self.table.get_fingerprinted_as(id)
    }

    pub fn fingerprint(&self, id: &str) -> Result<Option<u64>> {
        self.table.fingerprint(id)
    }
}

/// The fields of a stored booking that lists pick by.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct BookingHead {
    #[serde(rename = "p", alias = "page_id")]
    pub page_id: String,
    #[serde(rename = "st", alias = "state")]
    pub state: BookingState,
    #[serde(rename = "u", alias = "updated_at")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Writes the booking record (its indexes are `index_booking_in`'s).
pub fn put_booking_in(txn: &Txn, b: &Booking) -> Result<()> {
    tables::BOOKINGS.write(txn)?.insert(b.id.as_str(), b)
}

/// The booking a guest's manage token (by its hash) leads to.
pub fn booking_by_token_in(txn: &impl Read, token_hash: [u8; 32]) -> Result<Option<String>> {
    txn.open(&tables::BOOKING_TOKENS)?.get(token_hash)
}

pub fn put_booking_token_in(txn: &Txn, token_hash: [u8; 32], booking_id: &str) -> Result<()> {
    tables::BOOKING_TOKENS
        .write(txn)?
        .insert(token_hash, &booking_id.to_string())
}

/// What a host's calendar keeps of a booking.
pub fn host_slot(b: &Booking) -> HostSlot {
    HostSlot {
        end: b.end.timestamp(),
        buffer_before: i64::from(b.buffer_before_minutes) * 60,
        buffer_after: i64::from(b.buffer_after_minutes) * 60,
    }
}

/// Puts a confirmed booking on its hosts' calendars, in the reminder
/// index and in the lists.
pub fn index_booking_in(txn: &Txn, b: &Booking) -> Result<()> {
    for h in &b.hosts {
        txn.touch(Dep::host(h));
    }
    let slot = host_slot(b);
    let mut hb = tables::HOST_BOOKINGS.write(txn)?;
    for h in &b.hosts {
        hb.insert((h.as_str(), b.start.timestamp(), b.id.as_str()), &slot)?;
    }
    drop(hb);
    tables::BOOKING_STARTS
        .write(txn)?
        .insert((b.start.timestamp(), b.id.as_str()), &())?;
    super::booking_list::list_in(txn, b)
}

/// Takes a booking off its hosts' calendars and out of the reminder index
/// (it stays in the lists, as cancelled).
pub fn unindex_booking_in(txn: &Txn, b: &Booking) -> Result<()> {
    for h in &b.hosts {
        txn.touch(Dep::host(h));
    }
    let mut hb = tables::HOST_BOOKINGS.write(txn)?;
    for h in &b.hosts {
        hb.remove((h.as_str(), b.start.timestamp(), b.id.as_str()))?;
    }
    drop(hb);
    tables::BOOKING_STARTS
        .write(txn)?
        .remove((b.start.timestamp(), b.id.as_str()))?;
    Ok(())
}

/// Ids of confirmed bookings starting in `from..to`, in start order.
pub fn booking_ids_starting_in(txn: &impl Read, from: i64, to: i64) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    txn.open(&tables::BOOKING_STARTS)?
        .scan_keys((from, "")..(to, ""), |(_, id)| {
            ids.push(id.to_string());
            true
        })?;
    Ok(ids)
}
