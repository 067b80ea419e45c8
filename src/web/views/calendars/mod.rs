//! The Integrations pages: a member's connected calendars, and every
//! member's integration status for admins.

mod feed;
mod overview;

pub use feed::webcal;
pub use overview::{IntegrationFilter, IntegrationRow, filter_label, overview};

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use crate::domain::{CalendarConnection, CalendarKind, CancelAction, Member};
use crate::error::AppError;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::service::calendars::Problem;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

/// What the connect form brings back after a refusal.
#[derive(Default)]
pub struct Typed<'a> {
    pub kind: &'a str,
    pub url: &'a str,
    pub username: &'a str,
}

pub struct CalendarsPage<'a> {
    pub member: &'a Member,
    pub connections: &'a [CalendarConnection],
    /// What just happened ("synced", "connected", …), shown as a toast.
    pub notice: Option<String>,
    /// A refused connect (or re-link of `failed_id`).
    pub error: Option<&'a AppError>,
    pub failed_id: Option<&'a str>,
    pub typed: Typed<'a>,
    /// The member's booking feed address (made on first view).
    pub feed: Option<String>,
    pub feed_last_used: Option<DateTime<Utc>>,
}

/// A time in the reader's zone and language, machine-readable too.
pub fn when(lang: Lang, zone: &str, at: DateTime<Utc>) -> Markup {
    let tz: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    html! {
        time datetime=(at.to_rfc3339_opts(SecondsFormat::Secs, true)) {
            (dates::date_time(lang, Clock::default_for(lang), &at.with_timezone(&tz)))
        }
    }
}

fn kind_label(lang: Lang, kind: CalendarKind) -> String {
    match kind {
        CalendarKind::IcalUrl => t(lang, "cal-kind-ical"),
        CalendarKind::Caldav => t(lang, "cal-kind-caldav"),
    }
}

/// The state badge of a connection.
pub fn state_badge(lang: Lang, c: &CalendarConnection) -> Markup {
    let (class, key) = if c.hiding_slots {
        ("badge suspended", "cal-state-hiding")
    } else if c.last_error.is_some() {
        ("badge rejected", "cal-state-failing")
    } else if c.last_ok_at.is_some() {
        ("badge active", "cal-state-ok")
    } else {
        ("badge pending", "cal-state-waiting")
    };
    html! { span class=(class) { (t(lang, key)) } }
}

pub fn calendars_page(user: &PageUser, lang: Lang, v: &CalendarsPage<'_>) -> Markup {
    let own = user.member.id == v.member.id;
    let zone = user.member.timezone.as_str();
    let base = format!("/members/{}/calendars", v.member.id);
    let err_for = |id: Option<&str>, f: &str| {
        v.error
            .filter(|_| v.failed_id == id)
            .filter(|e| e.field() == Some(f) || (f == "url" && e.field().is_none()))
            .map(|e| e.text(lang))
    };
    let title = if own {
        t(lang, "cal-title-own")
    } else {
        tr!(lang, "cal-title-of", member = &member_name(lang, v.member))
    };
    let body = html! {
        p.muted { (t(lang, "cal-explained")) }
        p.muted { (t(lang, "cal-privacy")) }
        @if let Some(n) = &v.notice { p.notice role="status" { (n) } }
        @if v.connections.is_empty() {
            div.empty { p { (t(lang, "cal-none")) } }
        }
        @for c in v.connections {
            section.card aria-labelledby={ "cal-" (c.id) } {
                h2 id={ "cal-" (c.id) } { (kind_label(lang, c.kind)) " " (state_badge(lang, c)) }
                dl.facts {
                    dt { (t(lang, "cal-address")) } dd { code { (c.url) } }
                    @if !c.username.is_empty() {
                        dt { (t(lang, "cal-account")) } dd { (c.username) }
                    }
                    dt { (t(lang, "cal-last-sync")) }
                    dd {
                        @match c.last_sync_at {
                            Some(at) => (when(lang, zone, at)),
                            None => (t(lang, "cal-never")),
                        }
                    }
                    @if let Some(ok) = c.last_ok_at.filter(|_| c.last_error.is_some()) {
                        dt { (t(lang, "cal-last-good")) } dd { (when(lang, zone, ok)) }
                    }
                    dt { (t(lang, "cal-busy-times")) }
                    dd { (tr!(lang, "cal-events", count = c.events)) }
                }
                @if let Some(e) = &c.last_error {
                    p.error role="alert" {
                        (Problem::text(&e.code, &e.detail, lang)) " "
                        span.muted { "(" (when(lang, zone, e.at)) ")" }
                    }
                }
                @if c.hiding_slots {
                    p.error { (t(lang, "cal-hiding-explained")) }
                }
                @for n in &c.notes {
                    p.muted { (note_text(lang, &n.code, &n.detail)) }
                }
                @if !c.collections.is_empty() {
                    form method="post" action={ (base) "/" (c.id) "/collections" } {
                        (csrf_field(&user.csrf_token))
                        fieldset {
                            legend { (t(lang, "cal-collections")) }
                            @for (i, k) in c.collections.iter().enumerate() {
                                div {
                                    input type="checkbox" id={ "k-" (c.id) "-" (i) } name="busy" value=(k.href) checked[k.busy];
                                    " "
                                    label for={ "k-" (c.id) "-" (i) } { (k.name) }
                                }
                            }
                        }
                        button type="submit" { (t(lang, "cal-collections-save")) }
                    }
                }
                @if c.kind == CalendarKind::Caldav {
                    (write_back_form(lang, user, &base, c, zone, err_for(Some(&c.id), "write_calendar")))
                }
                div.actions {
                    form method="post" action={ (base) "/" (c.id) "/sync" } {
                        (csrf_field(&user.csrf_token))
                        button type="submit" { (t(lang, "cal-sync-now")) }
                    }
                    form method="post" action={ (base) "/" (c.id) "/disconnect" } data-confirm=(t(lang, "cal-disconnect-confirm")) {
                        (csrf_field(&user.csrf_token))
                        button.danger type="submit" { (t(lang, "cal-disconnect")) }
                    }
                }
                details open[v.failed_id == Some(c.id.as_str())] {
                    summary { (t(lang, "cal-relink")) }
                    form method="post" action={ (base) "/" (c.id) "/relink" } {
                        (csrf_field(&user.csrf_token))
                        (field(&format!("url-{}", c.id), &t(lang, "cal-address"), "url", &c.url, err_for(Some(&c.id), "url").as_deref(), FieldAttrs { required: true, ..Default::default() }))
                        (field(&format!("username-{}", c.id), &t(lang, "cal-username"), "text", &c.username, err_for(Some(&c.id), "username").as_deref(), FieldAttrs { autocomplete: Some("username"), ..Default::default() }))
                        (field(&format!("password-{}", c.id), &t(lang, "cal-password-new"), "password", "", None, FieldAttrs { autocomplete: Some("new-password"), ..Default::default() }))
                        p.muted { (t(lang, "cal-password-kept")) }
                        button type="submit" { (t(lang, "cal-relink-save")) }
                    }
                }
            }
        }
        @if let Some(url) = &v.feed {
            (feed::section(lang, &feed::FeedSection {
                url,
                last_used: v.feed_last_used,
                member_id: v.member.id.as_str(),
                own,
                csrf_token: &user.csrf_token,
                zone,
            }))
            script src=(crate::web::assets::url("feeds.js")) defer {}
        }
        h2 { (t(lang, "cal-connect-title")) }
        form method="post" action=(base) {
            (csrf_field(&user.csrf_token))
            div.field {
                label for="f-kind" { (t(lang, "cal-kind")) }
                select id="f-kind" name="kind" {
                    option value="ical_url" selected[v.typed.kind != "caldav"] { (kind_label(lang, CalendarKind::IcalUrl)) }
                    option value="caldav" selected[v.typed.kind == "caldav"] { (kind_label(lang, CalendarKind::Caldav)) }
                }
                @if let Some(e) = err_for(None, "kind") { p.error { (e) } }
            }
            (field("url", &t(lang, "cal-address"), "text", v.typed.url, err_for(None, "url").as_deref(), FieldAttrs { required: true, ..Default::default() }))
            p.muted { (t(lang, "cal-address-help")) }
            (field("username", &t(lang, "cal-username"), "text", v.typed.username, err_for(None, "username").as_deref(), FieldAttrs { autocomplete: Some("username"), ..Default::default() }))
            (field("password", &t(lang, "cal-password"), "password", "", None, FieldAttrs { autocomplete: Some("new-password"), ..Default::default() }))
            p.muted { (t(lang, "cal-password-help")) }
            button type="submit" { (t(lang, "cal-connect")) }
        }
    };
    page(user, Nav::None, &title, body)
}

/// Writing bookings back: on or off, into which calendar, and what a
/// cancellation does; the last failure, if the last write failed.
fn write_back_form(
    lang: Lang,
    user: &PageUser,
    base: &str,
    c: &CalendarConnection,
    zone: &str,
    error: Option<String>,
) -> Markup {
    let id = &c.id;
    html! {
        form method="post" action={ (base) "/" (id) "/write-back" } data-testid="write-back" {
            (csrf_field(&user.csrf_token))
            fieldset {
                legend { (t(lang, "cal-write-back")) }
                div {
                    input type="checkbox" id={ "wb-" (id) } name="write_back" checked[c.write_back];
                    " "
                    label for={ "wb-" (id) } { (t(lang, "cal-write-back-on")) }
                }
                p.muted { (t(lang, "cal-write-back-help")) }
                div.field {
                    label for={ "wc-" (id) } { (t(lang, "cal-write-calendar")) }
                    select id={ "wc-" (id) } name="write_calendar" {
                        option value="" selected[c.write_calendar.is_empty()] { (t(lang, "cal-write-calendar-default")) }
                        @for k in &c.collections {
                            option value=(k.href) selected[k.href == c.write_calendar] { (k.name) }
                        }
                    }
                    @if let Some(e) = &error { p.error { (e) } }
                }
                fieldset {
                    legend { (t(lang, "cal-on-cancel")) }
                    @for (value, key) in [(CancelAction::Delete, "cal-on-cancel-delete"), (CancelAction::MarkCancelled, "cal-on-cancel-mark")] {
                        div {
                            input type="radio" id={ "oc-" (id) "-" (value.as_str()) } name="on_cancel" value=(value.as_str()) checked[c.on_cancel == value];
                            " "
                            label for={ "oc-" (id) "-" (value.as_str()) } { (t(lang, key)) }
                        }
                    }
                }
            }
            @if let Some(e) = c.write_error.as_ref().filter(|_| c.write_back) {
                p.error role="alert" data-testid="write-error" {
                    (Problem::text(&e.code, &e.detail, lang)) " "
                    span.muted { "(" (when(lang, zone, e.at)) ")" }
                }
            }
            @if let Some(at) = c.last_write_at.filter(|_| c.write_back && c.write_error.is_none()) {
                p.muted { (t(lang, "cal-last-write")) " " (when(lang, zone, at)) }
            }
            button type="submit" { (t(lang, "cal-write-back-save")) }
        }
    }
}

/// A note a sync left (something read but not used as it was).
pub fn note_text(lang: Lang, code: &str, detail: &str) -> String {
    match code {
        "unknown_zone" => tr!(lang, "cal-note-unknown-zone", detail = detail),
        _ => tr!(lang, "cal-note-skipped", detail = detail),
    }
}
