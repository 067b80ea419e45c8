//! External members (Connect) and the candidate-date link.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::{ExternalMember, MemberId};
use crate::error::AppError;
use crate::service::connect::dates::{DatesInput, RangeInput};
use crate::service::connect::{self, ExternalInput};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::{Json, OptionalJson};

/// An external member as the API shows it.
pub fn external_json(x: &ExternalMember) -> Value {
    json!({
        "id": x.id,
        "name": x.name,
        "email": x.email,
        "organization": x.organization,
        "contact_member_id": x.contact_member_id,
        "timezone": x.timezone,
        "language": x.language,
        "icon_color": x.icon_color,
        "status": if x.has_dates() { "dates_entered" } else { "awaiting_dates" },
        "ranges": x.ranges,
        "message": x.message,
        "dates_entered_at": x.dates_entered_at,
        "requested_at": x.requested_at,
        "created_at": x.created_at,
        "updated_at": x.updated_at,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalBody {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    contact_member_id: Option<MemberId>,
    #[serde(default)]
    language: Option<String>,
}

impl From<ExternalBody> for ExternalInput {
    fn from(b: ExternalBody) -> Self {
        ExternalInput {
            name: b.name,
            email: b.email,
            organization: b.organization,
            contact_member_id: b.contact_member_id,
            language: b.language,
        }
    }
}

/// POST /api/v1/external-members: 201 {id, …}; 409 `limit_reached`.
pub async fn invite(ctx: Ctx<ApiUser>, body: Json<ExternalBody>) -> Result<HttpResponse, AppError> {
    let input = ExternalInput::from(body.0);
    let x = ctx
        .run(move |s| connect::invite(s.store(), &s.connect(), s.actor(), input, s.now))
        .await?;
    Ok(HttpResponse::Created().json(external_json(&x)))
}

/// GET /api/v1/external-members: the list with how much of the limit is used.
pub async fn list(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let dir = ctx
        .run(|s| connect::list(s.store(), &s.connect(), s.actor()))
        .await?;
    let members: Vec<Value> = dir.members.iter().map(external_json).collect();
    Ok(HttpResponse::Ok().json(json!({
        "enabled": dir.enabled,
        "used": members.len(),
        "max": dir.max,
        "external_members": members,
    })))
}

/// GET /api/v1/external-members/{id}, with the upcoming bookings a
/// deletion would cancel.
pub async fn get(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let (x, future) = ctx
        .run(move |s| {
            let x = connect::get(s.store(), s.actor(), &id)?;
            let future = connect::future_bookings(s.store(), &id, s.now)?;
            Ok((x, future))
        })
        .await?;
    let mut body = external_json(&x);
    body["upcoming_bookings"] = json!(future);
    Ok(HttpResponse::Ok().json(body))
}

/// PATCH /api/v1/external-members/{id}.
pub async fn update(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<ExternalBody>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let input = ExternalInput::from(body.0);
    let x = ctx
        .run(move |s| connect::update(s.store(), s.actor(), &id, input, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(external_json(&x)))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DeleteBody {
    /// Booking id → the team member who takes it; the others are cancelled.
    #[serde(default)]
    reassign: std::collections::HashMap<String, MemberId>,
}

/// DELETE /api/v1/external-members/{id}: 204; upcoming bookings cancelled
/// with mails, or moved to the members an optional body names.
pub async fn delete(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: OptionalJson<DeleteBody>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let reassign = body.0.reassign;
    ctx.run(move |s| connect::delete(s.store(), &s.connect(), s.actor(), &id, reassign, s.now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// POST /api/v1/external-members/{id}/request-dates: a new link mailed,
/// the old one dead.
pub async fn request_dates(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let x = ctx
        .run(move |s| connect::request_dates(s.store(), &s.connect(), s.actor(), &id, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(external_json(&x)))
}

#[derive(Deserialize)]
pub struct Enabled {
    enabled: bool,
}

/// GET /api/v1/org/connect.
pub async fn settings(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let on = ctx.run(|s| connect::settings(s.store(), s.actor())).await?;
    Ok(HttpResponse::Ok().json(json!({ "enabled": on })))
}

/// PUT /api/v1/org/connect {enabled}.
pub async fn set_settings(
    ctx: Ctx<ApiUser>,
    body: Json<Enabled>,
) -> Result<HttpResponse, AppError> {
    let on = body.0.enabled;
    let on = ctx
        .run(move |s| connect::set_enabled(s.store(), s.actor(), on, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "enabled": on })))
}

#[derive(Deserialize)]
pub struct RangeBody {
    start: String,
    end: String,
}

#[derive(Deserialize)]
pub struct DatesBody {
    ranges: Vec<RangeBody>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
}

/// GET /api/v1/connect/{token}: what the link's page shows.
pub async fn show(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let x = ctx
        .run(move |s| connect::dates::open(s.store(), &token, s.now)?.map_err(|p| p.error()))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "name": x.name,
        "organization": x.organization,
        "timezone": x.timezone,
        "ranges": x.ranges,
        "message": x.message,
        "dates_entered_at": x.dates_entered_at,
    })))
}

/// POST /api/v1/connect/{token}/dates: 200; 410 for a dead link.
pub async fn save_dates(
    ctx: Ctx,
    path: web::Path<String>,
    body: Json<DatesBody>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let DatesBody {
        ranges,
        message,
        timezone,
    } = body.0;
    let input = DatesInput {
        ranges: ranges
            .into_iter()
            .map(|r| RangeInput {
                start: r.start,
                end: r.end,
            })
            .collect(),
        message: message.unwrap_or_default(),
        timezone,
    };
    let x = ctx
        .run(move |s| connect::dates::save(s.store(), s.base_url(), &token, input, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({
        "ranges": x.ranges,
        "message": x.message,
        "timezone": x.timezone,
        "dates_entered_at": x.dates_entered_at,
    })))
}
