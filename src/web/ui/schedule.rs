//! A member's schedule editor: working hours, breaks and caps per
//! weekday, time zone, open booking cap, and unavailability periods.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;

use super::{html, see_other};
use crate::domain::MemberId;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy;
use crate::service::{self, schedules::ScheduleInput};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org::{self as views, PeriodForm, ScheduleForm, ScheduleView};
use crate::web::views::week::WeekForm;

async fn load(ctx: &Ctx<PageUser>, id: &MemberId) -> Result<ScheduleView, AppError> {
    let id = id.clone();
    ctx.run(move |s| {
        let (store, actor) = (s.store(), s.actor());
        let member = service::members::directory::get(store, actor, &id)?;
        let (timezone, schedule) = service::schedules::get(store, actor, &id)?;
        Ok(ScheduleView {
            periods: service::schedules::unavailability(store, actor, &id)?,
            form: ScheduleForm::saved(&timezone, &schedule),
            period: PeriodForm::default(),
            editable: policy::professional_editable(actor, &id),
            member,
        })
    })
    .await
}

pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let v = load(&ctx, &id).await?;
    Ok(html(
        StatusCode::OK,
        views::schedule(&ctx.user, ctx.lang, &id, &v, false, None),
    ))
}

fn value<'a>(form: &'a [(String, String)], key: &str) -> &'a str {
    form.iter()
        .find(|(n, _)| n == key)
        .map_or("", |(_, v)| v.trim())
}

/// The form exactly as posted, to save or to show again.
fn typed(form: &[(String, String)]) -> ScheduleForm {
    ScheduleForm {
        timezone: value(form, "timezone").to_string(),
        week: WeekForm::from_form(form),
        open_booking_cap: value(form, "open_booking_cap").to_string(),
    }
}

/// The typed form as the service's input; the service checks the rest.
fn input_of(typed: &ScheduleForm) -> Result<ScheduleInput, AppError> {
    let week = typed.week.to_input()?;
    let open_booking_cap = match typed.open_booking_cap.as_str() {
        "" => None,
        n => Some(n.parse().map_err(|_| {
            AppError::invalid("open_booking_cap", Msg::key("org-schedule-whole-number"))
        })?),
    };
    Ok(ScheduleInput {
        timezone: typed.timezone.clone(),
        weekly: week.weekly,
        breaks: week.breaks,
        daily_caps: week.daily_caps,
        open_booking_cap,
    })
}

pub async fn save(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let id = MemberId::from_string(path.into_inner());
    let mut v = load(&ctx, &id).await?;
    let typed = typed(&form);
    let result = match input_of(&typed) {
        Ok(input) => {
            let target = id.clone();
            ctx.run(move |s| service::schedules::set(s.store(), s.actor(), &target, input, s.now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            let v = load(&ctx, &id).await?;
            Ok(html(
                StatusCode::OK,
                views::schedule(user, ctx.lang, &id, &v, true, None),
            ))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::ForbiddenField(_))) => {
            // Shown again as typed, the error next to its field.
            v.form = typed;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::schedule(user, ctx.lang, &id, &v, false, Some(&e)),
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn add_period(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let id = MemberId::from_string(path.into_inner());
    let mut v = load(&ctx, &id).await?;
    let tz: chrono_tz::Tz = v.member.timezone.parse().unwrap_or(chrono_tz::UTC);
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let local = |k: &str| {
        NaiveDateTime::parse_from_str(&get(k), "%Y-%m-%dT%H:%M")
            .ok()
            .filter(|t| crate::domain::instant::date_in_range(t.date()))
            .map(|t| crate::engine::week::to_utc(tz, t, false))
            .ok_or_else(|| AppError::invalid(k, Msg::key("org-schedule-date-time")))
            .and_then(|ts| {
                chrono::DateTime::from_timestamp(ts, 0)
                    .ok_or_else(|| AppError::invalid(k, Msg::key("org-schedule-out-of-range")))
            })
    };
    let result = match (local("start"), local("end")) {
        (Ok(start), Ok(end)) => {
            let (target, reason) = (id.clone(), get("reason"));
            ctx.run(move |s| {
                service::schedules::add_unavailability(
                    s.store(),
                    s.actor(),
                    &target,
                    start,
                    end,
                    &reason,
                    s.now,
                )
            })
            .await
            .map(|_| ())
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/members/{id}/schedule"))),
        Err(e @ AppError::Invalid { .. }) => {
            v.period = PeriodForm {
                start: get("start"),
                end: get("end"),
                reason: get("reason"),
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::schedule(&ctx.user, ctx.lang, &id, &v, false, Some(&e)),
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn delete_period(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (id, uid) = path.into_inner();
    let id = MemberId::from_string(id);
    let target = id.clone();
    post.run(move |s| {
        service::schedules::remove_unavailability(s.store(), s.actor(), &target, &uid, s.now)
    })
    .await?;
    Ok(see_other(&format!("/members/{id}/schedule")))
}
