//! The scheduled jobs as admins see them.

use std::sync::Arc;

use crate::domain::Member;
use crate::error::AppError;
use crate::jobs::scheduler::{JobStatus, RunError, Scheduler};
use crate::policy::{self, Action};

pub fn status(scheduler: &Scheduler, actor: &Member) -> Result<Vec<JobStatus>, AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    Ok(scheduler.status())
}

pub fn run_now(scheduler: &Arc<Scheduler>, actor: &Member, name: &str) -> Result<(), AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    scheduler.run_now(name).map_err(|e| match e {
        RunError::Unknown => AppError::NotFound,
        RunError::Busy => AppError::Conflict {
            code: "job_running",
            message: "the job is already running".into(),
        },
    })
}
