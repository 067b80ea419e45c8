//! Inviting, moving members between states, editing, bulk operations,
//! import and export.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{MemberId, Role, Transition};
use crate::error::AppError;
use crate::service::{self, invitations::InviteRequest, profile::MemberPatch};
use crate::web::State;
use crate::web::auth::{ApiUser, client_ip};
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
pub async fn invite(
    state: State,
    user: ApiUser,
    body: Json<Invite>,
) -> Result<HttpResponse, AppError> {
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
    let now = chrono::Utc::now();
    let results = state
        .into_inner()
        .run(move |s| service::invitations::invite(&s.store, &s.base_url, &user.member, req, now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "results": results })))
}

/// POST /api/v1/members/{id}/{action}
pub async fn transition(
    state: State,
    user: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, action) = path.into_inner();
    let id = MemberId::from_string(id);
    let now = chrono::Utc::now();
    if action == "apply-defaults" {
        let m = state
            .into_inner()
            .run(move |s| service::organize::apply_defaults(&s.store, &user.member, &id, now))
            .await?;
        return Ok(HttpResponse::Ok().json(m));
    }
    let t = Transition::from_action(&action).ok_or(AppError::NotFound)?;
    let member = state
        .into_inner()
        .run(move |s| service::lifecycle::perform(&s.store, &s.base_url, &user.member, &id, t, now))
        .await?;
    Ok(HttpResponse::Ok().json(member))
}

/// PATCH /api/v1/members/{id}
pub async fn patch(
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<MemberPatch>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let now = chrono::Utc::now();
    let edited = state
        .into_inner()
        .run(move |s| service::profile::edit(&s.store, &s.base_url, &user.member, &id, body.0, now))
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
    state: State,
    user: ApiUser,
    body: Json<serde_json::Map<String, serde_json::Value>>,
) -> Result<HttpResponse, AppError> {
    let now = chrono::Utc::now();
    let updated = state
        .into_inner()
        .run(move |s| service::organize::bulk_edit(&s.store, &user.member, &body.0, now))
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
    state: State,
    user: ApiUser,
    path: web::Path<String>,
    body: Json<ApplyTo>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let now = chrono::Utc::now();
    let updated = state
        .into_inner()
        .run(move |s| {
            service::organize::apply_to(
                &s.store,
                &user.member,
                &id,
                &body.0.targets,
                &body.0.fields,
                now,
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
    req: HttpRequest,
    state: State,
    user: ApiUser,
    query: web::Query<ImportQuery>,
    body: RawBody,
) -> Result<HttpResponse, AppError> {
    let body = body.0;
    let ip = client_ip(&req).to_string();
    let create = query.create_departments;
    let now = chrono::Utc::now();
    let report = state
        .into_inner()
        .run(move |s| {
            service::csv_io::import(
                &s.store,
                &s.base_url,
                &user.member,
                &body,
                &service::csv_io::ImportOptions {
                    client_ip: ip,
                    create_departments: create,
                    rows_per_day: s.config.limits.import_rows_per_day,
                },
                now,
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
        .body(service::csv_io::template())
}

#[derive(Deserialize)]
pub struct ExportQuery {
    department: Option<String>,
}

/// GET /api/v1/members/export.csv
pub async fn export(
    state: State,
    user: ApiUser,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let department = query.into_inner().department.filter(|d| !d.is_empty());
    let bytes = state
        .into_inner()
        .run(move |s| service::csv_io::export(&s.store, &user.member, department.as_deref()))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"members.csv\"",
        ))
        .body(bytes))
}
