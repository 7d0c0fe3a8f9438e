//! A streaming WebM (Matroska) writer for one track, laid out as a live muxer does it: the
//! EBML header, then a Segment and Clusters of unknown size, with each frame appended as a
//! SimpleBlock. A file cut after any write plays up to its last whole block; the offline
//! remux (`pipeline::remux`) adds duration and cues once the file is closed.
//!
//! Bytes collect in memory and leave in one write per flush: the recording thread writes
//! each file about ten times a second instead of once per frame.

use std::time::Duration;

/// What the file's single track carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Track {
    Vp8 { width: u16, height: u16 },
    Opus,
}

/// Timestamps count in milliseconds (TimestampScale 1,000,000 ns).
const TIMESTAMP_SCALE_NS: u64 = 1_000_000;
/// A block's time is an i16 offset from its cluster's; a new cluster starts well before.
const MAX_CLUSTER_MS: u64 = 30_000;
/// Audio has no keyframes to start clusters on; these bound the span a player must scan.
const AUDIO_CLUSTER_MS: u64 = 5_000;
const TRACK_NUMBER: u64 = 1;

pub(crate) struct Webm {
    track: Option<Track>,
    /// Start of the open cluster, ms.
    cluster: Option<u64>,
    /// Bytes not yet written to the file.
    buf: Vec<u8>,
}

impl Webm {
    pub fn new() -> Webm {
        Webm { track: None, cluster: None, buf: Vec::new() }
    }

    pub fn has_header(&self) -> bool {
        self.track.is_some()
    }

    /// Starts the file: EBML header, Segment, Info and Tracks. Called once, before the first block.
    pub fn header(&mut self, track: Track) {
        let mut ebml = Vec::new();
        uint(&mut ebml, 0x4286, 1); // EBMLVersion
        uint(&mut ebml, 0x42F7, 1); // EBMLReadVersion
        uint(&mut ebml, 0x42F2, 4); // EBMLMaxIDLength
        uint(&mut ebml, 0x42F3, 8); // EBMLMaxSizeLength
        string(&mut ebml, 0x4282, "webm"); // DocType
        uint(&mut ebml, 0x4287, 4); // DocTypeVersion
        uint(&mut ebml, 0x4285, 2); // DocTypeReadVersion
        master(&mut self.buf, 0x1A45_DFA3, &ebml);

        id(&mut self.buf, 0x1853_8067); // Segment, size unknown: it grows until the file ends
        self.buf.extend_from_slice(&UNKNOWN_SIZE);

        let mut info = Vec::new();
        uint(&mut info, 0x2AD7B1, TIMESTAMP_SCALE_NS);
        string(&mut info, 0x4D80, concat!("vkyc-recorder ", env!("CARGO_PKG_VERSION"))); // MuxingApp
        string(&mut info, 0x5741, concat!("vkyc-recorder ", env!("CARGO_PKG_VERSION"))); // WritingApp
        master(&mut self.buf, 0x1549_A966, &info);

        let mut entry = Vec::new();
        uint(&mut entry, 0xD7, TRACK_NUMBER);
        uint(&mut entry, 0x73C5, 1); // TrackUID
        uint(&mut entry, 0x9C, 0); // FlagLacing: one frame per block
        match track {
            Track::Vp8 { width, height } => {
                uint(&mut entry, 0x83, 1); // TrackType video
                string(&mut entry, 0x86, "V_VP8");
                let mut video = Vec::new();
                uint(&mut video, 0xB0, u64::from(width));
                uint(&mut video, 0xBA, u64::from(height));
                master(&mut entry, 0xE0, &video);
            }
            Track::Opus => {
                uint(&mut entry, 0x83, 2); // TrackType audio
                string(&mut entry, 0x86, "A_OPUS");
                // OpusHead (RFC 7845 §5.1): version 1, 2 channels (as WebRTC signals Opus),
                // no pre-skip (an RTP stream has none), 48 kHz, 0 dB, mapping family 0.
                let mut head = b"OpusHead".to_vec();
                head.extend_from_slice(&[1, 2, 0, 0]);
                head.extend_from_slice(&48_000u32.to_le_bytes());
                head.extend_from_slice(&[0, 0, 0]);
                bytes(&mut entry, 0x63A2, &head); // CodecPrivate
                let mut audio = Vec::new();
                float(&mut audio, 0xB5, 48_000.0); // SamplingFrequency
                uint(&mut audio, 0x9F, 2); // Channels
                master(&mut entry, 0xE1, &audio);
            }
        }
        let mut tracks = Vec::new();
        master(&mut tracks, 0xAE, &entry);
        master(&mut self.buf, 0x1654_AE6B, &tracks);
        self.track = Some(track);
    }

    /// Appends one frame. `pts` never goes back (the reorder buffer sees to it).
    pub fn block(&mut self, pts: Duration, keyframe: bool, frame: &[u8]) {
        let ms = pts.as_millis() as u64;
        let video = matches!(self.track, Some(Track::Vp8 { .. }));
        let new_cluster = match self.cluster {
            None => true,
            Some(start) => {
                let age = ms.saturating_sub(start);
                ms < start
                    || age >= MAX_CLUSTER_MS
                    || (video && keyframe)
                    || (!video && age >= AUDIO_CLUSTER_MS)
            }
        };
        if new_cluster {
            id(&mut self.buf, 0x1F43_B675); // Cluster, size unknown: ends where the next begins
            self.buf.extend_from_slice(&UNKNOWN_SIZE);
            uint(&mut self.buf, 0xE7, ms); // Timestamp
            self.cluster = Some(ms);
        }
        let rel = ms - self.cluster.unwrap_or(ms);
        id(&mut self.buf, 0xA3); // SimpleBlock
        size(&mut self.buf, 4 + frame.len() as u64);
        self.buf.push(0x80 | TRACK_NUMBER as u8); // track number as a 1-byte vint
        self.buf.extend_from_slice(&(rel as i16).to_be_bytes());
        self.buf.push(if keyframe { 0x80 } else { 0 });
        self.buf.extend_from_slice(frame);
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }
}

const UNKNOWN_SIZE: [u8; 8] = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

/// An element id as written (ids keep their length marker bits).
fn id(out: &mut Vec<u8>, id: u32) {
    let b = id.to_be_bytes();
    let skip = b.iter().take_while(|&&x| x == 0).count();
    out.extend_from_slice(&b[skip..]);
}

/// A data size as the shortest EBML variable-length integer (all-ones is reserved).
fn size(out: &mut Vec<u8>, n: u64) {
    let len = (1..=8u32).find(|&l| n < (1u64 << (7 * l)) - 1).unwrap_or(8);
    let v = n | (1u64 << (7 * len));
    out.extend_from_slice(&v.to_be_bytes()[8 - len as usize..]);
}

fn bytes(out: &mut Vec<u8>, el: u32, data: &[u8]) {
    id(out, el);
    size(out, data.len() as u64);
    out.extend_from_slice(data);
}

fn master(out: &mut Vec<u8>, el: u32, body: &[u8]) {
    bytes(out, el, body);
}

fn uint(out: &mut Vec<u8>, el: u32, v: u64) {
    let b = v.to_be_bytes();
    let skip = b.iter().take_while(|&&x| x == 0).count().min(7);
    bytes(out, el, &b[skip..]);
}

fn string(out: &mut Vec<u8>, el: u32, s: &str) {
    bytes(out, el, s.as_bytes());
}

fn float(out: &mut Vec<u8>, el: u32, v: f64) {
    bytes(out, el, &v.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_the_shortest_vints_and_never_the_reserved_all_ones() {
        let enc = |n| {
            let mut v = Vec::new();
            size(&mut v, n);
            v
        };
        assert_eq!(enc(0), [0x80]);
        assert_eq!(enc(126), [0xFE]);
        assert_eq!(enc(127), [0x40, 0x7F], "0xFF would mean unknown size");
        assert_eq!(enc(1_000), [0x43, 0xE8]);
        let mut v = Vec::new();
        uint(&mut v, 0x2AD7B1, 1_000_000);
        assert_eq!(v, [0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40]);
    }

    #[test]
    fn video_clusters_start_at_keyframes_and_blocks_carry_their_offset() {
        let mut w = Webm::new();
        w.header(Track::Vp8 { width: 320, height: 240 });
        let head = w.take();
        assert_eq!(head[..4], [0x1A, 0x45, 0xDF, 0xA3]);
        w.block(Duration::from_millis(1_000), true, &[1, 2]);
        w.block(Duration::from_millis(1_033), false, &[3]);
        let body = w.take();
        let cluster = [0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        assert_eq!(body[..12], cluster);
        assert_eq!(body[12..16], [0xE7, 0x82, 0x03, 0xE8], "cluster timestamp 1000 ms");
        assert_eq!(body[16..24], [0xA3, 0x86, 0x81, 0, 0, 0x80, 1, 2]);
        assert_eq!(body[24..], [0xA3, 0x85, 0x81, 0, 33, 0, 3]);
        w.block(Duration::from_millis(2_000), true, &[4]);
        assert_eq!(w.take()[..4], cluster[..4], "a keyframe opens a cluster");
    }

    #[test]
    fn audio_clusters_end_after_five_seconds() {
        let mut w = Webm::new();
        w.header(Track::Opus);
        w.take();
        w.block(Duration::ZERO, true, &[1]);
        w.take();
        w.block(Duration::from_millis(4_980), true, &[1]);
        assert_eq!(w.take()[0], 0xA3);
        w.block(Duration::from_millis(5_000), true, &[1]);
        assert_eq!(w.take()[..4], [0x1F, 0x43, 0xB6, 0x75]);
    }
}
