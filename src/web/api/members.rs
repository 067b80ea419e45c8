use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::{Member, MemberId, MemberState, Role};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy;
use crate::service::{self, members::directory::MemberFilter};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    department: Option<String>,
    role: Option<String>,
    location: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    cursor: Option<String>,
    integration: Option<String>,
}

/// GET /api/v1/members, paginated with an opaque cursor.
pub async fn list(
    ctx: Ctx<ApiUser>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let member_state = match query.state.as_deref() {
        Some(s) => Some(MemberState::parse(s).ok_or_else(|| {
            AppError::bad_request(
                Msg::key("err-unknown-state").arg("state", s),
                Some("state".into()),
            )
        })?),
        None => None,
    };
    let role = match query.role.as_deref() {
        Some(r) => Some(Role::parse(r).ok_or_else(|| {
            AppError::bad_request(
                Msg::key("err-unknown-role").arg("role", r),
                Some("role".into()),
            )
        })?),
        None => None,
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 500);
    let offset = match query.cursor.as_deref() {
        Some(c) => c.parse::<usize>().map_err(|_| {
            AppError::bad_request(Msg::key("err-invalid-cursor"), Some("cursor".into()))
        })?,
        None => 0,
    };
    let filter = MemberFilter {
        state: member_state,
        query: query.q,
        department: query.department,
        role,
        location: query.location,
        integration: crate::service::calendars::IntegrationFilter::from_query(
            query.integration.as_deref(),
        )?,
    };
    let found = ctx
        .run(move |s| {
            service::members::directory::list(s.store(), s.actor(), &filter, offset, limit)
        })
        .await?;
    let page = found.members;
    let next = (offset + page.len() < found.total).then(|| (offset + page.len()).to_string());
    let viewer = ctx.actor();
    let members: Vec<Value> = page.iter().map(|m| member_json(viewer, m)).collect();
    let mut body = json!({ "members": members });
    if let Some(next) = next {
        body["next_cursor"] = json!(next);
    }
    Ok(HttpResponse::Ok().json(body))
}

pub async fn get(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let member = ctx
        .run(move |s| service::members::directory::get(s.store(), s.actor(), &id))
        .await?;
    Ok(HttpResponse::Ok().json(member_json(ctx.actor(), &member)))
}

/// A member as API.md shapes it. The directory has already emptied a
/// private field the viewer may not read; here it is `null`, so a script
/// can tell "not shown to you" from "not given".
fn member_json(viewer: &Member, member: &Member) -> Value {
    let mut body = json!(member);
    if !policy::sees_private_fields(viewer, member) {
        body["phone"] = Value::Null;
    }
    body
}

/// GET /api/v1/audit-log: the newest admin actions (admins only).
pub async fn audit_log(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let entries = ctx
        .run(|s| service::org::audit::recent(s.store(), s.admin()?, 200))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "entries": entries })))
}
