//! ID document captures: the customer photographs (or uploads) the front and back of a document
//! of a type the profile allows. Each capture is checked before anything decodes it (the
//! stills' header check), read by media-ai (quality and MRZ), refused with the sidecar's retake
//! hint when blurred, glared, cut off or not a document, refused when the MRZ side shows no
//! MRZ, and otherwise stored sealed with its reading and its comparison with the application.

use super::mrz::{FieldComparison, Mrz};
use crate::db::Db;
use crate::vault::{DataKey, VaultError};
use domain::SessionId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use utoipa::ToSchema;

/// Largest accepted capture (a phone photo is far below).
pub const MAX_BYTES: usize = crate::evidence::stills::MAX_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Side {
    Front,
    Back,
}

/// The side of a document type that carries the machine-readable zone (ICAO 9303: a passport's
/// data page, the back of a TD1 card). Unknown types have none the server relies on.
pub fn mrz_side(doc_type: &str) -> Option<Side> {
    match doc_type {
        "passport" => Some(Side::Front),
        "id_card" | "residence_permit" => Some(Side::Back),
        _ => None,
    }
}

/// What media-ai said of a capture (`document_result`), as kept. `Debug` shows no MRZ.
#[derive(Clone, Serialize, Deserialize)]
pub struct Reading {
    pub mrz: Option<Mrz>,
    pub check_digits_ok: Option<bool>,
    #[serde(default)]
    pub lines: Vec<String>,
    pub quality: serde_json::Value,
    #[serde(default)]
    pub models: serde_json::Value,
}

/// Why a capture is not kept (stable codes: the retake hints are media-ai's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Keep(Box<Reading>),
    /// `no_document`, `document_cut_off`, `blurred`, `glare`: take the photo again.
    Retake(String),
    /// The MRZ side of the document, but no MRZ could be read.
    NoMrz,
    /// The answer did not have the documented shape.
    Malformed,
}

impl std::fmt::Debug for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reading").field("mrz", &self.mrz).field("check_digits_ok", &self.check_digits_ok).field("quality", &self.quality).finish_non_exhaustive()
    }
}

impl PartialEq for Reading {
    fn eq(&self, other: &Self) -> bool {
        serde_json::to_value(self).ok() == serde_json::to_value(other).ok()
    }
}
impl Eq for Reading {}

/// Judges media-ai's answer for a capture of `side` (pure).
pub fn judge(result: &serde_json::Value, mrz_expected: bool) -> Verdict {
    let Ok(reading) = serde_json::from_value::<Reading>(result.clone()) else { return Verdict::Malformed };
    if let Some(hint) = reading.quality["retake_hint"].as_str() {
        // Only the documented hints become codes; anything else is a generic retake.
        let code = match hint {
            "no_document" | "document_cut_off" | "blurred" | "glare" => hint,
            _ => "retake",
        };
        return Verdict::Retake(code.to_owned());
    }
    if mrz_expected && reading.mrz.is_none() {
        return Verdict::NoMrz;
    }
    Verdict::Keep(Box::new(reading))
}

/// A stored capture with its reading (decrypted for whoever may see it).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Document {
    pub id: String,
    pub doc_type: String,
    pub side: Side,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    pub created_at: i64,
    /// media-ai's quality figures (document found, blur, glare, cut off).
    #[schema(value_type = Object)]
    pub quality: serde_json::Value,
    /// `null` when the capture has no MRZ.
    pub check_digits_ok: Option<bool>,
    pub mrz: Option<Mrz>,
    /// The MRZ lines as read.
    pub lines: Vec<String>,
    /// The MRZ against the application at the time of reading: every mismatch is kept.
    pub comparison: Vec<FieldComparison>,
    /// The OCR models that read it (name, version, sha256).
    #[schema(value_type = Object)]
    pub models: serde_json::Value,
}

/// The sealed part of a document row.
#[derive(Serialize, Deserialize)]
struct SealedReading {
    mrz: Option<Mrz>,
    lines: Vec<String>,
    comparison: Vec<FieldComparison>,
}

pub struct NewDocument<'a> {
    pub doc_type: &'a str,
    pub side: Side,
    pub content_type: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: &'a [u8],
    pub reading: &'a Reading,
    pub comparison: Vec<FieldComparison>,
}

fn image_label(id: &str) -> String {
    format!("id-document:{id}")
}
fn reading_label(id: &str) -> String {
    format!("id-document-reading:{id}")
}

pub async fn store(db: &Db, key: &DataKey, session: &SessionId, d: NewDocument<'_>, now: i64) -> Result<Document, sqlx::Error> {
    let id = SessionId::random().into_string();
    let sealed = SealedReading { mrz: d.reading.mrz.clone(), lines: d.reading.lines.clone(), comparison: d.comparison.clone() };
    let doc = Document {
        id: id.clone(),
        doc_type: d.doc_type.to_owned(),
        side: d.side,
        content_type: d.content_type.to_owned(),
        width: d.width,
        height: d.height,
        sha256: hex::encode(Sha256::digest(d.bytes)),
        created_at: now,
        quality: d.reading.quality.clone(),
        check_digits_ok: d.reading.check_digits_ok,
        mrz: sealed.mrz.clone(),
        lines: sealed.lines.clone(),
        comparison: sealed.comparison.clone(),
        models: d.reading.models.clone(),
    };
    sqlx::query(
        "INSERT INTO id_documents (id, session_id, doc_type, side, content_type, width, height, sha256, bytes, reading, check_digits_ok, quality, models, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(id.clone())
    .bind(session.as_str().to_owned())
    .bind(doc.doc_type.clone())
    .bind(d.side.as_ref())
    .bind(doc.content_type.clone())
    .bind(i64::from(d.width))
    .bind(i64::from(d.height))
    .bind(doc.sha256.clone())
    .bind(key.seal(&image_label(&id), d.bytes))
    .bind(key.seal(&reading_label(&id), &serde_json::to_vec(&sealed).unwrap_or_default()))
    .bind(d.reading.check_digits_ok.map(i64::from))
    .bind(doc.quality.to_string())
    .bind(doc.models.to_string())
    .bind(now)
    .execute(db)
    .await?;
    Ok(doc)
}

/// The session's captures, oldest first.
pub async fn list(db: &Db, key: &DataKey, session: &SessionId) -> Result<Vec<Document>, VaultError> {
    let rows = sqlx::query(
        "SELECT id, doc_type, side, content_type, width, height, sha256, reading, check_digits_ok, quality, models, created_at \
         FROM id_documents WHERE session_id = $1 ORDER BY created_at, id",
    )
    .bind(session.as_str().to_owned())
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let sealed: Vec<u8> = r.try_get("reading")?;
            let s: SealedReading = serde_json::from_slice(&key.open(&reading_label(&id), &sealed)?).map_err(|_| VaultError::Corrupt)?;
            Ok(Document {
                doc_type: r.try_get("doc_type")?,
                side: r.try_get::<String, _>("side")?.parse().map_err(|_| VaultError::Corrupt)?,
                content_type: r.try_get("content_type")?,
                width: r.try_get::<i64, _>("width")? as u32,
                height: r.try_get::<i64, _>("height")? as u32,
                sha256: r.try_get("sha256")?,
                created_at: r.try_get("created_at")?,
                quality: serde_json::from_str(&r.try_get::<String, _>("quality")?).unwrap_or_default(),
                check_digits_ok: r.try_get::<Option<i64>, _>("check_digits_ok")?.map(|v| v != 0),
                models: serde_json::from_str(&r.try_get::<String, _>("models")?).unwrap_or_default(),
                mrz: s.mrz,
                lines: s.lines,
                comparison: s.comparison,
                id,
            })
        })
        .collect()
}

/// A capture's image (decrypted) and content type, if it belongs to the session.
pub async fn image(db: &Db, key: &DataKey, session: &SessionId, id: &str) -> Result<Option<(String, Vec<u8>)>, VaultError> {
    let row = sqlx::query("SELECT content_type, bytes FROM id_documents WHERE session_id = $1 AND id = $2")
        .bind(session.as_str().to_owned())
        .bind(id.to_owned())
        .fetch_optional(db)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let sealed: Vec<u8> = r.try_get("bytes")?;
    Ok(Some((r.try_get("content_type")?, key.open(&image_label(id), &sealed)?)))
}

/// The latest capture with an MRZ, if any.
pub fn latest_mrz(docs: &[Document]) -> Option<&Document> {
    docs.iter().rev().find(|d| d.mrz.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(mrz: bool, hint: Option<&str>) -> serde_json::Value {
        json!({"type": "document_result", "request_id": "r",
            "mrz": if mrz { json!({"format": "TD1", "document_code": "ID", "issuing_state": "GRC", "document_number": "TP7382511", "nationality": "GRC",
                "birth_date": "1967-09-02", "sex": "F", "expiry_date": "2034-08-12", "surname": "PAPADOPOULOU", "given_names": "ELENI", "optional_data": ""}) } else { json!(null) },
            "check_digits_ok": if mrz { json!(true) } else { json!(null) }, "lines": [],
            "quality": {"document_found": true, "cut_off": false, "blurred": hint == Some("blurred"), "glare": false, "retake_hint": hint},
            "models": []})
    }

    #[test]
    fn a_retake_hint_refuses_the_capture_with_that_hint() {
        assert_eq!(judge(&result(true, Some("blurred")), true), Verdict::Retake("blurred".into()));
        assert_eq!(judge(&result(false, Some("something_new")), false), Verdict::Retake("retake".into()));
    }

    #[test]
    fn the_mrz_side_without_an_mrz_is_refused_and_the_other_side_kept() {
        assert_eq!(judge(&result(false, None), true), Verdict::NoMrz);
        assert!(matches!(judge(&result(false, None), false), Verdict::Keep(_)));
        assert!(matches!(judge(&result(true, None), true), Verdict::Keep(r) if r.check_digits_ok == Some(true)));
        assert_eq!(judge(&json!({"type": "document_result"}), true), Verdict::Malformed);
    }

    #[test]
    fn passports_carry_the_mrz_in_front_cards_on_the_back() {
        assert_eq!(mrz_side("passport"), Some(Side::Front));
        assert_eq!(mrz_side("id_card"), Some(Side::Back));
        assert_eq!(mrz_side("driving_licence"), None);
    }
}
