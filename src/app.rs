//! The composition root: opens the store, builds the state every handler
//! shares, starts the background work and the HTTP server. `serve` and the
//! in-process tests both start the product through [`launch`], so tests
//! exercise exactly what production runs.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};

use crate::config::Config;
use crate::service::SessionPolicy;
use crate::store::Store;
use crate::web::{AppState, error_pages, extract, limits, metrics, middleware};

/// A launched server: the address it listens on, and how to wait for it or
/// stop it.
pub struct Launched {
    pub address: SocketAddr,
    pub base_url: String,
    server: actix_web::dev::Server,
    worker: crate::delivery::Running,
    shutdown: Duration,
    store: Store,
}

/// How the server learns to stop.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Signals {
    /// SIGTERM and SIGINT stop it (the `serve` command).
    Listen,
    /// Only [`Launched::handle`] stops it (tests running several servers
    /// in one process).
    Ignore,
}

/// Starts everything on `listener` inside the current actix system.
pub async fn launch(
    config: Config,
    listener: TcpListener,
    signals: Signals,
) -> anyhow::Result<Launched> {
    let store = Store::open_sized(&config.database_path(), config.storage.cache_mb)?;
    let bound = listener.local_addr()?;
    let base_url = config.base_url(bound);
    let outbound = crate::net::Outbound::from_config(&config.outbound)?;
    let keyring = crate::secrets::Keyring::load(&config.calendar, &config.storage.data_dir)
        .map_err(|e| anyhow::anyhow!("cannot read or create the calendar key: {e}"))?;
    let bookings = crate::service::booking::Desk::start(
        store.clone(),
        crate::service::booking::Settings {
            base_url: base_url.clone(),
            video_link_pattern: config.booking.video_link_pattern.clone(),
        },
        config.booking.group_commit_max as usize,
    );
    let calendars = crate::service::calendars::Calendars::new(
        store.clone(),
        &outbound,
        keyring,
        &config.calendar,
        &base_url,
    )
    .with_listener(bookings.busy_listener());
    let worker = crate::delivery::Worker::new(store.clone(), &config, outbound.clone())?
        .with_base_url(&base_url)
        .with_calendars(calendars.clone());
    let scheduler = crate::jobs::scheduler::Scheduler::new(crate::jobs::JobContext {
        store: store.clone(),
        config: config.clone(),
        base_url: base_url.clone(),
        calendars: Some(calendars.clone()),
    })?;
    let state = web::Data::new(AppState {
        outbound,
        calendars,
        scheduler: Arc::clone(&scheduler),
        secure_cookies: base_url.starts_with("https://"),
        trusted_proxies: config
            .server
            .trusted_proxies
            .iter()
            .filter_map(|n| crate::net::parse_network(n))
            .collect(),
        sessions: SessionPolicy::from_config(&config.auth),
        limits: limits::Limiters::new(&config.auth, &config.booking),
        join_codes: limits::CodeGuard::default(),
        metrics: {
            metrics::mark_start();
            metrics::Metrics::default()
        },
        setup_token: Mutex::new(None),
        access_log: crate::web::access_log::AccessLog::new(
            crate::web::access_log::Access::parse(&config.log.access),
            config.log.access_lines_per_second,
        ),
        bookings,
        store,
        base_url: base_url.clone(),
        config,
    });
    crate::web::announce_setup(&state)?;
    crate::control::spawn(
        state.store.clone(),
        state.config.storage.data_dir.clone(),
        state.config.mail.clone(),
        state.base_url.clone(),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the control socket: {e}"))?;

    let worker = worker.spawn();
    crate::memory::start_returning();
    scheduler.spawn();
    let limits_state = state.clone();
    actix_web::rt::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
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
            .configure(crate::web::configure)
            .default_service(web::to(crate::web::not_found))
            .wrap(from_fn(middleware::head_as_get))
            .wrap(from_fn(middleware::same_origin))
            .wrap(from_fn(middleware::remember_language))
            .wrap(from_fn(error_pages::error_pages))
            .wrap(middleware::security_headers(https))
            .wrap(from_fn(middleware::request_log))
    })
    .listen(listener)?
    .shutdown_timeout(shutdown);
    let server = match signals {
        Signals::Listen => server,
        Signals::Ignore => server.disable_signals(),
    }
    .run();
    tracing::info!(address = %bound, url = %base_url, "listening on http://{bound}");
    crate::systemd::notify(&format!("READY=1\nSTATUS=listening on http://{bound}"));
    if let Some(every) = crate::systemd::watchdog_interval() {
        spawn_watchdog(state.store.clone(), every);
    }
    Ok(Launched {
        address: bound,
        base_url,
        server,
        worker,
        shutdown: Duration::from_secs(shutdown),
        store: state.store.clone(),
    })
}

impl Launched {
    /// Stops the server gracefully from anywhere (`stop(true)`).
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped, letting in-flight requests finish, then
    /// stops the outbox worker inside the runtime.
    pub async fn run(self) -> anyhow::Result<()> {
        let served = self.server.await;
        crate::systemd::notify("STOPPING=1");
        self.worker.stop(self.shutdown).await;
        served?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Tells systemd the server is alive while its runtime turns and the
/// database answers a read; a stuck process stops pinging and systemd
/// restarts it (`WatchdogSec=` in the unit).
fn spawn_watchdog(store: crate::store::Store, every: Duration) {
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let store = store.clone();
            let answered = tokio::task::spawn_blocking(move || {
                crate::service::org::health::schema_version(&store).is_ok()
            })
            .await
            .unwrap_or(false);
            if answered {
                crate::systemd::notify("WATCHDOG=1");
            } else {
                tracing::warn!("the database did not answer: no watchdog ping");
            }
        }
    });
}

/// Binds, logs where it listens (and the setup URL on first run), and
/// serves until SIGTERM or SIGINT. Gives back a handle of the database
/// for the caller to close once the runtime is gone (`Store::close`).
pub async fn serve(config: Config) -> anyhow::Result<Store> {
    let bind: SocketAddr = config.server.bind.parse()?;
    let listener =
        TcpListener::bind(bind).map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    let launched = launch(config, listener, Signals::Listen).await?;
    let store = launched.store.clone();
    launched.run().await?;
    Ok(store)
}
