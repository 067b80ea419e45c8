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
use maud::{Markup, html};

use super::booking_view::{details, local};
use super::layout::{FieldAttrs, Shell, field, public_page};
use super::query;
use super::{html, see_other};
use crate::domain::{BookingPage, LocationKind, QuestionKind, instant};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::dates::Clock;
use crate::service::booking::mail as booking_mail;
use crate::service::booking::pages as booking_pages;
use crate::service::booking::{self as bookings, BookInput};
use crate::web::ctx::Ctx;

/// The booking pages speak English until their texts move to the catalog;
/// their times are on the 24-hour clock, like the time buttons.
pub(super) const PAGE_LANG: Lang = Lang::En;
pub(super) const PAGE_CLOCK: Clock = Clock::H24;

/// Routes of this module (registered before the signed-in pages).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/book/{slug}", web::get().to(show))
        .route("/book/{slug}", web::post().to(submit));
}

// ---------------------------------------------------------------------
// Small helpers

fn book_link(slug: &str, params: &[(&str, &str)]) -> String {
    match serde_urlencoded::to_string(params) {
        Ok(q) if !q.is_empty() => format!("/book/{slug}?{q}"),
        _ => format!("/book/{slug}"),
    }
}

fn duration_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} minutes"),
        (1, 0) => "1 hour".to_string(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn location_text(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::InPerson => "In person",
        LocationKind::Phone => "Phone call",
        LocationKind::Video => "Video call",
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
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

fn closed_page(message: &str) -> HttpResponse {
    html(
        StatusCode::GONE,
        public_page(
            &Shell::UNTRANSLATED,
            "This booking page is closed",
            html! {
                p { "Sorry, this booking page is not taking bookings at the moment." }
                p.muted { (message) }
                p { "If you were expecting to book here, please contact the person who sent you the link." }
            },
        ),
    )
}

// ---------------------------------------------------------------------
// The booking page

/// What the guest looks at: zone, month, day, chosen slot.
struct View {
    tz: Tz,
    /// Whether the zone came from the address (else JS may detect it).
    tz_given: bool,
    /// The zone the guest asked for, when it was not one we know.
    tz_unknown: Option<String>,
    month: NaiveDate,
    day: Option<NaiveDate>,
    start: Option<DateTime<Tz>>,
    /// The guest's today, in their zone.
    today: NaiveDate,
}

impl View {
    fn from_query(q: &BTreeMap<String, String>, now: DateTime<Utc>) -> View {
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
        View {
            tz,
            tz_given,
            tz_unknown,
            month,
            day,
            start,
            today,
        }
    }

    /// The view of the day of a start time (after a slot was taken).
    fn for_start(tz: Tz, start: &str, now: DateTime<Utc>) -> View {
        let start = instant::parse_rfc3339(start).map(|d| d.with_timezone(&tz));
        let today = now.with_timezone(&tz).date_naive();
        let day = start.map_or(today, |s| s.date_naive());
        View {
            tz,
            tz_given: true,
            tz_unknown: None,
            month: first_of_month(day),
            day: Some(day),
            start: None,
            today,
        }
    }

    fn tz_name(&self) -> &'static str {
        self.tz.name()
    }

    fn month_param(&self) -> String {
        self.month.format("%Y-%m").to_string()
    }
}

/// What the guest typed into the booking form.
#[derive(Default, Clone)]
struct Typed {
    start: String,
    timezone: String,
    name: String,
    email: String,
    notes: String,
    answers: BTreeMap<String, String>,
}

impl Typed {
    fn from_pairs(pairs: Vec<(String, String)>) -> Typed {
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

    fn input(&self, page: &BookingPage) -> BookInput {
        let notes = self.notes.trim();
        BookInput {
            start: self.start.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            timezone: self.timezone.clone(),
            notes: (!notes.is_empty()).then(|| notes.to_string()),
            answers: self
                .answers
                .iter()
                .filter(|(id, _)| page.questions.iter().any(|q| &q.id == *id))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            language: None,
        }
    }
}

/// The page, its host names, and its free slots in the view's month by
/// local day.
struct Loaded {
    page: BookingPage,
    hosts: Vec<String>,
    days: BTreeMap<NaiveDate, Vec<Slot>>,
}

async fn load(ctx: &Ctx, slug: String, view: &View) -> Result<Loaded, AppError> {
    let tz = view.tz;
    let from = view.month;
    let to = from
        .checked_add_months(Months::new(1))
        .map_or(from, |d| d - Duration::days(1));
    let q = bookings::parse_query(&from.to_string(), &to.to_string(), tz.name())?;
    let (page, hosts, list) = ctx
        .run(move |s| {
            let (page, hosts) = booking_pages::public_with_hosts(s.store(), &slug)?;
            let list = s.bookings().slots(&page, &q, s.now)?;
            Ok((page, hosts, list))
        })
        .await?;
    let mut days: BTreeMap<NaiveDate, Vec<Slot>> = BTreeMap::new();
    for slot in list.iter().cloned() {
        if let Some(start) = local(slot.start, tz) {
            days.entry(start.date_naive()).or_default().push(slot);
        }
    }
    Ok(Loaded { page, hosts, days })
}

/// The form of a chosen slot, with what was typed and the error.
struct FormState<'a> {
    typed: &'a Typed,
    error: Option<&'a AppError>,
}

fn render_page(
    l: &Loaded,
    view: &View,
    form: Option<FormState<'_>>,
    notice: Option<&str>,
) -> Markup {
    let page = &l.page;
    let slug = page.slug.as_str();
    public_page(
        &Shell::UNTRANSLATED,
        &page.title,
        html! {
            @if !view.tz_given {
                div hidden data-book-detect-zone {}
            }
            @if !page.description.is_empty() {
                p.book-description { (page.description) }
            }
            ul.book-facts {
                li { (duration_text(page.duration_minutes)) }
                @if let Some(loc) = &page.location {
                    li { (location_text(loc.kind)) }
                }
                @if !l.hosts.is_empty() {
                    li { "With " (l.hosts.join(", ")) }
                }
            }
            @if let Some(n) = notice {
                p.form-error role="alert" data-testid="book-notice" { (n) }
            }
            @match form {
                Some(f) => (render_form(l, view, f)),
                None => {
                    (zone_picker(slug, view))
                    (month_view(l, view))
                    @if let Some(day) = view.day {
                        (day_slots(l, view, day))
                    } @else {
                        p.muted { "Pick a day to see its times." }
                    }
                }
            }
        },
    )
}

fn zone_picker(slug: &str, view: &View) -> Markup {
    let month = view.month_param();
    let day = view.day.map(|d| d.to_string());
    html! {
        form.book-zone method="get" action=(format!("/book/{slug}")) {
            div.field {
                label for="f-tz" { "Times are shown in" }
                select id="f-tz" name="tz" {
                    @for tz in chrono_tz::TZ_VARIANTS {
                        option value=(tz.name()) selected[tz == view.tz] { (tz.name()) }
                    }
                }
            }
            input type="hidden" name="month" value=(month);
            @if let Some(d) = day {
                input type="hidden" name="day" value=(d);
            }
            button type="submit" { "Show times" }
        }
        @if let Some(unknown) = &view.tz_unknown {
            p.form-error role="alert" { "We do not know the time zone “" (unknown) "”; showing times in UTC instead." }
        }
    }
}

fn month_view(l: &Loaded, view: &View) -> Markup {
    let slug = l.page.slug.as_str();
    let tz = view.tz_name();
    let today = view.today;
    let prev = view
        .month
        .checked_sub_months(Months::new(1))
        .filter(|p| *p >= first_of_month(today));
    let next = view
        .month
        .checked_add_months(Months::new(1))
        .filter(|n| *n <= today + Duration::days(i64::from(l.page.horizon_days.max(1))));
    let days_in_month = view
        .month
        .checked_add_months(Months::new(1))
        .map_or(28, |n| (n - view.month).num_days());
    let lead = view.month.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
    cells.extend((0..days_in_month).map(|i| Some(view.month + Duration::days(i))));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let month_link = |m: NaiveDate| {
        let m = m.format("%Y-%m").to_string();
        book_link(slug, &[("tz", tz), ("month", &m)])
    };
    html! {
        section.book-month aria-label="Days" {
            div.book-month-nav {
                @if let Some(p) = prev {
                    a href=(month_link(p)) rel="prev" { "‹ Previous month" }
                } @else { span {} }
                h2 { (view.month.format("%B %Y")) }
                @if let Some(n) = next {
                    a href=(month_link(n)) rel="next" { "Next month ›" }
                } @else { span {} }
            }
            table.book-calendar {
                thead { tr { @for d in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] { th scope="col" { (d) } } } }
                tbody {
                    @for week in cells.chunks(7) {
                        tr {
                            @for cell in week {
                                td {
                                    @if let Some(d) = cell {
                                        @if l.days.contains_key(d) {
                                            @let ds = d.to_string();
                                            @let m = view.month_param();
                                            a.book-day href=(book_link(slug, &[("tz", tz), ("month", &m), ("day", &ds)]))
                                                data-day=(ds)
                                                aria-current=[(view.day == Some(*d)).then_some("date")]
                                                aria-label=(d.format("%A %-d %B, times available")) { (d.day()) }
                                        } @else {
                                            span.book-no-day { (d.day()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if l.days.is_empty() {
                p.muted { "No free times this month." @if next.is_some() { " Try the next month." } }
            }
        }
    }
}

fn day_slots(l: &Loaded, view: &View, day: NaiveDate) -> Markup {
    let slug = l.page.slug.as_str();
    let tz = view.tz_name();
    html! {
        section.book-day-slots aria-label="Times" {
            h2 { (day.format("%A %-d %B %Y")) }
            @match l.days.get(&day) {
                Some(list) => {
                    ul.book-slots {
                        @for s in list {
                            @if let Some(t) = local(s.start, view.tz) {
                                @let start = bookings::in_zone(s.start, view.tz);
                                li { a.book-slot.button href=(book_link(slug, &[("start", &start), ("tz", tz)])) { (t.format("%H:%M")) } }
                            }
                        }
                    }
                }
                None => p.muted { "No free times on this day. Please pick another one." }
            }
        }
    }
}

fn render_form(l: &Loaded, view: &View, f: FormState<'_>) -> Markup {
    let page = &l.page;
    let typed = f.typed;
    let err = |name: &str| {
        f.error
            .filter(|e| e.field() == Some(name))
            .map(|e| e.to_string())
    };
    let known = |name: &str| {
        matches!(name, "name" | "email" | "notes")
            || name
                .strip_prefix("answers.")
                .is_some_and(|id| page.questions.iter().any(|q| q.id == id))
    };
    let general = f
        .error
        .filter(|e| e.field().is_none_or(|n| !known(n)))
        .map(|e| match e.field() {
            Some("start") => {
                "This time cannot be booked any more. Please pick another one.".to_string()
            }
            _ => e.to_string(),
        });
    let tz = view.tz;
    let start_text = view.start.map(|s| {
        let end = s + Duration::minutes(i64::from(page.duration_minutes));
        booking_mail::when(
            PAGE_LANG,
            PAGE_CLOCK,
            s.with_timezone(&Utc),
            end.with_timezone(&Utc),
            tz.name(),
        )
    });
    let back = match view.start {
        Some(s) => {
            let day = s.date_naive().to_string();
            let month = s.format("%Y-%m").to_string();
            book_link(
                &page.slug,
                &[("tz", tz.name()), ("month", &month), ("day", &day)],
            )
        }
        None => book_link(&page.slug, &[("tz", tz.name())]),
    };
    html! {
        @if let Some(g) = general { p.form-error role="alert" { (g) } }
        @if let Some(w) = start_text {
            p.book-when data-testid="book-when" { strong { (w) } }
        }
        p { a href=(back) { "‹ Pick another time" } }
        form.book-form method="post" action=(format!("/book/{}", page.slug)) {
            input type="hidden" name="start" value=(typed.start);
            input type="hidden" name="timezone" value=(typed.timezone);
            (field("name", "Your name", "text", &typed.name, err("name").as_deref(), FieldAttrs { required: true, autofocus: true, autocomplete: Some("name") }))
            (field("email", "Email", "email", &typed.email, err("email").as_deref(), FieldAttrs { required: true, autocomplete: Some("email"), ..Default::default() }))
            @for q in &page.questions {
                @let name = format!("answers.{}", q.id);
                @let id = format!("f-q-{}", q.id);
                @let err_id = format!("{id}-error");
                @let e = err(&name);
                @let value = typed.answers.get(&q.id).map(String::as_str).unwrap_or("");
                div.field.invalid[e.is_some()] {
                    label for=(id) {
                        (q.label)
                        @if q.required { " " span.required { "(required)" } }
                    }
                    @match q.kind {
                        QuestionKind::ShortText => {
                            input id=(id) name=(name) type="text" value=(value) required[q.required]
                                aria-invalid=[e.as_ref().map(|_| "true")]
                                aria-describedby=[e.as_ref().map(|_| err_id.as_str())];
                        }
                        QuestionKind::LongText => {
                            textarea id=(id) name=(name) rows="4" required[q.required]
                                aria-invalid=[e.as_ref().map(|_| "true")]
                                aria-describedby=[e.as_ref().map(|_| err_id.as_str())] { (value) }
                        }
                        QuestionKind::SingleChoice => {
                            select id=(id) name=(name) required[q.required]
                                aria-invalid=[e.as_ref().map(|_| "true")]
                                aria-describedby=[e.as_ref().map(|_| err_id.as_str())] {
                                option value="" { "Choose…" }
                                @for o in &q.options {
                                    option value=(o) selected[o == value] { (o) }
                                }
                            }
                        }
                    }
                    @if let Some(msg) = &e { p.error id=(err_id) { (msg) } }
                }
            }
            @let notes_err = err("notes");
            div.field.invalid[notes_err.is_some()] {
                label for="f-notes" { "Anything the host should know? " span.muted { "(optional)" } }
                textarea id="f-notes" name="notes" rows="3"
                    aria-invalid=[notes_err.as_ref().map(|_| "true")]
                    aria-describedby=[notes_err.as_ref().map(|_| "f-notes-error")] { (typed.notes) }
                @if let Some(msg) = &notes_err { p.error id="f-notes-error" { (msg) } }
            }
            button type="submit" { "Book this time" }
        }
    }
}

/// GET /book/{slug}
pub async fn show(
    req: HttpRequest,
    ctx: Ctx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let q = query(&req);
    let view = View::from_query(&q, ctx.now);
    let loaded = match load(&ctx, slug, &view).await {
        Ok(l) => l,
        Err(AppError::Gone { message }) => return Ok(closed_page(&message.to_string())),
        Err(e) => return Err(e),
    };
    let typed;
    let form = match (view.start, q.get("start")) {
        (Some(_), Some(start)) => {
            typed = Typed {
                start: start.trim().to_string(),
                timezone: view.tz_name().to_string(),
                ..Typed::default()
            };
            Some(FormState {
                typed: &typed,
                error: None,
            })
        }
        _ => None,
    };
    let notice = (q.contains_key("start") && view.start.is_none())
        .then_some("That time was not understood. Please pick a time from the list.");
    Ok(html(
        StatusCode::OK,
        render_page(&loaded, &view, form, notice),
    ))
}

/// POST /book/{slug}
pub async fn submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = Typed::from_pairs(form.into_inner());
    let tz: Tz = typed.timezone.parse().unwrap_or(chrono_tz::UTC);
    // The page first: its questions decide which answers go in.
    let s = slug.clone();
    let page = match ctx
        .run(move |st| booking_pages::public(st.store(), &s))
        .await
    {
        Ok(p) => p,
        Err(AppError::Gone { message }) => return Ok(closed_page(&message.to_string())),
        Err(e) => return Err(e),
    };
    let input = typed.input(&page);
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
                Ok(html(
                    StatusCode::OK,
                    public_page(
                        &Shell::UNTRANSLATED,
                        "You are booked",
                        html! {
                            (details(&b, &hosts))
                            p.muted { "We sent the details to " (b.guest.email) ". To change or cancel, please contact your host." }
                        },
                    ),
                ))
            }
        },
        Err(AppError::Gone { message }) => Ok(closed_page(&message.to_string())),
        Err(AppError::Conflict {
            code: "slot_taken", ..
        }) => {
            let view = View::for_start(tz, &typed.start, ctx.now);
            let loaded = load(&ctx, slug, &view).await?;
            Ok(html(
                StatusCode::CONFLICT,
                render_page(
                    &loaded,
                    &view,
                    None,
                    Some("This time was just taken; pick another one."),
                ),
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
            let mut view = View::for_start(tz, &typed.start, ctx.now);
            view.start = instant::parse_rfc3339(&typed.start).map(|d| d.with_timezone(&tz));
            let loaded = load(&ctx, slug, &view).await?;
            let form = FormState {
                typed: &typed,
                error: Some(&e),
            };
            Ok(html(status, render_page(&loaded, &view, Some(form), None)))
        }
        Err(e) => Err(e),
    }
}
