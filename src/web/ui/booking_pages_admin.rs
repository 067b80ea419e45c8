//! Signed-in pages for booking pages: the list of pages with search and
//! filters, the organization's overlap setting, and the page form (create
//! and edit; custom questions without JavaScript). Handlers parse, call the
//! booking-page service, render.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::booking_forms::{
    Form, active, done_message, names, nonempty, notices, shown_in_form, value,
};
use super::layout::{FieldAttrs, Nav, csrf_field, field, page};
use super::{html, see_other};
use crate::domain::{
    AssignmentMode, BookingPage, Location, LocationKind, Member, MemberId, QuestionKind,
};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::booking::pages::{self as booking_pages, PageFilter, PageInput, QuestionInput};
use crate::service::members::directory;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

/// Routes of this module. Fixed paths come before `{id}`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/booking-pages", web::get().to(list_pages))
        .route("/booking-pages/new", web::get().to(new_form))
        .route("/booking-pages/new", web::post().to(create))
        .route("/booking-pages/settings", web::post().to(save_settings))
        .route("/booking-pages/{id}", web::get().to(edit_form))
        .route("/booking-pages/{id}", web::post().to(save))
        .route("/booking-pages/{id}/toggle", web::post().to(toggle))
        .route("/booking-pages/{id}/delete", web::post().to(delete));
}

// ---------------------------------------------------------------- helpers

fn has(form: &Form, key: &str) -> bool {
    form.iter().any(|(k, _)| k == key)
}

/// The form field an error belongs to; a taken address belongs to the slug.
fn error_field(e: &AppError) -> Option<&str> {
    match e {
        AppError::Conflict {
            code: "slug_taken", ..
        } => Some("slug"),
        _ => e.field(),
    }
}

/// The error text for `name` (or one of its `name[i]` parts).
fn error_for(error: Option<&AppError>, name: &str) -> Option<String> {
    let e = error?;
    let f = error_field(e)?;
    let hit = f == name
        || f.strip_prefix(name)
            .is_some_and(|r| r.starts_with('[') || r.starts_with('.'));
    hit.then(|| e.to_string())
}

fn public_link(base_url: &str, slug: &str) -> String {
    format!("{}/book/{slug}", base_url.trim_end_matches('/'))
}

// ------------------------------------------------------------ vocabularies

const ASSIGNMENTS: [(AssignmentMode, &str); 3] = [
    (AssignmentMode::Single, "One host"),
    (AssignmentMode::Collective, "Collective (all hosts attend)"),
    (AssignmentMode::RoundRobin, "Round robin (one free host)"),
];

fn assignment_label(a: AssignmentMode) -> &'static str {
    ASSIGNMENTS
        .iter()
        .find(|(m, _)| *m == a)
        .map_or("", |(_, l)| l)
}

fn parse_assignment(s: &str) -> Option<AssignmentMode> {
    ASSIGNMENTS
        .iter()
        .map(|(m, _)| *m)
        .find(|m| m.as_str() == s)
}

const LOCATIONS: [(&str, &str); 4] = [
    ("none", "No location"),
    ("in_person", "In person"),
    ("phone", "Phone"),
    ("video", "Video"),
];

fn location_key(l: Option<&Location>) -> &'static str {
    match l.map(|l| l.kind) {
        None => "none",
        Some(LocationKind::InPerson) => "in_person",
        Some(LocationKind::Phone) => "phone",
        Some(LocationKind::Video) => "video",
    }
}

fn parse_location(kind: &str, value: &str) -> Result<Option<Location>, AppError> {
    let kind = match kind {
        "" | "none" => return Ok(None),
        "in_person" => LocationKind::InPerson,
        "phone" => LocationKind::Phone,
        "video" => LocationKind::Video,
        _ => {
            return Err(AppError::invalid(
                "location.kind",
                "pick a kind of location",
            ));
        }
    };
    Ok(Some(Location {
        kind,
        value: value.to_string(),
    }))
}

const KINDS: [(QuestionKind, &str, &str); 3] = [
    (QuestionKind::ShortText, "short_text", "Short text"),
    (QuestionKind::LongText, "long_text", "Long text"),
    (QuestionKind::SingleChoice, "single_choice", "Single choice"),
];

fn kind_key(k: QuestionKind) -> &'static str {
    KINDS
        .iter()
        .find(|(q, _, _)| *q == k)
        .map_or("short_text", |(_, key, _)| key)
}

// ------------------------------------------------------------- pages list

#[derive(Deserialize, Default)]
pub struct PagesQuery {
    q: Option<String>,
    host: Option<String>,
    enabled: Option<String>,
    assignment: Option<String>,
    done: Option<String>,
}

impl PagesQuery {
    fn filter(&self) -> PageFilter {
        let some = nonempty;
        PageFilter {
            q: some(&self.q).map(str::to_string),
            host: some(&self.host).map(MemberId::from_string),
            enabled: match some(&self.enabled) {
                Some("on") => Some(true),
                Some("off") => Some(false),
                _ => None,
            },
            assignment: some(&self.assignment).and_then(parse_assignment),
        }
    }

    fn is_filtered(&self) -> bool {
        let f = self.filter();
        f.q.is_some() || f.host.is_some() || f.enabled.is_some() || f.assignment.is_some()
    }
}

struct PagesView {
    pages: Vec<BookingPage>,
    members: Arc<Vec<Member>>,
    allow_overlap: bool,
}

async fn load_pages(ctx: &Ctx<PageUser>, f: PageFilter) -> Result<PagesView, AppError> {
    ctx.run(move |s| {
        Ok(PagesView {
            pages: booking_pages::list(s.store(), s.actor(), &f)?,
            members: directory::everyone(s.store())?,
            allow_overlap: booking_pages::allow_overlap(s.store())?,
        })
    })
    .await
}

fn pages_filters(q: &PagesQuery, hosts: &[Member]) -> Markup {
    let selected = |v: &Option<String>, x: &str| v.as_deref() == Some(x);
    html! {
        form.toolbar.filters method="get" action="/booking-pages" role="search" {
            input type="search" name="q" value=(q.q.clone().unwrap_or_default())
                placeholder="Title or address" aria-label="Search booking pages";
            select name="host" aria-label="Host" {
                option value="" { "All hosts" }
                @for m in hosts { option value=(m.id) selected[selected(&q.host, m.id.as_str())] { (m.display_name()) } }
            }
            select name="enabled" aria-label="Enabled" {
                option value="" { "On and off" }
                option value="on" selected[selected(&q.enabled, "on")] { "Taking bookings" }
                option value="off" selected[selected(&q.enabled, "off")] { "Switched off" }
            }
            select name="assignment" aria-label="Assignment" {
                option value="" { "Any assignment" }
                @for (m, label) in ASSIGNMENTS { option value=(m.as_str()) selected[selected(&q.assignment, m.as_str())] { (label) } }
            }
            button type="submit" { "Filter" }
        }
    }
}

fn page_row(user: &PageUser, base_url: &str, p: &BookingPage, members: &[Member]) -> Markup {
    let link = public_link(base_url, &p.slug);
    html! {
        tr {
            td { a href={ "/booking-pages/" (p.id) } { (p.title) } }
            td { a href=(link) { (link) } }
            td { (p.duration_minutes) " min" }
            td { (assignment_label(p.assignment)) }
            td { (names(&p.hosts, members)) }
            td {
                @if p.enabled { span.ok { "On" } } @else { span.muted { "Off" } }
            }
            td {
                a href={ "/booking-pages/" (p.id) } { "Edit" }
                " "
                form method="post" action={ "/booking-pages/" (p.id) "/toggle" } {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="enabled" value=(if p.enabled { "off" } else { "on" });
                    button.link type="submit" { @if p.enabled { "Disable" } @else { "Enable" } }
                }
            }
        }
    }
}

fn pages_table(user: &PageUser, base_url: &str, v: &PagesView) -> Markup {
    html! {
        table {
            thead { tr {
                th { "Title" } th { "Public link" } th { "Duration" } th { "Assignment" }
                th { "Hosts" } th { "Enabled" } th { "Actions" }
            } }
            tbody { @for p in &v.pages { (page_row(user, base_url, p, &v.members)) } }
        }
    }
}

fn overlap_form(user: &PageUser, allow: bool) -> Markup {
    html! {
        form.toolbar.settings method="post" action="/booking-pages/settings" {
            (csrf_field(&user.csrf_token))
            label {
                input type="checkbox" name="allow_overlap" value="on" checked[allow];
                " Allow overlapping bookings (a host's bookings may overlap across pages)"
            }
            button type="submit" { "Save setting" }
        }
    }
}

fn pages_body(
    user: &PageUser,
    base_url: &str,
    q: &PagesQuery,
    v: &PagesView,
    error: Option<&AppError>,
) -> Markup {
    let hosts = active(&v.members);
    html! {
        (notices(q.done.as_deref(), error))
        @if v.pages.is_empty() && !q.is_filtered() {
            div.empty {
                p { strong { "No booking pages yet." } }
                p { "A booking page gives guests a link where they pick a free time with you or your team." }
                a.button href="/booking-pages/new" { "New booking page" }
            }
        } @else {
            div.toolbar { a.button href="/booking-pages/new" { "New booking page" } }
            (pages_filters(q, &hosts))
            @if v.pages.is_empty() {
                div.empty { p { "No booking pages match these filters." } a href="/booking-pages" { "Show all" } }
            } @else {
                (pages_table(user, base_url, v))
            }
        }
        @if policy::allows(user.member.role, Action::AdministerOrganization) {
            h2 { "Organization settings" }
            (overlap_form(user, v.allow_overlap))
        }
    }
}

async fn render_pages(
    ctx: &Ctx<PageUser>,
    q: &PagesQuery,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let v = load_pages(ctx, q.filter()).await?;
    let status = error.map_or(StatusCode::OK, ResponseError::status_code);
    let body = pages_body(&ctx.user, &ctx.app().base_url, q, &v, error);
    Ok(html(
        status,
        page(&ctx.user, Nav::BookingPages, "Booking pages", body),
    ))
}

pub async fn list_pages(
    ctx: Ctx<PageUser>,
    query: web::Query<PagesQuery>,
) -> Result<HttpResponse, AppError> {
    render_pages(&ctx, &query.into_inner(), None).await
}

pub async fn save_settings(ctx: Ctx<CsrfForm<Form>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let allow = has(&form, "allow_overlap");
    ctx.run(move |s| booking_pages::set_allow_overlap(s.store(), s.admin()?, allow, s.now))
        .await?;
    Ok(see_other("/booking-pages?done=settings"))
}

pub async fn toggle(
    ctx: Ctx<CsrfForm<Form>>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let id = path.into_inner();
    let enable = value(&form, "enabled") == "on";
    let input = PageInput {
        enabled: Some(enable),
        ..PageInput::default()
    };
    let result = ctx
        .run(move |s| booking_pages::update(s.store(), s.actor(), &id, input, s.now))
        .await;
    match result {
        Ok(_) if enable => Ok(see_other("/booking-pages?done=enabled")),
        Ok(_) => Ok(see_other("/booking-pages?done=disabled")),
        Err(e) if shown_in_form(&e) => render_pages(&ctx, &PagesQuery::default(), Some(&e)).await,
        Err(e) => Err(e),
    }
}

pub async fn delete(
    ctx: Ctx<CsrfForm<Form>>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    ctx.run(move |s| booking_pages::delete(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(see_other("/booking-pages?done=deleted"))
}

// --------------------------------------------------------------- page form

/// One custom question as typed.
#[derive(Clone, Default)]
struct QuestionRow {
    id: String,
    label: String,
    kind: String,
    options: String,
    required: bool,
}

/// Questions are posted as `q.{i}.label` and so on; this many rows at most.
const MAX_ROWS: usize = 40;

/// The page form as typed: strings, so a refused form shows what was sent.
#[derive(Clone, Default)]
struct PageForm {
    title: String,
    slug: String,
    description: String,
    duration: String,
    step: String,
    before: String,
    after: String,
    notice: String,
    horizon: String,
    location_kind: String,
    location_value: String,
    assignment: String,
    hosts: Vec<String>,
    enabled: bool,
    questions: Vec<QuestionRow>,
}

impl PageForm {
    fn blank(me: &MemberId) -> Self {
        PageForm {
            duration: "30".into(),
            before: "0".into(),
            after: "0".into(),
            notice: "60".into(),
            horizon: "60".into(),
            location_kind: "none".into(),
            assignment: "single".into(),
            hosts: vec![me.to_string()],
            enabled: true,
            ..PageForm::default()
        }
        .with_blank_rows()
    }

    fn of_page(p: &BookingPage) -> Self {
        PageForm {
            title: p.title.clone(),
            slug: p.slug.clone(),
            description: p.description.clone(),
            duration: p.duration_minutes.to_string(),
            step: p.slot_step_minutes.to_string(),
            before: p.buffer_before_minutes.to_string(),
            after: p.buffer_after_minutes.to_string(),
            notice: p.min_notice_minutes.to_string(),
            horizon: p.horizon_days.to_string(),
            location_kind: location_key(p.location.as_ref()).into(),
            location_value: p
                .location
                .as_ref()
                .map(|l| l.value.clone())
                .unwrap_or_default(),
            assignment: p.assignment.as_str().into(),
            hosts: p.hosts.iter().map(ToString::to_string).collect(),
            enabled: p.enabled,
            questions: p
                .questions
                .iter()
                .map(|q| QuestionRow {
                    id: q.id.clone(),
                    label: q.label.clone(),
                    kind: kind_key(q.kind).into(),
                    options: q.options.join("\n"),
                    required: q.required,
                })
                .collect(),
        }
        .with_blank_rows()
    }

    fn with_blank_rows(mut self) -> Self {
        for _ in 0..2 {
            self.questions.push(QuestionRow {
                kind: "short_text".into(),
                ..QuestionRow::default()
            });
        }
        self
    }

    fn from_post(form: &Form) -> Self {
        PageForm {
            title: value(form, "title"),
            slug: value(form, "slug"),
            description: value(form, "description"),
            duration: value(form, "duration_minutes"),
            step: value(form, "slot_step_minutes"),
            before: value(form, "buffer_before_minutes"),
            after: value(form, "buffer_after_minutes"),
            notice: value(form, "min_notice_minutes"),
            horizon: value(form, "horizon_days"),
            location_kind: value(form, "location.kind"),
            location_value: value(form, "location.value"),
            assignment: value(form, "assignment"),
            hosts: form
                .iter()
                .filter(|(k, _)| k == "hosts")
                .map(|(_, v)| v.trim().to_string())
                .collect(),
            enabled: has(form, "enabled"),
            questions: (0..MAX_ROWS)
                .filter(|i| has(form, &format!("q.{i}.kind")))
                .map(|i| QuestionRow {
                    id: value(form, &format!("q.{i}.id")),
                    label: value(form, &format!("q.{i}.label")),
                    kind: value(form, &format!("q.{i}.kind")),
                    options: value(form, &format!("q.{i}.options")),
                    required: has(form, &format!("q.{i}.required")),
                })
                .collect(),
        }
    }

    /// The service input; every field is sent, so edits replace them all.
    fn input(&self) -> Result<PageInput, AppError> {
        Ok(PageInput {
            slug: Some(self.slug.clone()),
            title: Some(self.title.clone()),
            description: Some(self.description.clone()),
            duration_minutes: number("duration_minutes", &self.duration)?,
            hosts: Some(self.hosts.iter().map(MemberId::from_string).collect()),
            assignment: Some(
                parse_assignment(&self.assignment).ok_or_else(|| {
                    AppError::invalid("assignment", "pick how hosts are assigned")
                })?,
            ),
            slot_step_minutes: number("slot_step_minutes", &self.step)?,
            buffer_before_minutes: number("buffer_before_minutes", &self.before)?,
            buffer_after_minutes: number("buffer_after_minutes", &self.after)?,
            min_notice_minutes: number("min_notice_minutes", &self.notice)?,
            horizon_days: number("horizon_days", &self.horizon)?,
            location: Some(parse_location(&self.location_kind, &self.location_value)?),
            questions: Some(self.question_inputs()?),
            enabled: Some(self.enabled),
        })
    }

    /// Rows with a label, in order; blank rows are left out.
    fn question_inputs(&self) -> Result<Vec<QuestionInput>, AppError> {
        self.questions
            .iter()
            .filter(|r| !r.label.is_empty())
            .enumerate()
            .map(|(i, r)| {
                let kind = KINDS
                    .iter()
                    .find(|(_, key, _)| *key == r.kind)
                    .map(|(k, _, _)| *k)
                    .ok_or_else(|| {
                        AppError::invalid(&format!("questions[{i}].kind"), "pick a kind")
                    })?;
                Ok(QuestionInput {
                    id: Some(r.id.clone()).filter(|id| !id.is_empty()),
                    label: r.label.clone(),
                    kind,
                    options: r.options.lines().map(str::to_string).collect(),
                    required: r.required,
                })
            })
            .collect()
    }
}

/// Empty is "not given"; anything else must be a whole number.
fn number(field: &str, v: &str) -> Result<Option<u32>, AppError> {
    if v.is_empty() {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "a whole number"))
}

/// What the page form shows besides the typed values.
struct FormContext {
    /// The stored page when editing.
    page: Option<BookingPage>,
    members: Vec<Member>,
    /// Per host of the stored page: name and why they cannot serve it.
    status: Vec<(String, Option<String>)>,
}

async fn form_context(ctx: &Ctx<PageUser>, id: Option<String>) -> Result<FormContext, AppError> {
    ctx.run(move |s| {
        let page = id
            .map(|id| booking_pages::get(s.store(), s.actor(), &id))
            .transpose()?;
        let members = directory::everyone(s.store())?;
        let pattern = &s.config().booking.video_link_pattern;
        let status = page.as_ref().map_or_else(Vec::new, |p| {
            booking_pages::host_status_among(p, &members, pattern)
                .into_iter()
                .map(|h| match h.name {
                    Some(name) => (name, h.problem),
                    None => (
                        h.member_id.to_string(),
                        Some(format!("{} is no longer a member", h.member_id)),
                    ),
                })
                .collect()
        });
        Ok(FormContext {
            page,
            members: active(&members),
            status,
        })
    })
    .await
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

fn number_field(name: &str, label: &str, value: &str, error: Option<&AppError>) -> Markup {
    field(
        name,
        label,
        "number",
        value,
        error_for(error, name).as_deref(),
        FieldAttrs::default(),
    )
}

fn basics_fieldset(base_url: &str, f: &PageForm, error: Option<&AppError>) -> Markup {
    let slug = if f.slug.is_empty() {
        "your-page"
    } else {
        f.slug.as_str()
    };
    html! {
        fieldset {
            legend { "Page" }
            (field("title", "Title", "text", &f.title, error_for(error, "title").as_deref(),
                FieldAttrs { required: true, ..FieldAttrs::default() }))
            (field("slug", "Address", "text", &f.slug, error_for(error, "slug").as_deref(),
                FieldAttrs { required: true, ..FieldAttrs::default() }))
            p.hint.muted { "Lowercase letters, digits and hyphens. Guests book at " code { (public_link(base_url, slug)) } }
            (text_area("description", "Description (shown to guests)", &f.description, error_for(error, "description")))
            label.check { input type="checkbox" name="enabled" value="on" checked[f.enabled]; " Taking bookings" }
        }
    }
}

fn timing_fieldset(f: &PageForm, error: Option<&AppError>) -> Markup {
    html! {
        fieldset.grid {
            legend { "Timing" }
            (number_field("duration_minutes", "Duration (minutes)", &f.duration, error))
            (number_field("slot_step_minutes", "Slot step (minutes; empty: the duration)", &f.step, error))
            (number_field("buffer_before_minutes", "Buffer before (minutes)", &f.before, error))
            (number_field("buffer_after_minutes", "Buffer after (minutes)", &f.after, error))
            (number_field("min_notice_minutes", "Minimum notice (minutes)", &f.notice, error))
            (number_field("horizon_days", "Bookable up to (days ahead)", &f.horizon, error))
        }
    }
}

fn location_fieldset(f: &PageForm, error: Option<&AppError>) -> Markup {
    let kind_err = error_for(error, "location.kind");
    html! {
        fieldset {
            legend { "Location" }
            div.field.invalid[kind_err.is_some()] {
                label for="f-location.kind" { "Kind" }
                select id="f-location.kind" name="location.kind" {
                    @for (key, label) in LOCATIONS { option value=(key) selected[f.location_kind == key] { (label) } }
                }
                @if let Some(e) = kind_err { p.error { (e) } }
            }
            (field("location.value", "Address, phone number or video link", "text", &f.location_value,
                error_for(error, "location.value").as_deref(), FieldAttrs::default()))
            p.hint.muted { "For video, leave the link empty to use each host's meeting URL (or a generated link)." }
        }
    }
}

fn hosts_fieldset(f: &PageForm, ctx: &FormContext, error: Option<&AppError>) -> Markup {
    let hosts_err = error_for(error, "hosts");
    let assign_err = error_for(error, "assignment");
    html! {
        fieldset.invalid[hosts_err.is_some()] {
            legend { "Hosts" }
            div.field.invalid[assign_err.is_some()] {
                label for="f-assignment" { "Assignment" }
                select id="f-assignment" name="assignment" {
                    @for (m, label) in ASSIGNMENTS { option value=(m.as_str()) selected[f.assignment == m.as_str()] { (label) } }
                }
                @if let Some(e) = assign_err { p.error { (e) } }
            }
            ul.checklist {
                @for m in &ctx.members {
                    li { label {
                        input type="checkbox" name="hosts" value=(m.id) checked[f.hosts.iter().any(|h| h == m.id.as_str())];
                        " " (m.display_name()) " " span.muted { (m.email) }
                    } }
                }
            }
            @if let Some(e) = hosts_err { p.error role="alert" { (e) } }
            @if !ctx.status.is_empty() {
                h3 { "Host status" }
                ul.host-status {
                    @for (name, problem) in &ctx.status {
                        li {
                            @match problem {
                                None => { (name) ": " span.ok { "can serve" } },
                                Some(p) => span.fail { (p) },
                            }
                        }
                    }
                }
            }
        }
    }
}

fn question_row(
    i: usize,
    row: &QuestionRow,
    input_index: Option<usize>,
    error: Option<&AppError>,
) -> Markup {
    let err = input_index.and_then(|n| error_for(error, &format!("questions[{n}]")));
    let name = |part: &str| format!("q.{i}.{part}");
    html! {
        tr.invalid[err.is_some()] {
            td {
                input type="hidden" name=(name("id")) value=(row.id);
                input type="text" name=(name("label")) value=(row.label) aria-label={ "Question " (i + 1) " label" };
                @if let Some(e) = &err { p.error { (e) } }
            }
            td {
                select name=(name("kind")) aria-label={ "Question " (i + 1) " kind" } {
                    @for (_, key, label) in KINDS { option value=(key) selected[row.kind == key] { (label) } }
                }
            }
            td { textarea name=(name("options")) rows="3" aria-label={ "Question " (i + 1) " options" } { (row.options) } }
            td { input type="checkbox" name=(name("required")) value="on" checked[row.required] aria-label={ "Question " (i + 1) " required" }; }
        }
    }
}

fn questions_fieldset(f: &PageForm, error: Option<&AppError>) -> Markup {
    let mut next = 0;
    let rows: Vec<Markup> = f
        .questions
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let input_index = (!row.label.is_empty()).then(|| {
                next += 1;
                next - 1
            });
            question_row(i, row, input_index, error)
        })
        .collect();
    let top_err = error.filter(|e| error_field(e) == Some("questions"));
    html! {
        fieldset {
            legend { "Questions for the guest" }
            p.hint.muted { "Name and email are always asked. A row with an empty label is ignored; options are one per line and only used by single choice. Save to get two more empty rows." }
            @if let Some(e) = top_err { p.error { (e) } }
            table.questions {
                thead { tr { th { "Label" } th { "Kind" } th { "Options" } th { "Required" } } }
                tbody { @for r in rows { (r) } }
            }
        }
    }
}

fn delete_section(user: &PageUser, p: &BookingPage) -> Markup {
    html! {
        details.danger-zone {
            summary { "Delete this page" }
            p { "Its address /book/" (p.slug) " stops working and becomes free. Past and upcoming bookings stay readable under Bookings (cancel them there if needed)." }
            form method="post" action={ "/booking-pages/" (p.id) "/delete" } {
                (csrf_field(&user.csrf_token))
                button.danger type="submit" { "Delete “" (p.title) "” for good" }
            }
        }
    }
}

fn render_form(
    user: &PageUser,
    base_url: &str,
    f: &PageForm,
    ctx: &FormContext,
    done: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let (action, title) = match &ctx.page {
        Some(p) => (
            format!("/booking-pages/{}", p.id),
            format!("Edit “{}”", p.title),
        ),
        None => (
            "/booking-pages/new".to_string(),
            "New booking page".to_string(),
        ),
    };
    let general = error.filter(|e| error_field(e).is_none());
    let body = html! {
        @if let Some(n) = done_message(done) { p.notice role="status" { (n) } }
        @if let Some(e) = general { p.form-error role="alert" { (e) } }
        @else if error.is_some() { p.form-error role="alert" { "Please correct the marked fields." } }
        p { a href="/booking-pages" { "← All booking pages" } }
        form.page-form method="post" action=(action) {
            (csrf_field(&user.csrf_token))
            (basics_fieldset(base_url, f, error))
            (timing_fieldset(f, error))
            (location_fieldset(f, error))
            (hosts_fieldset(f, ctx, error))
            (questions_fieldset(f, error))
            button type="submit" { @if ctx.page.is_some() { "Save changes" } @else { "Create booking page" } }
        }
        @if let Some(p) = &ctx.page { (delete_section(user, p)) }
    };
    page(user, Nav::BookingPages, &title, body)
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn new_form(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let fc = form_context(&ctx, None).await?;
    let f = PageForm::blank(&ctx.actor().id);
    let body = render_form(&ctx.user, &ctx.app().base_url, &f, &fc, None, None);
    Ok(html(StatusCode::OK, body))
}

pub async fn edit_form(
    ctx: Ctx<PageUser>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let fc = form_context(&ctx, Some(path.into_inner())).await?;
    let f = fc.page.as_ref().map(PageForm::of_page).unwrap_or_default();
    let body = render_form(
        &ctx.user,
        &ctx.app().base_url,
        &f,
        &fc,
        query.done.as_deref(),
        None,
    );
    Ok(html(StatusCode::OK, body))
}

/// After a refused save: the form again, as typed, with the error.
async fn refused(
    ctx: &Ctx<PageUser>,
    id: Option<String>,
    typed: &PageForm,
    e: &AppError,
) -> Result<HttpResponse, AppError> {
    let fc = form_context(ctx, id).await?;
    let body = render_form(&ctx.user, &ctx.app().base_url, typed, &fc, None, Some(e));
    Ok(html(e.status_code(), body))
}

pub async fn create(ctx: Ctx<CsrfForm<Form>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let typed = PageForm::from_post(&form);
    let result = match typed.input() {
        Ok(input) => {
            ctx.run(move |s| booking_pages::create(s.store(), s.actor(), input, s.now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/booking-pages/{}?done=created", p.id))),
        Err(e) if shown_in_form(&e) => refused(&ctx, None, &typed, &e).await,
        Err(e) => Err(e),
    }
}

pub async fn save(
    ctx: Ctx<CsrfForm<Form>>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = ctx.into_form();
    let id = path.into_inner();
    let typed = PageForm::from_post(&form);
    let result = match typed.input() {
        Ok(input) => {
            let page_id = id.clone();
            ctx.run(move |s| booking_pages::update(s.store(), s.actor(), &page_id, input, s.now))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/booking-pages/{}?done=saved", p.id))),
        Err(e) if shown_in_form(&e) => refused(&ctx, Some(id), &typed, &e).await,
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Form {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn blank_question_rows_are_left_out_and_errors_find_their_row() {
        let form = pairs(&[
            ("q.0.label", ""),
            ("q.0.kind", "short_text"),
            ("q.1.label", " Topic "),
            ("q.1.kind", "single_choice"),
            ("q.1.options", "A\nB\n"),
            ("q.1.required", "on"),
        ]);
        let typed = PageForm::from_post(&form);
        assert_eq!(typed.questions.len(), 2, "both rows kept for re-display");
        let input = typed.question_inputs().unwrap_or_default();
        assert_eq!(input.len(), 1);
        assert_eq!(input[0].label, "Topic");
        assert_eq!(input[0].options, ["A", "B"]);
        assert!(input[0].required);
        let e = AppError::invalid("questions[0].options", "two options");
        assert!(error_for(Some(&e), "questions[0]").is_some());
        assert!(error_for(Some(&e), "questions[1]").is_none());
        let taken = AppError::Conflict {
            code: "slug_taken",
            message: "taken".into(),
        };
        assert!(error_for(Some(&taken), "slug").is_some());
    }

    #[test]
    fn numbers_are_parsed_without_panics() {
        assert_eq!(number("x", "").ok(), Some(None));
        assert_eq!(number("x", "15").ok(), Some(Some(15)));
        assert!(number("x", "-1").is_err() && number("x", "ten").is_err());
    }
}
