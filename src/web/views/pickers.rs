//! "Select with search": one chooser for every list a member form offers
//! (time zone, language, department, position, location, supervisor).
//! It is a plain `<select>`, so it works without scripts; on long lists
//! `assets/editors.js` reveals a labelled filter box that narrows the
//! options as one types. The server half is [`check`]: a posted value
//! must be one of the choices the form offered.

use std::collections::HashMap;
use std::sync::LazyLock;

use maud::{Markup, html};

use crate::domain::{Member, MemberId};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, Msg, t};
use crate::tr;

/// Lists longer than this get the filter box; a few options are quicker
/// to read than to search.
const FILTER_FROM: usize = 8;

/// One option: what is posted, and what the reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// The language the label is written in, when it is not the page's
    /// (a language's own name), so screen readers say it right.
    pub lang: Option<&'static str>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            lang: None,
        }
    }
}

/// A chooser as a form shows it.
pub struct Picker<'a> {
    /// The form field; the select's id is `f-{name}`.
    pub name: &'a str,
    pub label: &'a str,
    pub choices: &'a [Choice],
    pub selected: &'a str,
    /// The label of the empty choice, when the field may be left empty.
    pub none: Option<&'a str>,
    pub disabled: bool,
    pub error: Option<&'a str>,
}

impl<'a> Picker<'a> {
    pub fn new(name: &'a str, label: &'a str, choices: &'a [Choice], selected: &'a str) -> Self {
        Picker {
            name,
            label,
            choices,
            selected,
            none: None,
            disabled: false,
            error: None,
        }
    }
}

pub fn picker(lang: Lang, p: &Picker<'_>) -> Markup {
    let id = format!("f-{}", p.name);
    let err_id = format!("{id}-error");
    let filter = p.choices.len() > FILTER_FROM && !p.disabled;
    html! {
        div.field.picker.invalid[p.error.is_some()] data-picker[filter] {
            label for=(id) { (p.label) }
            @if filter {
                // Shown by the script: without it the box would do nothing.
                input.picker-filter type="search" id={ (id) "-filter" } hidden autocomplete="off"
                    aria-controls=(id)
                    aria-label=(tr!(lang, "ed-picker-search", field = p.label))
                    placeholder=(t(lang, "ed-picker-placeholder"));
            }
            select id=(id) name=(p.name) disabled[p.disabled]
                aria-invalid=[p.error.map(|_| "true")]
                aria-describedby=[p.error.map(|_| err_id.as_str())] {
                @if let Some(none) = p.none {
                    option value="" selected[p.selected.is_empty()] { (none) }
                }
                @for c in p.choices {
                    option value=(c.value) lang=[c.lang] selected[c.value == p.selected] { (c.label) }
                }
            }
            @if filter {
                p.sr-only role="status" data-picker-status
                    data-template=(tr!(lang, "ed-picker-matches", count = "{count}")) {}
            }
            @if let Some(e) = p.error { p.error id=(err_id) { (e) } }
        }
    }
}

/// Every time zone of the tz database, by its IANA name, the way people
/// find it in other tools ("new york" finds America/New_York: the filter
/// looks for each word on its own).
pub fn time_zones() -> Vec<Choice> {
    let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    names.sort_unstable();
    names.into_iter().map(|n| Choice::new(n, n)).collect()
}

/// Every time zone as `<option>`s of a plain select, `selected` marked.
/// The 600 options are written once per process; each page only copies
/// them around the mark (they were most of a booking page's formatting).
pub fn zone_options(selected: &str) -> ZoneOptions {
    ZoneOptions {
        mark: WRITTEN_ZONES.marks.get(selected).copied(),
    }
}

/// The options, written into the page without a copy of their own.
pub struct ZoneOptions {
    /// Where ` selected` goes, when the zone is one of ours.
    mark: Option<usize>,
}

impl maud::Render for ZoneOptions {
    fn render_to(&self, buffer: &mut String) {
        let html = &WRITTEN_ZONES.html;
        match self
            .mark
            .and_then(|at| Some((html.get(..at)?, html.get(at..)?)))
        {
            Some((head, tail)) => {
                buffer.reserve(html.len() + 9);
                buffer.push_str(head);
                buffer.push_str(" selected");
                buffer.push_str(tail);
            }
            None => buffer.push_str(html),
        }
    }
}

struct WrittenZones {
    html: String,
    /// Zone name → the offset just after its `value="…"`.
    marks: HashMap<&'static str, usize>,
}

static WRITTEN_ZONES: LazyLock<WrittenZones> = LazyLock::new(|| {
    let mut html = String::with_capacity(40 * chrono_tz::TZ_VARIANTS.len());
    let mut marks = HashMap::with_capacity(chrono_tz::TZ_VARIANTS.len());
    for tz in chrono_tz::TZ_VARIANTS {
        let name = html! { (tz.name()) }.into_string();
        html.push_str("<option value=\"");
        html.push_str(&name);
        html.push('"');
        marks.insert(tz.name(), html.len());
        html.push('>');
        html.push_str(&name);
        html.push_str("</option>");
    }
    WrittenZones { html, marks }
});

/// The languages of the product, each in its own words.
pub fn languages() -> Vec<Choice> {
    Lang::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.code().to_string(),
            label: own_name(l).to_string(),
            lang: Some(l.code()),
        })
        .collect()
}

fn own_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "日本語",
        Lang::Fr => "Français",
    }
}

/// The organization's own list (departments, positions, locations), and
/// the value already stored when it is no longer on the list: the page
/// must show it, and saving the page unchanged must not fail on it.
pub fn catalog(names: &[String], current: &str) -> Vec<Choice> {
    let mut out: Vec<Choice> = names.iter().map(|n| Choice::new(n, n)).collect();
    if !current.is_empty() && !names.iter().any(|n| n == current) {
        out.push(Choice::new(current, current));
    }
    out
}

/// Members to choose a supervisor from: "Name <address>" for the reader,
/// without `except` (nobody supervises themself).
pub fn members(lang: Lang, people: &[Member], except: Option<&MemberId>) -> Vec<Choice> {
    people
        .iter()
        .filter(|m| Some(&m.id) != except)
        .map(|m| {
            Choice::new(
                m.id.as_str(),
                format!("{} <{}>", member_name(lang, m), m.email),
            )
        })
        .collect()
}

/// Refuses a posted value the form did not offer; empty passes when the
/// field may be left empty. The choice is made on the page, so a value
/// from elsewhere is an error to show, not a new entry to store.
pub fn check(
    field: &str,
    value: &str,
    choices: &[Choice],
    may_be_empty: bool,
) -> Result<(), AppError> {
    if (value.is_empty() && may_be_empty) || choices.iter().any(|c| c.value == value) {
        return Ok(());
    }
    Err(AppError::Invalid {
        code: "not_a_choice",
        message: Msg::key("ed-picker-not-offered").arg("value", value),
        field: Some(field.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_options_mark_the_chosen_zone_only() {
        let paris = html! { (zone_options("Europe/Paris")) }.into_string();
        assert_eq!(paris.matches(" selected").count(), 1);
        assert!(paris.contains(r#"<option value="Europe/Paris" selected>Europe/Paris</option>"#));
        assert_eq!(
            paris.matches("<option ").count(),
            chrono_tz::TZ_VARIANTS.len()
        );
        assert!(
            !html! { (zone_options("Mars/Olympus")) }
                .into_string()
                .contains(" selected")
        );
        let written = html! { select { @for tz in chrono_tz::TZ_VARIANTS {
            option value=(tz.name()) selected[tz.name() == "Asia/Tokyo"] { (tz.name()) }
        } } };
        let spliced = html! { select { (zone_options("Asia/Tokyo")) } };
        assert_eq!(
            spliced.into_string(),
            written.into_string(),
            "as maud writes it"
        );
    }

    #[test]
    fn every_zone_is_offered_once_and_parses() {
        let zones = time_zones();
        assert!(zones.len() > 400, "{}", zones.len());
        assert!(
            zones
                .iter()
                .all(|z| z.value.parse::<chrono_tz::Tz>().is_ok())
        );
        let ny = zones
            .iter()
            .find(|z| z.value == "America/New_York")
            .unwrap();
        assert_eq!(ny.label, "America/New_York");
        let mut values: Vec<&str> = zones.iter().map(|z| z.value.as_str()).collect();
        values.dedup();
        assert_eq!(values.len(), zones.len());
    }

    #[test]
    fn a_value_not_offered_is_refused_by_its_field() {
        let list = catalog(&["Sales".into(), "Support".into()], "Old team");
        assert!(check("position", "Sales", &list, true).is_ok());
        // What is stored stays acceptable, even off the list.
        assert!(check("position", "Old team", &list, true).is_ok());
        assert!(check("position", "", &list, true).is_ok());
        let refused = check("position", "Marketing", &list, true).unwrap_err();
        assert_eq!(refused.field(), Some("position"));
        assert_eq!(refused.code(), "not_a_choice");
        assert!(refused.text(Lang::En).contains("Marketing"));
        assert!(check("language", "", &languages(), false).is_err());
        assert!(check("language", "de", &languages(), false).is_err());
        assert!(check("language", "ja", &languages(), false).is_ok());
    }

    #[test]
    fn long_lists_get_a_filter_short_ones_do_not() {
        let zones = time_zones();
        let html = picker(
            Lang::Fr,
            &Picker::new("timezone", "Fuseau horaire", &zones, "Europe/Paris"),
        )
        .into_string();
        assert!(html.contains(r#"<select id="f-timezone" name="timezone">"#));
        assert!(html.contains(r#"<option value="Europe/Paris" selected>Europe/Paris</option>"#));
        assert!(html.contains(r#"type="search" id="f-timezone-filter" hidden"#));
        assert!(html.contains("data-picker"));
        let langs = languages();
        let mut p = Picker::new("language", "Langue", &langs, "ja");
        p.error = Some("choisissez");
        let html = picker(Lang::Fr, &p).into_string();
        assert!(!html.contains("type=\"search\""));
        assert!(html.contains(r#"<option value="ja" lang="ja" selected>日本語</option>"#));
        assert!(html.contains(r#"aria-describedby="f-language-error""#));
    }

    #[test]
    fn nobody_is_offered_as_their_own_supervisor() {
        let now = chrono::Utc::now();
        let person = |email: &str| {
            Member::new(
                crate::domain::Email::parse(email).unwrap(),
                crate::domain::Role::Member,
                crate::domain::MemberState::Active,
                "UTC",
                "en",
                now,
            )
        };
        let (a, b) = (person("a@example.org"), person("b@example.org"));
        let offered = members(Lang::En, &[a.clone(), b.clone()], Some(&a.id));
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].value, b.id.as_str());
        assert_eq!(offered[0].label, "b@example.org <b@example.org>");
    }
}
