//! A member's connected calendars (API.md "Calendars and notifications").
//! Passwords go in and never come out: no answer carries one.

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

use crate::domain::{CalendarConnection, MemberId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::calendars::sync::SyncError;
use crate::service::calendars::{self, ChangeInput, ConnectInput, Problem};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

/// A connection as answers show it.
pub fn connection_json(c: &CalendarConnection, lang: Lang) -> Value {
    let error = c.last_error.as_ref();
    json!({
        "id": c.id,
        "kind": c.kind.as_str(),
        "url": c.url,
        "username": c.username,
        "has_password": c.password.is_some(),
        "write_back": c.write_back,
        "write_calendar": (!c.write_calendar.is_empty()).then_some(c.write_calendar.as_str()),
        "on_cancel": c.on_cancel.as_str(),
        "write_error": c.write_error.as_ref().map(|e| Problem::text(&e.code, &e.detail, lang)),
        "write_error_code": c.write_error.as_ref().map(|e| e.code.as_str()),
        "write_error_at": c.write_error.as_ref().map(|e| e.at),
        "last_write_at": c.last_write_at,
        "events": c.events,
        "created_at": c.created_at,
        "last_sync_at": c.last_sync_at,
        "last_ok_at": c.last_ok_at,
        "last_error": error.map(|e| Problem::text(&e.code, &e.detail, lang)),
        "last_error_code": error.map(|e| e.code.as_str()),
        "last_error_at": error.map(|e| e.at),
        "stale": c.stale_notified,
        "hiding_slots": c.hiding_slots,
        "notes": c.notes.iter().map(|n| json!({ "code": n.code, "detail": n.detail })).collect::<Vec<_>>(),
        "collections": c.collections.iter().map(|k| json!({ "href": k.href, "name": k.name, "busy": k.busy })).collect::<Vec<_>>(),
    })
}

/// POST /api/v1/members/{id}/calendars: 201 {id}; the first sync starts
/// at once in the background.
pub async fn connect(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: Json<ConnectInput>,
) -> Result<HttpResponse, AppError> {
    let member = MemberId::from_string(path.into_inner());
    let input = body.0;
    let c = ctx
        .run(move |s| calendars::connect(s.calendars(), s.actor(), &member, input, s.now))
        .await?;
    let cals = ctx.calendars().clone();
    let id = c.id.clone();
    let now = ctx.now;
    actix_web::rt::spawn(async move {
        // Its outcome is recorded on the connection.
        let _ = cals.sync(&id, now).await;
    });
    Ok(HttpResponse::Created().json(json!({ "id": c.id })))
}

/// GET /api/v1/members/{id}/calendars
pub async fn list(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let member = MemberId::from_string(path.into_inner());
    let all = ctx
        .run(move |s| calendars::list(s.store(), s.actor(), &member))
        .await?;
    let lang = ctx.lang;
    let shown: Vec<Value> = all.iter().map(|c| connection_json(c, lang)).collect();
    Ok(HttpResponse::Ok().json(json!({ "calendars": shown })))
}

/// GET /api/v1/members/{id}/calendars/{cal}
pub async fn get(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let c = ctx
        .run(move |s| calendars::get(s.store(), s.actor(), &member, &id))
        .await?;
    Ok(HttpResponse::Ok().json(connection_json(&c, ctx.lang)))
}

/// PATCH /api/v1/members/{id}/calendars/{cal}
pub async fn change(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
    body: Json<ChangeInput>,
) -> Result<HttpResponse, AppError> {
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    let input = body.0;
    let c = ctx
        .run(move |s| calendars::change(s.calendars(), s.actor(), &member, &id, input, s.now))
        .await?;
    Ok(HttpResponse::Ok().json(connection_json(&c, ctx.lang)))
}

/// DELETE /api/v1/members/{id}/calendars/{cal}: 204
pub async fn disconnect(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    ctx.run(move |s| calendars::disconnect(s.store(), s.actor(), &member, &id, s.now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// POST /api/v1/members/{id}/calendars/{cal}/sync: 200 {events}; a failed
/// sync answers 422 `sync_failed` with the reason (and keeps the last
/// good busy times).
pub async fn sync(
    ctx: Ctx<ApiUser>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (member, id) = path.into_inner();
    let member = MemberId::from_string(member);
    // The same check as reading it: the member themself or an admin.
    let c = {
        let id = id.clone();
        ctx.run(move |s| calendars::get(s.store(), s.actor(), &member, &id))
            .await?
    };
    let report = sync_now(ctx.calendars(), &c.id, ctx.now).await?;
    Ok(HttpResponse::Ok().json(json!({ "events": report.events, "changed": report.changed })))
}

/// Syncs and turns a failure into the answer the caller gets.
pub async fn sync_now(
    cals: &calendars::Calendars,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<calendars::SyncReport, AppError> {
    match cals.sync(id, now).await {
        Ok(report) => Ok(report),
        Err(SyncError::Gone) => Err(AppError::NotFound),
        Err(SyncError::Store(e)) => Err(AppError::Store(e)),
        Err(SyncError::Failed(p)) => Err(AppError::Invalid {
            code: "sync_failed",
            message: Problem::message(p.code, &p.detail),
            field: None,
        }),
    }
}
