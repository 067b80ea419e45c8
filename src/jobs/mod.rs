//! Background jobs. Each job is a plain function of the store and `now`,
//! so tests call it directly; the scheduler runs it on its cron schedule.

pub mod outcome;
pub mod scheduler;

use chrono::{DateTime, Duration, Utc};

use crate::config::Config;
use crate::domain::JobOutcome;
use crate::store::{Store, StoreError};

/// What a job may use besides the store.
#[derive(Clone)]
pub struct JobContext {
    pub store: Store,
    pub config: Config,
    pub base_url: String,
    /// Calendar sync; `None` where a caller runs other jobs only.
    pub calendars: Option<crate::service::calendars::Calendars>,
}

/// Every job the server knows, by the name of its `[jobs]` config key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    OutboxSweep,
    TokenCleanup,
    AdminDigest,
    BookingReminders,
    CalendarSync,
    /// `[backup] schedule`; absent while that is empty.
    Backup,
}

impl Job {
    pub const ALL: [Job; 6] = [
        Job::OutboxSweep,
        Job::TokenCleanup,
        Job::AdminDigest,
        Job::BookingReminders,
        Job::CalendarSync,
        Job::Backup,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::OutboxSweep => "outbox_sweep",
            Job::TokenCleanup => "token_cleanup",
            Job::AdminDigest => "admin_digest",
            Job::BookingReminders => "booking_reminders",
            Job::CalendarSync => "calendar_sync",
            Job::Backup => "backup",
        }
    }

    pub fn parse(name: &str) -> Option<Job> {
        Job::ALL.into_iter().find(|j| j.name() == name)
    }

    pub fn description(self) -> &'static str {
        match self {
            Job::OutboxSweep => "Wakes the mail worker for due retries; purges old sent messages",
            Job::TokenCleanup => "Deletes expired sessions and tokens",
            Job::AdminDigest => "Mails admins the pending approvals and failed mail",
            Job::BookingReminders => "Sends the booking reminders that are due",
            Job::CalendarSync => "Reads members' connected calendars as busy times",
            Job::Backup => "Writes an online backup and keeps the newest [backup] keep",
        }
    }

    pub fn schedule(self, config: &Config) -> &str {
        match self {
            Job::OutboxSweep => &config.jobs.outbox_sweep,
            Job::TokenCleanup => &config.jobs.token_cleanup,
            Job::AdminDigest => &config.jobs.admin_digest,
            Job::BookingReminders => &config.jobs.booking_reminders,
            Job::CalendarSync => &config.jobs.calendar_sync,
            Job::Backup => &config.backup.schedule,
        }
    }

    /// Whether a run missed while the server was down is made up at start:
    /// yes where a late run does what the missed one would have (the
    /// digest, cleanup, the sweep, a backup); reminders and calendar sync
    /// catch up by themselves on their next tick.
    pub fn catches_up(self) -> bool {
        matches!(
            self,
            Job::AdminDigest | Job::TokenCleanup | Job::OutboxSweep | Job::Backup
        )
    }

    /// Runs the job once; the outcome says what it did.
    pub fn run(self, ctx: &JobContext, now: DateTime<Utc>) -> Result<JobOutcome, StoreError> {
        match self {
            Job::OutboxSweep => {
                let keep = Duration::days(i64::from(ctx.config.mail.keep_sent_days));
                let purged = ctx.store.purge_sent(now - keep)?;
                let counts = ctx.store.outbox_counts()?;
                let (queued, failed) = (counts.queued, counts.failed);
                ctx.store.outbox_signal().notify_one();
                Ok(JobOutcome::Swept {
                    queued,
                    failed,
                    purged,
                })
            }
            Job::TokenCleanup => {
                let idle = Duration::minutes(ctx.config.auth.session_idle_minutes as i64);
                let absolute = Duration::hours(ctx.config.auth.session_absolute_hours as i64);
                let sessions = ctx
                    .store
                    .delete_expired_sessions(now - idle, now - absolute)?;
                Ok(JobOutcome::SessionsCleaned { sessions })
            }
            Job::AdminDigest => {
                let queued = crate::service::org::digest::send(&ctx.store, &ctx.base_url, now)?;
                Ok(JobOutcome::DigestsQueued {
                    digests: queued as u64,
                })
            }
            Job::BookingReminders => {
                let sent = crate::service::booking::reminders::send_due(
                    &ctx.store,
                    &ctx.base_url,
                    &ctx.config.booking.reminder_offsets_minutes,
                    now,
                )?;
                Ok(JobOutcome::RemindersQueued {
                    reminders: sent as u64,
                })
            }
            Job::CalendarSync => {
                let Some(calendars) = &ctx.calendars else {
                    return Ok(JobOutcome::NoCalendarSync);
                };
                let round = crate::task::block_on(calendars.sync_all(now))?;
                Ok(JobOutcome::CalendarsRead {
                    synced: round.synced as u64,
                    unchanged: round.unchanged as u64,
                    failed: round.failed as u64,
                    newly_stale: round.newly_stale as u64,
                })
            }
            Job::Backup => {
                let dir = ctx.config.backup.directory(&ctx.config.storage.data_dir);
                match backup::run(&ctx.store, &dir, ctx.config.backup.keep, now) {
                    Ok(done) => Ok(done),
                    Err(e) => {
                        // Admins hear of it: a backup that silently stopped
                        // is found on the day it is needed.
                        crate::service::org::digest::backup_failed(
                            &ctx.store,
                            &ctx.base_url,
                            &e.to_string(),
                            now,
                        )?;
                        Err(e)
                    }
                }
            }
        }
    }
}

pub mod backup {
    //! The scheduled backup: one file per run, named by its time, the
    //! oldest removed beyond `keep`.

    use std::path::{Path, PathBuf};

    use chrono::{DateTime, Utc};

    use crate::domain::JobOutcome;
    use crate::store::{Store, StoreError};

    /// Writes `convene-YYYYMMDDTHHMMSSZ.redb` into `dir` and keeps the
    /// newest `keep` of them (0: all).
    pub fn run(
        store: &Store,
        dir: &Path,
        keep: u32,
        now: DateTime<Utc>,
    ) -> Result<JobOutcome, StoreError> {
        std::fs::create_dir_all(dir)?;
        let file = dir.join(format!("convene-{}.redb", now.format("%Y%m%dT%H%M%SZ")));
        let report = store.backup_to(&file)?;
        let removed = prune(dir, keep)?;
        Ok(JobOutcome::BackedUp {
            file: file.display().to_string(),
            rows: report.rows,
            bytes: report.bytes,
            removed: removed as u64,
        })
    }

    fn prune(dir: &Path, keep: u32) -> Result<usize, StoreError> {
        if keep == 0 {
            return Ok(0);
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("convene-") && n.ends_with(".redb"))
            })
            .collect();
        // The names sort by time.
        files.sort();
        let extra = files.len().saturating_sub(keep as usize);
        for old in &files[..extra] {
            std::fs::remove_file(old)?;
        }
        Ok(extra)
    }
}
