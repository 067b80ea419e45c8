//! The availability engine: pure functions, no I/O and no clock (`now` is
//! an argument). Wall-clock schedules become UTC spans per local day with
//! a real time-zone database; free time is working hours minus breaks,
//! unavailability, busy times and bookings (with buffers); slots are laid
//! on each host's local grid, so a nonexistent local time gives no slot
//! and a repeated one is offered once.

pub mod intervals;
pub mod roundrobin;
pub mod slots;
pub mod week;

pub use intervals::{Span, SpanSet};
pub use slots::{
    Assignment, Booked, HostInput, IndexedHost, PageRules, Slot, slots, slots_indexed,
    with_hosts_rechecked,
};
pub use week::{LocalInterval, Week};

#[cfg(test)]
mod tests;
