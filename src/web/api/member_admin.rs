//! Inviting, moving members between states, editing, bulk operations,
//! import and export.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{MemberId, Role, Transition};
use crate::error::AppError;
use crate::service::{self, members::invitations::InviteRequest, members::profile::MemberPatch};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::{Json, RawBody};

fn default_true() -> bool {
    true
}

#[derive(Deserialize)]
pub struct Invite {
    emails: Vec<String>,
    role: Option<Role>,
    department: Option<String>,
    position: Option<String>,
    location: Option<String>,
    supervisor_id: Option<MemberId>,
    #[serde(default)]
    as_new: bool,
    /// false: create drafts without mailing (activate later).
    #[serde(default = "default_true")]
    send: bool,
}

/// POST /api/v1/invitations: one result per address, in order.
pub async fn invite(ctx: Ctx<ApiUser>, body: Json<Invite>) -> Result<HttpResponse, AppError> {
    let b = body.0;
    let req = InviteRequest {
        emails: b.emails,
        role: b.role,
        department: b.department,
        position: b.position,
        location: b.location,
        supervisor_id: b.supervisor_id,
        as_new: b.as_new,
        send: b.send,
    };
    let results = ctx
        .run(move |s| {
            service::members::invitations::invite(s.store(), s.base_url(), s.actor(), req, s.now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "results": results })))
}

/// POST /api/v1/members/{id}/{action}
pub async fn transition(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let id = MemberId::from_string(id);
    if action == "apply-defaults" {
        let m = ctx
            .run(move |s| {
                service::members::organize::apply_defaults(s.store(), s.owner()?, &id, s.now)
            })
            .await?;
        return Ok(HttpResponse::Ok().json(m));
    }
    let t = Transition::from_action(&action).ok_or(AppError::NotFound)?;
    let member = ctx
        .run(move |s| service::members::perform(s.store(), s.base_url(), s.admin()?, &id, t, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(member))
}

/// PATCH /api/v1/members/{id}
pub async fn patch(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<MemberPatch>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let edited = ctx
        .run(move |s| {
            service::members::profile::edit(s.store(), s.base_url(), s.actor(), &id, body.0, s.now)
        })
        .await?;
    let mut out =
        serde_json::to_value(&edited.member).map_err(|e| AppError::Internal(e.to_string()))?;
    if let Some(p) = edited.pending_email {
        out["pending_email"] = json!(p);
    }
    Ok(HttpResponse::Ok().json(out))
}

/// POST /api/v1/members/bulk-edit
pub async fn bulk_edit(
    ctx: Ctx<ApiUser>,
    body: Json<serde_json::Map<String, serde_json::Value>>,
) -> Result<HttpResponse, AppError> {
    let updated = ctx
        .run(move |s| service::members::organize::bulk_edit(s.store(), s.admin()?, &body.0, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "updated": updated })))
}

#[derive(Deserialize)]
pub struct ApplyTo {
    targets: Vec<MemberId>,
    fields: Vec<String>,
}

/// POST /api/v1/members/{id}/apply-to
pub async fn apply_to(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<ApplyTo>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let updated = ctx
        .run(move |s| {
            service::members::organize::apply_to(
                s.store(),
                s.owner()?,
                &id,
                &body.0.targets,
                &body.0.fields,
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "updated": updated })))
}

#[derive(Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    create_departments: bool,
}

/// POST /api/v1/members/import (text/csv)
pub async fn import(
    ctx: Ctx<ApiUser>,
    query: crate::web::extract::Query<ImportQuery>,
    body: RawBody,
) -> Result<HttpResponse, AppError> {
    let body = body.0;
    let ip = ctx.client_ip.to_string();
    let create = query.create_departments;
    let report = ctx
        .run(move |s| {
            service::members::csv_io::import(
                s.store(),
                s.base_url(),
                s.admin()?,
                &body,
                &service::members::csv_io::ImportOptions {
                    client_ip: ip,
                    create_departments: create,
                    rows_per_day: s.config().limits.import_rows_per_day,
                },
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

pub async fn template() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"members-template.csv\"",
        ))
        .body(service::members::csv_io::template())
}

#[derive(Deserialize)]
pub struct ExportQuery {
    department: Option<String>,
}

/// GET /api/v1/members/export.csv
pub async fn export(
    ctx: Ctx<ApiUser>,
    query: crate::web::extract::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let department = query.into_inner().department.filter(|d| !d.is_empty());
    let bytes = ctx
        .run(move |s| {
            service::members::csv_io::export(s.store(), s.admin()?, department.as_deref())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"members.csv\"",
        ))
        .body(bytes))
}
