//! Wire format of the queue and console socket (`GET /api/v1/queue/ws`), the only place
//! that knows it; `docs/signaling-protocol.md` ("Queue and console socket") documents it.
//!
//! One JSON text frame per message with a `type` tag. Closed enums: unknown types and
//! missing or extra fields get an `error` reply and the socket stays open.

use serde::{Deserialize, Serialize};

/// Largest accepted text frame.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// First message of a waiting customer: the queue token (a customer join-link token).
    Customer { token: String },
    /// First message of an agent console.
    Agent { api_key: String, agent_id: String },
    /// Customer: leave the queue.
    Leave {},
    /// Customer: leave the queue and be called back.
    Callback {
        #[serde(default)]
        email: Option<String>,
        #[serde(default)]
        phone: Option<String>,
    },
    /// Agent: take the offered customer; answered with `accepted` (agent join link).
    Accept { offer_id: String },
    /// Agent: pass; the customer is offered to the next agent.
    Decline { offer_id: String },
    /// Agent: `available`, `away` or `offline`.
    Presence { state: String },
    Ping {
        #[serde(default)]
        id: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Authenticated. Customers get their queue entry (if queued yet), agents their presence.
    Ready {
        role: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        session_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        entry_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        presence: Option<String>,
    },
    /// Customer: place in the queue (1 = next) and estimated wait; sent when it changes.
    Position { entry_id: String, position: usize, estimated_wait_ms: i64 },
    /// Customer: an agent is being asked to take the call.
    Offered { entry_id: String },
    /// Customer: an agent accepted; join the call with `join_url`.
    AgentReady { entry_id: String, join_url: String },
    /// Customer: the entry left the queue (`left`, `callback`, `done`).
    Closed { entry_id: String, status: String },
    /// Agent: a customer is offered; accept or decline before `expires_at` (unix ms).
    Offer { offer_id: String, entry_id: String, session_id: String, needs: Vec<String>, expires_at: i64 },
    /// Agent: the offer is gone (`timed_out` or `cancelled` because the customer left).
    OfferExpired { offer_id: String, reason: String },
    /// Agent: reply to `accept`.
    Accepted { offer_id: String, session_id: String, join_url: String },
    /// Agent: the agent's presence changed.
    Presence { state: String },
    Pong { id: u64 },
    Error { code: String, message: String },
}

impl ServerMsg {
    pub fn error(code: &str, message: impl Into<String>) -> ServerMsg {
        ServerMsg::Error { code: code.to_owned(), message: message.into() }
    }
}

/// Parses one text frame, or the `error` reply for it.
pub fn decode(text: &str) -> Result<ClientMsg, ServerMsg> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(ServerMsg::error("message_too_large", format!("messages are limited to {MAX_MESSAGE_BYTES} bytes")));
    }
    serde_json::from_str(text).map_err(|e| ServerMsg::error("malformed_message", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_types_and_extra_fields_are_refused() {
        assert!(decode(r#"{"type":"dance"}"#).is_err());
        assert!(decode(r#"{"type":"accept","offer_id":"a","x":1}"#).is_err());
        assert_eq!(decode(r#"{"type":"leave"}"#), Ok(ClientMsg::Leave {}));
    }
}
