//! The guest's own booking, behind the token of their mail: the manage
//! page at /booking/{token}, its calendar file, cancel and reschedule.
//! Like the booking page, it works without JavaScript.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use maud::{Markup, html};
use serde::Deserialize;

use super::book::{PAGE_CLOCK, PAGE_LANG};
use super::booking_view::{details, local};
use super::layout::{Shell, public_page};
use super::query;
use super::{html, see_other};
use crate::domain::{Booking, BookingState, Member};
use crate::engine::Slot;
use crate::error::AppError;
use crate::ics::Method;
use crate::service::booking as bookings;
use crate::service::booking::mail as booking_mail;
use crate::web::ctx::Ctx;

/// Routes of this module (registered before the signed-in pages).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/booking/{token}", web::get().to(manage))
        .route("/booking/{token}/invite.ics", web::get().to(invite))
        .route("/booking/{token}/cancel", web::post().to(cancel))
        .route(
            "/booking/{token}/reschedule",
            web::get().to(reschedule_form),
        )
        .route("/booking/{token}/reschedule", web::post().to(reschedule));
}

/// How many days the guest's reschedule list covers.
const RESCHEDULE_DAYS: i64 = 14;

async fn load_booking(ctx: &Ctx, token: String) -> Result<(Booking, Vec<Member>), AppError> {
    ctx.run(move |s| bookings::by_token_with_hosts(s.store(), &token))
        .await
}

/// What the manage page says above the details.
#[derive(Default)]
struct Flash {
    new: bool,
    cancelled: bool,
    moved: bool,
}

fn render_manage(
    token: &str,
    b: &Booking,
    hosts: &[Member],
    flash: &Flash,
    reason: &str,
    error: Option<&AppError>,
) -> Markup {
    let cancelled = b.state == BookingState::Cancelled;
    let title = if cancelled {
        "Booking cancelled"
    } else if flash.new {
        "You are booked"
    } else {
        "Your booking"
    };
    let reason_err = error
        .filter(|e| e.field() == Some("reason"))
        .map(|e| e.to_string());
    let general = error
        .filter(|e| e.field() != Some("reason"))
        .map(|e| e.to_string());
    html! {
        (public_page(&Shell::UNTRANSLATED,title, html! {
            @if let Some(g) = general { p.form-error role="alert" { (g) } }
            @if flash.new && !cancelled {
                p.notice role="status" { "Thank you, " (b.guest.name) ". A confirmation is on its way to " (b.guest.email) "." }
            }
            @if flash.moved && !cancelled {
                p.notice role="status" { "Moved to " (booking_mail::when(PAGE_LANG, PAGE_CLOCK, b.start, b.end, &b.guest.timezone)) "." }
            }
            @if cancelled {
                p.notice role="status" data-testid="booking-state" {
                    @if flash.cancelled { "Cancelled. The hosts have been told." } @else { "Cancelled. This booking no longer takes place." }
                }
                @if !b.cancel_reason.is_empty() {
                    p.muted { "Reason: " (b.cancel_reason) }
                }
            }
            (details(b, hosts))
            @if !cancelled {
                p.book-actions {
                    a.button href=(format!("/booking/{token}/invite.ics")) download="invite.ics" { "Add to calendar" }
                    @if b.guest_may_change {
                        " "
                        a href=(format!("/booking/{token}/reschedule")) { "Pick another time" }
                    }
                }
                @if b.guest_may_change {
                    form.book-cancel method="post" action=(format!("/booking/{token}/cancel"))
                        data-confirm="Cancel this booking?" {
                        div.field.invalid[reason_err.is_some()] {
                            label for="f-reason" { "Reason for cancelling " span.muted { "(optional)" } }
                            textarea id="f-reason" name="reason" rows="3"
                                aria-invalid=[reason_err.as_ref().map(|_| "true")]
                                aria-describedby=[reason_err.as_ref().map(|_| "f-reason-error")] { (reason) }
                            @if let Some(msg) = &reason_err { p.error id="f-reason-error" { (msg) } }
                        }
                        button.danger type="submit" { "Cancel booking" }
                    }
                } @else {
                    p.muted { "To change or cancel this booking, please contact your host." }
                }
            }
        }))
    }
}

/// GET /booking/{token}
pub async fn manage(
    req: HttpRequest,
    ctx: Ctx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let q = query(&req);
    let flash = Flash {
        new: q.contains_key("new"),
        cancelled: q.contains_key("cancelled"),
        moved: q.contains_key("moved"),
    };
    let (b, hosts) = load_booking(&ctx, token.clone()).await?;
    Ok(html(
        StatusCode::OK,
        render_manage(&token, &b, &hosts, &flash, "", None),
    ))
}

/// GET /booking/{token}/invite.ics
pub async fn invite(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (b, hosts) = load_booking(&ctx, token).await?;
    let method = if b.state == BookingState::Cancelled {
        Method::Cancel
    } else {
        Method::Request
    };
    let body = ctx.bookings().ics(&b, &hosts, method, ctx.now);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"invite.ics\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
}

/// POST /booking/{token}/cancel
pub async fn cancel(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let reason = form.into_inner().reason;
    let (t, r) = (token.clone(), reason.clone());
    let result = ctx
        .run(move |s| s.bookings().guest_cancel(&t, &r, s.now))
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!("/booking/{token}?cancelled=1"))),
        Err(AppError::Conflict {
            code: "already_cancelled",
            ..
        }) => Ok(see_other(&format!("/booking/{token}"))),
        Err(e @ AppError::Invalid { .. }) => {
            let (b, hosts) = load_booking(&ctx, token.clone()).await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_manage(&token, &b, &hosts, &Flash::default(), &reason, Some(&e)),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The guest's free slots for the next days, by local day; None when the
/// page cannot be booked any more.
async fn reschedule_slots(
    ctx: &Ctx,
    b: &Booking,
) -> Result<Option<(Tz, BTreeMap<NaiveDate, Vec<Slot>>)>, AppError> {
    let tz: Tz = b.guest.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = ctx.now.with_timezone(&tz).date_naive();
    let q = bookings::parse_query(
        &today.to_string(),
        &(today + Duration::days(RESCHEDULE_DAYS - 1)).to_string(),
        tz.name(),
    )?;
    let booking = b.clone();
    let found = ctx
        .run(move |s| bookings::guest_offers(s.store(), &booking, bookings::window(&q), s.now))
        .await?;
    Ok(found.map(|list| {
        let mut days: BTreeMap<NaiveDate, Vec<Slot>> = BTreeMap::new();
        for slot in list {
            if let Some(start) = local(slot.start, tz) {
                days.entry(start.date_naive()).or_default().push(slot);
            }
        }
        (tz, days)
    }))
}

fn render_reschedule(
    token: &str,
    b: &Booking,
    found: Option<&(Tz, BTreeMap<NaiveDate, Vec<Slot>>)>,
    notice: Option<&str>,
) -> Markup {
    public_page(
        &Shell::UNTRANSLATED,
        "Pick another time",
        html! {
            @if let Some(n) = notice { p.form-error role="alert" data-testid="book-notice" { (n) } }
            p { "Now: " strong { (booking_mail::when(PAGE_LANG, PAGE_CLOCK, b.start, b.end, &b.guest.timezone)) } }
            @match found {
                None => p { "This booking page is not taking bookings at the moment, so the time cannot be changed online. You can still cancel, or contact your host." },
                Some((tz, days)) => {
                    p.muted { "Free times in the next " (RESCHEDULE_DAYS) " days, in " (tz.name()) "." }
                    @if days.is_empty() {
                        p { "There are no free times in the next " (RESCHEDULE_DAYS) " days. Please contact your host." }
                    }
                    @for (day, list) in days {
                        section.book-day-slots {
                            h2 { (day.format("%A %-d %B %Y")) }
                            ul.book-slots {
                                @for s in list {
                                    @if let Some(t) = local(s.start, *tz) {
                                        li {
                                            form method="post" action=(format!("/booking/{token}/reschedule")) {
                                                input type="hidden" name="start" value=(bookings::in_zone(s.start, *tz));
                                                button.book-slot type="submit" { (t.format("%H:%M")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p { a href=(format!("/booking/{token}")) { "‹ Back to your booking" } }
        },
    )
}

/// GET /booking/{token}/reschedule
pub async fn reschedule_form(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (b, _) = load_booking(&ctx, token.clone()).await?;
    if b.state == BookingState::Cancelled || !b.guest_may_change {
        return Ok(see_other(&format!("/booking/{token}")));
    }
    let found = reschedule_slots(&ctx, &b).await?;
    Ok(html(
        StatusCode::OK,
        render_reschedule(&token, &b, found.as_ref(), None),
    ))
}

#[derive(Deserialize)]
pub struct RescheduleForm {
    #[serde(default)]
    start: String,
}

/// POST /booking/{token}/reschedule
pub async fn reschedule(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<RescheduleForm>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let start = form.into_inner().start;
    let t = token.clone();
    let result = ctx
        .run(move |s| s.bookings().guest_reschedule(&t, &start, s.now))
        .await;
    let (status, notice) = match result {
        Ok(_) => return Ok(see_other(&format!("/booking/{token}?moved=1"))),
        Err(AppError::Conflict {
            code: "already_cancelled",
            ..
        }) => return Ok(see_other(&format!("/booking/{token}"))),
        Err(AppError::Conflict { .. }) => (
            StatusCode::CONFLICT,
            "This time was just taken; pick another one.".to_string(),
        ),
        Err(AppError::Invalid { .. }) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "This time cannot be booked. Please pick one from the list.".to_string(),
        ),
        Err(AppError::Gone { message }) => (StatusCode::GONE, message.to_string()),
        Err(e) => return Err(e),
    };
    let (b, _) = load_booking(&ctx, token.clone()).await?;
    let found = reschedule_slots(&ctx, &b).await?;
    Ok(html(
        status,
        render_reschedule(&token, &b, found.as_ref(), Some(&notice)),
    ))
}
