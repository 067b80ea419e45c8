use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{Channels, NotificationKind, Preferences};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service;
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

/// GET /api/v1/notifications: newest first, with the unread count.
pub async fn list(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let (items, unread) = ctx
        .run(|s| {
            Ok((
                service::notifications::list(s.store(), s.actor(), 200)?,
                service::notifications::unread(s.store(), s.actor())?,
            ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "notifications": items, "unread": unread })))
}

/// POST /api/v1/notifications/{id}/read
pub async fn read(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let found = ctx
        .run(move |s| service::notifications::mark_read(s.store(), s.actor(), &id))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// POST /api/v1/notifications/read-all
pub async fn read_all(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    ctx.run(|s| service::notifications::mark_all_read(s.store(), s.actor()))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "unread": 0 })))
}

/// POST /api/v1/notifications/test: one notification through my channels.
pub async fn test(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    ctx.run(|s| {
        service::members::preferences::send_test(s.store(), s.base_url(), s.actor(), s.now)
    })
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
pub async fn get_preferences(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let prefs = ctx
        .run(|s| service::members::preferences::get(s.store(), s.actor()))
        .await?;
    Ok(HttpResponse::Ok().json(body_of(&prefs)))
}

/// PUT /api/v1/notification-preferences
pub async fn put_preferences(
    ctx: Ctx<ApiUser>,
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
                Msg::key("err-unknown-notification-kind").arg("kind", name.as_str()),
            )
        })?;
        prefs.channels.insert(kind, channels);
    }
    let saved = ctx
        .run(move |s| service::members::preferences::set(s.store(), s.outbound(), s.actor(), prefs))
        .await?;
    Ok(HttpResponse::Ok().json(body_of(&saved)))
}
