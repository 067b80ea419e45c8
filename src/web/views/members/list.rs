//! The members list: tabs per state, search and filters, per-row actions
//! and bulk edit (one form; row buttons post elsewhere with `formaction`,
//! so it all works without JavaScript).

use maud::{Markup, html};

use super::role_label;
use crate::domain::{Member, MemberState, Role, Transition};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::policy::Can;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

/// What the search form was given, shown again in it.
#[derive(Default)]
pub struct Filters<'a> {
    pub q: Option<&'a str>,
    pub department: Option<&'a str>,
    pub role: Option<&'a str>,
    pub location: Option<&'a str>,
    /// `?integration=` (admins): calendars and meeting URL.
    pub integration: Option<crate::service::calendars::IntegrationFilter>,
}

pub struct ListPage<'a> {
    pub current: MemberState,
    /// Members per state, for the tabs.
    pub counts: &'a [(MemberState, usize)],
    pub departments: &'a [String],
    /// The organization's positions and locations, for bulk edit.
    pub positions: &'a [String],
    pub locations: &'a [String],
    /// This page of the list.
    pub members: &'a [Member],
    /// Members matching the filters, on every page.
    pub found: usize,
    /// Members of the organization, in every state.
    pub total: usize,
    /// Zero-based.
    pub page_no: usize,
    pub pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub filters: Filters<'a>,
    pub done: Option<&'a str>,
    pub admin: bool,
    pub can_invite: bool,
    pub can_apply_to_others: bool,
}

fn tab_label(lang: Lang, state: MemberState) -> String {
    t(
        lang,
        match state {
            MemberState::Active => "mem-tab-active",
            MemberState::Invited => "mem-tab-invited",
            MemberState::Pending => "mem-tab-pending",
            MemberState::Draft => "mem-tab-draft",
            MemberState::Rejected => "mem-tab-rejected",
            MemberState::Terminated => "mem-tab-terminated",
        },
    )
}

/// The actions a row offers in its state: the move, the action of the
/// address and the catalog key of its button.
fn actions(state: MemberState) -> &'static [(Transition, &'static str, &'static str)] {
    use Transition as T;
    match state {
        MemberState::Draft => &[
            (T::Activate, "activate", "mem-action-activate"),
            (
                T::CancelInvitation,
                "cancel-invitation",
                "mem-action-delete-draft",
            ),
        ],
        MemberState::Invited => &[
            (T::Resend, "resend-invitation", "mem-action-resend"),
            (
                T::CancelInvitation,
                "cancel-invitation",
                "mem-action-cancel-invitation",
            ),
        ],
        MemberState::Pending => &[
            (T::Approve, "approve", "mem-action-approve"),
            (T::Reject, "reject", "mem-action-reject"),
        ],
        MemberState::Rejected => &[(T::Reexamine, "reexamine", "mem-action-reexamine")],
        MemberState::Active => &[(T::Terminate, "terminate", "mem-action-terminate")],
        MemberState::Terminated => &[(T::Restore, "restore", "mem-action-restore")],
    }
}

/// The moves the viewer may make on `m` from this row: never on oneself,
/// and only what the policy allows (an admin does not remove an owner).
fn row_actions(
    can: &Can,
    viewer: &Member,
    m: &Member,
) -> impl Iterator<Item = &'static (Transition, &'static str, &'static str)> {
    let own = m.id == viewer.id;
    let (can, role) = (*can, m.role);
    actions(m.state)
        .iter()
        .filter(move |(t, _, _)| !own && can.move_member(role, *t))
}

/// "Department: Sales, Role: admin": the filters the list was narrowed
/// by (besides its state tab), for the line that says so.
fn filter_summary(lang: Lang, f: &Filters<'_>) -> Option<String> {
    let role = f.role.and_then(Role::parse).map(|r| role_label(lang, r));
    let parts: Vec<String> = [
        ("dash-filter-search", f.q.map(str::to_string)),
        ("mem-field-department", f.department.map(str::to_string)),
        ("mem-field-role", role),
        ("mem-field-location", f.location.map(str::to_string)),
        (
            "cal-overview-title",
            f.integration
                .map(|i| crate::web::views::calendars::filter_label(i, lang)),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| {
        let value = value.filter(|v| !v.trim().is_empty())?;
        Some(tr!(
            lang,
            "dash-filter-part",
            label = &t(lang, label),
            value = &value
        ))
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(&t(lang, "dash-list-separator")))
}

fn options(names: &[String], selected: Option<&str>, empty: &str) -> Markup {
    html! {
        option value="" { (empty) }
        @for n in names { option value=(n) selected[selected == Some(n.as_str())] { (n) } }
    }
}

pub fn list_page(user: &PageUser, lang: Lang, v: &ListPage<'_>) -> Markup {
    let f = &v.filters;
    let can = user.can();
    let summary = filter_summary(lang, f);
    let rows = html! {
        table {
            thead { tr {
                @if v.admin { th { span.muted { (t(lang, "mem-list-select")) } } }
                th { (t(lang, "mem-field-name")) }
                th { (t(lang, "mem-field-email")) }
                th { (t(lang, "mem-field-role")) }
                th { (t(lang, "mem-field-department")) }
                th { (t(lang, "mem-field-position")) }
                th { (t(lang, "mem-field-location")) }
                @if v.admin { th { (t(lang, "mem-list-actions")) } }
            } }
            tbody {
                @for m in v.members {
                    tr {
                        @if v.admin { td { input type="checkbox" name="ids" value=(m.id) aria-label=(tr!(lang, "mem-list-select-member", email = m.email.as_str())); } }
                        td { a href={ "/members/" (m.id) } { (member_name(lang, m)) } }
                        td { (m.email) }
                        td { (role_label(lang, m.role)) }
                        td { (m.department.as_deref().unwrap_or("")) }
                        td { (m.position) }
                        td { (m.location) }
                        @if v.admin {
                            td {
                                @for (_, action, label) in row_actions(&can, &user.member, m) {
                                    button.link type="submit" formaction={ "/members/" (m.id) "/do/" (action) } { (t(lang, label)) }
                                    " "
                                }
                            }
                        }
                    }
                }
            }
        }
        @if v.pages > 1 {
            p.toolbar {
                @if let Some(href) = &v.previous { a href=(href) { (t(lang, "mem-list-previous")) } }
                span.muted { (tr!(lang, "mem-list-page", page = v.page_no + 1, pages = v.pages)) }
                @if let Some(href) = &v.next { a href=(href) { (t(lang, "mem-list-next")) } }
            }
        }
    };
    let body = html! {
        @if let Some(done) = v.done { p.notice role="status" { (done) } }
        div.toolbar {
            @if v.can_invite { a.button href="/members/invite" { (t(lang, "mem-invite-teammates")) } }
            @if v.admin {
                a href="/members/invite-link" { (t(lang, "mem-link-title")) }
                a href="/members/import" { (t(lang, "mem-list-import")) }
                a href="/api/v1/members/export.csv" { (t(lang, "mem-list-export")) }
                a href="/members/organization" { (t(lang, "mem-list-departments")) }
                @if v.can_apply_to_others { a href="/members/defaults" { (t(lang, "mem-defaults-title")) } }
            }
        }
        @if v.admin {
            ul.tabs aria-label=(t(lang, "mem-list-states")) {
                @for (s, n) in v.counts {
                    li { a href={ "/members?state=" (s.as_str()) } aria-current=[(*s == v.current).then_some("page")] { (tr!(lang, "mem-list-tab", state = &tab_label(lang, *s), count = *n)) } }
                }
            }
        }
        form.toolbar method="get" action="/members" role="search" {
            input type="hidden" name="state" value=(v.current.as_str());
            @if let Some(i) = f.integration { input type="hidden" name="integration" value=(i.as_str()); }
            input type="search" name="q" value=(f.q.unwrap_or_default()) placeholder=(t(lang, "mem-list-search-placeholder")) aria-label=(t(lang, "mem-list-search"));
            select name="department" aria-label=(t(lang, "mem-field-department")) { (options(v.departments, f.department, &t(lang, "mem-list-all-departments"))) }
            select name="role" aria-label=(t(lang, "mem-field-role")) {
                option value="" { (t(lang, "mem-list-all-roles")) }
                @for r in Role::ALL { option value=(r.as_str()) selected[f.role == Some(r.as_str())] { (role_label(lang, r)) } }
            }
            input type="search" name="location" value=(f.location.unwrap_or_default()) placeholder=(t(lang, "mem-field-location")) aria-label=(t(lang, "mem-field-location"));
            button type="submit" { (t(lang, "mem-list-filter")) }
        }
        @if let Some(summary) = &summary {
            p.filtered role="status" {
                (tr!(lang, "dash-filtered-by", filters = summary.as_str()))
                " "
                a href={ "/members?state=" (v.current.as_str()) } { (t(lang, "dash-filter-clear")) }
            }
        }
        @if v.total <= 1 && v.admin {
            div.empty {
                p { strong { (t(lang, "mem-list-alone")) } }
                p { (t(lang, "mem-list-alone-hint")) }
                a.button href="/members/invite" { (t(lang, "mem-invite-teammates")) }
            }
        } @else if v.found == 0 {
            div.empty { p { (t(lang, "mem-list-none-match")) } }
        } @else if v.admin {
            // Row buttons and bulk edit post the one form; only admins
            // get it, since both answer 403 to anyone else.
            form method="post" action="/members/bulk-edit" {
                (csrf_field(&user.csrf_token))
                (rows)
                fieldset {
                    legend { (t(lang, "mem-bulk-legend")) }
                    div.toolbar {
                        select name="department" aria-label=(t(lang, "mem-bulk-department")) { (options(v.departments, None, &t(lang, "mem-bulk-department-unchanged"))) }
                        select name="position" aria-label=(t(lang, "mem-bulk-position")) { (options(v.positions, None, &t(lang, "mem-bulk-position-unchanged"))) }
                        select name="location" aria-label=(t(lang, "mem-bulk-location")) { (options(v.locations, None, &t(lang, "mem-bulk-location-unchanged"))) }
                        button type="submit" { (t(lang, "mem-bulk-apply")) }
                    }
                }
            }
        } @else {
            (rows)
        }
    };
    page(user, Nav::Members, &t(lang, "mem-list-title"), body)
}

/// The text of a row action's notice, "ann@example.org: approve done.".
pub fn done_text(lang: Lang, email: &str, transition: crate::domain::Transition) -> String {
    use crate::domain::Transition as T;
    match transition {
        T::Activate => tr!(lang, "mem-done-activate", email = email),
        T::Resend => tr!(lang, "mem-done-resend", email = email),
        T::CancelInvitation => tr!(lang, "mem-done-cancel-invitation", email = email),
        T::Join => tr!(lang, "mem-done-join", email = email),
        T::Approve => tr!(lang, "mem-done-approve", email = email),
        T::Reject => tr!(lang, "mem-done-reject", email = email),
        T::Reexamine => tr!(lang, "mem-done-reexamine", email = email),
        T::Terminate => tr!(lang, "mem-done-terminate", email = email),
        T::Restore => tr!(lang, "mem-done-restore", email = email),
    }
}

/// The notice after a bulk edit.
pub fn bulk_done_text(lang: Lang, count: usize) -> String {
    tr!(lang, "mem-bulk-done", count = count)
}
