//! Booking pages (managed), the public slot and booking endpoints, and
//! bookings for hosts and admins.

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::{Booking, BookingPage};
use crate::error::AppError;
use crate::service::booking_pages::{self, PageFilter, PageInput};
use crate::service::bookings::{self, BookInput, BookingFilter, Changer, Paging};
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

pub fn page_json(p: &BookingPage) -> Value {
    json!(p)
}

/// A booking as the API shows it (the guest's token stays out).
pub fn booking_json(b: &Booking) -> Value {
    json!({
        "id": b.id,
        "page_id": b.page_id,
        "page_slug": b.page_slug,
        "title": b.page_title,
        "hosts": b.hosts,
        "start": b.start,
        "end": b.end,
        "state": b.state,
        "guest": b.guest,
        "notes": b.notes,
        "answers": b.answers,
        "location": b.location,
        "assignment_reason": b.assignment_reason,
        "sequence": b.sequence,
        "cancel_reason": b.cancel_reason,
        "cancelled_by": b.cancelled_by,
        "created_at": b.created_at,
        "updated_at": b.updated_at,
    })
}

/// POST /api/v1/booking-pages → 201 page
pub async fn create(
    state: State,
    user: ApiUser,
    body: Json<PageInput>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let page = state
        .into_inner()
        .run(move |s| booking_pages::create(&s.store, &user.member, body.0, now))
        .await?;
    Ok(HttpResponse::Created().json(page_json(&page)))
}

/// GET /api/v1/booking-pages?q&host&enabled&assignment
pub async fn list(
    state: State,
    user: ApiUser,
    filter: web::Query<PageFilter>,
) -> Result<HttpResponse, AppError> {
    let pages = state
        .into_inner()
        .run(move |s| booking_pages::list(&s.store, &user.member, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "booking_pages": pages })))
}

/// GET /api/v1/booking-pages/{id}: the page and, per host, why they
/// cannot serve it (if they cannot).
pub async fn get(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (page, problems) = state
        .into_inner()
        .run(move |s| {
            let page = booking_pages::get(&s.store, &user.member, &id)?;
            let members = s.store.members_shared()?;
            let problems: Vec<Value> = page
                .hosts
                .iter()
                .map(|h| {
                    let problem = members.iter().find(|m| &m.id == h).map_or_else(
                        || Some("no longer a member".to_string()),
                        |m| {
                            booking_pages::host_problem(
                                &page,
                                m,
                                &s.config.booking.video_link_pattern,
                            )
                        },
                    );
                    json!({ "member_id": h, "problem": problem })
                })
                .collect();
            Ok((page, problems))
        })
        .await?;
    let mut out = page_json(&page);
    out["host_status"] = json!(problems);
    Ok(HttpResponse::Ok().json(out))
}

/// PATCH /api/v1/booking-pages/{id}
pub async fn update(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<PageInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = Utc::now();
    let page = state
        .into_inner()
        .run(move |s| booking_pages::update(&s.store, &user.member, &id, body.0, now))
        .await?;
    Ok(HttpResponse::Ok().json(page_json(&page)))
}

/// DELETE /api/v1/booking-pages/{id} → 204
pub async fn delete(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = Utc::now();
    state
        .into_inner()
        .run(move |s| booking_pages::delete(&s.store, &user.member, &id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// GET /api/v1/public/booking-pages/{slug}: what a guest needs to book.
pub async fn public_page(state: State, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (page, hosts) = state
        .into_inner()
        .run(move |s| {
            let page = booking_pages::public(&s.store, &slug)?;
            let members = s.store.members_shared()?;
            let hosts: Vec<String> = page
                .hosts
                .iter()
                .filter_map(|h| members.iter().find(|m| &m.id == h))
                .map(|m| m.display_name())
                .collect();
            Ok((page, hosts))
        })
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
    state: State,
    path: web::Path<String>,
    params: web::Query<SlotParams>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let p = params.into_inner();
    let need = |v: Option<String>, field: &str| {
        v.filter(|x| !x.trim().is_empty())
            .ok_or_else(|| AppError::invalid(field, "required"))
    };
    let q = bookings::parse_query(
        &need(p.from, "from")?,
        &need(p.to, "to")?,
        &need(p.timezone, "timezone")?,
    )?;
    let now = Utc::now();
    let tz: Tz = q.tz;
    // A repeated request (the same page, days and zone while nothing
    // changed) is answered from the finished body, without a thread hop.
    let key = format!("{slug}\n{}\n{}\n{}", q.from, q.to, tz.name());
    if let Some(body) =
        state
            .availability
            .lists
            .body(state.store.revisions(), now.timestamp(), &key)
    {
        return Ok(json_body(body));
    }
    let body = state
        .clone()
        .into_inner()
        .run(move |s| {
            let lists = &s.availability.lists;
            // One computation per miss: requests that missed together
            // (a new minute, a new booking) wait for the first one's body
            // instead of all computing the same list.
            let _one = lists.computing(&key);
            // Read again: while this request waited, another computed it.
            if let Some(body) = lists.body(s.store.revisions(), now.timestamp(), &key) {
                return Ok(body);
            }
            let page = booking_pages::public(&s.store, &slug)?;
            let (list, stamp) =
                bookings::slots(&s.store, &s.availability, &s.booking, &page, &q, now)?;
            let slots: Vec<Value> = list
                .iter()
                .map(|s| json!({ "start": bookings::in_zone(s.start, tz), "end": bookings::in_zone(s.end, tz) }))
                .collect();
            let body = web::Bytes::from(
                serde_json::to_vec(&json!({ "slots": slots }))
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            );
            if let Some(stamp) = stamp {
                lists.put_body(s.store.revisions(), stamp, now.timestamp(), key, body.clone());
            }
            Ok(body)
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
    state: State,
    req: actix_web::HttpRequest,
    path: web::Path<String>,
    body: Json<BookInput>,
) -> Result<HttpResponse, AppError> {
    state
        .limits
        .booking_attempt(crate::web::auth::client_ip(&req))?;
    let slug = path.into_inner();
    let input = body.0;
    let tz: Tz = input.timezone.parse().unwrap_or(chrono_tz::UTC);
    let settings = state.booking.clone();
    let now = Utc::now();
    let book = Arc::clone(&state.host_book);
    let booked = state
        .bookings_writer
        .run(move |txn| {
            let src = &mut book.source(txn, now.timestamp());
            bookings::book_in(txn, src, &settings, &slug, &input, now)
        })
        .await?;
    let b = &booked.booking;
    Ok(HttpResponse::Created().json(json!({
        "id": b.id,
        "start": bookings::in_zone(b.start.timestamp(), tz),
        "end": bookings::in_zone(b.end.timestamp(), tz),
        "hosts": b.hosts,
        "location": b.location,
        "assignment_reason": b.assignment_reason,
    })))
}

/// GET /api/v1/bookings?host&page&from&to&state
pub async fn list_bookings(
    state: State,
    user: ApiUser,
    filter: web::Query<BookingFilter>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let listed = state
        .into_inner()
        .run(move |s| bookings::list_paged(&s.store, &user.member, &filter, &paging))
        .await?;
    let out: Vec<Value> = listed.bookings.iter().map(booking_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "bookings": out, "next": listed.next })))
}

/// GET /api/v1/bookings/{id}
pub async fn get_booking(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let b = state
        .into_inner()
        .run(move |s| bookings::get(&s.store, &user.member, &id))
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b)))
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
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Option<Json<CancelBody>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    let now = Utc::now();
    let b = state
        .into_inner()
        .run(move |s| {
            bookings::cancel(
                &s.store,
                &s.booking,
                Changer::Member(&user.member),
                &id,
                &reason,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b)))
}

/// POST /api/v1/bookings/{id}/reschedule {start}
pub async fn reschedule(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<RescheduleBody>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = Utc::now();
    let b = state
        .into_inner()
        .run(move |s| {
            bookings::reschedule(
                &s.store,
                &s.booking,
                Changer::Member(&user.member),
                &id,
                &body.0.start,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking_json(&b)))
}

/// POST /api/v1/public/bookings/{token}/cancel: the guest, by their link.
pub async fn guest_cancel(
    state: State,
    path: web::Path<String>,
    body: Option<Json<CancelBody>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    let now = Utc::now();
    let b = state
        .into_inner()
        .run(move |s| {
            let id = bookings::by_token(&s.store, &token)?.id;
            bookings::cancel(
                &s.store,
                &s.booking,
                Changer::Guest(&token),
                &id,
                &reason,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": b.id, "state": b.state })))
}

/// POST /api/v1/public/bookings/{token}/reschedule {start}
pub async fn guest_reschedule(
    state: State,
    path: web::Path<String>,
    body: Json<RescheduleBody>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let now = Utc::now();
    let b = state
        .into_inner()
        .run(move |s| {
            let id = bookings::by_token(&s.store, &token)?.id;
            bookings::reschedule(
                &s.store,
                &s.booking,
                Changer::Guest(&token),
                &id,
                &body.0.start,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": b.id, "start": b.start, "end": b.end })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingSettings {
    allow_overlap: bool,
}

/// GET /api/v1/org/booking-settings
pub async fn settings(state: State, _user: ApiUser) -> Result<HttpResponse, AppError> {
    let org = state
        .into_inner()
        .run(|s| Ok(s.store.organization()?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "allow_overlap": org.is_some_and(|o| o.allow_overlap) })))
}

/// PUT /api/v1/org/booking-settings {allow_overlap}
pub async fn set_settings(
    state: State,
    user: ApiUser,
    body: Json<BookingSettings>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let allow = state
        .into_inner()
        .run(move |s| {
            let admin = crate::policy::admin(&user.member)?;
            booking_pages::set_allow_overlap(&s.store, admin, body.0.allow_overlap, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "allow_overlap": allow })))
}
