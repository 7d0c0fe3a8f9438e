//! The media-ai sidecar's framing (media-ai/PROTOCOL.md): `u32` big-endian length, `u8` kind,
//! payload. The server side of that protocol is known here and nowhere else.

use bytes::{BufMut, BytesMut};
use serde_json::Value;
use std::time::SystemTime;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The sidecar protocol version this server speaks (3: the video goes as RTP, kind 4).
pub const PROTOCOL: u32 = 3;
pub const KIND_JSON: u8 = 1;
pub const KIND_REFERENCE: u8 = 2;
pub const KIND_RTP: u8 = 4;
const MAX_LEN: u32 = 64 * 1024 * 1024;

pub fn message(kind: u8, payload: &[u8]) -> BytesMut {
    let mut b = BytesMut::with_capacity(5 + payload.len());
    b.put_u32(payload.len() as u32 + 1);
    b.put_u8(kind);
    b.put_slice(payload);
    b
}

pub fn json(v: &Value) -> BytesMut {
    message(KIND_JSON, v.to_string().as_bytes())
}

/// One video RTP packet as it arrived from the customer (decrypted), with its arrival time in µs
/// since the Unix epoch, appended to `b`: the sidecar reorders and decodes.
pub fn put_rtp(b: &mut BytesMut, arrival: SystemTime, packet: &[u8]) {
    let us = arrival.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_micros() as u64;
    b.reserve(13 + packet.len());
    b.put_u32(9 + packet.len() as u32);
    b.put_u8(KIND_RTP);
    b.put_u64(us);
    b.put_slice(packet);
}

/// Reads the next event (a JSON message). Non-JSON kinds from the sidecar are skipped.
pub async fn read_event<R: AsyncRead + Unpin>(r: &mut R) -> std::io::Result<Value> {
    loop {
        let len = r.read_u32().await?;
        if len == 0 || len > MAX_LEN {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "bad frame length from media-ai"));
        }
        let kind = r.read_u8().await?;
        let mut payload = vec![0u8; len as usize - 1];
        r.read_exact(&mut payload).await?;
        if kind == KIND_JSON {
            return serde_json::from_slice(&payload)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_json_message_round_trips_through_the_framing() {
        let v = serde_json::json!({"type": "ping"});
        let bytes = json(&v);
        assert_eq!(&bytes[..5], &[0, 0, 0, 16, 1]);
        let mut r = &bytes[..];
        assert_eq!(read_event(&mut r).await.expect("decodes"), v);
    }

    #[test]
    fn an_rtp_message_carries_the_arrival_time_in_microseconds_then_the_packet() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(1_764_480_000_123_456);
        let mut m = BytesMut::new();
        put_rtp(&mut m, at, &[0x80, 96, 1, 2]);
        assert_eq!(u32::from_be_bytes([m[0], m[1], m[2], m[3]]), 13);
        assert_eq!(m[4], KIND_RTP);
        assert_eq!(&m[5..13], &1_764_480_000_123_456u64.to_be_bytes());
        assert_eq!(&m[13..], &[0x80, 96, 1, 2]);
    }
}
