//! The organization as a whole: first setup, webhooks, the audit log, the
//! outbox, jobs, health and the admins' digest.

pub mod audit;
pub mod digest;
pub mod health;
pub mod jobs;
pub mod outbox;
pub mod setup;
pub mod webhooks;
