//! The candidate-date page an external member reaches from the mailed
//! link: a form of ranges that works without scripts, a week grid drawn
//! over it by `assets/connect.js`, then a review step before saving.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use crate::error::AppError;
use crate::i18n::dates::{self, Clock};
use crate::i18n::t;
use crate::tr;
use crate::web::assets;
use crate::web::ui::layout::{Shell, public_page};

/// One row of the form, as typed (local `YYYY-MM-DDTHH:MM` in the zone).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub start: String,
    pub end: String,
}

/// Empty rows offered after the typed ones.
const SPARE_ROWS: usize = 3;

pub struct DatesPage<'a> {
    pub shell: Shell<'a>,
    pub name: &'a str,
    pub organization: &'a str,
    /// The organization asking.
    pub asker: &'a str,
    pub timezone: &'a str,
    /// Ask the browser for its zone (first visit, nothing saved yet).
    pub detect_zone: bool,
    pub rows: &'a [Row],
    pub message: &'a str,
    pub error: Option<&'a AppError>,
    pub saved: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

/// The local wall time of `at` in `tz` as the form's inputs write it.
pub fn local_input(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

pub fn form(p: &DatesPage<'_>) -> Markup {
    let lang = p.shell.lang;
    let tz: Tz = p.timezone.parse().unwrap_or(chrono_tz::UTC);
    let err_for = |f: &str| {
        p.error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.text(lang))
    };
    let general = p
        .error
        .filter(|e| {
            e.field()
                .is_none_or(|f| f == "ranges" || f == "message" || f == "timezone")
        })
        .map(|e| e.text(lang));
    let week: Vec<String> = dates::week_days(lang)
        .iter()
        .map(|d| dates::weekday_short(lang, *d))
        .collect();
    let first_weekday = dates::week_start(lang).num_days_from_monday();
    let today = p.now.with_timezone(&tz).format("%Y-%m-%d").to_string();
    let rows = p.rows.len() + SPARE_ROWS;
    let body = html! {
        p { (tr!(lang, "connect-page-intro", name = p.name, org = p.asker)) }
        @if p.saved {
            p.toast.ok role="status" { (t(lang, "connect-page-saved")) }
        }
        @if let Some(e) = &general { p.error role="alert" { (e) } }
        form method="post" action="" id="connect-form" novalidate {
            input type="hidden" name="step" value="review";
            div.field {
                label for="f-timezone" { (t(lang, "connect-page-zone")) }
                select id="f-timezone" name="timezone" {
                    (crate::web::views::pickers::zone_options(tz.name()))
                }
            }
            div #connect-grid hidden
                data-detect-zone[p.detect_zone]
                data-today=(today)
                data-now=(local_input(p.now, tz))
                data-first-weekday=(first_weekday)
                data-weekdays=(week.join(","))
                data-label-prev=(t(lang, "connect-grid-prev"))
                data-label-next=(t(lang, "connect-grid-next"))
                data-label-help=(t(lang, "connect-grid-help"))
                data-label-cell=(t(lang, "connect-grid-cell")) {}
            fieldset #connect-ranges {
                legend { (t(lang, "connect-page-ranges")) }
                p.muted { (tr!(lang, "connect-page-ranges-help", max = crate::service::connect::dates::MAX_RANGES, days = crate::service::connect::dates::MAX_RANGE_DAYS)) }
                @for i in 0..rows {
                    @let row = p.rows.get(i).cloned().unwrap_or_default();
                    @let (se, ee) = (err_for(&format!("ranges[{i}].start")), err_for(&format!("ranges[{i}].end")));
                    div.range-row.invalid[se.is_some() || ee.is_some()] data-range-row {
                        div.field {
                            label for={ "f-start-" (i) } { (t(lang, "connect-page-from")) }
                            input id={ "f-start-" (i) } type="datetime-local" name="start" value=(row.start)
                                aria-invalid=[se.as_ref().map(|_| "true")];
                        }
                        div.field {
                            label for={ "f-end-" (i) } { (t(lang, "connect-page-to")) }
                            input id={ "f-end-" (i) } type="datetime-local" name="end" value=(row.end)
                                aria-invalid=[ee.as_ref().map(|_| "true")];
                        }
                        @if let Some(e) = se.or(ee) { p.error role="alert" { (e) } }
                    }
                }
            }
            div.field.invalid[err_for("message").is_some()] {
                label for="f-message" { (t(lang, "connect-page-message")) }
                textarea id="f-message" name="message" rows="4" maxlength="2000" { (p.message) }
                @if let Some(e) = err_for("message") { p.error { (e) } }
            }
            button type="submit" { (t(lang, "connect-page-review")) }
        }
        @if let Some(at) = p.expires_at {
            @let date = dates::date_time_in(lang, Clock::default_for(lang), at, tz.name());
            p.muted { (tr!(lang, "connect-page-expires", date = &date)) }
        }
        script src=(assets::url("connect.js")) defer {}
    };
    public_page(&p.shell, &t(lang, "connect-page-title"), body)
}

/// The ranges read back in words, with the choice to save or change them.
pub fn review(p: &DatesPage<'_>, ranges: &[crate::domain::CandidateRange]) -> Markup {
    let lang = p.shell.lang;
    let clock = Clock::default_for(lang);
    let body = html! {
        p { (t(lang, "connect-review-intro")) }
        ul.ranges data-testid="review-ranges" {
            @for r in ranges {
                li { (dates::span_in(lang, clock, r.start, r.end, p.timezone)) }
            }
        }
        @if !p.message.is_empty() {
            blockquote.message { (p.message) }
        }
        form method="post" action="" {
            input type="hidden" name="timezone" value=(p.timezone);
            input type="hidden" name="message" value=(p.message);
            @for row in p.rows {
                input type="hidden" name="start" value=(row.start);
                input type="hidden" name="end" value=(row.end);
            }
            button type="submit" name="step" value="save" { (t(lang, "connect-review-save")) }
            " "
            button.secondary type="submit" name="step" value="edit" { (t(lang, "connect-review-change")) }
        }
    };
    public_page(&p.shell, &t(lang, "connect-review-title"), body)
}
