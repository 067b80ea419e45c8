//! The guest's own booking behind the token of their mail: its details
//! with cancel, and the list of other times to move it to.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{clock, details, label, local, when};
use crate::domain::{Booking, BookingState, Member};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::{dates, t};
use crate::tr;
use crate::web::ui::layout::{Shell, public_page};

/// What the manage page says above the details.
#[derive(Default)]
pub struct Flash {
    pub new: bool,
    pub cancelled: bool,
    pub moved: bool,
}

/// The manage page; `reason` is what was typed into the cancel form.
pub fn manage(
    shell: &Shell<'_>,
    token: &str,
    b: &Booking,
    hosts: &[Member],
    flash: &Flash,
    reason: &str,
    error: Option<&AppError>,
) -> Markup {
    let lang = shell.lang;
    let cancelled = b.state == BookingState::Cancelled;
    let title = if cancelled {
        t(lang, "guest-manage-title-cancelled")
    } else if flash.new {
        t(lang, "guest-booked-title")
    } else {
        t(lang, "guest-manage-title")
    };
    let reason_err = error
        .filter(|e| e.field() == Some("reason"))
        .map(|e| e.text(lang));
    let general = error
        .filter(|e| e.field() != Some("reason"))
        .map(|e| e.text(lang));
    public_page(
        shell,
        &title,
        html! {
            @if let Some(g) = general { p.form-error role="alert" { (g) } }
            @if flash.new && !cancelled {
                p.notice role="status" { (tr!(lang, "guest-manage-thanks", name = &b.guest.name, email = &b.guest.email)) }
            }
            @if flash.moved && !cancelled {
                p.notice role="status" { (tr!(lang, "guest-manage-moved", when = &when(lang, b))) }
            }
            @if cancelled {
                p.notice role="status" data-testid="booking-state" {
                    @if flash.cancelled { (t(lang, "guest-manage-cancelled-now")) } @else { (t(lang, "guest-manage-cancelled")) }
                }
                @if !b.cancel_reason.is_empty() {
                    p.muted { (label(lang, "guest-manage-reason")) (b.cancel_reason) }
                }
            }
            (details(lang, b, hosts))
            @if !cancelled {
                p.book-actions {
                    a.button href=(format!("/booking/{token}/invite.ics")) download="invite.ics" { (t(lang, "guest-manage-add-calendar")) }
                    @if b.guest_may_change {
                        " "
                        a href=(format!("/booking/{token}/reschedule")) { (t(lang, "guest-manage-reschedule")) }
                    }
                }
                @if b.guest_may_change {
                    form.book-cancel method="post" action=(format!("/booking/{token}/cancel"))
                        data-confirm=(t(lang, "guest-manage-cancel-confirm")) {
                        div.field.invalid[reason_err.is_some()] {
                            label for="f-reason" { (t(lang, "guest-manage-reason-label")) " " span.muted { (t(lang, "guest-optional")) } }
                            textarea id="f-reason" name="reason" rows="3"
                                aria-invalid=[reason_err.as_ref().map(|_| "true")]
                                aria-describedby=[reason_err.as_ref().map(|_| "f-reason-error")] { (reason) }
                            @if let Some(msg) = &reason_err { p.error id="f-reason-error" { (msg) } }
                        }
                        button.danger type="submit" { (t(lang, "guest-manage-cancel")) }
                    }
                } @else {
                    p.muted { (t(lang, "guest-manage-contact")) }
                }
            }
        },
    )
}

/// Free times by local day in the guest's zone.
pub type Offers = (Tz, BTreeMap<NaiveDate, Vec<Slot>>);

/// Why the reschedule list is shown again.
pub enum Notice<'a> {
    /// Someone else took the time first.
    Taken,
    /// The posted time is not one of the list.
    Invalid,
    /// What the service said (the page closed meanwhile).
    Said(&'a str),
}

/// The times to move the booking to; `found` is None when its page takes
/// no bookings. `days` is how far the list looks ahead.
pub fn reschedule(
    shell: &Shell<'_>,
    token: &str,
    b: &Booking,
    found: Option<&Offers>,
    days: i64,
    notice: Option<Notice<'_>>,
) -> Markup {
    let lang = shell.lang;
    let notice = notice.map(|n| match n {
        Notice::Taken => t(lang, "guest-notice-taken"),
        Notice::Invalid => t(lang, "guest-reschedule-invalid"),
        Notice::Said(text) => text.to_string(),
    });
    public_page(
        shell,
        &t(lang, "guest-manage-reschedule"),
        html! {
            @if let Some(n) = notice { p.form-error role="alert" data-testid="book-notice" { (n) } }
            p { (label(lang, "guest-reschedule-now")) strong { (when(lang, b)) } }
            @match found {
                None => p { (t(lang, "guest-reschedule-closed")) },
                Some((tz, by_day)) => {
                    p.muted { (tr!(lang, "guest-reschedule-free", count = days, zone = tz.name())) }
                    @if by_day.is_empty() {
                        p { (tr!(lang, "guest-reschedule-none", count = days)) }
                    }
                    @for (day, list) in by_day {
                        section.book-day-slots {
                            h2 { (dates::date_long(lang, *day)) }
                            ul.book-slots {
                                @for s in list {
                                    @if let Some(at) = local(s.start, *tz) {
                                        li {
                                            form method="post" action=(format!("/booking/{token}/reschedule")) {
                                                input type="hidden" name="start" value=(at.to_rfc3339());
                                                button.book-slot type="submit" { (dates::time(lang, clock(lang), at.time())) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p { a href=(format!("/booking/{token}")) { (t(lang, "guest-reschedule-back")) } }
        },
    )
}
