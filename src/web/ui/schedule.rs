//! A member's schedule editor: working hours, breaks and caps per
//! weekday, time zone, open booking cap, and unavailability periods.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;

use super::{html, see_other};
use crate::domain::schedule::WEEKDAYS;
use crate::domain::{Interval, MemberId, Schedule};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service::{self, schedules::ScheduleInput};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org::{self as views, ScheduleView};

/// "09:00-12:00, 13:00-17:00" as intervals; "9:00" is read as "09:00". The times
/// themselves are checked by the schedule service.
pub fn parse_hours(field: &str, text: &str) -> Result<Vec<Interval>, AppError> {
    let pad = |t: &str| {
        let t = t.trim();
        if t.len() == 4 && t.as_bytes().get(1) == Some(&b':') {
            format!("0{t}")
        } else {
            t.to_string()
        }
    };
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (start, end) = part.split_once('-').ok_or_else(|| {
                AppError::invalid(
                    field,
                    Msg::key("org-schedule-bad-interval").arg("part", part),
                )
            })?;
            Ok(Interval {
                start: pad(start),
                end: pad(end),
            })
        })
        .collect()
}

async fn load(ctx: &Ctx<PageUser>, id: &MemberId) -> Result<ScheduleView, AppError> {
    let id = id.clone();
    ctx.run(move |s| {
        let (store, actor) = (s.store(), s.actor());
        let member = service::members::directory::get(store, actor, &id)?;
        let (timezone, schedule) = service::schedules::get(store, actor, &id)?;
        Ok(ScheduleView {
            periods: service::schedules::unavailability(store, actor, &id)?,
            timezone,
            schedule,
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

fn input_of(form: &[(String, String)]) -> Result<ScheduleInput, AppError> {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut input = ScheduleInput {
        timezone: get("timezone"),
        weekly: Default::default(),
        breaks: Default::default(),
        daily_caps: Default::default(),
        open_booking_cap: None,
    };
    for day in WEEKDAYS {
        let hours = parse_hours(&format!("weekly.{day}"), &get(&format!("weekly.{day}")))?;
        if !hours.is_empty() {
            input.weekly.insert(day.to_string(), hours);
        }
        let breaks = parse_hours(&format!("breaks.{day}"), &get(&format!("breaks.{day}")))?;
        if !breaks.is_empty() {
            input.breaks.insert(day.to_string(), breaks);
        }
        let cap = get(&format!("daily_caps.{day}"));
        if !cap.is_empty() {
            let n = cap.parse().map_err(|_| {
                AppError::invalid(
                    &format!("daily_caps.{day}"),
                    Msg::key("org-schedule-whole-number"),
                )
            })?;
            input.daily_caps.insert(day.to_string(), Some(n));
        }
    }
    let open = get("open_booking_cap");
    if !open.is_empty() {
        input.open_booking_cap = Some(open.parse().map_err(|_| {
            AppError::invalid("open_booking_cap", Msg::key("org-schedule-whole-number"))
        })?);
    }
    Ok(input)
}

pub async fn save(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let id = MemberId::from_string(path.into_inner());
    let mut v = load(&ctx, &id).await?;
    let result = match input_of(&form) {
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
            // Keep what was typed.
            if let Ok(typed) = input_of(&form) {
                v.timezone = typed.timezone.clone();
                v.schedule = Schedule {
                    weekly: typed.weekly,
                    breaks: typed.breaks,
                    daily_caps: typed
                        .daily_caps
                        .into_iter()
                        .filter_map(|(k, c)| c.map(|c| (k, c)))
                        .collect(),
                    open_booking_cap: typed.open_booking_cap,
                };
            }
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
    let v = load(&ctx, &id).await?;
    let tz: chrono_tz::Tz = v.timezone.parse().unwrap_or(chrono_tz::UTC);
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
        Err(e @ AppError::Invalid { .. }) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::schedule(&ctx.user, ctx.lang, &id, &v, false, Some(&e)),
        )),
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
