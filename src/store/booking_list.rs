//! The key-only indexes the bookings lists walk: every booking by start,
//! and by host and start, in any state.

use super::{Result, tables};
use crate::domain::Booking;

/// Lists a booking written in `txn` (new, or moved to a new start).
pub fn list_in(txn: &redb::WriteTransaction, b: &Booking) -> Result<()> {
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
pub fn unlist_in(txn: &redb::WriteTransaction, b: &Booking) -> Result<()> {
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
