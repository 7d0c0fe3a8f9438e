//! The SFU: one WebRTC peer connection per participant with the server, media forwarded
//! between the two parties of a session.
//!
//! This is the only module that imports the `webrtc`/`rtc` crates; everything outside speaks
//! SDP strings and [`Candidate`]s, so the media engine can be swapped behind this API.
//!
//! - [`Media`]: the process's media engine, started once with the server.
//! - [`MediaRoom`]: the media side of one session (its taps; the engines' key for the session).
//! - [`Peer`]: one participant's peer connection; the signaling task owns it.
//! - `engine`: the media loop — one thread, one UDP socket per address, ICE-lite, DTLS-SRTP and
//!   the forwarding path for every peer of the process (`media.engine = "loop"`).
//! - `peer`, `room`'s track maps, `rtcp_filter`: the engine on the `webrtc` crate (one task and
//!   socket per connection; `media.engine = "webrtc"`).
//! - `rewrite`: keeps an output stream continuous across a publisher's reconnect.
//! - `keyframe`, `vp8`: a subscriber that starts receiving video gets a keyframe fast.
//! - `tap`: the recorder's and the face analysis' copy of the media, off the forwarding path.

mod engine;
mod keyframe;
mod peer;
mod rewrite;
mod room;
mod rtcp_filter;
mod tap;
mod vp8;

pub use domain::MediaKind;
pub use room::MediaRoom;
pub use tap::{MediaTap, TapPacket};
use crate::metrics::Metrics;
use domain::Party;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::mpsc;

/// The RTP clock rate of our codec of `kind` (Opus, VP8).
fn clock_rate(kind: MediaKind) -> u32 {
    match kind {
        MediaKind::Audio => 48_000,
        MediaKind::Video => 90_000,
    }
}

/// A party as an array index (customer 0, agent 1), for per-party state.
fn party_index(p: Party) -> usize {
    match p {
        Party::Customer => 0,
        Party::Agent => 1,
    }
}

/// Which media engine carries the peer connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    /// The media loop (`engine`): one thread and one socket per address for all peers.
    #[default]
    Loop,
    /// The `webrtc` crate, one task and one socket per peer connection (the engine before the
    /// media loop, kept for comparison and as a fallback).
    Webrtc,
}

/// How the server's media endpoints are bound and advertised.
#[derive(Debug, Clone)]
pub struct MediaConfig {
    /// Addresses the UDP sockets bind to. Explicit addresses, not a wildcard: a wildcard socket
    /// cannot tell which address to advertise (and the `webrtc` crate skips loopback when it
    /// expands one), and tests need 127.0.0.1.
    pub udp_ips: Vec<IpAddr>,
    /// Public addresses to advertise instead of the bound ones (1:1 NAT, e.g. a cloud VM).
    pub nat_1to1_ips: Vec<IpAddr>,
    /// The media loop's UDP port on every address (0: one the system picks).
    pub port: u16,
    pub engine: EngineKind,
}

/// The process's media engine.
pub struct Media {
    config: MediaConfig,
    engine: Option<engine::Engine>,
    metrics: Arc<Metrics>,
}

impl Media {
    /// Binds the media sockets and starts the media loop (for [`EngineKind::Loop`]).
    pub fn start(config: MediaConfig, metrics: Arc<Metrics>) -> Result<Media, SfuError> {
        let engine = match config.engine {
            EngineKind::Loop => Some(engine::Engine::start(&config, metrics.clone()).map_err(|e| SfuError::Engine(e.to_string()))?),
            EngineKind::Webrtc => None,
        };
        Ok(Media { config, engine, metrics })
    }
}

/// What a peer connection tells its signaling task.
#[derive(Debug, Clone, PartialEq)]
pub enum PeerEvent {
    LocalCandidate(Candidate),
    /// `new`, `connecting`, `connected`, `disconnected`, `failed`, `closed`.
    State(MediaState),
}

enum PeerImpl {
    Loop(engine::PeerHandle),
    Webrtc(peer::WebrtcPeer),
}

/// A participant's peer connection. Dropping it without [`Peer::close`] still closes it, but
/// `close` is prompt and delivers the last packets to the taps before it returns.
pub struct Peer {
    role: Party,
    inner: PeerImpl,
    metrics: Arc<Metrics>,
}

impl Peer {
    /// The peer connection of `role` in `room`; it receives the other party's media. Events
    /// (local candidates, state changes) go to `events`.
    pub async fn connect(room: &MediaRoom, role: Party, media: &Media, events: mpsc::UnboundedSender<PeerEvent>) -> Result<Peer, SfuError> {
        let inner = match &media.engine {
            Some(engine) => PeerImpl::Loop(engine::PeerHandle::connect(engine, room.inner.clone(), role, events)),
            None => PeerImpl::Webrtc(peer::WebrtcPeer::connect(room, role, &media.config, events).await?),
        };
        media.metrics.peer_connections.inc();
        Ok(Peer { role, inner, metrics: media.metrics.clone() })
    }

    /// Applies a client's offer (first, renegotiation or ICE restart) and returns the answer.
    pub async fn answer(&self, offer_sdp: String) -> Result<String, SfuError> {
        match &self.inner {
            PeerImpl::Loop(p) => p.answer(&offer_sdp).await,
            PeerImpl::Webrtc(p) => p.answer(offer_sdp).await,
        }
    }

    pub async fn add_candidate(&self, c: Candidate) -> Result<(), SfuError> {
        if c.candidate.is_empty() {
            return Ok(()); // end-of-candidates marker; nothing to add
        }
        match &self.inner {
            PeerImpl::Loop(p) => p.add_candidate(&c),
            PeerImpl::Webrtc(p) => p.add_candidate(c).await,
        }
    }

    pub fn role(&self) -> Party {
        self.role
    }

    /// Closes the connection; its last packets reach the taps before this returns.
    pub async fn close(self) {
        match self.inner {
            PeerImpl::Loop(p) => p.close().await,
            PeerImpl::Webrtc(p) => p.close().await,
        }
        self.metrics.peer_connections.dec();
    }
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
