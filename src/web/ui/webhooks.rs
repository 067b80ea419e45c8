//! Webhooks settings page (admins).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use super::{html, see_other};
use crate::domain::webhook::EVENTS;
use crate::domain::{DeliveryAttempt, Webhook};
use crate::error::AppError;
use crate::service::{self, org::webhooks::NewWebhook};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

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

fn render(
    user: &PageUser,
    hooks: &[(Webhook, Vec<DeliveryAttempt>)],
    created: Option<&Webhook>,
    error: Option<&AppError>,
    typed: &str,
) -> Markup {
    let err_for = |f: &str| {
        error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.to_string())
    };
    let body = html! {
        p.muted { "Convene POSTs a JSON body " code { "{id, event, created_at, data}" } " to each URL, signed in the header "
            code { "Convene-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">" } " with the webhook's secret." }
        @if let Some(h) = created {
            p.notice role="status" { "Webhook created. Copy its signing secret now: it is shown only once." }
            p.secret data-testid="webhook-secret" { (h.secret) }
        }
        @for (h, log) in hooks {
            section.card {
                p { strong { (h.url) } }
                p.muted { "Events: " (h.events.join(", ")) }
                @if log.is_empty() { p.muted { "No deliveries yet." } } @else {
                    table {
                        thead { tr { th { "When (UTC)" } th { "Event" } th { "Status" } th { "Time" } } }
                        tbody {
                            @for a in log {
                                tr {
                                    td { (a.at.format("%Y-%m-%d %H:%M:%S")) }
                                    td { (a.event) }
                                    td {
                                        @match (a.status, &a.error) {
                                            (Some(s), None) => span.ok { (s) },
                                            (Some(s), Some(e)) => span.fail { (s) " " (e) },
                                            (None, Some(e)) => span.fail { (e) },
                                            (None, None) => "",
                                        }
                                    }
                                    td { (a.duration_ms) " ms" }
                                }
                            }
                        }
                    }
                }
                form method="post" action={ "/settings/webhooks/" (h.id) "/ping" } {
                    (csrf_field(&user.csrf_token))
                    button type="submit" { "Send a ping" }
                }
                " "
                form method="post" action={ "/settings/webhooks/" (h.id) "/delete" } data-confirm="Delete this webhook?" {
                    (csrf_field(&user.csrf_token))
                    button.danger type="submit" { "Delete" }
                }
            }
        }
        h2 { "Add a webhook" }
        form method="post" action="/settings/webhooks" {
            (csrf_field(&user.csrf_token))
            (field("url", "URL", "url", typed, err_for("url").as_deref(), FieldAttrs { required: true, ..Default::default() }))
            fieldset {
                legend { "Events" }
                @for e in EVENTS.iter().filter(|e| **e != "webhook.ping") {
                    label { input type="checkbox" name="events" value=(e); " " (e) } br;
                }
                @if let Some(e) = err_for("events") { p.error { (e) } }
            }
            button type="submit" { "Add webhook" }
        }
    };
    page(user, Nav::Settings, "Webhooks", body)
}

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let hooks = load(&ctx).await?;
    Ok(html(
        StatusCode::OK,
        render(&ctx.user, &hooks, None, None, ""),
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
    let typed = url.clone();
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
        Ok(h) => Ok(html(
            StatusCode::OK,
            render(user, &hooks, Some(&h), None, ""),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(user, &hooks, None, Some(&e), &typed),
        )),
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
    Ok(see_other("/settings/webhooks"))
}

pub async fn ping(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    post.run(move |s| service::org::webhooks::ping(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(see_other("/settings/webhooks"))
}
