//! The customer journey, server side: from the integrator's *identification* (a session seen
//! from the relying party, with its return and webhook URLs) through the application form, the
//! ID document and its machine-readable zone, to the result and an optional passkey.
//!
//! - [`language`]: en / fr / vi, from `Accept-Language` or the customer's choice;
//! - [`countries`]: the ISO 3166-1 alpha-3 and ICAO codes nationalities are checked against;
//! - [`applicant`]: the form's fields and their validation (pure, stable codes per field);
//! - [`application`]: the stored draft (sealed), its submission and its append-only history;
//! - [`mrz`]: what a machine-readable zone says and how it compares with the form (pure);
//! - [`needs`]: the skills a journey customer's queue entry and booking need, derived (pure);
//! - [`documents`]: ID captures checked, read by media-ai, stored sealed with their reading;
//! - [`result`]: an identification's status and result, and [`decision_changed`], which turns a
//!   decision (or its four-eyes finality) into webhook events and the result e-mail;
//! - [`passkeys`]: WebAuthn enrollment after an approved identification, assertions verified
//!   for integrators.
//!
//! This module knows nothing of HTTP (`http::journey_routes` and `http::passkey_routes` are
//! its edges) nor of SMTP and webhooks' transport (`outbox`).

pub mod applicant;
pub mod application;
pub mod countries;
pub mod documents;
pub mod language;
pub mod mrz;
pub mod needs;
pub mod passkeys;
pub mod result;

pub use result::decision_changed;

use crate::crypto::MasterKey;
use crate::db::Db;
use domain::SessionId;
use serde::Serialize;
use sqlx::Row;

/// A session's journey settings (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Journey {
    pub session_id: SessionId,
    /// The integrator key that created the identification (none for a plain session).
    #[serde(skip)]
    pub api_key_id: Option<String>,
    /// `None` until the integrator or the customer's browser chose.
    pub language: Option<String>,
    pub return_url: Option<String>,
    #[serde(skip)]
    pub webhook_url: Option<String>,
    pub created_at: i64,
}

/// What an identification is created with.
pub struct NewJourney<'a> {
    pub session: &'a SessionId,
    pub api_key_id: Option<&'a str>,
    pub language: Option<&'a str>,
    pub return_url: Option<&'a str>,
    pub webhook_url: Option<&'a str>,
    /// The webhook signing secret (`whsec_…`), sealed with the master key before it is stored.
    pub webhook_secret: Option<&'a str>,
}

fn secret_context(session: &SessionId) -> String {
    format!("webhook-secret:{session}")
}

pub async fn create(db: &Db, key: &MasterKey, j: NewJourney<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO journeys (session_id, api_key_id, language, return_url, webhook_url, webhook_secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(j.session.as_str().to_owned())
        .bind(j.api_key_id.map(str::to_owned))
        .bind(j.language.map(str::to_owned))
        .bind(j.return_url.map(str::to_owned))
        .bind(j.webhook_url.map(str::to_owned))
        .bind(j.webhook_secret.map(|s| key.seal(&secret_context(j.session), s.as_bytes())))
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn get(db: &Db, session: &SessionId) -> Result<Option<Journey>, sqlx::Error> {
    let row = sqlx::query("SELECT session_id, api_key_id, language, return_url, webhook_url, created_at FROM journeys WHERE session_id = $1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        Ok(Journey {
            session_id: SessionId::from_stored(r.try_get::<String, _>("session_id")?),
            api_key_id: r.try_get("api_key_id")?,
            language: r.try_get("language")?,
            return_url: r.try_get("return_url")?,
            webhook_url: r.try_get("webhook_url")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .transpose()
}

/// The session's journey, created (plain session, no integrator settings) on first use; a
/// journey without a language takes `language` (the customer's browser's).
pub async fn ensure(db: &Db, session: &SessionId, language: &str, now: i64) -> Result<Journey, sqlx::Error> {
    sqlx::query("INSERT INTO journeys (session_id, language, created_at) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING")
        .bind(session.as_str().to_owned())
        .bind(language.to_owned())
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query("UPDATE journeys SET language = $2 WHERE session_id = $1 AND language IS NULL").bind(session.as_str().to_owned()).bind(language.to_owned()).execute(db).await?;
    get(db, session).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The customer's link into the journey's pages (`/id/`): the token travels in the fragment,
/// which browsers never send to servers or proxies.
pub fn customer_url(public_url: &str, token: &str) -> String {
    format!("{}/id/#t={token}", public_url.trim_end_matches('/'))
}

impl Journey {
    /// The language of messages: the chosen one, else English.
    pub fn lang(&self) -> &str {
        self.language.as_deref().unwrap_or(language::SUPPORTED[0])
    }
}

/// The customer saved their form: the identification is in progress from now on.
pub async fn mark_started(db: &Db, session: &SessionId, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE journeys SET started_at = $2 WHERE session_id = $1 AND started_at IS NULL").bind(session.as_str().to_owned()).bind(now).execute(db).await?;
    Ok(())
}

pub async fn set_language(db: &Db, session: &SessionId, language: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE journeys SET language = $2 WHERE session_id = $1").bind(session.as_str().to_owned()).bind(language.to_owned()).execute(db).await?;
    Ok(())
}

/// The webhook URL and signing secret of an identification, if it has them.
pub async fn webhook_target(db: &Db, key: &MasterKey, session: &SessionId) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query("SELECT webhook_url, webhook_secret FROM journeys WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?;
    let Some(r) = row else { return Ok(None) };
    let url: Option<String> = r.try_get("webhook_url")?;
    let sealed: Option<Vec<u8>> = r.try_get("webhook_secret")?;
    let secret = sealed.and_then(|s| key.open(&secret_context(session), &s).ok()).and_then(|b| String::from_utf8(b).ok());
    Ok(url.zip(secret))
}

/// The session of a customer token that is valid in every respect but that its session has
/// ended (the guard admits it as [`crate::policy::Principal::EndedCustomer`]): `(session, token hash)`.
pub async fn ended_customer(db: &Db, token: &str, now: i64) -> Result<Option<(SessionId, String)>, sqlx::Error> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let hash = crate::tokens::hash(token);
    let session: Option<String> = sqlx::query_scalar(
        "SELECT t.session_id FROM join_tokens t JOIN sessions s ON s.id = t.session_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND (t.not_before IS NULL OR t.not_before <= $2) AND s.status = $3",
    )
    .bind(hash.clone())
    .bind(now)
    .bind(domain::SessionStatus::Ended.as_ref())
    .fetch_optional(db)
    .await?;
    Ok(session.map(|s| (SessionId::from_stored(s), hash)))
}
