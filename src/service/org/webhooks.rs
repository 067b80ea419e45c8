//! Admin-registered webhooks: registration, and `emit_in`, which queues a
//! signed delivery for every webhook that wants an event, in the caller's
//! transaction.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::webhook::EVENTS;
use crate::domain::{DeliveryAttempt, OutboxMessage, Payload, Webhook, WebhookCall};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::net::{Outbound, OutboundError};
use crate::policy::Admin;
use crate::store::{self, Store, StoreError};

pub struct NewWebhook {
    pub url: String,
    pub events: Vec<String>,
    pub secret: Option<String>,
}

/// Checks a URL someone wants Convene to call.
pub fn check_url(outbound: &Outbound, url: &str, field: &str) -> Result<String, AppError> {
    match outbound.check_url(url) {
        Ok(u) => Ok(u.to_string()),
        Err(OutboundError::Scheme) => Err(AppError::Invalid {
            code: "invalid_url",
            message: Msg::key("err-webhook-url-scheme"),
            field: Some(field.into()),
        }),
        Err(OutboundError::Url(detail)) => Err(AppError::Invalid {
            code: "invalid_url",
            message: Msg::key("err-url-invalid").arg("detail", detail),
            field: Some(field.into()),
        }),
        // The address policy explains itself with the address and its
        // network, which are the same words in every language.
        Err(e) => Err(AppError::Invalid {
            code: "invalid_url",
            message: Msg::plain(e.to_string()),
            field: Some(field.into()),
        }),
    }
}

/// Registers a webhook; returns it with its secret (shown this once).
pub fn create(
    store: &Store,
    outbound: &Outbound,
    admin: Admin<'_>,
    input: NewWebhook,
    now: DateTime<Utc>,
) -> Result<Webhook, AppError> {
    let actor = admin.member();
    let url = check_url(outbound, &input.url, "url")?;
    let mut events: Vec<String> = input
        .events
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    events.sort();
    events.dedup();
    if events.is_empty() {
        return Err(AppError::invalid(
            "events",
            Msg::key("err-webhook-no-events"),
        ));
    }
    if let Some(unknown) = events
        .iter()
        .find(|e| *e != "*" && !EVENTS.contains(&e.as_str()))
    {
        return Err(AppError::invalid(
            "events",
            Msg::key("err-webhook-unknown-event")
                .arg("event", unknown.as_str())
                .arg("known", EVENTS.join(", ")),
        ));
    }
    let secret = match input
        .secret
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        Some(s) if s.len() < 16 => {
            return Err(AppError::invalid(
                "secret",
                Msg::key("err-webhook-secret-short").arg("min", 16),
            ));
        }
        Some(s) => s,
        None => format!("whsec_{}", crate::crypto::random_token()),
    };
    let webhook = Webhook {
        id: crate::crypto::random_id(),
        url,
        events,
        secret,
        created_by: actor.id.clone(),
        created_at: now,
    };
    let txn = store.write()?;
    store::put_webhook_in(&txn, &webhook)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "webhook.created",
        Some(webhook.id.clone()),
        json!({ "url": webhook.url, "events": webhook.events }),
        now,
    )?;
    store.commit(txn)?;
    Ok(webhook)
}

/// Webhooks without their secrets.
pub fn list(store: &Store, _admin: Admin<'_>) -> Result<Vec<Webhook>, AppError> {
    let mut all = store.webhooks()?;
    for w in &mut all {
        w.secret.clear();
    }
    Ok(all)
}

pub fn delete(
    store: &Store,
    admin: Admin<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = admin.member();
    let hook = store.webhook(id)?.ok_or(AppError::NotFound)?;
    let txn = store.write()?;
    store::delete_webhook_in(&txn, id)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "webhook.deleted",
        Some(id.to_string()),
        json!({ "url": hook.url }),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}

pub fn deliveries(
    store: &Store,
    _admin: Admin<'_>,
    id: &str,
) -> Result<Vec<DeliveryAttempt>, AppError> {
    store.webhook(id)?.ok_or(AppError::NotFound)?;
    Ok(store.webhook_deliveries(id, 100)?)
}

/// Sends a `webhook.ping` to one webhook so an admin can test the receiver.
pub fn ping(
    store: &Store,
    _admin: Admin<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let hook = store.webhook(id)?.ok_or(AppError::NotFound)?;
    let txn = store.write()?;
    let message = delivery(&hook, "webhook.ping", json!({ "webhook_id": hook.id }), now);
    let message_id = message.id.clone();
    store::enqueue_in(&txn, &message)?;
    store.commit(txn)?;
    Ok(message_id)
}

fn delivery(
    hook: &Webhook,
    event: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> OutboxMessage {
    let body = json!({
        "id": crate::crypto::random_id(),
        "event": event,
        "created_at": now,
        "data": data,
    });
    OutboxMessage::new(
        Payload::Webhook(WebhookCall {
            webhook_id: Some(hook.id.clone()),
            url: hook.url.clone(),
            event: event.to_string(),
            body: body.to_string(),
            secret: Some(hook.secret.clone()),
        }),
        now,
    )
}

/// Queues `event` for every webhook that subscribed to it.
pub fn emit_in(
    txn: &store::Txn,
    event: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    emit_with_in(txn, event, || data, now)
}

/// As `emit_in`, building the data only when a webhook wants the event:
/// most organizations have none, and every booking emits one.
pub fn emit_with_in(
    txn: &store::Txn,
    event: &str,
    data: impl FnOnce() -> serde_json::Value,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let wanting: Vec<_> = store::webhooks_in(txn)?
        .into_iter()
        .filter(|hook| hook.wants(event) && event != "webhook.ping")
        .collect();
    if wanting.is_empty() {
        return Ok(0);
    }
    let data = data();
    for hook in &wanting {
        store::enqueue_in(txn, &delivery(hook, event, data.clone(), now))?;
    }
    Ok(wanting.len())
}
