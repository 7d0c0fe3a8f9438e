//! Decodes one participant's VP8 RTP to raw I420 frames at a capped rate, for face analysis.
//!
//! The recorder never transcodes what it archives; this decode branch is separate and
//! lossy on purpose: when the CPU is short, old packets and frames are dropped so the
//! analysis stays live instead of falling behind the call.

use crate::error::RecorderError;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::sync::Mutex;

/// One decoded frame: planar I420, `width`×`height` luma then the two chroma planes.
#[derive(Debug, Clone)]
pub struct DecodedFrame {
    pub width: u32,
    pub height: u32,
    /// Media time since the decoder's first packet, in milliseconds.
    pub pts_ms: u64,
    pub i420: Vec<u8>,
}

pub struct FrameDecoder {
    pipeline: gst::Pipeline,
    src: gst_app::AppSrc,
    payload_type: Mutex<Option<u8>>,
}

impl FrameDecoder {
    /// Starts a decoder delivering at most `fps` frames per second to `on_frame` (called on a
    /// GStreamer streaming thread: hand the frame off, do not block).
    pub fn new(fps: u32, on_frame: impl Fn(DecodedFrame) + Send + Sync + 'static) -> Result<FrameDecoder, RecorderError> {
        crate::init_gstreamer()?;
        let fps = fps.clamp(1, 30);
        let desc = format!(
            "appsrc name=src is-live=true do-timestamp=true format=time max-bytes=2000000 leaky-type=downstream \
             ! rtpjitterbuffer latency=100 drop-on-latency=true ! rtpvp8depay request-keyframe=true ! vp8dec \
             ! videoconvert ! video/x-raw,format=I420 ! appsink name=sink sync=false max-buffers=2 drop=true"
        );
        // The rate cap is applied here rather than with `videorate`, which aborts the process
        // on buffers without a duration (GStreamer 1.22, live RTP input).
        let min_gap_ms = 1000 / u64::from(fps);
        let last_ms = Mutex::new(None::<u64>);
        let pipeline = gst::parse::launch(&desc)
            .map_err(|e| RecorderError::Pipeline(e.to_string()))?
            .downcast::<gst::Pipeline>()
            .map_err(|_| RecorderError::Pipeline("decoder is not a pipeline".into()))?;
        let by_name = |n: &str| pipeline.by_name(n).ok_or_else(|| RecorderError::Pipeline(format!("decoder element {n} missing")));
        let src = by_name("src")?
            .downcast::<gst_app::AppSrc>()
            .map_err(|_| RecorderError::Pipeline("src is not an appsrc".into()))?;
        let sink = by_name("sink")?
            .downcast::<gst_app::AppSink>()
            .map_err(|_| RecorderError::Pipeline("sink is not an appsink".into()))?;
        sink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    if let Some(frame) = to_frame(&sample) {
                        let mut last = last_ms.lock().unwrap_or_else(|e| e.into_inner());
                        if last.is_none_or(|l| frame.pts_ms >= l + min_gap_ms || frame.pts_ms < l) {
                            *last = Some(frame.pts_ms);
                            drop(last);
                            on_frame(frame);
                        }
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        pipeline.set_state(gst::State::Playing).map_err(|e| RecorderError::Pipeline(e.to_string()))?;
        Ok(FrameDecoder { pipeline, src, payload_type: Mutex::new(None) })
    }

    /// Feeds one RTP packet. Never blocks: a full queue drops the oldest data.
    pub fn push_rtp(&self, rtp: &[u8]) {
        if rtp.len() < 12 || rtp[0] >> 6 != 2 {
            return;
        }
        let pt = rtp[1] & 0x7f;
        {
            let mut known = self.payload_type.lock().unwrap_or_else(|e| e.into_inner());
            if *known != Some(pt) {
                // The browser chose the payload type in negotiation; describe the stream once.
                let caps = gst::Caps::builder("application/x-rtp")
                    .field("media", "video")
                    .field("encoding-name", "VP8")
                    .field("clock-rate", 90_000i32)
                    .field("payload", pt as i32)
                    .build();
                self.src.set_caps(Some(&caps));
                *known = Some(pt);
            }
        }
        let _ = self.src.push_buffer(gst::Buffer::from_slice(rtp.to_vec()));
    }
}

impl Drop for FrameDecoder {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

fn to_frame(sample: &gst::Sample) -> Option<DecodedFrame> {
    let caps = sample.caps()?;
    let s = caps.structure(0)?;
    let width = s.get::<i32>("width").ok()? as u32;
    let height = s.get::<i32>("height").ok()? as u32;
    let buffer = sample.buffer()?;
    let pts_ms = buffer.pts().map(|t| t.mseconds()).unwrap_or(0);
    let map = buffer.map_readable().ok()?;
    Some(DecodedFrame { width, height, pts_ms, i420: pack_i420(&map, width as usize, height as usize)? })
}

/// Copies GStreamer's default I420 layout (rows padded to 4 bytes) into tightly packed planes.
fn pack_i420(data: &[u8], w: usize, h: usize) -> Option<Vec<u8>> {
    let round4 = |x: usize| (x + 3) & !3;
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let (ys, cs) = (round4(w), round4(cw));
    let planes = [(0, ys, w, h), (ys * h, cs, cw, ch), (ys * h + cs * ch, cs, cw, ch)];
    let mut out = Vec::with_capacity(w * h + 2 * cw * ch);
    for (offset, stride, width, rows) in planes {
        for r in 0..rows {
            let start = offset + r * stride;
            out.extend_from_slice(data.get(start..start + width)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_rows_are_packed() {
        // 2x2 frame: luma stride 4, chroma 1x1 with stride 4.
        let data = [1, 2, 0, 0, 3, 4, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0];
        assert_eq!(pack_i420(&data, 2, 2), Some(vec![1, 2, 3, 4, 5, 6]));
    }

    #[test]
    fn a_short_buffer_gives_no_frame() {
        assert_eq!(pack_i420(&[0; 5], 2, 2), None);
    }
}
