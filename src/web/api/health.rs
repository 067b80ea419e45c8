use actix_web::HttpResponse;
use serde_json::json;

use crate::service;
use crate::web::ctx::Ctx;

/// 200 when the database answers a read, 503 otherwise (GET and HEAD).
pub async fn healthz(ctx: Ctx) -> HttpResponse {
    let checked = ctx
        .run(|s| Ok(service::org::health::schema_version(s.store())?))
        .await;
    match checked {
        Ok(version) => HttpResponse::Ok().json(json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "schema_version": version,
        })),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable" }))
        }
    }
}
