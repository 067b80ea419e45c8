//! Mail: templates (text + HTML per kind, in the recipient's language),
//! MIME assembly, and the transports (SMTP, files, log).

pub mod message;
pub mod smtp_url;
pub mod templates;
pub mod transport;

pub use templates::Rendered;
pub use transport::{SendError, Transport};
