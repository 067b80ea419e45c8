//! Settings: the organization, the person's API keys, the audit log.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use super::{html, see_other};
use crate::domain::ApiKeyId;
use crate::error::AppError;
use crate::policy;
use crate::service::{self, auth::ApiKeyRecord, org::audit::AuditEntry};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

struct View {
    org_name: String,
    keys: Vec<ApiKeyRecord>,
    audit: Option<Vec<AuditEntry>>,
}

async fn load(ctx: &Ctx<PageUser>) -> Result<View, AppError> {
    ctx.run(|s| {
        // The audit log is for admins; everyone else sees the page without it.
        let audit = match policy::admin(s.actor()) {
            Ok(admin) => Some(service::org::audit::recent(s.store(), admin, 50)?),
            Err(_) => None,
        };
        Ok(View {
            org_name: service::members::organize::organization_name(s.store())?,
            keys: service::auth::api_keys(s.store(), s.actor())?,
            audit,
        })
    })
    .await
}

fn render(user: &PageUser, view: &View, new_key: Option<&str>, error: Option<&AppError>) -> Markup {
    let admin = view.audit.is_some();
    let body = html! {
        ul.subnav {
            li { a href="/settings/notifications" { "Notifications" } }
            @if admin {
                li { a href="/settings/webhooks" { "Webhooks" } }
                li { a href="/admin/mail" { "Mail queue" } }
                li { a href="/admin/jobs" { "Scheduled jobs" } }
            }
        }
        section {
            h2 { "Organization" }
            p { (view.org_name) }
        }
        section {
            h2 id="api-keys" { "API keys" }
            p.muted { "Scripts call the JSON API with " code { "Authorization: Bearer <key>" } ". A key acts as you." }
            @if let Some(key) = new_key {
                p.notice role="status" { "Copy this key now: it is shown only once." }
                p.secret data-testid="new-api-key" { (key) }
            }
            @if !view.keys.is_empty() {
                table {
                    thead { tr { th { "Name" } th { "Key starts with" } th { "Created" } th {} } }
                    tbody {
                        @for k in &view.keys {
                            tr {
                                td { (k.name) }
                                td { code { (k.prefix) "…" } }
                                td { (k.created_at.format("%Y-%m-%d %H:%M UTC")) }
                                td {
                                    form method="post" action={ "/settings/api-keys/" (k.id) "/revoke" }
                                        data-confirm="Revoke this key? Scripts using it stop working at once." {
                                        (csrf_field(&user.csrf_token))
                                        button.danger type="submit" { "Revoke" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/settings/api-keys" {
                (csrf_field(&user.csrf_token))
                (field("name", "New key name", "text", "", error.and_then(|e| e.field().map(|_| e.to_string())).as_deref(),
                    FieldAttrs { required: true, ..Default::default() }))
                button type="submit" { "Create key" }
            }
        }
        @if let Some(audit) = &view.audit {
            section {
                h2 { "Audit log" }
                @if audit.is_empty() { p.muted { "Nothing yet." } } @else {
                    table {
                        thead { tr { th { "When (UTC)" } th { "Who" } th { "What" } th { "Target" } } }
                        tbody {
                            @for e in audit {
                                tr {
                                    td { (e.at.format("%Y-%m-%d %H:%M:%S")) }
                                    td { (e.actor.as_ref().map(|a| a.to_string()).unwrap_or_else(|| "system".into())) }
                                    td { (e.action) }
                                    td { (e.target.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(user, Nav::Settings, "Settings", body)
}

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let view = load(&ctx).await?;
    Ok(html(StatusCode::OK, render(&ctx.user, &view, None, None)))
}

#[derive(Deserialize)]
pub struct NewKey {
    #[serde(default)]
    name: String,
}

pub async fn create_api_key(post: Ctx<CsrfForm<NewKey>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let created = ctx
        .run(move |s| service::auth::create_api_key(s.store(), s.actor(), &form.name, s.now))
        .await;
    let view = load(&ctx).await?;
    let user = &ctx.user;
    match created {
        Ok((_, key)) => Ok(html(StatusCode::OK, render(user, &view, Some(&key), None))),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(user, &view, None, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn revoke_api_key(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = ApiKeyId::from_string(path.into_inner());
    post.run(move |s| service::auth::revoke_api_key(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(see_other("/settings#api-keys"))
}
