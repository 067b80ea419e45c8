//! Connect's HTML: the external members pages for admins, the Messages
//! list, and the candidate-date page behind a mailed link.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use serde::Deserialize;

use super::layout::{Shell, error_page};
use super::{html, see_other};
use crate::domain::{ExternalMember, MemberId};
use crate::error::AppError;
use crate::service::connect::dates::{DatesInput, LinkProblem, RangeInput};
use crate::service::connect::{self, ExternalInput};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::connect::dates_page::{self, DatesPage, Row};
use crate::web::views::connect::{self as views, DetailPage, Done, InviteFields, ListPage};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/external-members", web::get().to(list))
        .route("/external-members", web::post().to(invite))
        .route("/external-members/connect", web::post().to(switch))
        .route("/external-members/{id}", web::get().to(detail))
        .route("/external-members/{id}", web::post().to(save))
        .route(
            "/external-members/{id}/request-dates",
            web::post().to(request_dates),
        )
        .route("/external-members/{id}/delete", web::post().to(delete))
        .route("/messages", web::get().to(messages))
        .route("/connect/{token}", web::get().to(dates_form))
        .route("/connect/{token}", web::post().to(dates_submit));
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: Option<String>,
}

fn input_of(f: &InviteFields) -> ExternalInput {
    ExternalInput {
        name: Some(f.name.clone()),
        email: Some(f.email.clone()),
        organization: Some(f.organization.clone()),
        contact_member_id: (!f.contact_member_id.is_empty())
            .then(|| MemberId::from_string(f.contact_member_id.clone())),
        language: Some(f.language.clone()),
    }
}

async fn render_list(
    ctx: &Ctx<PageUser>,
    filter: &str,
    done: Option<Done>,
    typed: &InviteFields,
    error: Option<&AppError>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (dir, team) = ctx
        .run(|s| {
            let dir = connect::list(s.store(), &s.connect(), s.actor())?;
            Ok((dir, s.store().members_shared()?))
        })
        .await?;
    let page = ListPage {
        enabled: dir.enabled,
        max: dir.max,
        members: &dir.members,
        team: &team,
        filter,
        done,
        typed,
        error,
    };
    Ok(html(status, views::list(&ctx.user, ctx.lang, &page)))
}

/// GET /external-members
pub async fn list(
    ctx: Ctx<PageUser>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let done = query.done.as_deref().and_then(Done::parse);
    render_list(
        &ctx,
        &query.q,
        done,
        &InviteFields::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// POST /external-members: invite; a refusal shows the form as typed.
pub async fn invite(post: Ctx<CsrfForm<InviteFields>>) -> Result<HttpResponse, AppError> {
    let (ctx, typed) = post.into_form();
    let input = input_of(&typed);
    let result = ctx
        .run(move |s| connect::invite(s.store(), &s.connect(), s.actor(), input, s.now))
        .await;
    match result {
        Ok(_) => Ok(see_other("/external-members?done=invited")),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let status = e.status_code();
            render_list(&ctx, "", None, &typed, Some(&e), status).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct SwitchForm {
    enabled: String,
}

/// POST /external-members/connect: Connect on or off.
pub async fn switch(post: Ctx<CsrfForm<SwitchForm>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let on = form.enabled == "true";
    ctx.run(move |s| connect::set_enabled(s.store(), s.actor(), on, s.now))
        .await?;
    Ok(see_other(if on {
        "/external-members?done=on"
    } else {
        "/external-members?done=off"
    }))
}

#[derive(Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn render_detail(
    ctx: &Ctx<PageUser>,
    id: MemberId,
    done: Option<Done>,
    typed: Option<&InviteFields>,
    error: Option<&AppError>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (x, team, pages, upcoming): (ExternalMember, _, _, usize) = ctx
        .run(move |s| {
            let x = connect::get(s.store(), s.actor(), &id)?;
            let pages: Vec<_> = crate::store::pages_in(&s.store().read()?)?
                .into_iter()
                .filter(|p| p.hosts.contains(&x.id))
                .collect();
            let upcoming = connect::future_bookings(s.store(), &x.id, s.now)?;
            Ok((x, s.store().members_shared()?, pages, upcoming))
        })
        .await?;
    let page = DetailPage {
        x: &x,
        team: &team,
        pages: &pages,
        upcoming,
        done,
        typed,
        error,
        now: ctx.now,
        manage: connect::may_manage(&ctx.user.member),
    };
    Ok(html(status, views::detail(&ctx.user, ctx.lang, &page)))
}

/// GET /external-members/{id}
pub async fn detail(
    ctx: Ctx<PageUser>,
    path: web::Path<String>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let done = query.done.as_deref().and_then(Done::parse);
    render_detail(&ctx, id, done, None, None, StatusCode::OK).await
}

/// POST /external-members/{id}: edit.
pub async fn save(
    path: web::Path<String>,
    post: Ctx<CsrfForm<InviteFields>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, typed) = post.into_form();
    let id = MemberId::from_string(path.into_inner());
    let input = input_of(&typed);
    let target = id.clone();
    let result = ctx
        .run(move |s| connect::update(s.store(), s.actor(), &target, input, s.now))
        .await;
    match result {
        Ok(x) => Ok(see_other(&format!("/external-members/{}?done=saved", x.id))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let status = e.status_code();
            render_detail(&ctx, id, None, Some(&typed), Some(&e), status).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

/// POST /external-members/{id}/request-dates: the gear action.
pub async fn request_dates(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let x = post
        .run(move |s| connect::request_dates(s.store(), &s.connect(), s.actor(), &id, s.now))
        .await?;
    Ok(see_other(&format!(
        "/external-members/{}?done=requested",
        x.id
    )))
}

/// POST /external-members/{id}/delete
pub async fn delete(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    post.run(move |s| {
        connect::delete(
            s.store(),
            &s.connect(),
            s.actor(),
            &id,
            Default::default(),
            s.now,
        )
    })
    .await?;
    Ok(see_other("/external-members?done=deleted"))
}

/// GET /messages
pub async fn messages(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let list = ctx
        .run(|s| connect::messages::list(s.store(), s.actor(), s.now))
        .await?;
    Ok(html(
        StatusCode::OK,
        views::messages::messages(&ctx.user, ctx.lang, &list),
    ))
}

/// A dead link: the reason in the browser's language.
fn dead_link(ctx: &Ctx, problem: LinkProblem) -> HttpResponse {
    let e = problem.error();
    let status = match problem {
        LinkProblem::Unknown => StatusCode::NOT_FOUND,
        LinkProblem::Disabled => StatusCode::CONFLICT,
        LinkProblem::Expired | LinkProblem::Superseded => StatusCode::GONE,
    };
    html(status, error_page(ctx.lang, status, &e.text(ctx.lang)))
}

/// What a link opens: the external member, when the link expires and
/// who asks (the organization's name); or the page that says why not.
async fn open_link(
    ctx: &Ctx,
    token: &str,
) -> Result<Result<(ExternalMember, chrono::DateTime<chrono::Utc>, String), HttpResponse>, AppError>
{
    let t = token.to_string();
    let opened = ctx
        .run(move |s| {
            let opened = connect::dates::open_with_expiry(s.store(), &t, s.now)?;
            let org = s
                .store()
                .organization()?
                .map(|o| o.name)
                .unwrap_or_default();
            Ok(opened.map(|(x, expires)| (x, expires, org)))
        })
        .await?;
    Ok(opened.map_err(|problem| dead_link(ctx, problem)))
}

fn rows_of(x: &ExternalMember) -> Vec<Row> {
    rows_in(x, &x.timezone)
}

/// The saved ranges as the form's rows, in `zone`.
fn rows_in(x: &ExternalMember, zone: &str) -> Vec<Row> {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    x.ranges
        .iter()
        .map(|r| Row {
            start: dates_page::local_input(r.start, tz),
            end: dates_page::local_input(r.end, tz),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct DatesQuery {
    /// The zone to show times in (the browser's, on a first visit).
    #[serde(default)]
    tz: Option<String>,
}

/// GET /connect/{token}
pub async fn dates_form(
    ctx: Ctx,
    path: web::Path<String>,
    query: web::Query<DatesQuery>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (x, expires_at, org) = match open_link(&ctx, &token).await? {
        Ok(found) => found,
        Err(dead) => return Ok(dead),
    };
    let asked = query.into_inner().tz;
    let zone = asked
        .as_deref()
        .filter(|z| z.parse::<chrono_tz::Tz>().is_ok())
        .unwrap_or(&x.timezone)
        .to_string();
    let rows = rows_in(&x, &zone);
    let page = DatesPage {
        shell: Shell::of(&ctx),
        name: &x.name,
        organization: &x.organization,
        asker: &org,
        timezone: &zone,
        // Until dates were saved once, the browser's zone is a better
        // guess than the member in charge's.
        detect_zone: asked.is_none() && x.dates_entered_at.is_none(),
        rows: &rows,
        message: &x.message,
        error: None,
        saved: false,
        expires_at: Some(expires_at),
        now: ctx.now,
    };
    Ok(html(StatusCode::OK, dates_page::form(&page)))
}

/// POST /connect/{token}: `step` review (show the ranges in words), edit
/// (back to the form), or save.
pub async fn dates_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let pairs = form.into_inner();
    let one = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let many = |k: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let (starts, ends) = (many("start"), many("end"));
    // Rows left empty are skipped; the others keep their order, so an
    // error's `ranges[i]` is the i-th row shown again.
    let rows: Vec<Row> = (0..starts.len().max(ends.len()))
        .map(|i| Row {
            start: starts.get(i).cloned().unwrap_or_default(),
            end: ends.get(i).cloned().unwrap_or_default(),
        })
        .filter(|r| !(r.start.trim().is_empty() && r.end.trim().is_empty()))
        .collect();
    let (step, message, timezone) = (one("step"), one("message"), one("timezone"));
    let (x, expires_at, org) = match open_link(&ctx, &token).await? {
        Ok(found) => found,
        Err(dead) => return Ok(dead),
    };
    let zone = if timezone.parse::<chrono_tz::Tz>().is_ok() {
        timezone.clone()
    } else {
        x.timezone.clone()
    };
    let input = DatesInput {
        ranges: rows
            .iter()
            .map(|r| RangeInput {
                start: r.start.clone(),
                end: r.end.clone(),
            })
            .collect(),
        message: message.clone(),
        timezone: Some(zone.clone()),
    };
    let shell = Shell::of(&ctx);
    let base = DatesPage {
        shell,
        name: &x.name,
        organization: &x.organization,
        asker: &org,
        timezone: &zone,
        detect_zone: false,
        rows: &rows,
        message: &message,
        error: None,
        saved: false,
        expires_at: Some(expires_at),
        now: ctx.now,
    };
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let checked = connect::dates::check(&input, tz, ctx.now);
    match (step.as_str(), checked) {
        (_, Err(e @ AppError::Invalid { .. })) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            dates_page::form(&DatesPage {
                error: Some(&e),
                ..base
            }),
        )),
        (_, Err(e)) => Err(e),
        ("edit", Ok(_)) => Ok(html(StatusCode::OK, dates_page::form(&base))),
        ("save", Ok(_)) => {
            let result = ctx
                .run(move |s| connect::dates::save(s.store(), s.base_url(), &token, input, s.now))
                .await;
            match result {
                Ok(saved) => {
                    let rows = rows_of(&saved);
                    let p = DatesPage {
                        rows: &rows,
                        message: &saved.message,
                        timezone: &saved.timezone,
                        saved: true,
                        ..base
                    };
                    Ok(html(StatusCode::OK, dates_page::form(&p)))
                }
                Err(e @ AppError::Invalid { .. }) => Ok(html(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    dates_page::form(&DatesPage {
                        error: Some(&e),
                        ..base
                    }),
                )),
                Err(e @ AppError::Gone { .. }) => Ok(html(
                    StatusCode::GONE,
                    error_page(ctx.lang, StatusCode::GONE, &e.text(ctx.lang)),
                )),
                Err(e) => Err(e),
            }
        }
        (_, Ok(ranges)) => Ok(html(StatusCode::OK, dates_page::review(&base, &ranges))),
    }
}
