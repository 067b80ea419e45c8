//! The JSON API under /api/v1. Handlers are thin: parse, call a service,
//! serialize.

pub mod api_keys;
pub mod health;
pub mod members;
pub mod session;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/session", web::post().to(session::create))
            .route("/session", web::delete().to(session::delete))
            .route("/session", web::get().to(session::show))
            .route("/api-keys", web::get().to(api_keys::list))
            .route("/api-keys", web::post().to(api_keys::create))
            .route("/api-keys/{id}", web::delete().to(api_keys::delete))
            .route("/members", web::get().to(members::list))
            .route("/members/{id}", web::get().to(members::get))
            .route("/audit-log", web::get().to(members::audit_log)),
    );
}
