//! Use cases, grouped by capability: `booking/`, `members/`, `org/`, with
//! what several of them share (sign-in, schedules, notifications, PATCH
//! fields) at this level. Each public function checks permissions through
//! `policy` (admin-only and owner-only ones take its `Admin` or `Owner`
//! capability, so a caller that skipped the check does not compile), keeps
//! the invariants, and does its writes in one transaction. `now` is always
//! a parameter so the clock stays at the edge. Arrows go from the groups
//! to the shared modules and from `members/` and `booking/` to `org/`,
//! never back.

pub mod auth;
pub mod booking;
pub mod calendars;
pub mod connect;
pub mod departures;
pub mod event_texts;
pub mod feed_cache;
pub mod feed_events;
pub mod feeds;
pub mod members;
pub mod notifications;
pub mod notify;
pub mod org;
pub mod patch;
pub mod schedules;

pub use auth::SessionPolicy;

#[cfg(test)]
mod tests;
