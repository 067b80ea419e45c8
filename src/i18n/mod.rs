//! Everything that depends on the reader's language: which one a request
//! gets (`lang`) and the texts (`catalog`, from `locales/*/*.ftl`).

pub mod catalog;
#[cfg(test)]
mod checks;
pub mod lang;

pub use catalog::{Arg, t, tr};
pub use lang::Lang;
