use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::ApiKeyId;
use crate::error::AppError;
use crate::service;
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct NewKey {
    name: String,
}

pub async fn list(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let keys = ctx
        .run(|s| service::auth::api_keys(s.store(), s.actor()))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "api_keys": keys })))
}

/// POST /api/v1/api-keys: 201 {id, key}; the key is never shown again.
pub async fn create(ctx: Ctx<ApiUser>, body: Json<NewKey>) -> Result<HttpResponse, AppError> {
    let (record, key) = ctx
        .run(move |s| service::auth::create_api_key(s.store(), s.actor(), &body.0.name, s.now))
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "id": record.id,
        "key": key,
        "name": record.name,
        "created_at": record.created_at,
    })))
}

/// POST /api/v1/api-keys/{id}/regenerate: 200 {id, key}; the old key is
/// refused from now on, the new one is never shown again.
pub async fn regenerate(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = ApiKeyId::from_string(path.into_inner());
    let (record, key) = ctx
        .run(move |s| service::auth::regenerate_api_key(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "id": record.id,
        "key": key,
        "name": record.name,
        "created_at": record.created_at,
    })))
}

pub async fn delete(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = ApiKeyId::from_string(path.into_inner());
    ctx.run(move |s| service::auth::revoke_api_key(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
