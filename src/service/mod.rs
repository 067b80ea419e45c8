//! Use cases. Each public function checks permissions through `policy`
//! (admin-only and owner-only ones take its `Admin` or `Owner` capability,
//! so a caller that skipped the check does not compile), keeps the
//! invariants, and does its writes in one transaction. `now` is always a
//! parameter so the clock stays at the edge.

pub mod audit;
pub mod auth;
pub mod availability;
pub mod booking_changes;
pub mod booking_list;
pub mod booking_mail;
pub mod booking_pages;
pub mod bookings;
pub mod csv_io;
pub mod digest;
pub mod group_commit;
pub mod health;
pub mod host_book;
pub mod invitations;
pub mod jobs;
pub mod join;
pub mod lifecycle;
pub mod members;
pub mod notifications;
pub mod notify;
pub mod organize;
pub mod outbox;
pub mod patch;
pub mod preferences;
pub mod profile;
pub mod reminders;
pub mod schedules;
pub mod setup;
pub mod slot_check;
pub mod webhooks;

pub use auth::SessionPolicy;

#[cfg(test)]
mod slot_cache_tests;

#[cfg(test)]
mod tests;
