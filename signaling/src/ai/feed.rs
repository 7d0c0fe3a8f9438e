//! Feeds the customer's video to the sidecar: a media tap that decodes VP8 to a few frames
//! per second (GStreamer, via the recorder crate) and sends them over the session's link.

use super::{AiHub, Input};
use crate::calls::TapFactory;
use crate::sfu::{MediaKind, MediaTap};
use domain::Party;
use recorder::decode::FrameDecoder;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Keyframe requests for the decoder go to the customer at most this often (a sender asked
/// continuously would send nothing but keyframes).
const KEYFRAME_REQUEST_EVERY: Duration = Duration::from_secs(1);

pub struct AiTaps {
    pub hub: AiHub,
    pub fps: u32,
}

impl TapFactory for AiTaps {
    fn tap_for(&self, session_id: &str) -> Option<Arc<dyn MediaTap>> {
        self.hub.enabled().then(|| {
            Arc::new(VideoFeed {
                hub: self.hub.clone(),
                session_id: session_id.to_owned(),
                fps: self.fps,
                decoder: Mutex::new(None),
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
    fps: u32,
    decoder: Mutex<Option<FrameDecoder>>,
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
        let Some(link) = self.hub.link(&self.session_id) else { return };
        // A rejoin brings a new stream (new SSRC, new timing): start a fresh decoder.
        let decoder = FrameDecoder::new(self.fps, move |f| {
            link.send(Input::Frame { width: f.width, height: f.height, ts_ms: f.pts_ms, i420: f.i420 });
        });
        match decoder {
            Ok(d) => *self.decoder.lock().unwrap_or_else(|e| e.into_inner()) = Some(d),
            Err(e) => tracing::error!(error = %e, "video decoder for face analysis failed to start"),
        }
    }

    fn rtp(&self, publisher: Party, kind: MediaKind, packet: &[u8], arrival: SystemTime) {
        if publisher == Party::Customer && kind == MediaKind::Video {
            if let Some(d) = self.decoder.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                d.push_rtp(packet, arrival);
            }
        }
    }

    fn wants_keyframe(&self, publisher: Party, arrival: SystemTime) -> bool {
        if publisher != Party::Customer {
            return false;
        }
        let asked = self.decoder.lock().unwrap_or_else(|e| e.into_inner()).as_ref().is_some_and(|d| d.take_keyframe_request());
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
