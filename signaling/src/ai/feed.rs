//! Feeds the customer's video to the sidecar: a media tap that decodes VP8 to a few frames
//! per second (GStreamer, via the recorder crate) and sends them over the session's link.

use super::{AiHub, Input};
use crate::calls::TapFactory;
use crate::sfu::{MediaKind, MediaTap, TapPacket};
use domain::Party;
use recorder::decode::FrameDecoder;
use std::sync::{Arc, Mutex};

pub struct AiTaps {
    pub hub: AiHub,
    pub fps: u32,
}

impl TapFactory for AiTaps {
    fn tap_for(&self, session_id: &str) -> Option<Arc<dyn MediaTap>> {
        self.hub.enabled().then(|| {
            Arc::new(VideoFeed { hub: self.hub.clone(), session_id: session_id.to_owned(), fps: self.fps, decoder: Mutex::new(None) })
                as Arc<dyn MediaTap>
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

    fn rtp(&self, packets: &[TapPacket]) {
        let decoder = self.decoder.lock().unwrap_or_else(|e| e.into_inner());
        let Some(d) = decoder.as_ref() else { return };
        for p in packets.iter().filter(|p| p.publisher == Party::Customer && p.kind == MediaKind::Video) {
            d.push_rtp(&p.packet);
        }
    }
}
