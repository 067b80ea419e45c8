//! Mail queue and jobs, for admins.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::DeliveryState;
use crate::error::AppError;
use crate::service;
use crate::web::State;
use crate::web::auth::ApiUser;

#[derive(Deserialize)]
pub struct OutboxQuery {
    state: Option<String>,
}

pub fn parse_state(s: Option<&str>) -> Result<DeliveryState, AppError> {
    match s.unwrap_or("failed") {
        "failed" => Ok(DeliveryState::Failed),
        "queued" => Ok(DeliveryState::Queued),
        "sent" => Ok(DeliveryState::Sent),
        other => Err(AppError::bad_request(
            format!("unknown state {other:?}; use failed, queued or sent"),
            Some("state".into()),
        )),
    }
}

/// GET /api/v1/outbox?state=failed|queued|sent
pub async fn outbox(
    state: State,
    user: ApiUser,
    query: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = parse_state(query.state.as_deref())?;
    let view = state
        .into_inner()
        .run(move |s| service::outbox::view(&s.store, &user.member, wanted))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "counts": { "queued": view.queued, "sent": view.sent, "failed": view.failed },
        "messages": view.messages,
    })))
}

/// POST /api/v1/outbox/{id}/retry
pub async fn retry(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = chrono::Utc::now();
    let message = state
        .into_inner()
        .run(move |s| service::outbox::retry(&s.store, &user.member, &id, now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": message.id, "state": message.state })))
}

/// DELETE /api/v1/outbox/{id}: 204; 409 `already_sent` for a sent message.
pub async fn drop_message(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| {
            let by = service::outbox::Requester::Admin(&user.member);
            service::outbox::drop_message(&s.store, by, &id, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// POST /api/v1/mail/test: a test mail to the caller.
pub async fn test_mail(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let id = state
        .into_inner()
        .run(move |s| service::outbox::send_test_mail(&s.store, &user.member, now))
        .await?;
    Ok(HttpResponse::Accepted().json(json!({ "message_id": id })))
}

/// GET /api/v1/jobs
pub async fn jobs(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let jobs = state
        .into_inner()
        .run(move |s| service::jobs::status(&s.scheduler, &user.member))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "jobs": jobs })))
}

/// POST /api/v1/jobs/{name}/run: 202, the run goes on in the background.
pub async fn run_job(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // Starting a run only spawns a task: no blocking work, so no `run`.
    service::jobs::run_now(&state.scheduler, &user.member, &path.into_inner())?;
    Ok(HttpResponse::Accepted().json(json!({ "started": true })))
}
