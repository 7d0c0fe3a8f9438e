//! Wire format of the sidecar (see `media-ai/PROTOCOL.md`).
//!
//! Every message, both directions: `u32` big-endian length of the rest, then a `u8` kind, then the
//! payload. Kinds: 1 = JSON object (commands and events), 2 = reference image (JPEG/PNG bytes),
//! 3 = video frame (20-byte header + pixels), 4 = video RTP packet (8-byte arrival time + packet).

use std::io::{self, Read, Write};

use serde::Deserialize;

use crate::challenge::Step;

pub const KIND_JSON: u8 = 1;
pub const KIND_REFERENCE: u8 = 2;
pub const KIND_FRAME: u8 = 3;
pub const KIND_RTP: u8 = 4;
/// Largest accepted message (a 4K RGB frame is 25 MB).
pub const MAX_MESSAGE: usize = 64 << 20;
/// Protocol version announced in the `hello` event. 2: authentication, `code` on every error,
/// `models` on every analysis event, `pose` and `injection_hint` events. 3: the video as VP8 RTP
/// (kind 4), decoded by the sidecar, and the `keyframe_wanted` event.
pub const PROTOCOL_VERSION: u32 = 3;
/// Largest first message before authentication (an `auth` command is a few hundred bytes).
pub const MAX_AUTH_MESSAGE: usize = 64 << 10;
/// Frame pixel formats.
pub const FORMAT_RGB24: u8 = 1;
pub const FORMAT_I420: u8 = 2;
/// Size of the frame header: format u8, 3 reserved bytes, width u32, height u32, timestamp_ms u64.
pub const FRAME_HEADER: usize = 20;

/// Reads one message. `Ok(None)` on a clean end of stream before a new message.
/// A length of 0 or above [`MAX_MESSAGE`] is an `InvalidData` error: the stream cannot be
/// resynchronised after a broken length prefix, so the connection ends.
pub fn read_message(r: &mut impl Read) -> io::Result<Option<(u8, Vec<u8>)>> {
    read_message_limited(r, MAX_MESSAGE)
}

/// [`read_message`] with a smaller size limit (before authentication nothing large is read).
pub fn read_message_limited(r: &mut impl Read, max: usize) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len == 0 || len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("message length {len} outside 1..={max}"),
        ));
    }
    let mut kind = [0u8; 1];
    r.read_exact(&mut kind)?;
    let mut payload = vec![0u8; len - 1];
    r.read_exact(&mut payload)?;
    Ok(Some((kind[0], payload)))
}

/// Writes one message.
pub fn write_message(w: &mut impl Write, kind: u8, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len() + 1)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "message too large"))?;
    let mut buf = Vec::with_capacity(payload.len() + 5);
    buf.extend_from_slice(&len.to_be_bytes());
    buf.push(kind);
    buf.extend_from_slice(payload);
    w.write_all(&buf)?;
    w.flush()
}

/// Encodes a frame message payload (used by clients and tests).
pub fn encode_frame(
    format: u8,
    width: u32,
    height: u32,
    timestamp_ms: u64,
    pixels: &[u8],
) -> Vec<u8> {
    let mut v = Vec::with_capacity(FRAME_HEADER + pixels.len());
    v.extend_from_slice(&[format, 0, 0, 0]);
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&timestamp_ms.to_be_bytes());
    v.extend_from_slice(pixels);
    v
}

/// A decoded frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameHeader {
    pub format: u8,
    pub width: u32,
    pub height: u32,
    pub timestamp_ms: u64,
}

/// Splits a frame payload into header and pixels.
pub fn decode_frame(payload: &[u8]) -> Result<(FrameHeader, &[u8]), String> {
    if payload.len() < FRAME_HEADER {
        return Err(format!(
            "frame message shorter than its {FRAME_HEADER}-byte header"
        ));
    }
    let be32 =
        |i: usize| u32::from_be_bytes([payload[i], payload[i + 1], payload[i + 2], payload[i + 3]]);
    let mut ts = [0u8; 8];
    ts.copy_from_slice(&payload[12..20]);
    let h = FrameHeader {
        format: payload[0],
        width: be32(4),
        height: be32(8),
        timestamp_ms: u64::from_be_bytes(ts),
    };
    if h.format != FORMAT_RGB24 && h.format != FORMAT_I420 {
        return Err(format!(
            "unknown frame format {} (1 = RGB24, 2 = I420)",
            h.format
        ));
    }
    Ok((h, &payload[FRAME_HEADER..]))
}

/// Stable `code` of every `error` event (the `message` is for people and may change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The first message was not an `auth` command (fatal).
    AuthRequired,
    /// The secret was wrong (fatal).
    AuthFailed,
    /// Nothing arrived in time to authenticate (fatal).
    AuthTimeout,
    /// The sidecar already serves its maximum of sessions (fatal).
    TooManySessions,
    /// The models or ONNX Runtime could not be loaded (fatal).
    ModelsUnavailable,
    /// A broken length prefix or a socket error: the stream cannot continue (fatal).
    BadFraming,
    /// Malformed JSON, unknown command type or field.
    BadCommand,
    /// A bad frame header or a pixel count that does not match the size.
    BadFrame,
    /// A malformed RTP message (kind 4), or a video decoder that cannot start.
    BadRtp,
    /// A message kind other than 1, 2, 3 or 4.
    UnknownKind,
    /// A command, frame or reference before `start`.
    NoSession,
    /// The reference image could not be decoded.
    BadReference,
    /// A challenge command that cannot run (e.g. an empty step list).
    BadChallenge,
    /// A model failed on a frame or on the reference image.
    AnalysisFailed,
}

/// An `error` event.
pub fn error_event(code: ErrorCode, message: impl Into<String>, fatal: bool) -> serde_json::Value {
    serde_json::json!({"type": "error", "code": code, "message": message.into(), "fatal": fatal})
}

/// JSON commands from the server.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Must be the first message when the sidecar has a secret (see PROTOCOL.md).
    Auth { secret: super::auth::Secret },
    /// Starts (or restarts) a session; the reference image may follow as a kind-2 message.
    Start {
        session_id: String,
        /// Run the descriptor on every n-th frame (default 3).
        #[serde(default)]
        descriptor_every: Option<u32>,
        /// Run anti-spoofing on every n-th frame (default 3).
        #[serde(default)]
        antispoof_every: Option<u32>,
        /// Frames per second decoded from RTP video (kind 4) handed to analysis (default 8).
        #[serde(default)]
        video_fps: Option<u32>,
    },
    /// Starts a head-movement challenge: explicit `steps`, or `moves` random movements from `seed`.
    Challenge {
        #[serde(default)]
        steps: Option<Vec<Step>>,
        #[serde(default)]
        moves: Option<usize>,
        #[serde(default)]
        seed: Option<u64>,
        #[serde(default)]
        step_timeout_ms: Option<u64>,
        /// Consecutive analysed frames a pose must be seen on (default 2).
        #[serde(default)]
        hold_frames: Option<u32>,
        /// Media time those frames must span (default 200 ms).
        #[serde(default)]
        hold_ms: Option<u64>,
        #[serde(default)]
        mirrored: Option<bool>,
    },
    /// Asks for a `summary` event.
    Summary,
    /// Sends the `summary` event and closes the connection.
    End,
    /// Answered with `pong`.
    Ping,
    /// Reads the MRZ and capture quality of the document image sent next as a kind-2 message;
    /// answered with `document_result` (or `error`) carrying the same `request_id`.
    Document {
        request_id: String,
        /// Year for the birth-century rule (default: the sidecar's clock).
        #[serde(default)]
        year: Option<i32>,
    },
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_bad_lengths_are_rejected() {
        let mut buf = Vec::new();
        write_message(&mut buf, KIND_JSON, b"{}").unwrap_or_default();
        let mut r = &buf[..];
        assert_eq!(
            read_message(&mut r).ok().flatten(),
            Some((KIND_JSON, b"{}".to_vec()))
        );
        assert!(matches!(read_message(&mut r), Ok(None)));
        let mut bad: &[u8] = &[0xff, 0xff, 0xff, 0xff, 1];
        assert!(read_message(&mut bad).is_err());
    }

    #[test]
    fn frames_and_commands_decode() {
        let p = encode_frame(FORMAT_I420, 4, 2, 1234, &[0; 12]);
        let (h, px) = decode_frame(&p).unwrap_or((
            FrameHeader {
                format: 0,
                width: 0,
                height: 0,
                timestamp_ms: 0,
            },
            &[],
        ));
        assert_eq!(
            (h.width, h.height, h.timestamp_ms, px.len()),
            (4, 2, 1234, 12)
        );
        let c: Command =
            serde_json::from_str(r#"{"type":"challenge","steps":["centre","left"],"seed":5}"#)
                .unwrap_or(Command::Ping);
        assert!(matches!(c, Command::Challenge { steps: Some(ref s), .. } if s.len() == 2));
        assert!(serde_json::from_str::<Command>(r#"{"type":"explode"}"#).is_err());
    }
}
