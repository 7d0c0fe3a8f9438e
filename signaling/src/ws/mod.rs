//! The signaling WebSocket: one task per connection, driven by incoming frames, the peer
//! connection's events and notices from the other party's task.

pub mod protocol;

use crate::AppState;
use crate::calls::{Call, Notice, NoticeTx};
use crate::sessions::{self, Admission};
use crate::sfu::{Peer, PeerEvent};
use axum::extract::ws::{Message, WebSocket};
use protocol::{ClientMsg, PROTOCOL_VERSION, Role, ServerMsg};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval, sleep_until};

/// A silent client is dropped after this long; the server pings every third of it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(45);
/// Refused joins allowed on one socket before it is closed.
const MAX_REFUSALS: u32 = 3;

static CONN_IDS: AtomicU64 = AtomicU64::new(1);

struct Joined {
    admission: Admission,
    call: Arc<Call>,
    peer: Option<Peer>,
    peer_events: mpsc::UnboundedReceiver<PeerEvent>,
}

/// What the connection loop does after handling one input.
enum Flow {
    Continue,
    Close,
}

struct Conn {
    id: u64,
    state: AppState,
    socket: WebSocket,
    notices_tx: NoticeTx,
    joined: Option<Joined>,
    refusals: u32,
}

pub async fn serve(socket: WebSocket, state: AppState) {
    state.metrics.ws_connections.inc();
    let (notices_tx, mut notices) = mpsc::unbounded_channel();
    let mut conn = Conn { id: CONN_IDS.fetch_add(1, Ordering::Relaxed), state: state.clone(), socket, notices_tx, joined: None, refusals: 0 };
    let mut ping = interval(IDLE_TIMEOUT / 3);
    let mut deadline = Instant::now() + IDLE_TIMEOUT;
    loop {
        let flow = tokio::select! {
            frame = conn.socket.recv() => match frame {
                Some(Ok(frame)) => { deadline = Instant::now() + IDLE_TIMEOUT; conn.on_frame(frame).await }
                _ => Flow::Close,
            },
            Some(event) = next_peer_event(&mut conn.joined) => conn.on_peer_event(event).await,
            Some(notice) = notices.recv() => match notice {
                Notice::Send(msg) => { conn.send(&msg).await; Flow::Continue }
                Notice::Close(msg) => { conn.send(&msg).await; Flow::Close }
            },
            _ = ping.tick() => {
                let _ = conn.socket.send(Message::Ping(Vec::new().into())).await;
                Flow::Continue
            }
            _ = sleep_until(deadline) => Flow::Close,
        };
        if let Flow::Close = flow {
            break;
        }
    }
    conn.depart(false).await;
    let _ = conn.socket.send(Message::Close(None)).await;
    state.metrics.ws_connections.dec();
}

async fn next_peer_event(joined: &mut Option<Joined>) -> Option<PeerEvent> {
    match joined {
        Some(j) => j.peer_events.recv().await,
        None => std::future::pending().await,
    }
}

impl Conn {
    async fn send(&mut self, msg: &ServerMsg) {
        if let ServerMsg::Error { .. } = msg {
            self.state.metrics.signaling_errors.inc();
        }
        let _ = self.socket.send(Message::Text(protocol::encode(msg).into())).await;
    }

    async fn error(&mut self, code: &str, message: impl Into<String>) {
        self.send(&ServerMsg::error(code, message)).await;
    }

    async fn on_frame(&mut self, frame: Message) -> Flow {
        let text = match frame {
            Message::Text(t) => t,
            Message::Binary(_) => {
                self.error("malformed_message", "binary frames are not part of the protocol").await;
                return Flow::Continue;
            }
            Message::Close(_) => return Flow::Close,
            Message::Ping(_) | Message::Pong(_) => return Flow::Continue,
        };
        match protocol::decode(text.as_str()) {
            Ok(msg) => self.on_message(msg).await,
            Err(e) => {
                self.error(e.code(), e.to_string()).await;
                Flow::Continue
            }
        }
    }

    async fn on_message(&mut self, msg: ClientMsg) -> Flow {
        match msg {
            ClientMsg::Join { token, protocol } => self.join(&token, protocol).await,
            ClientMsg::Ping { id } => {
                self.send(&ServerMsg::Pong { id }).await;
                Flow::Continue
            }
            other if self.joined.is_none() => {
                let _ = other;
                self.error("not_joined", "send join with a valid token first").await;
                Flow::Continue
            }
            ClientMsg::Offer { sdp } => {
                self.offer(sdp).await;
                Flow::Continue
            }
            ClientMsg::Candidate { candidate } => {
                let result = match self.joined.as_ref().and_then(|j| j.peer.as_ref()) {
                    Some(peer) => peer.add_candidate(candidate).await,
                    None => Ok(()),
                };
                if let Err(e) = result {
                    self.error(e.code(), e.to_string()).await;
                }
                Flow::Continue
            }
            ClientMsg::Mute { audio, video } => {
                if let Some(j) = &self.joined {
                    let role = j.admission.role;
                    j.call.notify(role.other(), Notice::Send(ServerMsg::PeerMute { role, audio, video }));
                }
                Flow::Continue
            }
            ClientMsg::StartChallenge { steps, moves, step_timeout_ms } => {
                self.start_challenge(steps, moves, step_timeout_ms).await;
                Flow::Continue
            }
            ClientMsg::Leave {} => Flow::Close,
            ClientMsg::Hangup {} => {
                self.depart(true).await;
                Flow::Close
            }
        }
    }

    async fn join(&mut self, token: &str, protocol_version: u32) -> Flow {
        if self.joined.is_some() {
            self.error("already_joined", "this connection has already joined").await;
            return Flow::Continue;
        }
        if protocol_version != PROTOCOL_VERSION {
            self.error("unsupported_protocol", format!("this server speaks protocol {PROTOCOL_VERSION}")).await;
            return Flow::Continue;
        }
        let admission = match sessions::admit(&self.state.db, token, crate::db::now_ms()).await {
            Ok(Ok(a)) => a,
            Ok(Err(refusal)) => return self.refuse(refusal.code(), &refusal.to_string()).await,
            Err(e) => {
                tracing::error!(error = %e, "token lookup failed");
                self.error("internal", "try again later").await;
                return Flow::Continue;
            }
        };
        let call = self.state.calls.get_or_create(&admission.session_id);
        let role = admission.role;
        let peer_present = match call.take_seat(role, self.id, &admission.token_hash, self.notices_tx.clone()) {
            Ok(p) => p,
            Err(e) => {
                self.state.calls.remove_if_empty(&admission.session_id);
                return self.refuse("role_taken", &e.to_string()).await;
            }
        };
        let (events_tx, peer_events) = mpsc::unbounded_channel();
        let peer = match Peer::connect(&call.media, role, &self.state.media, events_tx).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "peer connection setup failed");
                call.leave(role, self.id);
                self.state.calls.remove_if_empty(&admission.session_id);
                self.error("media_engine", "media setup failed").await;
                return Flow::Close;
            }
        };
        self.state.metrics.joins.inc();
        tracing::info!(session = %admission.session_id, role = role.as_str(), "joined");
        let db = &self.state.db;
        let _ = sessions::record_event(db, &admission.session_id, "joined", Some(role), None).await;
        if peer_present {
            let _ = sessions::mark_active(db, &admission.session_id).await;
        }
        let now_secs = (crate::db::now_ms() / 1000) as u64;
        let joined_msg = ServerMsg::Joined {
            protocol: PROTOCOL_VERSION,
            session_id: admission.session_id.clone(),
            role,
            ice_servers: crate::turn::ice_servers(&self.state.config.ice, &admission.session_id, now_secs),
            peer_present,
        };
        call.notify(role.other(), Notice::Send(ServerMsg::PeerJoined { role }));
        let session_id = admission.session_id.clone();
        self.joined = Some(Joined { admission, call, peer: Some(peer), peer_events });
        self.send(&joined_msg).await;
        if role == Role::Agent {
            for msg in self.state.ai.replay(&session_id) {
                self.send(&msg).await;
            }
        }
        Flow::Continue
    }

    async fn start_challenge(&mut self, steps: Option<Vec<String>>, moves: Option<u8>, step_timeout_ms: Option<u32>) {
        let Some(j) = &self.joined else { return };
        if j.admission.role != Role::Agent {
            self.error("forbidden", "only the agent starts challenges").await;
            return;
        }
        let session_id = j.admission.session_id.clone();
        match crate::ai::start_challenge(&self.state.ai, &session_id, steps, moves, step_timeout_ms) {
            Ok(()) => {}
            Err(e) => self.error(e.code(), e.to_string()).await,
        }
    }

    async fn refuse(&mut self, code: &str, message: &str) -> Flow {
        self.state.metrics.joins_refused.inc();
        self.refusals += 1;
        self.error(code, message.to_owned()).await;
        if self.refusals >= MAX_REFUSALS { Flow::Close } else { Flow::Continue }
    }

    async fn offer(&mut self, sdp: String) {
        let Some(peer) = self.joined.as_ref().and_then(|j| j.peer.as_ref()) else { return };
        match peer.answer(sdp).await {
            Ok(answer) => self.send(&ServerMsg::Answer { sdp: answer }).await,
            Err(e) => self.error(e.code(), e.to_string()).await,
        }
    }

    async fn on_peer_event(&mut self, event: PeerEvent) -> Flow {
        match event {
            PeerEvent::LocalCandidate(candidate) => self.send(&ServerMsg::Candidate { candidate }).await,
            PeerEvent::State(state) => self.send(&ServerMsg::MediaState { state }).await,
        }
        Flow::Continue
    }

    /// Leaves the call: closes the media, frees the seat, tells the other party. With `hangup`
    /// the session ends for both.
    async fn depart(&mut self, hangup: bool) {
        let Some(mut joined) = self.joined.take() else { return };
        let role: Role = joined.admission.role;
        let session_id = joined.admission.session_id.clone();
        if let Some(peer) = joined.peer.take() {
            peer.close().await;
        }
        let db = self.state.db.clone();
        if hangup {
            let _ = sessions::end(&db, &session_id, &format!("hangup_by_{}", role.as_str())).await;
            let reason = format!("hangup_by_{}", role.as_str());
            joined.call.notify(role.other(), Notice::Close(ServerMsg::Ended { reason: reason.clone() }));
            self.send(&ServerMsg::Ended { reason }).await;
        }
        if joined.call.leave(role, self.id) {
            let _ = sessions::record_event(&db, &session_id, "left", Some(role), None).await;
            if !hangup {
                joined.call.notify(role.other(), Notice::Send(ServerMsg::PeerLeft { role }));
            }
        }
        self.state.calls.remove_if_empty(&session_id);
    }
}
