//! The settings page: the organization, the person's API keys, and for
//! admins the join rules, booking, mail, jobs, webhooks and the audit log.
//! Each section is its own form; a refused one is shown again with what
//! was typed and the field's error, the others as stored.

mod forms;
mod operations;
#[cfg(test)]
pub(super) mod tests;

use maud::{Markup, html};

use super::{SLOTS, rich, utc_time};
use crate::domain::JoinRules;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::jobs::scheduler::JobStatus;
use crate::service::org::settings::OrgSettings;
use crate::service::{auth::ApiKeyRecord, org::audit::AuditEntry};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

pub use forms::{OrgForm, RulesForm};

/// Where mail goes, as the settings show it: never a password.
pub struct MailSummary {
    /// "smtp", "file" or "log".
    pub transport: String,
    /// host:port for SMTP, the folder for files, "" for the log.
    pub destination: String,
    pub from: String,
}

/// What only admins see.
pub struct AdminSections {
    /// Whether the reader is an owner (the time zone and language are
    /// theirs to change).
    pub owner: bool,
    pub rules: JoinRules,
    pub allow_overlap: bool,
    pub mail: MailSummary,
    pub jobs: Vec<JobStatus>,
    pub webhooks: usize,
    /// The newest entries of the audit log.
    pub audit: Vec<AuditEntry>,
}

/// What the settings page shows.
pub struct SettingsView {
    pub org: OrgSettings,
    pub keys: Vec<ApiKeyRecord>,
    pub admin: Option<AdminSections>,
}

/// A section of the page, for the outcome of its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Organization,
    JoinRules,
    Booking,
    ApiKeys,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Organization => "organization",
            Section::JoinRules => "join-rules",
            Section::Booking => "booking",
            Section::ApiKeys => "api-keys",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        [
            Section::Organization,
            Section::JoinRules,
            Section::Booking,
            Section::ApiKeys,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// What the last post did, shown in its section; the typed values of a
/// refused form replace the stored ones there.
#[derive(Default)]
pub struct Flash<'a> {
    pub saved: Option<Section>,
    pub error: Option<(Section, &'a AppError)>,
    pub org: Option<&'a OrgForm>,
    pub rules: Option<&'a RulesForm>,
    pub key_name: Option<&'a str>,
    /// A key just made or regenerated, shown this once.
    pub new_key: Option<&'a str>,
}

impl Flash<'_> {
    /// The error of `section`, if its form was refused.
    fn error_in(&self, section: Section) -> Option<&AppError> {
        self.error.filter(|(s, _)| *s == section).map(|(_, e)| e)
    }
}

/// A table that may scroll sideways on a phone: a named region that takes
/// the keyboard's focus, so it can be scrolled without a mouse.
fn scrolling(label: &str, table: Markup) -> Markup {
    html! { div.table-wrap tabindex="0" role="region" aria-label=(label) { (table) } }
}

/// "Saved." in its section.
fn saved(lang: Lang, flash: &Flash<'_>, section: Section) -> Markup {
    html! {
        @if flash.saved == Some(section) {
            p.toast.ok role="status" { (tr!(lang, "org-saved")) }
        }
    }
}

pub fn settings(user: &PageUser, lang: Lang, view: &SettingsView, flash: &Flash<'_>) -> Markup {
    let admin = view.admin.as_ref();
    let body = html! {
        ul.subnav {
            li { a href="/settings/notifications" { (tr!(lang, "org-notifications-title")) } }
            @if admin.is_some() {
                li { a href="/settings/webhooks" { (tr!(lang, "org-webhooks-title")) } }
                li { a href="/admin/mail" { (tr!(lang, "org-mail-title")) } }
                li { a href="/admin/jobs" { (tr!(lang, "org-jobs-title")) } }
                li { a href="/audit" { (tr!(lang, "audit-title")) } }
                li { a href="/admin/integrations" { (tr!(lang, "cal-overview-title")) } }
            }
        }
        @match admin {
            Some(a) => {
                (forms::organization(lang, &user.csrf_token, &view.org, a.owner, flash))
                (api_keys(lang, user, view, flash))
                (forms::join_rules(lang, &user.csrf_token, &a.rules, flash))
                (forms::booking(lang, &user.csrf_token, a.allow_overlap, flash))
                (operations::mail(lang, &user.csrf_token, &a.mail))
                (operations::jobs(lang, &a.jobs))
                (operations::webhooks(lang, a.webhooks))
                (operations::audit(lang, &a.audit))
            }
            None => {
                section {
                    h2 id="organization" { (tr!(lang, "org-settings-organization")) }
                    p { (view.org.name) }
                }
                (api_keys(lang, user, view, flash))
            }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-settings-title"), body)
}

fn api_keys(lang: Lang, user: &PageUser, view: &SettingsView, flash: &Flash<'_>) -> Markup {
    let scripts = tr!(lang, "org-settings-api-keys-explained", header = SLOTS[0]);
    let header = html! { code { "Authorization: Bearer <key>" } };
    let name_error = flash
        .error_in(Section::ApiKeys)
        .filter(|e| e.field() == Some("name"))
        .map(|e| e.text(lang));
    let other_error = flash
        .error_in(Section::ApiKeys)
        .filter(|e| e.field() != Some("name"));
    html! {
        section {
            h2 id="api-keys" { (tr!(lang, "org-settings-api-keys")) }
            p.muted { (rich(&scripts, &[header])) }
            @if let Some(e) = other_error { p.form-error role="alert" { (e.text(lang)) } }
            @if let Some(key) = flash.new_key {
                p.notice role="status" { (tr!(lang, "org-settings-key-once")) }
                p.secret data-testid="new-api-key" { (key) }
            }
            @if !view.keys.is_empty() {
                (scrolling(&tr!(lang, "org-settings-api-keys"), html! { table {
                    thead { tr {
                        th { (tr!(lang, "org-settings-key-name")) }
                        th { (tr!(lang, "org-settings-key-prefix")) }
                        th { (tr!(lang, "org-settings-key-created")) }
                        th { span.sr-only { (crate::i18n::t(lang, "layout-col-actions")) } }
                    } }
                    tbody {
                        @for k in &view.keys {
                            tr {
                                td { (k.name) }
                                td { code { (k.prefix) "…" } }
                                td { (utc_time(lang, k.created_at)) " UTC" }
                                td {
                                    form method="post" action={ "/settings/api-keys/" (k.id) "/regenerate" }
                                        data-confirm=(tr!(lang, "settings-key-regenerate-confirm")) {
                                        (csrf_field(&user.csrf_token))
                                        button type="submit" aria-label=(tr!(lang, "settings-key-regenerate-named", name = k.name.as_str())) {
                                            (tr!(lang, "settings-key-regenerate"))
                                        }
                                    }
                                    " "
                                    form method="post" action={ "/settings/api-keys/" (k.id) "/revoke" }
                                        data-confirm=(tr!(lang, "org-settings-revoke-confirm")) {
                                        (csrf_field(&user.csrf_token))
                                        button.danger type="submit" { (tr!(lang, "org-settings-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                } }))
            }
            @if user.can().manage_own_api_keys {
                form method="post" action="/settings/api-keys" {
                    (csrf_field(&user.csrf_token))
                    (field("name", &tr!(lang, "org-settings-new-key-name"), "text", flash.key_name.unwrap_or(""),
                        name_error.as_deref(), FieldAttrs { required: true, ..Default::default() }))
                    button type="submit" { (tr!(lang, "org-settings-create-key")) }
                }
            }
        }
    }
}
