//! The booking pages list (with search, filters and the organization's
//! overlap setting) and the booking page form.

use maud::{Markup, html};

use super::{names, notices, with_markup};
use crate::domain::{AssignmentMode, BookingPage, Member, QuestionKind};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, Msg};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

// ------------------------------------------------------------ vocabularies

/// The ways hosts are assigned, in the order the form offers them.
pub const ASSIGNMENTS: [AssignmentMode; 3] = [
    AssignmentMode::Single,
    AssignmentMode::Collective,
    AssignmentMode::RoundRobin,
];

/// The kinds of location as posted (`location.kind`).
pub const LOCATION_KINDS: [&str; 4] = ["none", "in_person", "phone", "video"];

/// The kinds of question and how the form posts them.
pub const KINDS: [(QuestionKind, &str); 3] = [
    (QuestionKind::ShortText, "short_text"),
    (QuestionKind::LongText, "long_text"),
    (QuestionKind::SingleChoice, "single_choice"),
];

fn assignment_label(lang: Lang, a: AssignmentMode) -> String {
    match a {
        AssignmentMode::Single => tr!(lang, "bkadm-assign-single"),
        AssignmentMode::Collective => tr!(lang, "bkadm-assign-collective"),
        AssignmentMode::RoundRobin => tr!(lang, "bkadm-assign-round-robin"),
    }
}

fn location_label(lang: Lang, kind: &str) -> String {
    match kind {
        "in_person" => tr!(lang, "bkadm-location-in-person"),
        "phone" => tr!(lang, "bkadm-location-phone"),
        "video" => tr!(lang, "bkadm-location-video"),
        _ => tr!(lang, "bkadm-location-none"),
    }
}

fn kind_label(lang: Lang, k: QuestionKind) -> String {
    match k {
        QuestionKind::ShortText => tr!(lang, "bkadm-kind-short-text"),
        QuestionKind::LongText => tr!(lang, "bkadm-kind-long-text"),
        QuestionKind::SingleChoice => tr!(lang, "bkadm-kind-single-choice"),
    }
}

pub fn public_link(base_url: &str, slug: &str) -> String {
    format!("{}/book/{slug}", base_url.trim_end_matches('/'))
}

/// The form field an error belongs to; a taken address belongs to the slug.
pub fn error_field(e: &AppError) -> Option<&str> {
    match e {
        AppError::Conflict {
            code: "slug_taken", ..
        } => Some("slug"),
        _ => e.field(),
    }
}

/// The error text for `name` (or one of its `name[i]` parts).
fn error_for(lang: Lang, error: Option<&AppError>, name: &str) -> Option<String> {
    let e = error?;
    let f = error_field(e)?;
    let hit = f == name
        || f.strip_prefix(name)
            .is_some_and(|r| r.starts_with('[') || r.starts_with('.'));
    hit.then(|| e.text(lang))
}

// ------------------------------------------------------------- pages list

/// The list's filters as given in the query.
#[derive(Default)]
pub struct PageFilters<'a> {
    pub q: Option<&'a str>,
    pub host: Option<&'a str>,
    pub enabled: Option<&'a str>,
    pub assignment: Option<&'a str>,
}

pub struct PagesList<'a> {
    pub filters: PageFilters<'a>,
    /// Whether any filter narrows the list (an empty list then means
    /// "nothing matches", not "nothing yet").
    pub filtered: bool,
    pub done: Option<&'a str>,
    pub error: Option<&'a AppError>,
    pub pages: &'a [BookingPage],
    /// Everyone, for the names of hosts.
    pub members: &'a [Member],
    /// Active members, for the host filter.
    pub hosts: &'a [Member],
    pub base_url: &'a str,
    /// The overlap setting, when the reader may change it.
    pub allow_overlap: Option<bool>,
}

fn pages_filters(lang: Lang, f: &PageFilters<'_>, hosts: &[Member]) -> Markup {
    let selected = |v: Option<&str>, x: &str| v == Some(x);
    html! {
        form.toolbar.filters method="get" action="/booking-pages" role="search" {
            input type="search" name="q" value=(f.q.unwrap_or_default())
                placeholder=(tr!(lang, "bkadm-pages-search-placeholder")) aria-label=(tr!(lang, "bkadm-pages-search"));
            select name="host" aria-label=(tr!(lang, "bkadm-filter-host")) {
                option value="" { (tr!(lang, "bkadm-all-hosts")) }
                @for m in hosts { option value=(m.id) selected[selected(f.host, m.id.as_str())] { (member_name(lang, m)) } }
            }
            select name="enabled" aria-label=(tr!(lang, "bkadm-pages-filter-enabled")) {
                option value="" { (tr!(lang, "bkadm-pages-on-and-off")) }
                option value="on" selected[selected(f.enabled, "on")] { (tr!(lang, "bkadm-pages-taking-bookings")) }
                option value="off" selected[selected(f.enabled, "off")] { (tr!(lang, "bkadm-pages-switched-off")) }
            }
            select name="assignment" aria-label=(tr!(lang, "bkadm-pages-filter-assignment")) {
                option value="" { (tr!(lang, "bkadm-pages-any-assignment")) }
                @for m in ASSIGNMENTS { option value=(m.as_str()) selected[selected(f.assignment, m.as_str())] { (assignment_label(lang, m)) } }
            }
            button type="submit" { (tr!(lang, "bkadm-filter")) }
        }
    }
}

fn page_row(lang: Lang, csrf: &str, base_url: &str, p: &BookingPage, members: &[Member]) -> Markup {
    let link = public_link(base_url, &p.slug);
    html! {
        tr {
            td { a href={ "/booking-pages/" (p.id) } { (p.title) } }
            td { a href=(link) { (link) } }
            td { (tr!(lang, "bkadm-pages-minutes", count = p.duration_minutes)) }
            td { (assignment_label(lang, p.assignment)) }
            td { (names(lang, &p.hosts, members)) }
            td {
                @if p.enabled { span.ok { (tr!(lang, "bkadm-pages-on")) } } @else { span.muted { (tr!(lang, "bkadm-pages-off")) } }
            }
            td {
                a href={ "/booking-pages/" (p.id) } { (tr!(lang, "bkadm-pages-edit")) }
                " "
                form method="post" action={ "/booking-pages/" (p.id) "/toggle" } {
                    (csrf_field(csrf))
                    input type="hidden" name="enabled" value=(if p.enabled { "off" } else { "on" });
                    button.link type="submit" {
                        @if p.enabled { (tr!(lang, "bkadm-pages-disable")) } @else { (tr!(lang, "bkadm-pages-enable")) }
                    }
                }
            }
        }
    }
}

fn pages_table(lang: Lang, csrf: &str, v: &PagesList<'_>) -> Markup {
    html! {
        table {
            thead { tr {
                th { (tr!(lang, "bkadm-pages-col-title")) }
                th { (tr!(lang, "bkadm-pages-col-link")) }
                th { (tr!(lang, "bkadm-pages-col-duration")) }
                th { (tr!(lang, "bkadm-pages-col-assignment")) }
                th { (tr!(lang, "bkadm-pages-col-hosts")) }
                th { (tr!(lang, "bkadm-pages-col-enabled")) }
                th { (tr!(lang, "bkadm-pages-col-actions")) }
            } }
            tbody { @for p in v.pages { (page_row(lang, csrf, v.base_url, p, v.members)) } }
        }
    }
}

fn overlap_form(lang: Lang, csrf: &str, allow: bool) -> Markup {
    html! {
        form.toolbar.settings method="post" action="/booking-pages/settings" {
            (csrf_field(csrf))
            label {
                input type="checkbox" name="allow_overlap" value="on" checked[allow];
                " " (tr!(lang, "bkadm-pages-allow-overlap"))
            }
            button type="submit" { (tr!(lang, "bkadm-pages-save-setting")) }
        }
    }
}

/// The booking pages list, a whole page.
pub fn pages_list(lang: Lang, user: &PageUser, v: &PagesList<'_>) -> Markup {
    let csrf = user.csrf_token.as_str();
    // Only those the page service lets create one are offered the form.
    let can_create = user.can().manage_own_pages;
    let body = html! {
        (notices(lang, v.done, v.error))
        @if v.pages.is_empty() && !v.filtered {
            div.empty {
                p { strong { (tr!(lang, "bkadm-pages-empty")) } }
                @if can_create {
                    p { (tr!(lang, "bkadm-pages-empty-hint")) }
                    a.button href="/booking-pages/new" { (tr!(lang, "bkadm-pages-new")) }
                }
            }
        } @else {
            @if can_create {
                div.toolbar { a.button href="/booking-pages/new" { (tr!(lang, "bkadm-pages-new")) } }
            }
            (pages_filters(lang, &v.filters, v.hosts))
            @if v.pages.is_empty() {
                div.empty {
                    p { (tr!(lang, "bkadm-pages-none-match")) }
                    a href="/booking-pages" { (tr!(lang, "bkadm-pages-show-all")) }
                }
            } @else {
                (pages_table(lang, csrf, v))
            }
        }
        @if let Some(allow) = v.allow_overlap {
            h2 { (tr!(lang, "bkadm-pages-org-settings")) }
            (overlap_form(lang, csrf, allow))
        }
    };
    page(
        user,
        Nav::BookingPages,
        &tr!(lang, "bkadm-pages-title"),
        body,
    )
}

// --------------------------------------------------------------- page form

/// One custom question as typed.
#[derive(Clone, Default)]
pub struct QuestionRow {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub options: String,
    pub required: bool,
}

/// The page form as typed: strings, so a refused form shows what was sent.
#[derive(Clone, Default)]
pub struct PageForm {
    pub title: String,
    pub slug: String,
    pub description: String,
    pub duration: String,
    pub step: String,
    pub before: String,
    pub after: String,
    pub notice: String,
    pub horizon: String,
    pub location_kind: String,
    pub location_value: String,
    pub assignment: String,
    pub hosts: Vec<String>,
    pub enabled: bool,
    pub questions: Vec<QuestionRow>,
}

/// One host of the stored page as the form reports it.
pub enum HostLine {
    /// Their name: they can serve the page.
    Serves(String),
    /// Why they cannot, with their name in it.
    Problem(Msg),
    /// The member id of a host who is no longer a member.
    Gone(String),
}

/// What the page form shows besides the typed values.
pub struct FormPage<'a> {
    /// The stored page when editing.
    pub page: Option<&'a BookingPage>,
    /// Active members, who may host.
    pub members: &'a [Member],
    /// The stored page's hosts.
    pub status: &'a [HostLine],
    pub base_url: &'a str,
    pub done: Option<&'a str>,
    pub error: Option<&'a AppError>,
}

fn text_area(name: &str, label: &str, value: &str, error: Option<String>) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field.invalid[error.is_some()] {
            label for=(id) { (label) }
            textarea id=(id) name=(name) rows="4" { (value) }
            @if let Some(e) = error { p.error { (e) } }
        }
    }
}

fn number_field(
    lang: Lang,
    name: &str,
    label: &str,
    value: &str,
    error: Option<&AppError>,
) -> Markup {
    field(
        name,
        label,
        "number",
        value,
        error_for(lang, error, name).as_deref(),
        FieldAttrs::default(),
    )
}

fn basics_fieldset(lang: Lang, base_url: &str, f: &PageForm, error: Option<&AppError>) -> Markup {
    // An example address, not a text: addresses are Latin letters in every
    // language.
    let slug = if f.slug.is_empty() {
        "your-page"
    } else {
        f.slug.as_str()
    };
    let required = FieldAttrs {
        required: true,
        ..FieldAttrs::default()
    };
    let link = html! { code { (public_link(base_url, slug)) } };
    html! {
        fieldset {
            legend { (tr!(lang, "bkadm-form-page")) }
            (field("title", &tr!(lang, "bkadm-form-title"), "text", &f.title,
                error_for(lang, error, "title").as_deref(), required))
            (field("slug", &tr!(lang, "bkadm-form-slug"), "text", &f.slug,
                error_for(lang, error, "slug").as_deref(), required))
            p.hint.muted { (with_markup(lang, "bkadm-form-slug-hint", "link", link)) }
            (text_area("description", &tr!(lang, "bkadm-form-description"), &f.description,
                error_for(lang, error, "description")))
            label.check {
                input type="checkbox" name="enabled" value="on" checked[f.enabled];
                " " (tr!(lang, "bkadm-form-taking-bookings"))
            }
        }
    }
}

fn timing_fieldset(lang: Lang, f: &PageForm, error: Option<&AppError>) -> Markup {
    let n = |name: &str, key_text: String, value: &str| {
        number_field(lang, name, &key_text, value, error)
    };
    html! {
        fieldset.grid {
            legend { (tr!(lang, "bkadm-form-timing")) }
            (n("duration_minutes", tr!(lang, "bkadm-form-duration"), &f.duration))
            (n("slot_step_minutes", tr!(lang, "bkadm-form-step"), &f.step))
            (n("buffer_before_minutes", tr!(lang, "bkadm-form-buffer-before"), &f.before))
            (n("buffer_after_minutes", tr!(lang, "bkadm-form-buffer-after"), &f.after))
            (n("min_notice_minutes", tr!(lang, "bkadm-form-notice"), &f.notice))
            (n("horizon_days", tr!(lang, "bkadm-form-horizon"), &f.horizon))
        }
    }
}

fn location_fieldset(lang: Lang, f: &PageForm, error: Option<&AppError>) -> Markup {
    let kind_err = error_for(lang, error, "location.kind");
    html! {
        fieldset {
            legend { (tr!(lang, "bkadm-form-location")) }
            div.field.invalid[kind_err.is_some()] {
                label for="f-location.kind" { (tr!(lang, "bkadm-form-location-kind")) }
                select id="f-location.kind" name="location.kind" {
                    @for key in LOCATION_KINDS {
                        option value=(key) selected[f.location_kind == key] { (location_label(lang, key)) }
                    }
                }
                @if let Some(e) = kind_err { p.error { (e) } }
            }
            (field("location.value", &tr!(lang, "bkadm-form-location-value"), "text", &f.location_value,
                error_for(lang, error, "location.value").as_deref(), FieldAttrs::default()))
            p.hint.muted { (tr!(lang, "bkadm-form-location-hint")) }
        }
    }
}

fn host_line(lang: Lang, line: &HostLine) -> Markup {
    html! {
        @match line {
            HostLine::Serves(name) => {
                (name) (tr!(lang, "label-separator")) span.ok { (tr!(lang, "bkadm-form-can-serve")) }
            },
            HostLine::Problem(p) => span.fail { (p.render(lang)) },
            HostLine::Gone(id) => span.fail { (tr!(lang, "bkadm-form-host-gone", id = id)) },
        }
    }
}

fn hosts_fieldset(lang: Lang, f: &PageForm, v: &FormPage<'_>) -> Markup {
    let hosts_err = error_for(lang, v.error, "hosts");
    let assign_err = error_for(lang, v.error, "assignment");
    html! {
        fieldset.invalid[hosts_err.is_some()] {
            legend { (tr!(lang, "bkadm-form-hosts")) }
            div.field.invalid[assign_err.is_some()] {
                label for="f-assignment" { (tr!(lang, "bkadm-form-assignment")) }
                select id="f-assignment" name="assignment" {
                    @for m in ASSIGNMENTS {
                        option value=(m.as_str()) selected[f.assignment == m.as_str()] { (assignment_label(lang, m)) }
                    }
                }
                @if let Some(e) = assign_err { p.error { (e) } }
            }
            ul.checklist {
                @for m in v.members {
                    li { label {
                        input type="checkbox" name="hosts" value=(m.id) checked[f.hosts.iter().any(|h| h == m.id.as_str())];
                        " " (member_name(lang, m)) " " span.muted { (m.email) }
                        @if m.is_external() { " " span.badge.warn { (tr!(lang, "bkadm-form-external")) } }
                    } }
                }
            }
            @if let Some(e) = hosts_err { p.error role="alert" { (e) } }
            @if !v.status.is_empty() {
                h3 { (tr!(lang, "bkadm-form-host-status")) }
                ul.host-status {
                    @for line in v.status { li { (host_line(lang, line)) } }
                }
            }
        }
    }
}

fn question_row(
    lang: Lang,
    i: usize,
    row: &QuestionRow,
    input_index: Option<usize>,
    error: Option<&AppError>,
) -> Markup {
    let err = input_index.and_then(|n| error_for(lang, error, &format!("questions[{n}]")));
    let name = |part: &str| format!("q.{i}.{part}");
    let number = i + 1;
    html! {
        tr.invalid[err.is_some()] {
            td {
                input type="hidden" name=(name("id")) value=(row.id);
                input type="text" name=(name("label")) value=(row.label)
                    aria-label=(tr!(lang, "bkadm-form-question-label", number = number));
                @if let Some(e) = &err { p.error { (e) } }
            }
            td {
                select name=(name("kind")) aria-label=(tr!(lang, "bkadm-form-question-kind", number = number)) {
                    @for (k, key) in KINDS { option value=(key) selected[row.kind == key] { (kind_label(lang, k)) } }
                }
            }
            td {
                textarea name=(name("options")) rows="3"
                    aria-label=(tr!(lang, "bkadm-form-question-options", number = number)) { (row.options) }
            }
            td {
                input type="checkbox" name=(name("required")) value="on" checked[row.required]
                    aria-label=(tr!(lang, "bkadm-form-question-required", number = number));
            }
        }
    }
}

fn questions_fieldset(lang: Lang, f: &PageForm, error: Option<&AppError>) -> Markup {
    let mut next = 0;
    let rows: Vec<Markup> = f
        .questions
        .iter()
        .enumerate()
        .map(|(i, row)| {
            // Errors name the question among those sent, blank rows left out.
            let input_index = (!row.label.is_empty()).then(|| {
                next += 1;
                next - 1
            });
            question_row(lang, i, row, input_index, error)
        })
        .collect();
    let top_err = error.filter(|e| error_field(e) == Some("questions"));
    html! {
        fieldset {
            legend { (tr!(lang, "bkadm-form-questions")) }
            p.hint.muted { (tr!(lang, "bkadm-form-questions-hint")) }
            @if let Some(e) = top_err { p.error { (e.text(lang)) } }
            table.questions {
                thead { tr {
                    th { (tr!(lang, "bkadm-form-col-label")) }
                    th { (tr!(lang, "bkadm-form-col-kind")) }
                    th { (tr!(lang, "bkadm-form-col-options")) }
                    th { (tr!(lang, "bkadm-form-col-required")) }
                } }
                tbody { @for r in rows { (r) } }
            }
        }
    }
}

fn delete_section(lang: Lang, csrf: &str, p: &BookingPage) -> Markup {
    html! {
        details.danger-zone {
            summary { (tr!(lang, "bkadm-form-delete")) }
            p { (tr!(lang, "bkadm-form-delete-hint", slug = &p.slug)) }
            form method="post" action={ "/booking-pages/" (p.id) "/delete" } {
                (csrf_field(csrf))
                button.danger type="submit" { (tr!(lang, "bkadm-form-delete-button", title = &p.title)) }
            }
        }
    }
}

/// The booking page form, new or editing, a whole page.
pub fn page_form(lang: Lang, user: &PageUser, f: &PageForm, v: &FormPage<'_>) -> Markup {
    let csrf = user.csrf_token.as_str();
    let (action, title) = match v.page {
        Some(p) => (
            format!("/booking-pages/{}", p.id),
            tr!(lang, "bkadm-form-edit-title", title = &p.title),
        ),
        None => (
            "/booking-pages/new".to_string(),
            tr!(lang, "bkadm-pages-new"),
        ),
    };
    let error = v.error;
    let general = error.filter(|e| error_field(e).is_none());
    let body = html! {
        (notices(lang, v.done, None))
        @if let Some(e) = general { p.form-error role="alert" { (e.text(lang)) } }
        @else if error.is_some() { p.form-error role="alert" { (tr!(lang, "bkadm-form-fix-fields")) } }
        p { a href="/booking-pages" { (tr!(lang, "bkadm-form-back")) } }
        form.page-form method="post" action=(action) {
            (csrf_field(csrf))
            (basics_fieldset(lang, v.base_url, f, error))
            (timing_fieldset(lang, f, error))
            (location_fieldset(lang, f, error))
            (hosts_fieldset(lang, f, v))
            (questions_fieldset(lang, f, error))
            button type="submit" {
                @if v.page.is_some() { (tr!(lang, "bkadm-form-save")) } @else { (tr!(lang, "bkadm-form-create")) }
            }
        }
        @if let Some(p) = v.page { (delete_section(lang, csrf, p)) }
    };
    page(user, Nav::BookingPages, &title, body)
}
