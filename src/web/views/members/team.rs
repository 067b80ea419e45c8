//! "Invite teammates": many addresses, the same organizational fields.

use maud::{Markup, html};

use super::role_label;
use crate::domain::{Member, MemberId, Role};
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::invitations::InviteResult;
use crate::tr;
use crate::web::assets;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};
use crate::web::views::pickers::{self, Picker, picker};

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
    pub positions: &'a [String],
    pub locations: &'a [String],
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

/// What settles a refused address: the member action its refusal names,
/// or inviting the address again as a new person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolve {
    /// `/members/{id}/do/{action}`, with the button's catalog key.
    Act(&'static str, &'static str),
    /// The same invitation again with "as a new person" ticked.
    InviteAsNew,
    /// Nothing to do but look: the member's page.
    Open,
}

fn resolutions(code: &str, draft: bool) -> &'static [Resolve] {
    use Resolve::*;
    match code {
        "already_pending" => &[Act("approve", "ed-resolve-approve")],
        "previously_rejected" => &[Act("reexamine", "ed-resolve-reexamine")],
        "previously_removed" => &[Act("restore", "ed-resolve-restore"), InviteAsNew],
        "already_invited" if draft => &[Act("activate", "ed-resolve-activate")],
        "already_invited" => &[Act("resend-invitation", "ed-resolve-resend")],
        "already_active" => &[Open],
        _ => &[],
    }
}

/// The buttons of one refused address; `row` is the id of the cell with
/// the address, which each button names as what it acts on.
fn resolve_buttons(
    lang: Lang,
    user: &PageUser,
    typed: &Typed<'_>,
    id: &MemberId,
    email: &str,
    actions: &[Resolve],
    row: &str,
) -> Markup {
    html! {
        @for r in actions {
            @match r {
                Resolve::Act(action, key) => {
                    form.resolve method="post" action={ "/members/" (id) "/do/" (action) } {
                        (csrf_field(&user.csrf_token))
                        button type="submit" aria-describedby=(row) { (t(lang, key)) }
                    }
                }
                Resolve::InviteAsNew => {
                    form.resolve method="post" action="/members/invite" {
                        (csrf_field(&user.csrf_token))
                        input type="hidden" name="emails" value=(email);
                        input type="hidden" name="as_new" value="1";
                        input type="hidden" name="mode" value="send";
                        // The same placement as the refused invitation.
                        @for (name, value) in [("role", typed.role), ("department", typed.department), ("position", typed.position), ("location", typed.location), ("supervisor_id", typed.supervisor_id)] {
                            @if !value.is_empty() { input type="hidden" name=(name) value=(value); }
                        }
                        button.link type="submit" aria-describedby=(row) { (t(lang, "ed-resolve-invite-as-new")) }
                    }
                }
                Resolve::Open => {
                    a href={ "/members/" (id) } aria-describedby=(row) { (t(lang, "ed-resolve-open")) }
                }
            }
            " "
        }
    }
}

pub fn invite_page(user: &PageUser, lang: Lang, v: &InvitePage<'_>) -> Markup {
    let typed = &v.typed;
    let err = |f: &str| {
        v.error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.text(lang))
    };
    let departments = pickers::catalog(v.departments, "");
    let positions = pickers::catalog(v.positions, "");
    let locations = pickers::catalog(v.locations, "");
    let supervisors = pickers::members(lang, v.supervisors, None);
    let labels = (
        t(lang, "mem-field-department"),
        t(lang, "mem-field-position"),
        t(lang, "mem-field-location"),
        t(lang, "ed-field-supervisor"),
    );
    let errors = (
        err("department"),
        err("position"),
        err("location"),
        err("supervisor_id"),
    );
    let choose = |name, label, choices, value, error: &Option<String>| {
        picker(
            lang,
            &Picker {
                none: Some("—"),
                error: error.as_deref(),
                ..Picker::new(name, label, choices, value)
            },
        )
    };
    let body = html! {
        @if let Some(e) = v.error { p.form-error role="alert" { (e.text(lang)) } }
        @if let Some(results) = v.results {
            table data-testid="invite-results" {
                thead { tr { th { (t(lang, "mem-field-email")) } th { (t(lang, "mem-invite-result")) } } }
                tbody {
                    @for (i, o) in results.iter().enumerate() {
                        @let row = format!("invite-row-{i}");
                        tr {
                            td id=(row) { (o.result.email) }
                            td {
                                @if o.result.ok { span.ok { (t(lang, "mem-invite-invited")) } }
                                @if let Some(e) = &o.result.error {
                                    span.fail { (refusal_text(lang, o, e.code, &e.message.render(lang))) } " " span.muted { "(" (e.code) ")" }
                                    // Only admins learn who the address belongs to.
                                    @let actions = resolutions(e.code, o.draft);
                                    @if let (true, Some(id), false) = (v.admin, &o.result.member_id, actions.is_empty()) {
                                        div.resolve data-testid="resolve" {
                                            (resolve_buttons(lang, user, typed, id, &o.result.email, actions, &row))
                                        }
                                    }
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
            @if v.admin { p.muted { a href="/members/organization" { (t(lang, "ed-lists-manage")) } } }
            (choose("department", &labels.0, &departments, typed.department, &errors.0))
            (choose("position", &labels.1, &positions, typed.position, &errors.1))
            (choose("location", &labels.2, &locations, typed.location, &errors.2))
            div.field {
                label for="f-role" { (t(lang, "mem-field-role")) }
                select id="f-role" name="role" {
                    @for r in v.roles { option value=(r.as_str()) selected[typed.role == r.as_str() || (typed.role.is_empty() && *r == Role::Member)] { (role_label(lang, *r)) } }
                }
            }
            (choose("supervisor_id", &labels.3, &supervisors, typed.supervisor_id, &errors.3))
            @if v.admin {
                div.field { label { input type="checkbox" name="as_new" value="1" checked[typed.as_new]; " " (t(lang, "mem-invite-as-new")) } }
            }
            div.toolbar {
                button type="submit" name="mode" value="send" { (t(lang, "mem-invite-send")) }
                @if v.admin { button.link type="submit" name="mode" value="draft" { (t(lang, "mem-invite-draft")) } }
            }
        }
        script src=(assets::url("editors.js")) defer {}
    };
    page(user, Nav::Members, &t(lang, "mem-invite-teammates"), body)
}
