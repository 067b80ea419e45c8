use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::MemberId;
use crate::error::AppError;
use crate::service::{self, schedules::ScheduleInput};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

/// GET /api/v1/members/{id}/schedule
pub async fn get(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let (timezone, s) = ctx
        .run(move |sv| service::schedules::get(sv.store(), sv.actor(), &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "timezone": timezone, "weekly": s.weekly, "breaks": s.breaks,
        "daily_caps": s.daily_caps, "open_booking_cap": s.open_booking_cap,
    })))
}

/// PUT /api/v1/members/{id}/schedule
pub async fn put(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<ScheduleInput>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let timezone = body.0.timezone.clone();
    let s = ctx
        .run(move |sv| service::schedules::set(sv.store(), sv.actor(), &id, body.0, sv.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "timezone": timezone, "weekly": s.weekly, "breaks": s.breaks,
        "daily_caps": s.daily_caps, "open_booking_cap": s.open_booking_cap,
    })))
}

#[derive(Deserialize)]
pub struct NewPeriod {
    start: chrono::DateTime<chrono::FixedOffset>,
    end: chrono::DateTime<chrono::FixedOffset>,
    #[serde(default)]
    reason: String,
}

/// POST /api/v1/members/{id}/unavailability: 201 {id}
pub async fn add(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<NewPeriod>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let p = body.0;
    let u = ctx
        .run(move |s| {
            service::schedules::add_unavailability(
                s.store(),
                s.actor(),
                &id,
                p.start.to_utc(),
                p.end.to_utc(),
                &p.reason,
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .json(json!({ "id": u.id, "start": u.start, "end": u.end, "reason": u.reason })))
}

pub async fn list(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let all = ctx
        .run(move |s| service::schedules::unavailability(s.store(), s.actor(), &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "unavailability": all })))
}

pub async fn remove(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, uid) = path.into_inner();
    let id = MemberId::from_string(id);
    ctx.run(move |s| {
        service::schedules::remove_unavailability(s.store(), s.actor(), &id, &uid, s.now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
