//! Per-kind stream state of one peer connection: what it publishes (inbound) and what it
//! receives from us (outbound).

use super::super::keyframe::KeyframeWait;
use super::super::rewrite::StreamRewriter;
use super::reception::Reception;
use bytes::Bytes;
use domain::MediaKind;
use std::time::Instant;

pub(super) fn index(kind: MediaKind) -> usize {
    match kind {
        MediaKind::Audio => 0,
        MediaKind::Video => 1,
    }
}

pub(super) const KINDS: [MediaKind; 2] = [MediaKind::Audio, MediaKind::Video];

/// What the client publishes in one kind.
#[derive(Default)]
pub(super) struct Inbound {
    /// The negotiated payload type (the client sends with it); `None` = not negotiated.
    pub pt: Option<u8>,
    pub client_sends: bool,
    pub reception: Option<Reception>,
    /// The taps were told this connection started publishing the kind.
    pub started: bool,
}

/// Packets kept per outgoing video stream for retransmission: ≈ 4 s of 1 Mbit/s video.
const RING: usize = 512;

/// The last packets sent on a stream, already encrypted, by sequence number.
pub(super) struct Ring {
    slots: Vec<Option<(u16, Bytes)>>,
}

impl Ring {
    fn new() -> Ring {
        Ring { slots: vec![None; RING] }
    }

    pub(super) fn put(&mut self, seq: u16, packet: Bytes) {
        self.slots[seq as usize % RING] = Some((seq, packet));
    }

    pub(super) fn get(&self, seq: u16) -> Option<&Bytes> {
        match &self.slots[seq as usize % RING] {
            Some((s, p)) if *s == seq => Some(p),
            _ => None,
        }
    }
}

/// What we send the client in one kind: the other party's media, rewritten onto our SSRC.
pub(super) struct Outbound {
    pub ssrc: u32,
    pub pt: Option<u8>,
    pub client_receives: bool,
    pub rewriter: StreamRewriter,
    pub packets: u32,
    pub octets: u32,
    /// Video only.
    pub ring: Option<Ring>,
    /// Video only: waiting for a keyframe to give the client a decodable picture.
    pub keyframe: Option<KeyframeWait>,
    /// When a keyframe request on behalf of this stream last went to the publisher.
    pub last_pli: Option<Instant>,
}

impl Outbound {
    pub(super) fn new(kind: MediaKind, ssrc: u32) -> Outbound {
        Outbound {
            ssrc,
            pt: None,
            client_receives: false,
            rewriter: StreamRewriter::default(),
            packets: 0,
            octets: 0,
            ring: (kind == MediaKind::Video).then(Ring::new),
            keyframe: None,
            last_pli: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_returns_only_the_sequence_number_it_holds() {
        let mut r = Ring::new();
        r.put(10, Bytes::from_static(b"ten"));
        assert_eq!(r.get(10).map(|b| &b[..]), Some(&b"ten"[..]));
        assert!(r.get(11).is_none());
        r.put(10 + RING as u16, Bytes::from_static(b"later"));
        assert!(r.get(10).is_none(), "overwritten by a packet one ring later");
    }
}
