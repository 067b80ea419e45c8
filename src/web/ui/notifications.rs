//! The notification list, opening one, and the preferences page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use super::{html, safe_next, see_other};
use crate::domain::{Channels, NotificationKind, Preferences};
use crate::error::AppError;
use crate::service;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

pub async fn list(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let items = ctx
        .run(|s| service::notifications::list(s.store(), s.actor(), 200))
        .await?;
    let user = &ctx.user;
    let body = html! {
        @if items.is_empty() {
            div.empty { p { "Nothing yet. Bookings, approvals and imports will show up here." } }
        } @else {
            form.toolbar method="post" action="/notifications/read-all" {
                (csrf_field(&user.csrf_token))
                button type="submit" { "Mark all read" }
            }
            table {
                thead { tr { th { "" } th { "What" } th { "When (UTC)" } th {} } }
                tbody {
                    @for n in &items {
                        tr.unread[!n.read] {
                            td { @if !n.read { span.badge { "new" } } }
                            td { (n.title) }
                            td { (n.created_at.format("%Y-%m-%d %H:%M")) }
                            td {
                                form method="post" action={ "/notifications/" (n.id) "/open" } {
                                    (csrf_field(&user.csrf_token))
                                    button.link type="submit" { "Open" }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/settings/notifications" { "Choose how you are notified" } }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Notifications, "Notifications", body),
    ))
}

#[derive(Deserialize)]
pub struct Empty {}

/// Opening a notification marks it read and goes where it points.
pub async fn open(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let found = post
        .run(move |s| service::notifications::mark_read(s.store(), s.actor(), &id))
        .await?;
    Ok(see_other(&safe_next(
        found.link.as_deref().or(Some("/notifications")),
    )))
}

pub async fn read_all(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    post.run(|s| service::notifications::mark_all_read(s.store(), s.actor()))
        .await?;
    Ok(see_other("/notifications"))
}

fn render_preferences(
    user: &PageUser,
    prefs: &Preferences,
    message: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let url_error = error
        .filter(|e| e.field() == Some("webhook_url"))
        .map(|e| e.to_string());
    let body = html! {
        @if let Some(m) = message { p.notice role="status" { (m) } }
        @if let Some(e) = error.filter(|e| e.field() != Some("webhook_url")) { p.form-error role="alert" { (e) } }
        form method="post" action="/settings/notifications" {
            (csrf_field(&user.csrf_token))
            table.checks {
                thead { tr { th { "Notify me when…" } th { "Email" } th { "In the app" } th { "Webhook" } } }
                tbody {
                    @for kind in NotificationKind::ALL {
                        @let c = prefs.channels(kind);
                        tr {
                            td.kind { (kind.label()) }
                            td { input type="checkbox" name={ (kind.as_str()) ".email" } checked[c.email] aria-label={ (kind.label()) ": email" }; }
                            td { input type="checkbox" name={ (kind.as_str()) ".in_app" } checked[c.in_app] aria-label={ (kind.label()) ": in the app" }; }
                            td { input type="checkbox" name={ (kind.as_str()) ".webhook" } checked[c.webhook] aria-label={ (kind.label()) ": webhook" }; }
                        }
                    }
                }
            }
            (field("webhook_url", "Webhook URL (for example a Slack or Zapier hook)", "url",
                prefs.webhook_url.as_deref().unwrap_or(""), url_error.as_deref(), FieldAttrs::default()))
            button type="submit" { "Save" }
        }
        form method="post" action="/settings/notifications/test" {
            (csrf_field(&user.csrf_token))
            button.link type="submit" { "Send me a test notification" }
        }
    };
    page(user, Nav::Settings, "Notification settings", body)
}

pub async fn preferences(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let prefs = ctx
        .run(|s| service::members::preferences::get(s.store(), s.actor()))
        .await?;
    Ok(html(
        StatusCode::OK,
        render_preferences(&ctx.user, &prefs, None, None),
    ))
}

/// Checkbox names are "<kind>.<channel>"; an unticked box is simply absent.
pub async fn save_preferences(
    post: Ctx<CsrfForm<std::collections::HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let mut prefs = Preferences {
        webhook_url: form.get("webhook_url").cloned(),
        ..Default::default()
    };
    for kind in NotificationKind::ALL {
        let on = |channel: &str| form.contains_key(&format!("{}.{channel}", kind.as_str()));
        prefs.channels.insert(
            kind,
            Channels {
                email: on("email"),
                in_app: on("in_app"),
                webhook: on("webhook"),
            },
        );
    }
    let attempt = prefs.clone();
    let saved = ctx
        .run(move |s| {
            service::members::preferences::set(s.store(), s.outbound(), s.actor(), attempt)
        })
        .await;
    match saved {
        Ok(p) => Ok(html(
            StatusCode::OK,
            render_preferences(user, &p, Some("Saved."), None),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render_preferences(user, &prefs, None, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}

pub async fn send_test(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    post.run(|s| {
        service::members::preferences::send_test(s.store(), s.base_url(), s.actor(), s.now)
    })
    .await?;
    Ok(see_other("/notifications"))
}
