//! One member's page: the fields the viewer may change are editable, the
//! rest are shown read-only; owners can also apply fields to others.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};

use super::layout::{Nav, csrf_field, page};
use super::{html, see_other};
use crate::domain::{CatalogKind, Member, MemberId, Role};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::{
    self,
    members::organize::APPLICABLE,
    members::profile::{ApplyToOthers, MemberPatch},
};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

fn input(name: &str, label: &str, value: &str, editable: bool, error: Option<&AppError>) -> Markup {
    let err = error
        .filter(|e| e.field() == Some(name))
        .map(|e| e.to_string());
    html! {
        div.field.invalid[err.is_some()] {
            label for={ "f-" (name) } { (label) }
            input id={ "f-" (name) } name=(name) type="text" value=(value) disabled[!editable];
            @if let Some(e) = err { p.error { (e) } }
        }
    }
}

struct View {
    member: Member,
    departments: Vec<String>,
    others: Vec<Member>,
}

async fn load(ctx: &Ctx<PageUser>, id: MemberId) -> Result<View, AppError> {
    ctx.run(move |s| {
        let member = service::members::directory::get(s.store(), s.actor(), &id)?;
        Ok(View {
            departments: service::members::organize::catalog_names(
                s.store(),
                CatalogKind::Department,
            )?,
            others: service::members::directory::others_than(s.store(), &member.id)?,
            member,
        })
    })
    .await
}

fn render(user: &PageUser, v: &View, notice: Option<&str>, error: Option<&AppError>) -> Markup {
    let m = &v.member;
    // The page hides what the service would refuse, from the same table.
    let r = policy::editable_fields(&user.member, m);
    let owner = policy::allows(user.member.role, Action::ApplyToOthers);
    let body = html! {
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        @if let Some(e) = error.filter(|e| e.field().is_none()) { p.form-error role="alert" { (e) } }
        p.muted { (m.email) " · " (m.state.as_str()) " · " (m.role.as_str()) " · " a href={ "/members/" (m.id) "/schedule" } { "Schedule and unavailability" } }
        form method="post" action={ "/members/" (m.id) } {
            (csrf_field(&user.csrf_token))
            fieldset {
                legend { "Personal (only the person themself)" }
                (input("first_name", "First name", &m.first_name, r.personal, error))
                (input("last_name", "Last name", &m.last_name, r.personal, error))
                (input("phone", "Phone", &m.phone, r.personal, error))
                (input("email", "Email (a new address is confirmed by mail)", m.email.as_str(), r.personal, error))
            }
            fieldset {
                legend { "Organization (owners and admins)" }
                div.field {
                    label for="f-department" { "Department" }
                    select id="f-department" name="department" disabled[!r.organizational] {
                        option value="" { "—" }
                        @for d in &v.departments { option value=(d) selected[m.department.as_deref() == Some(d.as_str())] { (d) } }
                    }
                }
                (input("position", "Position", &m.position, r.organizational, error))
                (input("work_number", "Work number", &m.work_number, r.organizational, error))
                (input("location", "Location", &m.location, r.organizational, error))
                div.field {
                    label for="f-role" { "Role" }
                    select id="f-role" name="role" disabled[!r.organizational] {
                        @for role in Role::ALL { option value=(role.as_str()) selected[m.role == role] { (role.as_str()) } }
                    }
                    @if let Some(e) = error.filter(|e| e.field() == Some("role")) { p.error { (e) } }
                }
            }
            fieldset {
                legend { "Professional" }
                (input("contact", "Contact for customers", &m.contact, r.professional, error))
                (input("slack_member_id", "Slack member ID", &m.slack_member_id, r.professional, error))
                (input("meeting_url", "Personal meeting URL", &m.meeting_url, r.professional, error))
                (input("timezone", "Time zone", &m.timezone, r.professional, error))
                (input("language", "Language (en, ja, fr)", &m.language, r.professional, error))
                div.field {
                    label for="f-email_signature" { "Email signature" }
                    textarea id="f-email_signature" name="email_signature" rows="3" disabled[!r.professional] { (m.email_signature) }
                }
            }
            @if owner {
                fieldset {
                    legend { "Apply to other users" }
                    p.muted { "Copy the chosen fields to the chosen members when saving. Names are never copied; choose nothing to save only this member." }
                    @for f in APPLICABLE { label { input type="checkbox" name="apply_fields" value=(f); " " (f.replace('_', " ")) } " " }
                    @for o in &v.others { br; label { input type="checkbox" name="apply_targets" value=(o.id); " " (o.display_name()) " <" (o.email) ">" } }
                }
            }
            button type="submit" { "Save" }
        }
        @if owner {
            form method="post" action={ "/members/" (m.id) "/apply-defaults" } {
                (csrf_field(&user.csrf_token))
                button.link type="submit" { "Apply account defaults (schedule, time zone, language)" }
            }
        }
    };
    page(user, Nav::Members, &m.display_name(), body)
}

pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let v = load(&ctx, MemberId::from_string(path.into_inner())).await?;
    Ok(html(StatusCode::OK, render(&ctx.user, &v, None, None)))
}

pub async fn save(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let user = &ctx.user;
    let id = MemberId::from_string(path.into_inner());
    let v = load(&ctx, id.clone()).await?;
    let r = policy::editable_fields(&user.member, &v.member);
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut patch = MemberPatch::default();
    // Only fields the viewer may change are sent; disabled inputs are not
    // even posted by browsers.
    if r.personal {
        patch.first_name = get("first_name");
        patch.last_name = get("last_name");
        patch.phone = get("phone");
        patch.email = get("email").filter(|e| !e.eq_ignore_ascii_case(v.member.email.as_str()));
    }
    if r.organizational {
        patch.department = get("department").map(|d| (!d.is_empty()).then_some(d));
        patch.position = get("position");
        patch.work_number = get("work_number");
        patch.location = get("location");
        patch.role = get("role")
            .and_then(|s| Role::parse(&s))
            .filter(|role| *role != v.member.role);
    }
    if r.professional {
        patch.contact = get("contact");
        patch.slack_member_id = get("slack_member_id");
        patch.meeting_url = get("meeting_url");
        patch.timezone = get("timezone");
        patch.language = get("language");
        patch.email_signature = get("email_signature");
    }
    let fields: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "apply_fields")
        .map(|(_, v)| v.clone())
        .collect();
    let targets: Vec<MemberId> = form
        .iter()
        .filter(|(k, _)| k == "apply_targets")
        .map(|(_, v)| MemberId::from_string(v.clone()))
        .collect();
    let target_id = id.clone();
    let result = ctx
        .run(move |s| {
            // Only owners see the "apply to other users" boxes; from anyone
            // else they are ignored, as the page never offered them.
            let apply = s
                .owner()
                .ok()
                .filter(|_| !fields.is_empty() && !targets.is_empty())
                .map(|owner| ApplyToOthers {
                    owner,
                    targets,
                    fields,
                });
            service::members::profile::save_form(
                s.store(),
                s.base_url(),
                s.actor(),
                &target_id,
                patch,
                apply,
                s.now,
            )
        })
        .await;
    match result {
        Ok((edited, applied)) => {
            let v = load(&ctx, id).await?;
            let mut notice = "Saved.".to_string();
            if let Some(p) = edited.pending_email {
                notice.push_str(&format!(
                    " A confirmation link was sent to {p}; the address changes once it is followed."
                ));
            }
            if applied > 0 {
                notice.push_str(&format!(" Applied to {applied} other member(s)."));
            }
            Ok(html(StatusCode::OK, render(user, &v, Some(&notice), None)))
        }
        Err(
            e
            @ (AppError::Invalid { .. } | AppError::ForbiddenField(_) | AppError::Conflict { .. }),
        ) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(user, &v, None, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}

pub async fn apply_defaults(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let target = id.clone();
    post.run(move |s| {
        service::members::organize::apply_defaults(s.store(), s.owner()?, &target, s.now)
    })
    .await?;
    Ok(see_other(&format!("/members/{id}")))
}
