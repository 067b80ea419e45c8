use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, tables};

/// The last run of a scheduled job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRun {
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
    pub ok: bool,
    /// In English, for the API and the log.
    pub outcome: String,
    /// The same as data, for pages in the reader's language (absent on
    /// runs recorded before it was kept).
    #[serde(default)]
    pub result: Option<crate::domain::JobOutcome>,
    /// When the job last ran without error (this run or an earlier one).
    #[serde(default)]
    pub last_success_at: Option<DateTime<Utc>>,
}

impl Store {
    pub fn job_run(&self, job: &str) -> Result<Option<JobRun>> {
        let txn = self.read()?;
        tables::JOB_RUNS.read(&txn)?.get(job)
    }

    /// Records a run; `last_success_at` is carried over from the previous
    /// run when this one failed.
    pub fn record_job_run(&self, job: &str, run: &JobRun) -> Result<()> {
        let txn = self.write()?;
        let mut table = tables::JOB_RUNS.write(&txn)?;
        let mut run = run.clone();
        run.last_success_at = if run.ok {
            Some(run.started_at)
        } else {
            table
                .get(job)?
                .and_then(|previous| previous.last_success_at)
        };
        table.insert(job, &run)?;
        drop(table);
        self.commit(txn)?;
        Ok(())
    }
}
