//! The queue and console socket: one task per connection. The first message says who is
//! connecting: a waiting customer with the token of their link, or an agent console (the agent
//! is whoever is signed in with the socket's staff cookie — never a name in the message). Both
//! go through the policy. Afterwards the task forwards what the scheduling actor pushes and
//! turns the client's messages into actor commands. Errors are answered and the socket stays
//! open; when an agent's last console goes, the agent becomes unavailable.

pub mod protocol;

use crate::AppState;
use crate::limits::SocketSlot;
use crate::policy::{self, Action, Principal, Resource};
use crate::scheduling::{Outbox, Push};
use axum::extract::WebSocketUpgrade;
use axum::extract::ws::{Message, WebSocket};
use axum::response::Response;
use domain::{SessionId, StaffId};
use protocol::{ClientMsg, MAX_MESSAGE_BYTES, ServerMsg, decode};
use std::time::Duration;
use tokio::sync::mpsc;

/// How long a fresh socket may take to say who it is.
const AUTH_TIMEOUT: Duration = Duration::from_secs(10);
/// Refused `customer`/`agent` messages before the socket is closed.
const MAX_REFUSALS: u32 = 3;
/// WebSocket pings this often; a socket silent for three periods is closed.
const PING_EVERY: Duration = Duration::from_secs(15);

pub fn upgrade(ws: WebSocketUpgrade, state: AppState, principal: Principal, slot: SocketSlot) -> Response {
    // Small buffers: thousands of customers wait on this socket at once, and axum's defaults
    // (128 KiB each way) made a held socket cost 142 KiB; its messages are under 8 KiB.
    ws.max_message_size(MAX_MESSAGE_BYTES * 16).read_buffer_size(4096).write_buffer_size(0).on_upgrade(move |socket| async move {
        let tasks = state.tasks.clone();
        let _ = tasks.spawn(serve(socket, state, principal, slot)).await;
    })
}

enum Who {
    Customer { session_id: SessionId, token: String },
    Agent { agent_id: StaffId },
}

async fn send(socket: &mut WebSocket, msg: &ServerMsg) -> bool {
    match serde_json::to_string(msg) {
        Ok(text) => socket.send(Message::Text(text.into())).await.is_ok(),
        Err(_) => false,
    }
}

/// Waits for the identifying first message; other messages before it get an error.
async fn authenticate(socket: &mut WebSocket, state: &AppState, principal: &Principal) -> Option<Who> {
    let deadline = tokio::time::sleep(AUTH_TIMEOUT);
    tokio::pin!(deadline);
    let mut refusals = 0;
    let mut shutdown = state.shutdown.clone();
    loop {
        let frame = tokio::select! {
            f = socket.recv() => f,
            _ = &mut deadline => {
                send(socket, &ServerMsg::error("auth_timeout", "no customer/agent message in time")).await;
                return None;
            }
            _ = crate::stopping(&mut shutdown) => return None,
        };
        let text = match frame {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => continue,
        };
        let reply = match decode(&text) {
            Err(e) => {
                if !send(socket, &e).await {
                    return None;
                }
                continue;
            }
            Ok(ClientMsg::Customer { token }) => match state.sessions.admit(&token).await {
                Ok(Ok(a)) => return Some(Who::Customer { session_id: a.session_id, token }),
                Ok(Err(refusal)) => ServerMsg::error(refusal.code(), refusal.to_string()),
                Err(e) => {
                    tracing::error!(error = %e, "token lookup failed");
                    ServerMsg::error("internal", "try again later")
                }
            },
            Ok(ClientMsg::Agent {}) => {
                let facts = crate::scheduling::AgentFacts(&state.scheduling);
                let verdict = policy::decide(principal, Action::ActAsAgent, &Resource::default(), &facts, state.clock.now_ms(), state.timeouts(), false).await;
                match (verdict, principal.staff()) {
                    (Ok(()), Some(s)) => return Some(Who::Agent { agent_id: s.staff.id.clone() }),
                    (Err(d), _) => ServerMsg::error(d.code(), "sign in as an agent first"),
                    (Ok(()), None) => ServerMsg::error("forbidden", "sign in as an agent first"),
                }
            }
            Ok(_) => {
                if !send(socket, &ServerMsg::error("not_authenticated", "send `customer` or `agent` first")).await {
                    return None;
                }
                continue;
            }
        };
        refusals += 1;
        if !send(socket, &reply).await || refusals >= MAX_REFUSALS {
            return None;
        }
    }
}

/// The wire form of a pushed event.
fn to_wire(push: Push, customer_join_url: &str) -> ServerMsg {
    match push {
        Push::CustomerReady { session, entry } => ServerMsg::CustomerReady { session_id: session, entry_id: entry },
        Push::AgentReady { presence } => ServerMsg::AgentReady { presence },
        Push::Position { entry, position, estimated_wait_ms } => ServerMsg::Position { entry_id: entry, position, estimated_wait_ms },
        Push::Offered { entry } => ServerMsg::Offered { entry_id: entry },
        Push::Connected { entry } => ServerMsg::AgentJoining { entry_id: entry, join_url: customer_join_url.to_owned() },
        Push::Closed { entry, status } => ServerMsg::Closed { entry_id: entry, status },
        Push::Offer(o) => ServerMsg::Offer { offer_id: o.offer_id, entry_id: o.entry_id, session_id: o.session_id, needs: o.needs, expires_at: o.expires_at },
        Push::OfferGone { offer, status } => ServerMsg::OfferExpired { offer_id: offer, reason: status },
        Push::Presence { state, wrap_up_until } => ServerMsg::Presence { state, wrap_up_until },
        Push::QueueStats(stats) => ServerMsg::QueueStats { stats },
    }
}

async fn serve(mut socket: WebSocket, state: AppState, principal: Principal, _slot: SocketSlot) {
    let Some(who) = authenticate(&mut socket, &state, &principal).await else {
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    let (tx, mut rx): (Outbox, _) = mpsc::unbounded_channel();
    let subscribed = match &who {
        Who::Customer { session_id, .. } => state.scheduling.subscribe_customer(session_id, tx.clone()).await,
        Who::Agent { agent_id } => state.scheduling.subscribe_agent(agent_id, tx.clone()).await,
    };
    if let Err(e) = subscribed {
        send(&mut socket, &ServerMsg::error(e.code(), e.to_string())).await;
        return;
    }
    drop(tx);
    let join_url = match &who {
        Who::Customer { token, .. } => format!("{}/call/#t={token}", state.config.public_url.trim_end_matches('/')),
        Who::Agent { .. } => String::new(),
    };
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    let mut last_seen = tokio::time::Instant::now();
    let mut shutdown = state.shutdown.clone();
    loop {
        tokio::select! {
            _ = ping.tick() => {
                if last_seen.elapsed() > PING_EVERY * 3 || socket.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
            _ = crate::stopping(&mut shutdown) => {
                send(&mut socket, &ServerMsg::error("server_shutting_down", "the server is restarting; reconnect in a moment")).await;
                break;
            }
            pushed = rx.recv() => {
                let Some(push) = pushed else { break };
                if !send(&mut socket, &to_wire(push, &join_url)).await {
                    break;
                }
            }
            frame = socket.recv() => {
                last_seen = tokio::time::Instant::now();
                let text = match frame {
                    Some(Ok(Message::Text(t))) => t,
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => continue,
                };
                let reply = match decode(&text) {
                    Err(e) => Some(e),
                    Ok(msg) => handle(&state, &who, msg).await,
                };
                if let Some(r) = reply {
                    if !send(&mut socket, &r).await {
                        break;
                    }
                }
            }
        }
    }
    let _ = socket.send(Message::Close(None)).await;
    if let Who::Agent { agent_id } = &who {
        drop(rx);
        if let Err(e) = state.scheduling.console_gone(agent_id).await {
            tracing::warn!(error = %e, "releasing a closed console's agent failed");
        }
    }
}

/// One client message after authentication; returns the direct reply, if any.
async fn handle(state: &AppState, who: &Who, msg: ClientMsg) -> Option<ServerMsg> {
    let s = &state.scheduling;
    let res = match (who, msg) {
        (_, ClientMsg::Ping { id }) => return Some(ServerMsg::Pong { id }),
        (_, ClientMsg::Customer { .. } | ClientMsg::Agent { .. }) => return Some(ServerMsg::error("already_authenticated", "this socket is already authenticated")),
        (Who::Customer { session_id, .. }, ClientMsg::Leave {}) => match s.entry_for_session(session_id).await {
            Ok(Some(entry)) => s.leave(&entry).await.map(|()| None),
            Ok(None) => return Some(ServerMsg::error("queue_entry_not_found", "not waiting in the queue")),
            Err(e) => Err(e),
        },
        (Who::Customer { session_id, .. }, ClientMsg::Callback { email, phone }) => {
            let spec = crate::http::scheduling_views::ContactSpec { email, phone };
            let contact = match spec.into_contact() {
                Ok(c) if c.email.is_some() || c.phone.is_some() => c,
                Ok(_) => return Some(ServerMsg::error("contact_required", "a callback needs an e-mail address or a phone number")),
                Err(e) => return Some(ServerMsg::error(e.code(), e.to_string())),
            };
            match s.entry_for_session(session_id).await {
                Ok(Some(entry)) => s.callback(&entry, contact).await.map(|()| None),
                Ok(None) => return Some(ServerMsg::error("queue_entry_not_found", "not waiting in the queue")),
                Err(e) => Err(e),
            }
        }
        (Who::Agent { agent_id }, ClientMsg::Accept { offer_id }) => {
            s.accept(agent_id, &offer_id).await.map(|(_, session_id)| Some(ServerMsg::Accepted { offer_id, session_id }))
        }
        (Who::Agent { agent_id }, ClientMsg::Decline { offer_id }) => s.decline(agent_id, &offer_id).await.map(|()| None),
        // The actor pushes the resulting `presence` message.
        (Who::Agent { agent_id }, ClientMsg::Presence { state: target }) => s.set_presence(agent_id, target.state()).await.map(|_| None),
        (Who::Customer { .. }, _) => return Some(ServerMsg::error("forbidden", "agent messages are not allowed for customers")),
        (Who::Agent { .. }, _) => return Some(ServerMsg::error("forbidden", "customer messages are not allowed for agents")),
    };
    res.unwrap_or_else(|e| Some(ServerMsg::error(e.code(), e.to_string())))
}
