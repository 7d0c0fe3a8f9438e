//! The media-ai sidecar's framing (media-ai/PROTOCOL.md): `u32` big-endian length, `u8` kind,
//! payload. The server side of that protocol is known here and nowhere else.

use bytes::{BufMut, BytesMut};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The sidecar protocol version this server speaks.
pub const PROTOCOL: u32 = 2;
pub const KIND_JSON: u8 = 1;
pub const KIND_REFERENCE: u8 = 2;
pub const KIND_FRAME: u8 = 3;
const FORMAT_I420: u8 = 2;
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

/// A decoded I420 frame in the sidecar's frame format.
pub fn i420_frame(width: u32, height: u32, timestamp_ms: u64, pixels: &[u8]) -> BytesMut {
    let mut b = BytesMut::with_capacity(25 + pixels.len());
    b.put_u32(20 + pixels.len() as u32 + 1);
    b.put_u8(KIND_FRAME);
    b.put_u8(FORMAT_I420);
    b.put_slice(&[0, 0, 0]);
    b.put_u32(width);
    b.put_u32(height);
    b.put_u64(timestamp_ms);
    b.put_slice(pixels);
    b
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
    fn a_frame_header_carries_format_size_and_time() {
        let f = i420_frame(2, 2, 7, &[0; 6]);
        assert_eq!(u32::from_be_bytes([f[0], f[1], f[2], f[3]]), 27);
        assert_eq!(f[4], KIND_FRAME);
        assert_eq!(f[5], FORMAT_I420);
        assert_eq!(&f[9..13], &2u32.to_be_bytes());
        assert_eq!(&f[17..25], &7u64.to_be_bytes());
    }
}
