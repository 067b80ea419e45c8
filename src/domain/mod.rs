//! Plain domain types: no I/O, no HTTP, no storage.

pub mod ids;
pub mod member;
pub mod org;
pub mod role;

pub use ids::{ApiKeyId, MemberId};
pub use member::{Email, Member, MemberState};
pub use org::Organization;
pub use role::Role;
