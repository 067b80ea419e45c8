//! A member's schedule page: the time zone, the weekly editor (hours,
//! breaks and caps per day), the open booking cap, and the periods of
//! unavailability.

use maud::{Markup, html};

use crate::domain::{Member, MemberId, Schedule, Unavailability};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::tr;
use crate::web::assets;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};
use crate::web::views::pickers::{self, Picker, picker};
use crate::web::views::week::{WeekForm, week_editor};

/// What the schedule editor shows of one member.
pub struct ScheduleView {
    /// The member as saved: their time zone is the one periods are in.
    pub member: Member,
    pub form: ScheduleForm,
    pub periods: Vec<Unavailability>,
    /// A new period as typed, kept when it is refused.
    pub period: PeriodForm,
    /// The viewer may change this schedule (the page is read-only else).
    pub editable: bool,
}

/// The "add a period" form: local date-times ("2027-05-03T09:00").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodForm {
    pub start: String,
    pub end: String,
    pub reason: String,
}

/// The schedule form as saved, or as typed when it comes back refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleForm {
    pub timezone: String,
    pub week: WeekForm,
    pub open_booking_cap: String,
}

impl ScheduleForm {
    pub fn saved(timezone: &str, s: &Schedule) -> ScheduleForm {
        ScheduleForm {
            timezone: timezone.to_string(),
            week: WeekForm::from_schedule(s),
            open_booking_cap: s
                .open_booking_cap
                .map(|c| c.to_string())
                .unwrap_or_default(),
        }
    }
}

/// `saved`: the schedule was just saved.
pub fn schedule(
    user: &PageUser,
    lang: Lang,
    id: &MemberId,
    v: &ScheduleView,
    saved: bool,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    // Periods are entered in the member's saved time zone, so they are
    // shown in it, whatever the form holds.
    let zone: chrono_tz::Tz = v.member.timezone.parse().unwrap_or(chrono_tz::UTC);
    let clock = Clock::default_for(lang);
    let zones = pickers::time_zones();
    let zone_label = tr!(lang, "org-schedule-timezone");
    let zone_error = err("timezone");
    let zone_picker = Picker {
        error: zone_error.as_deref(),
        ..Picker::new("timezone", &zone_label, &zones, &v.form.timezone)
    };
    let body = html! {
        @if saved { p.notice role="status" { (tr!(lang, "org-saved")) } }
        // The reason is said at once, and again next to its field.
        @if let Some(e) = error { p.form-error role="alert" { (tr!(lang, "ed-form-refused", reason = &e.text(lang))) } }
        @let week = html! {
            (picker(lang, &zone_picker))
            (week_editor(lang, &v.form.week, error))
            (field("open_booking_cap", &tr!(lang, "org-schedule-open-cap"), "number",
                &v.form.open_booking_cap, err("open_booking_cap").as_deref(), FieldAttrs::default()))
        };
        // Those who may not change the hours see them, without a form the
        // service would refuse.
        @if v.editable {
            form.schedule method="post" action={ "/members/" (id) "/schedule" } {
                (csrf_field(&user.csrf_token))
                fieldset.bare { (week) button type="submit" { (tr!(lang, "org-schedule-save")) } }
            }
        } @else {
            div.schedule { fieldset.bare disabled { (week) } }
        }
        script src=(assets::url("editors.js")) defer {}
        h2 { (tr!(lang, "org-schedule-unavailability")) }
        @if v.periods.is_empty() { p.muted { (tr!(lang, "org-schedule-none")) } }
        @for p in &v.periods {
            @let span = html! {
                span {
                    (dates::span(lang, clock, &p.start.with_timezone(&zone), &p.end.with_timezone(&zone)))
                    " " span.muted { (p.reason) }
                }
            };
            @if v.editable {
                form.toolbar method="post" action={ "/members/" (id) "/unavailability/" (p.id) "/delete" } {
                    (csrf_field(&user.csrf_token))
                    (span)
                    button.danger type="submit" { (tr!(lang, "org-delete")) }
                }
            } @else {
                p { (span) }
            }
        }
        @if v.editable {
            form.toolbar method="post" action={ "/members/" (id) "/unavailability" } {
                (csrf_field(&user.csrf_token))
                label { (tr!(lang, "org-schedule-from")) " " input type="datetime-local" name="start" value=(v.period.start) required aria-invalid=[err("start").map(|_| "true")]; }
                label { (tr!(lang, "org-schedule-to")) " " input type="datetime-local" name="end" value=(v.period.end) required aria-invalid=[err("end").map(|_| "true")]; }
                input type="text" name="reason" value=(v.period.reason) placeholder=(tr!(lang, "org-schedule-reason-placeholder")) aria-label=(tr!(lang, "org-schedule-reason"));
                button type="submit" { (tr!(lang, "org-schedule-add")) }
                span.muted { (tr!(lang, "org-schedule-in-zone", zone = &v.member.timezone)) }
            }
            @for f in ["start", "end", "reason"] {
                @if let Some(e) = err(f) { p.error { (e) } }
            }
        }
    };
    let title = tr!(
        lang,
        "org-schedule-title",
        name = &member_name(lang, &v.member)
    );
    page(user, Nav::Members, &title, body)
}
