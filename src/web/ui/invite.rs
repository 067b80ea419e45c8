//! "Invite teammates": many addresses, the same organizational fields.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;

use super::html;
use super::layout::{Nav, csrf_field, page};
use crate::domain::{CatalogKind, Member, MemberId, Role};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::{
    self,
    members::invitations::{InviteRequest, InviteResult},
};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct InviteForm {
    emails: String,
    role: String,
    department: String,
    position: String,
    location: String,
    supervisor_id: String,
    as_new: Option<String>,
    /// "send" or "draft"
    mode: String,
}

struct Choices {
    departments: Vec<String>,
    supervisors: Vec<Member>,
}

async fn choices(ctx: &Ctx<PageUser>) -> Result<Choices, AppError> {
    ctx.run(|s| {
        Ok(Choices {
            departments: service::members::organize::catalog_names(
                s.store(),
                CatalogKind::Department,
            )?,
            supervisors: service::members::directory::active(s.store())?,
        })
    })
    .await
}

fn render(
    user: &PageUser,
    c: &Choices,
    typed: &InviteForm,
    results: Option<&[InviteResult]>,
    error: Option<&AppError>,
) -> Markup {
    let admin = policy::allows(user.member.role, Action::AdministerMembers);
    let roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| {
            policy::allows(
                user.member.role,
                Action::ChangeRole {
                    from: Role::Member,
                    to: *r,
                },
            ) || *r <= Role::Member && !admin
        })
        .filter(|r| *r != Role::Owner || user.member.role == Role::Owner)
        .collect();
    let body = html! {
        @if let Some(e) = error { p.form-error role="alert" { (e) } }
        @if let Some(results) = results {
            table data-testid="invite-results" {
                thead { tr { th { "Email" } th { "Result" } } }
                tbody {
                    @for r in results {
                        tr {
                            td { (r.email) }
                            td {
                                @if r.ok { span.ok { "Invited" } }
                                @if let Some(e) = &r.error { span.fail { (e.message) } " " span.muted { "(" (e.code) ")" } }
                            }
                        }
                    }
                }
            }
        }
        @if !admin { p.muted { "An admin approves the people you invite before they can sign in." } }
        form method="post" action="/members/invite" {
            (csrf_field(&user.csrf_token))
            div.field {
                label for="f-emails" { "Emails" }
                textarea id="f-emails" name="emails" rows="4" required placeholder="ann@example.org, bob@example.org" { (typed.emails) }
                p.muted { "Separate addresses with commas, spaces or new lines." }
            }
            div.field {
                label for="f-department" { "Department" }
                select id="f-department" name="department" {
                    option value="" { "—" }
                    @for d in &c.departments { option value=(d) selected[typed.department == *d] { (d) } }
                }
            }
            div.field { label for="f-position" { "Position" } input id="f-position" name="position" type="text" value=(typed.position); }
            div.field { label for="f-location" { "Location" } input id="f-location" name="location" type="text" value=(typed.location); }
            div.field {
                label for="f-role" { "Role" }
                select id="f-role" name="role" {
                    @for r in &roles { option value=(r.as_str()) selected[typed.role == r.as_str() || (typed.role.is_empty() && *r == Role::Member)] { (r.as_str()) } }
                }
            }
            div.field {
                label for="f-supervisor" { "Supervisor" }
                select id="f-supervisor" name="supervisor_id" {
                    option value="" { "—" }
                    @for m in &c.supervisors { option value=(m.id) selected[typed.supervisor_id == m.id.as_str()] { (m.display_name()) " <" (m.email) ">" } }
                }
            }
            @if admin {
                div.field { label { input type="checkbox" name="as_new" value="1" checked[typed.as_new.is_some()]; " Invite removed addresses as new people (they see nothing of the former account)" } }
            }
            div.toolbar {
                button type="submit" name="mode" value="send" { "Send invitations" }
                @if admin { button.link type="submit" name="mode" value="draft" { "Create without sending" } }
            }
        }
    };
    page(user, Nav::Members, "Invite teammates", body)
}

pub async fn form(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let c = choices(&ctx).await?;
    Ok(html(
        StatusCode::OK,
        render(&ctx.user, &c, &InviteForm::default(), None, None),
    ))
}

pub async fn submit(post: Ctx<CsrfForm<InviteForm>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let req = InviteRequest {
        emails: service::members::invitations::split_emails(std::slice::from_ref(&form.emails)),
        role: Role::parse(&form.role),
        department: opt(&form.department),
        position: opt(&form.position),
        location: opt(&form.location),
        supervisor_id: opt(&form.supervisor_id).map(MemberId::from_string),
        as_new: form.as_new.is_some(),
        send: form.mode != "draft",
    };
    let result = ctx
        .run(move |s| {
            service::members::invitations::invite(s.store(), s.base_url(), s.actor(), req, s.now)
        })
        .await;
    let c = choices(&ctx).await?;
    match result {
        Ok(results) => {
            let all_ok = results.iter().all(|r| r.ok);
            let keep = if all_ok { InviteForm::default() } else { form };
            Ok(html(
                StatusCode::OK,
                render(user, &c, &keep, Some(&results), None),
            ))
        }
        Err(
            e @ (AppError::Invalid { .. } | AppError::ForbiddenField(_) | AppError::Forbidden(_)),
        ) => {
            let status = if matches!(e, AppError::Invalid { .. }) {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::FORBIDDEN
            };
            Ok(html(status, render(user, &c, &form, None, Some(&e))))
        }
        Err(e) => Err(e),
    }
}
