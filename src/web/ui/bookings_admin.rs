//! Signed-in pages for bookings: the list with filters, and a booking's
//! detail with cancel and reschedule. Handlers parse, call the bookings
//! service and hand the result to the views.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use maud::Markup;
use serde::{Deserialize, Serialize};

use super::booking_forms::{Form, active, nonempty, shown_in_form, value};
use super::{html, see_other};
use crate::domain::{Booking, BookingPage, BookingState, Member, MemberId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service::booking::pages::{self as booking_pages, PageFilter};
use crate::service::booking::week::{self, Week};
use crate::service::booking::{self as bookings, BookingFilter, Changer, Paging};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::{Ctx, Services};
use crate::web::views::booking_admin::bookings::{
    self as views, BookingFilters, BookingsList, Detail, Offer,
};

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
    /// A day of the week to show, Monday to Sunday in the organization's
    /// zone (the admins' dashboard links here); it replaces from and to.
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<String>,
}

/// Bookings per page of the list.
const PER_PAGE: u32 = 50;

impl BookingsQuery {
    /// The service filter in the viewer's zone, and whether a date was
    /// bad (and left out). Without dates it shows what is still to come;
    /// without a state, the confirmed bookings.
    fn filter(&self, tz: Tz, now: DateTime<Utc>) -> (BookingFilter, bool) {
        let from = nonempty(&self.from).map(parse_date);
        let to = nonempty(&self.to).map(parse_date);
        let bad = matches!(from, Some(None))
            || matches!(to, Some(None))
            || matches!(self.week_day(), Some(None));
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
        (filter, bad)
    }

    /// The day `week` names: None without one, Some(None) when it is not
    /// a date.
    fn week_day(&self) -> Option<Option<NaiveDate>> {
        nonempty(&self.week).map(parse_date)
    }

    fn filters(&self) -> BookingFilters<'_> {
        BookingFilters {
            host: self.host.as_deref(),
            page: self.page.as_deref(),
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            state: self.state.as_deref(),
        }
    }
}

struct Listed {
    bookings: Vec<Booking>,
    /// The cursor of the next page, if more bookings follow.
    next: Option<String>,
    pages: Vec<BookingPage>,
    members: Arc<Vec<Member>>,
    /// The week shown, when the list is one week's.
    week: Option<Week>,
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
    let (filter, bad_date) = q.filter(tz, ctx.now);
    let first = Paging {
        limit: Some(PER_PAGE),
        ..Paging::default()
    };
    let paging = Paging {
        after: nonempty(&q.after).map(str::to_string),
        ..first.clone()
    };
    let week_day = q.week_day().flatten();
    let listed = ctx
        .run(move |s| {
            let actor = s.actor();
            let mut filter = filter;
            // The week is the organization's, as on the dashboard.
            let week = match week_day {
                Some(day) => Some(Week::containing(day, week::org_zone(s.store())?)),
                None => None,
            };
            if let Some(w) = &week {
                let (from, to) = w.bounds();
                (filter.from, filter.to) = (Some(from), Some(to));
            }
            // A mangled cursor starts the list over instead of failing.
            let listed = match bookings::list_paged(s.store(), actor, &filter, &paging) {
                Err(AppError::Invalid { .. }) => {
                    bookings::list_paged(s.store(), actor, &filter, &first)?
                }
                other => other?,
            };
            Ok(Listed {
                bookings: listed.bookings,
                next: listed.next,
                pages: booking_pages::list(s.store(), actor, &PageFilter::default())?,
                members: s.store().hosts_shared()?,
                week,
            })
        })
        .await?;
    let hosts = active(&listed.members);
    let view = BookingsList {
        filters: q.filters(),
        bad_date,
        bookings: &listed.bookings,
        pages: &listed.pages,
        members: &listed.members,
        hosts: &hosts,
        tz,
        week: listed.week,
        first_href: nonempty(&q.after).map(|_| {
            list_href(&BookingsQuery {
                after: None,
                ..q.clone()
            })
        }),
        next_href: listed.next.as_ref().map(|next| {
            list_href(&BookingsQuery {
                after: Some(next.clone()),
                ..q.clone()
            })
        }),
        per_page: PER_PAGE,
    };
    Ok(html(
        StatusCode::OK,
        views::bookings_list(ctx.lang, &ctx.user, &view),
    ))
}

// ---------------------------------------------------------- booking detail

#[derive(Deserialize, Default)]
pub struct DetailQuery {
    day: Option<String>,
    done: Option<String>,
}

struct Loaded {
    booking: Booking,
    members: Arc<Vec<Member>>,
    /// The day whose free times are offered, and what is offered.
    day: NaiveDate,
    offer: Offer,
}

/// Free times of `day` for the booking's own hosts (all of them).
fn offer(s: &Services<'_, Member>, b: &Booking, day: NaiveDate, tz: Tz) -> Result<Offer, AppError> {
    let d = day.format("%Y-%m-%d").to_string();
    let q = match bookings::parse_query(&d, &d, tz.name()) {
        Ok(q) => q,
        Err(e) => return Ok(Offer::Refused(e)),
    };
    Ok(
        match bookings::member_offers(s.store(), s.actor(), b, bookings::window(&q), s.now)? {
            Ok(slots) => Offer::Slots(slots),
            Err(why) => Offer::NotMovable(why),
        },
    )
}

async fn load_detail(ctx: &Ctx<PageUser>, id: String, day: NaiveDate) -> Result<Loaded, AppError> {
    let tz = zone(&ctx.user);
    ctx.run(move |s| {
        let booking = bookings::get(s.store(), s.actor(), &id)?;
        Ok(Loaded {
            offer: offer(s, &booking, day, tz)?,
            members: s.store().hosts_shared()?,
            booking,
            day,
        })
    })
    .await
}

fn tomorrow(now: DateTime<Utc>, tz: Tz) -> NaiveDate {
    now.with_timezone(&tz).date_naive() + Duration::days(1)
}

fn render_detail(
    ctx: &Ctx<PageUser>,
    v: &Loaded,
    done: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let view = Detail {
        booking: &v.booking,
        members: &v.members,
        day: v.day,
        offer: &v.offer,
        tz: zone(&ctx.user),
        done,
        error,
    };
    views::booking_detail(ctx.lang, &ctx.user, &view)
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
    let error = bad_day.then(|| AppError::invalid("day", Msg::key("bkadm-detail-bad-day")));
    Ok(html(
        StatusCode::OK,
        render_detail(&ctx, &v, query.done.as_deref(), error.as_ref()),
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
                render_detail(ctx, &v, None, Some(&e)),
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
        let (f, bad) = q.filter(chrono_tz::Asia::Tokyo, now);
        assert!(bad);
        assert_eq!(f.from, Some(now));
        assert_eq!(f.state, Some(BookingState::Confirmed));
    }
}
