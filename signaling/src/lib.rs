//! The video identification server: HTTP API, WebSocket signaling and the SFU in one process.
//!
//! Map of the crate, by layer (each layer uses only the ones above it):
//! - **Vocabulary and rules, no I/O**: `domain` (crate: ids, roles, states); [`lifecycle`] (a
//!   session's state machine); [`policy`] (the one table of who may do what); [`clock`].
//! - **Stores**: [`db`]; [`sessions`] (sessions, customer links, lifecycle outcomes and their
//!   events); [`profiles`] (compliance profiles); [`evidence`] (consents, stills, prompts,
//!   read-aloud, confirmations, the checklist and the decision); [`staff`] (accounts, passwords, TOTP, lockout, staff sessions); [`apikeys`];
//!   [`audit`] (the hash-chained log); [`crypto`] (the master key); [`vault`] (per-session data
//!   keys: personal data encrypted at rest); [`contact`].
//! - **Live state**: [`calls`] (who is connected), [`sfu`] (media: the media loop; the only module that
//!   touches `webrtc`/`rtc`), [`recording`], [`ai`] (the media-ai sidecar link), [`scheduling`] (the
//!   live-queue actor), [`limits`], [`metrics`].
//! - **Edges**: [`http`] (every route, its OpenAPI description and policy action, the guard
//!   middleware, problem+json); [`ws`] (call socket); [`queue_ws`] (queue and console socket);
//!   [`pages`] (the built web pages); [`cli`] (administration commands).
//! - **The customer journey**: [`journey`] (identifications, the application, ID documents and
//!   their MRZ, results, passkeys); [`outbox`] (the worker that sends e-mails and webhooks).
//! - **Supervisors and auditors** (issue 11): [`archive`] (the archive index and search, the
//!   playback timeline, dashboard figures); [`review`] (four eyes, risk-based sampling, the
//!   final result); [`signing`] and [`signed`] (Ed25519 key, signed manifests, decisions and
//!   reports); [`report`] (compliance report: JSON, HTML, PDF); [`evidence_package`] (export
//!   and offline verification); [`retention`] (deadlines, legal hold, erasure, the job).
//!
//! [`Server::start`] binds the listener (port 0 works, for tests) and returns a handle that
//! reports the bound address and shuts the server down gracefully: sockets are told, calls
//! leave, recordings are finished and hashed, tracked tasks are awaited.

pub mod ai;
pub mod apikeys;
pub mod audit;
pub mod calls;
pub mod cli;
pub mod clock;
pub mod config;
pub mod contact;
pub mod crypto;
pub mod db;
pub mod evidence;
pub mod http;
pub mod journey;
pub mod lifecycle;
pub mod limits;
pub mod metrics;
pub mod outbox;
pub mod pages;
pub mod policy;
pub mod profiles;
pub mod queue_ws;
pub mod recording;
pub mod scheduling;
pub mod sessions;
pub mod sfu;
pub mod staff;
pub mod telemetry;
mod timers;
pub mod tokens;
pub mod turn;
pub mod vault;
pub mod ws;
// --- Supervisors and auditors (issue 11) ---
pub mod archive;
pub mod evidence_package;
pub mod report;
pub mod retention;
pub mod review;
pub mod signed;
pub mod signing;

use clock::Clock;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_util::task::TaskTracker;

/// Shared state of the server; cheap to clone (every field is a handle).
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<config::Config>,
    pub db: db::Db,
    /// The one source of "now" for every time-based rule.
    pub clock: Clock,
    pub key: crypto::MasterKey,
    /// The compliance profiles sessions follow.
    pub profiles: profiles::Profiles,
    /// Per-session data keys: personal data is stored encrypted.
    pub vault: vault::Vault,
    pub sessions: sessions::Sessions,
    pub calls: calls::Calls,
    pub metrics: Arc<metrics::Metrics>,
    pub media: Arc<sfu::Media>,
    pub ai: ai::AiHub,
    /// Appointments and the live queue (one dispatcher actor per process).
    pub scheduling: scheduling::Scheduling,
    /// Every call's recording (None only when disabled in the configuration).
    pub recordings: Option<recording::Recordings>,
    pub limits: limits::Limits,
    pub allowed_origins: Arc<Vec<String>>,
    /// Every long-lived task (sockets, recording finishes, actors), awaited at shutdown.
    pub tasks: TaskTracker,
    /// Turns `true` when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    stop: Arc<watch::Sender<bool>>,
    // --- Supervisors and auditors (issue 11) ---
    /// Signs manifests, decisions, reports and evidence packages.
    pub signer: signing::Signer,
}

impl AppState {
    pub async fn new(config: config::Config) -> anyhow::Result<AppState> {
        Self::with_clock(config, Clock::Wall).await
    }

    pub async fn with_clock(config: config::Config, clock: Clock) -> anyhow::Result<AppState> {
        let db = db::connect(&config.database_url).await?;
        let mut key = crypto::MasterKey::load_or_create(&config.keys.master_key_file)?;
        // A master-key rotation in progress: the previous key still opens what it wrapped.
        if let Some(prev) = &config.keys.previous_master_key_file {
            key = key.with_previous(&crypto::MasterKey::load(prev)?);
        }
        let signer = signing::Signer::load_or_create(&config.keys.signing_key_path())?;
        let profiles = profiles::Profiles::built_in()?;
        let vault = vault::Vault::new(db.clone(), key.clone());
        let metrics = Arc::new(metrics::Metrics::default());
        let tasks = TaskTracker::new();
        let (stop, shutdown) = watch::channel(false);
        let media = Arc::new(sfu::Media::start(
            sfu::MediaConfig {
                udp_ips: config.media.udp_ips.clone(),
                nat_1to1_ips: config.media.nat_1to1_ips.clone(),
                port: config.media.port,
                engine: config.media.engine,
            },
            metrics.clone(),
        )?);
        let limits_cfg = lifecycle::Limits {
            max_call_ms: (config.limits.max_call_secs as i64).saturating_mul(1000),
            ttl_ms: (config.limits.session_ttl_secs as i64).saturating_mul(1000),
        };
        let sessions = sessions::Sessions::new(db.clone(), clock.clone(), limits_cfg, &config.public_url);
        let calls = calls::Calls::new(metrics.clone());
        // Not tracked: like the scheduling actor it serves until the process ends, and the
        // shutdown's drain waits for work to finish, not for services (it would wait its limit).
        tokio::spawn(calls.clone().follow(sessions.subscribe()));
        let ai = ai::AiHub::new(config.ai.sidecar, config.ai.secret.clone(), config.ai.fps, db.clone(), calls.clone(), clock.clone(), tasks.clone(), vault.clone());
        calls.add_tap_factory(Arc::new(ai::AiTaps { hub: ai.clone() }));
        let recordings = if config.recording.enabled {
            let storage = storage_choice(&config);
            let r = recording::Recordings::open(
                config.recording.dir.clone(),
                config.recording.retention_days,
                storage,
                db.clone(),
                calls.clone(),
                metrics.clone(),
                key.clone(),
                vault.clone(),
                clock.clone(),
                tasks.clone(),
            )
            .map_err(|e| anyhow::anyhow!("recorder: {e}"))?;
            // Each stored manifest is signed and its flags go into the archive (issue 11).
            let (hook_db, hook_signer, hook_clock, hook_tasks) = (db.clone(), signer.clone(), clock.clone(), tasks.clone());
            r.on_stored(Arc::new(move |m: recorder::Manifest| {
                let (db, signer, clock) = (hook_db.clone(), hook_signer.clone(), hook_clock.clone());
                hook_tasks.spawn(async move {
                    if let Err(e) = signed::sign_manifest(&db, &signer, &m, clock.now_ms()).await {
                        tracing::error!(error = %e, "signing a recording manifest failed");
                    }
                    if let Err(e) = archive::index::recording_stored(&db, &m).await {
                        tracing::error!(error = %e, "updating the archive index failed");
                    }
                });
            }));
            r.recover().await;
            calls.add_tap_factory(Arc::new(r.clone()));
            Some(r)
        } else {
            None
        };
        let scheduling = scheduling::Scheduling::spawn(db.clone(), &config, clock.clone(), sessions.subscribe());
        let limits = limits::Limits::new(&config.limits, &config.auth);
        let allowed_origins = Arc::new(config.allowed_origins());
        Ok(AppState {
            config: Arc::new(config),
            db,
            clock,
            key,
            vault,
            profiles,
            sessions,
            calls,
            metrics,
            media,
            ai,
            scheduling,
            recordings,
            limits,
            allowed_origins,
            tasks,
            shutdown,
            stop: Arc::new(stop),
            signer,
        })
    }

    pub fn timeouts(&self) -> staff::sessions::Timeouts {
        let a = &self.config.auth;
        staff::sessions::Timeouts {
            idle_ms: (a.idle_timeout_secs as i64).saturating_mul(1000),
            absolute_ms: (a.absolute_timeout_secs as i64).saturating_mul(1000),
            reauth_ms: (a.reauth_window_secs as i64).saturating_mul(1000),
        }
    }

    pub fn lockout_rules(&self) -> staff::lockout::Rules {
        staff::lockout::Rules {
            threshold: i64::from(self.config.auth.lockout_threshold),
            base_ms: (self.config.auth.lockout_base_secs as i64).saturating_mul(1000),
        }
    }

    /// Starts the graceful shutdown: sockets are told and closed, new requests refused.
    pub fn begin_shutdown(&self) {
        let _ = self.stop.send(true);
    }

    /// Waits for what the shutdown set in motion: sockets closed, calls left, recordings
    /// finished and hashed, the sidecar links ended, tracked tasks done (at most `limit`).
    pub async fn drain(&self, limit: Duration) {
        let wait = async {
            // Sockets close on the shutdown signal; once they are gone the calls are empty and
            // every recording's finish has been spawned on the tracker.
            while !self.calls.is_empty() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            if let Some(r) = &self.recordings {
                r.finish_all().await;
            }
            self.ai.end_all();
            self.tasks.close();
            self.tasks.wait().await;
        };
        if tokio::time::timeout(limit, wait).await.is_err() {
            tracing::warn!("shutdown did not drain in time");
        }
    }
}

/// Where recordings are kept, from the configuration.
pub fn storage_choice(config: &config::Config) -> recording::StorageChoice {
    match config.recording.storage {
        config::RecordingStorage::Local => recording::StorageChoice::Local,
        config::RecordingStorage::S3 => recording::StorageChoice::S3(s3_settings(&config.recording.s3)),
    }
}

/// The recorder's bucket settings from the configuration.
fn s3_settings(c: &config::S3Section) -> recorder::S3Settings {
    recorder::S3Settings {
        bucket: c.bucket.clone(),
        region: c.region.clone(),
        endpoint: c.endpoint.clone(),
        access_key_id: c.access_key_id.clone(),
        secret_access_key: c.secret_access_key.0.clone(),
        allow_http: c.allow_http,
        prefix: c.prefix.clone(),
    }
}

/// Resolves when the server starts shutting down (for `select!` arms in long-lived tasks).
pub async fn stopping(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|stop| *stop).await;
}

/// The whole HTTP surface: API, sockets and the built web pages.
pub fn app(state: AppState) -> anyhow::Result<axum::Router> {
    Ok(http::router(state)?)
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    pub async fn start(config: config::Config) -> anyhow::Result<Server> {
        Self::start_with_clock(config, Clock::Wall).await
    }

    pub async fn start_with_clock(config: config::Config, clock: Clock) -> anyhow::Result<Server> {
        let tls = config.tls.clone();
        let listen = config.listen;
        let state = AppState::with_clock(config, clock).await?;
        let router = app(state.clone())?;
        timers::spawn(&state);
        // The customer journey's messages: e-mails and webhooks (outbox/).
        outbox::spawn(&state);
        retention::spawn(&state);
        let std_listener = std::net::TcpListener::bind(listen)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let mut rx = state.shutdown.clone();
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let task = match tls {
            None => {
                let listener = tokio::net::TcpListener::from_std(std_listener)?;
                tokio::spawn(async move {
                    axum::serve(listener, service)
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
                    h.graceful_shutdown(Some(Duration::from_secs(10)));
                });
                tokio::spawn(async move { axum_server::from_tcp_rustls(std_listener, rustls_config).handle(handle).serve(service).await })
            }
        };
        Ok(Server { addr, state, task })
    }

    /// Shuts down gracefully and waits until everything is drained.
    pub async fn stop(self) -> std::io::Result<()> {
        self.state.begin_shutdown();
        self.wait().await
    }

    /// Waits until the server task ends (after [`AppState::begin_shutdown`]), then drains.
    pub async fn wait(self) -> std::io::Result<()> {
        let served = self.task.await.unwrap_or(Ok(()));
        self.state.drain(Duration::from_secs(20)).await;
        served
    }
}
