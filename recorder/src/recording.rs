//! The per-session handle the SFU holds. Cheap to clone, `Send + Sync`; every method
//! except `finish` returns without waiting for disk or GStreamer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::sync::oneshot;

use crate::config::Medium;
use crate::error::{validate_id, RecorderError};
use crate::health::{Health, HealthState};
use crate::manifest::Manifest;
use crate::rtp;
use crate::stats::Stats;
use crate::worker::{describe, Cmd};

/// State shared between the handles and the recording thread.
pub(crate) struct Shared {
    pub health: Mutex<HealthState>,
    /// First hard failure (disk full, pipeline error); sticky.
    pub failure: Mutex<Option<String>>,
    pub malformed: AtomicU64,
    pub overload: AtomicU64,
    pub failed_drops: AtomicU64,
    /// Duplicates and packets later than the reorder latency (known at file close).
    pub late: AtomicU64,
    pub missing_track_after: Duration,
}

impl Shared {
    pub fn counters(&self) -> [u64; 4] {
        [
            self.malformed.load(Ordering::Relaxed),
            self.late.load(Ordering::Relaxed),
            self.overload.load(Ordering::Relaxed),
            self.failed_drops.load(Ordering::Relaxed),
        ]
    }
}

/// One logical recording of a session (all participants, all segments).
#[derive(Clone)]
pub struct Recording {
    session_id: Arc<str>,
    tx: SyncSender<Cmd>,
    shared: Arc<Shared>,
    stats: Arc<Stats>,
}

impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recording").field("session_id", &self.session_id).finish()
    }
}

impl Recording {
    pub(crate) fn new(session_id: &str, tx: SyncSender<Cmd>, shared: Arc<Shared>, stats: Arc<Stats>) -> Self {
        Recording {
            session_id: session_id.into(),
            tx,
            shared,
            stats,
        }
    }

    pub fn session_id(&self) -> &str {
        &self.session_id
    }

    fn malformed(&self) {
        self.shared.malformed.fetch_add(1, Ordering::Relaxed);
        self.stats.dropped_malformed.fetch_add(1, Ordering::Relaxed);
    }

    /// Hands one RTP packet of `participant` (a role id such as "customer") to the
    /// recording. Never blocks: invalid packets are counted as malformed, packets
    /// beyond the queue bound as overload; both are visible in `health()`.
    pub fn push_rtp(&self, participant: &str, medium: Medium, rtp: &[u8], arrival: SystemTime) {
        if validate_id(participant).is_err() {
            return self.malformed();
        }
        let Ok(header) = rtp::parse(rtp) else {
            return self.malformed();
        };
        // Health describes what the SFU delivered, so it is counted here (a short,
        // uncontended lock), before any queueing or disk trouble.
        if let Ok(mut h) = self.shared.health.lock() {
            h.record(participant, medium, arrival);
        }
        let cmd = Cmd::Packet {
            participant: participant.to_string(),
            medium,
            header,
            data: rtp.to_vec(),
            arrival,
        };
        match self.tx.try_send(cmd) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.shared.overload.fetch_add(1, Ordering::Relaxed);
                self.stats.dropped_overload.fetch_add(1, Ordering::Relaxed);
            }
            Err(TrySendError::Disconnected(_)) => {
                self.shared.failed_drops.fetch_add(1, Ordering::Relaxed);
                self.stats.dropped_failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Closes the current segment's files and opens the next segment (e.g. after a
    /// participant reconnected). The gap until the next packet is recorded as the new
    /// segment's `gap_before_ms`. Ordered with the packets pushed before it.
    pub fn new_segment(&self, reason: &str) {
        let cmd = Cmd::NewSegment {
            reason: reason.chars().take(200).collect(),
            at: SystemTime::now(),
        };
        // A control message must not be lost to a full queue; blocking here waits at
        // most for the thread to take one queued packet.
        if let Err(TrySendError::Full(cmd)) = self.tx.try_send(cmd) {
            let _ = self.tx.send(cmd);
        }
    }

    /// Coverage per participant+medium so far.
    pub fn health(&self) -> Health {
        match self.shared.health.lock() {
            Ok(h) => h.snapshot(SystemTime::now(), self.shared.counters()),
            Err(_) => Health::default(),
        }
    }

    /// Why the recording is failing, if it is: a hard failure (disk full, GStreamer
    /// error) or an expected track silent since the start for `missing_track_after`.
    /// The call itself is never stopped by the recorder; the server decides.
    pub fn failure(&self) -> Option<String> {
        if let Some(reason) = self.shared.failure.lock().ok().and_then(|f| f.clone()) {
            return Some(reason);
        }
        let h = self.shared.health.lock().ok()?;
        let now = SystemTime::now();
        let running = h.end(now).duration_since(h.started()).unwrap_or_default();
        let missing = h.missing();
        if running >= self.shared.missing_track_after && !missing.is_empty() {
            return Some(format!("missing track: {}", describe(&missing)));
        }
        None
    }

    /// Ends the recording: EOS to every pipeline, waits for the files to close,
    /// remuxes them (duration + cues), hashes them and writes `manifest.json`.
    pub async fn finish(self) -> Result<Manifest, RecorderError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Finish { reply })
            .map_err(|_| RecorderError::AlreadyFinished(self.session_id.to_string()))?;
        rx.await
            .map_err(|_| RecorderError::AlreadyFinished(self.session_id.to_string()))?
    }
}
