//! The video identification server: HTTP API, WebSocket signaling and the SFU in one process.
//!
//! Map of the crate:
//! - [`config`]: layered configuration (defaults → TOML file → `VKYC_*` env).
//! - [`db`], [`sessions`], [`tokens`]: storage of sessions, hashed join-link tokens, audit events.
//! - [`api`]: HTTP routes (sessions, links, health, metrics, OpenAPI); [`error`] turns every
//!   failure into problem+json.
//! - [`ws`]: the signaling WebSocket; `ws::protocol` alone knows the wire format.
//! - [`calls`]: who is connected to which session right now.
//! - [`sfu`]: peer connections and media forwarding; the only module that touches `webrtc`.
//! - [`turn`]: ICE server list and TURN REST credentials for clients.
//! - [`ai`]: the link to the media-ai sidecar, reference photos and AI events.
//! - [`recording`]: every call recorded through the `recorder` crate; manifests, playback.
//! - [`metrics`], [`telemetry`]: Prometheus text and JSON logs.
//!
//! [`Server::start`] binds the listener (port 0 works, for tests) and returns a handle that
//! reports the bound address and shuts the server down gracefully.

pub mod ai;
pub mod api;
pub mod calls;
pub mod config;
pub mod db;
pub mod error;
pub mod metrics;
pub mod recording;
pub mod scheduling;
pub mod sessions;
pub mod sfu;
pub mod telemetry;
pub mod tokens;
pub mod turn;
pub mod ws;

use axum::Router;
use axum::extract::{State, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Shared state of the server; cheap to clone (every field is a handle).
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<config::Config>,
    pub db: db::Db,
    pub calls: calls::Calls,
    pub metrics: Arc<metrics::Metrics>,
    pub media: Arc<sfu::MediaConfig>,
    pub ai: ai::AiHub,
    /// Appointments and the live queue (one dispatcher actor per process).
    pub scheduling: scheduling::Scheduling,
    /// Every call's recording (None only when disabled in the configuration).
    pub recordings: Option<recording::Recordings>,
}

impl AppState {
    pub async fn new(config: config::Config) -> Result<AppState, db::DbError> {
        let db = db::connect(&config.database_url).await?;
        let metrics = Arc::new(metrics::Metrics::default());
        let media = Arc::new(sfu::MediaConfig {
            udp_ips: config.media.udp_ips.clone(),
            nat_1to1_ips: config.media.nat_1to1_ips.clone(),
        });
        let calls = calls::Calls::new(metrics.clone());
        let ai = ai::AiHub::new(config.ai.sidecar, db.clone(), calls.clone());
        calls.add_tap_factory(Arc::new(ai::AiTaps { hub: ai.clone(), fps: config.ai.fps }));
        let recordings = if config.recording.enabled {
            let r = recording::Recordings::open(config.recording.dir.clone(), config.recording.retention_days, db.clone(), calls.clone(), metrics.clone())
                .map_err(|e| db::DbError::Startup(format!("recorder: {e}")))?;
            r.recover().await;
            calls.add_tap_factory(Arc::new(r.clone()));
            Some(r)
        } else {
            None
        };
        let scheduling = scheduling::Scheduling::spawn(db.clone(), &config, scheduling::Clock::Wall);
        Ok(AppState { calls, config: Arc::new(config), db, metrics, media, ai, scheduling, recordings })
    }
}

async fn ws_upgrade(ws: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    // The transport limit is above the protocol's, so an oversized message still reaches the
    // protocol layer and gets an error reply instead of a dropped socket.
    ws.max_message_size(ws::protocol::MAX_MESSAGE_BYTES * 16)
        .on_upgrade(move |socket| ws::serve(socket, state))
}

/// The whole HTTP surface: API, signaling socket and the built web pages.
pub fn app(state: AppState) -> Router {
    let pages = tower_http::services::ServeDir::new(&state.config.static_dir);
    api::routes()
        .route("/ws", get(ws_upgrade))
        .fallback_service(pages)
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::HeaderName::from_static("x-content-type-options"),
            axum::http::HeaderValue::from_static("nosniff"),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            axum::http::header::REFERRER_POLICY,
            axum::http::HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    pub async fn start(config: config::Config) -> anyhow::Result<Server> {
        let tls = config.tls.clone();
        let listen = config.listen;
        let state = AppState::new(config).await?;
        let router = app(state.clone());
        let (shutdown, mut rx) = watch::channel(false);
        scheduling::spawn_ticker(state.scheduling.clone(), state.config.scheduling.tick_ms, shutdown.subscribe());
        let std_listener = std::net::TcpListener::bind(listen)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let task = match tls {
            None => {
                let listener = tokio::net::TcpListener::from_std(std_listener)?;
                tokio::spawn(async move {
                    axum::serve(listener, router)
                        .with_graceful_shutdown(async move {
                            let _ = rx.wait_for(|stop| *stop).await;
                        })
                        .await
                })
            }
            Some(tls) => {
                let _ = rustls::crypto::ring::default_provider().install_default();
                let rustls_config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key).await?;
                let handle = axum_server::Handle::new();
                let h = handle.clone();
                tokio::spawn(async move {
                    let _ = rx.wait_for(|stop| *stop).await;
                    h.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
                });
                tokio::spawn(async move {
                    axum_server::from_tcp_rustls(std_listener, rustls_config)
                        .handle(handle)
                        .serve(router.into_make_service())
                        .await
                })
            }
        };
        Ok(Server { addr, state, shutdown, task })
    }

    /// Stops accepting, lets open requests finish, and waits for the server task.
    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.shutdown.send(true);
        self.task.await.unwrap_or(Ok(()))
    }

    /// Waits until the server task ends (after a signal on [`Server::shutdown_handle`]).
    pub async fn wait(self) -> std::io::Result<()> {
        self.task.await.unwrap_or(Ok(()))
    }

    /// Sending `true` on this starts a graceful shutdown.
    pub fn shutdown_handle(&self) -> watch::Sender<bool> {
        self.shutdown.clone()
    }
}
