use crate::error::AppError;
use crate::policy::Admin;
use crate::store::Store;

/// One row of the audit log, as the settings page shows it.
pub use crate::store::AuditEntry;

/// The newest entries of the audit log, for admins.
pub fn recent(store: &Store, _admin: Admin<'_>, limit: usize) -> Result<Vec<AuditEntry>, AppError> {
    Ok(store.audit_log(limit)?)
}

pub use crate::store::{AuditPage, AuditSearch};

/// Entries matching a search, for admins; the page size is bounded.
pub fn search(store: &Store, _admin: Admin<'_>, mut q: AuditSearch) -> Result<AuditPage, AppError> {
    q.limit = q.limit.clamp(1, 200);
    Ok(store.audit_search(&q)?)
}
