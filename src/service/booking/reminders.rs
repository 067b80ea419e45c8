//! Booking reminders: each configured offset is sent once per booking,
//! never for a cancelled booking, and not at all when the booking was made
//! after that reminder's time had passed.

use chrono::{DateTime, Duration, Utc};

use super::mail::{self as booking_mail, Change};
use crate::domain::{Booking, BookingState};
use crate::store::{self, Store, StoreError};

/// Queues the reminders due at `now`; returns how many bookings got one.
pub fn send_due(
    store: &Store,
    base_url: &str,
    offsets: &[u32],
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let Some(widest) = offsets.iter().max() else {
        return Ok(0);
    };
    let horizon = now + Duration::minutes(i64::from(*widest));
    let txn = store.write()?;
    let mut due: Vec<Booking> = Vec::new();
    for id in store::booking_ids_starting_in(&txn, now.timestamp(), horizon.timestamp() + 1)? {
        if let Some(b) = store::booking_in(&txn, &id)? {
            due.push(b);
        }
    }
    let mut sent = 0;
    for mut b in due {
        if b.state != BookingState::Confirmed || b.start <= now {
            continue;
        }
        let mut send = false;
        let mut changed = false;
        for &offset in offsets {
            let at = b.start - Duration::minutes(i64::from(offset));
            if now < at || b.reminders_sent.contains(&offset) {
                continue;
            }
            // Marked either way, so it is never sent later.
            b.reminders_sent.push(offset);
            changed = true;
            if b.created_at <= at {
                send = true;
            }
        }
        if !changed {
            continue;
        }
        store::put_booking_in(&txn, &b)?;
        if send {
            let mut hosts = Vec::new();
            for h in &b.hosts {
                if let Some(m) = store::host_in(&txn, h)? {
                    hosts.push(m);
                }
            }
            booking_mail::queue_in(&txn, base_url, &b, &hosts, Change::Reminder, None, now)?;
            sent += 1;
        }
    }
    store.commit(txn)?;
    Ok(sent)
}
