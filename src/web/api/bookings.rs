//! Booking pages (managed), the public slot and booking endpoints, and
//! bookings for hosts and admins.

use crate::i18n::Lang;
use crate::service::booking::reason_msg;
use actix_web::{HttpResponse, web};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::{Booking, BookingPage};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service::booking::pages::{self as booking_pages, PageFilter, PageInput};
use crate::service::booking::{self as bookings, BookInput, BookingFilter, Changer, Paging};
use crate::web::auth::ApiUser;
use crate::web::ctx::{Ctx, Guest};
use crate::web::extract::Json;

pub fn page_json(p: &BookingPage) -> Value {
    json!(p)
}

/// A booking as the API shows it (the guest's token stays out).
pub fn booking_json(b: &Booking, lang: Lang) -> Value {
    json!({
        "id": b.id,
        "page_id": b.page_id,
        "page_slug": b.page_slug,
        "title": b.page_title,
        "hosts": b.hosts,
        "start": b.start,
        "end": b.end,
        "state": b.state,
        "guest": guest_json(&b.guest),
        "notes": b.notes,
        "answers": b.answers.iter().map(answer_json).collect::<Vec<_>>(),
        "location": b.location,
        "assignment_reason": b.assignment_reason.as_ref().map(|r| reason_msg(r).render(lang)),
        "sequence": b.sequence,
        "cancel_reason": b.cancel_reason,
        "cancelled_by": b.cancelled_by,
        "created_at": b.created_at,
        "updated_at": b.updated_at,
    })
}

/// Named in full here: the stored row names them short.
fn guest_json(g: &crate::domain::Guest) -> Value {
    json!({
        "name": g.name,
        "email": g.email,
        "timezone": g.timezone,
        "language": g.language,
    })
}

fn answer_json(a: &crate::domain::Answer) -> Value {
    json!({ "question_id": a.question_id, "label": a.label, "value": a.value })
}

/// POST /api/v1/booking-pages → 201 page
pub async fn create(ctx: Ctx<ApiUser>, body: Json<PageInput>) -> Result<HttpResponse, AppError> {
    let page = ctx
        .run(move |s| booking_pages::create(s.store(), s.actor(), body.0, s.now))
        .await?;
    Ok(HttpResponse::Created().json(page_json(&page)))
}

/// GET /api/v1/booking-pages?q&host&enabled&assignment
pub async fn list(
    ctx: Ctx<ApiUser>,
    filter: crate::web::extract::Query<PageFilter>,
) -> Result<HttpResponse, AppError> {
    let pages = ctx
        .run(move |s| booking_pages::list(s.store(), s.actor(), &filter))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "booking_pages": pages })))
}

/// GET /api/v1/booking-pages/{id}: the page and, per host, why they
/// cannot serve it (if they cannot).
pub async fn get(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (page, hosts) = ctx
        .run(move |s| {
            let page = booking_pages::get(s.store(), s.actor(), &id)?;
            let pattern = &s.config().booking.video_link_pattern;
            let hosts = booking_pages::host_status(s.store(), &page, pattern)?;
            Ok((page, hosts))
        })
        .await?;
    let mut out = page_json(&page);
    out["host_status"] = hosts
        .iter()
        .map(|h| {
            let name = h.name.as_deref().unwrap_or(h.member_id.as_str());
            json!({
                "member_id": h.member_id,
                "problem": h.problem.map(|p| p.msg(name).render(ctx.lang)),
                "problem_code": h.problem.map(|p| p.code()),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// PATCH /api/v1/booking-pages/{id}
pub async fn update(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<PageInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let page = ctx
        .run(move |s| booking_pages::update(s.store(), s.actor(), &id, body.0, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(page_json(&page)))
}

/// DELETE /api/v1/booking-pages/{id} → 204
pub async fn delete(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    ctx.run(move |s| booking_pages::delete(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// GET /api/v1/public/booking-pages/{slug}: what a guest needs to book.
pub async fn public_page(
    ctx: Ctx<Guest>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (page, hosts) = ctx
        .run(move |s| booking_pages::public_with_hosts(s.store(), &slug))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "slug": page.slug,
        "title": page.title,
        "description": page.description,
        "duration_minutes": page.duration_minutes,
        "assignment": page.assignment,
        "location": page.location.as_ref().map(|l| l.kind),
        "questions": page.questions,
        "hosts": hosts,
    })))
}

#[derive(Deserialize)]
pub struct SlotParams {
    from: Option<String>,
    to: Option<String>,
    timezone: Option<String>,
}

/// GET /api/v1/public/booking-pages/{slug}/slots?from&to&timezone
pub async fn slots(
    ctx: Ctx<Guest>,
    path: web::Path<String>,
    params: crate::web::extract::Query<SlotParams>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let p = params.into_inner();
    let need = |v: Option<String>, field: &str| {
        v.filter(|x| !x.trim().is_empty())
            .ok_or_else(|| AppError::invalid(field, Msg::key("err-required")))
    };
    let q = bookings::parse_query(
        &need(p.from, "from")?,
        &need(p.to, "to")?,
        &need(p.timezone, "timezone")?,
    )?;
    // A repeated request (the same page, days and zone while nothing
    // changed) is answered from the finished body, without a thread hop.
    let key = format!("{slug}\n{}\n{}\n{}", q.from, q.to, q.tz.name());
    if let Some(body) = ctx.bookings().kept_slot_body(&key, ctx.now) {
        return Ok(json_body(body));
    }
    let body = ctx
        .run(move |s| {
            s.bookings().slot_body(key, &slug, &q, s.now, |list| {
                let tz = q.tz;
                let slots: Vec<Value> = list
                    .iter()
                    .map(|s| json!({ "start": bookings::in_zone(s.start, tz), "end": bookings::in_zone(s.end, tz) }))
                    .collect();
                serde_json::to_vec(&json!({ "slots": slots }))
                    .map(web::Bytes::from)
                    .map_err(|e| AppError::Internal(e.to_string()))
            })
        })
        .await?;
    Ok(json_body(body))
}

fn json_body(body: web::Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(actix_web::http::header::ContentType::json())
        .body(body)
}

/// POST /api/v1/public/booking-pages/{slug}/bookings → 201 {id, start, end, hosts}
pub async fn book(
    ctx: Ctx<Guest>,
    path: web::Path<String>,
    body: Json<BookInput>,
) -> Result<HttpResponse, AppError> {
    ctx.app().limits.booking_attempt(ctx.client_ip)?;
    let mut input = body.0;
    // Without a language in the body, the guest's mails follow the one
    // their client asks for.
    input
        .language
        .get_or_insert_with(|| ctx.lang.code().to_string());
    let tz: Tz = input.timezone.parse().unwrap_or(chrono_tz::UTC);
    let booked = ctx
        .bookings()
        .book(path.into_inner(), input, ctx.now)
        .await?;
    let b = &booked.booking;
    Ok(HttpResponse::Created().json(json!({
        "id": b.id,
        "start": bookings::in_zone(b.start.timestamp(), tz),
        "end": bookings::in_zone(b.end.timestamp(), tz),
        "hosts": b.hosts,
        "location": b.location,
        "assignment_reason": b.assignment_reason.as_ref().map(|r| reason_msg(r).render(ctx.lang)),
    })))
}

/// The bookings list's filters as a query gives them: `from` and `to`
/// may be plain dates, read in the caller's zone.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    host: Option<crate::domain::MemberId>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    from: Option<crate::domain::instant::DayOrInstant>,
    #[serde(default)]
    to: Option<crate::domain::instant::DayOrInstant>,
    #[serde(default)]
    state: Option<crate::domain::BookingState>,
}

/// GET /api/v1/bookings?host&page&from&to&state&limit&cursor
pub async fn list_bookings(
    ctx: Ctx<ApiUser>,
    query: crate::web::extract::Query<ListQuery>,
    paging: crate::web::extract::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let tz: Tz = ctx.actor().timezone.parse().unwrap_or(chrono_tz::UTC);
    let filter = BookingFilter {
        host: query.host,
        page: query.page,
        from: query.from.map(|d| d.start_in(tz)),
        to: query.to.map(|d| d.start_in(tz)),
        state: query.state,
    };
    let listed = ctx
        .run(move |s| bookings::list_paged(s.store(), s.actor(), &filter, &paging))
        .await?;
    let out: Vec<Value> = listed
        .bookings
        .iter()
        .map(|b| booking_json(b, ctx.lang))
        .collect();
    let mut body = json!({ "bookings": out, "next": listed.next });
    if let Some(next) = listed.next {
        body["next_cursor"] = json!(next);
    }
    Ok(HttpResponse::Ok().json(body))
}

/// GET /api/v1/bookings/{id}
pub async fn get_booking(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let b = ctx
        .run(move |s| bookings::get(s.store(), s.actor(), &id))
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b, ctx.lang)))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    start: String,
}

/// POST /api/v1/bookings/{id}/cancel {reason?}
pub async fn cancel(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Option<Json<CancelBody>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    let b = ctx
        .run(move |s| {
            s.bookings()
                .cancel(Changer::Member(s.actor()), &id, &reason, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b, ctx.lang)))
}

/// POST /api/v1/bookings/{id}/reschedule {start}
pub async fn reschedule(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<RescheduleBody>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let b = ctx
        .run(move |s| {
            s.bookings()
                .reschedule(Changer::Member(s.actor()), &id, &body.0.start, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b, ctx.lang)))
}

/// POST /api/v1/public/bookings/{token}/cancel: the guest, by their link.
pub async fn guest_cancel(
    ctx: Ctx<Guest>,
    path: web::Path<String>,
    body: Option<Json<CancelBody>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    let b = ctx
        .run(move |s| s.bookings().guest_cancel(&token, &reason, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": b.id, "state": b.state })))
}

/// POST /api/v1/public/bookings/{token}/reschedule {start}
pub async fn guest_reschedule(
    ctx: Ctx<Guest>,
    path: web::Path<String>,
    body: Json<RescheduleBody>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let b = ctx
        .run(move |s| s.bookings().guest_reschedule(&token, &body.0.start, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": b.id, "start": b.start, "end": b.end })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingSettings {
    allow_overlap: bool,
}

/// GET /api/v1/org/booking-settings
pub async fn settings(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let allow = ctx.run(|s| booking_pages::allow_overlap(s.store())).await?;
    Ok(HttpResponse::Ok().json(json!({ "allow_overlap": allow })))
}

/// PUT /api/v1/org/booking-settings {allow_overlap}
pub async fn set_settings(
    ctx: Ctx<ApiUser>,
    body: Json<BookingSettings>,
) -> Result<HttpResponse, AppError> {
    let allow = ctx
        .run(move |s| {
            booking_pages::set_allow_overlap(s.store(), s.admin()?, body.0.allow_overlap, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "allow_overlap": allow })))
}
