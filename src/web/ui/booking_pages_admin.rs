//! Signed-in pages for booking pages: the list of pages with search and
//! filters, the organization's overlap setting, and the page form (create
//! and edit; custom questions without JavaScript). Handlers parse, call the
//! booking-page service and hand the result to the views.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use serde::Deserialize;

use super::booking_forms::{Form, active, nonempty, shown_in_form, value};
use super::{html, see_other};
use crate::domain::{AssignmentMode, BookingPage, Location, LocationKind, Member, MemberId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::i18n::names::member_name;
use crate::policy::{self, Action};
use crate::service::booking::pages::{self as booking_pages, PageFilter, PageInput, QuestionInput};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::booking_admin::pages::{
    self as views, ASSIGNMENTS, FormPage, HostLine, KINDS, PageFilters, PageForm, PagesList,
    QuestionRow,
};

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

fn parse_assignment(s: &str) -> Option<AssignmentMode> {
    ASSIGNMENTS.into_iter().find(|m| m.as_str() == s)
}

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
                Msg::key("bkadm-err-pick-location"),
            ));
        }
    };
    Ok(Some(Location {
        kind,
        value: value.to_string(),
    }))
}

fn kind_key(k: crate::domain::QuestionKind) -> &'static str {
    KINDS
        .iter()
        .find(|(q, _)| *q == k)
        .map_or("short_text", |(_, key)| key)
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

    fn filters(&self) -> PageFilters<'_> {
        PageFilters {
            q: self.q.as_deref(),
            host: self.host.as_deref(),
            enabled: self.enabled.as_deref(),
            assignment: self.assignment.as_deref(),
        }
    }
}

struct Listed {
    pages: Vec<BookingPage>,
    members: Arc<Vec<Member>>,
    allow_overlap: bool,
}

async fn load_pages(ctx: &Ctx<PageUser>, f: PageFilter) -> Result<Listed, AppError> {
    ctx.run(move |s| {
        Ok(Listed {
            pages: booking_pages::list(s.store(), s.actor(), &f)?,
            members: s.store().hosts_shared()?,
            allow_overlap: booking_pages::allow_overlap(s.store())?,
        })
    })
    .await
}

async fn render_pages(
    ctx: &Ctx<PageUser>,
    q: &PagesQuery,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let listed = load_pages(ctx, q.filter()).await?;
    let status = error.map_or(StatusCode::OK, ResponseError::status_code);
    let hosts = active(&listed.members);
    let may_administer = policy::allows(ctx.user.member.role, Action::AdministerOrganization);
    let view = PagesList {
        filters: q.filters(),
        filtered: q.is_filtered(),
        done: q.done.as_deref(),
        error,
        pages: &listed.pages,
        members: &listed.members,
        hosts: &hosts,
        base_url: &ctx.app().base_url,
        allow_overlap: may_administer.then_some(listed.allow_overlap),
    };
    Ok(html(status, views::pages_list(ctx.lang, &ctx.user, &view)))
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

/// Questions are posted as `q.{i}.label` and so on; this many rows at most.
const MAX_ROWS: usize = 40;

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
            assignment: Some(parse_assignment(&self.assignment).ok_or_else(|| {
                AppError::invalid("assignment", Msg::key("bkadm-err-pick-assignment"))
            })?),
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
                    .find(|(_, key)| *key == r.kind)
                    .map(|(k, _)| *k)
                    .ok_or_else(|| {
                        AppError::invalid(
                            &format!("questions[{i}].kind"),
                            Msg::key("bkadm-err-pick-kind"),
                        )
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
        .map_err(|_| AppError::invalid(field, Msg::key("bkadm-err-whole-number")))
}

/// What the page form shows besides the typed values.
struct FormContext {
    /// The stored page when editing.
    page: Option<BookingPage>,
    /// Active members, who may host.
    members: Vec<Member>,
    status: Vec<HostLine>,
}

async fn form_context(ctx: &Ctx<PageUser>, id: Option<String>) -> Result<FormContext, AppError> {
    ctx.run(move |s| {
        let page = id
            .map(|id| booking_pages::get(s.store(), s.actor(), &id))
            .transpose()?;
        // External members host too; offered while Connect is on (or
        // already on the page).
        let members = s.store().hosts_shared()?;
        let connect_on = crate::service::connect::enabled(s.store())?;
        let pattern = &s.config().booking.video_link_pattern;
        let stale = crate::service::calendars::stale::hosts_hidden(s.store())?;
        let status = page.as_ref().map_or_else(Vec::new, |p| {
            booking_pages::host_status_among(p, &members, &stale, pattern)
                .into_iter()
                .map(
                    |h| match (h.problem, members.iter().find(|m| m.id == h.member_id)) {
                        (Some(problem), Some(m)) => {
                            HostLine::Problem(problem.msg(&member_name(s.lang, m)))
                        }
                        (None, Some(m)) => HostLine::Serves(member_name(s.lang, m)),
                        (_, None) => HostLine::Gone(h.member_id.to_string()),
                    },
                )
                .collect()
        });
        let offered = active(&members)
            .into_iter()
            .filter(|m| {
                !m.is_external()
                    || connect_on
                    || page.as_ref().is_some_and(|p| p.hosts.contains(&m.id))
            })
            .collect();
        Ok(FormContext {
            page,
            members: offered,
            status,
        })
    })
    .await
}

fn render_form(
    ctx: &Ctx<PageUser>,
    f: &PageForm,
    fc: &FormContext,
    done: Option<&str>,
    error: Option<&AppError>,
) -> maud::Markup {
    let view = FormPage {
        page: fc.page.as_ref(),
        members: &fc.members,
        status: &fc.status,
        base_url: &ctx.app().base_url,
        done,
        error,
    };
    views::page_form(ctx.lang, &ctx.user, f, &view)
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn new_form(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    // The same refusal creating would give: no form that cannot be sent.
    if !ctx.user.can().manage_own_pages {
        return Err(AppError::forbidden(Msg::key("err-page-create-forbidden")));
    }
    let fc = form_context(&ctx, None).await?;
    let f = PageForm::blank(&ctx.actor().id);
    let body = render_form(&ctx, &f, &fc, None, None);
    Ok(html(StatusCode::OK, body))
}

pub async fn edit_form(
    ctx: Ctx<PageUser>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let fc = form_context(&ctx, Some(path.into_inner())).await?;
    let f = fc.page.as_ref().map(PageForm::of_page).unwrap_or_default();
    let body = render_form(&ctx, &f, &fc, query.done.as_deref(), None);
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
    let body = render_form(ctx, typed, &fc, None, Some(e));
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
    fn blank_question_rows_are_left_out() {
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
    }

    #[test]
    fn numbers_are_parsed_without_panics() {
        assert_eq!(number("x", "").ok(), Some(None));
        assert_eq!(number("x", "15").ok(), Some(Some(15)));
        assert!(number("x", "-1").is_err() && number("x", "ten").is_err());
    }
}
