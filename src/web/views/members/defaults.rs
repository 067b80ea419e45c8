//! Account defaults for new members (owner): time zone, language, and the
//! weekly schedule new members start with, in the same editor as a
//! member's own schedule.

use maud::{Markup, html};

use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::organize::Defaults;
use crate::tr;
use crate::web::assets;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};
use crate::web::views::pickers::{self, Picker, picker};
use crate::web::views::week::{WeekForm, week_editor};

/// The defaults form as saved, or as typed when it comes back refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DefaultsForm {
    pub timezone: String,
    pub language: String,
    pub week: WeekForm,
    pub open_booking_cap: String,
}

impl DefaultsForm {
    pub fn saved(d: &Defaults) -> DefaultsForm {
        DefaultsForm {
            timezone: d.timezone.clone(),
            language: d.language.clone(),
            week: WeekForm::from_schedule(&d.schedule),
            open_booking_cap: d
                .schedule
                .open_booking_cap
                .map(|c| c.to_string())
                .unwrap_or_default(),
        }
    }
}

pub fn defaults_page(
    user: &PageUser,
    lang: Lang,
    d: &DefaultsForm,
    saved: bool,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let (zones, languages) = (pickers::time_zones(), pickers::languages());
    let (zone_label, language_label) = (
        t(lang, "mem-defaults-timezone"),
        t(lang, "mem-defaults-language"),
    );
    let (zone_error, language_error) = (err("timezone"), err("language"));
    let body = html! {
        @if saved { p.notice role="status" { (t(lang, "mem-defaults-saved")) } }
        @if let Some(e) = error { p.form-error role="alert" { (tr!(lang, "ed-form-refused", reason = &e.text(lang))) } }
        p.muted { (t(lang, "mem-defaults-hint")) }
        form.schedule method="post" action="/members/defaults" {
            (csrf_field(&user.csrf_token))
            (picker(lang, &Picker {
                error: zone_error.as_deref(),
                ..Picker::new("timezone", &zone_label, &zones, &d.timezone)
            }))
            (picker(lang, &Picker {
                error: language_error.as_deref(),
                ..Picker::new("language", &language_label, &languages, &d.language)
            }))
            h2 { (t(lang, "mem-defaults-hours")) }
            (week_editor(lang, &d.week, error))
            (field("open_booking_cap", &t(lang, "ed-defaults-open-cap"), "number",
                &d.open_booking_cap, err("open_booking_cap").as_deref(), FieldAttrs::default()))
            button type="submit" { (t(lang, "mem-defaults-save")) }
        }
        script src=(assets::url("editors.js")) defer {}
    };
    page(user, Nav::Members, &t(lang, "mem-defaults-title"), body)
}
