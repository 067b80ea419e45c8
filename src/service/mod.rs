//! Use cases. Each public function checks permissions through `policy`,
//! keeps the invariants, and does its writes in one transaction. `now` is
//! always a parameter so the clock stays at the edge.

pub mod audit;
pub mod auth;
pub mod members;
pub mod setup;

pub use auth::SessionPolicy;
