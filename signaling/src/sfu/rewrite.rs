//! Keeps one outgoing RTP stream continuous while its source changes.
//!
//! A subscriber's output track lives as long as the subscriber's peer connection, but the
//! publisher behind it may reconnect (new SSRC, new sequence numbers, new timestamps). Browsers
//! treat a jump of thousands of sequence numbers as massive loss, so every source change is
//! spliced onto the end of the previous one.

use std::time::Instant;

#[derive(Debug, Default)]
pub(super) struct StreamRewriter {
    source_ssrc: Option<u32>,
    seq_offset: u16,
    ts_offset: u32,
    last: Option<Last>,
}

#[derive(Debug, Clone, Copy)]
struct Last {
    seq: u16,
    ts: u32,
    at: Instant,
}

impl StreamRewriter {
    /// Maps an incoming (ssrc, seq, ts) onto the output stream. `clock_rate` converts the wall
    /// time between the old source's last packet and the new source's first into RTP time.
    pub(super) fn map(&mut self, ssrc: u32, seq: u16, ts: u32, clock_rate: u32, now: Instant) -> (u16, u32) {
        if self.source_ssrc != Some(ssrc) {
            self.source_ssrc = Some(ssrc);
            if let Some(last) = self.last {
                let gap_ms = now.saturating_duration_since(last.at).as_millis().max(1) as u64;
                let gap_ticks = (gap_ms * clock_rate as u64 / 1000) as u32;
                self.seq_offset = last.seq.wrapping_add(1).wrapping_sub(seq);
                self.ts_offset = last.ts.wrapping_add(gap_ticks).wrapping_sub(ts);
            }
        }
        let out = (seq.wrapping_add(self.seq_offset), ts.wrapping_add(self.ts_offset));
        let newer = match self.last {
            None => true,
            // Retransmissions and reordering must not move the splice point backwards.
            Some(l) => out.0.wrapping_sub(l.seq) < 0x8000,
        };
        if newer {
            self.last = Some(Last { seq: out.0, ts: out.1, at: now });
        }
        out
    }

    /// The current source's SSRC and sequence number behind an output sequence number (to
    /// relay a retransmission request upstream).
    pub(super) fn source_seq(&self, out_seq: u16) -> Option<(u32, u16)> {
        self.source_ssrc.map(|ssrc| (ssrc, out_seq.wrapping_sub(self.seq_offset)))
    }

    /// A source RTP timestamp on the output timeline, if `ssrc` is the current source (to
    /// translate its sender reports).
    pub(super) fn output_ts(&self, ssrc: u32, ts: u32) -> Option<u32> {
        (self.source_ssrc == Some(ssrc)).then(|| ts.wrapping_add(self.ts_offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_single_source_passes_through_unchanged() {
        let mut r = StreamRewriter::default();
        let t = Instant::now();
        assert_eq!(r.map(1, 100, 5000, 90_000, t), (100, 5000));
        assert_eq!(r.map(1, 101, 8000, 90_000, t), (101, 8000));
    }

    #[test]
    fn a_new_source_continues_the_sequence_after_the_old_one() {
        let mut r = StreamRewriter::default();
        let t = Instant::now();
        r.map(1, 65_535, 1000, 90_000, t);
        let (seq, ts) = r.map(2, 42, 777, 90_000, t + Duration::from_secs(2));
        assert_eq!(seq, 0);
        assert_eq!(ts, 1000 + 180_000);
        assert_eq!(r.map(2, 43, 3777, 90_000, t).0, 1);
    }

    #[test]
    fn output_numbers_translate_back_to_the_current_source() {
        let mut r = StreamRewriter::default();
        let t = Instant::now();
        r.map(1, 100, 1000, 90_000, t);
        r.map(2, 7, 50, 90_000, t + Duration::from_millis(10));
        assert_eq!(r.source_seq(101), Some((2, 7)));
        assert_eq!(r.output_ts(2, 50), Some(1000 + 900));
        assert_eq!(r.output_ts(1, 50), None);
    }

    #[test]
    fn a_late_retransmission_does_not_move_the_splice_point() {
        let mut r = StreamRewriter::default();
        let t = Instant::now();
        r.map(1, 10, 0, 90_000, t);
        r.map(1, 12, 0, 90_000, t);
        r.map(1, 11, 0, 90_000, t);
        assert_eq!(r.map(2, 500, 0, 90_000, t).0, 13);
    }
}
