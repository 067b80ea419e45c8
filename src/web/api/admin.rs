//! Mail queue and jobs, for admins.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::DeliveryState;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy;
use crate::service;
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct OutboxQuery {
    state: Option<String>,
}

pub fn parse_state(s: Option<&str>) -> Result<DeliveryState, AppError> {
    match s.unwrap_or("failed") {
        "failed" => Ok(DeliveryState::Failed),
        "queued" => Ok(DeliveryState::Queued),
        "sent" => Ok(DeliveryState::Sent),
        "held" => Ok(DeliveryState::Held),
        other => Err(AppError::bad_request(
            Msg::key("err-unknown-outbox-state").arg("state", other),
            Some("state".into()),
        )),
    }
}

/// GET /api/v1/outbox?state=failed|queued|sent|held
pub async fn outbox(
    ctx: Ctx<ApiUser>,
    query: crate::web::extract::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = parse_state(query.state.as_deref())?;
    let view = ctx
        .run(move |s| service::org::outbox::view(s.store(), s.admin()?, wanted))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "counts": view.counts,
        "messages": view.messages,
    })))
}

/// POST /api/v1/outbox/{id}/retry
pub async fn retry(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let message = ctx
        .run(move |s| service::org::outbox::retry(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "id": message.id, "state": message.state })))
}

/// POST /api/v1/outbox/release: sends every held message now.
pub async fn release(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let released = ctx
        .run(move |s| {
            let by = service::org::outbox::Requester::Admin(s.admin()?);
            service::org::outbox::release_held(s.store(), by, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "released": released })))
}

/// DELETE /api/v1/outbox/{id}: 204; 409 `already_sent` for a sent message.
pub async fn drop_message(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    ctx.run(move |s| {
        let by = service::org::outbox::Requester::Admin(s.admin()?);
        service::org::outbox::drop_message(s.store(), by, &id, s.now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// POST /api/v1/mail/test: a test mail to the caller.
pub async fn test_mail(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let id = ctx
        .run(move |s| service::org::outbox::send_test_mail(s.store(), s.admin()?, s.now))
        .await?;
    Ok(HttpResponse::Accepted().json(json!({ "message_id": id })))
}

/// GET /api/v1/jobs
pub async fn jobs(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    // The last runs are read from the store: off the executor.
    let jobs = ctx
        .run(move |s| Ok(service::org::jobs::status(s.scheduler(), s.admin()?)))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "jobs": jobs })))
}

/// POST /api/v1/jobs/{name}/run: 202, the run goes on in the background.
pub async fn run_job(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    // Starting a run only spawns a task: no blocking work, so no `run`.
    let admin = policy::admin(ctx.actor())?;
    service::org::jobs::run_now(&ctx.app().scheduler, admin, &path.into_inner())?;
    Ok(HttpResponse::Accepted().json(json!({ "started": true })))
}
