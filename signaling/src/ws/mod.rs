//! The signaling WebSocket: one task per connection, driven by incoming frames, the peer
//! connection's events and notices from the other party's task.
//!
//! A customer joins with the token of their link; an agent joins with the session id and is
//! admitted by the staff cookie the socket was opened with (policy: the session is offered or
//! assigned to them). A socket that has not joined within the deadline is closed.

pub mod protocol;

use crate::AppState;
use crate::audit::{self, Actor, AuditAction, Entry};
use crate::calls::{Call, Notice, NoticeTx};
use crate::http::AppError;
use crate::http::guard::Caller;
use crate::lifecycle::Event;
use crate::limits::SocketSlot;
use crate::policy::{self, Action, Principal, Resource};
use crate::sfu::{Peer, PeerEvent};
use axum::extract::ws::{Message, WebSocket};
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{State, WebSocketUpgrade};
use axum::response::Response;
use domain::{Party, SessionId};
use protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg};
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

/// The call socket (docs/signaling-protocol.md).
#[utoipa::path(get, path = "/ws", tag = "calls",
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 426, description = "`websocket_upgrade_required`", body = crate::http::Problem)),
    extensions(("x-action" = json!("open_socket"))))]
pub async fn upgrade(caller: Caller, State(state): State<AppState>, ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>) -> Result<Response, AppError> {
    let ws = ws.map_err(|_| AppError::UpgradeRequired)?;
    let slot = state.limits.open_socket(caller.ip).ok_or(AppError::TooManyRequests { retry_after_secs: 10 })?;
    // The transport limit is above the protocol's, so an oversized message still reaches the
    // protocol layer and gets an error reply instead of a dropped socket.
    // Small buffers (axum's default is 128 KiB each way per socket): messages are a few KiB,
    // larger ones (an SDP) just take more reads; writes go out as each message is sent.
    Ok(ws.max_message_size(protocol::MAX_MESSAGE_BYTES * 16).read_buffer_size(4096).write_buffer_size(0).on_upgrade(move |socket| async move {
        let tasks = state.tasks.clone();
        let _ = tasks.spawn(serve(socket, state, caller.principal, slot)).await;
    }))
}

struct Joined {
    session_id: SessionId,
    role: Party,
    actor: Actor,
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
    principal: Principal,
    socket: WebSocket,
    notices_tx: NoticeTx,
    joined: Option<Joined>,
    refusals: u32,
}

async fn serve(socket: WebSocket, state: AppState, principal: Principal, _slot: SocketSlot) {
    state.metrics.ws_connections.inc();
    let (notices_tx, mut notices) = mpsc::unbounded_channel();
    let mut conn = Conn { id: CONN_IDS.fetch_add(1, Ordering::Relaxed), state: state.clone(), principal, socket, notices_tx, joined: None, refusals: 0 };
    let mut ping = interval(IDLE_TIMEOUT / 3);
    let mut deadline = Instant::now() + IDLE_TIMEOUT;
    let join_deadline = Instant::now() + Duration::from_secs(state.config.limits.join_deadline_secs.max(1));
    let mut shutdown = state.shutdown.clone();
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
            _ = sleep_until(join_deadline), if conn.joined.is_none() => {
                conn.error("join_timeout", "no join in time").await;
                Flow::Close
            }
            _ = crate::stopping(&mut shutdown) => {
                conn.send(&ServerMsg::ServerClosing {}).await;
                Flow::Close
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
            ClientMsg::Join { token, session_id, protocol } => self.join(token, session_id, protocol).await,
            ClientMsg::Ping { id } => {
                self.send(&ServerMsg::Pong { id }).await;
                Flow::Continue
            }
            _ if self.joined.is_none() => {
                self.error("not_joined", "send join first").await;
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
                    let role = j.role;
                    j.call.notify(role.other(), Notice::Send(ServerMsg::PeerMute { role, audio, video }));
                }
                Flow::Continue
            }
            ClientMsg::StartChallenge { steps, moves, step_timeout_ms } => {
                self.start_challenge(steps, moves, step_timeout_ms).await;
                Flow::Continue
            }
            msg @ (ClientMsg::Capture { .. } | ClientMsg::Prompt { .. } | ClientMsg::StartReadAloud {} | ClientMsg::ReadAloudResult { .. }) => {
                self.drive(msg).await;
                Flow::Continue
            }
            ClientMsg::Leave {} => Flow::Close,
            ClientMsg::Hangup {} => {
                self.depart(true).await;
                Flow::Close
            }
        }
    }

    async fn join(&mut self, token: Option<String>, session_id: Option<SessionId>, protocol_version: u32) -> Flow {
        if self.joined.is_some() {
            self.error("already_joined", "this connection has already joined").await;
            return Flow::Continue;
        }
        if protocol_version != PROTOCOL_VERSION {
            self.error("unsupported_protocol", format!("this server speaks protocol {PROTOCOL_VERSION}")).await;
            return Flow::Continue;
        }
        let (session_id, role, seat_key, principal) = match admit(&self.state, &self.principal, token, session_id).await {
            Ok(a) => a,
            Err((code, message)) => return self.refuse(code, &message).await,
        };
        self.seat(session_id, role, seat_key, principal).await
    }
}

/// Who joins which session: a customer by their link's token, an agent (the socket's staff
/// sign-in) by the session id; then the policy's word on it.
async fn admit(state: &AppState, socket_principal: &Principal, token: Option<String>, session_id: Option<SessionId>) -> Result<(SessionId, Party, String, Principal), (&'static str, String)> {
        let (session, role, seat_key, principal) = match (token, session_id) {
            (Some(token), None) => match state.sessions.admit(&token).await {
                Ok(Ok(a)) => {
                    // No media before consent (processing, recording, biometrics).
                    match crate::evidence::consent::history(&state.db, &a.session_id).await {
                        Ok(h) if crate::evidence::consent::allows_media(&h) => {}
                        Ok(_) => return Err(("consent_required", "the customer has not consented yet".into())),
                        Err(_) => return Err(("internal", "try again later".into())),
                    }
                    let p = Principal::Customer { session: a.session_id.clone(), token_hash: a.token_hash.clone() };
                    (a.session_id, Party::Customer, a.token_hash, p)
                }
                Ok(Err(refusal)) => return Err((refusal.code(), refusal.to_string())),
                Err(e) => {
                    tracing::error!(error = %e, "token lookup failed");
                    return Err(("internal", "try again later".into()));
                }
            },
            (None, Some(session)) => match socket_principal.staff() {
                // The seat key is the staff id: the same agent rejoining takes its seat over.
                Some(s) => (session, Party::Agent, format!("staff:{}", s.staff.id), socket_principal.clone()),
                None => return Err(("unauthenticated", "sign in as an agent to join by session".into())),
            },
            _ => return Err(("malformed_message", "join needs either `token` or `session_id`".into())),
        };
        let facts = crate::scheduling::AgentFacts(&state.scheduling);
        let resource = Resource { session: Some(session.clone()) };
        policy::decide(&principal, Action::JoinCall, &resource, &facts, state.clock.now_ms(), state.timeouts(), false)
            .await
            .map_err(|d| (d.code(), "you may not join this session".to_owned()))?;
        if role == Party::Agent {
            match state.sessions.get(&session).await {
                Ok(Some(s)) if s.status != domain::SessionStatus::Ended => {}
                Ok(_) => return Err(("session_ended", "the session has ended".into())),
                Err(_) => return Err(("internal", "try again later".into())),
            }
        }
        Ok((session, role, seat_key, principal))
}

impl Conn {
    /// Takes the role's seat in the session's call and sets up the media.
    async fn seat(&mut self, session_id: SessionId, role: Party, seat_key: String, principal: Principal) -> Flow {
        let call = self.state.calls.get_or_create(session_id.as_str());
        let peer_present = match call.take_seat(role, self.id, &seat_key, self.notices_tx.clone()) {
            Ok(p) => p,
            Err(e) => {
                self.state.calls.remove_if_empty(session_id.as_str());
                return self.refuse("role_taken", &e.to_string()).await;
            }
        };
        let (events_tx, peer_events) = mpsc::unbounded_channel();
        let peer = match Peer::connect(&call.media, role, &self.state.media, events_tx).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "peer connection setup failed");
                call.leave(role, self.id);
                self.state.calls.remove_if_empty(session_id.as_str());
                self.error("media_engine", "media setup failed").await;
                return Flow::Close;
            }
        };
        self.state.metrics.joins.inc();
        tracing::info!(session = %session_id, role = role.as_ref(), "joined");
        let actor = principal.actor();
        audit::record(&self.state.db, Entry::new(actor.clone(), AuditAction::Joined).session(&session_id).detail(role.as_ref()), self.state.clock.now_ms()).await;
        if peer_present {
            if let Err(e) = self.state.sessions.apply(&session_id, Event::BothPresent, Actor::System).await {
                tracing::warn!(error = %e, "marking the session active failed");
            }
        }
        let now_secs = (self.state.clock.now_ms() / 1000) as u64;
        let joined_msg = ServerMsg::Joined {
            protocol: PROTOCOL_VERSION,
            session_id: session_id.clone(),
            role,
            ice_servers: crate::turn::ice_servers(&self.state.config.ice, session_id.as_str(), now_secs),
            peer_present,
        };
        call.notify(role.other(), Notice::Send(ServerMsg::PeerJoined { role }));
        self.principal = principal;
        self.joined = Some(Joined { session_id: session_id.clone(), role, actor, call, peer: Some(peer), peer_events });
        self.send(&joined_msg).await;
        if role == Party::Agent {
            for msg in self.state.ai.replay(session_id.as_str()) {
                self.send(&msg).await;
            }
        }
        Flow::Continue
    }

    async fn start_challenge(&mut self, steps: Option<Vec<String>>, moves: Option<u8>, step_timeout_ms: Option<u32>) {
        let Some(j) = &self.joined else { return };
        let session_id = j.session_id.clone();
        let facts = crate::scheduling::AgentFacts(&self.state.scheduling);
        let resource = Resource { session: Some(session_id.clone()) };
        if let Err(d) = policy::decide(&self.principal, Action::StartChallenge, &resource, &facts, self.state.clock.now_ms(), self.state.timeouts(), false).await {
            self.error(d.code(), "only the agent of this session starts challenges").await;
            return;
        }
        match crate::ai::start_challenge(&self.state.ai, session_id.as_str(), steps, moves, step_timeout_ms) {
            Ok(()) => audit::record(&self.state.db, Entry::new(self.principal.actor(), AuditAction::ChallengeStarted).session(&session_id), self.state.clock.now_ms()).await,
            Err(e) => self.error(e.code(), e.to_string()).await,
        }
    }

    /// The agent drives the customer's side: stills, prompts, read-aloud (policy `drive_call`).
    async fn drive(&mut self, msg: ClientMsg) {
        let Some(j) = &self.joined else { return };
        let (session_id, call) = (j.session_id.clone(), j.call.clone());
        let facts = crate::scheduling::AgentFacts(&self.state.scheduling);
        let resource = Resource { session: Some(session_id.clone()) };
        let now = self.state.clock.now_ms();
        if let Err(d) = policy::decide(&self.principal, Action::DriveCall, &resource, &facts, now, self.state.timeouts(), false).await {
            return self.error(d.code(), "only the agent of this session drives the call").await;
        }
        let Some(staff) = self.principal.staff().map(|s| s.staff.id.clone()) else { return };
        let db = self.state.db.clone();
        let actor = self.principal.actor();
        match msg {
            ClientMsg::Capture { kind } => {
                let request_id = call.request_capture(kind);
                call.notify(Party::Customer, Notice::Send(ServerMsg::Capture { kind, request_id }));
            }
            ClientMsg::Prompt { kind, direction } => {
                if direction.as_ref().is_some_and(|d| !["left", "right", "up", "down", "centre"].contains(&d.as_str())) {
                    return self.error("invalid_prompt", "direction is left, right, up, down or centre").await;
                }
                if let Err(e) = crate::evidence::steps::record_prompt(&db, &session_id, kind, direction.as_deref(), &staff, now).await {
                    tracing::error!(error = %e, "storing a prompt failed");
                }
                audit::record(&db, Entry::new(actor, AuditAction::PromptShown).session(&session_id).detail(kind.as_ref()), now).await;
                call.notify(Party::Customer, Notice::Send(ServerMsg::Prompt { kind, direction, digits: None, countdown_ms: None }));
            }
            ClientMsg::StartReadAloud {} => match crate::evidence::steps::start_read_aloud(&db, &session_id, &staff, now).await {
                Ok(r) => {
                    let _ = crate::evidence::steps::record_prompt(&db, &session_id, crate::profiles::PromptKind::ReadDigits, None, &staff, now).await;
                    audit::record(&db, Entry::new(actor, AuditAction::ReadAloudStarted).session(&session_id).target(r.id.clone()), now).await;
                    call.notify(Party::Customer, Notice::Send(ServerMsg::Prompt { kind: crate::profiles::PromptKind::ReadDigits, direction: None, digits: Some(r.digits.clone()), countdown_ms: Some(30_000) }));
                    self.send(&ServerMsg::ReadAloud { read_aloud: r }).await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "starting a read-aloud failed");
                    self.error("internal", "try again").await;
                }
            },
            ClientMsg::ReadAloudResult { id, passed } => match crate::evidence::steps::judge_read_aloud(&db, &session_id, &id, passed, now).await {
                Ok(true) => {
                    audit::record(&db, Entry::new(actor, AuditAction::ReadAloudJudged).session(&session_id).target(id).detail(passed.to_string()), now).await;
                    call.notify(Party::Customer, Notice::Send(ServerMsg::PromptClear {}));
                }
                Ok(false) => self.error("read_aloud_not_found", "no open read-aloud with this id").await,
                Err(e) => {
                    tracing::error!(error = %e, "judging a read-aloud failed");
                    self.error("internal", "try again").await;
                }
            },
            _ => {}
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
    /// the session ends (the lifecycle announces it and both parties are told `ended`).
    async fn depart(&mut self, hangup: bool) {
        let Some(mut joined) = self.joined.take() else { return };
        let role = joined.role;
        let session_id = joined.session_id.clone();
        if let Some(peer) = joined.peer.take() {
            peer.close().await;
        }
        if hangup {
            match self.state.sessions.apply(&session_id, Event::Hangup(role), joined.actor.clone()).await {
                Ok(s) => {
                    if let Some(reason) = s.end_reason {
                        self.send(&ServerMsg::Ended { reason }).await;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "ending the session on hang-up failed"),
            }
        }
        if joined.call.leave(role, self.id) {
            audit::record(&self.state.db, Entry::new(joined.actor.clone(), AuditAction::Left).session(&session_id).detail(role.as_ref()), self.state.clock.now_ms()).await;
            if !hangup {
                joined.call.notify(role.other(), Notice::Send(ServerMsg::PeerLeft { role }));
            }
        }
        self.state.calls.remove_if_empty(session_id.as_str());
    }
}
