//! Times in the guest's zone, for the handlers of the booking page and
//! the guest's manage page; what the guest reads of a booking is in
//! `web::views::guest`.

pub use crate::web::views::guest::local;
