use maud::{Markup, html};

use super::{SLOTS, rich, utc_time};
use crate::domain::webhook::EVENTS;
use crate::domain::{DeliveryAttempt, Webhook};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};

/// Each webhook with its last deliveries, newest first.
pub type Hooks = [(Webhook, Vec<DeliveryAttempt>)];

/// What the last action on the page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Pinged,
    Deleted,
}

impl Done {
    pub fn parse(s: &str) -> Option<Done> {
        match s {
            "pinged" => Some(Done::Pinged),
            "deleted" => Some(Done::Deleted),
            _ => None,
        }
    }
}

/// The webhooks page: the registered ones, and the outcome of the last
/// post. `created` is the webhook just added, whose secret is shown once;
/// `url` and `events` are what a refused form had typed.
#[derive(Default)]
pub struct Page<'a> {
    pub hooks: &'a Hooks,
    pub created: Option<&'a Webhook>,
    pub error: Option<&'a AppError>,
    pub done: Option<Done>,
    pub url: &'a str,
    pub events: &'a [String],
}

pub fn webhooks(user: &PageUser, lang: Lang, p: &Page<'_>) -> Markup {
    let (hooks, created, error, typed) = (p.hooks, p.created, p.error, p.url);
    let err_for = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let signing = tr!(
        lang,
        "org-webhooks-explained",
        body = SLOTS[0],
        header = SLOTS[1]
    );
    let samples = [
        html! { code { "{id, event, created_at, data}" } },
        html! { code { "Convene-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">" } },
    ];
    let body = html! {
        p { a href="/settings#webhooks" { (tr!(lang, "settings-back")) } }
        @match p.done {
            Some(Done::Pinged) => p.toast.ok role="status" { (tr!(lang, "settings-webhook-pinged")) },
            Some(Done::Deleted) => p.toast.ok role="status" { (tr!(lang, "settings-webhook-deleted")) },
            None => {},
        }
        p.muted { (rich(&signing, &samples)) }
        @if let Some(h) = created {
            p.notice role="status" { (tr!(lang, "org-webhooks-created")) }
            p.secret data-testid="webhook-secret" { (h.secret) }
        }
        @for (h, log) in hooks {
            section.card {
                p { strong { (h.url) } }
                p.muted { (tr!(lang, "org-webhooks-events-of", events = &h.events.join(", "))) }
                @if log.is_empty() { p.muted { (tr!(lang, "org-webhooks-no-deliveries")) } } @else {
                    table {
                        thead { tr {
                            th { (tr!(lang, "org-when-utc")) }
                            th { (tr!(lang, "org-webhooks-event")) }
                            th { (tr!(lang, "org-webhooks-status")) }
                            th { (tr!(lang, "org-webhooks-time")) }
                        } }
                        tbody {
                            @for a in log {
                                tr {
                                    td { (utc_time(lang, a.at)) }
                                    td { (a.event) }
                                    td {
                                        @match (a.status, &a.error) {
                                            (Some(s), None) => span.ok { (s) },
                                            (Some(s), Some(e)) => span.fail { (s) " " (e) },
                                            (None, Some(e)) => span.fail { (e) },
                                            (None, None) => "",
                                        }
                                    }
                                    td { (tr!(lang, "org-duration-ms", ms = a.duration_ms)) }
                                }
                            }
                        }
                    }
                }
                form method="post" action={ "/settings/webhooks/" (h.id) "/ping" } {
                    (csrf_field(&user.csrf_token))
                    button type="submit" { (tr!(lang, "org-webhooks-ping")) }
                }
                " "
                form method="post" action={ "/settings/webhooks/" (h.id) "/delete" } data-confirm=(tr!(lang, "org-webhooks-delete-confirm")) {
                    (csrf_field(&user.csrf_token))
                    button.danger type="submit" { (tr!(lang, "org-delete")) }
                }
            }
        }
        h2 { (tr!(lang, "org-webhooks-add-title")) }
        form method="post" action="/settings/webhooks" {
            (csrf_field(&user.csrf_token))
            (field("url", &tr!(lang, "org-webhooks-url"), "url", typed, err_for("url").as_deref(), FieldAttrs { required: true, ..Default::default() }))
            fieldset {
                legend { (tr!(lang, "org-webhooks-events")) }
                @for e in EVENTS.iter().filter(|e| **e != "webhook.ping") {
                    label { input type="checkbox" name="events" value=(e) checked[p.events.iter().any(|t| t == e)]; " " (e) } br;
                }
                @if let Some(e) = err_for("events") { p.error { (e) } }
            }
            button type="submit" { (tr!(lang, "org-webhooks-add")) }
        }
    };
    page(user, Nav::Settings, &tr!(lang, "org-webhooks-title"), body)
}
