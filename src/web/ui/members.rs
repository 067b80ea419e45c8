//! The members list: tabs per state, search and filters, per-row actions
//! and bulk edit (one form; row buttons post elsewhere with `formaction`,
//! so it all works without JavaScript).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{Nav, csrf_field, page};
use super::{html, see_other};
use crate::domain::{CatalogKind, MemberId, MemberState, Role, Transition};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::{self, members::directory::MemberFilter};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    state: Option<String>,
    q: Option<String>,
    department: Option<String>,
    role: Option<String>,
    location: Option<String>,
    /// Zero-based; read by `page_index`, so any text is accepted.
    page: Option<String>,
    done: Option<String>,
}

const PAGE: usize = 50;

/// The highest page index a link can ask for: 50 million members, far
/// beyond any organization, and small enough that `page × PAGE` and
/// `page + 1` fit in a `usize` on every platform.
const MAX_PAGE: usize = 999_999;

/// The page index `?page=` asks for. The value comes from the address
/// bar, so it is never trusted: a number too large is clamped to
/// `MAX_PAGE`, anything that is not a number (negative, empty, garbage)
/// means the first page, as a missing one does.
fn page_index(raw: Option<&str>) -> usize {
    use std::num::IntErrorKind;
    match raw.map(str::trim).map(str::parse::<usize>) {
        Some(Ok(n)) => n.min(MAX_PAGE),
        Some(Err(e)) if *e.kind() == IntErrorKind::PosOverflow => MAX_PAGE,
        _ => 0,
    }
}

/// The index of the last page that has members (0 when none do).
fn last_page(total: usize) -> usize {
    total.div_ceil(PAGE).saturating_sub(1)
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

/// The actions a row offers in its state.
fn actions(state: MemberState) -> &'static [(&'static str, &'static str)] {
    match state {
        MemberState::Draft => &[
            ("activate", "Send invitation"),
            ("cancel-invitation", "Delete"),
        ],
        MemberState::Invited => &[
            ("resend-invitation", "Resend"),
            ("cancel-invitation", "Cancel invitation"),
        ],
        MemberState::Pending => &[("approve", "Approve"), ("reject", "Reject")],
        MemberState::Rejected => &[("reexamine", "Re-examine")],
        MemberState::Active => &[("terminate", "Remove")],
        MemberState::Terminated => &[("restore", "Restore")],
    }
}

fn options(names: &[String], selected: Option<&str>, empty: &str) -> Markup {
    html! {
        option value="" { (empty) }
        @for n in names { option value=(n) selected[selected == Some(n.as_str())] { (n) } }
    }
}

pub async fn list(
    ctx: Ctx<PageUser>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let current = query
        .state
        .as_deref()
        .and_then(MemberState::parse)
        .unwrap_or(MemberState::Active);
    let filter = MemberFilter {
        state: Some(current),
        query: query.q.clone(),
        department: query.department.clone(),
        role: query.role.as_deref().and_then(Role::parse),
        location: query.location.clone(),
    };
    let asked = page_index(query.page.as_deref());
    let (page_no, found, counts, departments) = ctx
        .run(move |s| {
            let list = |page: usize| {
                let offset = page.saturating_mul(PAGE);
                service::members::directory::list(s.store(), s.actor(), &filter, offset, PAGE)
            };
            // Past the end (an old link, a hand-made address): show the
            // last page rather than an empty one.
            let mut page_no = asked;
            let mut found = list(page_no)?;
            if found.members.is_empty() && page_no > last_page(found.total) {
                page_no = last_page(found.total);
                found = list(page_no)?;
            }
            Ok((
                page_no,
                found,
                service::members::directory::counts(s.store())?,
                service::members::organize::catalog_names(s.store(), CatalogKind::Department)?,
            ))
        })
        .await?;
    let user = &ctx.user;
    let admin = policy::allows(user.member.role, Action::AdministerMembers);
    let can_invite = admin || policy::allows(user.member.role, Action::InviteNeedingApproval);
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let shown = &found.members;
    let keep = |extra: &str| {
        let mut q = vec![("state", current.as_str().to_string())];
        for (k, v) in [
            ("q", &query.q),
            ("department", &query.department),
            ("role", &query.role),
            ("location", &query.location),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                q.push((k, v.clone()));
            }
        }
        format!(
            "/members?{}{extra}",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )
    };
    let body = html! {
        @if let Some(done) = &query.done { p.notice role="status" { (done) } }
        div.toolbar {
            @if can_invite { a.button href="/members/invite" { "Invite teammates" } }
            @if admin {
                a href="/members/invite-link" { "Public link and join rules" }
                a href="/members/import" { "Import CSV" }
                a href="/api/v1/members/export.csv" { "Export CSV" }
                a href="/members/organization" { "Departments" }
                @if policy::allows(user.member.role, Action::ApplyToOthers) { a href="/members/defaults" { "Account defaults" } }
            }
        }
        @if admin {
            ul.tabs aria-label="Member states" {
                @for (s, n) in &counts {
                    li { a href={ "/members?state=" (s.as_str()) } aria-current=[(*s == current).then_some("page")] { (tab_label(*s)) " (" (n) ")" } }
                }
            }
        }
        form.toolbar method="get" action="/members" role="search" {
            input type="hidden" name="state" value=(current.as_str());
            input type="search" name="q" value=(query.q.clone().unwrap_or_default()) placeholder="Name, email or work number" aria-label="Search members";
            select name="department" aria-label="Department" { (options(&departments, query.department.as_deref(), "All departments")) }
            select name="role" aria-label="Role" {
                option value="" { "All roles" }
                @for r in Role::ALL { option value=(r.as_str()) selected[query.role.as_deref() == Some(r.as_str())] { (r.as_str()) } }
            }
            input type="search" name="location" value=(query.location.clone().unwrap_or_default()) placeholder="Location" aria-label="Location";
            button type="submit" { "Filter" }
        }
        @if total <= 1 && admin {
            div.empty {
                p { strong { "You are the only one here so far." } }
                p { "Invite your team by email, share the public join link, or import a CSV file." }
                a.button href="/members/invite" { "Invite teammates" }
            }
        } @else if found.total == 0 {
            div.empty { p { "No members match." } }
        } @else {
            form method="post" action="/members/bulk-edit" {
                (csrf_field(&user.csrf_token))
                table {
                    thead { tr {
                        @if admin { th { span.muted { "Select" } } }
                        th { "Name" } th { "Email" } th { "Role" } th { "Department" } th { "Position" } th { "Location" }
                        @if admin { th { "Actions" } }
                    } }
                    tbody {
                        @for m in shown {
                            tr {
                                @if admin { td { input type="checkbox" name="ids" value=(m.id) aria-label={ "Select " (m.email) }; } }
                                td { a href={ "/members/" (m.id) } { (m.display_name()) } }
                                td { (m.email) }
                                td { (m.role.as_str()) }
                                td { (m.department.as_deref().unwrap_or("")) }
                                td { (m.position) }
                                td { (m.location) }
                                @if admin {
                                    td {
                                        @for (action, label) in actions(m.state).iter().filter(|_| m.id != user.member.id) {
                                            button.link type="submit" formaction={ "/members/" (m.id) "/do/" (action) } { (label) }
                                            " "
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if found.total > PAGE {
                    p.toolbar {
                        @if page_no > 0 { a href=(keep(&format!("&page={}", page_no - 1))) { "← Previous" } }
                        span.muted { "Page " (page_no + 1) " of " (found.total.div_ceil(PAGE)) }
                        @if page_no < last_page(found.total) { a href=(keep(&format!("&page={}", page_no + 1))) { "Next →" } }
                    }
                }
                @if admin {
                    fieldset {
                        legend { "Bulk edit the selected members" }
                        div.toolbar {
                            select name="department" aria-label="New department" { (options(&departments, None, "Department: unchanged")) }
                            input type="text" name="position" placeholder="Position: unchanged" aria-label="New position";
                            input type="text" name="location" placeholder="Location: unchanged" aria-label="New location";
                            button type="submit" { "Apply to selected" }
                        }
                    }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Members, "Members", body),
    ))
}

/// A row action button: approve, reject, resend, …
pub async fn act(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<std::collections::HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let id = MemberId::from_string(id);
    let t = Transition::from_action(&action).ok_or(AppError::NotFound)?;
    let result = post
        .run(move |s| service::members::perform(s.store(), s.base_url(), s.admin()?, &id, t, s.now))
        .await;
    let done = match result {
        Ok(m) => format!("{}: {} done.", m.email, t.as_str().replace('_', " ")),
        Err(e @ (AppError::Conflict { .. } | AppError::Forbidden(_))) => e.to_string(),
        Err(e) => return Err(e),
    };
    Ok(see_other(&format!(
        "/members?{}",
        serde_urlencoded::to_string([("done", done)]).unwrap_or_default()
    )))
}

/// Bulk edit of department, position and location.
pub async fn bulk_edit(
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let ids: Vec<serde_json::Value> = form
        .iter()
        .filter(|(k, _)| k == "ids")
        .map(|(_, v)| v.clone().into())
        .collect();
    let mut body = serde_json::Map::new();
    body.insert("ids".into(), ids.into());
    for key in ["department", "position", "location"] {
        if let Some((_, v)) = form.iter().find(|(k, v)| k == key && !v.trim().is_empty()) {
            body.insert(key.into(), v.trim().into());
        }
    }
    let result = ctx
        .run(move |s| service::members::organize::bulk_edit(s.store(), s.admin()?, &body, s.now))
        .await;
    let done = match result {
        Ok(n) => format!("{n} member(s) updated."),
        Err(e @ AppError::Invalid { .. }) => e.to_string(),
        Err(e) => return Err(e),
    };
    Ok(see_other(&format!(
        "/members?{}",
        serde_urlencoded::to_string([("done", done)]).unwrap_or_default()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(query: &str) -> usize {
        let q = web::Query::<ListQuery>::from_query(query).unwrap();
        page_index(q.page.as_deref())
    }

    #[test]
    fn page_numbers_from_the_address_are_clamped() {
        assert_eq!(asked(""), 0);
        assert_eq!(asked("page=0"), 0);
        assert_eq!(asked("page=3&state=active"), 3);
        assert_eq!(asked("page=18446744073709551615"), MAX_PAGE);
        assert_eq!(asked("page=99999999999999999999999999"), MAX_PAGE);
        assert_eq!(asked("page=-1"), 0);
        assert_eq!(asked("page=-18446744073709551616"), 0);
        assert_eq!(asked("page=abc"), 0);
        assert_eq!(asked("page="), 0);
        assert_eq!(asked("page=1e9"), 0);
        // The largest page index still computes its offset and next page.
        assert!(
            MAX_PAGE
                .checked_add(1)
                .and_then(|n| n.checked_mul(PAGE))
                .is_some()
        );
        assert!(u32::try_from((MAX_PAGE + 1) * PAGE).is_ok());
    }

    #[test]
    fn last_page_of_a_list() {
        assert_eq!(last_page(0), 0);
        assert_eq!(last_page(1), 0);
        assert_eq!(last_page(PAGE), 0);
        assert_eq!(last_page(PAGE + 1), 1);
        assert_eq!(last_page(usize::MAX), usize::MAX.div_ceil(PAGE) - 1);
    }
}
