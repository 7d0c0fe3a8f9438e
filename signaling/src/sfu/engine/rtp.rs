//! The RTP header as the media loop reads it (RFC 3550 §5.1): where the payload starts.

/// Where an RTP packet's payload starts (after CSRCs and the header extension), if it is whole.
pub(super) fn payload_offset(rtp: &[u8]) -> Option<usize> {
    if rtp.len() < 12 {
        return None;
    }
    let csrc = (rtp[0] & 0x0f) as usize;
    let mut at = 12 + 4 * csrc;
    if rtp[0] & 0x10 != 0 {
        let ext = rtp.get(at + 2..at + 4)?;
        at += 4 + 4 * u16::from_be_bytes([ext[0], ext[1]]) as usize;
    }
    (at <= rtp.len()).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_starts_after_csrcs_and_the_header_extension() {
        let mut p = vec![0x80u8, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2];
        assert_eq!(payload_offset(&p), Some(12));
        p[0] = 0x91; // one CSRC and an extension
        p.extend_from_slice(&[0, 0, 0, 3]); // CSRC
        p.extend_from_slice(&[0xbe, 0xde, 0, 1, 0x10, 0xff, 0, 0]); // one-word extension
        assert_eq!(payload_offset(&p), Some(24));
        p.truncate(20);
        assert_eq!(payload_offset(&p), None);
    }
}
