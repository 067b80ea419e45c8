use actix_web::HttpResponse;
use serde_json::json;

use crate::web::State;

/// 200 when the database answers a read, 503 otherwise.
pub async fn healthz(state: State) -> HttpResponse {
    let checked = state.into_inner().run(|s| Ok(s.store.check()?)).await;
    match checked {
        Ok(version) => {
            HttpResponse::Ok().json(json!({ "status": "ok", "schema_version": version }))
        }
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable" }))
        }
    }
}
