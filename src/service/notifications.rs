//! A member's own in-app notifications: the list, the unread count, and
//! marking them read. (Writing them is `notify`.)

use crate::domain::{Member, Notification};
use crate::error::AppError;
use crate::store::Store;

/// The newest first, at most `limit`.
pub fn list(store: &Store, actor: &Member, limit: usize) -> Result<Vec<Notification>, AppError> {
    Ok(store.notifications(&actor.id, limit)?)
}

/// For the badge in the navigation.
pub fn unread(store: &Store, actor: &Member) -> Result<u64, AppError> {
    Ok(store.unread_count(&actor.id)?)
}

/// Marks one of the actor's notifications read; someone else's, or none,
/// is not found.
pub fn mark_read(store: &Store, actor: &Member, id: &str) -> Result<Notification, AppError> {
    store
        .mark_read(&actor.id, Some(id))?
        .ok_or(AppError::NotFound)
}

pub fn mark_all_read(store: &Store, actor: &Member) -> Result<(), AppError> {
    store.mark_read(&actor.id, None)?;
    Ok(())
}
