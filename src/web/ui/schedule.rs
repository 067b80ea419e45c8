//! A member's schedule editor: working hours, breaks and caps per
//! weekday, time zone, open booking cap, and unavailability periods.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use super::{html, see_other};
use crate::domain::schedule::WEEKDAYS;
use crate::domain::{Interval, MemberId, Schedule, Unavailability};
use crate::error::AppError;
use crate::service::{self, schedules::ScheduleInput};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

/// "09:00-12:00, 13:00-17:00"
pub fn format_hours(list: Option<&Vec<Interval>>) -> String {
    list.map(|v| {
        v.iter()
            .map(|i| format!("{}-{}", i.start, i.end))
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

/// The reverse of `format_hours`; "9:00" is read as "09:00". The times
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
                AppError::invalid(field, format!("{part:?}: write intervals like 09:00-17:00"))
            })?;
            Ok(Interval {
                start: pad(start),
                end: pad(end),
            })
        })
        .collect()
}

struct View {
    timezone: String,
    schedule: Schedule,
    periods: Vec<Unavailability>,
    name: String,
}

async fn load(ctx: &Ctx<PageUser>, id: &MemberId) -> Result<View, AppError> {
    let id = id.clone();
    ctx.run(move |s| {
        let (store, actor) = (s.store(), s.actor());
        let member = service::members::directory::get(store, actor, &id)?;
        let (timezone, schedule) = service::schedules::get(store, actor, &id)?;
        Ok(View {
            periods: service::schedules::unavailability(store, actor, &id)?,
            timezone,
            schedule,
            name: member.display_name(),
        })
    })
    .await
}

fn render(
    user: &PageUser,
    id: &MemberId,
    v: &View,
    notice: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| {
        error
            .filter(|e| {
                e.field()
                    .is_some_and(|x| x == f || x.starts_with(&format!("{f}[")))
            })
            .map(|e| e.to_string())
    };
    // Periods are entered in the member's time zone, so they are shown in it.
    let zone: chrono_tz::Tz = v.timezone.parse().unwrap_or(chrono_tz::UTC);
    let local = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
    };
    let body = html! {
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        @if let Some(e) = error { p.form-error role="alert" { (e) } }
        form method="post" action={ "/members/" (id) "/schedule" } {
            (csrf_field(&user.csrf_token))
            div.field {
                label for="f-timezone" { "Time zone" }
                input id="f-timezone" name="timezone" type="text" list="zones" value=(v.timezone) required data-detect-timezone;
                datalist id="zones" { @for z in chrono_tz::TZ_VARIANTS.iter() { option value=(z.name()) {} } }
                @if let Some(e) = err("timezone") { p.error { (e) } }
            }
            table.week {
                thead { tr { th { "Day" } th { "Working hours" } th { "Breaks" } th { "Daily cap" } } }
                tbody {
                    @for day in WEEKDAYS {
                        tr {
                            td { (day) }
                            td {
                                input type="text" name={ "weekly." (day) } value=(format_hours(v.schedule.weekly.get(day))) placeholder="09:00-17:00" aria-label={ (day) " working hours" };
                                @if let Some(e) = err(&format!("weekly.{day}")) { p.error { (e) } }
                            }
                            td {
                                input type="text" name={ "breaks." (day) } value=(format_hours(v.schedule.breaks.get(day))) placeholder="12:00-13:00" aria-label={ (day) " breaks" };
                                @if let Some(e) = err(&format!("breaks.{day}")) { p.error { (e) } }
                            }
                            td {
                                input type="number" min="1" name={ "daily_caps." (day) } value=[v.schedule.daily_caps.get(day)] aria-label={ (day) " daily cap" };
                                @if let Some(e) = err(&format!("daily_caps.{day}")) { p.error { (e) } }
                            }
                        }
                    }
                }
            }
            (field("open_booking_cap", "Open booking cap (empty: no cap)", "number",
                &v.schedule.open_booking_cap.map(|c| c.to_string()).unwrap_or_default(), err("open_booking_cap").as_deref(), FieldAttrs::default()))
            button type="submit" { "Save schedule" }
        }
        h2 { "Unavailability" }
        @if v.periods.is_empty() { p.muted { "None." } }
        @for p in &v.periods {
            form.toolbar method="post" action={ "/members/" (id) "/unavailability/" (p.id) "/delete" } {
                (csrf_field(&user.csrf_token))
                span { (local(p.start)) " – " (local(p.end)) " " span.muted { (p.reason) } }
                button.danger type="submit" { "Delete" }
            }
        }
        form.toolbar method="post" action={ "/members/" (id) "/unavailability" } {
            (csrf_field(&user.csrf_token))
            label { "From " input type="datetime-local" name="start" required; }
            label { "to " input type="datetime-local" name="end" required; }
            input type="text" name="reason" placeholder="Reason (e.g. sick leave)" aria-label="Reason";
            button type="submit" { "Add" }
            span.muted { "(in the member's time zone, " (v.timezone) ")" }
        }
    };
    page(user, Nav::Members, &format!("Schedule of {}", v.name), body)
}

pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let v = load(&ctx, &id).await?;
    Ok(html(StatusCode::OK, render(&ctx.user, &id, &v, None, None)))
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
            let n = cap
                .parse()
                .map_err(|_| AppError::invalid(&format!("daily_caps.{day}"), "a whole number"))?;
            input.daily_caps.insert(day.to_string(), Some(n));
        }
    }
    let open = get("open_booking_cap");
    if !open.is_empty() {
        input.open_booking_cap = Some(
            open.parse()
                .map_err(|_| AppError::invalid("open_booking_cap", "a whole number"))?,
        );
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
                render(user, &id, &v, Some("Saved."), None),
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
                render(user, &id, &v, None, Some(&e)),
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
            .ok_or_else(|| {
                AppError::invalid(
                    k,
                    format!("a date and time ({})", crate::domain::instant::RANGE_HINT),
                )
            })
            .and_then(|ts| {
                chrono::DateTime::from_timestamp(ts, 0)
                    .ok_or_else(|| AppError::invalid(k, "out of range"))
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
            render(&ctx.user, &id, &v, None, Some(&e)),
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
