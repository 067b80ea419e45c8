//! The key-only indexes the bookings lists walk: every booking by start,
//! and by host and start, in any state.

use super::txn::{Read, Txn};
use super::{Result, tables};
use crate::domain::Booking;

/// Lists a booking written in `txn` (new, or moved to a new start).
pub fn list_in(txn: &Txn, b: &Booking) -> Result<()> {
    let start = b.start.timestamp();
    tables::BOOKING_LIST
        .write(txn)?
        .insert((start, b.id.as_str()), &())?;
    let mut by_host = tables::HOST_BOOKING_LIST.write(txn)?;
    for h in &b.hosts {
        by_host.insert((h.as_str(), start, b.id.as_str()), &())?;
    }
    Ok(())
}

/// Takes a booking out of the lists before it moves to another start.
pub fn unlist_in(txn: &Txn, b: &Booking) -> Result<()> {
    let start = b.start.timestamp();
    tables::BOOKING_LIST
        .write(txn)?
        .remove((start, b.id.as_str()))?;
    let mut by_host = tables::HOST_BOOKING_LIST.write(txn)?;
    for h in &b.hosts {
        by_host.remove((h.as_str(), start, b.id.as_str()))?;
    }
    Ok(())
}

/// Calls `visit(start, id)` for each listed booking starting in
/// `low..high` (one host's, or everyone's), in start order, keys only,
/// until it returns false.
pub fn listed_in(
    txn: &impl Read,
    host: Option<&str>,
    low: i64,
    high: i64,
    mut visit: impl FnMut(i64, &str) -> bool,
) -> Result<()> {
    if low >= high {
        return Ok(());
    }
    match host {
        Some(h) => txn
            .open(&tables::HOST_BOOKING_LIST)?
            .scan_keys((h, low, "")..(h, high, ""), |(_, start, id)| {
                visit(start, id)
            }),
        None => txn
            .open(&tables::BOOKING_LIST)?
            .scan_keys((low, "")..(high, ""), |(start, id)| visit(start, id)),
    }
}
