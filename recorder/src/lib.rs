//! Crash-safe recording of video-identification calls.
//!
//! The SFU hands every RTP packet it receives (the "tap") to [`Recording::push_rtp`];
//! the recorder depayloads it without transcoding into one WebM file per
//! participant, medium and segment, and ties the files together with a JSON
//! [`Manifest`] (wall-clock anchors, SHA-256 hashes, retention date, coverage).
//!
//! Module map:
//! - `config`    — [`RecorderConfig`], [`Medium`].
//! - `recording` — [`Recording`], the cheap-clone handle the SFU's packet loop uses.
//! - `worker`    — the per-recording thread owning the writers, segments and journal.
//! - `writer`    — the live per-file writer: `reorder` → `depay` (RTP → VP8/Opus frames) →
//!   `webm` (streaming WebM, one write per flush).
//! - `pipeline`  — GStreamer, offline only: the remux that adds duration and cues.
//! - `finalize`  — remux + fsync + hash of a closed file into a [`FileEntry`].
//! - `recovery`  — closing recordings left open by a crash (`journal.json`).
//! - `manifest`  — [`Manifest`], [`Segment`], [`FileEntry`], [`Status`], the journal.
//! - `health`    — [`Health`]: per-track share of time with media and gaps > 1 s.
//! - `storage`   — [`Storage`] trait and [`LocalStorage`]; `object` — [`ObjectStorage`]
//!   (finished files in S3-compatible storage, live files on local disk).
//! - `sealed`    — encryption at rest: finished files are sealed (chunked AES-256-GCM,
//!   decryptable at any offset) when a [`KeySource`] is set; plaintext exists only while a
//!   file is being written, and recovery seals what a crash left.
//! - `reorder`   — sequence reordering and RTP-clock timestamps, on arrival time.
//! - `decode`    — VP8 RTP → I420 frames at a capped rate, for face analysis (not archived).
//! - `rtp`       — RTP header validation; `stats` — process counters; `error`.
//!
//! On disk (ids only, never personal data):
//! ```text
//! <dir>/<session_id>/journal.json              while open (removed when closed)
//! <dir>/<session_id>/manifest.json             once closed
//! <dir>/<session_id>/.reserve                  space kept free for the manifest
//! <dir>/<session_id>/seg-0000/customer-audio.webm   (… -video, agent-…)
//! ```
//!
//! With encryption on, a `.webm` file is plain WebM only while its segment is open; once
//! closed (finish, new segment, or recovery after a crash) it is replaced by its sealed
//! form under the same name (`VKYCENC1` header), so paths in manifests never change.
//!
//! Playing participants in sync: every [`FileEntry`] carries `start_wallclock_ms`,
//! the wall clock of its media time 0 (= arrival of its first RTP packet plus the
//! offset of its first frame). Within a segment, start file *f* at
//! `f.start_wallclock_ms - min(start_wallclock_ms of the segment)`; segments follow
//! each other with `gap_before_ms` of silence. Inside a file, time follows the RTP
//! clock of the sender (jitter-free), re-anchored to arrival time if they disagree
//! by more than 1 s.
//!
//! Why one file per participant and medium: a shared file would have to hold back every
//! track's frames until all tracks had reached the same time, so one silent track would
//! stall it; single-track files never wait on each other.

mod config;
pub mod decode;
mod depay;
mod error;
mod finalize;
mod health;
mod manifest;
mod pipeline;
mod recording;
mod object;
mod recovery;
mod reorder;
mod rtp;
pub mod sealed;
mod stats;
mod storage;
mod time;
mod webm;
mod worker;
mod writer;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use gstreamer as gst;

pub use config::{Medium, RecorderConfig};
pub use error::RecorderError;
pub use health::{Gap, Health, TrackHealth, GAP_THRESHOLD};
pub use manifest::{FileEncryption, FileEntry, Manifest, Segment, Status, MANIFEST_VERSION};
pub use object::{ObjectStorage, S3Settings};
pub use finalize::seal_label;
pub use sealed::{FileKey, KeySource};
pub use recording::{Recording, RtpIn};
pub use stats::RecorderStats;
pub use storage::{LocalStorage, Storage};

use error::validate_id;
use health::HealthState;
use manifest::Journal;
use recording::Shared;
use stats::Stats;
use time::{from_unix_ms, unix_ms};
use worker::Worker;

/// Elements the remux of closed files cannot work without; checked once in `Recorder::new`
/// so a missing plugin package fails the server start, not the first segment close.
const REQUIRED: &[&str] = &["webmmux", "matroskademux", "filesink", "filesrc", "identity"];

fn init_gstreamer() -> Result<(), RecorderError> {
    static INIT: OnceLock<Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| {
        gst::init().map_err(|e| e.to_string())?;
        for name in REQUIRED {
            if gst::ElementFactory::find(name).is_none() {
                return Err(format!("GStreamer element {name} not installed"));
            }
        }
        Ok(())
    })
    .clone()
    .map_err(RecorderError::Pipeline)
}

/// Owns the storage and the running recordings. Cheap to clone.
#[derive(Clone)]
pub struct Recorder {
    cfg: Arc<RecorderConfig>,
    storage: Arc<dyn Storage>,
    stats: Arc<Stats>,
    active: Arc<Mutex<HashMap<String, Recording>>>,
    /// Set: closed files are sealed with the session's file key.
    keys: Option<Arc<dyn KeySource>>,
}

impl Recorder {
    /// A recorder writing under `config.dir` on the local file system.
    pub fn new(config: RecorderConfig) -> Result<Recorder, RecorderError> {
        let storage = Arc::new(LocalStorage::new(&config.dir)?);
        Recorder::with_storage(config, storage)
    }

    /// A recorder on any [`Storage`] (its `writable_path` must be local).
    pub fn with_storage(config: RecorderConfig, storage: Arc<dyn Storage>) -> Result<Recorder, RecorderError> {
        init_gstreamer()?;
        for p in &config.expected_participants {
            validate_id(p)?;
        }
        if config.queue_packets == 0 {
            return Err(RecorderError::Config("queue_packets must be > 0".into()));
        }
        Ok(Recorder {
            cfg: Arc::new(config),
            storage,
            stats: Arc::new(Stats::default()),
            active: Arc::new(Mutex::new(HashMap::new())),
            keys: None,
        })
    }

    /// Encrypts every closed file with the session's key from `keys` (see `sealed`).
    pub fn encrypt_with(mut self, keys: Arc<dyn KeySource>) -> Recorder {
        self.keys = Some(keys);
        self
    }

    fn keys(&self) -> Option<&dyn KeySource> {
        self.keys.as_deref()
    }

    fn active(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Recording>>, RecorderError> {
        self.active
            .lock()
            .map_err(|_| RecorderError::Pipeline("recorder registry poisoned".into()))
    }

    /// Starts recording `session_id`, or continues it: a running recording returns
    /// its handle; a finished or crashed one continues as the next segment of the
    /// same logical recording (reason "resume", gap marker to its last media).
    pub fn start(&self, session_id: &str) -> Result<Recording, RecorderError> {
        validate_id(session_id)?;
        let mut active = self.active()?;
        if let Some(rec) = active.get(session_id) {
            return Ok(rec.clone());
        }
        let s = self.storage.as_ref();
        if recovery::is_open(s, session_id) {
            recovery::recover_session(s, session_id, self.cfg.remux_timeout, self.keys())?;
            self.stats.recordings_recovered.fetch_add(1, Ordering::Relaxed);
        }
        let prior = if s.exists(&format!("{session_id}/manifest.json")) {
            Some(recovery::read_manifest(s, session_id)?)
        } else {
            None
        };
        let now = SystemTime::now();
        let started_at = prior.as_ref().map_or(unix_ms(now), |m| m.started_at);
        let retention = Duration::from_secs(u64::from(self.cfg.retention_days) * 86_400);
        let journal = Journal {
            version: MANIFEST_VERSION,
            session_id: session_id.to_string(),
            started_at,
            keep_until: started_at + retention.as_millis() as u64,
            prior_status: prior.as_ref().map_or(Status::Complete, |m| m.status.clone()),
            closed: prior.as_ref().map_or(Vec::new(), |m| m.segments.clone()),
            open: None,
            health: Health::default(),
        };
        // Fail the start (not the call) if the storage cannot take even the journal.
        s.write_atomic(&format!("{session_id}/journal.json"), &serde_json::to_vec(&journal)?)?;
        if self.cfg.reserve_bytes > 0 {
            let zeros = vec![0u8; self.cfg.reserve_bytes as usize];
            s.write_atomic(&format!("{session_id}/.reserve"), &zeros)?;
        }
        let mut health = HealthState::new(from_unix_ms(started_at), self.cfg.expected_participants.clone());
        if let Some(m) = &prior {
            health.seed(&m.health, from_unix_ms(m.ended_at));
        }
        let shared = Arc::new(Shared {
            health: Mutex::new(health),
            failure: Mutex::new(None),
            malformed: Default::default(),
            overload: Default::default(),
            failed_drops: Default::default(),
            queued: Default::default(),
            late: Default::default(),
            missing_track_after: self.cfg.missing_track_after,
        });
        let (tx, rx) = std::sync::mpsc::sync_channel(self.cfg.queue_packets);
        let registry = Arc::clone(&self.active);
        let id = session_id.to_string();
        let mut worker = Worker {
            storage: Arc::clone(&self.storage),
            keys: self.keys.clone(),
            cfg: Arc::clone(&self.cfg),
            shared: Arc::clone(&shared),
            stats: Arc::clone(&self.stats),
            journal,
            on_done: Box::new(move || {
                if let Ok(mut r) = registry.lock() {
                    r.remove(&id);
                }
            }),
            prev_last_arrival: prior.as_ref().map(|m| from_unix_ms(m.ended_at)),
            writers: BTreeMap::new(),
            failed_keys: Default::default(),
            last_arrival: None,
        };
        worker.open_segment(if prior.is_some() { "resume" } else { "start" }.into(), now);
        std::thread::Builder::new()
            .name(format!("rec-{}", &session_id[..session_id.len().min(11)]))
            .spawn(move || worker.run(rx))
            .map_err(RecorderError::Io)?;
        let rec = Recording::new(session_id, tx, self.cfg.queue_packets, shared, Arc::clone(&self.stats));
        active.insert(session_id.to_string(), rec.clone());
        self.stats.recordings_started.fetch_add(1, Ordering::Relaxed);
        Ok(rec)
    }

    /// At server start: closes every recording a crash left open (journal present,
    /// not running here) — remux, hash, manifest with status `interrupted`. A session
    /// that cannot be repaired is logged and skipped so the others still recover.
    pub fn recover_interrupted(&self) -> Result<Vec<Manifest>, RecorderError> {
        let mut out = Vec::new();
        for session in self.storage.list("")? {
            if validate_id(&session).is_err()
                || self.active()?.contains_key(&session)
                || !recovery::is_open(self.storage.as_ref(), &session)
            {
                continue;
            }
            match recovery::recover_session(self.storage.as_ref(), &session, self.cfg.remux_timeout, self.keys()) {
                Ok(m) => {
                    self.stats.recordings_recovered.fetch_add(1, Ordering::Relaxed);
                    out.push(m);
                }
                Err(e) => tracing::error!(%session, error = %e, "recovery failed"),
            }
        }
        Ok(out)
    }

    /// Reads back the manifest of a closed recording.
    pub fn manifest(&self, session_id: &str) -> Result<Manifest, RecorderError> {
        validate_id(session_id)?;
        recovery::read_manifest(self.storage.as_ref(), session_id)
    }

    /// Finishes every running recording (graceful shutdown).
    pub async fn finish_all(&self) -> Vec<Result<Manifest, RecorderError>> {
        let running: Vec<Recording> = match self.active() {
            Ok(a) => a.values().cloned().collect(),
            Err(e) => return vec![Err(e)],
        };
        let mut out = Vec::new();
        for rec in running {
            out.push(rec.finish().await);
        }
        out
    }

    pub fn stats(&self) -> RecorderStats {
        let active = self.active().map(|a| a.len() as u64).unwrap_or(0);
        self.stats.snapshot(active)
    }

    pub fn storage(&self) -> Arc<dyn Storage> {
        Arc::clone(&self.storage)
    }

    pub fn config(&self) -> &RecorderConfig {
        &self.cfg
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn handles_are_send_and_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<super::Recorder>();
        check::<super::Recording>();
    }
}
