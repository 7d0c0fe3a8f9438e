//! High-resolution stills: at the agent's request the customer's browser takes a full-resolution
//! photo from its camera and uploads it. Each still is checked (a real JPEG or PNG, dimensions
//! read from the header before anything is decoded, within limits), hashed, and stored with the
//! session's evidence.

use crate::db::Db;
use crate::profiles::StillKind;
use crate::vault::{DataKey, VaultError};
use domain::SessionId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Largest accepted still: a 4K phone photo as JPEG is far below this.
pub const MAX_BYTES: usize = 12 * 1024 * 1024;
/// Largest accepted side: more is a decompression bomb, not a camera.
pub const MAX_SIDE: u32 = 8192;

/// A stored still, as listed (the bytes are fetched separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Still {
    pub id: String,
    pub kind: StillKind,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    /// Unix ms.
    #[ts(type = "number")]
    pub captured_at: i64,
}

/// Why an upload is refused (stable codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StillRefusal {
    #[error("the upload is not a JPEG or PNG image")]
    NotAnImage,
    #[error("the image is larger than allowed")]
    TooLarge,
    #[error("the image's dimensions are not plausible for a camera photo")]
    BadDimensions,
}

impl StillRefusal {
    pub fn code(self) -> &'static str {
        match self {
            StillRefusal::NotAnImage => "unsupported_image",
            StillRefusal::TooLarge => "image_too_large",
            StillRefusal::BadDimensions => "image_dimensions",
        }
    }
}

/// Checks an upload without decoding it: the content type from its magic bytes, and its
/// dimensions from its header.
pub fn inspect(bytes: &[u8]) -> Result<(&'static str, u32, u32), StillRefusal> {
    if bytes.len() > MAX_BYTES {
        return Err(StillRefusal::TooLarge);
    }
    let ctype = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return Err(StillRefusal::NotAnImage);
    };
    let size = imagesize::blob_size(bytes).map_err(|_| StillRefusal::NotAnImage)?;
    let (w, h) = (size.width as u64, size.height as u64);
    if w < 64 || h < 64 || w > u64::from(MAX_SIDE) || h > u64::from(MAX_SIDE) {
        return Err(StillRefusal::BadDimensions);
    }
    Ok((ctype, w as u32, h as u32))
}

/// Stores a checked still, encrypted with the session's data key.
pub async fn store(db: &Db, key: &DataKey, session: &SessionId, kind: StillKind, bytes: &[u8], request_id: &str, now: i64) -> Result<Result<Still, StillRefusal>, sqlx::Error> {
    let (ctype, width, height) = match inspect(bytes) {
        Ok(v) => v,
        Err(r) => return Ok(Err(r)),
    };
    let still = Still {
        id: domain::SessionId::random().into_string(),
        kind,
        content_type: ctype.to_owned(),
        width,
        height,
        sha256: hex::encode(Sha256::digest(bytes)),
        captured_at: now,
    };
    sqlx::query("INSERT INTO stills (id, session_id, kind, content_type, width, height, sha256, bytes, request_id, captured_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&still.id)
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .bind(ctype)
        .bind(i64::from(width))
        .bind(i64::from(height))
        .bind(&still.sha256)
        .bind(key.seal(&format!("still:{}", still.id), bytes))
        .bind(request_id.to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(Ok(still))
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Still, sqlx::Error> {
    Ok(Still {
        id: r.try_get("id")?,
        kind: r.try_get::<String, _>("kind")?.parse().map_err(|_| sqlx::Error::Decode("still kind".into()))?,
        content_type: r.try_get("content_type")?,
        width: r.try_get::<i64, _>("width")? as u32,
        height: r.try_get::<i64, _>("height")? as u32,
        sha256: r.try_get("sha256")?,
        captured_at: r.try_get("captured_at")?,
    })
}

pub async fn list(db: &Db, session: &SessionId) -> Result<Vec<Still>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, kind, content_type, width, height, sha256, captured_at FROM stills WHERE session_id = $1 ORDER BY captured_at")
        .bind(session.as_str().to_owned())
        .fetch_all(db)
        .await?;
    rows.iter().map(from_row).collect()
}

/// A still's bytes (decrypted) and content type, if it belongs to the session.
pub async fn bytes(db: &Db, key: &DataKey, session: &SessionId, id: &str) -> Result<Option<(String, Vec<u8>)>, VaultError> {
    let row = sqlx::query("SELECT content_type, bytes FROM stills WHERE session_id = $1 AND id = $2")
        .bind(session.as_str().to_owned())
        .bind(id.to_owned())
        .fetch_optional(db)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let sealed: Vec<u8> = r.try_get("bytes")?;
    Ok(Some((r.try_get("content_type")?, key.open(&format!("still:{id}"), &sealed)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid PNG header of a `w`×`h` image (enough for the size check).
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        v.extend(w.to_be_bytes());
        v.extend(h.to_be_bytes());
        v.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        v
    }

    #[test]
    fn a_camera_sized_png_is_accepted_with_its_dimensions() {
        assert_eq!(inspect(&png_header(1280, 720)), Ok(("image/png", 1280, 720)));
    }

    #[test]
    fn text_tiny_and_bomb_sized_images_are_refused() {
        assert_eq!(inspect(b"hello world, not a picture"), Err(StillRefusal::NotAnImage));
        assert_eq!(inspect(&png_header(10, 10)), Err(StillRefusal::BadDimensions));
        assert_eq!(inspect(&png_header(60_000, 60_000)), Err(StillRefusal::BadDimensions));
        assert_eq!(inspect(&vec![0xFF; MAX_BYTES + 1]), Err(StillRefusal::TooLarge));
    }
}
