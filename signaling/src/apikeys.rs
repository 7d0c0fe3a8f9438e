//! Integrator API keys: named, scoped, expiring, revocable; created by an admin. A key reads
//! `vkyc_<id>_<secret>`: the id is public (shown in lists and the audit log), only the SHA-256
//! of the secret is stored, and the whole key is shown once, at creation.

use crate::db::Db;
use crate::tokens;
use domain::ApiKeyId;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::BTreeSet;

/// What a key may do. Each route's policy names the scope it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(strum::EnumIter, strum::AsRefStr)]
pub enum ApiScope {
    /// Read sessions (status, links' state).
    #[serde(rename = "sessions:read")]
    #[strum(serialize = "sessions:read")]
    SessionsRead,
    /// Create sessions, issue and revoke customer links, upload the reference photo, end sessions.
    #[serde(rename = "sessions:write")]
    #[strum(serialize = "sessions:write")]
    SessionsWrite,
    /// Read results: decisions, AI events, recording state.
    #[serde(rename = "results:read")]
    #[strum(serialize = "results:read")]
    ResultsRead,
    /// Read the roster (agents, shifts).
    #[serde(rename = "roster:read")]
    #[strum(serialize = "roster:read")]
    RosterRead,
    /// Change the roster (agents' shifts, skills, absences).
    #[serde(rename = "roster:write")]
    #[strum(serialize = "roster:write")]
    RosterWrite,
}

impl ApiScope {
    pub fn all() -> BTreeSet<ApiScope> {
        <ApiScope as strum::IntoEnumIterator>::iter().collect()
    }
}

/// A key as listed (no secret).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub scopes: BTreeSet<ApiScope>,
    pub created_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// An integrator authenticated by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integrator {
    pub key: ApiKeyId,
    pub scopes: BTreeSet<ApiScope>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("a key needs a name of 1-100 characters")]
    BadName,
    #[error("a key needs at least one scope")]
    NoScopes,
    #[error("a key lives between 1 and 730 days")]
    BadLifetime,
    #[error("no such key")]
    NotFound,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

impl KeyError {
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::BadName => "invalid_key_name",
            KeyError::NoScopes => "key_needs_scope",
            KeyError::BadLifetime => "invalid_key_lifetime",
            KeyError::NotFound => "api_key_not_found",
            KeyError::Db(_) => "internal",
        }
    }
}

pub const MAX_DAYS: i64 = 730;
const PREFIX: &str = "vkyc_";

fn parse_key(presented: &str) -> Option<(&str, &str)> {
    let rest = presented.strip_prefix(PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()) && secret.len() == 43).then_some((id, secret))
}

/// Creates a key; returns it as listed and the full key text (shown once).
pub async fn create(db: &Db, name: &str, scopes: BTreeSet<ApiScope>, days: i64, created_by: &str, now: i64) -> Result<(ApiKey, String), KeyError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(KeyError::BadName);
    }
    if scopes.is_empty() {
        return Err(KeyError::NoScopes);
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(KeyError::BadLifetime);
    }
    let id = ApiKeyId::from_stored(&ApiKeyId::random().as_str()[..16]);
    let secret = tokens::generate();
    sqlx::query("INSERT INTO api_keys (id, name, secret_hash, scopes, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id.as_str().to_owned())
        .bind(name.to_owned())
        .bind(tokens::hash(&secret))
        .bind(serde_json::to_string(&scopes).unwrap_or_default())
        .bind(created_by.to_owned())
        .bind(now)
        .bind(now + days * 86_400_000)
        .execute(db)
        .await?;
    let listed = get(db, &id).await?.ok_or(KeyError::NotFound)?;
    Ok((listed, format!("{PREFIX}{id}_{secret}")))
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApiKey, sqlx::Error> {
    Ok(ApiKey {
        id: ApiKeyId::from_stored(r.try_get::<String, _>("id")?),
        name: r.try_get("name")?,
        scopes: serde_json::from_str(&r.try_get::<String, _>("scopes")?).unwrap_or_default(),
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        last_used_at: r.try_get("last_used_at")?,
    })
}

const COLUMNS: &str = "id, name, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";

pub async fn get(db: &Db, id: &ApiKeyId) -> Result<Option<ApiKey>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM api_keys WHERE id = $1")).bind(id.as_str().to_owned()).fetch_optional(db).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(db: &Db) -> Result<Vec<ApiKey>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM api_keys ORDER BY created_at DESC")).fetch_all(db).await?;
    rows.iter().map(from_row).collect()
}

pub async fn revoke(db: &Db, id: &ApiKeyId, now: i64) -> Result<ApiKey, KeyError> {
    sqlx::query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL").bind(id.as_str().to_owned()).bind(now).execute(db).await?;
    get(db, id).await?.ok_or(KeyError::NotFound)
}

/// Resolves a presented key at `now`: `None` if it is unknown, wrong, expired or revoked.
pub async fn authenticate(db: &Db, presented: &str, now: i64) -> Result<Option<Integrator>, sqlx::Error> {
    let Some((id, secret)) = parse_key(presented) else { return Ok(None) };
    let row = sqlx::query("SELECT secret_hash, scopes, expires_at, revoked_at, last_used_at FROM api_keys WHERE id = $1")
        .bind(id.to_owned())
        .fetch_optional(db)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let stored: String = r.try_get("secret_hash")?;
    let expires_at: i64 = r.try_get("expires_at")?;
    let revoked: Option<i64> = r.try_get("revoked_at")?;
    if !tokens::constant_time_eq(stored.as_bytes(), tokens::hash(secret).as_bytes()) || expires_at <= now || revoked.is_some() {
        return Ok(None);
    }
    let last_used: Option<i64> = r.try_get("last_used_at")?;
    if last_used.is_none_or(|t| now - t > 60_000) {
        sqlx::query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1").bind(id.to_owned()).bind(now).execute(db).await?;
    }
    Ok(Some(Integrator {
        key: ApiKeyId::from_stored(id),
        scopes: serde_json::from_str(&r.try_get::<String, _>("scopes")?).unwrap_or_default(),
    }))
}

/// Whether a bearer token has the shape of an API key (rather than a customer link token).
pub fn looks_like_key(presented: &str) -> bool {
    presented.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_written_as_resource_colon_verb() {
        assert_eq!(serde_json::to_string(&ApiScope::SessionsWrite).ok().as_deref(), Some("\"sessions:write\""));
        for s in ApiScope::all() {
            assert_eq!(serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_owned)).as_deref(), Some(s.as_ref()));
        }
    }

    #[test]
    fn only_well_formed_keys_are_looked_up() {
        let secret = "a".repeat(43);
        assert_eq!(parse_key(&format!("vkyc_0123456789abcdef_{secret}")), Some(("0123456789abcdef", secret.as_str())));
        assert_eq!(parse_key("vkyc_xyz_abc"), None);
        assert_eq!(parse_key("Bearer something"), None);
    }
}
