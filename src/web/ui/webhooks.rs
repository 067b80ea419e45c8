//! Webhooks settings page (admins).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::domain::{DeliveryAttempt, Webhook};
use crate::error::AppError;
use crate::service::{self, org::webhooks::NewWebhook};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org::{self as views, WebhooksDone as Done, WebhooksPage};

async fn load(ctx: &Ctx<PageUser>) -> Result<Vec<(Webhook, Vec<DeliveryAttempt>)>, AppError> {
    ctx.run(|s| {
        let admin = s.admin()?;
        let hooks = service::org::webhooks::list(s.store(), admin)?;
        hooks
            .into_iter()
            .map(|h| {
                let log = service::org::webhooks::deliveries(s.store(), admin, &h.id)?;
                Ok((h, log.into_iter().take(5).collect()))
            })
            .collect()
    })
    .await
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
}

pub async fn show(
    ctx: Ctx<PageUser>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let hooks = load(&ctx).await?;
    let page = WebhooksPage {
        hooks: &hooks,
        done: query.done.as_deref().and_then(Done::parse),
        ..WebhooksPage::default()
    };
    Ok(html(
        StatusCode::OK,
        views::webhooks(&ctx.user, ctx.lang, &page),
    ))
}

/// Checkbox lists arrive as repeated `events=` pairs.
pub async fn create(post: Ctx<CsrfForm<Vec<(String, String)>>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let url = form
        .iter()
        .find(|(k, _)| k == "url")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let events: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "events")
        .map(|(_, v)| v.clone())
        .collect();
    let (typed, typed_events) = (url.clone(), events.clone());
    let created = ctx
        .run(move |s| {
            let input = NewWebhook {
                url,
                events,
                secret: None,
            };
            service::org::webhooks::create(s.store(), s.outbound(), s.admin()?, input, s.now)
        })
        .await;
    let hooks = load(&ctx).await?;
    let user = &ctx.user;
    match created {
        Ok(h) => {
            let page = WebhooksPage {
                hooks: &hooks,
                created: Some(&h),
                ..WebhooksPage::default()
            };
            Ok(html(StatusCode::OK, views::webhooks(user, ctx.lang, &page)))
        }
        // Refused: the form again with the URL and the events as ticked.
        Err(e @ AppError::Invalid { .. }) => {
            let page = WebhooksPage {
                hooks: &hooks,
                error: Some(&e),
                url: &typed,
                events: &typed_events,
                ..WebhooksPage::default()
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::webhooks(user, ctx.lang, &page),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn delete(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    post.run(move |s| service::org::webhooks::delete(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(see_other("/settings/webhooks?done=deleted"))
}

pub async fn ping(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    post.run(move |s| service::org::webhooks::ping(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(see_other("/settings/webhooks?done=pinged"))
}
