use chrono::Weekday;
use maud::{Markup, html};

use crate::domain::schedule::WEEKDAYS;
use crate::domain::{Interval, Member, MemberId, Schedule, Unavailability};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

/// What the schedule editor shows of one member.
pub struct ScheduleView {
    pub member: Member,
    pub timezone: String,
    pub schedule: Schedule,
    pub periods: Vec<Unavailability>,
}

/// "09:00-12:00, 13:00-17:00": the form's own notation, the same in
/// every language.
fn format_hours(list: Option<&Vec<Interval>>) -> String {
    list.map(|v| {
        v.iter()
            .map(|i| format!("{}-{}", i.start, i.end))
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

/// The weekday of a form key ("mon").
fn weekday(key: &str) -> Option<Weekday> {
    key.parse().ok()
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
    let err = |f: &str| {
        error
            .filter(|e| {
                e.field()
                    .is_some_and(|x| x == f || x.starts_with(&format!("{f}[")))
            })
            .map(|e| e.text(lang))
    };
    // Periods are entered in the member's time zone, so they are shown in it.
    let zone: chrono_tz::Tz = v.timezone.parse().unwrap_or(chrono_tz::UTC);
    let clock = Clock::default_for(lang);
    // Others see the hours without the forms the service would refuse
    // them (the person themself, or an admin, may change them).
    let editable = crate::policy::professional_editable(&user.member, id);
    let week = html! {
            div.field {
                label for="f-timezone" { (tr!(lang, "org-schedule-timezone")) }
                input id="f-timezone" name="timezone" type="text" list="zones" value=(v.timezone) required data-detect-timezone;
                datalist id="zones" { @for z in chrono_tz::TZ_VARIANTS.iter() { option value=(z.name()) {} } }
                @if let Some(e) = err("timezone") { p.error { (e) } }
            }
            table.week {
                thead { tr {
                    th { (tr!(lang, "org-schedule-day")) }
                    th { (tr!(lang, "org-schedule-hours")) }
                    th { (tr!(lang, "org-schedule-breaks")) }
                    th { (tr!(lang, "org-schedule-daily-cap")) }
                } }
                tbody {
                    @for day in WEEKDAYS {
                        @let name = weekday(day).map_or_else(|| day.to_string(), |w| dates::weekday_short(lang, w));
                        tr {
                            td { (name) }
                            td {
                                input type="text" name={ "weekly." (day) } value=(format_hours(v.schedule.weekly.get(day))) placeholder="09:00-17:00" aria-label=(tr!(lang, "org-schedule-aria-hours", day = &name));
                                @if let Some(e) = err(&format!("weekly.{day}")) { p.error { (e) } }
                            }
                            td {
                                input type="text" name={ "breaks." (day) } value=(format_hours(v.schedule.breaks.get(day))) placeholder="12:00-13:00" aria-label=(tr!(lang, "org-schedule-aria-breaks", day = &name));
                                @if let Some(e) = err(&format!("breaks.{day}")) { p.error { (e) } }
                            }
                            td {
                                input type="number" min="1" name={ "daily_caps." (day) } value=[v.schedule.daily_caps.get(day)] aria-label=(tr!(lang, "org-schedule-aria-cap", day = &name));
                                @if let Some(e) = err(&format!("daily_caps.{day}")) { p.error { (e) } }
                            }
                        }
                    }
                }
            }
            (field("open_booking_cap", &tr!(lang, "org-schedule-open-cap"), "number",
                &v.schedule.open_booking_cap.map(|c| c.to_string()).unwrap_or_default(), err("open_booking_cap").as_deref(), FieldAttrs::default()))
    };
    let body = html! {
        @if saved { p.notice role="status" { (tr!(lang, "org-saved")) } }
        @if let Some(e) = error { p.form-error role="alert" { (e.text(lang)) } }
        @if editable {
            form method="post" action={ "/members/" (id) "/schedule" } {
                (csrf_field(&user.csrf_token))
                (week)
                button type="submit" { (tr!(lang, "org-schedule-save")) }
            }
        } @else {
            fieldset.read-only disabled { (week) }
        }
        h2 { (tr!(lang, "org-schedule-unavailability")) }
        @if v.periods.is_empty() { p.muted { (tr!(lang, "org-schedule-none")) } }
        @for p in &v.periods {
            @let span = html! {
                span {
                    (dates::span(lang, clock, &p.start.with_timezone(&zone), &p.end.with_timezone(&zone)))
                    " " span.muted { (p.reason) }
                }
            };
            @if editable {
                form.toolbar method="post" action={ "/members/" (id) "/unavailability/" (p.id) "/delete" } {
                    (csrf_field(&user.csrf_token))
                    (span)
                    button.danger type="submit" { (tr!(lang, "org-delete")) }
                }
            } @else {
                p { (span) }
            }
        }
        @if editable { form.toolbar method="post" action={ "/members/" (id) "/unavailability" } {
            (csrf_field(&user.csrf_token))
            label { (tr!(lang, "org-schedule-from")) " " input type="datetime-local" name="start" required; }
            label { (tr!(lang, "org-schedule-to")) " " input type="datetime-local" name="end" required; }
            input type="text" name="reason" placeholder=(tr!(lang, "org-schedule-reason-placeholder")) aria-label=(tr!(lang, "org-schedule-reason"));
            button type="submit" { (tr!(lang, "org-schedule-add")) }
            span.muted { (tr!(lang, "org-schedule-in-zone", zone = &v.timezone)) }
        } }
    };
    let title = tr!(
        lang,
        "org-schedule-title",
        name = &member_name(lang, &v.member)
    );
    page(user, Nav::Members, &title, body)
}
