//! The per-session handle the SFU holds. Cheap to clone, `Send + Sync`; every method
//! except `finish` returns without waiting for the disk.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
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
use crate::worker::{describe, Cmd, Packet};

/// One RTP packet handed to [`Recording::push_rtp_batch`].
#[derive(Debug, Clone, Copy)]
pub struct RtpIn<'a> {
    /// A role id such as "customer".
    pub participant: &'a str,
    pub medium: Medium,
    pub rtp: &'a [u8],
    pub arrival: SystemTime,
}

/// State shared between the handles and the recording thread.
pub(crate) struct Shared {
    pub health: Mutex<HealthState>,
    /// First hard failure (disk full, pipeline error); sticky.
    pub failure: Mutex<Option<String>>,
    pub malformed: AtomicU64,
    pub overload: AtomicU64,
    pub failed_drops: AtomicU64,
    /// Packets handed over and not yet taken by the recording thread.
    pub queued: AtomicUsize,
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
    /// Packets waiting for the recording thread at most; beyond it they are dropped as overload.
    queue_packets: usize,
    shared: Arc<Shared>,
    stats: Arc<Stats>,
}

impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recording").field("session_id", &self.session_id).finish()
    }
}

impl Recording {
    pub(crate) fn new(session_id: &str, tx: SyncSender<Cmd>, queue_packets: usize, shared: Arc<Shared>, stats: Arc<Stats>) -> Self {
        Recording {
            session_id: session_id.into(),
            tx,
            queue_packets,
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
    /// recording: [`Recording::push_rtp_batch`] with one packet.
    pub fn push_rtp(&self, participant: &str, medium: Medium, rtp: &[u8], arrival: SystemTime) {
        self.push_rtp_batch([RtpIn { participant, medium, rtp, arrival }]);
    }

    /// Hands RTP packets to the recording, in arrival order. Never blocks: invalid packets
    /// are counted as malformed, packets beyond the queue bound as overload; both are
    /// visible in `health()`. One call wakes the recording thread once, so a caller with
    /// several packets at hand (the SFU's tap, every 100 ms) should pass them together.
    pub fn push_rtp_batch<'a>(&self, packets: impl IntoIterator<Item = RtpIn<'a>>) {
        let mut batch = Vec::new();
        {
            // Health describes what the SFU delivered, so it is counted here (a short,
            // uncontended lock), before any queueing or disk trouble.
            let mut health = self.shared.health.lock().ok();
            for p in packets {
                if validate_id(p.participant).is_err() {
                    self.malformed();
                    continue;
                }
                let Ok(header) = rtp::parse(p.rtp) else {
                    self.malformed();
                    continue;
                };
                // A padding-only packet (a bandwidth probe) is no media for the health figures.
                if let Some(h) = health.as_mut().filter(|_| header.payload_start < header.payload_end) {
                    h.record(p.participant, p.medium, p.arrival);
                }
                batch.push(Packet {
                    participant: p.participant.to_string(),
                    medium: p.medium,
                    header,
                    data: p.rtp.to_vec(),
                    arrival: p.arrival,
                });
            }
        }
        let n = batch.len();
        if n == 0 {
            return;
        }
        // The bound is in packets, whatever the batches: the recording thread takes them off.
        if self.shared.queued.fetch_add(n, Ordering::Relaxed) + n > self.queue_packets {
            self.shared.queued.fetch_sub(n, Ordering::Relaxed);
            return self.overload(n);
        }
        match self.tx.try_send(Cmd::Packets(batch)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.shared.queued.fetch_sub(n, Ordering::Relaxed);
                self.overload(n);
            }
            Err(TrySendError::Disconnected(_)) => {
                self.shared.queued.fetch_sub(n, Ordering::Relaxed);
                self.shared.failed_drops.fetch_add(n as u64, Ordering::Relaxed);
                self.stats.dropped_failed.fetch_add(n as u64, Ordering::Relaxed);
            }
        }
    }

    fn overload(&self, packets: usize) {
        self.shared.overload.fetch_add(packets as u64, Ordering::Relaxed);
        self.stats.dropped_overload.fetch_add(packets as u64, Ordering::Relaxed);
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

    /// Why the recording is failing, if it is: a hard failure (disk full, a write
    /// or remux error) or an expected track silent since the start for `missing_track_after`.
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
