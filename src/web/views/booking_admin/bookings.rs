//! The bookings list with its filters, and a booking's detail with the
//! forms to move and to cancel it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{clock, name_of, names, notices};
use crate::domain::{Booking, BookingPage, BookingState, Member, MemberId};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::dates;
use crate::i18n::names::member_name;
use crate::service::booking::NotMovable;
use crate::service::booking::week::Week;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

fn date_time(lang: Lang, t: DateTime<Utc>, tz: Tz) -> String {
    dates::date_time(lang, clock(lang), &t.with_timezone(&tz))
}

fn state_label(lang: Lang, s: BookingState) -> Markup {
    html! {
        @match s {
            BookingState::Confirmed => span.ok { (tr!(lang, "bkadm-state-confirmed")) },
            BookingState::Cancelled => span.muted { (tr!(lang, "bkadm-state-cancelled")) },
        }
    }
}

// ---------------------------------------------------------- bookings list

/// The list's filters as given in the query.
#[derive(Default)]
pub struct BookingFilters<'a> {
    pub host: Option<&'a str>,
    pub page: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub state: Option<&'a str>,
}

pub struct BookingsList<'a> {
    pub filters: BookingFilters<'a>,
    /// A date of the filters did not read as one and was left out.
    pub bad_date: bool,
    pub bookings: &'a [Booking],
    pub pages: &'a [BookingPage],
    /// Everyone, for the names of hosts.
    pub members: &'a [Member],
    /// Active members, for the host filter.
    pub hosts: &'a [Member],
    /// The reader's zone, in which times are shown.
    pub tz: Tz,
    /// The week the list is narrowed to, if it is (the dashboard's link).
    pub week: Option<Week>,
    /// Back to the first page, when this is a later one.
    pub first_href: Option<String>,
    /// The next page, if more bookings follow, and how many a page holds.
    pub next_href: Option<String>,
    pub per_page: u32,
}

fn bookings_filters(lang: Lang, f: &BookingFilters<'_>, v: &BookingsList<'_>) -> Markup {
    let is = |v: Option<&str>, x: &str| v == Some(x);
    html! {
        form.toolbar.filters method="get" action="/bookings" role="search" {
            select name="host" aria-label=(tr!(lang, "bkadm-filter-host")) {
                option value="" { (tr!(lang, "bkadm-all-hosts")) }
                @for m in v.hosts { option value=(m.id) selected[is(f.host, m.id.as_str())] { (member_name(lang, m)) } }
            }
            select name="page" aria-label=(tr!(lang, "bkadm-bookings-filter-page")) {
                option value="" { (tr!(lang, "bkadm-bookings-all-pages")) }
                @for p in v.pages { option value=(p.id) selected[is(f.page, &p.id)] { (p.title) } }
            }
            label { (tr!(lang, "bkadm-bookings-from")) " " input type="date" name="from" value=(f.from.unwrap_or_default()); }
            label { (tr!(lang, "bkadm-bookings-to")) " " input type="date" name="to" value=(f.to.unwrap_or_default()); }
            select name="state" aria-label=(tr!(lang, "bkadm-bookings-filter-state")) {
                option value="confirmed" { (tr!(lang, "bkadm-state-confirmed")) }
                option value="cancelled" selected[is(f.state, "cancelled")] { (tr!(lang, "bkadm-state-cancelled")) }
                option value="any" selected[is(f.state, "any")] { (tr!(lang, "bkadm-bookings-any-state")) }
            }
            button type="submit" { (tr!(lang, "bkadm-filter")) }
        }
    }
}

fn bookings_table(lang: Lang, v: &BookingsList<'_>) -> Markup {
    html! {
        table {
            thead { tr {
                th { (tr!(lang, "bkadm-bookings-col-when")) }
                th { (tr!(lang, "bkadm-bookings-col-page")) }
                th { (tr!(lang, "bkadm-bookings-col-guest")) }
                th { (tr!(lang, "bkadm-bookings-col-hosts")) }
                th { (tr!(lang, "bkadm-bookings-col-state")) }
                th { span.muted { (tr!(lang, "bkadm-bookings-col-detail")) } }
            } }
            tbody {
                @for b in v.bookings {
                    tr {
                        td { (date_time(lang, b.start, v.tz)) }
                        td { (b.page_title) }
                        td { (b.guest.name) br; span.muted { (b.guest.email) } }
                        td { (names(lang, &b.hosts, v.members)) }
                        td { (state_label(lang, b.state)) }
                        td { a href={ "/bookings/" (b.id) } { (tr!(lang, "bkadm-bookings-open")) } }
                    }
                }
            }
        }
    }
}

/// The bookings list, a whole page.
pub fn bookings_list(lang: Lang, user: &PageUser, v: &BookingsList<'_>) -> Markup {
    let body = html! {
        @if v.bad_date { p.form-error role="alert" { (tr!(lang, "bkadm-bookings-bad-date")) } }
        @if let Some(w) = &v.week {
            p.filtered role="status" {
                (tr!(lang, "dash-week-filter", from = &dates::date(lang, w.monday), to = &dates::date(lang, w.sunday()), zone = w.tz.name()))
                " "
                a href="/bookings" { (tr!(lang, "dash-week-clear")) }
            }
        }
        (bookings_filters(lang, &v.filters, v))
        p.muted { (tr!(lang, "bkadm-bookings-times-in", zone = v.tz.name())) }
        @if v.bookings.is_empty() {
            div.empty {
                p { strong { (tr!(lang, "bkadm-bookings-empty")) } }
                p { (tr!(lang, "bkadm-bookings-empty-hint")) }
                a href="/booking-pages" { (tr!(lang, "bkadm-bookings-to-pages")) }
            }
        } @else {
            (bookings_table(lang, v))
            nav.pager aria-label=(tr!(lang, "bkadm-bookings-more")) {
                @if let Some(first) = &v.first_href {
                    a href=(first) { (tr!(lang, "bkadm-bookings-first-page")) }
                }
                @if let Some(next) = &v.next_href {
                    a rel="next" href=(next) { (tr!(lang, "bkadm-bookings-next", count = v.per_page)) }
                }
            }
        }
    };
    page(
        user,
        Nav::Bookings,
        &tr!(lang, "bkadm-bookings-title"),
        body,
    )
}

// ---------------------------------------------------------- booking detail

/// What the reschedule form offers for the chosen day.
pub enum Offer {
    Slots(Vec<Slot>),
    /// The booking cannot be moved from here.
    NotMovable(NotMovable),
    /// The day did not make a query.
    Refused(AppError),
}

pub struct Detail<'a> {
    pub booking: &'a Booking,
    /// Everyone, for the names of hosts and of who cancelled.
    pub members: &'a [Member],
    /// The day whose free times are offered, and what is offered.
    pub day: NaiveDate,
    pub offer: &'a Offer,
    /// The reader's zone, in which times are shown.
    pub tz: Tz,
    pub done: Option<&'a str>,
    pub error: Option<&'a AppError>,
}

fn cancelled_by(lang: Lang, b: &Booking, members: &[Member]) -> String {
    match b.cancelled_by.as_deref() {
        None => String::new(),
        Some("guest") => tr!(lang, "bkadm-detail-by-guest"),
        Some(id) => name_of(lang, &MemberId::from_string(id), members),
    }
}

fn or_none(lang: Lang, value: &str, key_none_given: bool) -> Markup {
    html! {
        @if value.is_empty() {
            span.muted {
                @if key_none_given { (tr!(lang, "bkadm-detail-none-given")) } @else { (tr!(lang, "bkadm-detail-none")) }
            }
        } @else { (value) }
    }
}

fn booking_facts(lang: Lang, b: &Booking, members: &[Member], tz: Tz) -> Markup {
    let guest_tz: Option<Tz> = b.guest.timezone.parse().ok();
    let when = dates::span(
        lang,
        clock(lang),
        &b.start.with_timezone(&tz),
        &b.end.with_timezone(&tz),
    );
    html! {
        dl.facts {
            dt { (tr!(lang, "bkadm-detail-when")) }
            dd {
                (when) " " span.muted { "(" (tz.name()) ")" }
                @if let Some(g) = guest_tz.filter(|g| *g != tz) {
                    br;
                    span.muted {
                        (tr!(lang, "bkadm-detail-for-guest",
                            when = &dates::date_time_in(lang, clock(lang), b.start, g.name())))
                    }
                }
            }
            dt { (tr!(lang, "bkadm-detail-state")) } dd { (state_label(lang, b.state)) }
            dt { (tr!(lang, "bkadm-detail-page")) } dd { (b.page_title) " " span.muted { "/book/" (b.page_slug) } }
            dt { (tr!(lang, "bkadm-detail-guest")) } dd { (b.guest.name) " " a href={ "mailto:" (b.guest.email) } { (b.guest.email) } }
            dt { (tr!(lang, "bkadm-detail-hosts")) } dd { (names(lang, &b.hosts, members)) }
            dt { (tr!(lang, "bkadm-detail-location")) } dd { (or_none(lang, &b.location, true)) }
            // The reason is the service's own words, stored with the booking.
            @if let Some(r) = &b.assignment_reason { dt { (tr!(lang, "bkadm-detail-why-host")) } dd { (crate::service::booking::reason_msg(r).render(lang)) } }
            dt { (tr!(lang, "bkadm-detail-notes")) } dd.pre { (or_none(lang, &b.notes, false)) }
            @for a in &b.answers { dt { (a.label) } dd.pre { (a.value) } }
            @if b.state == BookingState::Cancelled {
                dt { (tr!(lang, "bkadm-detail-cancelled-by")) } dd { (cancelled_by(lang, b, members)) }
                dt { (tr!(lang, "bkadm-detail-reason")) } dd { (or_none(lang, &b.cancel_reason, true)) }
            }
            dt { (tr!(lang, "bkadm-detail-sequence")) }
            dd { (b.sequence) " " span.muted { (tr!(lang, "bkadm-detail-sequence-hint")) } }
            dt { (tr!(lang, "bkadm-detail-booked")) } dd { (date_time(lang, b.created_at, tz)) }
        }
    }
}

fn cancel_form(lang: Lang, csrf: &str, b: &Booking) -> Markup {
    html! {
        form method="post" action={ "/bookings/" (b.id) "/cancel" } {
            (csrf_field(csrf))
            div.field {
                label for="f-reason" { (tr!(lang, "bkadm-detail-cancel-reason")) }
                textarea id="f-reason" name="reason" rows="2" maxlength="1000" {}
            }
            button.danger type="submit" { (tr!(lang, "bkadm-detail-cancel-button")) }
        }
    }
}

fn slot_time(lang: Lang, s: &Slot, tz: Tz) -> String {
    DateTime::from_timestamp(s.start, 0)
        .map(|t| dates::time(lang, clock(lang), t.with_timezone(&tz).time()))
        .unwrap_or_default()
}

fn reschedule_section(lang: Lang, csrf: &str, v: &Detail<'_>) -> Markup {
    let b = v.booking;
    let tz = v.tz;
    let day = v.day.format("%Y-%m-%d").to_string();
    html! {
        form.toolbar method="get" action={ "/bookings/" (b.id) } {
            label { (tr!(lang, "bkadm-detail-day")) " " input type="date" name="day" value=(day); }
            button type="submit" { (tr!(lang, "bkadm-detail-show-times")) }
        }
        @match v.offer {
            Offer::NotMovable(NotMovable::Cancelled) => p.muted { (tr!(lang, "bkadm-detail-not-movable-cancelled")) },
            Offer::NotMovable(NotMovable::PageGone) => p.muted { (tr!(lang, "bkadm-detail-not-movable-page-gone")) },
            Offer::Refused(e) => p.muted { (e.text(lang)) },
            Offer::Slots(slots) if slots.is_empty() => p.muted { (tr!(lang, "bkadm-detail-no-time")) },
            Offer::Slots(slots) => form.slots method="post" action={ "/bookings/" (b.id) "/reschedule" } {
                (csrf_field(csrf))
                input type="hidden" name="day" value=(day);
                p.muted { (tr!(lang, "bkadm-detail-pick-start", zone = tz.name())) }
                @for s in slots {
                    button type="submit" name="start" value=(crate::service::booking::in_zone(s.start, tz)) {
                        (slot_time(lang, s, tz))
                    }
                }
            },
        }
    }
}

/// A booking's detail, a whole page.
pub fn booking_detail(lang: Lang, user: &PageUser, v: &Detail<'_>) -> Markup {
    let csrf = user.csrf_token.as_str();
    let b = v.booking;
    let body = html! {
        (notices(lang, v.done, v.error))
        p { a href="/bookings" { (tr!(lang, "bkadm-detail-back")) } }
        (booking_facts(lang, b, v.members, v.tz))
        @if b.state == BookingState::Confirmed {
            h2 { (tr!(lang, "bkadm-detail-move")) }
            (reschedule_section(lang, csrf, v))
            h2 { (tr!(lang, "bkadm-detail-cancel")) }
            (cancel_form(lang, csrf, b))
        }
    };
    let title = tr!(
        lang,
        "bkadm-detail-title",
        page = &b.page_title,
        guest = &b.guest.name
    );
    page(user, Nav::Bookings, &title, body)
}
