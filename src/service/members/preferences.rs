//! Notification preferences and the test notification.

use chrono::{DateTime, Utc};

use crate::domain::{Member, NotificationKind, Preferences};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::net::Outbound;
use crate::service::notify::{Notice, notify_in};
use crate::store::Store;

pub fn get(store: &Store, actor: &Member) -> Result<Preferences, AppError> {
    Ok(store.preferences(&actor.id)?)
}

/// Saves the member's own preferences; a webhook URL must be callable.
pub fn set(
    store: &Store,
    outbound: &Outbound,
    actor: &Member,
    mut prefs: Preferences,
) -> Result<Preferences, AppError> {
    prefs.webhook_url = match prefs.webhook_url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => Some(crate::service::org::webhooks::check_url(
            outbound,
            url,
            "webhook_url",
        )?),
        _ => None,
    };
    if prefs.channels.values().any(|c| c.webhook) && prefs.webhook_url.is_none() {
        return Err(AppError::invalid(
            "webhook_url",
            Msg::key("err-webhook-url-needed"),
        ));
    }
    store.set_preferences(&actor.id, &prefs)?;
    Ok(prefs)
}

/// Sends a test notification through the member's chosen channels.
pub fn send_test(
    store: &Store,
    base_url: &str,
    actor: &Member,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = store.write()?;
    notify_in(
        &txn,
        base_url,
        actor,
        &Notice {
            kind: NotificationKind::Test,
            title: "Test notification".into(),
            detail: "You asked for this notification to check your settings.".into(),
            link: Some("/settings/notifications".into()),
            data: serde_json::json!({}),
        },
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}
