//! The HTTP edge: parse, authenticate, call one service function, render.

pub mod access_log;
pub mod allowed;
pub mod api;
pub mod assets;
pub mod auth;
pub mod ctx;
pub mod error_pages;
pub mod extract;
pub mod limits;
pub mod metrics;
pub mod middleware;
pub mod ui;
pub mod views;

use std::sync::{Arc, Mutex};

use actix_web::web;

use crate::config::Config;
use crate::error::AppError;
use crate::service::SessionPolicy;
use crate::store::Store;

/// What every handler can reach.
pub struct AppState {
    pub store: Store,
    pub config: Config,
    pub base_url: String,
    pub secure_cookies: bool,
    pub trusted_proxies: Vec<crate::net::IpNet>,
    pub sessions: SessionPolicy,
    pub limits: limits::Limiters,
    pub join_codes: limits::CodeGuard,
    pub metrics: metrics::Metrics,
    pub outbound: crate::net::Outbound,
    /// Members' connected calendars: connecting and syncing.
    pub calendars: crate::service::calendars::Calendars,
    pub scheduler: Arc<crate::jobs::scheduler::Scheduler>,
    /// Hash of the one-time setup token while no owner exists.
    pub setup_token: Mutex<Option<[u8; 32]>>,
    /// Slot lists and booking: the caches and the booking writer.
    pub bookings: crate::service::booking::Desk,
    /// Which requests get an access-log line.
    pub access_log: access_log::AccessLog,
}

pub type State = web::Data<AppState>;

impl AppState {
    /// Runs a store or service call off the async executor: redb is synchronous.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&AppState) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let state = Arc::clone(self);
        web::block(move || f(&state)).await?
    }
}

/// Wires every route; used by `app::launch` alone, so tests exercise
/// exactly what production runs.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(api::configure)
        .configure(ui::configure)
        .route("/healthz", web::get().to(api::health::healthz))
        .route("/healthz", web::head().to(api::health::healthz))
        .route("/metrics", web::get().to(metrics::render))
        .route("/assets/{path:.*}", web::get().to(assets::serve));
}

/// Nothing matched: a known path asked with another method is 405 with
/// `Allow`; anything else 404.
pub(crate) async fn not_found(
    req: actix_web::HttpRequest,
) -> Result<actix_web::HttpResponse, AppError> {
    match allowed::methods_of(req.path()) {
        Some(methods) if !methods.iter().any(|m| m == req.method().as_str()) => {
            Err(AppError::MethodNotAllowed {
                allow: methods.join(", "),
            })
        }
        _ => Err(AppError::NotFound),
    }
}

/// First run: print a one-time URL that lets whoever runs the server
/// create the owner.
pub(crate) fn announce_setup(state: &AppState) -> anyhow::Result<()> {
    if crate::service::org::setup::has_owner(&state.store)? {
        return Ok(());
    }
    let token = crate::crypto::random_token();
    if let Ok(mut slot) = state.setup_token.lock() {
        *slot = Some(crate::crypto::token_hash(&token));
    }
    tracing::warn!(
        "no owner yet: open {}/setup?token={} to create one (or run `convene create-owner`)",
        state.base_url,
        token
    );
    Ok(())
}
