//! Settings: the organization, the person's API keys, the audit log.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::domain::ApiKeyId;
use crate::error::AppError;
use crate::policy;
use crate::service;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org::{self as views, SettingsView};

async fn load(ctx: &Ctx<PageUser>) -> Result<SettingsView, AppError> {
    ctx.run(|s| {
        // The audit log is for admins; everyone else sees the page without it.
        let audit = match policy::admin(s.actor()) {
            Ok(admin) => Some(service::org::audit::recent(s.store(), admin, 50)?),
            Err(_) => None,
        };
        Ok(SettingsView {
            org_name: service::members::organize::organization_name(s.store())?,
            keys: service::auth::api_keys(s.store(), s.actor())?,
            audit,
        })
    })
    .await
}

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let view = load(&ctx).await?;
    Ok(html(
        StatusCode::OK,
        views::settings(&ctx.user, ctx.lang, &view, None, None),
    ))
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
        Ok((_, key)) => Ok(html(
            StatusCode::OK,
            views::settings(user, ctx.lang, &view, Some(&key), None),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::settings(user, ctx.lang, &view, None, Some(&e)),
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
