//! The integration tests, as one binary: the server over HTTP (in this
//! process through the production launch function, or as a spawned
//! `convene` where a test needs a process), the command line, the SMTP
//! sink and a headless browser. Snapshots live in snapshots/.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod access;
mod admin_cli;
mod api_conformance;
mod booking_admin_ui;
mod bookings;
mod browser;
mod calendars;
mod connect;
mod departures;
mod deployment;
mod durability;
mod editors;
mod feeds;
mod hostile_input;
mod http_edges;
mod languages;
mod mail_and_jobs;
mod members;
mod openapi_routes;
mod operations;
mod outbox_cli;
mod reminders;
mod rendered;
mod route_roles;
mod secrets_in_logs;
mod settings;
mod setup_and_auth;
mod write_back;
