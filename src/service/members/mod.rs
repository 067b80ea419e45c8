//! Members: invitations and joining, the states a member passes through,
//! the directory, profiles, the organization's catalogs and the CSV import
//! and export.

pub mod csv_io;
pub mod directory;
pub mod invitations;
pub mod join;
pub mod lifecycle;
pub mod organize;
pub mod password_reset;
pub mod preferences;
pub mod profile;

use chrono::{DateTime, Utc};

use crate::domain::{Member, MemberId, Transition};
use crate::error::AppError;
use crate::policy::Admin;
use crate::store::Store;

/// Any admin move on a member: invitation moves (activate, resend,
/// cancel) mail the person; the others change access.
pub fn perform(
    store: &Store,
    base_url: &str,
    admin: Admin<'_>,
    id: &MemberId,
    t: Transition,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    match t {
        Transition::Activate | Transition::Resend | Transition::CancelInvitation => {
            invitations::manage(store, base_url, admin, id, t, now)
        }
        _ => lifecycle::apply(store, base_url, admin, id, t, now),
    }
}
