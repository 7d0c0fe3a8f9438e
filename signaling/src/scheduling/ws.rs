//! The queue and console socket: one task per connection. The first message says who is
//! connecting (a waiting customer with the queue token, or an agent console with the API
//! key and its agent id); afterwards the task forwards what the actor pushes and turns the
//! client's messages into actor commands. Errors are answered and the socket stays open.

use super::handle::Outbox;
use super::protocol::{ClientMsg, MAX_MESSAGE_BYTES, ServerMsg, decode};
use super::queue_routes::accept_and_link;
use crate::AppState;
use crate::error::AppError;
use crate::sessions;
use crate::tokens::constant_time_eq;
use crate::ws::protocol::Role;
use axum::extract::ws::{Message, WebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::response::Response;
use std::time::Duration;
use tokio::sync::mpsc;

/// How long a fresh socket may take to say who it is.
const AUTH_TIMEOUT: Duration = Duration::from_secs(10);
/// Refused `customer`/`agent` messages before the socket is closed.
const MAX_REFUSALS: u32 = 3;
/// WebSocket pings this often; a socket silent for three periods is closed.
const PING_EVERY: Duration = Duration::from_secs(15);

pub async fn upgrade(ws: WebSocketUpgrade, State(state): State<AppState>) -> Response {
    ws.max_message_size(MAX_MESSAGE_BYTES * 16).on_upgrade(move |socket| serve(socket, state))
}

enum Who {
    Customer { session_id: String, token: String },
    Agent { agent_id: String },
}

async fn send(socket: &mut WebSocket, msg: &ServerMsg) -> bool {
    match serde_json::to_string(msg) {
        Ok(text) => socket.send(Message::Text(text.into())).await.is_ok(),
        Err(_) => false,
    }
}

fn app_error_msg(e: AppError) -> ServerMsg {
    let code = match &e {
        AppError::NotFound(c) => *c,
        AppError::BadRequest { code, .. } | AppError::Conflict { code, .. } => *code,
        AppError::Unauthenticated => "unauthenticated",
        AppError::Internal(err) => {
            tracing::error!(error = %format!("{err:#}"), "queue socket command failed");
            return ServerMsg::error("internal", "internal error");
        }
    };
    ServerMsg::error(code, e.to_string())
}

/// Waits for the identifying first message; other messages before it get an error.
async fn authenticate(socket: &mut WebSocket, state: &AppState) -> Option<Who> {
    let deadline = tokio::time::sleep(AUTH_TIMEOUT);
    tokio::pin!(deadline);
    let mut refusals = 0;
    loop {
        let frame = tokio::select! {
            f = socket.recv() => f,
            _ = &mut deadline => {
                send(socket, &ServerMsg::error("auth_timeout", "no customer/agent message in time")).await;
                return None;
            }
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
            Ok(ClientMsg::Customer { token }) => match sessions::admit(&state.db, &token, crate::db::now_ms()).await {
                Ok(Ok(a)) if a.role == Role::Customer => return Some(Who::Customer { session_id: a.session_id, token }),
                Ok(Ok(_)) => ServerMsg::error("invalid_token", "not a customer token"),
                Ok(Err(refusal)) => ServerMsg::error(refusal.code(), refusal.to_string()),
                Err(e) => app_error_msg(e.into()),
            },
            Ok(ClientMsg::Agent { api_key, agent_id }) => {
                let key = state.config.api_key.0.as_bytes();
                if !key.is_empty() && constant_time_eq(api_key.as_bytes(), key) {
                    return Some(Who::Agent { agent_id });
                }
                ServerMsg::error("unauthenticated", "wrong API key")
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

pub async fn serve(mut socket: WebSocket, state: AppState) {
    let Some(who) = authenticate(&mut socket, &state).await else { return };
    let (tx, mut rx): (Outbox, _) = mpsc::unbounded_channel();
    let subscribed = match &who {
        Who::Customer { session_id, .. } => state.scheduling.subscribe_customer(session_id, tx.clone()).await,
        Who::Agent { agent_id } => state.scheduling.subscribe_agent(agent_id, tx.clone()).await,
    };
    if let Err(e) = subscribed {
        send(&mut socket, &app_error_msg(e)).await;
        return;
    }
    drop(tx);
    let join_url = match &who {
        Who::Customer { token, .. } => format!("{}/call/#t={token}", state.config.public_url.trim_end_matches('/')),
        Who::Agent { .. } => String::new(),
    };
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    let mut last_seen = tokio::time::Instant::now();
    loop {
        tokio::select! {
            _ = ping.tick() => {
                if last_seen.elapsed() > PING_EVERY * 3 || socket.send(Message::Ping(Default::default())).await.is_err() {
                    return;
                }
            }
            pushed = rx.recv() => {
                let Some(mut msg) = pushed else { return };
                if let ServerMsg::AgentReady { join_url: url, .. } = &mut msg {
                    url.clone_from(&join_url);
                }
                if !send(&mut socket, &msg).await {
                    return;
                }
            }
            frame = socket.recv() => {
                last_seen = tokio::time::Instant::now();
                let text = match frame {
                    Some(Ok(Message::Text(t))) => t,
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                    Some(Ok(_)) => continue,
                };
                let reply = match decode(&text) {
                    Err(e) => Some(e),
                    Ok(msg) => handle(&state, &who, msg).await,
                };
                if let Some(r) = reply {
                    if !send(&mut socket, &r).await {
                        return;
                    }
                }
            }
        }
    }
}

/// One client message after authentication; returns the direct reply, if any.
async fn handle(state: &AppState, who: &Who, msg: ClientMsg) -> Option<ServerMsg> {
    let s = &state.scheduling;
    let res: Result<Option<ServerMsg>, AppError> = match (who, msg) {
        (_, ClientMsg::Ping { id }) => Ok(Some(ServerMsg::Pong { id })),
        (_, ClientMsg::Customer { .. } | ClientMsg::Agent { .. }) => Err(AppError::bad_request("already_authenticated", "this socket is already authenticated")),
        (Who::Customer { session_id, .. }, ClientMsg::Leave {}) => match s.entry_for_session(session_id).await {
            Ok(Some(entry)) => s.leave(&entry).await.map(|()| None),
            Ok(None) => Err(AppError::NotFound("not_found")),
            Err(e) => Err(e),
        },
        (Who::Customer { session_id, .. }, ClientMsg::Callback { email, phone }) => {
            let contact = super::views::ContactSpec { email, phone }.into_contact();
            match (contact, s.entry_for_session(session_id).await) {
                (Ok(c), Ok(Some(entry))) if c.email.is_some() || c.phone.is_some() => s.callback(&entry, c).await.map(|()| None),
                (Ok(_), Ok(Some(_))) => Err(AppError::bad_request("invalid_input", "a callback needs an email or a phone number")),
                (Err(e), _) | (_, Err(e)) => Err(e),
                (_, Ok(None)) => Err(AppError::NotFound("not_found")),
            }
        }
        (Who::Agent { agent_id }, ClientMsg::Accept { offer_id }) => accept_and_link(state, agent_id, &offer_id)
            .await
            .map(|a| Some(ServerMsg::Accepted { offer_id: a.offer_id, session_id: a.session_id, join_url: a.join_link.url })),
        (Who::Agent { agent_id }, ClientMsg::Decline { offer_id }) => s.decline(agent_id, &offer_id).await.map(|()| None),
        (Who::Agent { agent_id }, ClientMsg::Presence { state: target }) => {
            match serde_json::from_value::<super::views::PresenceTarget>(serde_json::Value::String(target)) {
                // The actor pushes the resulting `presence` message.
                Ok(t) => s.set_presence(agent_id, t.state()).await.map(|_| None),
                Err(_) => Err(AppError::bad_request("invalid_input", "presence is `available`, `away` or `offline`")),
            }
        }
        (Who::Customer { .. }, _) => Err(AppError::bad_request("not_allowed", "agent messages are not allowed for customers")),
        (Who::Agent { .. }, _) => Err(AppError::bad_request("not_allowed", "customer messages are not allowed for agents")),
    };
    res.unwrap_or_else(|e| Some(app_error_msg(e)))
}
