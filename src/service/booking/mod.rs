//! Booking: pages, the slot list, booking and changing a booking, the lists
//! hosts and admins read, and the mails and reminders a booking sends. The
//! desk is what the web layer holds: it owns the slot caches and the
//! booking writer.

pub mod availability;
mod book;
mod changes;
pub mod desk;
pub mod group_commit;
pub mod host_book;
mod list;
pub mod mail;
pub mod no_times;
pub mod pages;
pub mod reassign;
pub mod reminders;
mod rules;
pub mod slot_check;
pub mod week;

pub use book::{BookInput, Booked, book_in, slots};
pub use changes::{
    Changer, NotMovable, by_token, by_token_with_hosts, cancel, cancel_in, get, guest_offers,
    hosts_of, member_offers, reschedule, reschedule_offers,
};
pub use desk::Desk;
pub use list::{BookingFilter, Listed, Paging, list_paged};
pub use rules::{Settings, SlotQuery, in_zone, parse_query, rules, window};
pub use slot_check::reason_msg;

#[cfg(test)]
mod slot_cache_tests;
