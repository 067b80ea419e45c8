//! Admin pages of member management: public link and join rules, CSV
//! import, and departments, positions and locations.

use maud::{Markup, PreEscaped, html};

use super::{kind_new, kind_plural, rich, slot, state_label};
use crate::domain::{CatalogKind, JoinRules, MemberState, invitation::REQUIRABLE_FIELDS};
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::{csv_io::ImportReport, organize::CatalogItem};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

/// The label of a field a joiner can be required to fill in.
fn requirable_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "phone" => "mem-join-field-phone",
        "department" => "mem-join-field-department",
        "position" => "mem-join-field-position",
        "location" => "mem-join-field-location",
        // A field added to the domain before its label: its own name.
        other => return other.to_string(),
    };
    t(lang, key)
}

/// The public link with its join code and QR code, and the join rules.
/// `qr_svg` is markup this server drew from the link.
pub fn invite_link_page(
    user: &PageUser,
    lang: Lang,
    url: &str,
    base_url: &str,
    code: &str,
    qr_svg: &str,
    rules: &JoinRules,
) -> Markup {
    let code_line = rich(
        &tr!(lang, "mem-link-code", code = &slot(0), address = &slot(1)),
        &[
            html! { strong data-testid="join-code" { (code) } },
            html! { code { (base_url) "/join" } },
        ],
    );
    let body = html! {
        section.card {
            h2 { (t(lang, "mem-link-public")) }
            @if !rules.public_join { p.form-error { (t(lang, "mem-link-off")) } }
            p { (t(lang, "mem-link-hint")) }
            p.secret data-testid="invite-url" { (url) }
            p { (code_line) }
            figure { (PreEscaped(qr_svg)) figcaption.muted { (t(lang, "mem-link-qr")) } }
            p { a href="/members/invite-link/qr.svg" download="convene-join.svg" { (t(lang, "mem-link-qr-download")) } }
            form method="post" action="/members/invite-link/rotate" data-confirm=(t(lang, "mem-link-rotate-confirm")) {
                (csrf_field(&user.csrf_token))
                button.danger type="submit" { (t(lang, "mem-link-rotate")) }
            }
        }
        section.card {
            h2 { (t(lang, "mem-rules-title")) }
            form method="post" action="/members/join-rules" {
                (csrf_field(&user.csrf_token))
                label { input type="checkbox" name="inviting_verification" value="1" checked[rules.inviting_verification]; " " (t(lang, "mem-rules-verification")) } br;
                label { input type="checkbox" name="public_join" value="1" checked[rules.public_join]; " " (t(lang, "mem-rules-public-join")) } br;
                p { (t(lang, "mem-rules-required")) }
                @for f in REQUIRABLE_FIELDS {
                    label { input type="checkbox" name="required_fields" value=(f) checked[rules.required_fields.iter().any(|r| r == f)]; " " (requirable_label(lang, f)) } " "
                }
                div.field {
                    label for="f-days" { (t(lang, "mem-rules-days")) }
                    input id="f-days" type="number" name="invitation_days" min="1" max="90" value=(rules.invitation_days);
                }
                button type="submit" { (t(lang, "mem-rules-save")) }
            }
        }
    };
    page(user, Nav::Members, &t(lang, "mem-link-title"), body)
}

/// What a skipped line means, in a sentence, and the list where the
/// member it met can be found. A code this page does not know is shown
/// as it is.
fn skipped_meaning(lang: Lang, code: &str) -> (String, Option<MemberState>) {
    let (key, list) = match code {
        "duplicate_in_file" => ("ed-import-skip-duplicate", None),
        "already_active" => ("ed-import-skip-active", Some(MemberState::Active)),
        "already_pending" => ("ed-import-skip-pending", Some(MemberState::Pending)),
        "previously_rejected" => ("ed-import-skip-rejected", Some(MemberState::Rejected)),
        "previously_removed" => ("ed-import-skip-removed", Some(MemberState::Terminated)),
        "already_invited" => ("ed-import-skip-invited", Some(MemberState::Invited)),
        other => return (other.to_string(), None),
    };
    (t(lang, key), list)
}

/// The column a line's error is about, as the reader calls it.
fn column_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "email" => "mem-field-email",
        "first_name" => "mem-field-first-name",
        "last_name" => "mem-field-last-name",
        "phone" => "mem-field-phone",
        "department" => "mem-field-department",
        "position" => "mem-field-position",
        "work_number" => "mem-field-work-number",
        "location" => "mem-field-location",
        "role" => "mem-field-role",
        other => return other.to_string(),
    };
    t(lang, key)
}

/// What to do about a line with an error, when the error alone does not
/// say it.
fn error_advice(lang: Lang, code: &str) -> Option<String> {
    let key = match code {
        "invalid_email" => "ed-import-fix-email",
        "invalid_role" => "ed-import-fix-role",
        "forbidden_role" => "ed-import-fix-forbidden-role",
        "unknown_department" => "ed-import-fix-department",
        "too_long" => "ed-import-fix-too-long",
        _ => return None,
    };
    Some(t(lang, key))
}

pub fn import_page(
    user: &PageUser,
    lang: Lang,
    report: Option<&ImportReport>,
    error: Option<&AppError>,
) -> Markup {
    let body = html! {
        @if let Some(e) = error { p.form-error role="alert" { (e.text(lang)) } }
        @if let Some(r) = report {
            section.card data-testid="import-report" {
                h2 { (t(lang, "mem-import-result")) }
                p {
                    (rich(
                        &tr!(lang, "mem-import-summary", invited = r.invited, shown = &slot(0), skipped = r.skipped.len(), errors = r.errors.len()),
                        &[html! { strong { (r.invited) } }],
                    ))
                }
                @if !r.skipped.is_empty() {
                    table {
                        thead { tr { th { (t(lang, "mem-import-line")) } th { (t(lang, "mem-field-email")) } th { (t(lang, "mem-import-skipped-because")) } } }
                        tbody {
                            @for s in &r.skipped {
                                @let (meaning, list) = skipped_meaning(lang, s.code);
                                tr {
                                    td { (s.line) }
                                    td { (s.email) }
                                    td {
                                        (meaning) " " span.muted { "(" (s.code) ")" }
                                        @if let Some(state) = list {
                                            " " a href={ "/members?state=" (state.as_str()) } { (tr!(lang, "ed-import-open-list", list = &state_label(lang, state))) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !r.errors.is_empty() {
                    table {
                        thead { tr { th { (t(lang, "mem-import-line")) } th { (t(lang, "mem-import-field")) } th { (t(lang, "mem-import-error")) } } }
                        tbody {
                            @for e in &r.errors {
                                tr {
                                    td { (e.line) }
                                    td { (e.field.as_deref().map(|f| column_label(lang, f)).unwrap_or_default()) }
                                    td {
                                        (e.message.render(lang))
                                        @if let Some(advice) = error_advice(lang, e.code) { br; span.muted { (advice) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { (t(lang, "mem-import-hint")) }
        p { a href="/api/v1/members/import-template.csv" download { (t(lang, "mem-import-template")) } }
        form method="post" action="/members/import" enctype="multipart/form-data" {
            (csrf_field(&user.csrf_token))
            div.field { label for="f-file" { (t(lang, "mem-import-file")) } input id="f-file" type="file" name="file" accept=".csv,text/csv" required; }
            label { input type="checkbox" name="create_departments" value="1"; " " (t(lang, "mem-import-create-departments")) }
            p { button type="submit" { (t(lang, "mem-import-submit")) } }
        }
    };
    page(user, Nav::Members, &t(lang, "mem-import-title"), body)
}

pub struct StructurePage<'a> {
    pub kind: CatalogKind,
    pub items: &'a [CatalogItem],
    pub done: Option<&'a str>,
}

pub fn structure_page(user: &PageUser, lang: Lang, v: &StructurePage<'_>) -> Markup {
    let kind = v.kind;
    let body = html! {
        @if let Some(d) = v.done { p.notice role="status" { (d) } }
        ul.tabs {
            @for k in CatalogKind::ALL {
                li { a href={ "/members/organization?kind=" (k.as_str()) } aria-current=[(k == kind).then_some("page")] { (kind_plural(lang, k)) } }
            }
        }
        @if v.items.is_empty() { div.empty { p { (t(lang, "mem-org-none")) } } }
        @for item in v.items {
            div.toolbar {
                form method="post" action="/members/organization/rename" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="kind" value=(kind.as_str());
                    input type="hidden" name="old" value=(item.name);
                    input type="text" name="name" value=(item.name) aria-label=(tr!(lang, "mem-org-rename-label", name = &item.name));
                    button type="submit" { (t(lang, "mem-org-rename")) }
                }
                span.muted { (tr!(lang, "mem-org-members", count = item.members)) }
                form method="post" action="/members/organization/delete" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="kind" value=(kind.as_str());
                    input type="hidden" name="name" value=(item.name);
                    button.danger type="submit" { (t(lang, "mem-org-delete")) }
                }
            }
        }
        form.toolbar method="post" action="/members/organization/create" {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="kind" value=(kind.as_str());
            input type="text" name="name" required placeholder=(kind_new(lang, kind)) aria-label=(kind_new(lang, kind));
            button type="submit" { (t(lang, "mem-org-add")) }
        }
    };
    page(user, Nav::Members, &t(lang, "mem-org-title"), body)
}
