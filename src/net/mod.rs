//! Network helpers: CIDR parsing and the one guarded client that every
//! outbound HTTP request (webhooks, iCal URLs, CalDAV) goes through.

mod cidr;
pub mod outbound;

pub use cidr::Cidr;
pub use outbound::{Outbound, OutboundError};
