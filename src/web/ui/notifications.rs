//! The notification list, opening one, and the preferences page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, safe_next, see_other};
use crate::domain::{Channels, NotificationKind, Preferences};
use crate::error::AppError;
use crate::service;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org as views;

pub async fn list(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let items = ctx
        .run(|s| service::notifications::list(s.store(), s.actor(), 200))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::notifications(&ctx.user, ctx.lang, &items),
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

pub async fn preferences(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let prefs = ctx
        .run(|s| service::members::preferences::get(s.store(), s.actor()))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::preferences(&ctx.user, ctx.lang, &prefs, false, None),
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
            views::preferences(user, ctx.lang, &p, true, None),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::preferences(user, ctx.lang, &prefs, false, Some(&e)),
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
