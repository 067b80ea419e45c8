use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde_json::json;

use crate::error::AppError;
use crate::policy;
use crate::service;
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;

/// 200 when the database answers a read, 503 otherwise (GET and HEAD).
/// `?full`, for an admin (API key or session), adds the mail queue and the
/// last run of every job.
pub async fn healthz(ctx: Ctx, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let full = form_urlencoded::parse(req.query_string().as_bytes()).any(|(k, _)| k == "full");
    let admin = if full {
        let user = ApiUser::from_request(&req, &mut actix_web::dev::Payload::None).await?;
        policy::admin(&user.member)?;
        Some(user.member)
    } else {
        None
    };
    let checked = ctx
        .run(|s| Ok(service::org::health::schema_version(s.store())?))
        .await;
    let version = match checked {
        Ok(version) => version,
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            return Ok(HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable" })));
        }
    };
    let mut answer = json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "schema_version": version,
    });
    if let Some(member) = admin {
        let now = ctx.now;
        let report = ctx
            .run(move |s| {
                let admin = policy::admin(&member)?;
                Ok(service::org::health::report(
                    s.store(),
                    s.scheduler(),
                    admin,
                    now,
                )?)
            })
            .await?;
        if let (Some(map), Ok(serde_json::Value::Object(extra))) =
            (answer.as_object_mut(), serde_json::to_value(report))
        {
            map.extend(extra);
        }
    }
    Ok(HttpResponse::Ok().json(answer))
}
