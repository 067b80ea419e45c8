//! What the health check and the metrics read of the database.

use chrono::{DateTime, Utc};

use crate::jobs::scheduler::Scheduler;
use crate::policy::Admin;
use crate::store::{Store, StoreError};

/// The schema version, read in a transaction: the database answers.
pub fn schema_version(store: &Store) -> Result<u64, StoreError> {
    store.check()
}

/// Bytes the database file takes on disk (a file-system look, no
/// transaction).
pub fn database_bytes(store: &Store) -> u64 {
    store.file_size()
}

/// What `/healthz?full` tells an admin: the mail queue and the last run of
/// every job, beside the liveness answer.
#[derive(Debug, serde::Serialize)]
pub struct Report {
    pub outbox: QueueHealth,
    pub jobs: Vec<JobHealth>,
    pub database_bytes: u64,
}

#[derive(Debug, serde::Serialize)]
pub struct QueueHealth {
    pub queued: u64,
    pub failed: u64,
    pub held: u64,
    pub sent: u64,
    /// When the queued message due first was due; null with nothing queued.
    pub earliest_due_at: Option<DateTime<Utc>>,
    /// How long that message is overdue (0 when not yet due).
    pub overdue_seconds: i64,
}

#[derive(Debug, serde::Serialize)]
pub struct JobHealth {
    pub name: &'static str,
    pub running: bool,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub last_ok: Option<bool>,
    pub last_outcome: Option<String>,
    pub last_duration_ms: Option<u64>,
    pub last_success_at: Option<DateTime<Utc>>,
}

pub fn report(
    store: &Store,
    scheduler: &Scheduler,
    _admin: Admin<'_>,
    now: DateTime<Utc>,
) -> Result<Report, StoreError> {
    let counts = store.outbox_counts()?;
    let earliest_due_at = store.earliest_due()?;
    let overdue_seconds = earliest_due_at.map_or(0, |due| (now - due).num_seconds().max(0));
    let jobs = scheduler
        .status()
        .into_iter()
        .map(|job| JobHealth {
            name: job.name,
            running: job.running,
            next_run_at: job.next_run,
            last_run_at: job.last_run.as_ref().map(|r| r.started_at),
            last_ok: job.last_run.as_ref().map(|r| r.ok),
            last_outcome: job.last_run.as_ref().map(|r| r.outcome.clone()),
            last_duration_ms: job.last_run.as_ref().map(|r| r.duration_ms),
            last_success_at: job.last_run.as_ref().and_then(|r| r.last_success_at),
        })
        .collect();
    Ok(Report {
        outbox: QueueHealth {
            queued: counts.queued,
            failed: counts.failed,
            held: counts.held,
            sent: counts.sent,
            earliest_due_at,
            overdue_seconds,
        },
        jobs,
        database_bytes: store.file_size(),
    })
}
