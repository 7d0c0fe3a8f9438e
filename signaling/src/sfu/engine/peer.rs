//! The media loop's state for one peer connection: ICE (as ICE-lite), DTLS, SRTP, and the
//! per-kind streams it publishes and receives.

use super::dtls::Dtls;
use super::sdp::Negotiated;
use super::stream::{index, Inbound, Outbound, KINDS};
use crate::sfu::{MediaState, PeerEvent};
use domain::{MediaKind, Party};
use rtc::srtp::context::Context;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// Without a datagram from the client for this long the connection is `disconnected`
/// (browsers send a consent check every ≈ 5 s even without media).
pub(super) const SILENT_DISCONNECTED: Duration = Duration::from_secs(8);
/// … and then `failed`.
pub(super) const SILENT_FAILED: Duration = Duration::from_secs(30);
/// Addresses remembered per peer (checks from several candidates, NAT rebinding, TURN).
pub(super) const MAX_ADDRS: usize = 8;

/// A peer's place on the loop's sockets: socket index and remote address.
pub(super) type Path = (usize, SocketAddr);

pub(super) struct EnginePeer {
    pub room: u64,
    pub role: Party,
    events: UnboundedSender<PeerEvent>,
    pub state: MediaState,
    pub local_ufrag: Option<String>,
    pub local_pwd: String,
    pub remote_ufrag: Option<String>,
    /// Paths that passed an authenticated check, oldest first.
    pub paths: Vec<Path>,
    /// Where we send: the client's nominated path (or the first that checked out).
    pub selected: Option<Path>,
    pub nominated: bool,
    pub dtls: Option<Dtls>,
    /// (send, receive) once DTLS is done.
    pub srtp: Option<(Context, Context)>,
    pub last_heard: Instant,
    pub inbound: [Inbound; 2],
    pub outbound: [Outbound; 2],
    pub next_report: Instant,
}

impl EnginePeer {
    pub(super) fn new(room: u64, role: Party, events: UnboundedSender<PeerEvent>, ssrcs: [u32; 2], now: Instant) -> EnginePeer {
        EnginePeer {
            room,
            role,
            events,
            state: MediaState::New,
            local_ufrag: None,
            local_pwd: String::new(),
            remote_ufrag: None,
            paths: Vec::new(),
            selected: None,
            nominated: false,
            dtls: None,
            srtp: None,
            last_heard: now,
            inbound: [Inbound::default(), Inbound::default()],
            outbound: [Outbound::new(MediaKind::Audio, ssrcs[0]), Outbound::new(MediaKind::Video, ssrcs[1])],
            next_report: now,
        }
    }

    pub(super) fn set_state(&mut self, state: MediaState) {
        if self.state != state {
            self.state = state;
            let _ = self.events.send(PeerEvent::State(state));
        }
    }

    /// The kind of an inbound payload type, if negotiated.
    pub(super) fn kind_of_pt(&self, pt: u8) -> Option<MediaKind> {
        KINDS.into_iter().find(|k| self.inbound[index(*k)].pt == Some(pt))
    }

    /// Which of our outbound streams an SSRC in the client's feedback names.
    pub(super) fn outbound_kind(&self, ssrc: u32) -> Option<MediaKind> {
        KINDS.into_iter().find(|k| self.outbound[index(*k)].ssrc == ssrc)
    }

    /// Which of the client's inbound streams an SSRC names.
    pub(super) fn inbound_kind(&self, ssrc: u32) -> Option<MediaKind> {
        KINDS
            .into_iter()
            .find(|k| self.inbound[index(*k)].reception.as_ref().is_some_and(|r| r.ssrc == ssrc))
    }

    /// Applies a negotiation's outcome to the streams.
    pub(super) fn negotiated(&mut self, negotiated: &[Negotiated]) {
        for kind in KINDS {
            let n = negotiated.iter().find(|n| n.kind == kind);
            let i = index(kind);
            self.inbound[i].pt = n.filter(|n| n.client_sends).map(|n| n.pt);
            self.inbound[i].client_sends = n.is_some_and(|n| n.client_sends);
            self.outbound[i].pt = n.map(|n| n.pt);
            self.outbound[i].client_receives = n.is_some_and(|n| n.client_receives);
        }
    }

    /// Our SSRC to name as the sender of feedback we send this client.
    pub(super) fn feedback_ssrc(&self) -> u32 {
        self.outbound[0].ssrc
    }

    /// A datagram (authenticated or from an authenticated path) arrived: the client is there.
    pub(super) fn heard(&mut self, now: Instant) {
        self.last_heard = now;
        if matches!(self.state, MediaState::Disconnected) && self.srtp.is_some() {
            self.set_state(MediaState::Connected);
        }
    }

    /// Consent freshness: called by the loop's tick.
    pub(super) fn check_silence(&mut self, now: Instant) {
        if !matches!(self.state, MediaState::Connecting | MediaState::Connected | MediaState::Disconnected) {
            return;
        }
        let silent = now.saturating_duration_since(self.last_heard);
        if silent >= SILENT_FAILED {
            self.set_state(MediaState::Failed);
        } else if silent >= SILENT_DISCONNECTED && self.state == MediaState::Connected {
            self.set_state(MediaState::Disconnected);
        }
    }
}
