//! Admin pages: the mail queue and the scheduled jobs.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::error::AppError;
use crate::policy;
use crate::service;
use crate::web::api::admin::parse_state;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org as views;

#[derive(Deserialize)]
pub struct QueueQuery {
    state: Option<String>,
    sent: Option<String>,
}

pub async fn mail_queue(
    ctx: Ctx<PageUser>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = parse_state(query.state.as_deref())?;
    let view = ctx
        .run(move |s| service::org::outbox::view(s.store(), s.admin()?, wanted))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::mail_queue(&ctx.user, ctx.lang, &view, wanted, query.sent.is_some()),
    ))
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn retry(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    post.run(move |s| service::org::outbox::retry(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(see_other("/admin/mail?state=queued"))
}

/// Sends every held message, then shows them queued.
pub async fn release(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    post.run(move |s| {
        let by = service::org::outbox::Requester::Admin(s.admin()?);
        service::org::outbox::release_held(s.store(), by, s.now)
    })
    .await?;
    Ok(see_other("/admin/mail?state=queued"))
}

/// Back to the tab the message was on.
pub async fn drop_message(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let dropped = post
        .run(move |s| {
            let by = service::org::outbox::Requester::Admin(s.admin()?);
            service::org::outbox::drop_message(s.store(), by, &id, s.now)
        })
        .await?;
    Ok(see_other(&format!(
        "/admin/mail?state={}",
        dropped.state.as_str()
    )))
}

/// Sends a test message to the admin now, through the configured
/// transport rather than the queue, and shows what the mail server
/// answered (or why it did not go). The outcome is audited.
pub async fn test_mail(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let (mail, id) = ctx
        .run(|s| service::org::mail_test::compose(s.store(), s.admin()?))
        .await?;
    let config = &ctx.app().config;
    let sent =
        crate::mail::transport::test_send(&config.mail, &config.storage.data_dir, &mail, &id).await;
    let outcome = sent.clone();
    ctx.run(move |s| service::org::mail_test::record(s.store(), s.admin()?, &outcome, s.now))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::mail_test(&ctx.user, ctx.lang, &sent),
    ))
}

pub async fn jobs(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    // The last runs are read from the store: off the executor.
    let jobs = ctx
        .run(|s| Ok(service::org::jobs::status(s.scheduler(), s.admin()?)))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::jobs(&ctx.user, ctx.lang, &jobs),
    ))
}

pub async fn run_job(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    // Starting a run only spawns a task: no blocking work, so no `run`.
    let admin = policy::admin(post.actor())?;
    let started = service::org::jobs::run_now(&post.app().scheduler, admin, &path.into_inner());
    match started {
        Ok(()) | Err(AppError::Conflict { .. }) => Ok(see_other("/admin/jobs")),
        Err(e) => Err(e),
    }
}
