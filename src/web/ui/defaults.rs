//! Account defaults for new members (owner): time zone, language, and the
//! weekly hours new members start with.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;

use super::html;
use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use crate::domain::Schedule;
use crate::domain::schedule::WEEKDAYS;
use crate::error::AppError;
use crate::service::{self, members::organize::Defaults};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

fn hours(s: &Schedule, day: &str) -> String {
    s.weekly
        .get(day)
        .map(|v| {
            v.iter()
                .map(|i| format!("{}-{}", i.start, i.end))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn render(user: &PageUser, d: &Defaults, notice: Option<&str>, error: Option<&AppError>) -> Markup {
    let err = |f: &str| {
        error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.to_string())
    };
    let body = html! {
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        @if let Some(e) = error.filter(|e| e.field().is_none()) { p.form-error role="alert" { (e) } }
        p.muted { "New members start with these settings. \"Apply account defaults\" on a member's page resets that member to them." }
        form method="post" action="/members/defaults" {
            (csrf_field(&user.csrf_token))
            (field("timezone", "Time zone (IANA, e.g. Asia/Tokyo)", "text", &d.timezone, err("timezone").as_deref(), FieldAttrs { required: true, ..Default::default() }))
            (field("language", "Language (en, ja or fr)", "text", &d.language, err("language").as_deref(), FieldAttrs { required: true, ..Default::default() }))
            fieldset {
                legend { "Working hours (e.g. 09:00-12:00, 13:00-17:00; empty = day off)" }
                @for day in WEEKDAYS {
                    (field(&format!("hours_{day}"), day, "text", &hours(&d.schedule, day), err(&format!("hours_{day}")).as_deref(), FieldAttrs::default()))
                }
            }
            button type="submit" { "Save defaults" }
        }
    };
    page(user, Nav::Members, "Account defaults", body)
}

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let d = ctx
        .run(|s| service::members::organize::defaults(s.store()))
        .await?;
    Ok(html(StatusCode::OK, render(&ctx.user, &d, None, None)))
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
            render(user, &typed, None, Some(&e)),
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
            render(user, &typed, Some("Saved."), None),
        )),
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(user, &typed, None, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}
