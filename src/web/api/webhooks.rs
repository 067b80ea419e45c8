use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::service::{self, webhooks::NewWebhook};
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct Create {
    url: String,
    events: Vec<String>,
    #[serde(default)]
    secret: Option<String>,
}

/// POST /api/v1/webhooks: 201 {id, secret}; the secret is shown once.
pub async fn create(
    state: State,
    user: ApiUser,
    body: Json<Create>,
) -> Result<HttpResponse, AppError> {
    let Create {
        url,
        events,
        secret,
    } = body.0;
    let now = chrono::Utc::now();
    let hook = state
        .into_inner()
        .run(move |s| {
            service::webhooks::create(
                &s.store,
                &s.outbound,
                &user.member,
                NewWebhook {
                    url,
                    events,
                    secret,
                },
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "id": hook.id, "secret": hook.secret, "url": hook.url, "events": hook.events,
    })))
}

pub async fn list(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let hooks = state
        .into_inner()
        .run(move |s| service::webhooks::list(&s.store, &user.member))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "webhooks": hooks })))
}

pub async fn delete(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| service::webhooks::delete(&s.store, &user.member, &id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn deliveries(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let log = state
        .into_inner()
        .run(move |s| service::webhooks::deliveries(&s.store, &user.member, &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "deliveries": log })))
}

pub async fn ping(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let now = chrono::Utc::now();
    let message = state
        .into_inner()
        .run(move |s| service::webhooks::ping(&s.store, &user.member, &id, now))
        .await?;
    Ok(HttpResponse::Accepted().json(json!({ "message_id": message })))
}
