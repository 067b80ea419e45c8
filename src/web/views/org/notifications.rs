use maud::{Markup, html};

use super::utc_time;
use crate::domain::{Notification, NotificationKind, Preferences};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

/// The line a notification shows, in the reader's language.
///
/// Notifications keep the title they were written with. Booking titles
/// are already in their reader's language (the host's mail subject); the
/// others were stored in English, in a few known forms, and are said again
/// from their parts. A title in none of those forms is shown as it is.
pub fn notification_title(lang: Lang, n: &Notification) -> String {
    match n.kind {
        NotificationKind::Test if n.title == "Test notification" => {
            tr!(lang, "org-notification-test")
        }
        NotificationKind::MemberPending => match n.title.strip_suffix(" waits for approval") {
            Some(who) => tr!(lang, "org-notification-pending", who = who),
            None => n.title.clone(),
        },
        NotificationKind::ImportFinished => match import_counts(&n.title) {
            Some((invited, skipped, errors)) => tr!(
                lang,
                "org-notification-import",
                invited = invited,
                skipped = skipped,
                errors = errors
            ),
            None => n.title.clone(),
        },
        _ => n.title.clone(),
    }
}

/// The three counts of "Import finished: 3 invited, 1 skipped, 0 with errors".
fn import_counts(title: &str) -> Option<(u64, u64, u64)> {
    let rest = title.strip_prefix("Import finished: ")?;
    let (invited, rest) = rest.split_once(" invited, ")?;
    let (skipped, rest) = rest.split_once(" skipped, ")?;
    let errors = rest.strip_suffix(" with errors")?;
    Some((
        invited.parse().ok()?,
        skipped.parse().ok()?,
        errors.parse().ok()?,
    ))
}

fn kind_label(lang: Lang, kind: NotificationKind) -> String {
    match kind {
        NotificationKind::BookingCreated => tr!(lang, "org-kind-booking-created"),
        NotificationKind::BookingChanged => tr!(lang, "org-kind-booking-changed"),
        NotificationKind::BookingCancelled => tr!(lang, "org-kind-booking-cancelled"),
        NotificationKind::ExternalDatesEntered => tr!(lang, "org-kind-external-dates"),
        NotificationKind::MemberPending => tr!(lang, "org-kind-member-pending"),
        NotificationKind::ImportFinished => tr!(lang, "org-kind-import-finished"),
        NotificationKind::CalendarStale => tr!(lang, "cal-kind-stale"),
        NotificationKind::PageWithoutHosts => tr!(lang, "dep-kind-page-without-hosts"),
        NotificationKind::BackupFailed => tr!(lang, "ops-kind-backup-failed"),
        NotificationKind::Test => tr!(lang, "org-kind-test"),
    }
}

pub fn notifications(user: &PageUser, lang: Lang, items: &[Notification]) -> Markup {
    let body = html! {
        @if items.is_empty() {
            div.empty { p { (tr!(lang, "org-notifications-empty")) } }
        } @else {
            form.toolbar method="post" action="/notifications/read-all" {
                (csrf_field(&user.csrf_token))
                button type="submit" { (tr!(lang, "org-notifications-read-all")) }
            }
            table {
                thead { tr {
                    th { span.sr-only { (crate::i18n::t(lang, "layout-col-status")) } }
                    th { (tr!(lang, "org-notifications-what")) }
                    th { (tr!(lang, "org-when-utc")) }
                    th { span.sr-only { (crate::i18n::t(lang, "layout-col-actions")) } }
                } }
                tbody {
                    @for n in items {
                        tr.unread[!n.read] {
                            td { @if !n.read { span.badge { (tr!(lang, "org-notifications-new")) } } }
                            td { (notification_title(lang, n)) }
                            td { (utc_time(lang, n.created_at)) }
                            td {
                                form method="post" action={ "/notifications/" (n.id) "/open" } {
                                    (csrf_field(&user.csrf_token))
                                    button.link type="submit" { (tr!(lang, "org-notifications-open")) }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/settings/notifications" { (tr!(lang, "org-notifications-choose")) } }
    };
    page(
        user,
        Nav::Notifications,
        &tr!(lang, "org-notifications-title"),
        body,
    )
}

/// The preferences form; `saved`: they were just saved.
pub fn preferences(
    user: &PageUser,
    lang: Lang,
    prefs: &Preferences,
    saved: bool,
    error: Option<&AppError>,
) -> Markup {
    let url_error = error
        .filter(|e| e.field() == Some("webhook_url"))
        .map(|e| e.text(lang));
    let body = html! {
        @if saved { p.notice role="status" { (tr!(lang, "org-saved")) } }
        @if let Some(e) = error.filter(|e| e.field() != Some("webhook_url")) { p.form-error role="alert" { (e.text(lang)) } }
        form method="post" action="/settings/notifications" {
            (csrf_field(&user.csrf_token))
            table.checks {
                thead { tr {
                    th { (tr!(lang, "org-prefs-notify-me")) }
                    th { (tr!(lang, "org-prefs-email")) }
                    th { (tr!(lang, "org-prefs-in-app")) }
                    th { (tr!(lang, "org-prefs-webhook")) }
                } }
                tbody {
                    @for kind in NotificationKind::ALL {
                        @let c = prefs.channels(kind);
                        @let label = kind_label(lang, kind);
                        tr {
                            td.kind { (label) }
                            td { input type="checkbox" name={ (kind.as_str()) ".email" } checked[c.email] aria-label=(tr!(lang, "org-prefs-aria-email", kind = &label)); }
                            td { input type="checkbox" name={ (kind.as_str()) ".in_app" } checked[c.in_app] aria-label=(tr!(lang, "org-prefs-aria-in-app", kind = &label)); }
                            td { input type="checkbox" name={ (kind.as_str()) ".webhook" } checked[c.webhook] aria-label=(tr!(lang, "org-prefs-aria-webhook", kind = &label)); }
                        }
                    }
                }
            }
            (field("webhook_url", &tr!(lang, "org-prefs-webhook-url"), "url",
                prefs.webhook_url.as_deref().unwrap_or(""), url_error.as_deref(), FieldAttrs::default()))
            button type="submit" { (tr!(lang, "org-save")) }
        }
        form method="post" action="/settings/notifications/test" {
            (csrf_field(&user.csrf_token))
            button.link type="submit" { (tr!(lang, "org-prefs-send-test")) }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-prefs-title"), body)
}
