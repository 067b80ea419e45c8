//! Account defaults for new members (owner): time zone, language, and the
//! weekly hours new members start with.

use maud::{Markup, html};

use crate::domain::Schedule;
use crate::domain::schedule::WEEKDAYS;
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::organize::Defaults;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

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

/// A day of the week as a field label; the schedule keys days by these
/// codes.
fn day_label(lang: Lang, day: &str) -> String {
    let key = match day {
        "mon" => "mem-day-mon",
        "tue" => "mem-day-tue",
        "wed" => "mem-day-wed",
        "thu" => "mem-day-thu",
        "fri" => "mem-day-fri",
        "sat" => "mem-day-sat",
        "sun" => "mem-day-sun",
        other => return other.to_string(),
    };
    t(lang, key)
}

pub fn defaults_page(
    user: &PageUser,
    lang: Lang,
    d: &Defaults,
    saved: bool,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let required = FieldAttrs {
        required: true,
        ..Default::default()
    };
    let body = html! {
        @if saved { p.notice role="status" { (t(lang, "mem-defaults-saved")) } }
        @if let Some(e) = error.filter(|e| e.field().is_none()) { p.form-error role="alert" { (e.text(lang)) } }
        p.muted { (t(lang, "mem-defaults-hint")) }
        form method="post" action="/members/defaults" {
            (csrf_field(&user.csrf_token))
            (field("timezone", &t(lang, "mem-defaults-timezone"), "text", &d.timezone, err("timezone").as_deref(), required))
            (field("language", &t(lang, "mem-defaults-language"), "text", &d.language, err("language").as_deref(), required))
            fieldset {
                legend { (t(lang, "mem-defaults-hours")) }
                @for day in WEEKDAYS {
                    @let name = format!("hours_{day}");
                    (field(&name, &day_label(lang, day), "text", &hours(&d.schedule, day), err(&name).as_deref(), FieldAttrs::default()))
                }
            }
            button type="submit" { (t(lang, "mem-defaults-save")) }
        }
    };
    page(user, Nav::Members, &t(lang, "mem-defaults-title"), body)
}
