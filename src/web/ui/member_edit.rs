//! One member's page and its save: the handler sends only the fields the
//! viewer may change, and owners can copy fields to other members.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::{html, see_other};
use crate::domain::{CatalogKind, Member, MemberId, Role};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action};
use crate::service::{
    self,
    members::profile::{ApplyToOthers, MemberPatch},
};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::{ApplyChoice, OrgLists, ProfilePage, Saved, profile_page};
use crate::web::views::pickers;

struct View {
    member: Member,
    lists: OrgLists,
    others: Vec<Member>,
}

async fn load(ctx: &Ctx<PageUser>, id: MemberId) -> Result<View, AppError> {
    ctx.run(move |s| {
        let (store, actor) = (s.store(), s.actor());
        let member = service::members::directory::get(store, actor, &id)?;
        let names = |kind| service::members::organize::catalog_names(store, kind);
        let supervisors = service::members::directory::active(store)?;
        // A supervisor who left is still named; one the viewer may not
        // see is left out (the page then shows the id).
        let former_supervisor = match &member.supervisor_id {
            Some(sup) if !supervisors.iter().any(|m| &m.id == sup) => {
                service::members::directory::get(store, actor, sup).ok()
            }
            _ => None,
        };
        Ok(View {
            lists: OrgLists {
                departments: names(CatalogKind::Department)?,
                positions: names(CatalogKind::Position)?,
                locations: names(CatalogKind::Location)?,
                supervisors,
                former_supervisor,
            },
            others: service::members::directory::others_than(store, &member.id)?,
            member,
        })
    })
    .await
}

/// `shown`: the member as the form shows it (with what was typed after a
/// refusal); the rights are those over the member as saved.
fn render(
    ctx: &Ctx<PageUser>,
    v: &View,
    shown: &Member,
    saved: Option<Saved>,
    error: Option<&AppError>,
    apply: &ApplyChoice,
) -> maud::Markup {
    let user = &ctx.user;
    let view = ProfilePage {
        member: shown,
        lists: &v.lists,
        others: &v.others,
        // The page hides what the service would refuse, from the same table.
        editable: policy::editable_fields(&user.member, &v.member),
        owner: policy::allows(user.member.role, Action::ApplyToOthers),
        saved,
        error,
        apply,
    };
    profile_page(user, ctx.lang, &view)
}

pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let v = load(&ctx, MemberId::from_string(path.into_inner())).await?;
    Ok(html(
        StatusCode::OK,
        render(&ctx, &v, &v.member, None, None, &ApplyChoice::default()),
    ))
}

/// The member with the typed values of a refused save, to show them again.
fn as_typed(member: &Member, patch: &MemberPatch) -> Member {
    let mut m = member.clone();
    let set = |field: &mut String, typed: &Option<String>| {
        if let Some(t) = typed {
            field.clone_from(t);
        }
    };
    set(&mut m.first_name, &patch.first_name);
    set(&mut m.last_name, &patch.last_name);
    set(&mut m.phone, &patch.phone);
    set(&mut m.position, &patch.position);
    set(&mut m.work_number, &patch.work_number);
    set(&mut m.location, &patch.location);
    set(&mut m.contact, &patch.contact);
    set(&mut m.slack_member_id, &patch.slack_member_id);
    set(&mut m.meeting_url, &patch.meeting_url);
    set(&mut m.timezone, &patch.timezone);
    set(&mut m.language, &patch.language);
    set(&mut m.email_signature, &patch.email_signature);
    if let Some(d) = &patch.department {
        m.department.clone_from(d);
    }
    if let Some(s) = &patch.supervisor_id {
        m.supervisor_id.clone_from(s);
    }
    if let Some(role) = patch.role {
        m.role = role;
    }
    if let Some(email) = patch.email.as_deref().and_then(crate::domain::Email::parse) {
        m.email = email;
    }
    m
}

/// Positions and locations are free text to the service (the API sets
/// them as it likes); this form offers the organization's lists, so a
/// value from elsewhere is refused here rather than stored.
fn check_lists(v: &View, patch: &MemberPatch) -> Result<(), AppError> {
    if let Some(p) = &patch.position {
        let offered = pickers::catalog(&v.lists.positions, &v.member.position);
        pickers::check("position", p, &offered, true)?;
    }
    if let Some(l) = &patch.location {
        let offered = pickers::catalog(&v.lists.locations, &v.member.location);
        pickers::check("location", l, &offered, true)?;
    }
    Ok(())
}

/// Copying the role changes what the other members may do, so the page
/// asks for it to be confirmed rather than letting one ticked box among
/// many do it.
fn unconfirmed_role_copy(choice: &ApplyChoice) -> Option<AppError> {
    let copies_role = choice.fields.iter().any(|f| f == "role") && !choice.targets.is_empty();
    (copies_role && !choice.role_confirmed).then(|| AppError::Invalid {
        code: "role_copy_unconfirmed",
        message: Msg::key("mem-apply-role-unconfirmed"),
        field: None,
    })
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
        // Sent only when changed: a supervisor who has since left must not
        // block saving the rest of the page.
        patch.supervisor_id = get("supervisor_id")
            .map(|s| (!s.is_empty()).then(|| MemberId::from_string(s)))
            .filter(|s| *s != v.member.supervisor_id);
    }
    if r.professional {
        patch.contact = get("contact");
        patch.slack_member_id = get("slack_member_id");
        patch.meeting_url = get("meeting_url");
        patch.timezone = get("timezone");
        patch.language = get("language");
        patch.email_signature = get("email_signature");
    }
    let choice = ApplyChoice {
        fields: form
            .iter()
            .filter(|(k, _)| k == "apply_fields")
            .map(|(_, v)| v.clone())
            .collect(),
        targets: form
            .iter()
            .filter(|(k, _)| k == "apply_targets")
            .map(|(_, v)| MemberId::from_string(v.clone()))
            .collect(),
        role_confirmed: get("apply_role_confirmed").is_some(),
    };
    let shown = as_typed(&v.member, &patch);
    let owner = policy::allows(user.member.role, Action::ApplyToOthers);
    let early = check_lists(&v, &patch)
        .err()
        .or_else(|| owner.then(|| unconfirmed_role_copy(&choice)).flatten());
    if let Some(e) = early {
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ctx, &v, &shown, None, Some(&e), &choice),
        ));
    }
    let (fields, targets) = (choice.fields.clone(), choice.targets.clone());
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
            let saved = Saved {
                pending_email: edited.pending_email,
                applied,
            };
            Ok(html(
                StatusCode::OK,
                render(
                    &ctx,
                    &v,
                    &v.member,
                    Some(saved),
                    None,
                    &ApplyChoice::default(),
                ),
            ))
        }
        Err(
            e
            @ (AppError::Invalid { .. } | AppError::ForbiddenField(_) | AppError::Conflict { .. }),
        ) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ctx, &v, &shown, None, Some(&e), &choice),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(fields: &[&str], targets: usize, confirmed: bool) -> ApplyChoice {
        ApplyChoice {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            targets: (0..targets).map(|_| MemberId::new()).collect(),
            role_confirmed: confirmed,
        }
    }

    #[test]
    fn copying_the_role_to_others_needs_its_confirmation() {
        assert!(unconfirmed_role_copy(&choice(&["role", "contact"], 2, false)).is_some());
        assert!(unconfirmed_role_copy(&choice(&["role"], 1, true)).is_none());
        assert!(unconfirmed_role_copy(&choice(&["contact"], 2, false)).is_none());
        // Nobody chosen: nothing is copied, nothing to confirm.
        assert!(unconfirmed_role_copy(&choice(&["role"], 0, false)).is_none());
    }
}
