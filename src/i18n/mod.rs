//! Everything that depends on the reader's language: which one a request
//! gets (`lang`), the texts (`catalog`, from `locales/*/*.ftl`), how dates
//! and times are written (`dates`) and in which order names are (`names`).

pub mod catalog;
#[cfg(test)]
pub(crate) mod checks;
pub mod dates;
pub mod lang;
pub mod names;

pub mod msg;

pub use catalog::{Arg, t, tr};
pub use lang::Lang;
pub use msg::{Msg, MsgArg};
