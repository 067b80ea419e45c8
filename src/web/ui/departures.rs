//! The departure page: decide what happens to a member's bookings and
//! external members, then terminate.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::{html, see_other};
use crate::domain::{MemberId, MemberState, Transition};
use crate::error::AppError;
use crate::service::departures::{self, Decisions, Departure, DepartureSettings};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::{Ctx, Services};
use crate::web::views::members::{DeparturePage, departure_page, done_text};

fn settings<'a, M>(s: &'a Services<'_, M>) -> DepartureSettings<'a> {
    DepartureSettings {
        base_url: s.base_url(),
        video_pattern: &s.config().booking.video_link_pattern,
    }
}

/// The form's choices as decisions: `b-{booking}` is "cancel" or the id
/// of the member who takes it.
fn decisions_of(form: &HashMap<String, String>) -> (Decisions, HashMap<String, String>) {
    let mut d = Decisions::default();
    let mut chosen = HashMap::new();
    for (k, v) in form {
        let Some(booking) = k.strip_prefix("b-") else {
            continue;
        };
        match v.as_str() {
            "" => {}
            "cancel" => d.cancel.push(booking.to_string()),
            member => {
                d.reassign
                    .insert(booking.to_string(), MemberId::from_string(member));
            }
        }
        chosen.insert(booking.to_string(), v.clone());
    }
    d.external_members_to = form
        .get("external_members_to")
        .filter(|v| !v.is_empty())
        .map(MemberId::from_string);
    d.reason = form.get("reason").cloned();
    (d, chosen)
}

async fn render(
    ctx: &Ctx<PageUser>,
    id: MemberId,
    d: Option<Departure>,
    form: &HashMap<String, String>,
    error: Option<&AppError>,
) -> Result<HttpResponse, AppError> {
    let (decisions, chosen) = decisions_of(form);
    let (member, departure, others) = ctx
        .run(move |s| {
            let admin = s.admin()?;
            let member = s.store().member(&id)?.ok_or(AppError::NotFound)?;
            let departure = match d {
                Some(d) => d,
                None => {
                    departures::preview(s.store(), &settings(s), admin, &id, &decisions, s.now)?
                }
            };
            let others: Vec<_> = s
                .store()
                .members_shared()?
                .iter()
                .filter(|m| m.state == MemberState::Active && m.id != id)
                .cloned()
                .collect();
            Ok((member, departure, others))
        })
        .await?;
    let status = error.map_or(StatusCode::OK, |_| StatusCode::CONFLICT);
    let page = DeparturePage {
        member: &member,
        departure: &departure,
        others: &others,
        chosen: &chosen,
        external_to: form.get("external_members_to").map_or("", String::as_str),
        reason: form.get("reason").map_or("", String::as_str),
        error,
    };
    Ok(html(status, departure_page(&ctx.user, ctx.lang, &page)))
}

/// GET /members/{id}/departure
pub async fn show(ctx: Ctx<PageUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    render(&ctx, id, None, &HashMap::new(), None).await
}

/// POST /members/{id}/departure: terminate with the choices made.
pub async fn submit(
    path: web::Path<String>,
    post: Ctx<CsrfForm<HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let id = MemberId::from_string(path.into_inner());
    let (decisions, _) = decisions_of(&form);
    let target = id.clone();
    let result = ctx
        .run(move |s| {
            departures::terminate(
                s.store(),
                &settings(s),
                s.admin()?,
                &target,
                &decisions,
                s.now,
            )
        })
        .await;
    match result {
        Ok((m, _)) => Ok(see_other(&format!(
            "/members?{}",
            serde_urlencoded::to_string([(
                "done",
                done_text(ctx.lang, m.email.as_str(), Transition::Terminate)
            )])
            .unwrap_or_default()
        ))),
        Err(e @ (AppError::Decisions { .. } | AppError::Invalid { .. })) => {
            render(&ctx, id, None, &form, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}
