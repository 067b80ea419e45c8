//! Network helpers: CIDR parsing, the special-purpose address registries,
//! and the one guarded client that every outbound HTTP request (webhooks,
//! iCal URLs, CalDAV) goes through.

mod cidr;
mod names;
pub mod outbound;
pub mod special;

pub use cidr::Cidr;
pub use outbound::{Outbound, OutboundError};
