//! Passkeys bound to a verified identity (WebAuthn, `webauthn-rs`). After an identification's
//! final `approved` result the customer may enroll a passkey; it is stored with the verified
//! identity it stands for. Later the integrator asks for a challenge and verifies the
//! customer's assertion: a strong authenticator seeded by the video identification.
//!
//! The relying party is the server's public host (`public_url`): WebAuthn needs a domain name,
//! so a deployment on a bare IP address has no passkeys. A ceremony's state (the challenge)
//! stays on the server, bound to its session, and is used once before it expires.

use super::applicant::Applicant;
use crate::db::Db;
use crate::vault::{DataKey, VaultError};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::SessionId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Url, Uuid, Webauthn,
    WebauthnBuilder,
};

/// Why a passkey step is refused (stable codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyError {
    #[error("passkeys need the server's public URL to name a domain")]
    Unavailable,
    #[error("no such ceremony for this session")]
    CeremonyNotFound,
    #[error("the ceremony expired or was used")]
    CeremonyUsed,
    #[error("the authenticator's answer does not verify")]
    Invalid,
    #[error("no passkey is enrolled for this identification")]
    NoPasskey,
}

impl PasskeyError {
    pub fn code(self) -> &'static str {
        match self {
            PasskeyError::Unavailable => "passkeys_unavailable",
            PasskeyError::CeremonyNotFound => "ceremony_not_found",
            PasskeyError::CeremonyUsed => "ceremony_expired",
            PasskeyError::Invalid => "passkey_verification_failed",
            PasskeyError::NoPasskey => "no_passkey",
        }
    }
}

/// The relying party of `public_url`.
pub fn relying_party(public_url: &str) -> Result<Webauthn, PasskeyError> {
    let origin = Url::parse(public_url).map_err(|_| PasskeyError::Unavailable)?;
    let rp_id = origin.domain().ok_or(PasskeyError::Unavailable)?.to_owned();
    WebauthnBuilder::new(&rp_id, &origin).and_then(|b| b.rp_name("Video identification").build()).map_err(|_| PasskeyError::Unavailable)
}

/// The verified identity a passkey stands for, and its SHA-256 over the canonical JSON
/// `{"date_of_birth","given_names","nationality","surname"}` (keys sorted, values as stored:
/// ISO date, alpha-3 code), which an integrator can recompute from its own copy of the data.
#[derive(Clone, Serialize, Deserialize)]
pub struct Identity {
    pub surname: String,
    pub given_names: String,
    pub date_of_birth: String,
    pub nationality: String,
    pub sha256: String,
}

impl Identity {
    pub fn of(a: &Applicant) -> Identity {
        let surname = a.surname.clone().unwrap_or_default();
        let given_names = a.given_names.clone().unwrap_or_default();
        let date_of_birth = a.date_of_birth.clone().unwrap_or_default();
        let nationality = a.nationality.clone().unwrap_or_default();
        let canonical = serde_json::json!({"date_of_birth": date_of_birth, "given_names": given_names, "nationality": nationality, "surname": surname}).to_string();
        Identity { sha256: hex::encode(Sha256::digest(canonical.as_bytes())), surname, given_names, date_of_birth, nationality }
    }
}

/// The WebAuthn user handle of a session: not the session id itself.
fn user_id(session: &SessionId) -> Uuid {
    let h = Sha256::digest(format!("passkey-user:{session}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    Uuid::from_bytes(b)
}

fn credential_label(id: &str) -> String {
    format!("passkey:{id}")
}
fn identity_label(id: &str) -> String {
    format!("passkey-identity:{id}")
}

async fn new_ceremony(db: &Db, session: &SessionId, kind: &str, state: &impl Serialize, now: i64, ttl_ms: i64) -> Result<String, sqlx::Error> {
    let id = SessionId::random().into_string();
    sqlx::query("INSERT INTO passkey_ceremonies (id, session_id, kind, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id.clone())
        .bind(session.as_str().to_owned())
        .bind(kind.to_owned())
        .bind(serde_json::to_string(state).unwrap_or_default())
        .bind(now)
        .bind(now + ttl_ms)
        .execute(db)
        .await?;
    Ok(id)
}

/// Takes a ceremony's state, once, before it expires.
async fn take_ceremony<T: for<'de> Deserialize<'de>>(db: &Db, session: &SessionId, kind: &str, id: &str, now: i64) -> Result<Result<T, PasskeyError>, sqlx::Error> {
    let state: Option<String> = sqlx::query_scalar("SELECT state FROM passkey_ceremonies WHERE id = $1 AND session_id = $2 AND kind = $3")
        .bind(id.to_owned())
        .bind(session.as_str().to_owned())
        .bind(kind.to_owned())
        .fetch_optional(db)
        .await?;
    let Some(state) = state else { return Ok(Err(PasskeyError::CeremonyNotFound)) };
    let taken = sqlx::query("UPDATE passkey_ceremonies SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2").bind(id.to_owned()).bind(now).execute(db).await?;
    if taken.rows_affected() != 1 {
        return Ok(Err(PasskeyError::CeremonyUsed));
    }
    Ok(serde_json::from_str(&state).map_err(|_| PasskeyError::CeremonyNotFound))
}

/// The session's enrolled passkeys (decrypted).
async fn enrolled(db: &Db, key: &DataKey, session: &SessionId) -> Result<Vec<(String, Passkey)>, VaultError> {
    let rows = sqlx::query("SELECT credential_id, credential FROM passkeys WHERE session_id = $1 ORDER BY created_at").bind(session.as_str().to_owned()).fetch_all(db).await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("credential_id")?;
            let sealed: Vec<u8> = r.try_get("credential")?;
            let pk: Passkey = serde_json::from_slice(&key.open(&credential_label(&id), &sealed)?).map_err(|_| VaultError::Corrupt)?;
            Ok((id, pk))
        })
        .collect()
}

/// Starts a registration: the options for `navigator.credentials.create` and the ceremony id.
pub async fn start_registration(
    db: &Db,
    key: &DataKey,
    rp: &Webauthn,
    session: &SessionId,
    display_name: &str,
    now: i64,
    ttl_ms: i64,
) -> Result<Result<(String, CreationChallengeResponse), PasskeyError>, VaultError> {
    let existing: Vec<_> = enrolled(db, key, session).await?.into_iter().map(|(_, p)| p.cred_id().clone()).collect();
    let exclude = (!existing.is_empty()).then_some(existing);
    let Ok((options, state)) = rp.start_passkey_registration(user_id(session), session.as_str(), display_name, exclude) else { return Ok(Err(PasskeyError::Unavailable)) };
    let id = new_ceremony(db, session, "registration", &state, now, ttl_ms).await?;
    Ok(Ok((id, options)))
}

/// Finishes a registration: the passkey is stored bound to `identity`. Returns its credential id.
#[allow(clippy::too_many_arguments)]
pub async fn finish_registration(
    db: &Db,
    key: &DataKey,
    rp: &Webauthn,
    session: &SessionId,
    ceremony: &str,
    credential: &RegisterPublicKeyCredential,
    identity: &Identity,
    now: i64,
) -> Result<Result<String, PasskeyError>, VaultError> {
    let state: PasskeyRegistration = match take_ceremony(db, session, "registration", ceremony, now).await? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(passkey) = rp.finish_passkey_registration(credential, &state) else { return Ok(Err(PasskeyError::Invalid)) };
    let id = URL_SAFE_NO_PAD.encode(passkey.cred_id().as_slice());
    sqlx::query("INSERT INTO passkeys (credential_id, session_id, credential, identity, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id.clone())
        .bind(session.as_str().to_owned())
        .bind(key.seal(&credential_label(&id), &serde_json::to_vec(&passkey).unwrap_or_default()))
        .bind(key.seal(&identity_label(&id), &serde_json::to_vec(identity).unwrap_or_default()))
        .bind(now)
        .execute(db)
        .await?;
    Ok(Ok(id))
}

/// Starts an authentication against the session's passkeys (for the integrator).
pub async fn start_authentication(db: &Db, key: &DataKey, rp: &Webauthn, session: &SessionId, now: i64, ttl_ms: i64) -> Result<Result<(String, RequestChallengeResponse), PasskeyError>, VaultError> {
    let keys: Vec<Passkey> = enrolled(db, key, session).await?.into_iter().map(|(_, p)| p).collect();
    if keys.is_empty() {
        return Ok(Err(PasskeyError::NoPasskey));
    }
    let Ok((options, state)) = rp.start_passkey_authentication(&keys) else { return Ok(Err(PasskeyError::Unavailable)) };
    let id = new_ceremony(db, session, "authentication", &state, now, ttl_ms).await?;
    Ok(Ok((id, options)))
}

/// A verified assertion.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Verified {
    pub credential_id: String,
    /// SHA-256 of the verified identity the passkey was enrolled for (see [`Identity`]).
    pub identity_sha256: String,
    pub user_verified: bool,
    /// The authenticator's signature counter after this assertion.
    pub counter: u32,
}

/// Verifies the customer's assertion for a ceremony the integrator started.
pub async fn finish_authentication(db: &Db, key: &DataKey, rp: &Webauthn, session: &SessionId, ceremony: &str, credential: &PublicKeyCredential, now: i64) -> Result<Result<Verified, PasskeyError>, VaultError> {
    let state: PasskeyAuthentication = match take_ceremony(db, session, "authentication", ceremony, now).await? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(result) = rp.finish_passkey_authentication(credential, &state) else { return Ok(Err(PasskeyError::Invalid)) };
    let id = URL_SAFE_NO_PAD.encode(result.cred_id().as_slice());
    let Some((_, mut passkey)) = enrolled(db, key, session).await?.into_iter().find(|(i, _)| *i == id) else { return Ok(Err(PasskeyError::Invalid)) };
    passkey.update_credential(&result);
    let sealed_identity: Vec<u8> = sqlx::query_scalar("SELECT identity FROM passkeys WHERE credential_id = $1").bind(id.clone()).fetch_one(db).await?;
    let identity: Identity = serde_json::from_slice(&key.open(&identity_label(&id), &sealed_identity)?).map_err(|_| VaultError::Corrupt)?;
    sqlx::query("UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE credential_id = $1")
        .bind(id.clone())
        .bind(key.seal(&credential_label(&id), &serde_json::to_vec(&passkey).unwrap_or_default()))
        .bind(now)
        .execute(db)
        .await?;
    Ok(Ok(Verified { credential_id: id, identity_sha256: identity.sha256, user_verified: result.user_verified(), counter: result.counter() }))
}

/// How many passkeys the session has.
pub async fn count(db: &Db, session: &SessionId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_one(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_hash_is_over_sorted_canonical_json() {
        let a = Applicant { surname: Some("Nguyễn".into()), given_names: Some("Minh".into()), date_of_birth: Some("1990-02-28".into()), nationality: Some("VNM".into()), ..Applicant::default() };
        let id = Identity::of(&a);
        let expected = hex::encode(Sha256::digest(r#"{"date_of_birth":"1990-02-28","given_names":"Minh","nationality":"VNM","surname":"Nguyễn"}"#.as_bytes()));
        assert_eq!(id.sha256, expected);
    }

    #[test]
    fn the_relying_party_needs_a_domain() {
        assert!(relying_party("https://kyc.example").is_ok());
        assert_eq!(relying_party("http://127.0.0.1:8080").err(), Some(PasskeyError::Unavailable));
    }
}
