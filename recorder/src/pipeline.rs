//! GStreamer, offline only: the remux that makes a closed (or crash-truncated) file
//! seekable, with duration and cues. The live files are written by [`crate::writer`].

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gstreamer as gst;
use gstreamer::prelude::*;

use crate::config::Medium;
use crate::error::RecorderError;

fn pipeline_err(e: impl std::fmt::Display) -> RecorderError {
    RecorderError::Pipeline(e.to_string())
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
