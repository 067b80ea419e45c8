use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::service::{self, org::webhooks::NewWebhook};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct Create {
    url: String,
    events: Vec<String>,
    #[serde(default)]
    secret: Option<String>,
}

/// POST /api/v1/webhooks: 201 {id, secret}; the secret is shown once.
pub async fn create(ctx: Ctx<ApiUser>, body: Json<Create>) -> Result<HttpResponse, AppError> {
    let Create {
        url,
        events,
        secret,
    } = body.0;
    let hook = ctx
        .run(move |s| {
            let input = NewWebhook {
                url,
                events,
                secret,
            };
            service::org::webhooks::create(s.store(), s.outbound(), s.admin()?, input, s.now)
        })
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "id": hook.id, "secret": hook.secret, "url": hook.url, "events": hook.events,
    })))
}

pub async fn list(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let hooks = ctx
        .run(|s| service::org::webhooks::list(s.store(), s.admin()?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "webhooks": hooks })))
}

pub async fn delete(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    ctx.run(move |s| service::org::webhooks::delete(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn deliveries(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let log = ctx
        .run(move |s| service::org::webhooks::deliveries(s.store(), s.admin()?, &id))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "deliveries": log })))
}

pub async fn ping(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let message = ctx
        .run(move |s| service::org::webhooks::ping(s.store(), s.admin()?, &id, s.now))
        .await?;
    Ok(HttpResponse::Accepted().json(json!({ "message_id": message })))
}
