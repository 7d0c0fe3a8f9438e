//! Decodes one participant's VP8 RTP to raw I420 frames at a capped rate, for face analysis.
//!
//! The recorder never transcodes what it archives; this decode branch is separate. VP8 frames
//! depend on their predecessors, so every packet is decoded and only **decoded** frames are
//! thinned out to the rate cap: dropping compressed packets when the CPU is short (as a
//! jitterbuffer's `drop-on-latency` does) corrupts every following picture until the next
//! keyframe, which the sender only sends when asked. So nothing here waits for a clock or drops
//! by age: packets are reordered on arrival time ([`crate::reorder`], as the archive does) and
//! decoded as fast as the CPU allows. If a packet is lost all the same (network loss, or the
//! bounded input queue overflowing), the depayloader waits for the next keyframe instead of
//! decoding garbage, and the decoder's `on_keyframe_wanted` callback tells the caller to ask the
//! sender for one (also once as it starts: the first packet is a discontinuity to GStreamer).

use crate::error::RecorderError;
use crate::reorder::Reorder;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// One decoded frame: planar I420, `width`×`height` luma then the two chroma planes.
#[derive(Debug, Clone)]
pub struct DecodedFrame {
    pub width: u32,
    pub height: u32,
    /// Media time since the decoder's first packet, in milliseconds.
    pub pts_ms: u64,
    pub i420: Vec<u8>,
}

/// How long a missing packet is waited for before the packets behind it are decoded without it.
const REORDER_LATENCY: Duration = Duration::from_millis(100);
/// Compressed data waiting for the decoder at most (≈10 s of 640×480 video): only a decoder
/// stalled that long loses packets to it.
const MAX_QUEUED_BYTES: u64 = 2_000_000;

pub struct FrameDecoder {
    pipeline: gst::Pipeline,
    src: gst_app::AppSrc,
    input: Mutex<Input>,
}

/// Per-stream input state, set by the first packet.
#[derive(Default)]
struct Input {
    payload_type: Option<u8>,
    reorder: Option<Reorder>,
}

impl FrameDecoder {
    /// Starts a decoder delivering at most `fps` frames per second to `on_frame`, and calling
    /// `on_keyframe_wanted` when it has lost its reference (the caller should ask the sender
    /// with an RTCP PLI). Both are called on GStreamer streaming threads: hand off, do not block.
    pub fn new(
        fps: u32,
        on_frame: impl Fn(DecodedFrame) + Send + Sync + 'static,
        on_keyframe_wanted: impl Fn() + Send + Sync + 'static,
    ) -> Result<FrameDecoder, RecorderError> {
        crate::init_gstreamer()?;
        let fps = fps.clamp(1, 30);
        let desc = format!(
            "appsrc name=src is-live=false format=time max-bytes={MAX_QUEUED_BYTES} leaky-type=downstream \
             ! rtpvp8depay wait-for-keyframe=true request-keyframe=true ! vp8dec \
             ! videoconvert ! video/x-raw,format=I420 ! appsink name=sink sync=false max-buffers=1 drop=true"
        );
        // The rate cap is applied here rather than with `videorate`, which aborts the process
        // on buffers without a duration (GStreamer 1.22, live RTP input).
        let mut cap = RateCap::new(fps);
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
        // The depayloader (after a loss) and the decoder (on a corrupt frame) ask upstream for a
        // keyframe; upstream is us, so the request goes to the caller to relay.
        let src_pad = src.static_pad("src").ok_or_else(|| RecorderError::Pipeline("appsrc without a src pad".into()))?;
        src_pad.add_probe(gst::PadProbeType::EVENT_UPSTREAM, move |_, info| {
            if info.event().and_then(|e| e.structure()).is_some_and(|s| s.name() == "GstForceKeyUnit") {
                on_keyframe_wanted();
            }
            gst::PadProbeReturn::Ok
        });
        sink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let pts_ms = sample.buffer().and_then(|b| b.pts()).map(|t| t.mseconds()).unwrap_or(0);
                    // Only frames that pass the cap are copied out.
                    if cap.admit(pts_ms) {
                        if let Some(frame) = to_frame(&sample, pts_ms) {
                            on_frame(frame);
                        }
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
        pipeline.set_state(gst::State::Playing).map_err(|e| RecorderError::Pipeline(e.to_string()))?;
        Ok(FrameDecoder { pipeline, src, input: Mutex::new(Input::default()) })
    }

    /// Feeds one RTP packet that arrived at `arrival`. Never blocks: packets are reordered and
    /// queued for the decoder; only a queue full for seconds drops (the oldest) data.
    pub fn push_rtp(&self, rtp: &[u8], arrival: SystemTime) {
        let Ok(h) = crate::rtp::parse(rtp) else { return };
        let mut input = self.input.lock().unwrap_or_else(|e| e.into_inner());
        if input.payload_type != Some(h.payload_type) {
            // The browser chose the payload type in negotiation; describe the stream once.
            let caps = gst::Caps::builder("application/x-rtp")
                .field("media", "video")
                .field("encoding-name", "VP8")
                .field("clock-rate", 90_000i32)
                .field("payload", i32::from(h.payload_type))
                .build();
            self.src.set_caps(Some(&caps));
            input.payload_type = Some(h.payload_type);
        }
        let reorder = input.reorder.get_or_insert_with(|| Reorder::new(REORDER_LATENCY, 90_000, arrival));
        for p in reorder.push(h.sequence, h.timestamp, rtp.to_vec(), arrival) {
            let mut buf = gst::Buffer::from_mut_slice(p.data);
            if let Some(b) = buf.get_mut() {
                b.set_pts(gst::ClockTime::from_nseconds(p.pts.as_nanos() as u64));
            }
            let _ = self.src.push_buffer(buf);
        }
    }
}

/// Lets through at most `fps` frames a second of media time, evenly: a frame is due once a
/// frame interval passed since the previous one was due (not since it arrived), so 30 fps input
/// capped at 10 gives every third frame rather than every fourth.
struct RateCap {
    interval_ms: u64,
    due_ms: Option<u64>,
}

impl RateCap {
    fn new(fps: u32) -> RateCap {
        RateCap { interval_ms: 1000 / u64::from(fps.max(1)), due_ms: None }
    }

    fn admit(&mut self, pts_ms: u64) -> bool {
        // A quarter interval of slack absorbs capture jitter.
        let slack = self.interval_ms / 4;
        match self.due_ms {
            Some(due) if pts_ms + slack < due && pts_ms + self.interval_ms >= due => false,
            // On time, or a jump (backwards, or a long pause): restart the schedule.
            Some(due) if pts_ms + slack >= due && pts_ms < due + self.interval_ms => {
                self.due_ms = Some(due + self.interval_ms);
                true
            }
            _ => {
                self.due_ms = Some(pts_ms + self.interval_ms);
                true
            }
        }
    }
}

impl Drop for FrameDecoder {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

fn to_frame(sample: &gst::Sample, pts_ms: u64) -> Option<DecodedFrame> {
    let caps = sample.caps()?;
    let s = caps.structure(0)?;
    let width = s.get::<i32>("width").ok()? as u32;
    let height = s.get::<i32>("height").ok()? as u32;
    let map = sample.buffer()?.map_readable().ok()?;
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

    fn admitted(cap: &mut RateCap, pts: impl IntoIterator<Item = u64>) -> Vec<u64> {
        pts.into_iter().filter(|&t| cap.admit(t)).collect()
    }

    #[test]
    fn thirty_frames_a_second_capped_at_ten_give_every_third_even_with_jitter() {
        let mut cap = RateCap::new(10);
        // 30 fps with ±3 ms capture jitter.
        let pts = (0..30u64).map(|i| i * 100 / 3 + [0, 3, 0, 0, 2, 0][i as usize % 6]);
        let kept = admitted(&mut cap, pts);
        assert_eq!(kept.len(), 10, "{kept:?}");
    }

    #[test]
    fn the_cap_restarts_after_a_pause_or_a_jump_back() {
        let mut cap = RateCap::new(10);
        assert_eq!(admitted(&mut cap, [0, 33, 66, 100]), [0, 100]);
        assert_eq!(admitted(&mut cap, [5_000, 5_033, 5_100]), [5_000, 5_100]);
        assert_eq!(admitted(&mut cap, [200, 233, 300]), [200, 300]);
    }
}
