//! The SFU: one WebRTC peer connection per participant with the server, media forwarded
//! between the two parties of a session.
//!
//! This is the only module that imports the `webrtc`/`rtc` crates; everything outside speaks
//! SDP strings and [`Candidate`]s, so the media engine can be swapped (str0m) behind this API.
//!
//! - [`MediaRoom`]: the media side of one session. Owns, per role, the output tracks the role
//!   receives and the input tracks it publishes, and forwards packets between them.
//! - [`Peer`]: one participant's peer connection; the signaling task owns it.
//! - `rewrite`: keeps an output stream continuous across a publisher's reconnect.
//! - `rtcp_filter`: lets keyframe requests from subscribers reach the application.

mod peer;
mod rewrite;
mod room;
mod rtcp_filter;

pub use peer::{Peer, PeerEvent};
pub use domain::MediaKind;
pub use room::{MediaRoom, MediaTap};
use std::net::IpAddr;

/// How the server's media endpoints are bound and advertised.
#[derive(Debug, Clone)]
pub struct MediaConfig {
    /// Addresses the per-peer UDP sockets bind to. Explicit addresses, not a wildcard: the
    /// `webrtc` crate skips loopback when it expands a wildcard, and tests need 127.0.0.1.
    pub udp_ips: Vec<IpAddr>,
    /// Public addresses to advertise instead of the bound ones (1:1 NAT, e.g. a cloud VM).
    pub nat_1to1_ips: Vec<IpAddr>,
}

/// An ICE candidate as the browser's `RTCIceCandidate.toJSON()` writes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Candidate {
    pub candidate: String,
    #[serde(default)]
    pub sdp_mid: Option<String>,
    #[serde(default, rename = "sdpMLineIndex")]
    pub sdp_mline_index: Option<u16>,
    #[serde(default)]
    pub username_fragment: Option<String>,
}

/// The state of the server's media connection with one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MediaState {
    New,
    Connecting,
    Connected,
    Disconnected,
    Failed,
    Closed,
}

impl MediaState {
    fn from_engine(s: webrtc::peer_connection::RTCPeerConnectionState) -> MediaState {
        use webrtc::peer_connection::RTCPeerConnectionState as S;
        match s {
            S::Connecting => MediaState::Connecting,
            S::Connected => MediaState::Connected,
            S::Disconnected => MediaState::Disconnected,
            S::Failed => MediaState::Failed,
            S::Closed => MediaState::Closed,
            _ => MediaState::New,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SfuError {
    #[error("the SDP offer was rejected: {0}")]
    BadOffer(String),
    #[error("the ICE candidate was rejected: {0}")]
    BadCandidate(String),
    #[error("media engine failure: {0}")]
    Engine(String),
}

impl SfuError {
    pub fn code(&self) -> &'static str {
        match self {
            SfuError::BadOffer(_) => "bad_offer",
            SfuError::BadCandidate(_) => "bad_candidate",
            SfuError::Engine(_) => "media_engine",
        }
    }
}

fn to_candidate(init: webrtc::peer_connection::RTCIceCandidateInit) -> Candidate {
    Candidate {
        candidate: init.candidate,
        sdp_mid: init.sdp_mid,
        sdp_mline_index: init.sdp_mline_index,
        username_fragment: init.username_fragment,
    }
}
