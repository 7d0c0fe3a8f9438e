//! One ID-document read by the media-ai sidecar (PROTOCOL.md, "Document reading"): a
//! short-lived connection of its own per read (a read takes about a second of CPU on the
//! connection's worker, which must never be a live call's), the `auth` handshake, the
//! `document` command and the image, then the `document_result` — within a time limit.

use super::wire;
use crate::config::Secret;
use rand::Rng;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Why a read gave no result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// No sidecar is configured, or it cannot be reached.
    #[error("the document reader is not available")]
    Unavailable,
    /// The sidecar speaks another protocol, refuses our secret, or accepts anybody while we hold one.
    #[error("the document reader is misconfigured")]
    Misconfigured,
    #[error("the document reader did not answer in time")]
    Timeout,
    /// The sidecar refused the image (its stable code: `not_an_image`, `image_dimensions_too_large`, …).
    #[error("the document reader refused the image: {0}")]
    Refused(String),
}

/// Reads `image` (JPEG or PNG) and returns the sidecar's `document_result` message.
/// `year` is the birth-century rule's current year (the server's clock, not the sidecar's).
pub async fn read(addr: SocketAddr, secret: &Secret, image: &[u8], year: i32, limit: Duration) -> Result<Value, ReadError> {
    tokio::time::timeout(limit, exchange(addr, secret, image, year)).await.map_err(|_| ReadError::Timeout)?
}

async fn exchange(addr: SocketAddr, secret: &Secret, image: &[u8], year: i32) -> Result<Value, ReadError> {
    let stream = TcpStream::connect(addr).await.map_err(|_| ReadError::Unavailable)?;
    let _ = stream.set_nodelay(true);
    let (mut reader, mut writer) = stream.into_split();
    let hello = wire::read_event(&mut reader).await.map_err(|_| ReadError::Unavailable)?;
    if hello["type"] != "hello" || hello["protocol"] != wire::PROTOCOL {
        tracing::error!(protocol = %hello["protocol"], "the media-ai sidecar speaks another protocol");
        return Err(ReadError::Misconfigured);
    }
    if hello["auth"] == "none" && !secret.0.is_empty() {
        tracing::error!("the media-ai sidecar accepts unauthenticated connections; refusing to send it a document");
        return Err(ReadError::Misconfigured);
    }
    let request_id = format!("doc-{:016x}", rand::thread_rng().r#gen::<u64>());
    // The kind-2 message right after a `document` command is the document (not a face reference).
    let mut out = wire::json(&json!({"type": "auth", "secret": secret.0}));
    out.extend_from_slice(&wire::json(&json!({"type": "document", "request_id": request_id, "year": year})));
    out.extend_from_slice(&wire::message(wire::KIND_REFERENCE, image));
    writer.write_all(&out).await.map_err(|_| ReadError::Unavailable)?;
    loop {
        let v = wire::read_event(&mut reader).await.map_err(|_| ReadError::Unavailable)?;
        match v["type"].as_str() {
            Some("document_result") if v["request_id"] == request_id.as_str() => return Ok(v),
            Some("error") => {
                let code = v["code"].as_str().unwrap_or("document_read_failed").to_owned();
                if code.starts_with("auth_") {
                    tracing::error!(code, "the media-ai sidecar refused our secret");
                    return Err(ReadError::Misconfigured);
                }
                if v["request_id"] == request_id.as_str() || v["fatal"] == true {
                    return Err(ReadError::Refused(code));
                }
            }
            _ => {} // `authenticated` and anything else not ours
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn nobody_listening_means_unavailable_not_a_hang() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(1);
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        assert_eq!(read(addr, &Secret::default(), b"x", 2030, Duration::from_secs(2)).await, Err(ReadError::Unavailable));
    }

    #[tokio::test]
    async fn a_silent_sidecar_times_out() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let _keep = tokio::spawn(async move {
            let (_s, _) = listener.accept().await.expect("accept");
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        assert_eq!(read(addr, &Secret::default(), b"x", 2030, Duration::from_millis(200)).await, Err(ReadError::Timeout));
    }
}
