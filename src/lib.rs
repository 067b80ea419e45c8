//! Convene: member management and booking for a small organization, in
//! one binary. See DESIGN.md in the project documentation for the layers.

pub mod app;
pub mod calendar;
pub mod cli;
pub mod cli_admin;
pub mod config;
pub mod control;
pub mod crypto;
pub mod delivery;
pub mod domain;
pub mod engine;
pub mod error;
pub mod i18n;
pub mod ics;
pub mod jobs;
pub mod mail;
pub mod memory;
pub mod net;
pub mod passwords;
pub mod policy;
pub mod secrets;
pub mod service;
pub mod store;
pub mod systemd;
pub mod task;
pub mod telemetry;
pub mod web;
