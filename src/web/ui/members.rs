//! The members list with its filters and pages, row actions and bulk
//! edit; the markup is in `views::members`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::domain::{CatalogKind, MemberId, MemberState, Role, Transition};
use crate::error::AppError;
use crate::service::{self, members::directory::MemberFilter};
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::{Filters, ListPage, bulk_done_text, done_text, list_page};

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
    integration: Option<String>,
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
    let integration =
        crate::service::calendars::IntegrationFilter::from_query(query.integration.as_deref())?;
    let filter = MemberFilter {
        state: Some(current),
        query: query.q.clone(),
        department: query.department.clone(),
        role: query.role.as_deref().and_then(Role::parse),
        location: query.location.clone(),
        integration,
    };
    let asked = page_index(query.page.as_deref());
    let (page_no, found, counts, [departments, positions, locations]) = ctx
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
                [
                    service::members::organize::catalog_names(s.store(), CatalogKind::Department)?,
                    service::members::organize::catalog_names(s.store(), CatalogKind::Position)?,
                    service::members::organize::catalog_names(s.store(), CatalogKind::Location)?,
                ],
            ))
        })
        .await?;
    let user = &ctx.user;
    // What the page offers comes from the same table the services ask.
    let can = user.can();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
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
    let pages = found.total.div_ceil(PAGE);
    let view = ListPage {
        current,
        counts: &counts,
        departments: &departments,
        positions: &positions,
        locations: &locations,
        members: &found.members,
        found: found.total,
        total,
        page_no,
        pages,
        previous: (page_no > 0).then(|| keep(&format!("&page={}", page_no - 1))),
        next: (page_no < last_page(found.total)).then(|| keep(&format!("&page={}", page_no + 1))),
        filters: Filters {
            q: query.q.as_deref(),
            department: query.department.as_deref(),
            role: query.role.as_deref(),
            location: query.location.as_deref(),
            integration,
        },
        done: query.done.as_deref(),
        admin: can.administer_members,
        can_invite: can.invite,
        can_apply_to_others: can.apply_to_others,
    };
    Ok(html(StatusCode::OK, list_page(user, ctx.lang, &view)))
}

/// A row action button: approve, reject, resend, …
pub async fn act(
    path: web::Path<(String, String)>,
    post: Ctx<CsrfForm<std::collections::HashMap<String, String>>>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let id = MemberId::from_string(id);
    let t = Transition::from_action(&action).ok_or(AppError::NotFound)?;
    let target = id.clone();
    let result = post
        .run(move |s| {
            if t == Transition::Terminate {
                // A member who leaves nothing to decide goes at once; one
                // with bookings to place gets the departure page.
                let cfg = service::departures::DepartureSettings {
                    base_url: s.base_url(),
                    video_pattern: &s.config().booking.video_link_pattern,
                };
                let decisions = service::departures::Decisions::default();
                service::departures::terminate(
                    s.store(),
                    &cfg,
                    s.admin()?,
                    &target,
                    &decisions,
                    s.now,
                )
                .map(|(m, _)| m)
            } else {
                service::members::perform(s.store(), s.base_url(), s.admin()?, &target, t, s.now)
            }
        })
        .await;
    if let Err(AppError::Decisions { .. }) = result {
        return Ok(see_other(&format!("/members/{id}/departure")));
    }
    let done = match result {
        Ok(m) => done_text(post.lang, m.email.as_str(), t),
        Err(e @ (AppError::Conflict { .. } | AppError::Forbidden(_))) => e.text(post.lang),
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
        Ok(n) => bulk_done_text(ctx.lang, n),
        Err(e @ AppError::Invalid { .. }) => e.text(ctx.lang),
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
