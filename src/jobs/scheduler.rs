//! Runs each job on its cron schedule, one run at a time per job: a run
//! still going when the next is due makes that tick a skip, not a second
//! run. Each run is logged with its duration and outcome and kept for the
//! admin page.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Job, JobContext};
use crate::config::parse_cron;
use crate::domain::JobOutcome;
use crate::i18n::Lang;
use crate::store::JobRun;

struct Entry {
    job: Job,
    expression: String,
    schedule: cron::Schedule,
    running: AtomicBool,
}

/// Shared between the timers, the admin page and "run now".
pub struct Scheduler {
    ctx: JobContext,
    timezone: Tz,
    entries: Vec<Entry>,
}

/// A job as the admin page shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JobStatus {
    pub name: &'static str,
    pub description: &'static str,
    pub schedule: String,
    pub timezone: String,
    pub next_run: Option<DateTime<Utc>>,
    pub running: bool,
    pub last_run: Option<JobRun>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("unknown job")]
    Unknown,
    #[error("the job is already running")]
    Busy,
}

/// Whether a run fell due between the last one and `now`. A job that
/// never ran has missed nothing (a new server does not send yesterday's
/// digest).
fn missed(
    schedule: &cron::Schedule,
    timezone: Tz,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let Some(last) = last else {
        return false;
    };
    schedule
        .after(&last.with_timezone(&timezone))
        .next()
        .is_some_and(|due| due.with_timezone(&Utc) <= now)
}

impl Scheduler {
    /// Parses every schedule (the config was validated, so this only fails
    /// on a programming error, reported as such).
    pub fn new(ctx: JobContext) -> anyhow::Result<Arc<Scheduler>> {
        let timezone: Tz = ctx
            .config
            .jobs
            .timezone
            .parse()
            .map_err(|e| anyhow::anyhow!("jobs.timezone: {e}"))?;
        let mut entries = Vec::new();
        for job in Job::ALL {
            let expression = job.schedule(&ctx.config).to_string();
            // A job without a schedule (backups, until configured) is off.
            if expression.trim().is_empty() {
                continue;
            }
            let schedule =
                parse_cron(&expression).map_err(|e| anyhow::anyhow!("jobs.{}: {e}", job.name()))?;
            entries.push(Entry {
                job,
                expression,
                schedule,
                running: AtomicBool::new(false),
            });
        }
        Ok(Arc::new(Scheduler {
            ctx,
            timezone,
            entries,
        }))
    }

    fn next_after(&self, entry: &Entry, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        entry
            .schedule
            .after(&after.with_timezone(&self.timezone))
            .next()
            .map(|t| t.with_timezone(&Utc))
    }

    /// Starts one timer per job.
    pub fn spawn(self: &Arc<Self>) {
        for index in 0..self.entries.len() {
            let me = Arc::clone(self);
            actix_web::rt::spawn(async move { me.timer(index).await });
        }
    }

    async fn timer(self: Arc<Self>, index: usize) {
        let entry = &self.entries[index];
        // A run missed while the server was down (the 08:00 digest after a
        // restart at 08:05) is made up once, for the jobs where a late run
        // is as good as the missed one.
        if entry.job.catches_up() {
            let last = self
                .ctx
                .store
                .job_run(entry.job.name())
                .ok()
                .flatten()
                .map(|r| r.started_at);
            if missed(&entry.schedule, self.timezone, last, Utc::now())
                && Arc::clone(&self).start(index).is_err()
            {
                tracing::warn!(job = entry.job.name(), "catch-up run skipped: one is going");
            }
        }
        let mut next = self.next_after(entry, Utc::now());
        while let Some(at) = next {
            let wait = (at - Utc::now()).to_std().unwrap_or_default();
            tokio::time::sleep(wait).await;
            if Arc::clone(&self).start(index).is_err() {
                tracing::warn!(
                    job = entry.job.name(),
                    "previous run still going: this run is skipped"
                );
            }
            // Ticks missed while a run was going are skipped, not queued.
            next = self.next_after(entry, Utc::now().max(at));
        }
    }

    /// Starts a run in the background unless one is going.
    fn start(self: Arc<Self>, index: usize) -> Result<(), RunError> {
        let entry = self.entries.get(index).ok_or(RunError::Unknown)?;
        if entry.running.swap(true, Ordering::AcqRel) {
            return Err(RunError::Busy);
        }
        let handle = tokio::runtime::Handle::current();
        let (done, finished) = tokio::sync::oneshot::channel();
        let me = Arc::clone(&self);
        // A thread of its own at background priority (see
        // `task::as_background_thread`), still able to wait for async
        // work on the server's runtime.
        let spawned = std::thread::Builder::new()
            .name(format!("job {}", entry.job.name()))
            .spawn(move || {
                crate::task::as_background_thread();
                let _runtime = handle.enter();
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    me.run_blocking(index)
                }));
                let _ = done.send(ran.map_err(|p| crate::task::panic_message(p.as_ref())));
            });
        if let Err(e) = spawned {
            entry.running.store(false, Ordering::Release);
            self.record_failure(
                index,
                JobOutcome::Failed {
                    error: format!("the job could not start: {e}"),
                },
            );
            return Ok(());
        }
        actix_web::rt::spawn(async move {
            match finished.await {
                Ok(Ok(())) => {}
                // The job panicked (and the panic was logged); the server
                // and the job's next runs carry on.
                Ok(Err(message)) => self.record_panic(index, &message),
                Err(_) => self.record_panic(index, "the job's thread ended without a word"),
            }
            if let Some(entry) = self.entries.get(index) {
                entry.running.store(false, Ordering::Release);
            }
        });
        Ok(())
    }

    fn run_blocking(&self, index: usize) {
        let Some(entry) = self.entries.get(index) else {
            return;
        };
        let started_at = Utc::now();
        let clock = Instant::now();
        let result = entry.job.run(&self.ctx, started_at);
        let duration_ms = clock.elapsed().as_millis() as u64;
        let run = match result {
            Ok(result) => {
                let outcome = result.text(Lang::En);
                tracing::info!(job = entry.job.name(), duration_ms, outcome = %outcome, "job finished");
                JobRun {
                    started_at,
                    duration_ms,
                    ok: true,
                    outcome,
                    result: Some(result),
                    last_success_at: None,
                }
            }
            Err(e) => {
                tracing::error!(job = entry.job.name(), duration_ms, error = %e, "job failed");
                JobRun {
                    started_at,
                    duration_ms,
                    ok: false,
                    outcome: e.to_string(),
                    result: Some(JobOutcome::Failed {
                        error: e.to_string(),
                    }),
                    last_success_at: None,
                }
            }
        };
        if let Err(e) = self.ctx.store.record_job_run(entry.job.name(), &run) {
            tracing::error!(job = entry.job.name(), error = %e, "cannot record the job run");
        }
    }

    fn record_panic(&self, index: usize, message: &str) {
        if let Some(entry) = self.entries.get(index) {
            tracing::error!(job = entry.job.name(), panic = %message, "job panicked");
        }
        self.record_failure(
            index,
            JobOutcome::Panicked {
                message: message.to_string(),
            },
        );
    }

    fn record_failure(&self, index: usize, result: JobOutcome) {
        let Some(entry) = self.entries.get(index) else {
            return;
        };
        let run = JobRun {
            started_at: Utc::now(),
            duration_ms: 0,
            ok: false,
            outcome: result.text(Lang::En),
            result: Some(result),
            last_success_at: None,
        };
        if let Err(e) = self.ctx.store.record_job_run(entry.job.name(), &run) {
            tracing::error!(job = entry.job.name(), error = %e, "cannot record the job run");
        }
    }

    /// "Run now" from the admin page or the API.
    pub fn run_now(self: &Arc<Self>, name: &str) -> Result<(), RunError> {
        let index = self
            .entries
            .iter()
            .position(|e| e.job.name() == name)
            .ok_or(RunError::Unknown)?;
        Arc::clone(self).start(index)
    }

    pub fn status(&self) -> Vec<JobStatus> {
        let now = Utc::now();
        self.entries
            .iter()
            .map(|e| JobStatus {
                name: e.job.name(),
                description: e.job.description(),
                schedule: e.expression.clone(),
                timezone: self.timezone.name().to_string(),
                next_run: self.next_after(e, now),
                running: e.running.load(Ordering::Acquire),
                last_run: self.ctx.store.job_run(e.job.name()).ok().flatten(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2027, 3, 15, h, m, 0).unwrap()
    }

    #[test]
    fn a_run_due_while_the_server_was_down_is_missed_once() {
        let daily = parse_cron("0 8 * * *").unwrap();
        let utc = chrono_tz::UTC;
        // Ran yesterday at 08:00, started again today at 08:05: missed.
        assert!(missed(
            &daily,
            utc,
            Some(at(8, 0) - chrono::Duration::days(1)),
            at(8, 5)
        ));
        // Ran today at 08:00 already: nothing missed.
        assert!(!missed(&daily, utc, Some(at(8, 0)), at(8, 5)));
        // Never ran: nothing to make up.
        assert!(!missed(&daily, utc, None, at(8, 5)));
        // In the job's zone: 08:00 in Tokyo is 23:00 UTC the day before.
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        assert!(missed(
            &daily,
            tokyo,
            Some(at(22, 0) - chrono::Duration::days(1)),
            at(0, 0)
        ));
    }
}
