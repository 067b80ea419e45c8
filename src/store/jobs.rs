use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, tables};

/// The last run of a scheduled job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRun {
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
    pub ok: bool,
    pub outcome: String,
}

impl Store {
    pub fn job_run(&self, job: &str) -> Result<Option<JobRun>> {
        let txn = self.read()?;
        tables::JOB_RUNS.read(&txn)?.get(job)
    }

    pub fn record_job_run(&self, job: &str, run: &JobRun) -> Result<()> {
        let txn = self.write()?;
        tables::JOB_RUNS.write(&txn)?.insert(job, run)?;
        self.commit(txn)?;
        Ok(())
    }
}
