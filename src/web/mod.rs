//! The HTTP edge: parse, authenticate, call one service function, render.

pub mod api;
pub mod assets;
pub mod auth;
pub mod error_pages;
pub mod extract;
pub mod limits;
pub mod metrics;
pub mod middleware;
pub mod ui;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};

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
    pub trusted_proxies: Vec<crate::net::Cidr>,
    pub sessions: SessionPolicy,
    pub limits: limits::Limiters,
    pub join_codes: limits::CodeGuard,
    pub metrics: metrics::Metrics,
    pub outbound: crate::net::Outbound,
    pub scheduler: Arc<crate::jobs::scheduler::Scheduler>,
    /// Hash of the one-time setup token while no owner exists.
    pub setup_token: Mutex<Option<[u8; 32]>>,
    /// Indexed host availability for slot lists, per store generation.
    pub availability: Arc<crate::service::availability::Cache>,
    /// Bookings arriving together share one durable commit.
    pub bookings_writer: crate::service::group_commit::GroupWriter,
    /// The booking writer's view of each host between its batches.
    pub host_book: Arc<crate::service::host_book::HostBook>,
    pub booking: crate::service::bookings::Settings,
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

/// Wires every route; shared by `serve` and nothing else, so tests exercise
/// exactly what production runs.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(api::configure)
        .configure(ui::configure)
        .route("/healthz", web::get().to(api::health::healthz))
        .route("/metrics", web::get().to(metrics::render))
        .route("/assets/{path:.*}", web::get().to(assets::serve));
}

/// Binds, logs where it listens (and the setup URL on first run), and
/// serves until SIGTERM or SIGINT, letting in-flight requests finish.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let store = Store::open_sized(&config.database_path(), config.storage.cache_mb)?;
    let bind: SocketAddr = config.server.bind.parse()?;
    let listener = std::net::TcpListener::bind(bind)
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    let bound = listener.local_addr()?;
    let base_url = config.base_url(bound);
    let outbound = crate::net::Outbound::from_config(&config.outbound)?;
    let worker = crate::delivery::Worker::new(store.clone(), &config, outbound.clone())?;
    let scheduler = crate::jobs::scheduler::Scheduler::new(crate::jobs::JobContext {
        store: store.clone(),
        config: config.clone(),
        base_url: base_url.clone(),
    })?;
    let host_book = Arc::new(crate::service::host_book::HostBook::default());
    let availability = Arc::new(crate::service::availability::Cache::default());
    let state = web::Data::new(AppState {
        outbound,
        scheduler: Arc::clone(&scheduler),
        secure_cookies: base_url.starts_with("https://"),
        trusted_proxies: config
            .server
            .trusted_proxies
            .iter()
            .filter_map(|n| crate::net::Cidr::parse(n))
            .collect(),
        sessions: SessionPolicy::from_config(&config.auth),
        limits: limits::Limiters::new(&config.auth, &config.booking),
        join_codes: limits::CodeGuard::default(),
        metrics: metrics::Metrics::default(),
        setup_token: Mutex::new(None),
        availability: Arc::clone(&availability),
        bookings_writer: crate::service::group_commit::GroupWriter::start(
            store.clone(),
            config.booking.group_commit_max as usize,
            Arc::new(crate::service::host_book::WriterHooks::new(
                Arc::clone(&host_book),
                Arc::clone(&availability),
            )),
        ),
        host_book,
        booking: crate::service::bookings::Settings {
            base_url: base_url.clone(),
            video_link_pattern: config.booking.video_link_pattern.clone(),
        },
        store,
        base_url: base_url.clone(),
        config,
    });
    announce_setup(&state)?;
    crate::control::spawn(state.store.clone(), state.config.storage.data_dir.clone())
        .map_err(|e| anyhow::anyhow!("cannot open the control socket: {e}"))?;

    let worker = worker.spawn();
    scheduler.spawn();
    let limits_state = state.clone();
    actix_web::rt::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            limits_state.limits.shrink();
        }
    });
    let max_body = state.config.server.max_body_bytes;
    let shutdown = state.config.server.shutdown_timeout_secs;
    let app_state = state.clone();
    let https = state.secure_cookies;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(app_state.clone())
            .app_data(web::PayloadConfig::new(max_body))
            .app_data(extract::form_config(max_body))
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .configure(configure)
            .default_service(web::to(not_found))
            .wrap(from_fn(middleware::same_origin))
            .wrap(from_fn(error_pages::error_pages))
            .wrap(middleware::security_headers(https))
            .wrap(from_fn(middleware::request_log))
    })
    .listen(listener)?
    .shutdown_timeout(shutdown)
    .run();
    tracing::info!(address = %bound, url = %base_url, "listening on http://{bound}");
    let served = server.await;
    worker.stop(std::time::Duration::from_secs(shutdown)).await;
    served?;
    tracing::info!("stopped");
    Ok(())
}

async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// First run: print a one-time URL that lets whoever runs the server
/// create the owner.
fn announce_setup(state: &AppState) -> anyhow::Result<()> {
    if state.store.has_owner()? {
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
