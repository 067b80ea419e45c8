//! What the booking-pages and bookings admin pages share: reading posted
//! forms and queries, member names, and the notices shown after a change.

use maud::{Markup, html};

use crate::domain::{Member, MemberId, MemberState};
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

pub(super) fn name_of(id: &MemberId, members: &[Member]) -> String {
    members
        .iter()
        .find(|m| &m.id == id)
        .map_or_else(|| "(former member)".to_string(), Member::display_name)
}

pub(super) fn names(ids: &[MemberId], members: &[Member]) -> String {
    ids.iter()
        .map(|id| name_of(id, members))
        .collect::<Vec<_>>()
        .join(", ")
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

/// The fixed message behind a `?done=` code (never text from the URL).
pub(super) fn done_message(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "created" => "Booking page created. Share its link with your guests.",
        "saved" => "Saved.",
        "enabled" => "The page takes bookings again.",
        "disabled" => "The page is switched off: its link now tells guests it takes no bookings.",
        "deleted" => "Booking page deleted. Its past bookings stay readable under Bookings.",
        "settings" => "Booking settings saved.",
        "cancelled" => "The booking is cancelled; the guest and the hosts are told by mail.",
        "rescheduled" => "The booking moved; the guest and the hosts get the new time by mail.",
        _ => return None,
    })
}

pub(super) fn notices(done: Option<&str>, error: Option<&AppError>) -> Markup {
    html! {
        @if let Some(n) = done_message(done) { p.notice role="status" { (n) } }
        @if let Some(e) = error { p.form-error role="alert" { (e) } }
    }
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
