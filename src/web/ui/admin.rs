//! Admin pages: the mail queue and the scheduled jobs.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::html;
use serde::Deserialize;

use super::layout::{Nav, csrf_field, page};
use super::{html, see_other};
use crate::error::AppError;
use crate::policy;
use crate::service;
use crate::web::api::admin::parse_state;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct QueueQuery {
    state: Option<String>,
    sent: Option<String>,
}

pub async fn mail_queue(
    ctx: Ctx<PageUser>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let wanted = parse_state(query.state.as_deref())?;
    let view = ctx
        .run(move |s| service::org::outbox::view(s.store(), s.admin()?, wanted))
        .await?;
    let user = &ctx.user;
    let tab = |name: &str, label: String| {
        html! { li { a href={ "/admin/mail?state=" (name) } aria-current=[(wanted.as_str() == name).then_some("page")] { (label) } } }
    };
    let body = html! {
        @if query.sent.is_some() { p.notice role="status" { "A test message to " (user.member.email) " is on its way." } }
        ul.tabs {
            (tab("failed", format!("Failed ({})", view.failed)))
            (tab("queued", format!("Queued ({})", view.queued)))
            (tab("sent", format!("Sent ({})", view.sent)))
        }
        @if view.messages.is_empty() {
            div.empty { p { "No messages here." } }
        } @else {
            table {
                thead { tr { th { "Created (UTC)" } th { "To" } th { "Subject or event" } th { "Attempts" } th { "Last error" } th {} } }
                tbody {
                    @for m in &view.messages {
                        tr {
                            td { (m.created_at.format("%Y-%m-%d %H:%M:%S")) }
                            td { (m.destination()) }
                            td { (m.summary()) }
                            td { (m.attempts) }
                            td.fail { (m.last_error.as_deref().unwrap_or("")) }
                            td {
                                @if m.state == crate::domain::DeliveryState::Failed {
                                    form method="post" action={ "/admin/mail/" (m.id) "/retry" } {
                                        (csrf_field(&user.csrf_token))
                                        button type="submit" { "Retry" }
                                    }
                                }
                                @if m.state != crate::domain::DeliveryState::Sent {
                                    " "
                                    form method="post" action={ "/admin/mail/" (m.id) "/drop" } data-confirm="Drop this message? It will not be sent." {
                                        (csrf_field(&user.csrf_token))
                                        button.danger type="submit" { "Drop" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        form method="post" action="/admin/mail/test" {
            (csrf_field(&user.csrf_token))
            button.link type="submit" { "Send a test message to me" }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Settings, "Mail queue", body),
    ))
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn retry(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    post.run(move |s| service::org::outbox::retry(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(see_other("/admin/mail?state=queued"))
}

/// Back to the tab the message was on.
pub async fn drop_message(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let dropped = post
        .run(move |s| {
            let by = service::org::outbox::Requester::Admin(s.admin()?);
            service::org::outbox::drop_message(s.store(), by, &id, s.now)
        })
        .await?;
    Ok(see_other(&format!(
        "/admin/mail?state={}",
        dropped.state.as_str()
    )))
}

pub async fn test_mail(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    post.run(|s| service::org::outbox::send_test_mail(s.store(), s.admin()?, s.now))
        .await?;
    Ok(see_other("/admin/mail?state=queued&sent=1"))
}

pub async fn jobs(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    // The last runs are read from the store: off the executor.
    let jobs = ctx
        .run(|s| Ok(service::org::jobs::status(s.scheduler(), s.admin()?)))
        .await?;
    let user = &ctx.user;
    let body = html! {
        table {
            thead { tr { th { "Job" } th { "Schedule" } th { "Last run (UTC)" } th { "Outcome" } th { "Next run (UTC)" } th {} } }
            tbody {
                @for j in &jobs {
                    tr {
                        td { strong { (j.name) } br; span.muted { (j.description) } }
                        td { code { (j.schedule) } " " span.muted { (j.timezone) } }
                        td {
                            @if let Some(r) = &j.last_run {
                                (r.started_at.format("%Y-%m-%d %H:%M:%S")) br; span.muted { (r.duration_ms) " ms" }
                            } @else { span.muted { "never" } }
                        }
                        td {
                            @if let Some(r) = &j.last_run {
                                span.ok[r.ok] .fail[!r.ok] { (r.outcome) }
                            }
                        }
                        td { @if let Some(n) = j.next_run { (n.format("%Y-%m-%d %H:%M:%S")) } }
                        td {
                            @if j.running { span.muted { "running…" } } @else {
                                form method="post" action={ "/admin/jobs/" (j.name) "/run" } {
                                    (csrf_field(&user.csrf_token))
                                    button type="submit" { "Run now" }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Settings, "Scheduled jobs", body),
    ))
}

pub async fn run_job(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    // Starting a run only spawns a task: no blocking work, so no `run`.
    let admin = policy::admin(post.actor())?;
    let started = service::org::jobs::run_now(&post.app().scheduler, admin, &path.into_inner());
    match started {
        Ok(()) | Err(AppError::Conflict { .. }) => Ok(see_other("/admin/jobs")),
        Err(e) => Err(e),
    }
}
