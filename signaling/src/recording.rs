//! Recording every call: the SFU's media tap feeds the `recorder` crate; a call that empties
//! closes its recording (a later rejoin continues it as the next segment); manifests are kept
//! in the database; interrupted recordings are repaired at start. Playback files are served
//! with byte ranges to the API key holder or to a short-lived, session-bound playback token.
//!
//! Encryption at rest: every closed file is sealed by the recorder with a per-session file
//! key derived from the session's data key in the [`crate::vault::Vault`] ([`file_key`]), so
//! erasing the session's key makes its recordings unreadable too; playback decrypts only the
//! chunks a Range request covers ([`PlainFile`]).

use crate::calls::{Calls, Notice, TapFactory};
use crate::clock::Clock;
use crate::crypto::MasterKey;
use crate::db::Db;
use crate::vault::{DataKey, Vault, VaultError};
use recorder::sealed::{FileKey, KeySource, SealError, SealedReader};
use recorder::{FileEntry, Storage};
use domain::StaffId;
use tokio_util::task::TaskTracker;
use crate::metrics::Metrics;
use crate::sfu::{MediaKind, MediaTap, TapPacket};
use crate::ws::protocol::ServerMsg;
use domain::Party;
use recorder::{Manifest, Medium, Recorder, RecorderConfig, Recording, RtpIn};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

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
    vault: Vault,
    /// Told when a manifest is stored (signing, the archive index); set once at start.
    on_stored: Arc<Mutex<Option<StoredHook>>>,
}

/// Called with each manifest as it is stored (after finish or recovery).
pub type StoredHook = Arc<dyn Fn(Manifest) + Send + Sync>;

/// The key recording files of a session are sealed with: derived from the session's data key
/// for this purpose only (the data key itself seals stills and other records with random
/// nonces; the file format uses counter nonces, so the two never share a key).
pub fn file_key(data_key: &DataKey) -> FileKey {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(b"videokyc-recording-file-key\0");
    h.update(data_key.bytes());
    FileKey::from_bytes(h.finalize().into())
}

/// The recorder's view of the vault: a session's file key, on the recorder's threads.
struct VaultKeys {
    vault: Vault,
    clock: Clock,
    rt: tokio::runtime::Handle,
}

impl KeySource for VaultKeys {
    fn file_key(&self, session: &str) -> Result<FileKey, String> {
        let id = domain::SessionId::parse(session).ok_or_else(|| "not a session id".to_owned())?;
        let fut = self.vault.key(&id, self.clock.now_ms());
        // The recorder's threads are plain threads: block on the server's runtime. Inside a
        // runtime (a recording's start repairing a crashed part) use a helper thread instead.
        let key = if tokio::runtime::Handle::try_current().is_ok() {
            std::thread::scope(|s| s.spawn(|| self.rt.block_on(fut)).join()).map_err(|_| "key lookup panicked".to_owned())?
        } else {
            self.rt.block_on(fut)
        };
        key.map(|k| file_key(&k)).map_err(|e| e.to_string())
    }
}

/// Where finished recordings are kept.
pub enum StorageChoice {
    Local,
    S3(recorder::S3Settings),
}

impl StorageChoice {
    /// Opens the storage under `dir` (live files, the journal; all files when local).
    pub fn open(self, dir: &std::path::Path) -> Result<Arc<dyn Storage>, recorder::RecorderError> {
        Ok(match self {
            StorageChoice::Local => Arc::new(recorder::LocalStorage::new(dir)?),
            StorageChoice::S3(settings) => Arc::new(recorder::ObjectStorage::s3(dir, &settings)?),
        })
    }
}

/// A recording file's plaintext, read through its session's key (decrypting only the chunks
/// asked for). Blocking: use it on a blocking thread.
pub struct PlainFile {
    storage: Arc<dyn Storage>,
    key: String,
    label: String,
    file_key: FileKey,
    /// Length of the plaintext (the WebM).
    pub len: u64,
}

impl PlainFile {
    pub fn reader(&self) -> Result<SealedReader<'_>, SealError> {
        SealedReader::open(self.storage.as_ref(), &self.key, &self.file_key, &self.label)
    }
}

/// Why a recording file cannot be read in the clear.
#[derive(Debug, thiserror::Error)]
pub enum DecryptError {
    #[error("{0}")]
    Vault(#[from] VaultError),
    #[error("{0}")]
    Sealed(#[from] SealError),
    #[error("the file is not encrypted")]
    NotEncrypted,
}

/// Decrypts one file of a session's recording into `dst` (the tests' and operators' way to
/// look at a recording offline: the database, the master key and the storage are enough).
pub async fn decrypt_file(vault: &Vault, storage: Arc<dyn Storage>, session: &domain::SessionId, entry: &FileEntry, dst: &std::path::Path) -> Result<(), DecryptError> {
    if entry.encryption.is_none() {
        return Err(DecryptError::NotEncrypted);
    }
    let file_key = file_key(&vault.existing_key(session).await?);
    let key = format!("{session}/{}", entry.path);
    let label = recorder::seal_label(session.as_str(), &entry.path);
    let dst = dst.to_owned();
    tokio::task::spawn_blocking(move || SealedReader::open(storage.as_ref(), &key, &file_key, &label)?.decrypt_to(&dst))
        .await
        .map_err(|e| SealError::Storage(e.to_string()))??;
    Ok(())
}

impl Recordings {
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        dir: PathBuf,
        retention_days: u32,
        storage: StorageChoice,
        db: Db,
        calls: Calls,
        metrics: Arc<Metrics>,
        key: MasterKey,
        vault: Vault,
        clock: Clock,
        tasks: TaskTracker,
    ) -> Result<Recordings, recorder::RecorderError> {
        std::fs::create_dir_all(&dir).map_err(recorder::RecorderError::Io)?;
        let mut config = RecorderConfig::new(dir.clone());
        config.retention_days = retention_days;
        let store = storage.open(&dir)?;
        let keys = VaultKeys { vault: vault.clone(), clock, rt: tokio::runtime::Handle::current() };
        let recorder = Recorder::with_storage(config, store)?.encrypt_with(Arc::new(keys));
        Ok(Recordings {
            recorder,
            db,
            calls,
            metrics,
            key,
            tasks,
            live: Arc::default(),
            vault,
            on_stored: Arc::default(),
        })
    }

    /// Sets what happens after each manifest is stored (once, at start).
    pub fn on_stored(&self, hook: StoredHook) {
        *self.on_stored.lock().unwrap_or_else(|e| e.into_inner()) = Some(hook);
    }

    /// The storage the recordings live in.
    pub fn storage(&self) -> Arc<dyn Storage> {
        self.recorder.storage()
    }

    /// A file of a session's stored recording, to read in the clear.
    pub async fn plain_file(&self, session: &domain::SessionId, entry: &FileEntry) -> Result<PlainFile, DecryptError> {
        let enc = entry.encryption.as_ref().ok_or(DecryptError::NotEncrypted)?;
        let file_key = file_key(&self.vault.existing_key(session).await?);
        Ok(PlainFile {
            storage: self.storage(),
            key: format!("{session}/{}", entry.path),
            label: recorder::seal_label(session.as_str(), &entry.path),
            file_key,
            len: enc.plaintext_bytes,
        })
    }

    /// Deletes every stored file of a session's recording (retention, erasure); returns how
    /// many files were removed. The manifest row is the caller's.
    pub async fn delete_files(&self, session: &domain::SessionId) -> Result<u64, recorder::RecorderError> {
        let storage = self.storage();
        let session = session.as_str().to_owned();
        tokio::task::spawn_blocking(move || storage.remove_all(&session))
            .await
            .map_err(|e| recorder::RecorderError::Pipeline(e.to_string()))?
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
            return;
        }
        let hook = self.on_stored.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(hook) = hook {
            hook(m.clone());
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
        let medium = |kind| match kind {
            MediaKind::Audio => Medium::Audio,
            MediaKind::Video => Medium::Video,
        };
        // One hand-over per tap turn: the recording thread wakes once, not per packet.
        self.recording.push_rtp_batch(packets.iter().map(|p| RtpIn {
            participant: p.publisher.as_ref(),
            medium: medium(p.kind),
            rtp: &p.packet,
            arrival: p.arrival,
        }));
        let n = packets.len() as u64;
        let before = self.packets.fetch_add(n, Ordering::Relaxed);
        if n > 0 && (before == 0 || before / FAILURE_CHECK_EVERY != (before + n) / FAILURE_CHECK_EVERY) {
            self.check_failure();
        }
    }
}

impl RecordingTap {
    /// Tells the agent, once, that the recording failed (the call goes on).
    fn check_failure(&self) {
        let Some(reason) = self.recording.failure() else { return };
        if self.failure_reported.swap(true, Ordering::SeqCst) {
            return;
        }
        tracing::error!(session = %self.session_id, reason = %reason, "recording failed; the call continues");
        self.metrics.recordings_failed.inc();
        if let Some(call) = self.calls.get(&self.session_id) {
            call.notify(Party::Agent, Notice::Send(ServerMsg::RecordingStatus { recording: false, reason: Some(reason) }));
        }
    }
}

