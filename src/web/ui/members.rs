use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::html;
use serde::Deserialize;

use super::html;
use super::layout::{Nav, page};
use crate::domain::MemberState;
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::{self, members::MemberFilter};
use crate::web::State;
use crate::web::auth::PageUser;

#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    q: Option<String>,
}

pub async fn list(
    state: State,
    user: PageUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let current = query
        .state
        .as_deref()
        .and_then(MemberState::parse)
        .unwrap_or(MemberState::Active);
    let q = query.q.clone().unwrap_or_default();
    let filter = MemberFilter {
        state: Some(current),
        query: Some(q.clone()),
        ..Default::default()
    };
    let actor = user.member.clone();
    let (members, counts) = state
        .into_inner()
        .run(move |s| {
            Ok((
                service::members::list(&s.store, &actor, &filter)?,
                service::members::counts(&s.store)?,
            ))
        })
        .await?;
    let admin = policy::allows(user.member.role, Action::AdministerMembers);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let body = html! {
        @if admin {
            ul.tabs aria-label="Member states" {
                @for (s, n) in &counts {
                    li {
                        a href={ "/members?state=" (s.as_str()) }
                          aria-current=[(*s == current).then_some("page")] {
                            (tab_label(*s)) " (" (n) ")"
                        }
                    }
                }
            }
        }
        form.toolbar method="get" action="/members" role="search" {
            input type="hidden" name="state" value=(current.as_str());
            input type="search" name="q" value=(q) placeholder="Name, email or work number" aria-label="Search members";
            button type="submit" { "Search" }
        }
        @if total <= 1 && admin {
            div.empty {
                p { strong { "You are the only one here so far." } }
                p { "Invite your team by email, share the public join link, or import a CSV file." }
                a.button href="/members/invite" { "Invite teammates" }
            }
        } @else if members.is_empty() {
            div.empty { p { "No members match." } }
        } @else {
            table {
                thead { tr { th { "Name" } th { "Email" } th { "Role" } th { "Department" } th { "Position" } } }
                tbody {
                    @for m in &members {
                        tr {
                            td { (m.display_name()) }
                            td { (m.email) }
                            td { (m.role.as_str()) }
                            td { (m.department.as_deref().unwrap_or("")) }
                            td { (m.position) }
                        }
                    }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&user, Nav::Members, "Members", body),
    ))
}

fn tab_label(state: MemberState) -> &'static str {
    match state {
        MemberState::Active => "Active",
        MemberState::Invited => "Invited",
        MemberState::Pending => "Pending",
        MemberState::Draft => "Not sent",
        MemberState::Rejected => "Rejected",
        MemberState::Terminated => "Terminated",
    }
}
