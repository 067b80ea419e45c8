//! The pages of people who are not signed in: the public booking page,
//! the guest's own booking, joining, signing in and the first setup.
//! Each view gets what it shows and the reader's language (in the page
//! shell), and returns the whole page.

pub mod account;
pub mod book;
pub mod manage;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use crate::domain::{Booking, Member};
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};

/// A stored instant in the guest's zone.
pub fn local(t: i64, tz: Tz) -> Option<DateTime<Tz>> {
    Utc.timestamp_opt(t, 0)
        .single()
        .map(|d| d.with_timezone(&tz))
}

/// The clock of a guest, who has no setting of their own.
pub fn clock(lang: Lang) -> Clock {
    Clock::default_for(lang)
}

/// A booking's time as its guest sees it: in the reader's language and
/// the guest's zone, the zone named.
pub fn when(lang: Lang, b: &Booking) -> String {
    dates::span_in(lang, clock(lang), b.start, b.end, &b.guest.timezone)
}

/// Names in a row, as the language lists them.
pub fn names_list(lang: Lang, names: &[String]) -> String {
    names.join(&t(lang, "guest-names-separator"))
}

/// Where a placeholder's value sits in a catalog text, so the value can
/// be set in its own element (`strong`, `code`) while the sentence stays
/// whole for translators. A private-use character never typed by anyone.
const SLOT: &str = "\u{E000}";

/// `text`, rendered with [`SLOT`] as its one value, with `value` in its
/// place; the words around it are escaped as usual.
fn around(text: &str, value: Markup) -> Markup {
    let (before, after) = text.split_once(SLOT).unwrap_or((text, ""));
    html! { (before) (value) (after) }
}

/// "Label: " in the reader's typography, before a value.
fn label(lang: Lang, key: &str) -> String {
    format!("{}{}", t(lang, key), t(lang, "label-separator"))
}

/// The booking as the guest sees it; the booking page shows it too, right
/// after booking, when there is no manage link to send the guest to.
pub fn details(lang: Lang, b: &Booking, hosts: &[Member]) -> Markup {
    let host_names: Vec<String> = hosts.iter().map(|m| member_name(lang, m)).collect();
    html! {
        dl.book-details {
            dt { (t(lang, "guest-detail-what")) } dd { (b.page_title) }
            dt { (t(lang, "guest-detail-when")) } dd data-testid="booking-when" { (when(lang, b)) }
            @if !b.location.is_empty() {
                dt { (t(lang, "guest-detail-where")) } dd { (b.location) }
            }
            @if !hosts.is_empty() {
                dt { (t(lang, "guest-detail-with")) } dd { (names_list(lang, &host_names)) }
            }
            dt { (t(lang, "guest-detail-guest")) }
            dd { (crate::tr!(lang, "guest-detail-guest-value", name = &b.guest.name, email = &b.guest.email)) }
            @for a in &b.answers {
                dt { (a.label) } dd { (a.value) }
            }
            @if !b.notes.is_empty() {
                dt { (t(lang, "guest-detail-notes")) } dd.book-notes { (b.notes) }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
