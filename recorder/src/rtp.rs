//! Minimal RTP header parsing (RFC 3550): just enough to validate a packet from the
//! tap before it costs a copy, to learn the payload type, SSRC and timestamp the
//! manifest needs, and where the payload is for the depayloader.

/// The fields of a validated RTP packet the recorder uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RtpHeader {
    pub payload_type: u8,
    pub sequence: u16,
    pub timestamp: u32,
    pub ssrc: u32,
    /// Marker bit: for VP8 the last packet of a frame.
    pub marker: bool,
    /// The payload is `pkt[payload_start..payload_end]` (after CSRCs and the header
    /// extension, before padding).
    pub payload_start: usize,
    pub payload_end: usize,
}

/// Why a packet was refused; only counted, never surfaced per packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Malformed {
    TooShort,
    Version,
    /// Payload type outside the dynamic range 96..=127 (VP8 and Opus are always dynamic),
    /// which also catches RTCP sent on a muxed port (PT 72..=76 after masking).
    PayloadType,
}

pub(crate) fn parse(pkt: &[u8]) -> Result<RtpHeader, Malformed> {
    if pkt.len() < 12 {
        return Err(Malformed::TooShort);
    }
    if pkt[0] >> 6 != 2 {
        return Err(Malformed::Version);
    }
    let padding = pkt[0] & 0x20 != 0;
    let extension = pkt[0] & 0x10 != 0;
    let csrc_count = usize::from(pkt[0] & 0x0f);
    let payload_type = pkt[1] & 0x7f;
    if !(96..=127).contains(&payload_type) {
        return Err(Malformed::PayloadType);
    }
    let mut header_len = 12 + 4 * csrc_count;
    if extension {
        if pkt.len() < header_len + 4 {
            return Err(Malformed::TooShort);
        }
        let words = usize::from(u16::from_be_bytes([pkt[header_len + 2], pkt[header_len + 3]]));
        header_len += 4 + 4 * words;
    }
    let pad_len = if padding {
        usize::from(*pkt.last().unwrap_or(&0))
    } else {
        0
    };
    if pkt.len() < header_len + pad_len {
        return Err(Malformed::TooShort);
    }
    // An empty payload is valid: a sender probing for bandwidth sends packets of padding
    // alone, and the SFU's tap passes them on without it. They carry no media but take a
    // sequence number, so they must reach the reorder buffer, or each would look like a loss.
    Ok(RtpHeader {
        payload_type,
        sequence: u16::from_be_bytes([pkt[2], pkt[3]]),
        timestamp: u32::from_be_bytes([pkt[4], pkt[5], pkt[6], pkt[7]]),
        ssrc: u32::from_be_bytes([pkt[8], pkt[9], pkt[10], pkt[11]]),
        marker: pkt[1] & 0x80 != 0,
        payload_start: header_len,
        payload_end: pkt.len() - pad_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkt(pt: u8, payload: &[u8]) -> Vec<u8> {
        let mut p = vec![0x80, pt, 0, 7, 0, 0, 1, 0, 0xde, 0xad, 0xbe, 0xef];
        p.extend_from_slice(payload);
        p
    }

    #[test]
    fn a_valid_packet_yields_its_header_fields() {
        let h = parse(&pkt(96, &[1, 2, 3])).expect("valid");
        assert_eq!(h.payload_type, 96);
        assert_eq!(h.sequence, 7);
        assert_eq!(h.timestamp, 256);
        assert_eq!(h.ssrc, 0xdead_beef);
        assert!(!h.marker);
        assert_eq!((h.payload_start, h.payload_end), (12, 15));
    }

    #[test]
    fn truncated_wrong_version_and_static_pt_packets_are_refused_and_an_empty_payload_is_not() {
        assert_eq!(parse(&[0x80, 96, 0]), Err(Malformed::TooShort));
        let mut v1 = pkt(96, &[1]);
        v1[0] = 0x40;
        assert_eq!(parse(&v1), Err(Malformed::Version));
        assert_eq!(parse(&pkt(0, &[1])), Err(Malformed::PayloadType));
        assert_eq!(parse(&pkt(200 & 0x7f, &[1])), Err(Malformed::PayloadType));
        let probe = parse(&pkt(111, &[])).expect("a padding-only packet, its padding removed");
        assert_eq!(probe.payload_start, probe.payload_end);
        let mut ext = pkt(111, &[]);
        ext[0] |= 0x10; // extension flag without the extension header
        assert_eq!(parse(&ext), Err(Malformed::TooShort));
        let mut pad = pkt(111, &[9, 9, 200]);
        pad[0] |= 0x20; // padding longer than the packet
        assert_eq!(parse(&pad), Err(Malformed::TooShort));
    }
}
