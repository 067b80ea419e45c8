//! The public booking page at /book/{slug}: a month of free days, a day's
//! free times, then the form for the chosen time.
//!
//! Everything works without JavaScript: the month, the day and the slot
//! are query parameters; app.js only fills in the browser's time zone.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;

use super::booking_view::local;
use super::layout::Shell;
use super::query;
use super::{html, see_other};
use crate::domain::{BookingPage, instant};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::service::booking::no_times;
use crate::service::booking::pages as booking_pages;
use crate::service::booking::{self as bookings, BookInput};
use crate::service::members::directory;
use crate::web::ctx::Ctx;
use crate::web::views::guest::book::{
    self as view, Calendar, FormState, Notice, Offer, Typed, book_link, first_of_month,
};

/// Routes of this module (registered before the signed-in pages).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/book/{slug}", web::get().to(show))
        .route("/book/{slug}", web::post().to(submit));
}

fn parse_month(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2200).contains(&d.year()))
}

fn parse_day(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2200).contains(&d.year()))
}

fn closed_page(shell: &Shell<'_>, message: &AppError) -> HttpResponse {
    html(
        StatusCode::GONE,
        view::closed(shell, &message.text(shell.lang)),
    )
}

/// The calendar the address asks for.
fn calendar_from_query(q: &BTreeMap<String, String>, now: DateTime<Utc>) -> Calendar {
    let (tz, tz_given, tz_unknown) = match q.get("tz") {
        Some(name) => match name.parse::<Tz>() {
            Ok(tz) => (tz, true, None),
            Err(_) => (chrono_tz::UTC, true, Some(name.clone())),
        },
        None => (chrono_tz::UTC, false, None),
    };
    let start = q
        .get("start")
        .and_then(|s| instant::parse_rfc3339(s))
        .map(|d| d.with_timezone(&tz));
    let day = q
        .get("day")
        .and_then(|d| parse_day(d))
        .or_else(|| start.map(|s| s.date_naive()));
    let month = day
        .map(first_of_month)
        .or_else(|| q.get("month").and_then(|m| parse_month(m)))
        .unwrap_or_else(|| first_of_month(now.with_timezone(&tz).date_naive()));
    let today = now.with_timezone(&tz).date_naive();
    Calendar {
        tz,
        tz_given,
        tz_unknown,
        month,
        day,
        start,
        today,
    }
}

/// The calendar of the day of a start time (after a slot was taken).
fn calendar_for_start(tz: Tz, start: &str, now: DateTime<Utc>) -> Calendar {
    let start = instant::parse_rfc3339(start).map(|d| d.with_timezone(&tz));
    let today = now.with_timezone(&tz).date_naive();
    let day = start.map_or(today, |s| s.date_naive());
    Calendar {
        tz,
        tz_given: true,
        tz_unknown: None,
        month: first_of_month(day),
        day: Some(day),
        start: None,
        today,
    }
}

fn typed_from_pairs(pairs: Vec<(String, String)>) -> Typed {
    let mut t = Typed::default();
    for (k, v) in pairs {
        match k.as_str() {
            "start" => t.start = v,
            "timezone" => t.timezone = v,
            "name" => t.name = v,
            "email" => t.email = v,
            "notes" => t.notes = v,
            _ => {
                if let Some(id) = k.strip_prefix("answers.") {
                    t.answers.insert(id.to_string(), v);
                }
            }
        }
    }
    t
}

fn book_input(typed: &Typed, page: &BookingPage, lang: Lang) -> BookInput {
    let notes = typed.notes.trim();
    BookInput {
        start: typed.start.clone(),
        name: typed.name.clone(),
        email: typed.email.clone(),
        timezone: typed.timezone.clone(),
        notes: (!notes.is_empty()).then(|| notes.to_string()),
        answers: typed
            .answers
            .iter()
            .filter(|(id, _)| page.questions.iter().any(|q| &q.id == *id))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        language: Some(lang.code().to_string()),
    }
}

/// The page, its hosts' names in the reader's order, its free slots in
/// the calendar's month by local day, and why the guest sees none: in the
/// month, or else on the chosen day.
async fn load(ctx: &Ctx, slug: String, cal: &Calendar) -> Result<Offer, AppError> {
    let tz = cal.tz;
    let from = cal.month;
    let to = from
        .checked_add_months(Months::new(1))
        .map_or(from, |d| d - Duration::days(1));
    let q = bookings::parse_query(&from.to_string(), &to.to_string(), tz.name())?;
    let day = cal.day;
    let (page, hosts, days, why) = ctx
        .run(move |s| {
            let page = booking_pages::public(s.store(), &slug)?;
            let members = directory::everyone(s.store())?;
            let hosts: Vec<String> = page
                .hosts
                .iter()
                .filter_map(|h| members.iter().find(|m| &m.id == h))
                .map(|m| member_name(s.lang, m))
                .collect();
            let list = s.bookings().slots(&page, &q, s.now)?;
            // Every free day is listed; only the chosen day's times are
            // copied (the month view only asks which days have any).
            let mut days: BTreeMap<NaiveDate, Vec<Slot>> = BTreeMap::new();
            for slot in list.iter() {
                if let Some(start) = local(slot.start, tz) {
                    let date = start.date_naive();
                    let times = days.entry(date).or_default();
                    if day == Some(date) {
                        times.push(slot.clone());
                    }
                }
            }
            // One reason at most: the month's when it is empty, else the
            // chosen day's.
            let empty = match day {
                _ if days.is_empty() => Some(q),
                Some(d) if !days.contains_key(&d) => {
                    Some(bookings::SlotQuery { from: d, to: d, tz })
                }
                _ => None,
            };
            let pattern = &s.config().booking.video_link_pattern;
            let why = empty
                .map(|w| no_times::why(s.store(), pattern, &page, &w, s.now))
                .transpose()?
                .flatten();
            Ok((page, hosts, days, why))
        })
        .await?;
    Ok(Offer {
        page,
        hosts,
        days,
        why,
    })
}

/// GET /book/{slug}
pub async fn show(
    req: HttpRequest,
    ctx: Ctx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let q = query(&req);
    let cal = calendar_from_query(&q, ctx.now);
    let shell = Shell::of(&ctx);
    let offer = match load(&ctx, slug, &cal).await {
        Ok(o) => o,
        Err(e @ AppError::Gone { .. }) => return Ok(closed_page(&shell, &e)),
        Err(e) => return Err(e),
    };
    let typed;
    let form = match (cal.start, q.get("start")) {
        (Some(_), Some(start)) => {
            typed = Typed {
                start: start.trim().to_string(),
                timezone: cal.tz.name().to_string(),
                ..Typed::default()
            };
            Some(FormState {
                typed: &typed,
                error: None,
            })
        }
        _ => None,
    };
    let notice = (q.contains_key("start") && cal.start.is_none()).then_some(Notice::NotUnderstood);
    Ok(html(
        StatusCode::OK,
        view::page(&shell, &offer, &cal, form, notice),
    ))
}

/// POST /book/{slug}
pub async fn submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = typed_from_pairs(form.into_inner());
    let tz: Tz = typed.timezone.parse().unwrap_or(chrono_tz::UTC);
    // The language switch of an answer to this post reopens the form of
    // the same time, which a plain GET of this address would not.
    let here = book_link(&slug, &[("start", &typed.start), ("tz", tz.name())]);
    let shell = Shell {
        lang: ctx.lang,
        here: Some(&here),
    };
    // The page first: its questions decide which answers go in.
    let s = slug.clone();
    let page = match ctx
        .run(move |st| booking_pages::public(st.store(), &s))
        .await
    {
        Ok(p) => p,
        Err(e @ AppError::Gone { .. }) => return Ok(closed_page(&shell, &e)),
        Err(e) => return Err(e),
    };
    let input = book_input(&typed, &page, ctx.lang);
    let result = match ctx.app().limits.booking_attempt(ctx.client_ip) {
        Err(e) => Err(e),
        Ok(()) => ctx.bookings().book(slug.clone(), input, ctx.now).await,
    };
    match result {
        Ok(booked) => match booked.token {
            Some(token) => Ok(see_other(&format!("/booking/{token}?new=1"))),
            None => {
                let b = booked.booking;
                let shown = b.clone();
                let hosts = ctx
                    .run(move |st| bookings::hosts_of(st.store(), &shown))
                    .await?;
                // No language switch: its link would show the empty form.
                let shell = Shell {
                    lang: ctx.lang,
                    here: None,
                };
                Ok(html(StatusCode::OK, view::booked(&shell, &b, &hosts)))
            }
        },
        Err(e @ AppError::Gone { .. }) => Ok(closed_page(&shell, &e)),
        Err(AppError::Conflict {
            code: "slot_taken", ..
        }) => {
            let cal = calendar_for_start(tz, &typed.start, ctx.now);
            let offer = load(&ctx, slug, &cal).await?;
            Ok(html(
                StatusCode::CONFLICT,
                view::page(&shell, &offer, &cal, None, Some(Notice::Taken)),
            ))
        }
        Err(
            e @ (AppError::Invalid { .. }
            | AppError::Conflict { .. }
            | AppError::RateLimited { .. }),
        ) => {
            let status = match e {
                AppError::Conflict { .. } => StatusCode::CONFLICT,
                AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let mut cal = calendar_for_start(tz, &typed.start, ctx.now);
            cal.start = instant::parse_rfc3339(&typed.start).map(|d| d.with_timezone(&tz));
            let offer = load(&ctx, slug, &cal).await?;
            let form = FormState {
                typed: &typed,
                error: Some(&e),
            };
            Ok(html(
                status,
                view::page(&shell, &offer, &cal, Some(form), None),
            ))
        }
        Err(e) => Err(e),
    }
}
