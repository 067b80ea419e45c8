use crate::domain::Member;
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::store::{AuditEntry, Store};

/// The newest entries of the audit log, for admins.
pub fn recent(store: &Store, actor: &Member, limit: usize) -> Result<Vec<AuditEntry>, AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    Ok(store.audit_log(limit)?)
}
