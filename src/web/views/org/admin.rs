use maud::{Markup, html};

use super::utc_time;
use crate::domain::DeliveryState;
use crate::i18n::Lang;
use crate::jobs::scheduler::JobStatus;
use crate::mail::transport::{TEST_TIMEOUT, TestFailure, TestSend};
use crate::service::org::outbox::QueueView;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

/// The mail queue on the tab of `wanted`; `sent`: a test message was just
/// queued.
pub fn mail_queue(
    user: &PageUser,
    lang: Lang,
    view: &QueueView,
    wanted: DeliveryState,
    sent: bool,
) -> Markup {
    let tab = |name: &str, label: String| {
        html! { li { a href={ "/admin/mail?state=" (name) } aria-current=[(wanted.as_str() == name).then_some("page")] { (label) } } }
    };
    let body = html! {
        @if sent { p.notice role="status" { (tr!(lang, "org-mail-test-sent", email = user.member.email.as_str())) } }
        ul.tabs {
            (tab("failed", tr!(lang, "org-mail-tab-failed", count = view.counts.failed)))
            (tab("queued", tr!(lang, "org-mail-tab-queued", count = view.counts.queued)))
            (tab("sent", tr!(lang, "org-mail-tab-sent", count = view.counts.sent)))
            @if view.counts.held > 0 || wanted == DeliveryState::Held {
                (tab("held", tr!(lang, "org-mail-tab-held", count = view.counts.held)))
            }
        }
        @if wanted == DeliveryState::Held && view.counts.held > 0 {
            div.notice role="note" {
                p { (tr!(lang, "org-mail-held-note")) }
                form method="post" action="/admin/mail/release" {
                    (csrf_field(&user.csrf_token))
                    button type="submit" { (tr!(lang, "org-mail-release", count = view.counts.held)) }
                }
            }
        }
        @if view.messages.is_empty() {
            div.empty { p { (tr!(lang, "org-mail-empty")) } }
        } @else {
            table {
                thead { tr {
                    th { (tr!(lang, "org-mail-created")) }
                    th { (tr!(lang, "org-mail-to")) }
                    th { (tr!(lang, "org-mail-subject")) }
                    th { (tr!(lang, "org-mail-attempts")) }
                    th { (tr!(lang, "org-mail-last-error")) }
                    th { span.sr-only { (crate::i18n::t(lang, "layout-col-actions")) } }
                } }
                tbody {
                    @for m in &view.messages {
                        tr {
                            td { (utc_time(lang, m.created_at)) }
                            td { (m.destination()) }
                            td { (m.summary()) }
                            td { (m.attempts) }
                            td.fail { (m.last_error.as_deref().unwrap_or("")) }
                            td {
                                @if m.state == DeliveryState::Failed {
                                    form method="post" action={ "/admin/mail/" (m.id) "/retry" } {
                                        (csrf_field(&user.csrf_token))
                                        button type="submit" { (tr!(lang, "org-mail-retry")) }
                                    }
                                }
                                @if m.state != DeliveryState::Sent {
                                    " "
                                    form method="post" action={ "/admin/mail/" (m.id) "/drop" } data-confirm=(tr!(lang, "org-mail-drop-confirm")) {
                                        (csrf_field(&user.csrf_token))
                                        button.danger type="submit" { (tr!(lang, "org-mail-drop")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        form method="post" action="/admin/mail/test" {
            (csrf_field(&user.csrf_token))
            button.link type="submit" { (tr!(lang, "org-mail-send-test")) }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-mail-title"), body)
}

/// What a job does, by its name; a job this page does not know keeps the
/// scheduler's own words.
fn job_description(lang: Lang, job: &JobStatus) -> String {
    match job.name {
        "outbox_sweep" => tr!(lang, "org-job-outbox-sweep"),
        "token_cleanup" => tr!(lang, "org-job-token-cleanup"),
        "admin_digest" => tr!(lang, "org-job-admin-digest"),
        "booking_reminders" => tr!(lang, "org-job-booking-reminders"),
        "calendar_sync" => tr!(lang, "cal-job-sync"),
        "backup" => tr!(lang, "org-job-backup"),
        _ => job.description.to_string(),
    }
}

/// A run's outcome in the reader's language; runs recorded before outcomes
/// were kept as data show the stored English.
pub fn outcome_text(lang: Lang, run: &crate::store::JobRun) -> String {
    run.result
        .as_ref()
        .map_or_else(|| run.outcome.clone(), |r| r.text(lang))
}

pub fn jobs(user: &PageUser, lang: Lang, jobs: &[JobStatus]) -> Markup {
    let body = html! {
        table {
            thead { tr {
                th { (tr!(lang, "org-jobs-job")) }
                th { (tr!(lang, "org-jobs-schedule")) }
                th { (tr!(lang, "org-jobs-last-run")) }
                th { (tr!(lang, "org-jobs-outcome")) }
                th { (tr!(lang, "org-jobs-next-run")) }
                th { span.sr-only { (crate::i18n::t(lang, "layout-col-actions")) } }
            } }
            tbody {
                @for j in jobs {
                    tr {
                        td { strong { (j.name) } br; span.muted { (job_description(lang, j)) } }
                        td { code { (j.schedule) } " " span.muted { (j.timezone) } }
                        td {
                            @if let Some(r) = &j.last_run {
                                (utc_time(lang, r.started_at)) br; span.muted { (tr!(lang, "org-duration-ms", ms = r.duration_ms)) }
                            } @else { span.muted { (tr!(lang, "org-jobs-never")) } }
                        }
                        td {
                            @if let Some(r) = &j.last_run {
                                span.ok[r.ok] .fail[!r.ok] { (outcome_text(lang, r)) }
                            }
                        }
                        td { @if let Some(n) = j.next_run { (utc_time(lang, n)) } }
                        td {
                            @if j.running { span.muted { (tr!(lang, "org-jobs-running")) } } @else {
                                form method="post" action={ "/admin/jobs/" (j.name) "/run" } {
                                    (csrf_field(&user.csrf_token))
                                    button type="submit" { (tr!(lang, "org-jobs-run-now")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-jobs-title"), body)
}

/// The answer to a test message sent at once: the mail server's reply, or
/// why it did not go, framed in the admin's language around the server's
/// own words.
pub fn mail_test(user: &PageUser, lang: Lang, sent: &TestSend) -> Markup {
    let email = user.member.email.as_str();
    let answer =
        |text: String| html! { p { code.smtp-answer data-testid="smtp-answer" { (text) } } };
    let reply = |code: &str, text: &str| answer(format!("{code} {text}").trim().to_string());
    let body = html! {
        @match sent {
            TestSend::Accepted { server, code, text } => {
                p.toast.ok role="status" data-testid="mail-test-outcome" {
                    (tr!(lang, "settings-test-accepted", server = server.as_str(), email = email))
                }
                (reply(code, text))
            }
            TestSend::Written { path } => {
                p.toast.ok role="status" data-testid="mail-test-outcome" { (tr!(lang, "settings-test-written")) }
                (answer(path.clone()))
            }
            TestSend::Logged => {
                p.toast.ok role="status" data-testid="mail-test-outcome" { (tr!(lang, "settings-test-logged")) }
            }
            TestSend::Failed { server, failure } => {
                @let server = server.as_str();
                p.form-error role="alert" data-testid="mail-test-outcome" {
                    @match failure {
                        TestFailure::Config(_) => (tr!(lang, "settings-test-config")),
                        TestFailure::Refused(_) => (tr!(lang, "settings-test-refused", server = server)),
                        TestFailure::Timeout => (tr!(lang, "settings-test-timeout", server = server, seconds = TEST_TIMEOUT.as_secs())),
                        TestFailure::Tls(_) => (tr!(lang, "settings-test-tls", server = server)),
                        TestFailure::Auth { .. } => (tr!(lang, "settings-test-auth", server = server)),
                        TestFailure::Rejected { .. } => (tr!(lang, "settings-test-rejected", server = server)),
                        TestFailure::Other(_) => (tr!(lang, "settings-test-other")),
                    }
                }
                @match failure {
                    TestFailure::Config(d) | TestFailure::Refused(d) | TestFailure::Tls(d) | TestFailure::Other(d) => (answer(d.clone())),
                    TestFailure::Auth { code, text } | TestFailure::Rejected { code, text } => (reply(code, text)),
                    TestFailure::Timeout => {},
                }
            }
        }
        ul.subnav {
            li { a href="/settings#mail" { (tr!(lang, "settings-back")) } }
            li { a href="/admin/mail" { (tr!(lang, "org-mail-title")) } }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "settings-test-title"), body)
}
