//! The signaling wire format, version 1. This module is the only place that knows it;
//! `docs/signaling-protocol.md` documents it for client authors.
//!
//! Every message is one JSON text frame with a `type` tag. Unknown types, missing fields and
//! oversized frames are answered with an [`ServerMsg::Error`]; the socket stays open.

use serde::{Deserialize, Serialize};

/// Protocol version spoken by this server. A client announces its version in `join`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Largest accepted text frame. An SDP offer from Chromium is about 6 KiB; 64 KiB leaves room
/// without letting a client make the server parse megabytes.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

pub use crate::sfu::Candidate;
use crate::profiles::{PromptKind, StillKind};
pub use domain::Party;
use domain::{EndReason, SessionId};

/// An ICE server handed to clients, with short-lived TURN credentials when TURN is configured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IceServer {
    pub urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// Messages a client sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "CallClientMsg")]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// First message. A customer presents the token of their link; a signed-in agent names the
    /// session (the agent is taken from the socket's staff cookie). Nothing else is accepted
    /// before it.
    Join {
        #[serde(default)]
        #[ts(optional)]
        token: Option<String>,
        #[serde(default)]
        #[ts(optional)]
        session_id: Option<SessionId>,
        protocol: u32,
    },
    /// An SDP offer (initial, renegotiation or ICE restart). The server answers with `answer`.
    Offer { sdp: String },
    /// A trickled local candidate of the client. `null`-candidate end-of-gathering is `candidate: ""`.
    Candidate { candidate: Candidate },
    /// The client's own mute state, relayed to the other party.
    Mute { audio: bool, video: bool },
    /// Keep-alive; answered with `pong` carrying the same `id`.
    Ping {
        #[serde(default)]
        #[ts(type = "number")]
        id: u64,
    },
    /// Leave the call for now (page reload, device switch); the session stays open for a rejoin.
    Leave {},
    /// Hang up: ends the session for both parties.
    Hangup {},
    /// Agent only: start a head-movement challenge, either the given `steps` or `moves` random
    /// movements. The customer's page is not told which; the agent reads them out.
    StartChallenge {
        #[serde(default)]
        #[ts(optional)]
        steps: Option<Vec<String>>,
        #[serde(default)]
        #[ts(optional)]
        moves: Option<u8>,
        #[serde(default)]
        #[ts(optional)]
        step_timeout_ms: Option<u32>,
    },
    /// Agent only: ask the customer's browser for a full-resolution still of this kind.
    Capture { kind: StillKind },
    /// Agent only: show a step prompt on the customer's screen (`turn_head` with a `direction`).
    Prompt {
        kind: PromptKind,
        #[serde(default)]
        #[ts(optional)]
        direction: Option<String>,
    },
    /// Agent only: draw random digits for the customer to read aloud.
    StartReadAloud {},
    /// Agent only: whether the customer read the digits correctly.
    ReadAloudResult { id: String, passed: bool },
}

/// Messages the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "CallServerMsg")]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    Joined {
        protocol: u32,
        session_id: SessionId,
        role: Party,
        ice_servers: Vec<IceServer>,
        /// Whether the other party is connected right now.
        peer_present: bool,
    },
    Answer { sdp: String },
    Candidate { candidate: Candidate },
    PeerJoined { role: Party },
    PeerLeft { role: Party },
    PeerMute { role: Party, audio: bool, video: bool },
    /// The server's media connection with this client changed state (`connected`, `failed`, …).
    MediaState { state: crate::sfu::MediaState },
    Pong {
        #[ts(type = "number")]
        id: u64,
    },
    /// Agent only: an event of the face-analysis sidecar (media-ai/PROTOCOL.md, "Events").
    Ai { event: serde_json::Value },
    /// Agent only: whether face analysis is running for this call.
    AiStatus { available: bool },
    /// Agent only: the recording stopped working (`recording: false`, with the reason); the
    /// call goes on, but the identification cannot be approved without a healthy recording.
    RecordingStatus { recording: bool, reason: Option<String> },
    /// The session is over (hang-up, ended by the integrator or staff, maximum length); the
    /// server closes the socket.
    Ended { reason: EndReason },
    /// The server is shutting down (a restart): the session goes on; rejoin in a moment.
    ServerClosing {},
    /// Customer: take a full-resolution photo of this kind and upload it with `request_id`
    /// (`POST /api/v1/sessions/{id}/stills`).
    Capture { kind: StillKind, request_id: String },
    /// Customer: show this step; `countdown_ms` when it is timed.
    Prompt {
        kind: PromptKind,
        direction: Option<String>,
        digits: Option<String>,
        countdown_ms: Option<u32>,
    },
    /// Customer: the step is over; clear the prompt.
    PromptClear {},
    /// Agent: a still arrived.
    Still { still: crate::evidence::stills::Still },
    /// Agent: the read-aloud challenge drawn for the customer.
    ReadAloud { read_aloud: crate::evidence::steps::ReadAloud },
    Error { code: String, message: String },
}

impl ServerMsg {
    pub fn error(code: &str, message: impl Into<String>) -> ServerMsg {
        ServerMsg::Error { code: code.to_owned(), message: message.into() }
    }
}

/// Why an incoming frame could not be turned into a [`ClientMsg`].
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("message of {0} bytes exceeds the limit of {MAX_MESSAGE_BYTES}")]
    TooLarge(usize),
    #[error("malformed message: {0}")]
    Malformed(String),
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::TooLarge(_) => "message_too_large",
            DecodeError::Malformed(_) => "malformed_message",
        }
    }
}

pub fn decode(text: &str) -> Result<ClientMsg, DecodeError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(DecodeError::TooLarge(text.len()));
    }
    // The serde error names the field or variant at fault, never echoes values.
    serde_json::from_str(text).map_err(|e| DecodeError::Malformed(e.to_string()))
}

pub fn encode(msg: &ServerMsg) -> String {
    // Serialising these plain structs cannot fail; fall back to a fixed error frame if it ever did.
    serde_json::to_string(msg).unwrap_or_else(|_| {
        r#"{"type":"error","code":"internal","message":"encoding failed"}"#.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_message_decodes() {
        let m = decode(r#"{"type":"join","token":"abc","protocol":1}"#);
        assert_eq!(m, Ok(ClientMsg::Join { token: Some("abc".into()), session_id: None, protocol: 1 }));
    }

    #[test]
    fn candidate_uses_browser_field_names() {
        let m = decode(
            r#"{"type":"candidate","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"u"}}"#,
        )
        .expect("decodes");
        let ClientMsg::Candidate { candidate } = m else { panic!("wrong variant") };
        assert_eq!(candidate.sdp_mid.as_deref(), Some("0"));
        assert_eq!(candidate.sdp_mline_index, Some(0));
    }

    #[test]
    fn unknown_type_is_malformed() {
        assert!(matches!(decode(r#"{"type":"dance"}"#), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn leave_and_hangup_carry_no_fields() {
        assert_eq!(decode(r#"{"type":"leave"}"#), Ok(ClientMsg::Leave {}));
        assert_eq!(decode(r#"{"type":"hangup"}"#), Ok(ClientMsg::Hangup {}));
    }

    #[test]
    fn unknown_field_is_malformed() {
        assert!(matches!(decode(r#"{"type":"leave","x":1}"#), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn non_json_is_malformed() {
        assert!(matches!(decode("hello"), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn oversized_message_is_rejected_before_parsing() {
        let big = format!(r#"{{"type":"offer","sdp":"{}"}}"#, "a".repeat(MAX_MESSAGE_BYTES));
        assert_eq!(decode(&big), Err(DecodeError::TooLarge(big.len())));
    }

    #[test]
    fn server_messages_are_tagged_snake_case() {
        let s = encode(&ServerMsg::PeerJoined { role: Party::Agent });
        assert_eq!(s, r#"{"type":"peer_joined","role":"agent"}"#);
    }
}
