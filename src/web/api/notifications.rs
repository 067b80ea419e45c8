use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{Channels, NotificationKind, Preferences};
use crate::error::AppError;
use crate::service;
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

/// GET /api/v1/notifications: newest first, with the unread count.
pub async fn list(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let id = user.member.id.clone();
    let (items, unread) = state
        .into_inner()
        .run(move |s| Ok((s.store.notifications(&id, 200)?, s.store.unread_count(&id)?)))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "notifications": items, "unread": unread })))
}

/// POST /api/v1/notifications/{id}/read
pub async fn read(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let member = user.member.id.clone();
    let id = path.into_inner();
    let found = state
        .into_inner()
        .run(move |s| Ok(s.store.mark_read(&member, Some(&id))?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(found))
}

/// POST /api/v1/notifications/read-all
pub async fn read_all(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let member = user.member.id.clone();
    state
        .into_inner()
        .run(move |s| Ok(s.store.mark_read(&member, None)?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "unread": 0 })))
}

/// POST /api/v1/notifications/test: one notification through my channels.
pub async fn test(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| service::preferences::send_test(&s.store, &s.base_url, &user.member, now))
        .await?;
    Ok(HttpResponse::Accepted().json(json!({ "queued": true })))
}

#[derive(serde::Serialize, Deserialize)]
pub struct PreferencesBody {
    /// kind → channels; kinds left out keep their defaults.
    #[serde(default)]
    channels: std::collections::BTreeMap<String, Channels>,
    #[serde(default)]
    webhook_url: Option<String>,
}

fn body_of(prefs: &Preferences) -> serde_json::Value {
    let channels: serde_json::Map<String, serde_json::Value> = NotificationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), json!(prefs.channels(*k))))
        .collect();
    json!({ "channels": channels, "webhook_url": prefs.webhook_url })
}

/// GET /api/v1/notification-preferences: every kind with its channels.
pub async fn get_preferences(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let prefs = state
        .into_inner()
        .run(move |s| service::preferences::get(&s.store, &user.member))
        .await?;
    Ok(HttpResponse::Ok().json(body_of(&prefs)))
}

/// PUT /api/v1/notification-preferences
pub async fn put_preferences(
    state: State,
    user: ApiUser,
    body: Json<PreferencesBody>,
) -> Result<HttpResponse, AppError> {
    let body = body.0;
    let mut prefs = Preferences {
        webhook_url: body.webhook_url,
        ..Default::default()
    };
    for (name, channels) in body.channels {
        let kind = NotificationKind::parse(&name).ok_or_else(|| {
            AppError::invalid(
                &format!("channels.{name}"),
                format!("unknown notification kind {name:?}"),
            )
        })?;
        prefs.channels.insert(kind, channels);
    }
    let saved = state
        .into_inner()
        .run(move |s| service::preferences::set(&s.store, &s.outbound, &user.member, prefs))
        .await?;
    Ok(HttpResponse::Ok().json(body_of(&saved)))
}
