//! The weekly hours editor shared by a member's schedule and the account
//! defaults: per weekday, rows of start and end times for the working
//! hours, a separate group for breaks, and the daily cap.
//!
//! The form's field names are made and read here, so the page and the
//! parser cannot drift apart: `weekly.mon[0].start`, `breaks.mon[0].end`,
//! `daily_caps.mon`. A row's index in the posted names only orders the
//! rows; empty rows are dropped and the rest are numbered again, the way
//! the schedule service numbers its errors (`weekly.mon[1]`), so an error
//! lands next to the row it is about.
//!
//! Without scripts every group has one spare empty row, and a checkbox
//! copies Monday to the other weekdays on saving; `assets/editors.js`
//! adds and removes rows, copies at once and turns the cap off on days
//! without hours.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::domain::schedule::WEEKDAYS;
use crate::domain::{Interval, Schedule};
use crate::error::AppError;
use crate::i18n::dates;
use crate::i18n::{Lang, Msg, t};
use crate::tr;

/// The two kinds of time rows, as the field names and the service spell
/// them.
const HOURS: &str = "weekly";
const BREAKS: &str = "breaks";

/// Monday's index in `WEEKDAYS`, and the days "copy Monday" fills.
const MONDAY: usize = 0;
const TUESDAY_TO_FRIDAY: std::ops::Range<usize> = 1..5;

/// The checkbox that copies Monday when the page has no script.
pub const COPY_MONDAY: &str = "copy_monday";

/// A start and an end as typed ("HH:MM", or empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pair {
    pub start: String,
    pub end: String,
}

impl Pair {
    fn is_empty(&self) -> bool {
        self.start.is_empty() && self.end.is_empty()
    }

    fn is_complete(&self) -> bool {
        !self.start.is_empty() && !self.end.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayForm {
    pub hours: Vec<Pair>,
    pub breaks: Vec<Pair>,
    /// The daily cap as typed; empty is no cap.
    pub cap: String,
}

impl DayForm {
    fn rows(&self, kind: &str) -> &[Pair] {
        if kind == HOURS {
            &self.hours
        } else {
            &self.breaks
        }
    }

    fn has_hours(&self) -> bool {
        self.hours.iter().any(Pair::is_complete)
    }
}

/// The week as the form shows it, days in `WEEKDAYS` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekForm {
    pub days: [DayForm; 7],
}

/// A time input cannot hold "24:00"; the form writes the end of the day
/// as 00:00, which no interval could otherwise end at.
fn shown_end(end: &str) -> String {
    if end == "24:00" {
        "00:00".into()
    } else {
        end.to_string()
    }
}

fn stored_end(end: &str) -> String {
    if end == "00:00" {
        "24:00".into()
    } else {
        end.to_string()
    }
}

/// Browsers post "09:00", or "09:00:00" when an input allows seconds.
fn typed_time(value: &str) -> String {
    let v = value.trim();
    match v.strip_suffix(":00") {
        Some(short) if v.len() == 8 && short.len() == 5 => short.to_string(),
        _ => v.to_string(),
    }
}

/// `weekly.mon[3].start` as (kind, day index, row, is the start).
fn row_field(name: &str) -> Option<(&'static str, usize, usize, bool)> {
    let (kind, rest) = name.split_once('.')?;
    let kind = [HOURS, BREAKS].into_iter().find(|k| *k == kind)?;
    let (day, rest) = rest.split_once('[')?;
    let day = WEEKDAYS.iter().position(|d| *d == day)?;
    let (row, part) = rest.split_once("].")?;
    let row = row.parse().ok()?;
    let start = match part {
        "start" => true,
        "end" => false,
        _ => return None,
    };
    Some((kind, day, row, start))
}

impl WeekForm {
    pub fn from_schedule(s: &Schedule) -> WeekForm {
        let pairs = |list: Option<&Vec<Interval>>| -> Vec<Pair> {
            list.map(|v| {
                v.iter()
                    .map(|i| Pair {
                        start: i.start.clone(),
                        end: shown_end(&i.end),
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        WeekForm {
            days: std::array::from_fn(|d| {
                let key = WEEKDAYS[d];
                DayForm {
                    hours: pairs(s.weekly.get(key)),
                    breaks: pairs(s.breaks.get(key)),
                    cap: s
                        .daily_caps
                        .get(key)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                }
            }),
        }
    }

    /// What was posted, exactly as typed but for empty rows; never fails,
    /// so a refused form comes back as it was sent. Unknown fields are
    /// the page's other fields and are left alone.
    pub fn from_form(form: &[(String, String)]) -> WeekForm {
        let mut rows: BTreeMap<(&str, usize, usize), Pair> = BTreeMap::new();
        let mut week = WeekForm::default();
        for (name, value) in form {
            if let Some((kind, day, row, start)) = row_field(name) {
                let pair = rows.entry((kind, day, row)).or_default();
                let slot = if start {
                    &mut pair.start
                } else {
                    &mut pair.end
                };
                *slot = typed_time(value);
            } else if let Some(day) = name
                .strip_prefix("daily_caps.")
                .and_then(|d| WEEKDAYS.iter().position(|w| *w == d))
            {
                week.days[day].cap = value.trim().to_string();
            }
        }
        for ((kind, day, _), pair) in rows {
            if pair.is_empty() {
                continue;
            }
            let list = if kind == HOURS {
                &mut week.days[day].hours
            } else {
                &mut week.days[day].breaks
            };
            list.push(pair);
        }
        if form.iter().any(|(n, _)| n == COPY_MONDAY) {
            week.copy_monday();
        }
        week
    }

    /// Monday's hours, breaks and cap on Tuesday to Friday.
    pub fn copy_monday(&mut self) {
        let monday = self.days[MONDAY].clone();
        for d in TUESDAY_TO_FRIDAY {
            self.days[d] = monday.clone();
        }
    }

    /// The week in the schedule service's terms; a row with only one of
    /// its two times, or a cap that is not a number, is refused here by
    /// the field the service would name. Everything else (the times
    /// themselves, overlaps, breaks outside the hours, caps on days off)
    /// is the service's to check.
    pub fn to_input(&self) -> Result<WeekInput, AppError> {
        let mut out = WeekInput::default();
        for (d, day) in self.days.iter().enumerate() {
            let key = WEEKDAYS[d];
            for kind in [HOURS, BREAKS] {
                let mut list = Vec::new();
                for (i, pair) in day.rows(kind).iter().enumerate() {
                    if !pair.is_complete() {
                        return Err(AppError::invalid(
                            &format!("{kind}.{key}[{i}]"),
                            Msg::key("ed-week-pair-incomplete"),
                        ));
                    }
                    list.push(Interval {
                        start: pair.start.clone(),
                        end: stored_end(&pair.end),
                    });
                }
                if !list.is_empty() {
                    let map = if kind == HOURS {
                        &mut out.weekly
                    } else {
                        &mut out.breaks
                    };
                    map.insert(key.to_string(), list);
                }
            }
            if !day.cap.is_empty() {
                let cap = day.cap.parse::<u32>().map_err(|_| {
                    AppError::invalid(
                        &format!("daily_caps.{key}"),
                        Msg::key("org-schedule-whole-number"),
                    )
                })?;
                out.daily_caps.insert(key.to_string(), Some(cap));
            }
        }
        Ok(out)
    }
}

/// The weekly part of `service::schedules::ScheduleInput`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekInput {
    pub weekly: BTreeMap<String, Vec<Interval>>,
    pub breaks: BTreeMap<String, Vec<Interval>>,
    pub daily_caps: BTreeMap<String, Option<u32>>,
}

impl WeekInput {
    /// The schedule as it would be stored, for pages that save a whole
    /// `Schedule` (the account defaults); the service validates it.
    pub fn into_schedule(self, open_booking_cap: Option<u32>) -> Schedule {
        Schedule {
            weekly: self.weekly,
            breaks: self.breaks,
            daily_caps: self
                .daily_caps
                .into_iter()
                .filter_map(|(k, c)| c.map(|c| (k, c)))
                .collect(),
            open_booking_cap,
        }
    }
}

/// A weekday's full name for a day's heading.
fn day_name(lang: Lang, key: &str) -> String {
    let k = match key {
        "mon" => "ed-day-mon",
        "tue" => "ed-day-tue",
        "wed" => "ed-day-wed",
        "thu" => "ed-day-thu",
        "fri" => "ed-day-fri",
        "sat" => "ed-day-sat",
        _ => "ed-day-sun",
    };
    t(lang, k)
}

/// The editor: the days in the order the reader's calendars use.
pub fn week_editor(lang: Lang, week: &WeekForm, error: Option<&AppError>) -> Markup {
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    html! {
        div.week-editor data-week-editor {
            p.muted.week-hint { (t(lang, "ed-week-hint")) }
            @for weekday in dates::week_days(lang) {
                @let d = weekday.num_days_from_monday() as usize;
                @let key = WEEKDAYS[d];
                @let day = &week.days[d];
                @let name = day_name(lang, key);
                @let cap_error = err(&format!("daily_caps.{key}"));
                @let described = match cap_error {
                    Some(_) => format!("h-cap-{key} e-cap-{key}"),
                    None => format!("h-cap-{key}"),
                };
                fieldset.day data-day=(key) {
                    legend { (name) }
                    (rows(lang, HOURS, key, &name, day, error))
                    (rows(lang, BREAKS, key, &name, day, error))
                    div.field.cap.invalid[cap_error.is_some()] {
                        label for={ "f-cap-" (key) } { (t(lang, "ed-week-cap")) }
                        // Off on a day without hours, unless it holds a
                        // refused value the reader has to see to fix.
                        input id={ "f-cap-" (key) } type="number" min="1" step="1" inputmode="numeric"
                            name={ "daily_caps." (key) } value=(day.cap) data-cap
                            disabled[!day.has_hours() && day.cap.is_empty() && cap_error.is_none()]
                            aria-invalid=[cap_error.as_ref().map(|_| "true")]
                            aria-describedby=(described);
                        p.muted id={ "h-cap-" (key) } { (t(lang, "ed-week-cap-hint")) }
                        @if let Some(e) = cap_error { p.error id={ "e-cap-" (key) } { (e) } }
                    }
                    @if d == MONDAY {
                        div.copy-monday {
                            button.link type="button" data-copy-monday hidden
                                data-done=(t(lang, "ed-week-copied")) { (t(lang, "ed-week-copy")) }
                            label data-nojs {
                                input type="checkbox" name=(COPY_MONDAY) value="1";
                                " " (t(lang, "ed-week-copy-on-save"))
                            }
                            p.sr-only role="status" data-week-status {}
                        }
                    }
                }
            }
        }
    }
}

/// One group of time rows (working hours or breaks) of one day, with one
/// spare empty row to type into.
fn rows(
    lang: Lang,
    kind: &str,
    key: &str,
    day_name: &str,
    day: &DayForm,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let hours = kind == HOURS;
    let list = day.rows(kind);
    let spare = Pair::default();
    let shown = list.iter().chain(std::iter::once(&spare)).enumerate();
    // Labels for rows the script adds: "{n}" is replaced by the number.
    let label = |n: &str, start: bool| match (hours, start) {
        (true, true) => tr!(lang, "ed-week-hours-start", day = day_name, n = n),
        (true, false) => tr!(lang, "ed-week-hours-end", day = day_name, n = n),
        (false, true) => tr!(lang, "ed-week-break-start", day = day_name, n = n),
        (false, false) => tr!(lang, "ed-week-break-end", day = day_name, n = n),
    };
    let remove = |n: &str| {
        if hours {
            tr!(lang, "ed-week-hours-remove", day = day_name, n = n)
        } else {
            tr!(lang, "ed-week-break-remove", day = day_name, n = n)
        }
    };
    let group_error = err(&format!("{kind}.{key}"));
    html! {
        fieldset.pairs.breaks[!hours] data-kind=(kind) {
            legend { (t(lang, if hours { "ed-week-hours" } else { "ed-week-breaks" })) }
            ol.rows data-rows data-name={ (kind) "." (key) }
                data-label-start=(label("{n}", true)) data-label-end=(label("{n}", false))
                data-label-remove=(remove("{n}")) {
                @for (i, pair) in shown {
                    @let n = (i + 1).to_string();
                    @let row_error = err(&format!("{kind}.{key}[{i}]"));
                    @let error_id = format!("e-{kind}-{key}-{i}");
                    li.pair.invalid[row_error.is_some()] data-row {
                        input type="time" name={ (kind) "." (key) "[" (i) "].start" } value=(pair.start)
                            aria-label=(label(&n, true))
                            aria-invalid=[row_error.as_ref().map(|_| "true")]
                            aria-describedby=[row_error.as_ref().map(|_| error_id.as_str())];
                        span.dash aria-hidden="true" { "–" }
                        input type="time" name={ (kind) "." (key) "[" (i) "].end" } value=(pair.end)
                            aria-label=(label(&n, false))
                            aria-invalid=[row_error.as_ref().map(|_| "true")]
                            aria-describedby=[row_error.as_ref().map(|_| error_id.as_str())];
                        button.link type="button" data-remove hidden aria-label=(remove(&n)) { (t(lang, "ed-week-remove")) }
                        @if let Some(e) = row_error { p.error id=(error_id) { (e) } }
                    }
                }
            }
            button.link type="button" data-add hidden {
                (t(lang, if hours { "ed-week-add-hours" } else { "ed-week-add-break" }))
            }
            @if let Some(e) = group_error { p.error role="alert" { (e) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn pair(start: &str, end: &str) -> Pair {
        Pair {
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn rows_are_read_in_their_order_and_empty_ones_dropped() {
        let week = WeekForm::from_form(&posted(&[
            ("timezone", "Asia/Tokyo"),
            ("weekly.mon[5].start", "13:00"),
            ("weekly.mon[5].end", "18:00"),
            ("weekly.mon[0].start", "09:00:00"),
            ("weekly.mon[0].end", "12:00"),
            ("weekly.mon[2].start", ""),
            ("weekly.mon[2].end", ""),
            ("breaks.mon[0].start", "10:00"),
            ("breaks.mon[0].end", "10:15"),
            ("daily_caps.mon", " 4 "),
            ("weekly.someday[0].start", "09:00"),
            ("weekly.mon[x].start", "09:00"),
            ("weekly.mon[1].middle", "09:00"),
        ]));
        assert_eq!(
            week.days[0].hours,
            [pair("09:00", "12:00"), pair("13:00", "18:00")]
        );
        assert_eq!(week.days[0].breaks, [pair("10:00", "10:15")]);
        assert_eq!(week.days[0].cap, "4");
        assert!(week.days[1..].iter().all(|d| d == &DayForm::default()));
        let input = week.to_input().unwrap();
        assert_eq!(input.weekly["mon"][1].end, "18:00");
        assert_eq!(input.daily_caps["mon"], Some(4));
        assert!(!input.weekly.contains_key("tue"));
    }

    #[test]
    fn a_row_with_one_time_or_a_cap_in_words_is_refused_by_its_field() {
        let week = WeekForm::from_form(&posted(&[
            ("weekly.tue[0].start", "09:00"),
            ("weekly.tue[0].end", "17:00"),
            ("weekly.tue[3].start", "18:00"),
        ]));
        let e = week.to_input().unwrap_err();
        assert_eq!(e.field(), Some("weekly.tue[1]"));
        // What was typed stays, to be shown again.
        assert_eq!(week.days[1].hours[1], pair("18:00", ""));
        let week = WeekForm::from_form(&posted(&[("daily_caps.sat", "three")]));
        assert_eq!(week.to_input().unwrap_err().field(), Some("daily_caps.sat"));
        assert_eq!(week.days[5].cap, "three");
    }

    #[test]
    fn midnight_as_an_end_is_the_end_of_the_day() {
        let week = WeekForm::from_form(&posted(&[
            ("weekly.fri[0].start", "18:00"),
            ("weekly.fri[0].end", "00:00"),
        ]));
        let input = week.to_input().unwrap();
        assert_eq!(input.weekly["fri"][0].end, "24:00");
        let shown = WeekForm::from_schedule(&input.clone().into_schedule(None));
        assert_eq!(shown.days[4].hours, [pair("18:00", "00:00")]);
        assert_eq!(
            WeekForm::from_form(&posted(&[
                ("weekly.fri[0].start", "18:00"),
                ("weekly.fri[0].end", "00:00")
            ])),
            shown
        );
    }

    #[test]
    fn copy_monday_on_saving_fills_tuesday_to_friday_only() {
        let week = WeekForm::from_form(&posted(&[
            ("weekly.mon[0].start", "08:00"),
            ("weekly.mon[0].end", "16:00"),
            ("breaks.mon[0].start", "12:00"),
            ("breaks.mon[0].end", "12:30"),
            ("daily_caps.mon", "3"),
            ("weekly.sat[0].start", "10:00"),
            ("weekly.sat[0].end", "12:00"),
            ("weekly.wed[0].start", "07:00"),
            ("weekly.wed[0].end", "09:00"),
            (COPY_MONDAY, "1"),
        ]));
        for d in 1..5 {
            assert_eq!(week.days[d], week.days[0], "day {d}");
        }
        assert_eq!(week.days[5].hours, [pair("10:00", "12:00")]);
        assert!(week.days[6].hours.is_empty());
    }

    #[test]
    fn the_editor_names_rows_as_the_parser_reads_them() {
        let mut week = WeekForm::from_schedule(&Schedule::office_hours());
        week.days[6].cap = "2".into();
        let error = AppError::invalid(
            "daily_caps.sun",
            Msg::key("err-schedule-daily-cap-no-hours"),
        );
        let html = week_editor(Lang::En, &week, Some(&error)).into_string();
        assert!(html.contains(r#"name="weekly.mon[0].start" value="09:00""#));
        assert!(html.contains(r#"name="breaks.mon[0].end" value="13:00""#));
        // One spare row after the filled ones.
        assert!(html.contains(r#"name="weekly.mon[1].start" value="""#));
        assert!(!html.contains(r#"name="weekly.mon[2].start""#));
        // A day off has its cap turned off, unless a refused cap is there.
        assert!(html.contains(r#"name="daily_caps.sat" value="" data-cap disabled"#));
        assert!(html.contains(r#"name="daily_caps.sun" value="2" data-cap aria-invalid="true""#));
        assert!(html.contains("a daily cap needs working hours on that day"));
        // English calendars start on Sunday, French ones on Monday.
        let sunday = html.find(r#"data-day="sun""#).unwrap();
        assert!(sunday < html.find(r#"data-day="mon""#).unwrap());
        let fr = week_editor(Lang::Fr, &week, None).into_string();
        assert!(fr.find(r#"data-day="sun""#).unwrap() > fr.find(r#"data-day="sat""#).unwrap());
        // What the page shows, the parser reads back.
        let mut posted = Vec::new();
        let mut rest = html.as_str();
        while let Some(at) = rest.find("name=\"") {
            rest = &rest[at + 6..];
            let name = rest.split('"').next().unwrap().to_string();
            let value = rest
                .split("value=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .unwrap_or("")
                .to_string();
            if name != COPY_MONDAY {
                posted.push((name, value));
            }
        }
        assert_eq!(WeekForm::from_form(&posted), week);
    }
}
