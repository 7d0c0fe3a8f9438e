//! The RTCP the loop reads (from a peer as subscriber: keyframe requests, NACKs, REMB; as
//! publisher: sender reports) and writes (receiver reports, REMB, translated sender reports,
//! relayed keyframe requests and NACKs).

use rtc::rtcp::packet::Packet;
use rtc::rtcp::payload_feedbacks::full_intra_request::FullIntraRequest;
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
use rtc::rtcp::receiver_report::ReceiverReport;
use rtc::rtcp::reception_report::ReceptionReport;
use rtc::rtcp::sender_report::SenderReport;
use rtc::rtcp::transport_feedbacks::transport_layer_nack::{nack_pairs_from_sequence_numbers, TransportLayerNack};

/// Whether an RTP-range datagram (first byte 128–191) is RTCP (RFC 5761 §4: packet types
/// 192–223 sit where RTP has marker + payload type).
pub(super) fn is_rtcp(data: &[u8]) -> bool {
    data.get(1).is_some_and(|pt| (192..=223).contains(pt))
}

/// What one peer's RTCP said, sorted out.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Feedback {
    /// (SSRC, NTP time, RTP time) of each sender report.
    pub sender_reports: Vec<(u32, u64, u32)>,
    /// Media SSRCs a keyframe was asked for (PLI or FIR).
    pub keyframe_for: Vec<u32>,
    /// (media SSRC, lost sequence numbers).
    pub nacks: Vec<(u32, Vec<u16>)>,
    /// The receiver's bandwidth estimate, bits per second.
    pub remb: Option<u64>,
}

pub(super) fn read(packets: &[Box<dyn Packet>]) -> Feedback {
    let mut f = Feedback::default();
    for p in packets {
        let any = p.as_any();
        if let Some(sr) = any.downcast_ref::<SenderReport>() {
            f.sender_reports.push((sr.ssrc, sr.ntp_time, sr.rtp_time));
        } else if let Some(pli) = any.downcast_ref::<PictureLossIndication>() {
            f.keyframe_for.push(pli.media_ssrc);
        } else if let Some(fir) = any.downcast_ref::<FullIntraRequest>() {
            f.keyframe_for.extend(fir.fir.iter().map(|e| e.ssrc));
        } else if let Some(nack) = any.downcast_ref::<TransportLayerNack>() {
            let seqs: Vec<u16> = nack.nacks.iter().flat_map(|p| p.into_iter()).collect();
            f.nacks.push((nack.media_ssrc, seqs));
        } else if let Some(remb) = any.downcast_ref::<ReceiverEstimatedMaximumBitrate>() {
            if remb.bitrate.is_finite() && remb.bitrate > 0.0 {
                f.remb = Some(remb.bitrate as u64);
            }
        }
    }
    f
}

pub(super) fn pli(sender_ssrc: u32, media_ssrc: u32) -> Box<dyn Packet> {
    Box::new(PictureLossIndication { sender_ssrc, media_ssrc })
}

pub(super) fn nack(sender_ssrc: u32, media_ssrc: u32, seqs: &[u16]) -> Box<dyn Packet> {
    Box::new(TransportLayerNack { sender_ssrc, media_ssrc, nacks: nack_pairs_from_sequence_numbers(seqs) })
}

pub(super) fn receiver_report(ssrc: u32, reports: Vec<ReceptionReport>) -> Box<dyn Packet> {
    Box::new(ReceiverReport { ssrc, reports, ..Default::default() })
}

pub(super) fn remb(sender_ssrc: u32, bitrate: u64, ssrcs: Vec<u32>) -> Box<dyn Packet> {
    Box::new(ReceiverEstimatedMaximumBitrate { sender_ssrc, bitrate: bitrate as f32, ssrcs })
}

pub(super) fn sender_report(ssrc: u32, ntp_time: u64, rtp_time: u32, packet_count: u32, octet_count: u32) -> Box<dyn Packet> {
    Box::new(SenderReport { ssrc, ntp_time, rtp_time, packet_count, octet_count, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_we_write_reads_back_as_the_same_feedback() {
        let packets = vec![
            sender_report(5, 0x1111_2222_3333_4444, 90_000, 10, 1000),
            pli(1, 7),
            nack(1, 7, &[100, 101, 117, 400]),
            remb(1, 1_500_000, vec![7]),
        ];
        let wire = rtc::rtcp::packet::marshal(&packets).expect("marshal");
        let back = rtc::rtcp::packet::unmarshal(&mut &wire[..]).expect("unmarshal");
        let f = read(&back);
        assert_eq!(f.sender_reports, vec![(5, 0x1111_2222_3333_4444, 90_000)]);
        assert_eq!(f.keyframe_for, vec![7]);
        assert_eq!(f.nacks, vec![(7, vec![100, 101, 117, 400])]);
        assert!(f.remb.is_some_and(|b| (1_490_000..=1_510_000).contains(&b)));
        assert!(is_rtcp(&wire));
        assert!(!is_rtcp(&[0x80, 96]));
    }
}
