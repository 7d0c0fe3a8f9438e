//! Reordering and timestamping of one RTP stream, driven by arrival times only.
//!
//! This replaces rtpjitterbuffer: the jitterbuffer's lost-packet timers run on the
//! pipeline clock, so a pipeline fed faster than real time (replays, tests, the
//! bench) could not drain at EOS. Here "late" is measured on the arrival clock the
//! tap reports, which makes recording deterministic and testable.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

/// A packet released in sequence order, with its media timestamp.
#[derive(Debug)]
pub(crate) struct Released {
    pub data: Vec<u8>,
    /// Media time since the file's first packet.
    pub pts: Duration,
}

struct Held {
    data: Vec<u8>,
    arrival: SystemTime,
    timestamp: u32,
}

/// Holds out-of-order packets up to `latency` (arrival time) and turns RTP
/// timestamps into a media timeline anchored at the first packet's arrival.
pub(crate) struct Reorder {
    latency: Duration,
    clock_rate: u64,
    first_arrival: SystemTime,
    held: BTreeMap<u64, Held>,
    /// Extended sequence number expected next; None before the first packet.
    next: Option<u64>,
    highest: Option<u64>,
    /// (extended RTP timestamp, media time) pair the timeline counts from.
    anchor: Option<(i64, Duration)>,
    last_ts: Option<(u32, i64)>,
    last_pts: Duration,
    pub late_dropped: u64,
}

/// Above this disagreement between the RTP clock and the arrival clock the timeline
/// is re-anchored (sender restart, timestamp jump); below it the RTP clock wins,
/// because it is free of network jitter.
const RESYNC: Duration = Duration::from_secs(1);
/// Packets held at most, whatever their arrival times (bounded memory).
const MAX_HELD: usize = 1024;

impl Reorder {
    pub fn new(latency: Duration, clock_rate: u32, first_arrival: SystemTime) -> Self {
        Reorder {
            latency,
            clock_rate: u64::from(clock_rate.max(1)),
            first_arrival,
            held: BTreeMap::new(),
            next: None,
            highest: None,
            anchor: None,
            last_ts: None,
            last_pts: Duration::ZERO,
            late_dropped: 0,
        }
    }

    fn extend_seq(&mut self, seq: u16) -> u64 {
        let Some(high) = self.highest else {
            // Start one cycle up so a first packet followed by older ones cannot underflow.
            let ext = 0x1_0000 + u64::from(seq);
            self.highest = Some(ext);
            return ext;
        };
        let mut ext = (high & !0xffff) | u64::from(seq);
        if ext + 0x8000 < high {
            ext += 0x1_0000;
        } else if ext > high + 0x8000 && ext >= 0x1_0000 {
            ext -= 0x1_0000;
        }
        if ext > high {
            self.highest = Some(ext);
        }
        ext
    }

    /// Adds a packet; returns the packets that are now due, in sequence order.
    pub fn push(&mut self, seq: u16, timestamp: u32, data: Vec<u8>, arrival: SystemTime) -> Vec<Released> {
        let ext = self.extend_seq(seq);
        if self.next.is_some_and(|n| ext < n) || self.held.contains_key(&ext) {
            self.late_dropped += 1;
            return Vec::new();
        }
        self.held.insert(ext, Held { data, arrival, timestamp });
        let mut out = Vec::new();
        while let Some((&k, h)) = self.held.first_key_value() {
            let in_order = self.next.is_none_or(|n| k == n);
            let waited_enough = arrival.duration_since(h.arrival).unwrap_or_default() >= self.latency;
            if !(in_order || waited_enough || self.held.len() > MAX_HELD) {
                break;
            }
            if let Some(h) = self.held.remove(&k) {
                self.next = Some(k + 1);
                out.push(self.stamp(h));
            }
        }
        out
    }

    /// Everything still held, in order (end of stream: nothing more will come).
    pub fn flush(&mut self) -> Vec<Released> {
        let held = std::mem::take(&mut self.held);
        held.into_values().map(|h| self.stamp(h)).collect()
    }

    fn stamp(&mut self, h: Held) -> Released {
        let since_first = h.arrival.duration_since(self.first_arrival).unwrap_or_default();
        let ext_ts = match self.last_ts {
            None => i64::from(h.timestamp),
            Some((last, last_ext)) => last_ext + i64::from(h.timestamp.wrapping_sub(last) as i32),
        };
        self.last_ts = Some((h.timestamp, ext_ts));
        let (a_ts, a_pts) = *self.anchor.get_or_insert((ext_ts, since_first));
        let ticks = ext_ts - a_ts;
        let from_rtp = if ticks >= 0 {
            a_pts + Duration::from_nanos((ticks as u64).saturating_mul(1_000_000_000) / self.clock_rate)
        } else {
            a_pts.saturating_sub(Duration::from_nanos(
                ticks.unsigned_abs().saturating_mul(1_000_000_000) / self.clock_rate,
            ))
        };
        let diff = from_rtp.abs_diff(since_first);
        let pts = if diff > RESYNC {
            self.anchor = Some((ext_ts, since_first));
            since_first
        } else {
            from_rtp
        };
        // Never go back in time within a file (muxers reject it).
        let pts = pts.max(self.last_pts);
        self.last_pts = pts;
        Released { data: h.data, pts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_millis(1_000_000 + ms)
    }

    fn seqs(r: &[Released]) -> Vec<u8> {
        r.iter().map(|p| p.data[0]).collect()
    }

    #[test]
    fn reordered_packets_come_out_in_sequence_and_a_loss_is_skipped_after_the_latency() {
        let mut r = Reorder::new(Duration::from_millis(200), 90_000, at(0));
        assert_eq!(seqs(&r.push(65_534, 0, vec![0], at(0))), vec![0]);
        assert!(r.push(0, 6_000, vec![2], at(10)).is_empty()); // 65535 missing
        assert_eq!(seqs(&r.push(65_535, 3_000, vec![1], at(20))), vec![1, 2]);
        assert!(r.push(2, 12_000, vec![4], at(30)).is_empty()); // 1 lost for good
        assert_eq!(seqs(&r.push(3, 15_000, vec![5], at(240))), vec![4, 5]);
        assert!(r.push(1, 9_000, vec![3], at(250)).is_empty(), "too late");
        assert_eq!(r.late_dropped, 1);
        let p = r.push(4, 18_000, vec![6], at(260));
        assert_eq!(p[0].pts, Duration::from_millis(200)); // RTP clock, not arrival
    }

    #[test]
    fn the_timeline_follows_rtp_time_across_wraparound_and_resyncs_on_a_jump() {
        let mut r = Reorder::new(Duration::from_millis(200), 48_000, at(0));
        let t0 = u32::MAX - 479; // wraps after 10 ms
        r.push(1, t0, vec![0], at(0));
        let p = r.push(2, t0.wrapping_add(960), vec![1], at(25));
        assert_eq!(p[0].pts, Duration::from_millis(20));
        // Sender restarted its timestamps: 5 s of arrival time, RTP says 0.04 s.
        let p = r.push(3, 1_000, vec![2], at(5_000));
        assert_eq!(p[0].pts, Duration::from_millis(5_000));
        assert!(r.flush().is_empty());
    }
}
