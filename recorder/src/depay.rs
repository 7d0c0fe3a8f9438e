//! RTP packets → codec frames for the live writer, without GStreamer: an Opus packet is
//! one frame as it is (RFC 7587); a VP8 frame is reassembled from its packets (RFC 7741).
//!
//! Packets arrive here in sequence order from [`crate::reorder`], with the packets it gave
//! up on missing. A VP8 frame that lost a packet is dropped whole (a decoder would choke on
//! it); later frames are kept, as rtpvp8depay does by default. Deltas before the first
//! keyframe are dropped: nothing could decode them.

use std::time::Duration;

use crate::config::Medium;
use crate::rtp::RtpHeader;

/// One encoded frame, ready for the container.
#[derive(Debug)]
pub(crate) struct Frame {
    pub data: Vec<u8>,
    pub pts: Duration,
    pub keyframe: bool,
}

pub(crate) enum Depay {
    Opus,
    Vp8(Vp8Frames),
}

impl Depay {
    pub fn new(medium: Medium) -> Depay {
        match medium {
            Medium::Audio => Depay::Opus,
            Medium::Video => Depay::Vp8(Vp8Frames::default()),
        }
    }

    /// Feeds one packet (`h` parsed from `pkt`); returns a frame when one is complete.
    pub fn push(&mut self, pkt: &[u8], h: &RtpHeader, pts: Duration) -> Option<Frame> {
        let payload = pkt.get(h.payload_start..h.payload_end)?;
        match self {
            Depay::Opus => (!payload.is_empty()).then(|| Frame { data: payload.to_vec(), pts, keyframe: true }),
            Depay::Vp8(v) => v.push(payload, h, pts),
        }
    }
}

/// Reassembly state of one VP8 stream.
#[derive(Default)]
pub(crate) struct Vp8Frames {
    frame: Vec<u8>,
    timestamp: u32,
    pts: Duration,
    /// A frame has begun and its last packet (marker bit) has not come yet.
    assembling: bool,
    /// The frame being assembled lost a packet; it is dropped at its marker.
    broken: bool,
    next_seq: Option<u16>,
    keyframe_seen: bool,
}

impl Vp8Frames {
    fn push(&mut self, payload: &[u8], h: &RtpHeader, pts: Duration) -> Option<Frame> {
        let gap = self.next_seq.is_some_and(|n| n != h.sequence);
        self.next_seq = Some(h.sequence.wrapping_add(1));
        if payload.is_empty() {
            // A bandwidth probe between frames: it only keeps the sequence whole.
            self.broken |= gap;
            return None;
        }
        let Some((start, skip)) = descriptor(payload) else {
            self.broken = true;
            return None;
        };
        if start {
            // A frame still open here lost its last packet; the new one replaces it.
            self.frame.clear();
            self.assembling = true;
            self.broken = false;
            self.timestamp = h.timestamp;
            self.pts = pts;
        } else if gap || !self.assembling || h.timestamp != self.timestamp {
            self.broken = true;
        }
        if !self.broken {
            self.frame.extend_from_slice(&payload[skip..]);
        }
        if !h.marker {
            return None;
        }
        let complete = self.assembling && !self.broken && !self.frame.is_empty();
        self.assembling = false;
        if !complete {
            return None;
        }
        // The frame tag's P bit (RFC 6386 §9.1): 0 is a keyframe.
        let keyframe = self.frame[0] & 1 == 0;
        if !keyframe && !self.keyframe_seen {
            self.frame.clear();
            return None;
        }
        self.keyframe_seen |= keyframe;
        Some(Frame { data: std::mem::take(&mut self.frame), pts: self.pts, keyframe })
    }
}

/// The VP8 payload descriptor (RFC 7741 §4.2): whether the packet starts a frame (S set,
/// partition 0) and how many bytes the descriptor takes. None when it is truncated.
fn descriptor(p: &[u8]) -> Option<(bool, usize)> {
    let b0 = *p.first()?;
    let start = b0 & 0x10 != 0 && b0 & 0x07 == 0;
    let mut len = 1;
    if b0 & 0x80 != 0 {
        let x = *p.get(len)?;
        len += 1;
        if x & 0x80 != 0 {
            // Picture ID: 15 bits when its first bit (M) is set, else 7.
            len += if *p.get(len)? & 0x80 != 0 { 2 } else { 1 };
        }
        if x & 0x40 != 0 {
            len += 1; // TL0PICIDX
        }
        if x & 0x30 != 0 {
            len += 1; // TID / Y / KEYIDX
        }
    }
    (len < p.len()).then_some((start, len))
}

/// Width and height of a VP8 keyframe (RFC 6386 §9.1), None for anything else.
pub(crate) fn vp8_dimensions(frame: &[u8]) -> Option<(u16, u16)> {
    if frame.len() < 10 || frame[0] & 1 != 0 || frame[3..6] != [0x9d, 0x01, 0x2a] {
        return None;
    }
    let w = u16::from_le_bytes([frame[6], frame[7]]) & 0x3fff;
    let h = u16::from_le_bytes([frame[8], frame[9]]) & 0x3fff;
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A VP8 RTP packet: extended descriptor with a 15-bit picture id, then `vp8` bytes; without
    /// `vp8` bytes a header alone (a padding-only probe as the tap passes it on).
    fn pkt(seq: u16, ts: u32, start: bool, marker: bool, vp8: &[u8]) -> (Vec<u8>, RtpHeader) {
        let mut p = vec![0x80, 96 | if marker { 0x80 } else { 0 }];
        p.extend_from_slice(&seq.to_be_bytes());
        p.extend_from_slice(&ts.to_be_bytes());
        p.extend_from_slice(&[1, 2, 3, 4]);
        if !vp8.is_empty() {
            p.extend_from_slice(&[0x80 | if start { 0x10 } else { 0 }, 0x80, 0x80 | 0x12, 0x34]);
            p.extend_from_slice(vp8);
        }
        let h = crate::rtp::parse(&p).expect("valid");
        (p, h)
    }

    const KEY: [u8; 10] = [0x50, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00];

    fn feed(d: &mut Depay, pkts: &[(u16, u32, bool, bool, &[u8])]) -> Vec<Frame> {
        pkts.iter()
            .filter_map(|&(seq, ts, s, m, b)| {
                let (p, h) = pkt(seq, ts, s, m, b);
                d.push(&p, &h, Duration::from_millis(u64::from(ts) / 90))
            })
            .collect()
    }

    #[test]
    fn a_frame_spread_over_packets_is_joined_without_its_descriptors() {
        let mut d = Depay::new(Medium::Video);
        let frames = feed(&mut d, &[(65_535, 900, true, false, &KEY[..6]), (0, 900, false, true, &KEY[6..])]);
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].data, KEY);
        assert!(frames[0].keyframe);
        assert_eq!(frames[0].pts, Duration::from_millis(10));
        assert_eq!(vp8_dimensions(&frames[0].data), Some((320, 240)));
    }

    #[test]
    fn deltas_before_the_first_keyframe_and_a_frame_missing_a_packet_are_dropped_and_probes_are_no_loss() {
        let mut d = Depay::new(Medium::Video);
        let delta: &[u8] = &[0x51, 0, 0, 7];
        let frames = feed(
            &mut d,
            &[
                (1, 0, true, true, delta),      // before any keyframe
                (2, 3000, true, false, &KEY),   // keyframe, part 1
                (4, 3000, false, true, &[9]),   // part 2 of 3 lost
                (5, 6000, true, true, &KEY),    // whole keyframe
                (6, 6000, false, false, &[]),   // a padding-only probe between frames
                (7, 9000, true, false, delta),  // delta whose last packet is lost ...
                (9, 12000, true, true, delta),  // ... and the next one is whole
                (10, 15000, true, false, delta),
                (12, 15000, false, false, &[]), // a probe after a loss inside a frame ...
                (13, 15000, false, true, &[5]), // ... does not hide the loss
            ],
        );
        let pts: Vec<_> = frames.iter().map(|f| (f.pts.as_millis(), f.keyframe)).collect();
        assert_eq!(pts, vec![(66, true), (133, false)]);
    }

    #[test]
    fn opus_packets_are_frames_and_a_truncated_descriptor_drops_only_its_frame() {
        let mut a = Depay::new(Medium::Audio);
        let (p, h) = pkt(1, 960, true, true, &[0xfc, 1, 2]);
        let f = a.push(&p, &h, Duration::from_millis(20)).expect("frame");
        assert_eq!(f.data[4..], [0xfc, 1, 2]); // the whole payload: Opus has no descriptor
        let mut probe = p[..12].to_vec();
        probe[3] = 2;
        let h = crate::rtp::parse(&probe).expect("valid");
        assert!(a.push(&probe, &h, Duration::from_millis(20)).is_none(), "padding alone is no frame");
        assert_eq!(descriptor(&[0x90, 0x80]), None);
        assert_eq!(descriptor(&[0x10, 0x50]), Some((true, 1)));
        assert_eq!(descriptor(&[0x11, 0x50]), Some((false, 1)), "partition 1 does not start a frame");
    }
}
