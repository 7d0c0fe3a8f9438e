//! The little of VP8's RTP payload format (RFC 7741) an SFU needs: is this the first packet of a
//! keyframe?

/// Whether an RTP payload (after the RTP header) starts a VP8 keyframe.
pub(super) fn starts_keyframe(payload: &[u8]) -> bool {
    let Some(&first) = payload.first() else { return false };
    let extended = first & 0x80 != 0;
    let start_of_partition = first & 0x10 != 0;
    let partition_id = first & 0x07;
    if !start_of_partition || partition_id != 0 {
        return false;
    }
    let mut at = 1;
    if extended {
        let Some(&x) = payload.get(1) else { return false };
        at = 2;
        if x & 0x80 != 0 {
            // PictureID: 7 or 15 bits.
            let Some(&pid) = payload.get(at) else { return false };
            at += if pid & 0x80 != 0 { 2 } else { 1 };
        }
        if x & 0x40 != 0 {
            at += 1; // TL0PICIDX
        }
        if x & 0x30 != 0 {
            at += 1; // TID/Y/KEYIDX
        }
    }
    // The VP8 payload header: bit 0 of its first byte is the inverse keyframe flag.
    payload.get(at).is_some_and(|b| b & 0x01 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyframe_start_is_recognised_with_and_without_extensions() {
        // S=1, PID=0, then a payload header with P=0 (keyframe).
        assert!(starts_keyframe(&[0x10, 0x50]));
        // X=1 with a 15-bit picture id.
        assert!(starts_keyframe(&[0x90, 0x80, 0x81, 0x23, 0x50]));
        // X=1 with picture id (7 bits), TL0PICIDX and TID.
        assert!(starts_keyframe(&[0x90, 0xe0, 0x05, 0x07, 0x20, 0x50]));
    }

    #[test]
    fn delta_frames_and_continuation_packets_are_not_keyframe_starts() {
        assert!(!starts_keyframe(&[0x10, 0x51])); // P=1: interframe
        assert!(!starts_keyframe(&[0x00, 0x50])); // not the start of a partition
        assert!(!starts_keyframe(&[0x11, 0x50])); // partition 1
        assert!(!starts_keyframe(&[0x90])); // truncated
        assert!(!starts_keyframe(&[]));
    }
}
