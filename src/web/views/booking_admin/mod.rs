//! Views of the signed-in booking pages: the booking pages list and form
//! (`pages`), the bookings list and a booking's detail (`bookings`).

pub mod bookings;
pub mod pages;
#[cfg(test)]
mod tests;

use maud::{Markup, html};

use crate::domain::{Member, MemberId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::names::member_name;

/// The reader's clock: what their language writes by default.
fn clock(lang: Lang) -> crate::i18n::dates::Clock {
    crate::i18n::dates::Clock::default_for(lang)
}

fn name_of(lang: Lang, id: &MemberId, members: &[Member]) -> String {
    members.iter().find(|m| &m.id == id).map_or_else(
        || crate::tr!(lang, "bkadm-former-member"),
        |m| member_name(lang, m),
    )
}

fn names(lang: Lang, ids: &[MemberId], members: &[Member]) -> String {
    ids.iter()
        .map(|id| name_of(lang, id, members))
        .collect::<Vec<_>>()
        .join(list_separator(lang))
}

fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En | Lang::Fr => ", ",
        Lang::Ja => "、",
    }
}

/// The fixed message behind a `?done=` code (never text from the URL).
fn done_message(lang: Lang, code: Option<&str>) -> Option<String> {
    Some(match code? {
        "created" => crate::tr!(lang, "bkadm-done-created"),
        "saved" => crate::tr!(lang, "bkadm-done-saved"),
        "enabled" => crate::tr!(lang, "bkadm-done-enabled"),
        "disabled" => crate::tr!(lang, "bkadm-done-disabled"),
        "deleted" => crate::tr!(lang, "bkadm-done-deleted"),
        "settings" => crate::tr!(lang, "bkadm-done-settings"),
        "cancelled" => crate::tr!(lang, "bkadm-done-cancelled"),
        "rescheduled" => crate::tr!(lang, "bkadm-done-rescheduled"),
        _ => return None,
    })
}

fn notices(lang: Lang, done: Option<&str>, error: Option<&AppError>) -> Markup {
    html! {
        @if let Some(n) = done_message(lang, done) { p.notice role="status" { (n) } }
        @if let Some(e) = error { p.form-error role="alert" { (e.text(lang)) } }
    }
}

/// A catalog text with markup in place of one placeholder, so that each
/// language puts, say, a link where its sentence wants it.
fn with_markup(lang: Lang, key: &'static str, arg: &'static str, inner: Markup) -> Markup {
    // A private-use character no catalog text contains.
    const MARK: &str = "\u{E000}";
    let text = crate::i18n::tr(lang, key, &[(arg, crate::i18n::Arg::Text(MARK))]);
    let (before, after) = text.split_once(MARK).unwrap_or((text.as_str(), ""));
    html! { (before) (inner) (after) }
}
