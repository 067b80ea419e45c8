//! Organization settings: name, time zone, language and colour; public
//! invitation, join rules, account defaults, departments, positions and
//! locations.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{CatalogKind, JoinRules, Schedule};
use crate::error::AppError;
use crate::service::org::settings::{OrgPatch, OrgSettings};
use crate::service::{self, members::organize::Defaults};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

fn org_json(o: &OrgSettings) -> serde_json::Value {
    json!({
        "name": o.name,
        "timezone": o.timezone,
        "language": o.language,
        "brand_color": o.brand_color,
        // What the public pages use: the colour, or a darker shade of it
        // when it is too light to read on them.
        "accent": o.accent().map(|a| a.light.hex()),
    })
}

/// GET /api/v1/org: any signed-in member may read it.
pub async fn organization(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let o = ctx.run(|s| service::org::settings::get(s.store())).await?;
    Ok(HttpResponse::Ok().json(org_json(&o)))
}

/// PATCH /api/v1/org (admins; the time zone and language, owners)
pub async fn patch_organization(
    ctx: Ctx<ApiUser>,
    body: Json<OrgPatch>,
) -> Result<HttpResponse, AppError> {
    let o = ctx
        .run(move |s| service::org::settings::update(s.store(), s.admin()?, body.0, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(org_json(&o)))
}

fn invite_json(
    base_url: &str,
    invite: &crate::domain::PublicInvite,
    enabled: bool,
) -> serde_json::Value {
    json!({
        "url": format!("{base_url}/join/org/{}", invite.token),
        "code": invite.code,
        "enabled": enabled,
        "qr_svg_url": "/members/invite-link/qr.svg",
    })
}

/// GET /api/v1/org/invite-link
pub async fn invite_link(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let (invite, enabled) = ctx
        .run(|s| service::members::invitations::public_invite(s.store(), s.admin()?, false, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(invite_json(&ctx.app().base_url, &invite, enabled)))
}

/// POST /api/v1/org/invite-link/rotate
pub async fn rotate_invite_link(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let (invite, enabled) = ctx
        .run(|s| service::members::invitations::public_invite(s.store(), s.admin()?, true, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(invite_json(&ctx.app().base_url, &invite, enabled)))
}

/// GET /api/v1/org/join-rules: any signed-in member may read them.
pub async fn join_rules(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let rules = ctx
        .run(|s| service::members::invitations::join_rules(s.store()))
        .await?;
    Ok(HttpResponse::Ok().json(rules))
}

/// PUT /api/v1/org/join-rules (also turns public joining on and off)
pub async fn set_join_rules(
    ctx: Ctx<ApiUser>,
    body: Json<JoinRules>,
) -> Result<HttpResponse, AppError> {
    let rules = ctx
        .run(move |s| {
            service::members::invitations::set_join_rules(s.store(), s.admin()?, body.0, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rules))
}

#[derive(Deserialize, serde::Serialize)]
pub struct DefaultsBody {
    timezone: String,
    language: String,
    schedule: Schedule,
}

pub async fn defaults(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let d = ctx
        .run(|s| service::members::organize::defaults(s.store()))
        .await?;
    Ok(HttpResponse::Ok().json(DefaultsBody {
        timezone: d.timezone,
        language: d.language,
        schedule: d.schedule,
    }))
}

pub async fn set_defaults(
    ctx: Ctx<ApiUser>,
    body: Json<DefaultsBody>,
) -> Result<HttpResponse, AppError> {
    let DefaultsBody {
        timezone,
        language,
        schedule,
    } = body.0;
    ctx.run(move |s| {
        let defaults = Defaults {
            timezone,
            language,
            schedule,
        };
        service::members::organize::set_defaults(s.store(), s.owner()?, defaults, s.now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(json!({ "saved": true })))
}

fn kind(path: &str) -> Result<CatalogKind, AppError> {
    CatalogKind::parse(path).ok_or(AppError::NotFound)
}

/// GET /api/v1/{departments|positions|locations}
pub async fn catalog(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let k = kind(&path)?;
    let items = ctx
        .run(move |s| service::members::organize::catalog(s.store(), k))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ k.plural(): items })))
}

#[derive(Deserialize)]
pub struct Name {
    name: String,
}

pub async fn create_catalog(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<Name>,
) -> Result<HttpResponse, AppError> {
    let k = kind(&path)?;
    let item = ctx
        .run(move |s| {
            service::members::organize::create_catalog(
                s.store(),
                s.admin()?,
                k,
                &body.0.name,
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(item))
}

pub async fn rename_catalog(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
    body: Json<Name>,
) -> Result<HttpResponse, AppError> {
    let (k, old) = path.into_inner();
    let k = kind(&k)?;
    let item = ctx
        .run(move |s| {
            service::members::organize::rename_catalog(
                s.store(),
                s.admin()?,
                k,
                &old,
                &body.0.name,
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(item))
}

pub async fn delete_catalog(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (k, name) = path.into_inner();
    let k = kind(&k)?;
    ctx.run(move |s| {
        service::members::organize::delete_catalog(s.store(), s.admin()?, k, &name, s.now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
