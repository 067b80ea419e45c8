//! "Invite teammates": many addresses, the same organizational fields.

use maud::{Markup, html};

use super::role_label;
use crate::domain::{Member, Role};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::service::members::invitations::InviteResult;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

/// What was typed in the form, shown again when it comes back.
#[derive(Default)]
pub struct Typed<'a> {
    pub emails: &'a str,
    pub role: &'a str,
    pub department: &'a str,
    pub position: &'a str,
    pub location: &'a str,
    pub supervisor_id: &'a str,
    pub as_new: bool,
}

/// One address's result, and whether a refused address belongs to a
/// member created without an invitation (the code does not tell).
pub struct InviteOutcome<'a> {
    pub result: &'a InviteResult,
    pub draft: bool,
}

pub struct InvitePage<'a> {
    pub departments: &'a [String],
    pub supervisors: &'a [Member],
    /// The roles the viewer may give.
    pub roles: &'a [Role],
    pub admin: bool,
    pub typed: Typed<'a>,
    pub results: Option<&'a [InviteOutcome<'a>]>,
    pub error: Option<&'a AppError>,
}

/// An address as the refusal quotes it: escaped as the service does, so
/// that control characters show, without the quotes the catalog adds.
fn quoted(address: &str) -> String {
    let debug = format!("{address:?}");
    debug
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(&debug)
        .to_string()
}

/// Why an address was not invited, in the reader's language. A code this
/// page does not know keeps the service's own words.
fn refusal_text(lang: Lang, outcome: &InviteOutcome<'_>, code: &str, given: &str) -> String {
    let email = outcome.result.email.as_str();
    match code {
        "invalid_email" => tr!(lang, "mem-refusal-invalid-email", address = &quoted(email)),
        "duplicate" => tr!(lang, "mem-refusal-duplicate", email = email),
        "already_active" => tr!(lang, "mem-refusal-already-active", email = email),
        "already_pending" => tr!(lang, "mem-refusal-already-pending", email = email),
        "previously_rejected" => tr!(lang, "mem-refusal-previously-rejected", email = email),
        "previously_removed" => tr!(lang, "mem-refusal-previously-removed", email = email),
        "already_invited" if outcome.draft => tr!(lang, "mem-refusal-draft", email = email),
        "already_invited" => tr!(lang, "mem-refusal-already-invited", email = email),
        "already_known" => tr!(lang, "mem-refusal-already-known", email = email),
        _ => given.to_string(),
    }
}

pub fn invite_page(user: &PageUser, lang: Lang, v: &InvitePage<'_>) -> Markup {
    let typed = &v.typed;
    let body = html! {
        @if let Some(e) = v.error { p.form-error role="alert" { (e.text(lang)) } }
        @if let Some(results) = v.results {
            table data-testid="invite-results" {
                thead { tr { th { (t(lang, "mem-field-email")) } th { (t(lang, "mem-invite-result")) } } }
                tbody {
                    @for o in results {
                        tr {
                            td { (o.result.email) }
                            td {
                                @if o.result.ok { span.ok { (t(lang, "mem-invite-invited")) } }
                                @if let Some(e) = &o.result.error {
                                    span.fail { (refusal_text(lang, o, e.code, &e.message.render(lang))) } " " span.muted { "(" (e.code) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !v.admin { p.muted { (t(lang, "mem-invite-needs-approval")) } }
        form method="post" action="/members/invite" {
            (csrf_field(&user.csrf_token))
            div.field {
                label for="f-emails" { (t(lang, "mem-invite-emails")) }
                textarea id="f-emails" name="emails" rows="4" required placeholder=(t(lang, "mem-invite-emails-placeholder")) { (typed.emails) }
                p.muted { (t(lang, "mem-invite-emails-hint")) }
            }
            div.field {
                label for="f-department" { (t(lang, "mem-field-department")) }
                select id="f-department" name="department" {
                    option value="" { "—" }
                    @for d in v.departments { option value=(d) selected[typed.department == d.as_str()] { (d) } }
                }
            }
            div.field { label for="f-position" { (t(lang, "mem-field-position")) } input id="f-position" name="position" type="text" value=(typed.position); }
            div.field { label for="f-location" { (t(lang, "mem-field-location")) } input id="f-location" name="location" type="text" value=(typed.location); }
            div.field {
                label for="f-role" { (t(lang, "mem-field-role")) }
                select id="f-role" name="role" {
                    @for r in v.roles { option value=(r.as_str()) selected[typed.role == r.as_str() || (typed.role.is_empty() && *r == Role::Member)] { (role_label(lang, *r)) } }
                }
            }
            div.field {
                label for="f-supervisor" { (t(lang, "mem-invite-supervisor")) }
                select id="f-supervisor" name="supervisor_id" {
                    option value="" { "—" }
                    @for m in v.supervisors { option value=(m.id) selected[typed.supervisor_id == m.id.as_str()] { (member_name(lang, m)) " <" (m.email) ">" } }
                }
            }
            @if v.admin {
                div.field { label { input type="checkbox" name="as_new" value="1" checked[typed.as_new]; " " (t(lang, "mem-invite-as-new")) } }
            }
            div.toolbar {
                button type="submit" name="mode" value="send" { (t(lang, "mem-invite-send")) }
                @if v.admin { button.link type="submit" name="mode" value="draft" { (t(lang, "mem-invite-draft")) } }
            }
        }
    };
    page(user, Nav::Members, &t(lang, "mem-invite-teammates"), body)
}
