//! The organization as a whole: first setup, its settings and brand
//! colour, webhooks, the audit log, the outbox and the test message, jobs,
//! health and the admins' digest.

pub mod audit;
pub mod brand;
pub mod digest;
pub mod health;
pub mod jobs;
pub mod mail_test;
pub mod operator;
pub mod outbox;
pub mod settings;
pub mod setup;
pub mod webhooks;
