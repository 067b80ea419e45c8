//! Organization settings: public invitation, join rules, account
//! defaults, departments, positions and locations.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{CatalogKind, JoinRules, Schedule};
use crate::error::AppError;
use crate::service::{self, organize::Defaults};
use crate::web::State;
use crate::web::auth::ApiUser;
use crate::web::extract::Json;

fn invite_json(
    state: &State,
    invite: &crate::domain::PublicInvite,
    enabled: bool,
) -> serde_json::Value {
    json!({
        "url": format!("{}/join/org/{}", state.base_url, invite.token),
        "code": invite.code,
        "enabled": enabled,
        "qr_svg_url": "/members/invite-link/qr.svg",
    })
}

/// GET /api/v1/org/invite-link
pub async fn invite_link(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let (invite, enabled) = state
        .clone()
        .into_inner()
        .run(move |s| service::invitations::public_invite(&s.store, &user.member, false, now))
        .await?;
    Ok(HttpResponse::Ok().json(invite_json(&state, &invite, enabled)))
}

/// POST /api/v1/org/invite-link/rotate
pub async fn rotate_invite_link(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let (invite, enabled) = state
        .clone()
        .into_inner()
        .run(move |s| service::invitations::public_invite(&s.store, &user.member, true, now))
        .await?;
    Ok(HttpResponse::Ok().json(invite_json(&state, &invite, enabled)))
}

pub async fn join_rules(state: State, _user: ApiUser) -> Result<HttpResponse, AppError> {
    let org = state
        .into_inner()
        .run(|s| Ok(s.store.organization()?))
        .await?;
    Ok(HttpResponse::Ok().json(org.map(|o| o.join_rules).unwrap_or_default()))
}

/// PUT /api/v1/org/join-rules (also turns public joining on and off)
pub async fn set_join_rules(
    state: State,
    user: ApiUser,
    body: Json<JoinRules>,
) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let rules = state
        .into_inner()
        .run(move |s| service::invitations::set_join_rules(&s.store, &user.member, body.0, now))
        .await?;
    Ok(HttpResponse::Ok().json(rules))
}

#[derive(Deserialize, serde::Serialize)]
pub struct DefaultsBody {
    timezone: String,
    language: String,
    schedule: Schedule,
}

pub async fn defaults(state: State, _user: ApiUser) -> Result<HttpResponse, AppError> {
    let d = state
        .into_inner()
        .run(|s| service::organize::defaults(&s.store))
        .await?;
    Ok(HttpResponse::Ok().json(DefaultsBody {
        timezone: d.timezone,
        language: d.language,
        schedule: d.schedule,
    }))
}

pub async fn set_defaults(
    state: State,
    user: ApiUser,
    body: Json<DefaultsBody>,
) -> Result<HttpResponse, AppError> {
    let DefaultsBody {
        timezone,
        language,
        schedule,
    } = body.0;
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| {
            service::organize::set_defaults(
                &s.store,
                &user.member,
                Defaults {
                    timezone,
                    language,
                    schedule,
                },
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "saved": true })))
}

fn kind(path: &str) -> Result<CatalogKind, AppError> {
    CatalogKind::parse(path).ok_or(AppError::NotFound)
}

/// GET /api/v1/{departments|positions|locations}
pub async fn catalog(
    state: State,
    _user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let k = kind(&path)?;
    let items = state
        .into_inner()
        .run(move |s| service::organize::catalog(&s.store, k))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ k.plural(): items })))
}

#[derive(Deserialize)]
pub struct Name {
    name: String,
}

pub async fn create_catalog(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<Name>,
) -> Result<HttpResponse, AppError> {
    let k = kind(&path)?;
    let now = chrono::Utc::now();
    let item = state
        .into_inner()
        .run(move |s| {
            service::organize::create_catalog(&s.store, &user.member, k, &body.0.name, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(item))
}

pub async fn rename_catalog(
    state: State,
    user: ApiUser,
    path: web::Path<(String, String)>,
    body: Json<Name>,
) -> Result<HttpResponse, AppError> {
    let (k, old) = path.into_inner();
    let k = kind(&k)?;
    let now = chrono::Utc::now();
    let item = state
        .into_inner()
        .run(move |s| {
            service::organize::rename_catalog(&s.store, &user.member, k, &old, &body.0.name, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(item))
}

pub async fn delete_catalog(
    state: State,
    user: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (k, name) = path.into_inner();
    let k = kind(&k)?;
    let now = chrono::Utc::now();
    state
        .into_inner()
        .run(move |s| service::organize::delete_catalog(&s.store, &user.member, k, &name, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
