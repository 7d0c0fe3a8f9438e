//! Recording every call: the SFU's media tap feeds the `recorder` crate; a call that empties
//! closes its recording (a later rejoin continues it as the next segment); manifests are kept
//! in the database; interrupted recordings are repaired at start. Playback files are served
//! with byte ranges to the API key holder or to a short-lived, session-bound playback token.

use crate::calls::{Calls, Notice, TapFactory};
use crate::crypto::MasterKey;
use crate::db::Db;
use domain::StaffId;
use tokio_util::task::TaskTracker;
use crate::metrics::Metrics;
use crate::sfu::{MediaKind, MediaTap, TapPacket};
use crate::ws::protocol::ServerMsg;
use domain::Party;
use recorder::{Manifest, Medium, Recorder, RecorderConfig, Recording};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Cheap-clone handle to the recorder and its bookkeeping.
#[derive(Clone)]
pub struct Recordings {
    recorder: Recorder,
    db: Db,
    calls: Calls,
    metrics: Arc<Metrics>,
    /// Signs playback tokens (a key derived from the master key, for this purpose only).
    key: MasterKey,
    tasks: TaskTracker,
    /// The open recording of each live call; reads never start or resume one.
    live: Arc<Mutex<HashMap<String, Recording>>>,
}

impl Recordings {
    pub fn open(
        dir: PathBuf,
        retention_days: u32,
        db: Db,
        calls: Calls,
        metrics: Arc<Metrics>,
        key: MasterKey,
        tasks: TaskTracker,
    ) -> Result<Recordings, recorder::RecorderError> {
        std::fs::create_dir_all(&dir).map_err(recorder::RecorderError::Io)?;
        let mut config = RecorderConfig::new(dir);
        config.retention_days = retention_days;
        let recorder = Recorder::new(config)?;
        Ok(Recordings {
            recorder,
            db,
            calls,
            metrics,
            key,
            tasks,
            live: Arc::default(),
        })
    }

    /// Repairs recordings a crash left open and stores their manifests.
    pub async fn recover(&self) {
        let recorder = self.recorder.clone();
        match tokio::task::spawn_blocking(move || recorder.recover_interrupted()).await {
            Ok(Ok(manifests)) => {
                for m in manifests {
                    tracing::warn!(session = %m.session_id, "recording was interrupted by a crash; repaired");
                    self.store(&m).await;
                }
            }
            Ok(Err(e)) => tracing::error!(error = %e, "recovering interrupted recordings failed"),
            Err(e) => tracing::error!(error = %e, "recovery task failed"),
        }
    }

    async fn store(&self, m: &Manifest) {
        let status = match &m.status {
            recorder::Status::Complete => "complete",
            recorder::Status::Interrupted => "interrupted",
            recorder::Status::Failed { .. } => "failed",
        };
        let json = serde_json::to_string(m).unwrap_or_default();
        let result = async {
            sqlx::query("DELETE FROM recordings WHERE session_id = $1")
                .bind(&m.session_id)
                .execute(&self.db)
                .await?;
            sqlx::query("INSERT INTO recordings (session_id, status, manifest, updated_at) VALUES ($1, $2, $3, $4)")
                .bind(&m.session_id)
                .bind(status)
                .bind(json)
                .bind(m.ended_at as i64)
                .execute(&self.db)
                .await
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, "storing a recording manifest failed");
        }
    }

    /// The stored manifest of a closed recording.
    pub async fn manifest(&self, session_id: &str) -> Result<Option<Manifest>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as("SELECT manifest FROM recordings WHERE session_id = $1")
            .bind(session_id)
            .fetch_optional(&self.db)
            .await?;
        Ok(row.and_then(|(m,)| serde_json::from_str(&m).ok()))
    }

    /// The live recording of a session in a call, if any.
    pub fn live(&self, session_id: &str) -> Option<Recording> {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).get(session_id).cloned()
    }

    /// Where a file listed in a session's manifest (path relative to the session) lives on disk.
    pub fn file_path(&self, session_id: &str, relative: &str) -> PathBuf {
        self.recorder.config().dir.join(session_id).join(relative)
    }

    /// A token that admits `staff` to play one session's recording until `expires_ms`.
    pub fn playback_token(&self, session_id: &str, staff: &StaffId, expires_ms: i64) -> String {
        format!("{expires_ms}.{}", self.key.sign("playback", format!("{session_id}|{staff}|{expires_ms}").as_bytes()))
    }

    /// Whether `token` was issued to `staff` for this session and has not expired at `now`.
    pub fn check_playback_token(&self, session_id: &str, staff: &StaffId, token: &str, now: i64) -> bool {
        let Some((exp, sig)) = token.split_once('.') else { return false };
        let Ok(exp) = exp.parse::<i64>() else { return false };
        exp > now && self.key.verify("playback", format!("{session_id}|{staff}|{exp}").as_bytes(), sig)
    }

    /// Finishes every open recording (shutdown): each ends `complete` and hashed.
    pub async fn finish_all(&self) {
        let open: Vec<Recording> = self.live.lock().unwrap_or_else(|e| e.into_inner()).drain().map(|(_, r)| r).collect();
        for r in open {
            match r.finish().await {
                Ok(m) => self.store(&m).await,
                Err(e) => tracing::error!(error = %e, "closing a recording at shutdown failed"),
            }
        }
    }
}

impl TapFactory for Recordings {
    fn tap_for(&self, session_id: &str) -> Option<Arc<dyn MediaTap>> {
        match self.recorder.start(session_id) {
            Ok(recording) => {
                self.live
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(session_id.to_owned(), recording.clone());
                Some(Arc::new(RecordingTap {
                    recording,
                    session_id: session_id.to_owned(),
                    calls: self.calls.clone(),
                    metrics: self.metrics.clone(),
                    started: Mutex::default(),
                    packets: AtomicU64::new(0),
                    failure_reported: AtomicBool::new(false),
                }))
            }
            Err(e) => {
                tracing::error!(error = %e, "recording could not start");
                self.metrics.recordings_failed.inc();
                None
            }
        }
    }

    fn call_ended(&self, session_id: &str) {
        let Some(recording) = self.live.lock().unwrap_or_else(|e| e.into_inner()).remove(session_id) else {
            return;
        };
        let this = self.clone();
        self.tasks.spawn(async move {
            match recording.finish().await {
                Ok(m) => this.store(&m).await,
                Err(e) => tracing::error!(error = %e, "closing a recording failed"),
            }
        });
    }
}

struct RecordingTap {
    recording: Recording,
    session_id: String,
    calls: Calls,
    metrics: Arc<Metrics>,
    started: Mutex<HashSet<(Party, MediaKind)>>,
    packets: AtomicU64,
    failure_reported: AtomicBool,
}

/// How often (in packets) the tap checks the recording for a failure.
const FAILURE_CHECK_EVERY: u64 = 64;

impl MediaTap for RecordingTap {
    fn publisher_started(&self, publisher: Party, kind: MediaKind) {
        // A medium that starts again means the participant reconnected: the same logical
        // recording gets one new segment, opened before the new connection's first packet.
        let mut started = self.started.lock().unwrap_or_else(|e| e.into_inner());
        if started.contains(&(publisher, kind)) {
            started.retain(|(role, _)| *role != publisher);
            self.recording.new_segment(&format!("{}_reconnected", publisher.as_ref()));
        }
        started.insert((publisher, kind));
    }

    fn rtp(&self, packets: &[TapPacket]) {
        for p in packets {
            self.packet(p.publisher, p.kind, &p.packet, p.arrival);
        }
    }
}

impl RecordingTap {
    fn packet(&self, publisher: Party, kind: MediaKind, packet: &[u8], arrival: SystemTime) {
        let medium = match kind {
            MediaKind::Audio => Medium::Audio,
            MediaKind::Video => Medium::Video,
        };
        self.recording.push_rtp(publisher.as_ref(), medium, packet, arrival);
        if self.packets.fetch_add(1, Ordering::Relaxed) % FAILURE_CHECK_EVERY == 0 {
            if let Some(reason) = self.recording.failure() {
                if !self.failure_reported.swap(true, Ordering::SeqCst) {
                    tracing::error!(session = %self.session_id, reason = %reason, "recording failed; the call continues");
                    self.metrics.recordings_failed.inc();
                    if let Some(call) = self.calls.get(&self.session_id) {
                        call.notify(
                            Party::Agent,
                            Notice::Send(ServerMsg::RecordingStatus {
                                recording: false,
                                reason: Some(reason),
                            }),
                        );
                    }
                }
            }
        }
    }
}
