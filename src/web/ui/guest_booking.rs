//! The guest's own booking, behind the token of their mail: the manage
//! page at /booking/{token}, its calendar file, cancel and reschedule.
//! Like the booking page, it works without JavaScript.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Deserialize;

use super::booking_view::local;
use super::layout::Shell;
use super::query;
use super::{html, see_other};
use crate::domain::{Booking, BookingState, Member};
use crate::engine::Slot;
use crate::error::AppError;
use crate::ics::Method;
use crate::service::booking as bookings;
use crate::web::ctx::Ctx;
use crate::web::views::guest::manage::{self as view, Flash, Notice, Offers};

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
        view::manage(&Shell::of(&ctx), &token, &b, &hosts, &flash, "", None),
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
            // The cancel address answers posts only: the switch goes to
            // the booking.
            let here = format!("/booking/{token}");
            let shell = Shell {
                lang: ctx.lang,
                here: Some(&here),
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::manage(
                    &shell,
                    &token,
                    &b,
                    &hosts,
                    &Flash::default(),
                    &reason,
                    Some(&e),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The guest's free slots for the next days, by local day; None when the
/// page cannot be booked any more.
async fn reschedule_slots(ctx: &Ctx, b: &Booking) -> Result<Option<Offers>, AppError> {
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
        view::reschedule(
            &Shell::of(&ctx),
            &token,
            &b,
            found.as_ref(),
            RESCHEDULE_DAYS,
            None,
        ),
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
    let gone;
    let (status, notice) = match result {
        Ok(_) => return Ok(see_other(&format!("/booking/{token}?moved=1"))),
        Err(AppError::Conflict {
            code: "already_cancelled",
            ..
        }) => return Ok(see_other(&format!("/booking/{token}"))),
        Err(AppError::Conflict { .. }) => (StatusCode::CONFLICT, Notice::Taken),
        Err(AppError::Invalid { .. }) => (StatusCode::UNPROCESSABLE_ENTITY, Notice::Invalid),
        Err(e @ AppError::Gone { .. }) => {
            gone = e.text(ctx.lang);
            (StatusCode::GONE, Notice::Said(&gone))
        }
        Err(e) => return Err(e),
    };
    let (b, _) = load_booking(&ctx, token.clone()).await?;
    let found = reschedule_slots(&ctx, &b).await?;
    Ok(html(
        status,
        view::reschedule(
            &Shell::of(&ctx),
            &token,
            &b,
            found.as_ref(),
            RESCHEDULE_DAYS,
            Some(notice),
        ),
    ))
}
