//! Wire format of the queue and console socket (`GET /api/v1/queue/ws`), the only place
//! that knows it; `docs/signaling-protocol.md` ("Queue and console socket") documents it.
//!
//! One JSON text frame per message with a `type` tag. Closed enums: unknown types and
//! missing or extra fields get an `error` reply and the socket stays open.

use domain::{EntryId, EntryStatus, OfferId, OfferStatus, PresenceState, SessionId};
use serde::{Deserialize, Serialize};

/// Largest accepted text frame.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// What an agent may set its presence to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PresenceTarget {
    Available,
    Away,
    Offline,
}

impl PresenceTarget {
    pub fn state(self) -> PresenceState {
        match self {
            PresenceTarget::Available => PresenceState::Available,
            PresenceTarget::Away => PresenceState::Away,
            PresenceTarget::Offline => PresenceState::Offline,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export, rename = "QueueClientMsg")]
pub enum ClientMsg {
    /// First message of a waiting customer: the token of their link.
    Customer { token: String },
    /// First message of an agent console; the agent is the staff member signed in with the
    /// socket's cookie.
    Agent {},
    /// Customer: leave the queue.
    Leave {},
    /// Customer: leave the queue and be called back.
    Callback {
        #[serde(default)]
        #[ts(optional)]
        email: Option<String>,
        #[serde(default)]
        #[ts(optional)]
        phone: Option<String>,
    },
    /// Agent: take the offered customer; answered with `accepted`.
    Accept { offer_id: OfferId },
    /// Agent: pass; the customer is offered to the next agent.
    Decline { offer_id: OfferId },
    Presence { state: PresenceTarget },
    Ping {
        #[serde(default)]
        #[ts(type = "number")]
        id: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export, rename = "QueueServerMsg")]
pub enum ServerMsg {
    /// A customer is subscribed: their queue entry, if queued yet.
    CustomerReady { session_id: SessionId, entry_id: Option<EntryId> },
    /// An agent console is subscribed: the agent's presence.
    AgentReady { presence: PresenceState },
    /// Customer: place in the queue (1 = next) and estimated wait; sent when it changes.
    Position { entry_id: EntryId, position: usize, estimated_wait_ms: i64 },
    /// Customer: an agent is being asked to take the call.
    Offered { entry_id: EntryId },
    /// Customer: an agent accepted; join the call with `join_url`.
    AgentJoining { entry_id: EntryId, join_url: String },
    /// Customer: the entry left the queue.
    Closed { entry_id: EntryId, status: EntryStatus },
    /// Agent: a customer is offered; accept or decline before `expires_at` (unix ms).
    Offer { offer_id: OfferId, entry_id: EntryId, session_id: SessionId, needs: Vec<String>, expires_at: i64 },
    /// Agent: the offer is gone (`timed_out`, or `cancelled` because the customer left).
    OfferExpired { offer_id: OfferId, reason: OfferStatus },
    /// Agent: reply to `accept`; join the call with `{"type":"join","session_id":…}` on `/ws`.
    Accepted { offer_id: OfferId, session_id: SessionId },
    /// Agent: the agent's presence changed.
    Presence {
        state: PresenceState,
        wrap_up_until: Option<i64>,
    },
    /// Agent: the queue at a glance (customers waiting, since when the longest).
    QueueStats { stats: crate::scheduling::QueueStats },
    Pong {
        #[ts(type = "number")]
        id: u64,
    },
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

    #[test]
    fn an_agent_names_nobody_in_its_first_message() {
        assert_eq!(decode(r#"{"type":"agent"}"#), Ok(ClientMsg::Agent {}));
        assert!(decode(r#"{"type":"agent","agent_id":"someone-else"}"#).is_err());
    }

    #[test]
    fn presence_targets_are_a_closed_set() {
        assert!(decode(r#"{"type":"presence","state":"in_call"}"#).is_err());
        assert_eq!(decode(r#"{"type":"presence","state":"away"}"#), Ok(ClientMsg::Presence { state: PresenceTarget::Away }));
    }
}
