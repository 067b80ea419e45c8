use maud::{Markup, html};

use super::{SLOTS, rich, utc_time};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::{auth::ApiKeyRecord, org::audit::AuditEntry};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

/// What the settings page shows.
pub struct SettingsView {
    pub org_name: String,
    pub keys: Vec<ApiKeyRecord>,
    /// The recent audit log, for admins only.
    pub audit: Option<Vec<AuditEntry>>,
}

pub fn settings(
    user: &PageUser,
    lang: Lang,
    view: &SettingsView,
    new_key: Option<&str>,
    error: Option<&AppError>,
) -> Markup {
    let can = user.can();
    let admin = can.administer_organization;
    let scripts = tr!(lang, "org-settings-api-keys-explained", header = SLOTS[0]);
    let header = html! { code { "Authorization: Bearer <key>" } };
    let name_error = error.and_then(|e| e.field().map(|_| e.text(lang)));
    let body = html! {
        ul.subnav {
            li { a href="/settings/notifications" { (tr!(lang, "org-notifications-title")) } }
            @if admin {
                li { a href="/settings/webhooks" { (tr!(lang, "org-webhooks-title")) } }
                li { a href="/admin/mail" { (tr!(lang, "org-mail-title")) } }
                li { a href="/admin/jobs" { (tr!(lang, "org-jobs-title")) } }
                li { a href="/audit" { (tr!(lang, "audit-title")) } }
            }
        }
        section {
            h2 { (tr!(lang, "org-settings-organization")) }
            p { (view.org_name) }
        }
        section {
            h2 id="api-keys" { (tr!(lang, "org-settings-api-keys")) }
            p.muted { (rich(&scripts, &[header])) }
            @if let Some(key) = new_key {
                p.notice role="status" { (tr!(lang, "org-settings-key-once")) }
                p.secret data-testid="new-api-key" { (key) }
            }
            @if !view.keys.is_empty() {
                table {
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
                                    form method="post" action={ "/settings/api-keys/" (k.id) "/revoke" }
                                        data-confirm=(tr!(lang, "org-settings-revoke-confirm")) {
                                        (csrf_field(&user.csrf_token))
                                        button.danger type="submit" { (tr!(lang, "org-settings-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if can.manage_own_api_keys {
                form method="post" action="/settings/api-keys" {
                    (csrf_field(&user.csrf_token))
                    (field("name", &tr!(lang, "org-settings-new-key-name"), "text", "", name_error.as_deref(),
                        FieldAttrs { required: true, ..Default::default() }))
                    button type="submit" { (tr!(lang, "org-settings-create-key")) }
                }
            }
        }
        @if let Some(audit) = &view.audit {
            section {
                h2 { (tr!(lang, "org-settings-audit")) }
                @if audit.is_empty() { p.muted { (tr!(lang, "org-settings-audit-empty")) } } @else {
                    table {
                        thead { tr {
                            th { (tr!(lang, "org-when-utc")) }
                            th { (tr!(lang, "org-settings-audit-who")) }
                            th { (tr!(lang, "org-settings-audit-what")) }
                            th { (tr!(lang, "org-settings-audit-target")) }
                        } }
                        tbody {
                            @for e in audit {
                                tr {
                                    td { (utc_time(lang, e.at)) }
                                    td {
                                        @match &e.actor {
                                            Some(a) => (a),
                                            None => (tr!(lang, "org-settings-audit-system")),
                                        }
                                    }
                                    td { (e.action) }
                                    td { (e.target.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-settings-title"), body)
}
