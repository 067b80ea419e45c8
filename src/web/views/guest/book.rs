//! The public booking page: a month of free days, a day's free times,
//! the form for the chosen time, what a guest sees once booked, and the
//! page of a closed booking page.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{clock, details, local, names_list};
use crate::domain::{Booking, BookingPage, LocationKind, Member, QuestionKind};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::dates;
use crate::i18n::{Lang, t};
use crate::service::booking::no_times::NoTimes;
use crate::tr;
use crate::web::ui::layout::{FieldAttrs, Shell, field, public_page};

/// What the guest looks at: zone, month, day, chosen slot.
pub struct Calendar {
    pub tz: Tz,
    /// Whether the zone came from the address (else JS may detect it).
    pub tz_given: bool,
    /// The zone the guest asked for, when it was not one we know.
    pub tz_unknown: Option<String>,
    pub month: NaiveDate,
    pub day: Option<NaiveDate>,
    pub start: Option<DateTime<Tz>>,
    /// The guest's today, in their zone.
    pub today: NaiveDate,
}

impl Calendar {
    fn tz_name(&self) -> &'static str {
        self.tz.name()
    }

    /// The month as the address carries it.
    pub fn month_param(&self) -> String {
        self.month.format("%Y-%m").to_string()
    }
}

/// The page, its host names, its free slots in the calendar's month by
/// local day, and why there are none: in the month when it is empty, else
/// on the chosen day when that one is.
pub struct Offer {
    pub page: BookingPage,
    pub hosts: Vec<String>,
    pub days: BTreeMap<NaiveDate, Vec<Slot>>,
    pub why: Option<NoTimes>,
}

/// What the guest typed into the booking form.
#[derive(Default, Clone)]
pub struct Typed {
    pub start: String,
    pub timezone: String,
    pub name: String,
    pub email: String,
    pub notes: String,
    pub answers: BTreeMap<String, String>,
}

/// The form of a chosen slot, with what was typed and the error.
pub struct FormState<'a> {
    pub typed: &'a Typed,
    pub error: Option<&'a AppError>,
}

/// Why the page was shown again instead of the form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Notice {
    /// The `start` of the address is not a time.
    NotUnderstood,
    /// Someone else took the time first.
    Taken,
}

/// The link to the booking page with these parameters.
pub fn book_link(slug: &str, params: &[(&str, &str)]) -> String {
    match serde_urlencoded::to_string(params) {
        Ok(q) if !q.is_empty() => format!("/book/{slug}?{q}"),
        _ => format!("/book/{slug}"),
    }
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn duration_text(lang: Lang, minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => tr!(lang, "guest-duration-minutes", count = m),
        (h, 0) => tr!(lang, "guest-duration-hours", count = h),
        (h, m) => tr!(lang, "guest-duration-hours-minutes", hours = h, minutes = m),
    }
}

/// How much notice a page asks for: whole days as days.
fn notice_text(lang: Lang, minutes: u32) -> String {
    if minutes >= 1440 && minutes.is_multiple_of(1440) {
        tr!(lang, "book-why-notice-days", count = minutes / 1440)
    } else {
        duration_text(lang, minutes)
    }
}

/// The one reason the guest reads for a month or a day without times;
/// `scope` is "month" or "day".
fn why_text(lang: Lang, why: NoTimes, scope: &str) -> String {
    match why {
        NoTimes::NoHost => tr!(lang, "book-why-no-host"),
        NoTimes::Past => tr!(lang, "book-why-past", scope = scope),
        NoTimes::Notice { minutes } => tr!(
            lang,
            "book-why-notice",
            scope = scope,
            notice = &notice_text(lang, minutes)
        ),
        NoTimes::Horizon { days } => tr!(lang, "book-why-horizon", days = days),
        NoTimes::NoHours => tr!(lang, "book-why-no-hours", scope = scope),
        NoTimes::OpenCap => tr!(lang, "book-why-open-cap"),
        NoTimes::DailyCap => tr!(lang, "book-why-daily-cap", scope = scope),
        NoTimes::Booked => tr!(lang, "book-why-booked", scope = scope),
    }
}

fn location_text(lang: Lang, kind: LocationKind) -> String {
    match kind {
        LocationKind::InPerson => t(lang, "guest-location-in-person"),
        LocationKind::Phone => t(lang, "guest-location-phone"),
        LocationKind::Video => t(lang, "guest-location-video"),
    }
}

/// The page of a booking page that takes no bookings; `message` says why.
pub fn closed(shell: &Shell<'_>, message: &str) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-closed-title"),
        html! {
            p { (t(lang, "guest-closed-sorry")) }
            p.muted { (message) }
            p { (t(lang, "guest-closed-contact")) }
        },
    )
}

/// Booked, when there is no manage page to go to.
pub fn booked(shell: &Shell<'_>, b: &Booking, hosts: &[Member]) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-booked-title"),
        html! {
            (details(lang, b, hosts))
            p.muted { (tr!(lang, "guest-booked-sent", email = &b.guest.email)) }
        },
    )
}

/// The booking page: the calendar, or the form of a chosen time.
pub fn page(
    shell: &Shell<'_>,
    offer: &Offer,
    cal: &Calendar,
    form: Option<FormState<'_>>,
    notice: Option<Notice>,
) -> Markup {
    let lang = shell.lang;
    let page = &offer.page;
    let slug = page.slug.as_str();
    public_page(
        shell,
        &page.title,
        html! {
            @if !cal.tz_given {
                div hidden data-book-detect-zone {}
            }
            @if !page.description.is_empty() {
                p.book-description { (page.description) }
            }
            ul.book-facts {
                li { (duration_text(lang, page.duration_minutes)) }
                @if let Some(loc) = &page.location {
                    li { (location_text(lang, loc.kind)) }
                }
                @if !offer.hosts.is_empty() {
                    li { (tr!(lang, "guest-with", names = &names_list(lang, &offer.hosts))) }
                }
            }
            @if let Some(n) = notice {
                @let text = match n {
                    Notice::NotUnderstood => t(lang, "guest-notice-not-understood"),
                    Notice::Taken => t(lang, "guest-notice-taken"),
                };
                p.form-error role="alert" data-testid="book-notice" { (text) }
            }
            @match form {
                Some(f) => (booking_form(lang, offer, cal, f)),
                None => {
                    (zone_picker(lang, slug, cal))
                    (month_view(lang, offer, cal))
                    // An empty month says why once; no day to pick then.
                    @if !offer.days.is_empty() {
                        @if let Some(day) = cal.day {
                            (day_slots(lang, offer, cal, day))
                        } @else {
                            p.muted { (t(lang, "guest-pick-day")) }
                        }
                    }
                }
            }
        },
    )
}

fn zone_picker(lang: Lang, slug: &str, cal: &Calendar) -> Markup {
    let month = cal.month_param();
    let day = cal.day.map(|d| d.to_string());
    html! {
        form.book-zone method="get" action=(format!("/book/{slug}")) {
            div.field {
                label for="f-tz" { (t(lang, "guest-zone-label")) }
                select id="f-tz" name="tz" {
                    (crate::web::views::pickers::zone_options(cal.tz.name()))
                }
            }
            input type="hidden" name="month" value=(month);
            @if let Some(d) = day {
                input type="hidden" name="day" value=(d);
            }
            button type="submit" { (t(lang, "guest-zone-submit")) }
        }
        @if let Some(unknown) = &cal.tz_unknown {
            p.form-error role="alert" { (tr!(lang, "guest-zone-unknown", zone = unknown)) }
        }
    }
}

fn month_view(lang: Lang, offer: &Offer, cal: &Calendar) -> Markup {
    let slug = offer.page.slug.as_str();
    let tz = cal.tz_name();
    let today = cal.today;
    let prev = cal
        .month
        .checked_sub_months(Months::new(1))
        .filter(|p| *p >= first_of_month(today));
    let next = cal
        .month
        .checked_add_months(Months::new(1))
        .filter(|n| *n <= today + Duration::days(i64::from(offer.page.horizon_days.max(1))));
    let days_in_month = cal
        .month
        .checked_add_months(Months::new(1))
        .map_or(28, |n| (n - cal.month).num_days());
    let week = dates::week_days(lang);
    // Empty cells before the first: how far into the reader's week it falls.
    let lead = week
        .iter()
        .position(|w| *w == cal.month.weekday())
        .unwrap_or(0);
    let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
    cells.extend((0..days_in_month).map(|i| Some(cal.month + Duration::days(i))));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let labels = day_labels(lang, cal.month, days_in_month);
    let month_link = |m: NaiveDate| {
        let m = m.format("%Y-%m").to_string();
        book_link(slug, &[("tz", tz), ("month", &m)])
    };
    html! {
        section.book-month aria-label=(t(lang, "guest-month-days")) {
            div.book-month-nav {
                @if let Some(p) = prev {
                    a href=(month_link(p)) rel="prev" { (t(lang, "guest-month-prev")) }
                } @else { span {} }
                h2 { (dates::month(lang, cal.month)) }
                @if let Some(n) = next {
                    a href=(month_link(n)) rel="next" { (t(lang, "guest-month-next")) }
                } @else { span {} }
            }
            table.book-calendar {
                thead { tr { @for d in week { th scope="col" { (dates::weekday_short(lang, d)) } } } }
                tbody {
                    @for row in cells.chunks(7) {
                        tr {
                            @for cell in row {
                                td {
                                    @if let Some(d) = cell {
                                        @if offer.days.contains_key(d) {
                                            @let ds = d.to_string();
                                            @let m = cal.month_param();
                                            a.book-day href=(book_link(slug, &[("tz", tz), ("month", &m), ("day", &ds)]))
                                                data-day=(ds)
                                                aria-current=[(cal.day == Some(*d)).then_some("date")]
                                                aria-label=(labels.get(d.day0() as usize).map_or("", String::as_str)) { (d.day()) }
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
            @if offer.days.is_empty() {
                p.book-why data-testid="book-why" {
                    @match offer.why {
                        Some(why) => (why_text(lang, why, "month")),
                        None => (t(lang, "guest-month-empty")),
                    }
                }
            }
        }
    }
}

/// "Available: Sunday, March 14, 2027" for every day of a month, written
/// once per month and language: formatting them through the catalog and
/// the locale's date names on every view was a tenth of the page's time.
fn day_labels(lang: Lang, month: NaiveDate, days: i64) -> Arc<Vec<String>> {
    type Written = HashMap<(Lang, NaiveDate), Arc<Vec<String>>>;
    static WRITTEN: LazyLock<Mutex<Written>> = LazyLock::new(Mutex::default);
    if let Some(kept) = WRITTEN
        .lock()
        .ok()
        .and_then(|w| w.get(&(lang, month)).cloned())
    {
        return kept;
    }
    let labels: Arc<Vec<String>> = Arc::new(
        (0..days)
            .map(|i| {
                let day = month + Duration::days(i);
                tr!(
                    lang,
                    "guest-day-available",
                    date = &dates::date_long(lang, day)
                )
            })
            .collect(),
    );
    if let Ok(mut written) = WRITTEN.lock() {
        // Three languages over a few years of months; a crawler asking
        // for every month there is cannot grow it past this.
        if written.len() >= 512 {
            written.clear();
        }
        written.insert((lang, month), Arc::clone(&labels));
    }
    labels
}

fn day_slots(lang: Lang, offer: &Offer, cal: &Calendar, day: NaiveDate) -> Markup {
    let slug = offer.page.slug.as_str();
    let tz = cal.tz_name();
    html! {
        section.book-day-slots aria-label=(t(lang, "guest-times")) {
            h2 { (dates::date_long(lang, day)) }
            @match offer.days.get(&day) {
                Some(list) => {
                    ul.book-slots {
                        @for s in list {
                            @if let Some(at) = local(s.start, cal.tz) {
                                @let start = at.to_rfc3339();
                                li { a.book-slot.button href=(book_link(slug, &[("start", &start), ("tz", tz)])) { (dates::time(lang, clock(lang), at.time())) } }
                            }
                        }
                    }
                }
                None => p.book-why data-testid="book-why" {
                    @match offer.why {
                        Some(why) => (why_text(lang, why, "day")),
                        None => (t(lang, "guest-day-empty")),
                    }
                }
            }
        }
    }
}

fn booking_form(lang: Lang, offer: &Offer, cal: &Calendar, f: FormState<'_>) -> Markup {
    let page = &offer.page;
    let typed = f.typed;
    let err = |name: &str| {
        f.error
            .filter(|e| e.field() == Some(name))
            .map(|e| e.text(lang))
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
            Some("start") => t(lang, "guest-start-taken"),
            _ => e.text(lang),
        });
    let tz = cal.tz;
    let start_text = cal.start.map(|s| {
        let end = s + Duration::minutes(i64::from(page.duration_minutes));
        dates::span_in(
            lang,
            clock(lang),
            s.with_timezone(&Utc),
            end.with_timezone(&Utc),
            tz.name(),
        )
    });
    let back = match cal.start {
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
    let required = t(lang, "guest-required");
    html! {
        @if let Some(g) = general { p.form-error role="alert" { (g) } }
        @if let Some(w) = start_text {
            p.book-when data-testid="book-when" { strong { (w) } }
        }
        p { a href=(back) { (t(lang, "guest-pick-another")) } }
        form.book-form method="post" action=(format!("/book/{}", page.slug)) {
            input type="hidden" name="start" value=(typed.start);
            input type="hidden" name="timezone" value=(typed.timezone);
            (field("name", &t(lang, "guest-field-your-name"), "text", &typed.name, err("name").as_deref(), FieldAttrs { required: true, autofocus: true, autocomplete: Some("name") }))
            (field("email", &t(lang, "guest-field-email"), "email", &typed.email, err("email").as_deref(), FieldAttrs { required: true, autocomplete: Some("email"), ..Default::default() }))
            @for q in &page.questions {
                @let name = format!("answers.{}", q.id);
                @let id = format!("f-q-{}", q.id);
                @let err_id = format!("{id}-error");
                @let e = err(&name);
                @let value = typed.answers.get(&q.id).map(String::as_str).unwrap_or("");
                div.field.invalid[e.is_some()] {
                    label for=(id) {
                        (q.label)
                        @if q.required { " " span.required { (required) } }
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
                                option value="" { (t(lang, "guest-choose")) }
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
                label for="f-notes" { (t(lang, "guest-notes-label")) " " span.muted { (t(lang, "guest-optional")) } }
                textarea id="f-notes" name="notes" rows="3"
                    aria-invalid=[notes_err.as_ref().map(|_| "true")]
                    aria-describedby=[notes_err.as_ref().map(|_| "f-notes-error")] { (typed.notes) }
                @if let Some(msg) = &notes_err { p.error id="f-notes-error" { (msg) } }
            }
            button type="submit" { (t(lang, "guest-book-submit")) }
        }
    }
}

#[cfg(test)]
mod tests;
