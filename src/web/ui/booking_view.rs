//! What the guest sees of a booking, shared by the booking page (right
//! after booking) and the guest's manage page: the details, and times in
//! the guest's zone.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use super::book::{PAGE_CLOCK, PAGE_LANG};
use crate::domain::{Booking, Member};
use crate::service::booking::mail as booking_mail;

/// A stored instant in the guest's zone.
pub fn local(t: i64, tz: Tz) -> Option<DateTime<Tz>> {
    Utc.timestamp_opt(t, 0)
        .single()
        .map(|d| d.with_timezone(&tz))
}

/// The booking as the guest sees it; the booking page shows it too, right
/// after booking, when there is no manage link to send the guest to.
pub fn details(b: &Booking, hosts: &[Member]) -> Markup {
    let when = booking_mail::when(PAGE_LANG, PAGE_CLOCK, b.start, b.end, &b.guest.timezone);
    html! {
        dl.book-details {
            dt { "What" } dd { (b.page_title) }
            dt { "When" } dd data-testid="booking-when" { (when) }
            @if !b.location.is_empty() {
                dt { "Where" } dd { (b.location) }
            }
            @if !hosts.is_empty() {
                dt { "With" } dd { (hosts.iter().map(Member::display_name).collect::<Vec<_>>().join(", ")) }
            }
            dt { "Guest" } dd { (b.guest.name) " (" (b.guest.email) ")" }
            @for a in &b.answers {
                dt { (a.label) } dd { (a.value) }
            }
            @if !b.notes.is_empty() {
                dt { "Notes" } dd.book-notes { (b.notes) }
            }
        }
    }
}
