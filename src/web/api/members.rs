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
    query: crate::web::extract::Query<ListQuery>,
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
    let limit = query.limit.unwrap_or(100);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::invalid(
            "limit",
            Msg::key("err-list-limit").arg("max", MAX_LIMIT),
        ));
    }
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

/// The most a list answers in one page.
const MAX_LIMIT: usize = 500;
/// The audit log's page: its rows are larger.
const AUDIT_MAX_LIMIT: usize = 200;

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    actor: Option<crate::domain::MemberId>,
    /// An action, or the start of one (`member.`).
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    from: Option<crate::domain::instant::DayOrInstant>,
    #[serde(default)]
    to: Option<crate::domain::instant::DayOrInstant>,
    #[serde(default)]
    limit: Option<usize>,
    #[serde(default)]
    cursor: Option<String>,
}

/// GET /api/v1/audit-log: admin actions and state changes, newest first,
/// filtered and a page at a time (admins only).
pub async fn audit_log(
    ctx: Ctx<ApiUser>,
    query: crate::web::extract::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let limit = q.limit.unwrap_or(AUDIT_MAX_LIMIT);
    if !(1..=AUDIT_MAX_LIMIT).contains(&limit) {
        return Err(AppError::invalid(
            "limit",
            Msg::key("err-list-limit").arg("max", AUDIT_MAX_LIMIT),
        ));
    }
    let before = match q.cursor.as_deref() {
        Some(c) => Some(
            c.split_once('.')
                .and_then(|(t, id)| Some((t.parse::<i64>().ok()?, id.to_string())))
                .filter(|(_, id)| !id.is_empty())
                .ok_or_else(|| AppError::invalid("cursor", Msg::key("err-list-cursor")))?,
        ),
        None => None,
    };
    let tz: chrono_tz::Tz = ctx.actor().timezone.parse().unwrap_or(chrono_tz::UTC);
    let search = service::org::audit::AuditSearch {
        actor: q.actor,
        action: q.action.filter(|a| !a.trim().is_empty()),
        from: q.from.map(|d| d.start_in(tz)),
        to: q.to.map(|d| d.start_in(tz)),
        before,
        limit,
    };
    let page = ctx
        .run(move |s| service::org::audit::search(s.store(), s.admin()?, search))
        .await?;
    let mut body = json!({ "entries": page.entries });
    if let Some((at, id)) = page.next {
        body["next_cursor"] = json!(format!("{at}.{id}"));
    }
    Ok(HttpResponse::Ok().json(body))
}
