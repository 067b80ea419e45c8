use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::MemberId;
use crate::error::AppError;
use crate::service::{self, schedules::ScheduleInput};
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

/// GET /api/v1/members/{id}/schedule
pub async fn get(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let (timezone, s) = state
        .into_inner()
        .run(move |st| service::schedules::get(&st.store, &user.member, &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "timezone": timezone, "weekly": s.weekly, "breaks": s.breaks,
        "daily_caps": s.daily_caps, "open_booking_cap": s.open_booking_cap,
    })))
}

/// PUT /api/v1/members/{id}/schedule
pub async fn put(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<ScheduleInput>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let timezone = body.0.timezone.clone();
    let now = chrono::Utc::now();
    let s = state
        .into_inner()
        .run(move |st| service::schedules::set(&st.store, &user.member, &id, body.0, now))
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
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<NewPeriod>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let p = body.0;
    let now = chrono::Utc::now();
    let u = state
        .into_inner()
        .run(move |st| {
            service::schedules::add_unavailability(
                &st.store,
                &user.member,
                &id,
                p.start.to_utc(),
                p.end.to_utc(),
                &p.reason,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .json(json!({ "id": u.id, "start": u.start, "end": u.end, "reason": u.reason })))
}

pub async fn list(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let all = state
        .into_inner()
        .run(move |st| service::schedules::unavailability(&st.store, &user.member, &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "unavailability": all })))
}

pub async fn remove(
    state: State,
    user: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, uid) = path.into_inner();
    let id = MemberId::from_string(id);
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |st| {
            service::schedules::remove_unavailability(&st.store, &user.member, &id, &uid, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
