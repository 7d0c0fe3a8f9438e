//! The signaling side's handle to one peer connection in the media loop. It negotiates (the
//! SDP work happens here, on the caller's task) and tells the loop what was settled; media
//! never passes through it.

use super::sdp::{self, Offer};
use super::{Command, Engine, PeerId, Remote};
use crate::sfu::room::RoomInner;
use crate::sfu::{Candidate, PeerEvent, SfuError};
use domain::Party;
use rand::Rng;
// 128 random bits as hex: valid ICE characters, and the 128 bits RFC 8839 asks of a password.
use scheduler::ids::new_id;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// ICE credentials and SDP versioning of one connection.
struct Ice {
    local_ufrag: String,
    local_pwd: String,
    remote_ufrag: Option<String>,
    version: u64,
}

pub(crate) struct PeerHandle {
    id: PeerId,
    commands: std::sync::mpsc::Sender<Command>,
    waker: Arc<mio::Waker>,
    room: Arc<RoomInner>,
    ice: Mutex<Ice>,
    session: u64,
    ssrcs: [u32; 2],
    cname: String,
    /// The stream and track ids the client sees: the other party's media.
    stream: String,
    tracks: [String; 2],
    fingerprint: String,
    candidates: Vec<SocketAddr>,
    closed: bool,
}

impl PeerHandle {
    pub(crate) fn connect(engine: &Engine, room: Arc<RoomInner>, role: Party, events: mpsc::UnboundedSender<PeerEvent>) -> PeerHandle {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut rng = rand::thread_rng();
        let ssrcs = [rng.gen::<u32>() | 1, rng.gen::<u32>() | 1];
        let other = role.other();
        Engine::send(&engine.commands, &engine.waker, Command::Add { id, room: room.clone(), role, events, ssrcs });
        PeerHandle {
            id,
            commands: engine.commands.clone(),
            waker: engine.waker.clone(),
            room,
            ice: Mutex::new(Ice { local_ufrag: new_id(), local_pwd: new_id(), remote_ufrag: None, version: 1 }),
            session: rng.gen::<u64>() >> 2,
            ssrcs,
            cname: new_id(),
            stream: format!("{}-stream", other.as_ref()),
            tracks: [format!("{}-audio", other.as_ref()), format!("{}-video", other.as_ref())],
            fingerprint: engine.fingerprint.clone(),
            candidates: engine.candidates.clone(),
            closed: false,
        }
    }

    fn send(&self, c: Command) {
        Engine::send(&self.commands, &self.waker, c);
    }

    /// Answers an offer (the first, a renegotiation or an ICE restart).
    pub(crate) async fn answer(&self, offer_sdp: &str) -> Result<String, SfuError> {
        let offer = Offer::parse(offer_sdp).map_err(|e| SfuError::BadOffer(e.to_string()))?;
        let (answer, remote) = {
            let mut ice = self.ice.lock().unwrap_or_else(|e| e.into_inner());
            if ice.remote_ufrag.as_ref().is_some_and(|u| *u != offer.ice_ufrag) {
                // An ICE restart: fresh credentials on our side too (RFC 8839 §4.4.1.1.1).
                ice.local_ufrag = new_id();
                ice.local_pwd = new_id();
            }
            ice.remote_ufrag = Some(offer.ice_ufrag.clone());
            ice.version += 1;
            let local = sdp::Local {
                ice_ufrag: &ice.local_ufrag,
                ice_pwd: &ice.local_pwd,
                fingerprint: &self.fingerprint,
                session: (self.session, ice.version),
                audio: sdp::Outgoing { ssrc: self.ssrcs[0], stream: &self.stream, track: &self.tracks[0] },
                video: sdp::Outgoing { ssrc: self.ssrcs[1], stream: &self.stream, track: &self.tracks[1] },
                cname: &self.cname,
                candidates: &self.candidates,
            };
            let answer = sdp::answer(&offer, &local);
            let remote = Remote {
                local_ufrag: ice.local_ufrag.clone(),
                local_pwd: ice.local_pwd.clone(),
                remote_ufrag: offer.ice_ufrag.clone(),
                fingerprint: offer.fingerprint.clone(),
                dtls_client: answer.dtls_client,
                negotiated: answer.negotiated.clone(),
            };
            (answer, remote)
        };
        let (reply, done) = oneshot::channel();
        self.send(Command::Remote { id: self.id, remote, reply });
        match done.await {
            Ok(Ok(())) => Ok(answer.sdp),
            Ok(Err(e)) => Err(SfuError::Engine(e)),
            Err(_) => Err(SfuError::Engine("the media loop is gone".into())),
        }
    }

    /// A trickled candidate: checked, then not needed (ICE-lite answers the client's checks).
    pub(crate) fn add_candidate(&self, c: &Candidate) -> Result<(), SfuError> {
        sdp::check_candidate(&c.candidate).map_err(|e| SfuError::BadCandidate(e.into()))
    }

    pub(crate) async fn close(mut self) {
        self.closed = true;
        let (reply, done) = oneshot::channel();
        self.send(Command::Close { id: self.id, reply: Some(reply) });
        let _ = done.await;
        self.room.flush_taps();
    }
}

impl Drop for PeerHandle {
    fn drop(&mut self) {
        if !self.closed {
            self.send(Command::Close { id: self.id, reply: None });
        }
    }
}
