//! Signed documents of a session — the recording's manifest, the decision and the compliance
//! report — stored byte for byte with their Ed25519 signature (`signatures` table), so the
//! evidence package can carry exactly what was signed and anyone can check it offline.
//! Re-signing a kind (a decision made final by its review, a report regenerated) replaces
//! the row; each signature is also in the audit log with the SHA-256 it covered.

use crate::audit::{self, Actor, AuditAction, Entry};
use crate::db::Db;
use crate::signing::Signer;
use domain::SessionId;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// What was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema, strum::AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    Manifest,
    Decision,
    Report,
}

/// A stored signed document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignedDoc {
    pub kind: Kind,
    /// The exact bytes signed (JSON text).
    pub body: String,
    pub sha256: String,
    /// 64-byte Ed25519 signature, hex.
    pub signature: String,
    /// SHA-256 of the raw public key, hex.
    pub key_fingerprint: String,
    pub signed_at: i64,
}

/// Signs `body` (already serialised: these bytes are what a verifier checks) and stores it.
pub async fn sign(db: &Db, signer: &Signer, session: &SessionId, kind: Kind, body: String, now: i64) -> Result<SignedDoc, sqlx::Error> {
    let doc = SignedDoc {
        kind,
        sha256: hex::encode(Sha256::digest(body.as_bytes())),
        signature: hex::encode(signer.sign(body.as_bytes()).to_bytes()),
        key_fingerprint: signer.fingerprint(),
        signed_at: now,
        body,
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM signatures WHERE session_id = $1 AND kind = $2").bind(session.as_str().to_owned()).bind(kind.as_ref()).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO signatures (session_id, kind, body, sha256, signature, key_fingerprint, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .bind(&doc.body)
        .bind(&doc.sha256)
        .bind(&doc.signature)
        .bind(&doc.key_fingerprint)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::append(db, Entry::new(Actor::System, AuditAction::DocumentSigned).session(session).target(kind.as_ref()).detail(format!("sha256={}", doc.sha256)), now).await?;
    Ok(doc)
}

pub async fn get(db: &Db, session: &SessionId, kind: Kind) -> Result<Option<SignedDoc>, sqlx::Error> {
    let row = sqlx::query("SELECT body, sha256, signature, key_fingerprint, signed_at FROM signatures WHERE session_id = $1 AND kind = $2")
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        Ok(SignedDoc {
            kind,
            body: r.try_get("body")?,
            sha256: r.try_get("sha256")?,
            signature: r.try_get("signature")?,
            key_fingerprint: r.try_get("key_fingerprint")?,
            signed_at: r.try_get("signed_at")?,
        })
    })
    .transpose()
}

/// Signs a recording's manifest as stored (the JSON text of the `recordings` row).
pub async fn sign_manifest(db: &Db, signer: &Signer, manifest: &recorder::Manifest, now: i64) -> Result<(), sqlx::Error> {
    let Some(session) = SessionId::parse(&manifest.session_id) else { return Ok(()) };
    let body = serde_json::to_string(manifest).unwrap_or_default();
    sign(db, signer, &session, Kind::Manifest, body, now).await.map(|_| ())
}
