use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::html;

use super::html;
use super::layout::{Nav, page};
use crate::domain::MemberState;
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service;
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let (org_name, counts) = ctx
        .run(|s| {
            Ok((
                service::members::organize::organization_name(s.store())?,
                service::members::directory::counts(s.store())?,
            ))
        })
        .await?;
    let user = &ctx.user;
    let count = |state: MemberState| {
        counts
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    };
    let admin = policy::allows(user.member.role, Action::AdministerMembers);
    let body = html! {
        p.muted { "Welcome, " (user.member.first_name) ". You are " (user.member.role.as_str()) " of " strong { (org_name) } "." }
        @if admin {
            section.cards aria-label="Members" {
                a.card href="/members?state=active" {
                    div.number { (count(MemberState::Active)) } div { "Active members" }
                }
                a.card href="/members?state=invited" {
                    div.number { (count(MemberState::Invited)) } div { "Invited, not joined yet" }
                }
                a.card href="/members?state=pending" {
                    div.number { (count(MemberState::Pending)) } div { "Waiting for approval" }
                }
            }
        }
        h2 { "Next steps" }
        ul {
            li { a href="/members" { "Members" } ": invite and organize your team." }
            li { a href="/booking-pages" { "Booking pages" } ": publish pages guests book from." }
            li { a href="/settings" { "Settings" } ": API keys and the audit log." }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Dashboard, "Dashboard", body),
    ))
}
