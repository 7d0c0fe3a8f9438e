//! Reception statistics of one inbound RTP stream, for the receiver reports the publisher's
//! congestion control and RTT estimate read (RFC 3550 §6.4.1, appendix A.3 and A.8).

use rtc::rtcp::reception_report::ReceptionReport;
use std::time::Instant;

#[derive(Debug)]
pub(super) struct Reception {
    pub ssrc: u32,
    clock_rate: u32,
    base_seq: u32,
    max_seq: u16,
    cycles: u32,
    received: u32,
    expected_prior: u32,
    received_prior: u32,
    /// Interarrival jitter in RTP units, ×16 (A.8's fixed-point form).
    jitter_q4: u32,
    last_transit: Option<i64>,
    /// The middle 32 bits of the last sender report's NTP time, and when it arrived.
    last_sr: Option<(u32, Instant)>,
}

impl Reception {
    pub(super) fn new(ssrc: u32, seq: u16, clock_rate: u32) -> Reception {
        Reception {
            ssrc,
            clock_rate,
            base_seq: seq as u32,
            max_seq: seq,
            cycles: 0,
            received: 0,
            expected_prior: 0,
            received_prior: 0,
            jitter_q4: 0,
            last_transit: None,
            last_sr: None,
        }
    }

    /// One packet arrived (the first is the one `new` was made from); `arrival` is the loop's
    /// clock, `origin` a fixed instant.
    pub(super) fn packet(&mut self, seq: u16, rtp_ts: u32, arrival: Instant, origin: Instant) {
        let delta = seq.wrapping_sub(self.max_seq);
        if delta != 0 && delta < 0x8000 {
            if seq < self.max_seq {
                self.cycles += 1 << 16;
            }
            self.max_seq = seq;
        }
        self.received = self.received.wrapping_add(1);
        let arrival_rtp = (arrival.saturating_duration_since(origin).as_micros() as u64 * self.clock_rate as u64 / 1_000_000) as i64;
        let transit = arrival_rtp - rtp_ts as i64;
        if let Some(last) = self.last_transit {
            let d = (transit - last).unsigned_abs().min(u32::MAX as u64) as u32;
            // J += (|D| - J) / 16, kept ×16.
            self.jitter_q4 = self.jitter_q4.wrapping_add(d).wrapping_sub((self.jitter_q4 + 8) >> 4);
        }
        self.last_transit = Some(transit);
    }

    pub(super) fn sender_report(&mut self, ntp_time: u64, at: Instant) {
        self.last_sr = Some(((ntp_time >> 16) as u32, at));
    }

    /// The report block for now; starts the next interval.
    pub(super) fn report(&mut self, now: Instant) -> ReceptionReport {
        let extended_max = self.cycles | self.max_seq as u32;
        let expected = extended_max.wrapping_sub(self.base_seq).wrapping_add(1);
        let lost_total = expected as i64 - self.received as i64;
        let expected_interval = expected.wrapping_sub(self.expected_prior);
        let received_interval = self.received.wrapping_sub(self.received_prior);
        self.expected_prior = expected;
        self.received_prior = self.received;
        let lost_interval = expected_interval as i64 - received_interval as i64;
        let fraction_lost = if expected_interval == 0 || lost_interval <= 0 {
            0
        } else {
            ((lost_interval << 8) / expected_interval as i64).min(255) as u8
        };
        let (last_sender_report, delay) = match self.last_sr {
            Some((lsr, at)) => (lsr, (now.saturating_duration_since(at).as_micros() as u64 * 65_536 / 1_000_000) as u32),
            None => (0, 0),
        };
        ReceptionReport {
            ssrc: self.ssrc,
            fraction_lost,
            // 24-bit signed, clamped.
            total_lost: lost_total.clamp(-0x80_0000, 0x7f_ffff) as u32 & 0xff_ffff,
            last_sequence_number: extended_max,
            jitter: self.jitter_q4 >> 4,
            last_sender_report,
            delay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn loss_and_the_highest_sequence_are_counted_across_a_wrap() {
        let t0 = Instant::now();
        let mut r = Reception::new(7, 65_530, 90_000);
        for seq in [65_530u16, 65_531, 65_533, 65_535, 0, 1, 3] {
            r.packet(seq, 0, t0, t0);
        }
        let rep = r.report(t0);
        assert_eq!(rep.last_sequence_number, (1 << 16) | 3);
        // 65530..=65535 and 0..=3 is 10 expected, 7 received.
        assert_eq!(rep.total_lost, 3);
        assert_eq!(rep.fraction_lost, (3 * 256 / 10) as u8);
        // The next interval starts clean.
        r.packet(4, 0, t0, t0);
        assert_eq!(r.report(t0).fraction_lost, 0);
    }

    #[test]
    fn reordering_is_not_loss_and_the_report_echoes_the_last_sender_report() {
        let t0 = Instant::now();
        let mut r = Reception::new(7, 100, 48_000);
        for seq in [100u16, 102, 101, 103] {
            r.packet(seq, 0, t0, t0);
        }
        r.sender_report(0x1234_5678_9abc_def0, t0);
        let rep = r.report(t0 + Duration::from_millis(500));
        assert_eq!((rep.total_lost, rep.fraction_lost), (0, 0));
        assert_eq!(rep.last_sender_report, 0x5678_9abc);
        assert_eq!(rep.delay, 32_768);
    }

    #[test]
    fn steady_packets_on_their_clock_have_no_jitter_and_late_ones_do() {
        let t0 = Instant::now();
        let mut r = Reception::new(7, 0, 90_000);
        for i in 0..10u16 {
            r.packet(i, i as u32 * 3000, t0 + Duration::from_micros(i as u64 * 1_000_000 / 30), t0);
        }
        assert!(r.report(t0).jitter <= 2);
        for i in 10..20u16 {
            let late = if i % 2 == 0 { 20 } else { 0 };
            r.packet(i, i as u32 * 3000, t0 + Duration::from_micros(i as u64 * 1_000_000 / 30 + late * 1000), t0);
        }
        assert!(r.report(t0).jitter > 100);
    }
}
