//! Calendar feed addresses (API.md "Calendars and notifications"): the
//! member's own and each booking page's. Reading one makes it on first
//! use; rotating replaces it and the old address stops working.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::domain::MemberId;
use crate::error::AppError;
use crate::service::feeds::{self, FeedInfo};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;

fn answer(f: &FeedInfo) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "url": f.url,
        "created_at": f.created_at,
        "last_used_at": f.last_used_at,
    }))
}

/// GET /api/v1/members/{id}/feed: 200 {url}
pub async fn member(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let f = ctx
        .run(move |s| feeds::member_feed(s.calendars(), s.actor(), &id, s.now))
        .await?;
    Ok(answer(&f))
}

/// POST /api/v1/members/{id}/feed/rotate: 200 {url}, the new address.
pub async fn rotate_member(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let f = ctx
        .run(move |s| feeds::rotate_member_feed(s.calendars(), s.actor(), &id, s.now))
        .await?;
    Ok(answer(&f))
}

/// GET /api/v1/booking-pages/{id}/feed: 200 {url}
pub async fn page(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let f = ctx
        .run(move |s| feeds::page_feed(s.calendars(), s.actor(), &id, s.now))
        .await?;
    Ok(answer(&f))
}

/// POST /api/v1/booking-pages/{id}/feed/rotate: 200 {url}
pub async fn rotate_page(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let f = ctx
        .run(move |s| feeds::rotate_page_feed(s.calendars(), s.actor(), &id, s.now))
        .await?;
    Ok(answer(&f))
}

/// GET and HEAD /ical/{token}.ics: the feed file, for calendar apps (no
/// sign-in: the token is the credential). Registered beside the pages,
/// outside /api/v1; 404 alike for an unknown token, a rotated one and a
/// member who left.
pub async fn ical(
    ctx: Ctx,
    req: actix_web::HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    use actix_web::http::header;
    let token = path.into_inner();
    let served = ctx
        .run(move |s| feeds::serve(s.calendars(), &token, s.now))
        .await?
        .ok_or(AppError::NotFound)?;
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|t| t == served.etag || t == "*")
        });
    let mut answer = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    answer
        .insert_header((header::ETAG, served.etag))
        // Clients revalidate each time; the ETag makes that cheap.
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header(("X-Robots-Tag", "noindex"));
    Ok(if fresh {
        answer.finish()
    } else {
        answer
            .content_type("text/calendar; charset=utf-8")
            .body(in_slices(served.body))
    })
}

/// A kept feed file as a sized stream of slices of it (no copy). Answered
/// in one piece, each connection gathered the whole file (2.5 MB for a
/// busy round robin) in a write buffer of its own.
fn in_slices(
    body: actix_web::web::Bytes,
) -> actix_web::body::SizedStream<
    impl futures_util::Stream<Item = Result<actix_web::web::Bytes, std::convert::Infallible>>,
> {
    const SLICE: usize = 64 * 1024;
    let len = body.len();
    let slices = (0..len)
        .step_by(SLICE)
        .map(move |at| Ok(body.slice(at..(at + SLICE).min(len))));
    actix_web::body::SizedStream::new(len as u64, futures_util::stream::iter(slices))
}
