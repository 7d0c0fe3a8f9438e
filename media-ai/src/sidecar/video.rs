//! The customer's video as it arrives in the call (kind 4: VP8 RTP), decoded here rather than in
//! the call server. Three reasons: the server's CPU stays with forwarding (decoding every frame
//! of every customer cost it more than forwarding did), the link carries ≈ 1 Mbit/s of
//! compressed video instead of ≈ 30 Mbit/s of raw frames (so the sidecar can sit on another
//! machine), and the untrusted bitstream is parsed in this process, not in the one holding the
//! call's keys.
//!
//! Decoding itself (reordering, depayloading, VP8, the frame-rate cap) is the recorder crate's
//! [`FrameDecoder`]; this module only frames it for one connection: a new SSRC (the customer
//! rejoined) starts a fresh decoder, and the decoder's keyframe wishes are reported back so the
//! server can ask the customer's browser.

use recorder::decode::{DecodedFrame, FrameDecoder};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Size of a kind-4 payload's header: the packet's arrival time at the server (µs since the Unix
/// epoch, u64 big-endian).
pub const RTP_HEADER: usize = 8;
/// Decoded frames handed to analysis per second unless `start` says otherwise.
pub const DEFAULT_FPS: u32 = 8;
/// New streams (each a GStreamer pipeline) a connection may start within [`RESTART_WINDOW`] of
/// arrival time. A rejoin starts one; a flood of SSRCs must not become a flood of pipelines.
const MAX_RESTARTS: usize = 10;
const RESTART_WINDOW: Duration = Duration::from_secs(60);

/// One connection's RTP video input.
pub struct RtpVideo {
    fps: u32,
    on_frame: Arc<dyn Fn(DecodedFrame) + Send + Sync>,
    on_keyframe_wanted: Arc<dyn Fn() + Send + Sync>,
    stream: Option<(u32, FrameDecoder)>,
    /// Arrival times of the streams started in the last [`RESTART_WINDOW`].
    starts: VecDeque<SystemTime>,
    /// A stream refused for starting too soon: its packets are dropped without another error.
    refused: Option<u32>,
}

impl RtpVideo {
    /// `on_frame` gets every decoded frame that passes the rate cap; `on_keyframe_wanted` is
    /// called when the decoder lost its reference (and once as a stream starts). Both run on a
    /// decoder thread, as soon as the decoder knows: a request must not wait for the next packet.
    pub fn new(on_frame: impl Fn(DecodedFrame) + Send + Sync + 'static, on_keyframe_wanted: impl Fn() + Send + Sync + 'static) -> RtpVideo {
        RtpVideo {
            fps: DEFAULT_FPS,
            on_frame: Arc::new(on_frame),
            on_keyframe_wanted: Arc::new(on_keyframe_wanted),
            stream: None,
            starts: VecDeque::new(),
            refused: None,
        }
    }

    /// The frame rate for analysis; applies from the next stream (a `start` comes before video).
    pub fn set_fps(&mut self, fps: u32) {
        self.fps = fps.clamp(1, 30);
    }

    /// Feeds one kind-4 payload. Errors describe a malformed message; the connection goes on.
    pub fn feed(&mut self, payload: &[u8]) -> Result<(), String> {
        let (arrival, rtp) = split(payload)?;
        let ssrc = u32::from_be_bytes([rtp[8], rtp[9], rtp[10], rtp[11]]);
        if self.refused == Some(ssrc) {
            return Ok(());
        }
        if self.stream.as_ref().is_none_or(|(s, _)| *s != ssrc) {
            // A new stream (new SSRC, new timing): the old decoder's state means nothing to it.
            self.stream = None;
            while self.starts.front().is_some_and(|t| arrival.duration_since(*t).unwrap_or_default() >= RESTART_WINDOW) {
                self.starts.pop_front();
            }
            if self.starts.len() >= MAX_RESTARTS {
                self.refused = Some(ssrc);
                return Err(format!("more than {MAX_RESTARTS} video streams within {} s", RESTART_WINDOW.as_secs()));
            }
            self.starts.push_back(arrival);
            self.refused = None;
            let (on_frame, on_keyframe) = (self.on_frame.clone(), self.on_keyframe_wanted.clone());
            let decoder = FrameDecoder::new(self.fps, move |f| on_frame(f), move || on_keyframe())
                .map_err(|e| format!("video decoder: {e}"))?;
            self.stream = Some((ssrc, decoder));
        }
        if let Some((_, decoder)) = &self.stream {
            decoder.push_rtp(rtp, arrival);
        }
        Ok(())
    }
}

/// Splits a kind-4 payload into the arrival time and the RTP packet (version 2, whole header).
pub fn split(payload: &[u8]) -> Result<(SystemTime, &[u8]), String> {
    if payload.len() < RTP_HEADER + 12 {
        return Err(format!("RTP message shorter than its {RTP_HEADER}-byte header and a 12-byte RTP header"));
    }
    let mut us = [0u8; 8];
    us.copy_from_slice(&payload[..RTP_HEADER]);
    let arrival = SystemTime::UNIX_EPOCH
        .checked_add(Duration::from_micros(u64::from_be_bytes(us)))
        .ok_or("arrival time out of range")?;
    let rtp = &payload[RTP_HEADER..];
    if rtp[0] >> 6 != 2 {
        return Err("not an RTP version 2 packet".into());
    }
    Ok((arrival, rtp))
}

/// A kind-4 payload, for clients and tests (the call server writes its own, `signaling::ai::wire`).
pub fn encode_rtp(arrival: SystemTime, rtp: &[u8]) -> Vec<u8> {
    let us = arrival.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_micros() as u64;
    let mut v = Vec::with_capacity(RTP_HEADER + rtp.len());
    v.extend_from_slice(&us.to_be_bytes());
    v.extend_from_slice(rtp);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_with_its_arrival_time_to_the_microsecond() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_micros(1_764_480_000_123_456);
        let rtp = [0x80, 96, 0, 1, 0, 0, 0, 9, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3];
        let p = encode_rtp(at, &rtp);
        assert_eq!(split(&p), Ok((at, &rtp[..])));
    }

    #[test]
    fn a_flood_of_new_streams_is_refused_once_per_stream_until_a_minute_has_passed() {
        let mut v = RtpVideo::new(|_| {}, || {});
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_480_000);
        let packet = |ssrc: u32, at: SystemTime| encode_rtp(at, &[&[0x80, 96, 0, 1, 0, 0, 0, 9][..], &ssrc.to_be_bytes()[..], &[0x10, 0, 0]].concat());
        for ssrc in 0..10 {
            assert_eq!(v.feed(&packet(ssrc, t0 + Duration::from_secs(u64::from(ssrc)))), Ok(()), "stream {ssrc}");
        }
        let flood = t0 + Duration::from_secs(20);
        assert!(v.feed(&packet(10, flood)).unwrap_err().contains("more than 10"));
        assert_eq!(v.feed(&packet(10, flood)), Ok(()), "the refused stream's next packets pass silently");
        assert!(v.feed(&packet(11, flood)).is_err(), "another new stream is refused too");
        // A minute after the first start, there is room again.
        assert_eq!(v.feed(&packet(12, t0 + Duration::from_secs(60))), Ok(()));
    }

    #[test]
    fn short_or_non_rtp_payloads_are_refused_with_a_reason() {
        assert!(split(&[0; 19]).unwrap_err().contains("shorter"));
        let mut p = encode_rtp(SystemTime::UNIX_EPOCH, &[0x40; 12]);
        assert!(split(&p).unwrap_err().contains("version 2"));
        p[8] = 0x80;
        assert!(split(&p).is_ok());
    }
}
