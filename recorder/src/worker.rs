//! The recording thread of one session. `push_rtp` only validates and enqueues; this
//! thread owns the pipelines, so file creation, journal writes and segment closes
//! never run on the SFU's packet loop.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::oneshot;

use crate::config::{Medium, RecorderConfig};
use crate::error::RecorderError;
use crate::finalize::{close_files, file_path};
use crate::manifest::{Journal, Manifest, OpenFile, OpenSegment, Segment, Status, MANIFEST_VERSION};
use crate::writer::{Pushed, Writer};
use crate::recording::Shared;
use crate::rtp::RtpHeader;
use crate::stats::Stats;
use crate::storage::Storage;
use crate::time::unix_ms;

/// One validated RTP packet on its way to the recording thread.
pub(crate) struct Packet {
    pub participant: String,
    pub medium: Medium,
    pub header: RtpHeader,
    pub data: Vec<u8>,
    pub arrival: SystemTime,
}

pub(crate) enum Cmd {
    /// Packets in arrival order (one `push_rtp_batch`).
    Packets(Vec<Packet>),
    NewSegment {
        reason: String,
        at: SystemTime,
    },
    Finish {
        reply: oneshot::Sender<Result<Manifest, RecorderError>>,
    },
}

type Key = (String, Medium);

pub(crate) struct Worker {
    pub storage: Arc<dyn Storage>,
    /// Seals closed files when set.
    pub keys: Option<Arc<dyn crate::sealed::KeySource>>,
    pub cfg: Arc<RecorderConfig>,
    pub shared: Arc<Shared>,
    pub stats: Arc<Stats>,
    pub journal: Journal,
    /// Called once the manifest is written (removes the session from the registry).
    pub on_done: Box<dyn FnOnce() + Send>,
    /// Wall clock of the last packet of the previous segment (or of the earlier
    /// part of a resumed recording), for the gap marker.
    pub prev_last_arrival: Option<SystemTime>,
    pub writers: BTreeMap<Key, Writer>,
    pub failed_keys: BTreeSet<Key>,
    pub last_arrival: Option<SystemTime>,
}

const POLL: Duration = Duration::from_millis(100);
/// What the writers muxed goes to the files at most this often, one write per file: a write
/// per frame cost more than the muxing. A crash loses what waits here too (≤ 100 ms).
const FLUSH_EVERY: Duration = Duration::from_millis(100);
const JOURNAL_EVERY: Duration = Duration::from_secs(5);

impl Worker {
    pub fn run(mut self, rx: Receiver<Cmd>) {
        let mut last_journal = Instant::now();
        let mut last_flush = Instant::now();
        loop {
            let wait = FLUSH_EVERY.saturating_sub(last_flush.elapsed()).min(POLL);
            match rx.recv_timeout(wait) {
                Ok(Cmd::Packets(packets)) => {
                    self.shared.queued.fetch_sub(packets.len(), Ordering::Relaxed);
                    for p in packets {
                        self.packet(p.participant, p.medium, p.header, p.data, p.arrival);
                    }
                }
                Ok(Cmd::NewSegment { reason, at }) => {
                    self.close_segment(at);
                    self.open_segment(reason, at);
                }
                Ok(Cmd::Finish { reply }) => {
                    let result = self.finish();
                    let on_done = std::mem::replace(&mut self.on_done, Box::new(|| {}));
                    on_done();
                    let _ = reply.send(result);
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
                // Every handle is gone without finish(): leave the journal in place so
                // recovery closes the recording as interrupted.
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if last_flush.elapsed() >= FLUSH_EVERY {
                last_flush = Instant::now();
                let lost: u64 = self.writers.values_mut().map(Writer::flush).sum();
                self.stats.dropped_failed.fetch_add(lost, Ordering::Relaxed);
            }
            self.poll_writers();
            if last_journal.elapsed() >= JOURNAL_EVERY {
                last_journal = Instant::now();
                self.write_journal();
            }
        }
    }

    fn segment_index(&self) -> u32 {
        self.journal.open.as_ref().map_or(0, |s| s.index)
    }

    fn packet(&mut self, participant: String, medium: Medium, h: RtpHeader, data: Vec<u8>, arrival: SystemTime) {
        let key = (participant, medium);
        if let Some(w) = self.journal.open.as_ref().and_then(|s| {
            s.open_files.iter().find(|f| f.participant == key.0 && f.medium == key.1)
        }) {
            if w.ssrc != h.ssrc {
                // A new SSRC means the sender restarted (reconnect/renegotiation); the
                // reorder buffer and depayloader must start afresh, so does the segment.
                let reason = format!("ssrc change {} {}", key.0, key.1.as_str());
                self.close_segment(arrival);
                self.open_segment(reason, arrival);
            } else if w.payload_type != h.payload_type {
                self.shared.malformed.fetch_add(1, Ordering::Relaxed);
                self.stats.dropped_malformed.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
        if self.failed_keys.contains(&key) {
            self.count_failed_drop();
            return;
        }
        if !self.writers.contains_key(&key) {
            if let Err(e) = self.open_writer(&key, &h, arrival) {
                self.fail(&key, e);
                self.count_failed_drop();
                return;
            }
        }
        self.last_arrival = Some(self.last_arrival.map_or(arrival, |l| l.max(arrival)));
        let pushed = match self.writers.get_mut(&key) {
            Some(w) => w.push(&h, data, arrival),
            None => Pushed::Failed,
        };
        match pushed {
            Pushed::Ok => {
                self.stats.packets_recorded.fetch_add(1, Ordering::Relaxed);
            }
            Pushed::Failed => self.count_failed_drop(),
        }
    }

    fn count_failed_drop(&self) {
        self.shared.failed_drops.fetch_add(1, Ordering::Relaxed);
        self.stats.dropped_failed.fetch_add(1, Ordering::Relaxed);
    }

    fn open_writer(&mut self, key: &Key, h: &RtpHeader, arrival: SystemTime) -> Result<(), RecorderError> {
        let index = self.segment_index();
        let path = file_path(index, &key.0, key.1);
        let session = self.journal.session_id.clone();
        let local = self.storage.writable_path(&format!("{session}/{path}"))?;
        if let Some(seg) = self.journal.open.as_mut() {
            if seg.open_files.is_empty() {
                if let Some(prev) = self.prev_last_arrival {
                    seg.gap_before_ms = unix_ms(arrival).saturating_sub(unix_ms(prev));
                }
            }
            seg.open_files.push(OpenFile {
                participant: key.0.clone(),
                medium: key.1,
                path,
                payload_type: h.payload_type,
                ssrc: h.ssrc,
                first_rtp_ts: h.timestamp,
                first_rtp_wallclock_ms: unix_ms(arrival),
            });
        }
        // Journal first: if we crash right after the file appears, recovery knows its
        // RTP/wall-clock anchor.
        self.write_journal();
        let writer = Writer::start(&local, key.1, arrival, &self.cfg)?;
        self.writers.insert(key.clone(), writer);
        Ok(())
    }

    fn fail(&mut self, key: &Key, e: RecorderError) {
        let disk_full = matches!(e, RecorderError::DiskFull(_));
        if disk_full {
            self.stats.disk_full_errors.fetch_add(1, Ordering::Relaxed);
        } else {
            self.stats.pipeline_errors.fetch_add(1, Ordering::Relaxed);
        }
        let reason = format!("{e} ({} {}, segment {})", key.0, key.1.as_str(), self.segment_index());
        tracing::error!(session = %self.journal.session_id, %reason, "recording failed");
        if let Ok(mut f) = self.shared.failure.lock() {
            f.get_or_insert(reason);
        }
        self.failed_keys.insert(key.clone());
    }

    fn poll_writers(&mut self) {
        let mut failed = Vec::new();
        for (key, w) in self.writers.iter_mut() {
            if let Some(e) = w.poll() {
                failed.push((key.clone(), clone_err(e)));
            }
        }
        for (key, e) in failed {
            self.fail(&key, e);
        }
    }

    fn write_journal(&mut self) {
        if let Ok(h) = self.shared.health.lock() {
            self.journal.health = h.snapshot(SystemTime::now(), self.shared.counters());
        }
        let key = format!("{}/journal.json", self.journal.session_id);
        let res = serde_json::to_vec_pretty(&self.journal)
            .map_err(RecorderError::from)
            .and_then(|bytes| self.storage.write_atomic(&key, &bytes));
        if let Err(e) = res {
            // The previous journal stays valid (atomic replace); recovery will use it.
            tracing::warn!(session = %self.journal.session_id, error = %e, "journal not updated");
        }
    }

    /// Closes every writer of the open segment, then remuxes and hashes its files.
    fn close_segment(&mut self, at: SystemTime) {
        let mut late = Vec::new();
        for (key, w) in self.writers.iter_mut() {
            w.close();
            self.shared.late.fetch_add(w.late_dropped(), Ordering::Relaxed);
            if let Some(e) = w.poll() {
                late.push((key.clone(), clone_err(e)));
            }
        }
        for (key, e) in late {
            self.fail(&key, e);
        }
        self.writers.clear();
        self.failed_keys.clear();
        let Some(open) = self.journal.open.take() else { return };
        let session = self.journal.session_id.clone();
        // Asked for per segment close (a cache hit after the first), never on the packet path.
        let key = self.keys.as_ref().map(|k| k.file_key(&session));
        let files = close_files(self.storage.as_ref(), &session, &open.open_files, self.cfg.remux_timeout, key.as_ref());
        let end = self.last_arrival.map_or(at, |l| l.max(at));
        self.journal.closed.push(Segment {
            index: open.index,
            started_at: open.started_at,
            ended_at: unix_ms(end),
            gap_before_ms: open.gap_before_ms,
            reason: open.reason,
            files,
        });
        if self.last_arrival.is_some() {
            self.prev_last_arrival = self.last_arrival;
        }
        self.last_arrival = None;
    }

    pub fn open_segment(&mut self, reason: String, at: SystemTime) {
        let index = self.journal.closed.last().map_or(0, |s| s.index + 1);
        self.journal.open = Some(OpenSegment {
            index,
            started_at: unix_ms(at),
            gap_before_ms: 0,
            reason,
            open_files: Vec::new(),
        });
        self.write_journal();
    }

    fn finish(&mut self) -> Result<Manifest, RecorderError> {
        let now = SystemTime::now();
        self.close_segment(now);
        let session = self.journal.session_id.clone();
        // Release the reserved space first so the manifest fits on a full disk.
        let _ = self.storage.remove(&format!("{session}/.reserve"));
        let (health, missing, end) = match self.shared.health.lock() {
            Ok(h) => (h.snapshot(now, self.shared.counters()), h.missing(), h.end(now)),
            Err(_) => return Err(RecorderError::Pipeline("health state poisoned".into())),
        };
        let failure = self.shared.failure.lock().ok().and_then(|f| f.clone());
        let status = match (failure, missing.is_empty()) {
            (Some(reason), _) => Status::Failed { reason },
            (None, false) => Status::Failed {
                reason: format!("missing track: {}", describe(&missing)),
            },
            (None, true) => Status::Complete,
        };
        let status = self.journal.prior_status.clone().worst(status);
        let manifest = Manifest {
            version: MANIFEST_VERSION,
            session_id: session.clone(),
            status,
            started_at: self.journal.started_at,
            ended_at: unix_ms(end),
            keep_until: self.journal.keep_until,
            segments: self.journal.closed.clone(),
            health,
        };
        let bytes = serde_json::to_vec_pretty(&manifest)?;
        self.storage.write_atomic(&format!("{session}/manifest.json"), &bytes)?;
        self.storage.remove(&format!("{session}/journal.json"))?;
        if matches!(manifest.status, Status::Failed { .. }) {
            self.stats.recordings_failed.fetch_add(1, Ordering::Relaxed);
        }
        self.stats.recordings_finished.fetch_add(1, Ordering::Relaxed);
        Ok(manifest)
    }
}

pub(crate) fn describe(tracks: &[(String, Medium)]) -> String {
    tracks
        .iter()
        .map(|(p, m)| format!("{p} {}", m.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn clone_err(e: &RecorderError) -> RecorderError {
    match e {
        RecorderError::DiskFull(s) => RecorderError::DiskFull(s.clone()),
        other => RecorderError::Pipeline(other.to_string()),
    }
}
