//! Feeds the customer's video to the sidecar: a media tap that passes the customer's VP8 RTP
//! packets over the session's link as they arrived. The sidecar decodes them (PROTOCOL.md, kind 4):
//! decoding every frame here cost the server more CPU than forwarding the call did.

use super::{AiHub, Input, Link};
use crate::calls::TapFactory;
use crate::sfu::{MediaKind, MediaTap, TapPacket};
use domain::Party;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Keyframe requests for the decoder go to the customer at most this often (a sender asked
/// continuously would send nothing but keyframes).
const KEYFRAME_REQUEST_EVERY: Duration = Duration::from_secs(1);

pub struct AiTaps {
    pub hub: AiHub,
}

impl TapFactory for AiTaps {
    fn tap_for(&self, session_id: &str) -> Option<Arc<dyn MediaTap>> {
        self.hub.enabled().then(|| {
            Arc::new(VideoFeed {
                hub: self.hub.clone(),
                session_id: session_id.to_owned(),
                link: Mutex::new(None),
                keyframes: Mutex::new(KeyframeRequests::default()),
            }) as Arc<dyn MediaTap>
        })
    }

    fn call_ended(&self, session_id: &str) {
        self.hub.end(session_id);
    }
}

struct VideoFeed {
    hub: AiHub,
    session_id: String,
    /// Set when the customer's video starts (the link opens with the first video, not before).
    link: Mutex<Option<Link>>,
    keyframes: Mutex<KeyframeRequests>,
}

/// The decoder's keyframe wishes, rate-limited: one that comes too soon waits its turn.
#[derive(Default)]
struct KeyframeRequests {
    pending: bool,
    last_sent: Option<SystemTime>,
}

impl KeyframeRequests {
    /// Whether to ask the sender now, given whether the decoder asked since the last packet.
    fn due(&mut self, asked: bool, now: SystemTime) -> bool {
        self.pending |= asked;
        let rested = self.last_sent.is_none_or(|l| now.duration_since(l).unwrap_or_default() >= KEYFRAME_REQUEST_EVERY);
        if self.pending && rested {
            self.pending = false;
            self.last_sent = Some(now);
            return true;
        }
        false
    }
}

impl MediaTap for VideoFeed {
    fn publisher_started(&self, publisher: Party, kind: MediaKind) {
        if publisher != Party::Customer || kind != MediaKind::Video {
            return;
        }
        // A rejoin brings a new stream (new SSRC): the sidecar starts a fresh decoder for it.
        *self.link.lock().unwrap_or_else(|e| e.into_inner()) = self.hub.link(&self.session_id);
    }

    fn rtp(&self, packets: &[TapPacket]) {
        let link = self.link.lock().unwrap_or_else(|e| e.into_inner());
        let Some(link) = link.as_ref() else { return };
        let video: Vec<_> = packets
            .iter()
            .filter(|p| p.publisher == Party::Customer && p.kind == MediaKind::Video)
            .map(|p| (p.arrival, p.packet.clone()))
            .collect();
        if !video.is_empty() {
            link.send(Input::Video(video));
        }
    }

    fn wants_keyframe(&self, publisher: Party, arrival: SystemTime) -> bool {
        if publisher != Party::Customer {
            return false;
        }
        let asked = self.link.lock().unwrap_or_else(|e| e.into_inner()).as_ref().is_some_and(|l| l.take_keyframe_request());
        let due = self.keyframes.lock().unwrap_or_else(|e| e.into_inner()).due(asked, arrival);
        if due {
            tracing::debug!("the face-analysis decoder lost its reference; asking the customer for a keyframe");
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyframe_requests_are_sent_at_most_once_a_second_and_none_is_lost() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut k = KeyframeRequests::default();
        assert!(!k.due(false, at(0)));
        assert!(k.due(true, at(10)));
        assert!(!k.due(true, at(500)), "too soon");
        assert!(!k.due(false, at(900)));
        assert!(k.due(false, at(1_010)), "the waiting request goes out");
        assert!(!k.due(false, at(5_000)), "nothing asked");
    }
}
