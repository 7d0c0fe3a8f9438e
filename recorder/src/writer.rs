//! The live writer of one file: reorder ([`crate::reorder`]) → depayload
//! ([`crate::depay`]) → WebM ([`crate::webm`]) → one `write` per flush, all on the
//! recording thread. No GStreamer on the live path: a pipeline per file cost more CPU
//! (depayloader, muxer, a streaming thread woken per push, a `writev` per block) than the
//! forwarding of the packets it recorded.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use crate::config::{Medium, RecorderConfig};
use crate::depay::{vp8_dimensions, Depay};
use crate::error::RecorderError;
use crate::reorder::{Released, Reorder};
use crate::rtp::{self, RtpHeader};
use crate::webm::{Track, Webm};

/// Outcome of handing one packet to a writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pushed {
    Ok,
    Failed,
}

pub(crate) struct Writer {
    file: File,
    medium: Medium,
    reorder: Reorder,
    depay: Depay,
    webm: Webm,
    /// Packets out of the reorder buffer since the last flush: lost if that write fails.
    unflushed: u64,
    /// First write error; the file stops growing after it.
    failure: Option<RecorderError>,
    /// `poll` has handed the failure on.
    failure_reported: bool,
}

impl Writer {
    /// Creates the file at `path`; `first_arrival` becomes media time 0.
    pub fn start(path: &Path, medium: Medium, first_arrival: SystemTime, cfg: &RecorderConfig) -> Result<Writer, RecorderError> {
        Ok(Writer {
            file: File::create(path)?,
            medium,
            reorder: Reorder::new(cfg.jitter_latency, medium.clock_rate(), first_arrival),
            depay: Depay::new(medium),
            webm: Webm::new(),
            unflushed: 0,
            failure: None,
            failure_reported: false,
        })
    }

    /// Queues one RTP packet; packets leave the reorder buffer in sequence order with
    /// a PTS on the RTP clock anchored at the file's first arrival.
    pub fn push(&mut self, h: &RtpHeader, data: Vec<u8>, arrival: SystemTime) -> Pushed {
        if self.failure.is_some() {
            return Pushed::Failed;
        }
        for p in self.reorder.push(h.sequence, h.timestamp, data, arrival) {
            self.mux(p);
        }
        Pushed::Ok
    }

    /// Packets dropped as duplicates or later than the reorder latency.
    pub fn late_dropped(&self) -> u64 {
        self.reorder.late_dropped
    }

    fn mux(&mut self, p: Released) {
        self.unflushed += 1;
        // Validated by `push_rtp` before it was queued; parsed again for the payload bounds.
        let Ok(h) = rtp::parse(&p.data) else { return };
        let Some(frame) = self.depay.push(&p.data, &h, p.pts) else { return };
        if !self.webm.has_header() {
            let track = match self.medium {
                Medium::Audio => Track::Opus,
                // The depayloader's first frame is a keyframe, which carries the size.
                Medium::Video => match vp8_dimensions(&frame.data) {
                    Some((width, height)) => Track::Vp8 { width, height },
                    None => return,
                },
            };
            self.webm.header(track);
        }
        self.webm.block(frame.pts, frame.keyframe, &frame.data);
    }

    /// Writes what was muxed since the last flush in one `write` (straight to the kernel:
    /// a process crash loses only what waits in memory, ≤ one flush interval plus the
    /// reorder latency). Returns how many packets were lost because the write failed.
    pub fn flush(&mut self) -> u64 {
        let lost = std::mem::take(&mut self.unflushed);
        let bytes = self.webm.take();
        if self.failure.is_some() {
            return lost;
        }
        if bytes.is_empty() {
            return 0;
        }
        match self.file.write_all(&bytes) {
            Ok(()) => 0,
            Err(e) => {
                self.failure = Some(e.into());
                lost
            }
        }
    }

    /// The write error, once, after it happened.
    pub fn poll(&mut self) -> Option<&RecorderError> {
        if self.failure_reported {
            return None;
        }
        self.failure_reported = self.failure.is_some();
        self.failure.as_ref()
    }

    /// End of stream: writes out everything still held for reordering.
    pub fn close(&mut self) {
        if self.failure.is_none() {
            for p in self.reorder.flush() {
                self.mux(p);
            }
            self.flush();
        }
    }
}
