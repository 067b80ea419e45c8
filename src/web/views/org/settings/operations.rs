//! The settings sections about running the server: mail and its test
//! message, the scheduled jobs, webhooks and the audit log. Each says
//! where things stand and links to the page that does more.

use maud::{Markup, html};

use super::{MailSummary, scrolling, utc_time};
use crate::i18n::Lang;
use crate::jobs::scheduler::JobStatus;
use crate::service::org::audit::AuditEntry;
use crate::tr;
use crate::web::ui::layout::csrf_field;

fn transport_name(lang: Lang, transport: &str) -> String {
    match transport {
        "smtp" => tr!(lang, "settings-mail-smtp"),
        "log" => tr!(lang, "settings-mail-log"),
        _ => tr!(lang, "settings-mail-file"),
    }
}

pub fn mail(lang: Lang, csrf: &str, m: &MailSummary) -> Markup {
    html! {
        section {
            h2 id="mail" { (tr!(lang, "settings-mail")) }
            dl.facts {
                dt { (tr!(lang, "settings-mail-transport")) }
                dd { (transport_name(lang, &m.transport)) }
                @if !m.destination.is_empty() {
                    dt { (tr!(lang, "settings-mail-destination")) }
                    dd { code { (m.destination) } }
                }
                dt { (tr!(lang, "settings-mail-from")) }
                dd { (m.from) }
            }
            p.muted { (tr!(lang, "settings-mail-test-hint")) }
            form method="post" action="/admin/mail/test" {
                (csrf_field(csrf))
                button type="submit" { (tr!(lang, "settings-mail-test")) }
            }
            p { a href="/admin/mail" { (tr!(lang, "org-mail-title")) } }
        }
    }
}

pub fn jobs(lang: Lang, jobs: &[JobStatus]) -> Markup {
    html! {
        section {
            h2 id="jobs" { (tr!(lang, "org-jobs-title")) }
            (scrolling(&tr!(lang, "org-jobs-title"), html! { table {
                thead { tr {
                    th { (tr!(lang, "org-jobs-job")) }
                    th { (tr!(lang, "org-jobs-schedule")) }
                    th { (tr!(lang, "settings-jobs-last")) }
                } }
                tbody {
                    @for j in jobs {
                        tr {
                            td { code { (j.name) } }
                            td { code { (j.schedule) } " " span.muted { (j.timezone) } }
                            td {
                                @match &j.last_run {
                                    Some(r) => {
                                        span class=(if r.ok { "ok" } else { "fail" }) { (crate::web::views::org::admin::outcome_text(lang, r)) }
                                        br;
                                        span.muted { (utc_time(lang, r.started_at)) " UTC" }
                                    }
                                    None => span.muted { (tr!(lang, "org-jobs-never")) },
                                }
                            }
                        }
                    }
                }
            } }))
            p { a href="/admin/jobs" { (tr!(lang, "settings-jobs-link")) } }
        }
    }
}

pub fn webhooks(lang: Lang, count: usize) -> Markup {
    html! {
        section {
            h2 id="webhooks" { (tr!(lang, "org-webhooks-title")) }
            p { (tr!(lang, "settings-webhooks-count", count = count)) }
            p { a href="/settings/webhooks" { (tr!(lang, "settings-webhooks-link")) } }
        }
    }
}

pub fn audit(lang: Lang, audit: &[AuditEntry]) -> Markup {
    html! {
        section {
            h2 id="audit" { (tr!(lang, "org-settings-audit")) }
            @if audit.is_empty() { p.muted { (tr!(lang, "org-settings-audit-empty")) } } @else {
                (scrolling(&tr!(lang, "org-settings-audit"), html! { table {
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
                } }))
            }
            p { a href="/audit" { (tr!(lang, "settings-audit-link")) } }
        }
    }
}
