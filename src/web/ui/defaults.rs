//! Account defaults for new members (owner): reading the posted hours and
//! saving them; the page is in `views::members`.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Deserialize;

use super::html;
use crate::domain::schedule::WEEKDAYS;
use crate::error::AppError;
use crate::service::{self, members::organize::Defaults};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::defaults_page;

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let d = ctx
        .run(|s| service::members::organize::defaults(s.store()))
        .await?;
    Ok(html(
        StatusCode::OK,
        defaults_page(&ctx.user, ctx.lang, &d, false, None),
    ))
}

#[derive(Deserialize)]
pub struct Form {
    timezone: String,
    language: String,
    #[serde(flatten)]
    hours: std::collections::HashMap<String, String>,
}

pub async fn save(post: Ctx<CsrfForm<Form>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let current = ctx
        .run(|s| service::members::organize::defaults(s.store()))
        .await?;
    let mut schedule = current.schedule.clone();
    let mut typed = Defaults {
        timezone: form.timezone.trim().to_string(),
        language: form.language.trim().to_string(),
        schedule: current.schedule,
    };
    let mut error = None;
    for day in WEEKDAYS {
        let text = form
            .hours
            .get(&format!("hours_{day}"))
            .cloned()
            .unwrap_or_default();
        match super::schedule::parse_hours(&format!("hours_{day}"), &text) {
            Ok(v) if v.is_empty() => {
                schedule.weekly.remove(day);
            }
            Ok(v) => {
                schedule.weekly.insert(day.to_string(), v);
            }
            Err(e) => error = error.or(Some(e)),
        }
    }
    if let Some(e) = error {
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            defaults_page(user, ctx.lang, &typed, false, Some(&e)),
        ));
    }
    typed.schedule = schedule;
    let attempt = Defaults {
        timezone: typed.timezone.clone(),
        language: typed.language.clone(),
        schedule: typed.schedule.clone(),
    };
    let saved = ctx
        .run(move |s| {
            service::members::organize::set_defaults(s.store(), s.owner()?, attempt, s.now)
        })
        .await;
    match saved {
        Ok(()) => Ok(html(
            StatusCode::OK,
            defaults_page(user, ctx.lang, &typed, true, None),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            defaults_page(user, ctx.lang, &typed, false, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}
