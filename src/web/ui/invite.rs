//! "Invite teammates": many addresses, the same organizational fields.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::Markup;
use serde::Deserialize;

use super::html;
use crate::domain::{CatalogKind, Member, MemberId, MemberState, Role};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::{
    self,
    members::invitations::{InviteRequest, InviteResult},
};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::{InviteOutcome, InvitePage, Typed, invite_page};
use crate::web::views::pickers;

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

impl InviteForm {
    fn typed(&self) -> Typed<'_> {
        Typed {
            emails: &self.emails,
            role: &self.role,
            department: &self.department,
            position: &self.position,
            location: &self.location,
            supervisor_id: &self.supervisor_id,
            as_new: self.as_new.is_some(),
        }
    }
}

struct Choices {
    departments: Vec<String>,
    positions: Vec<String>,
    locations: Vec<String>,
    supervisors: Vec<Member>,
}

async fn choices(ctx: &Ctx<PageUser>) -> Result<Choices, AppError> {
    ctx.run(|s| {
        let names = |kind| service::members::organize::catalog_names(s.store(), kind);
        Ok(Choices {
            departments: names(CatalogKind::Department)?,
            positions: names(CatalogKind::Position)?,
            locations: names(CatalogKind::Location)?,
            supervisors: service::members::directory::active(s.store())?,
        })
    })
    .await
}

/// The service takes any position and location (the API sets them as it
/// likes); this form offers the organization's lists, so a value from
/// elsewhere is refused rather than given to every invited address.
fn check_lists(c: &Choices, form: &InviteForm) -> Result<(), AppError> {
    let position = form.position.trim();
    pickers::check(
        "position",
        position,
        &pickers::catalog(&c.positions, ""),
        true,
    )?;
    let location = form.location.trim();
    pickers::check(
        "location",
        location,
        &pickers::catalog(&c.locations, ""),
        true,
    )
}

/// The roles the form offers: those the viewer may give, never owner.
/// Ownership is handed over on the member's page, where it is one
/// person's decision, not a side effect of a batch of invitations.
fn offered_roles(viewer: Role) -> Vec<Role> {
    let admin = policy::allows(viewer, Action::AdministerMembers);
    Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Owner)
        .filter(|r| {
            policy::allows(
                viewer,
                Action::ChangeRole {
                    from: Role::Member,
                    to: *r,
                },
            ) || *r <= Role::Member && !admin
        })
        .collect()
}

fn render(
    ctx: &Ctx<PageUser>,
    c: &Choices,
    typed: Typed<'_>,
    results: Option<&[InviteOutcome<'_>]>,
    error: Option<&AppError>,
) -> Markup {
    let user = &ctx.user;
    let roles = offered_roles(user.member.role);
    let view = InvitePage {
        departments: &c.departments,
        positions: &c.positions,
        locations: &c.locations,
        supervisors: &c.supervisors,
        roles: &roles,
        admin: policy::allows(user.member.role, Action::AdministerMembers),
        typed,
        results,
        error,
    };
    invite_page(user, ctx.lang, &view)
}

pub async fn form(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    if !ctx.user.can().invite {
        return Err(AppError::forbidden(
            crate::i18n::Msg::key("err-role-forbids").arg("role", ctx.actor().role.as_str()),
        ));
    }
    let c = choices(&ctx).await?;
    Ok(html(
        StatusCode::OK,
        render(&ctx, &c, Typed::default(), None, None),
    ))
}

pub async fn submit(post: Ctx<CsrfForm<InviteForm>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let role = Role::parse(&form.role);
    let req = InviteRequest {
        emails: service::members::invitations::split_emails(std::slice::from_ref(&form.emails)),
        role,
        department: opt(&form.department),
        position: opt(&form.position),
        location: opt(&form.location),
        supervisor_id: opt(&form.supervisor_id).map(MemberId::from_string),
        as_new: form.as_new.is_some(),
        send: form.mode != "draft",
    };
    let before = choices(&ctx).await?;
    let result = if role == Some(Role::Owner) {
        // The form never offers it (see `offered_roles`).
        Err(AppError::ForbiddenField("role".into()))
    } else if let Err(e) = check_lists(&before, &form) {
        Err(e)
    } else {
        ctx.run(move |s| {
            let results = service::members::invitations::invite(
                s.store(),
                s.base_url(),
                s.actor(),
                req,
                s.now,
            )?;
            // "already_invited" covers members created without sending
            // too; their refusal tells the admin to activate instead.
            let drafts = results
                .iter()
                .map(|r| match (&r.error, &r.member_id) {
                    (Some(e), Some(id)) if e.code == "already_invited" => Ok(
                        service::members::directory::get(s.store(), s.actor(), id)?.state
                            == MemberState::Draft,
                    ),
                    _ => Ok(false),
                })
                .collect::<Result<Vec<bool>, AppError>>()?;
            Ok((results, drafts))
        })
        .await
    };
    // Inviting changes none of the lists the form offers.
    let c = before;
    match result {
        Ok((results, drafts)) => {
            let outcomes: Vec<InviteOutcome<'_>> = results
                .iter()
                .zip(drafts)
                .map(|(result, draft)| InviteOutcome { result, draft })
                .collect();
            let all_ok = results.iter().all(|r: &InviteResult| r.ok);
            let typed = if all_ok {
                Typed::default()
            } else {
                form.typed()
            };
            Ok(html(
                StatusCode::OK,
                render(&ctx, &c, typed, Some(&outcomes), None),
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
            Ok(html(status, render(&ctx, &c, form.typed(), None, Some(&e))))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_never_offers_the_owner_role() {
        for viewer in Role::ALL {
            assert!(!offered_roles(viewer).contains(&Role::Owner), "{viewer:?}");
        }
        assert!(offered_roles(Role::Owner).contains(&Role::Admin));
        assert!(offered_roles(Role::Member).contains(&Role::Member));
    }
}
