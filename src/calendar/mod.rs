//! Members' own calendars in: one iCalendar text (an iCal URL's body, a
//! CalDAV report's calendar data) becomes the busy intervals of a window.
//! Pure: no I/O, no clock; the caller fetches, stores and reports.
//!
//! Parsing is the `ical` crate's, recurrence the `rrule` crate's (on the
//! wall clock, see `recur`), Windows zone names CLDR's table through the
//! `windows-timezones` crate. Only the lines that busy times need reach
//! the parser (see `parse`), and only start, end and UID leave this
//! module: titles, descriptions, attendees and locations are never read.

mod error;
mod event;
pub mod expand;
mod parse;
mod recur;
mod value;
mod vtimezone;
mod zone;

pub use expand::{BusyTime, ExpandError, Expanded, SkipReason, Warning, busy_times};

#[cfg(test)]
mod tests;
