//! The scheduled jobs as admins see them.

use std::sync::Arc;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::jobs::scheduler::{JobStatus, RunError, Scheduler};
use crate::policy::Admin;

pub fn status(scheduler: &Scheduler, _admin: Admin<'_>) -> Vec<JobStatus> {
    scheduler.status()
}

pub fn run_now(scheduler: &Arc<Scheduler>, _admin: Admin<'_>, name: &str) -> Result<(), AppError> {
    scheduler.run_now(name).map_err(|e| match e {
        RunError::Unknown => AppError::NotFound,
        RunError::Busy => AppError::Conflict {
            code: "job_running",
            message: Msg::key("err-job-running"),
        },
    })
}
