use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::ApiKeyId;
use crate::error::AppError;
use crate::service;
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct NewKey {
    name: String,
}

pub async fn list(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let id = user.member.id.clone();
    let keys = state
        .into_inner()
        .run(move |s| Ok(s.store.api_keys_of(&id)?))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "api_keys": keys })))
}

/// POST /api/v1/api-keys: 201 {id, key}; the key is never shown again.
pub async fn create(
    state: State,
    user: ApiUser,
    body: Json<NewKey>,
) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let (record, key) = state
        .into_inner()
        .run(move |s| service::auth::create_api_key(&s.store, &user.member, &body.0.name, now))
        .await?;
    Ok(HttpResponse::Created().json(json!({
        "id": record.id,
        "key": key,
        "name": record.name,
        "created_at": record.created_at,
    })))
}

pub async fn delete(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = ApiKeyId::from_string(path.into_inner());
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| service::auth::revoke_api_key(&s.store, &user.member, &id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
