//! What the booking-pages and bookings admin pages share: reading posted
//! forms and queries, the hosts to choose from, and which errors a form
//! shows itself. Their texts live in `web::views::booking_admin`.

use crate::domain::{Member, MemberState};
use crate::error::AppError;

pub(super) type Form = Vec<(String, String)>;

pub(super) fn value(form: &Form, key: &str) -> String {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

/// A query value that was given and is not blank.
pub(super) fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

pub(super) fn active(members: &[Member]) -> Vec<Member> {
    let mut out: Vec<Member> = members
        .iter()
        .filter(|m| m.state == MemberState::Active)
        .cloned()
        .collect();
    out.sort_by_key(|m| m.display_name().to_lowercase());
    out
}

/// Errors a form shows next to its fields instead of an error page.
pub(super) fn shown_in_form(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid { .. }
            | AppError::Conflict { .. }
            | AppError::BadRequest { .. }
            | AppError::Forbidden(_)
            | AppError::Gone { .. }
    )
}
