use crate::error::AppError;
use crate::policy::Admin;
use crate::store::Store;

/// One row of the audit log, as the settings page shows it.
pub use crate::store::AuditEntry;

/// The newest entries of the audit log, for admins.
pub fn recent(store: &Store, _admin: Admin<'_>, limit: usize) -> Result<Vec<AuditEntry>, AppError> {
    Ok(store.audit_log(limit)?)
}
