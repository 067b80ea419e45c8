//! Signed-in pages for bookings: the list with filters, and a booking's
//! detail with cancel and reschedule. Handlers parse, call the bookings
//! service, render.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};

use super::booking_forms::{Form, active, name_of, names, nonempty, notices, shown_in_form, value};
use super::layout::{Nav, csrf_field, page};
use super::{html, see_other};
use crate::domain::{Booking, BookingPage, BookingState, Member, MemberId};
use crate::engine::Slot;
use crate::error::AppError;
use crate::service::booking::pages::{self as booking_pages, PageFilter};
use crate::service::booking::{self as bookings, BookingFilter, Changer, NotMovable, Paging};
use crate::service::members::directory;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::{Ctx, Services};

/// Routes of this module.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings", web::get().to(list_bookings))
        .route("/bookings/{id}", web::get().to(show_booking))
        .route("/bookings/{id}/cancel", web::post().to(cancel))
        .route("/bookings/{id}/reschedule", web::post().to(reschedule));
}

// ---------------------------------------------------------------- helpers

/// The viewer's time zone; UTC when theirs is unknown.
fn zone(user: &PageUser) -> Tz {
    user.member.timezone.parse().unwrap_or(chrono_tz::UTC)
}

fn local_time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .format("%a %-d %b %Y, %H:%M")
        .to_string()
}

/// Local midnight of `date` in `tz`, as an instant.
fn midnight(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::MIN);
    tz.from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |d| d.with_timezone(&Utc))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::domain::instant::parse_date(s)
}

// ---------------------------------------------------------- bookings list

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct BookingsQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    /// Where the page starts: the previous page's last booking.
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<String>,
}

/// Bookings per page of the list.
const PER_PAGE: u32 = 50;

impl BookingsQuery {
    /// The service filter in the viewer's zone, and a note on a bad date.
    /// Without dates it shows what is still to come; without a state, the
    /// confirmed bookings.
    fn filter(&self, tz: Tz, now: DateTime<Utc>) -> (BookingFilter, Option<&'static str>) {
        let from = nonempty(&self.from).map(parse_date);
        let to = nonempty(&self.to).map(parse_date);
        let bad = matches!(from, Some(None)) || matches!(to, Some(None));
        let filter = BookingFilter {
            host: nonempty(&self.host).map(MemberId::from_string),
            page: nonempty(&self.page).map(str::to_string),
            from: Some(from.flatten().map_or(now, |d| midnight(d, tz))),
            to: to.flatten().map(|d| midnight(d + Duration::days(1), tz)),
            state: match nonempty(&self.state) {
                Some("cancelled") => Some(BookingState::Cancelled),
                Some("any") => None,
                _ => Some(BookingState::Confirmed),
            },
        };
        (
            filter,
            bad.then_some("Dates look like 2027-03-15; the wrong one was left out."),
        )
    }
}

struct BookingsView {
    bookings: Vec<Booking>,
    /// The cursor of the next page, if more bookings follow.
    next: Option<String>,
    pages: Vec<BookingPage>,
    members: Arc<Vec<Member>>,
}

fn bookings_filters(q: &BookingsQuery, v: &BookingsView) -> Markup {
    let is = |v: &Option<String>, x: &str| nonempty(v) == Some(x);
    let hosts = active(&v.members);
    html! {
        form.toolbar.filters method="get" action="/bookings" role="search" {
            select name="host" aria-label="Host" {
                option value="" { "All hosts" }
                @for m in &hosts { option value=(m.id) selected[is(&q.host, m.id.as_str())] { (m.display_name()) } }
            }
            select name="page" aria-label="Booking page" {
                option value="" { "All pages" }
                @for p in &v.pages { option value=(p.id) selected[is(&q.page, &p.id)] { (p.title) } }
            }
            label { "From " input type="date" name="from" value=(q.from.clone().unwrap_or_default()); }
            label { "to " input type="date" name="to" value=(q.to.clone().unwrap_or_default()); }
            select name="state" aria-label="State" {
                option value="confirmed" { "Confirmed" }
                option value="cancelled" selected[is(&q.state, "cancelled")] { "Cancelled" }
                option value="any" selected[is(&q.state, "any")] { "Confirmed and cancelled" }
            }
            button type="submit" { "Filter" }
        }
    }
}

fn state_label(s: BookingState) -> Markup {
    html! {
        @match s {
            BookingState::Confirmed => span.ok { "Confirmed" },
            BookingState::Cancelled => span.muted { "Cancelled" },
        }
    }
}

fn bookings_table(v: &BookingsView, tz: Tz) -> Markup {
    html! {
        table {
            thead { tr { th { "When" } th { "Page" } th { "Guest" } th { "Hosts" } th { "State" } th { span.muted { "Detail" } } } }
            tbody {
                @for b in &v.bookings {
                    tr {
                        td { (local_time(b.start, tz)) }
                        td { (b.page_title) }
                        td { (b.guest.name) br; span.muted { (b.guest.email) } }
                        td { (names(&b.hosts, &v.members)) }
                        td { (state_label(b.state)) }
                        td { a href={ "/bookings/" (b.id) } { "Open" } }
                    }
                }
            }
        }
    }
}

fn list_href(q: &BookingsQuery) -> String {
    match serde_urlencoded::to_string(q) {
        Ok(query) if !query.is_empty() => format!("/bookings?{query}"),
        _ => "/bookings".to_string(),
    }
}

pub async fn list_bookings(
    ctx: Ctx<PageUser>,
    query: web::Query<BookingsQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let tz = zone(&ctx.user);
    let (filter, note) = q.filter(tz, ctx.now);
    let first = Paging {
        limit: Some(PER_PAGE),
        after: None,
    };
    let paging = Paging {
        after: nonempty(&q.after).map(str::to_string),
        ..first.clone()
    };
    let v = ctx
        .run(move |s| {
            let actor = s.actor();
            // A mangled cursor starts the list over instead of failing.
            let listed = match bookings::list_paged(s.store(), actor, &filter, &paging) {
                Err(AppError::Invalid { .. }) => {
                    bookings::list_paged(s.store(), actor, &filter, &first)?
                }
                other => other?,
            };
            Ok(BookingsView {
                bookings: listed.bookings,
                next: listed.next,
                pages: booking_pages::list(s.store(), actor, &PageFilter::default())?,
                members: directory::everyone(s.store())?,
            })
        })
        .await?;
    let body = html! {
        @if let Some(n) = note { p.form-error role="alert" { (n) } }
        (bookings_filters(&q, &v))
        p.muted { "Times in " (tz.name()) ". Without dates, the list shows what is still to come." }
        @if v.bookings.is_empty() {
            div.empty {
                p { strong { "No bookings here." } }
                p { "When guests book one of your pages, their bookings appear in this list." }
                a href="/booking-pages" { "Go to your booking pages" }
            }
        } @else {
            (bookings_table(&v, tz))
            nav.pager aria-label="More bookings" {
                @if nonempty(&q.after).is_some() {
                    a href=(list_href(&BookingsQuery { after: None, ..q.clone() })) { "← First page" }
                }
                @if let Some(next) = &v.next {
                    a rel="next" href=(list_href(&BookingsQuery { after: Some(next.clone()), ..q.clone() })) { "Next " (PER_PAGE) " →" }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&ctx.user, Nav::Bookings, "Bookings", body),
    ))
}

// ---------------------------------------------------------- booking detail

#[derive(Deserialize, Default)]
pub struct DetailQuery {
    day: Option<String>,
    done: Option<String>,
}

struct DetailView {
    booking: Booking,
    members: Arc<Vec<Member>>,
    /// The day whose free times are offered, and those times (None: the
    /// booking cannot be moved from here, with the reason).
    day: NaiveDate,
    slots: Result<Vec<Slot>, String>,
}

/// Free times of `day` for the booking's own hosts (all of them).
fn free_slots(
    s: &Services<'_, Member>,
    b: &Booking,
    day: NaiveDate,
    tz: Tz,
) -> Result<Result<Vec<Slot>, String>, AppError> {
    let d = day.format("%Y-%m-%d").to_string();
    let q = match bookings::parse_query(&d, &d, tz.name()) {
        Ok(q) => q,
        Err(e) => return Ok(Err(e.to_string())),
    };
    Ok(
        bookings::member_offers(s.store(), s.actor(), b, bookings::window(&q), s.now)?.map_err(
            |why| match why {
                NotMovable::Cancelled => "A cancelled booking cannot be moved.".to_string(),
                NotMovable::PageGone => {
                    "Its booking page was deleted; cancel it and book again instead.".to_string()
                }
            },
        ),
    )
}

async fn load_detail(
    ctx: &Ctx<PageUser>,
    id: String,
    day: NaiveDate,
) -> Result<DetailView, AppError> {
    let tz = zone(&ctx.user);
    ctx.run(move |s| {
        let booking = bookings::get(s.store(), s.actor(), &id)?;
        Ok(DetailView {
            slots: free_slots(s, &booking, day, tz)?,
            members: directory::everyone(s.store())?,
            booking,
            day,
        })
    })
    .await
}

fn tomorrow(now: DateTime<Utc>, tz: Tz) -> NaiveDate {
    now.with_timezone(&tz).date_naive() + Duration::days(1)
}

fn cancelled_by(b: &Booking, members: &[Member]) -> String {
    match b.cancelled_by.as_deref() {
        None => String::new(),
        Some("guest") => "the guest".into(),
        Some(id) => name_of(&MemberId::from_string(id), members),
    }
}

fn booking_facts(b: &Booking, members: &[Member], tz: Tz) -> Markup {
    let guest_tz: Option<Tz> = b.guest.timezone.parse().ok();
    html! {
        dl.facts {
            dt { "When" }
            dd {
                (local_time(b.start, tz)) " – " (b.end.with_timezone(&tz).format("%H:%M")) " " span.muted { "(" (tz.name()) ")" }
                @if let Some(g) = guest_tz.filter(|g| *g != tz) {
                    br; span.muted { "For the guest: " (local_time(b.start, g)) " (" (g.name()) ")" }
                }
            }
            dt { "State" } dd { (state_label(b.state)) }
            dt { "Booking page" } dd { (b.page_title) " " span.muted { "/book/" (b.page_slug) } }
            dt { "Guest" } dd { (b.guest.name) " " a href={ "mailto:" (b.guest.email) } { (b.guest.email) } }
            dt { "Hosts" } dd { (names(&b.hosts, members)) }
            dt { "Location" } dd { @if b.location.is_empty() { span.muted { "None given" } } @else { (b.location) } }
            @if let Some(r) = &b.assignment_reason { dt { "Why this host" } dd { (r) } }
            dt { "Notes" } dd.pre { @if b.notes.is_empty() { span.muted { "None" } } @else { (b.notes) } }
            @for a in &b.answers { dt { (a.label) } dd.pre { (a.value) } }
            @if b.state == BookingState::Cancelled {
                dt { "Cancelled by" } dd { (cancelled_by(b, members)) }
                dt { "Reason" } dd { @if b.cancel_reason.is_empty() { span.muted { "None given" } } @else { (b.cancel_reason) } }
            }
            dt { "Sequence" } dd { (b.sequence) " " span.muted { "(changes mailed so far)" } }
            dt { "Booked" } dd { (local_time(b.created_at, tz)) }
        }
    }
}

fn cancel_form(user: &PageUser, b: &Booking) -> Markup {
    html! {
        form method="post" action={ "/bookings/" (b.id) "/cancel" } {
            (csrf_field(&user.csrf_token))
            div.field {
                label for="f-reason" { "Reason (sent to the guest; optional)" }
                textarea id="f-reason" name="reason" rows="2" maxlength="1000" {}
            }
            button.danger type="submit" { "Cancel this booking" }
        }
    }
}

fn reschedule_section(user: &PageUser, v: &DetailView, tz: Tz) -> Markup {
    let b = &v.booking;
    let day = v.day.format("%Y-%m-%d").to_string();
    html! {
        form.toolbar method="get" action={ "/bookings/" (b.id) } {
            label { "Day " input type="date" name="day" value=(day); }
            button type="submit" { "Show free times" }
        }
        @match &v.slots {
            Err(why) => p.muted { (why) },
            Ok(slots) if slots.is_empty() => p.muted { "No free time on this day for the booking's hosts. Try another day." },
            Ok(slots) => form.slots method="post" action={ "/bookings/" (b.id) "/reschedule" } {
                (csrf_field(&user.csrf_token))
                input type="hidden" name="day" value=(day);
                p.muted { "Pick the new start (" (tz.name()) "):" }
                @for s in slots {
                    button type="submit" name="start" value=(bookings::in_zone(s.start, tz)) {
                        (DateTime::from_timestamp(s.start, 0).map(|t| t.with_timezone(&tz).format("%H:%M").to_string()).unwrap_or_default())
                    }
                }
            },
        }
    }
}

fn render_detail(
    user: &PageUser,
    v: &DetailView,
    done: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let tz = zone(user);
    let b = &v.booking;
    let body = html! {
        (notices(done, error))
        p { a href="/bookings" { "← All bookings" } }
        (booking_facts(b, &v.members, tz))
        @if b.state == BookingState::Confirmed {
            h2 { "Move to another time" }
            (reschedule_section(user, v, tz))
            h2 { "Cancel" }
            (cancel_form(user, b))
        }
    };
    let title = format!("{} with {}", b.page_title, b.guest.name);
    page(user, Nav::Bookings, &title, body)
}

pub async fn show_booking(
    ctx: Ctx<PageUser>,
    path: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, AppError> {
    let tz = zone(&ctx.user);
    let bad_day = query
        .day
        .as_deref()
        .is_some_and(|d| !d.is_empty() && parse_date(d).is_none());
    let day = query
        .day
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(|| tomorrow(ctx.now, tz));
    let v = load_detail(&ctx, path.into_inner(), day).await?;
    let error =
        bad_day.then(|| AppError::invalid("day", "a day looks like 2027-03-15; showing tomorrow"));
    Ok(html(
        StatusCode::OK,
        render_detail(&ctx.user, &v, query.done.as_deref(), error.as_ref()),
    ))
}

/// After a cancel or reschedule: 303 back on success; a refusal is shown
/// on the detail page with its status.
async fn after_change(
    ctx: &Ctx<PageUser>,
    id: String,
    day: NaiveDate,
    result: Result<Booking, AppError>,
    done: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(b) => Ok(see_other(&format!(
            "/bookings/{}?done={done}&day={}",
            b.id,
            day.format("%Y-%m-%d")
        ))),
        Err(e) if shown_in_form(&e) => {
            let v = load_detail(ctx, id, day).await?;
            Ok(html(
                e.status_code(),
                render_detail(&ctx.user, &v, None, Some(&e)),
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn cancel(
    ctx: Ctx<CsrfForm<Form>>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let id = path.into_inner();
    let reason = value(&form, "reason");
    let booking_id = id.clone();
    let result = ctx
        .run(move |s| {
            s.bookings()
                .cancel(Changer::Member(s.actor()), &booking_id, &reason, s.now)
        })
        .await;
    let day = tomorrow(ctx.now, zone(&ctx.user));
    after_change(&ctx, id, day, result, "cancelled").await
}

pub async fn reschedule(
    ctx: Ctx<CsrfForm<Form>>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let id = path.into_inner();
    let start = value(&form, "start");
    let day =
        parse_date(&value(&form, "day")).unwrap_or_else(|| tomorrow(ctx.now, zone(&ctx.user)));
    let booking_id = id.clone();
    let result = ctx
        .run(move |s| {
            s.bookings()
                .reschedule(Changer::Member(s.actor()), &booking_id, &start, s.now)
        })
        .await;
    after_change(&ctx, id, day, result, "rescheduled").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_parsed_without_panics() {
        let q = BookingsQuery {
            from: Some("2027-02-30".into()),
            ..BookingsQuery::default()
        };
        let now = Utc::now();
        let (f, note) = q.filter(chrono_tz::Asia::Tokyo, now);
        assert!(note.is_some());
        assert_eq!(f.from, Some(now));
        assert_eq!(f.state, Some(BookingState::Confirmed));
    }
}
