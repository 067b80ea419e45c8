//! The audit log page: filters, the entries in the reader's language and
//! zone, and the link to older entries.

use chrono_tz::Tz;
use maud::{Markup, html};

use crate::domain::Member;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::service::org::audit::AuditEntry;

/// What the filters were given, as typed (shown again in the form).
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor: String,
    pub action: String,
    pub from: String,
    pub to: String,
    /// Whether this is a later page (offers the way back to the first).
    pub paged: bool,
}

pub struct AuditView<'a> {
    pub lang: Lang,
    pub tz: Tz,
    pub query: &'a AuditQuery,
    pub entries: &'a [AuditEntry],
    pub members: &'a [Member],
    /// The cursor of the next (older) page.
    pub next: Option<String>,
    pub bad_date: bool,
}

/// A page cursor as it travels in the address.
pub fn cursor_of(next: &(i64, String)) -> String {
    format!("{}.{}", next.0, next.1)
}

/// The action families an admin filters by most.
const ACTIONS: [&str; 8] = [
    "member.",
    "invitation.",
    "booking.",
    "page.",
    "webhook.",
    "org.",
    "external.",
    "connect.",
];

fn href(q: &AuditQuery, before: Option<&str>) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (k, v) in [
        ("actor", &q.actor),
        ("action", &q.action),
        ("from", &q.from),
        ("to", &q.to),
    ] {
        if !v.is_empty() {
            pairs.push((k, v.as_str()));
        }
    }
    if let Some(b) = before {
        pairs.push(("before", b));
    }
    match serde_urlencoded::to_string(&pairs) {
        Ok(q) if !q.is_empty() => format!("/audit?{q}"),
        _ => "/audit".into(),
    }
}

pub fn render(v: &AuditView<'_>) -> Markup {
    let lang = v.lang;
    let clock = Clock::default_for(lang);
    let name_of = |id: &crate::domain::MemberId| {
        v.members
            .iter()
            .find(|m| &m.id == id)
            .map_or_else(|| id.to_string(), |m| member_name(lang, m))
    };
    let mut people: Vec<&Member> = v.members.iter().collect();
    people.sort_by_key(|m| member_name(lang, m).to_lowercase());
    html! {
        @if v.bad_date { p.form-error role="alert" { (t(lang, "audit-bad-date")) } }
        form.toolbar.filters method="get" action="/audit" {
            label for="f-actor" { (t(lang, "audit-actor")) }
            select id="f-actor" name="actor" {
                option value="" { (t(lang, "audit-anyone")) }
                @for m in &people {
                    option value=(m.id) selected[v.query.actor == m.id.as_str()] { (member_name(lang, m)) }
                }
            }
            label for="f-action" { (t(lang, "audit-action")) }
            input id="f-action" name="action" type="search" list="audit-actions" value=(v.query.action);
            datalist id="audit-actions" {
                @for a in ACTIONS { option value=(a) {} }
            }
            label for="f-from" { (t(lang, "audit-from")) }
            input id="f-from" name="from" type="date" value=(v.query.from);
            label for="f-to" { (t(lang, "audit-to")) }
            input id="f-to" name="to" type="date" value=(v.query.to);
            button type="submit" { (t(lang, "audit-filter")) }
        }
        p.muted { (crate::tr!(lang, "audit-zone", zone = v.tz.name())) }
        @if v.entries.is_empty() {
            div.empty { p { (t(lang, "audit-empty")) } }
        } @else {
            div.table-wrap {
                table data-testid="audit-log" {
                    thead { tr {
                        th scope="col" { (t(lang, "audit-when")) }
                        th scope="col" { (t(lang, "audit-actor")) }
                        th scope="col" { (t(lang, "audit-action")) }
                        th scope="col" { (t(lang, "audit-target")) }
                        th scope="col" { (t(lang, "audit-detail")) }
                    } }
                    tbody {
                        @for e in v.entries {
                            tr {
                                td { time datetime=(e.at.to_rfc3339()) { (dates::date_time(lang, clock, &e.at.with_timezone(&v.tz))) } }
                                td { @match &e.actor { Some(a) => (name_of(a)), None => (t(lang, "audit-system")) } }
                                td { code { (e.action) } }
                                td { (e.target.as_deref().unwrap_or("")) }
                                td { @if !e.detail.is_null() { code { (e.detail.to_string()) } } }
                            }
                        }
                    }
                }
            }
        }
        nav.pager aria-label=(t(lang, "audit-pages")) {
            @if v.query.paged { a href=(href(v.query, None)) { (t(lang, "audit-newest")) } }
            @if let Some(next) = &v.next { a rel="next" href=(href(v.query, Some(next))) { (t(lang, "audit-older")) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_speaks_the_reader_s_language() {
        let q = AuditQuery::default();
        let view = |lang| {
            render(&AuditView {
                lang,
                tz: chrono_tz::Asia::Tokyo,
                query: &q,
                entries: &[],
                members: &[],
                next: Some("1.x".into()),
                bad_date: false,
            })
            .into_string()
        };
        let en = view(Lang::En);
        for lang in [Lang::Ja, Lang::Fr] {
            let page = view(lang);
            for key in ["audit-empty", "audit-filter", "audit-older"] {
                assert!(!page.contains(&t(Lang::En, key)), "{key} in English");
                assert!(page.contains(&t(lang, key)), "{key}");
            }
        }
        assert!(en.contains("before=1.x"));
    }
}
