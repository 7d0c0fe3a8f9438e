//! GStreamer pipelines: one live writer per file
//! (`appsrc ! rtp*depay ! webmmux streamable=true ! filesink`, reordering done in
//! [`crate::reorder`] on arrival time)
//! and the offline remux that makes a closed (or crash-truncated) file seekable.
//!
//! One file per participant and medium: webmmux in 1.22 waits for data on every
//! sink pad before writing, so a shared file would stall as long as one track is
//! silent. Separate single-pad muxers never wait on each other; the manifest ties
//! them together with wall-clock anchors.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;

use crate::config::{Medium, RecorderConfig};
use crate::error::RecorderError;
use crate::reorder::Reorder;
use crate::rtp::RtpHeader;

fn make(factory: &str) -> Result<gst::Element, RecorderError> {
    gst::ElementFactory::make(factory)
        .build()
        .map_err(|e| RecorderError::Pipeline(format!("element {factory}: {e}")))
}

fn pipeline_err(e: impl std::fmt::Display) -> RecorderError {
    RecorderError::Pipeline(e.to_string())
}

/// Outcome of handing one packet to a writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pushed {
    Ok,
    Overload,
    Failed,
}

/// A running per-file pipeline.
pub(crate) struct Writer {
    pipeline: gst::Pipeline,
    appsrc: gst_app::AppSrc,
    bus: gst::Bus,
    reorder: Reorder,
    max_bytes: u64,
    /// First error posted on the bus; the file stops growing after it.
    pub failure: Option<RecorderError>,
    /// Packets out of the reorder buffer, waiting for the next [`Writer::flush`].
    pending: Option<gst::BufferList>,
}

impl Writer {
    /// Builds and starts the pipeline writing to `path`; `payload_type` comes from
    /// the first packet, `first_arrival` becomes media time 0.
    pub fn start(
        path: &Path,
        medium: Medium,
        payload_type: u8,
        first_arrival: SystemTime,
        cfg: &RecorderConfig,
    ) -> Result<Writer, RecorderError> {
        let caps = gst::Caps::builder("application/x-rtp")
            .field("media", medium.as_str())
            .field("encoding-name", medium.encoding_name())
            .field("clock-rate", medium.clock_rate() as i32)
            .field("payload", i32::from(payload_type))
            .build();
        // Non-blocking and bounded: the recording thread must never stall on a slow
        // disk; the level is checked before each push and overflow is counted. Not
        // live: timestamps come from the tap, nothing here may wait for a clock.
        let appsrc = gst_app::AppSrc::builder()
            .caps(&caps)
            .format(gst::Format::Time)
            .is_live(false)
            .block(false)
            .max_bytes(cfg.appsrc_max_bytes)
            .leaky_type(gst_app::AppLeakyType::Downstream)
            .build();
        let depay = make(medium.depayloader())?;
        // rtpopusdepay's caps lack `rate`, which webmmux requires; opusparse adds it
        // (and buffer durations) without touching the payload.
        let parse = match medium {
            Medium::Audio => make("opusparse")?,
            Medium::Video => make("identity")?,
        };
        let mux = make("webmmux")?;
        // Clusters are written as they complete, no seeking back: after kill -9 the
        // file plays up to the last flushed frame (remux restores duration/cues).
        mux.set_property("streamable", true);
        let sink = make("filesink")?;
        sink.set_property("location", path.to_string_lossy().as_ref());
        // Every buffer goes straight to the kernel, so a process crash loses only what
        // is still held for reordering, waiting for the worker's next flush (≤ 100 ms) or
        // inside the muxer.
        sink.set_property_from_str("buffer-mode", "unbuffered");
        sink.set_property("async", false);

        let pipeline = gst::Pipeline::new();
        let elements = [appsrc.upcast_ref::<gst::Element>(), &depay, &parse, &mux, &sink];
        pipeline.add_many(elements).map_err(pipeline_err)?;
        gst::Element::link_many(elements).map_err(pipeline_err)?;
        let bus = pipeline
            .bus()
            .ok_or_else(|| RecorderError::Pipeline("pipeline without bus".into()))?;
        if let Err(e) = pipeline.set_state(gst::State::Playing) {
            // The real cause (e.g. the file could not be opened) is on the bus.
            let cause = bus
                .pop_filtered(&[gst::MessageType::Error])
                .map(|m| classify(&m))
                .unwrap_or_else(|| pipeline_err(e));
            let _ = pipeline.set_state(gst::State::Null);
            return Err(cause);
        }
        Ok(Writer {
            pipeline,
            appsrc,
            bus,
            reorder: Reorder::new(cfg.jitter_latency, medium.clock_rate(), first_arrival),
            max_bytes: cfg.appsrc_max_bytes,
            failure: None,
            pending: None,
        })
    }

    /// Queues one RTP packet; packets leave the reorder buffer in sequence order with
    /// a PTS on the RTP clock anchored at the file's first arrival.
    pub fn push(&mut self, h: &RtpHeader, data: Vec<u8>, arrival: SystemTime) -> Pushed {
        if self.failure.is_some() {
            return Pushed::Failed;
        }
        if self.appsrc.current_level_bytes() >= self.max_bytes {
            return Pushed::Overload;
        }
        let due = self.reorder.push(h.sequence, h.timestamp, data, arrival);
        self.send(due)
    }

    /// Packets dropped as duplicates or later than the reorder latency.
    pub fn late_dropped(&self) -> u64 {
        self.reorder.late_dropped
    }

    /// Adds released packets to the list for the next [`Writer::flush`].
    fn send(&mut self, due: Vec<crate::reorder::Released>) -> Pushed {
        let list = self.pending.get_or_insert_with(gst::BufferList::new);
        let Some(list) = list.get_mut() else { return Pushed::Failed };
        for p in due {
            let mut buf = gst::Buffer::from_mut_slice(p.data);
            if let Some(b) = buf.get_mut() {
                let t = gst::ClockTime::from_nseconds(p.pts.as_nanos() as u64);
                b.set_pts(t);
                b.set_dts(t);
            }
            list.add(buf);
        }
        Pushed::Ok
    }

    /// Hands the packets released since the last flush to GStreamer in one push (one wake-up
    /// of the file's streaming thread). Returns how many were lost because the pipeline failed.
    pub fn flush(&mut self) -> u64 {
        let Some(list) = self.pending.take().filter(|l| !l.is_empty()) else { return 0 };
        let n = list.len() as u64;
        if self.failure.is_some() || self.appsrc.push_buffer_list(list).is_err() {
            return n;
        }
        0
    }

    /// Collects an error from the bus, if one arrived since the last call.
    pub fn poll(&mut self) -> Option<&RecorderError> {
        if self.failure.is_none() {
            if let Some(msg) = self.bus.pop_filtered(&[gst::MessageType::Error]) {
                self.failure = Some(classify(&msg));
                // Stop the broken pipeline now; what it wrote so far stays readable.
                let _ = self.pipeline.set_state(gst::State::Null);
                return self.failure.as_ref();
            }
        }
        None
    }

    /// Signals end of stream; pair with `wait_closed` (split so several files of a
    /// segment drain in parallel).
    pub fn send_eos(&mut self) {
        if self.failure.is_none() {
            let rest = self.reorder.flush();
            let _ = self.send(rest);
            let _ = self.flush();
            let _ = self.appsrc.end_of_stream();
        }
    }

    /// Waits until the muxer wrote its last cluster and the file is closed.
    pub fn wait_closed(&mut self, timeout: Duration) {
        if self.failure.is_none() {
            let to = gst::ClockTime::from_nseconds(timeout.as_nanos() as u64);
            match self
                .bus
                .timed_pop_filtered(to, &[gst::MessageType::Eos, gst::MessageType::Error])
            {
                Some(m) if m.type_() == gst::MessageType::Error => {
                    self.failure = Some(classify(&m));
                }
                Some(_) => {}
                None => {
                    self.failure = Some(RecorderError::Pipeline(format!(
                        "file not drained within {timeout:?}"
                    )));
                }
            }
        }
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

/// Maps a bus error to the crate's domain error (disk full is what operators act on).
fn classify(msg: &gst::Message) -> RecorderError {
    match msg.view() {
        gst::MessageView::Error(e) => {
            let err = e.error();
            let src = msg
                .src()
                .map(|s| s.name().to_string())
                .unwrap_or_default();
            if err.matches(gst::ResourceError::NoSpaceLeft) {
                RecorderError::DiskFull(format!("{src}: {err}"))
            } else {
                let debug = e.debug().map(|d| d.to_string()).unwrap_or_default();
                if debug.contains("No space left") {
                    RecorderError::DiskFull(format!("{src}: {err}"))
                } else {
                    RecorderError::Pipeline(format!("{src}: {err} ({debug})"))
                }
            }
        }
        _ => RecorderError::Pipeline("unexpected message".into()),
    }
}

/// What a remux saw pass through: the media time span of the file.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Span {
    /// PTS of the first frame, relative to the first RTP packet's arrival.
    pub first: Option<Duration>,
    pub end: Option<Duration>,
}

impl Span {
    pub fn duration(&self) -> Duration {
        match (self.first, self.end) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => Duration::ZERO,
        }
    }
}

/// Rewrites a streamable (possibly truncated) WebM into a seekable one with duration
/// and cues. Runs as fast as the disk allows; never transcodes.
pub(crate) fn remux(src: &Path, dst: &Path, medium: Medium, timeout: Duration) -> Result<Span, RecorderError> {
    // The muxer pad is named explicitly: identity has ANY caps, so automatic linking
    // would pick webmmux's first (video) request pad even for audio.
    let pipeline = gst::parse::launch(&format!(
        "filesrc name=src ! matroskademux ! identity name=probe ! mux.{}_%u \
         webmmux name=mux ! filesink name=dst",
        medium.as_str()
    ))
    .map_err(pipeline_err)?
    .downcast::<gst::Pipeline>()
    .map_err(|_| RecorderError::Pipeline("remux: not a pipeline".into()))?;
    let by_name = |n: &str| {
        pipeline
            .by_name(n)
            .ok_or_else(|| RecorderError::Pipeline(format!("remux: no {n}")))
    };
    by_name("src")?.set_property("location", src.to_string_lossy().as_ref());
    by_name("dst")?.set_property("location", dst.to_string_lossy().as_ref());
    let span = Arc::new(Mutex::new(Span::default()));
    let pad = by_name("probe")?
        .static_pad("sink")
        .ok_or_else(|| RecorderError::Pipeline("remux: no probe pad".into()))?;
    let span_probe = Arc::clone(&span);
    pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
        if let Some(pts) = info.buffer().and_then(|b| b.pts()) {
            let dur = info.buffer().and_then(|b| b.duration()).unwrap_or_default();
            if let Ok(mut s) = span_probe.lock() {
                let pts = Duration::from_nanos(pts.nseconds());
                let end = pts + Duration::from_nanos(dur.nseconds());
                s.first = Some(s.first.map_or(pts, |f| f.min(pts)));
                s.end = Some(s.end.map_or(end, |e| e.max(end)));
            }
        }
        gst::PadProbeReturn::Ok
    });
    let bus = pipeline
        .bus()
        .ok_or_else(|| RecorderError::Pipeline("pipeline without bus".into()))?;
    let result = match pipeline.set_state(gst::State::Playing) {
        Err(e) => Err(bus
            .pop_filtered(&[gst::MessageType::Error])
            .map(|m| classify(&m))
            .unwrap_or_else(|| pipeline_err(e))),
        Ok(_) => {
            let to = gst::ClockTime::from_nseconds(timeout.as_nanos() as u64);
            match bus.timed_pop_filtered(to, &[gst::MessageType::Eos, gst::MessageType::Error]) {
                Some(m) if m.type_() == gst::MessageType::Eos => Ok(()),
                Some(m) => Err(classify(&m)),
                None => Err(RecorderError::Pipeline(format!("remux timed out after {timeout:?}"))),
            }
        }
    };
    let _ = pipeline.set_state(gst::State::Null);
    result?;
    let s = *span
        .lock()
        .map_err(|_| RecorderError::Pipeline("remux probe poisoned".into()))?;
    if s.first.is_none() {
        return Err(RecorderError::Pipeline("remux: file holds no media".into()));
    }
    Ok(s)
}
