//! Verification sessions and their join links, as stored in the database.

use crate::db::{Db, now_ms};
use crate::tokens;
use crate::ws::protocol::Role;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: String,
    /// `created`, `active` (both parties have joined) or `ended`.
    pub status: String,
    pub external_ref: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub end_reason: Option<String>,
}

/// A join link as issued: the token exists only here and in the URL, never in the database.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuedLink {
    pub role: Role,
    pub token: String,
    pub url: String,
    pub expires_at: i64,
}

/// Why a token does not admit its bearer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenRefusal {
    #[error("unknown token")]
    Unknown,
    #[error("the link has expired")]
    Expired,
    #[error("the link was revoked")]
    Revoked,
    #[error("the session has ended")]
    SessionEnded,
}

impl TokenRefusal {
    pub fn code(self) -> &'static str {
        match self {
            TokenRefusal::Unknown => "invalid_token",
            TokenRefusal::Expired => "token_expired",
            TokenRefusal::Revoked => "token_revoked",
            TokenRefusal::SessionEnded => "session_ended",
        }
    }
}

/// Who a valid token admits.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    pub session_id: String,
    pub role: Role,
    pub token_hash: String,
}

type SessionRow = (String, String, Option<String>, i64, Option<i64>, Option<i64>, Option<String>);

fn from_row(r: SessionRow) -> Session {
    Session { id: r.0, status: r.1, external_ref: r.2, created_at: r.3, started_at: r.4, ended_at: r.5, end_reason: r.6 }
}

pub async fn create(db: &Db, external_ref: Option<String>) -> Result<Session, sqlx::Error> {
    let s = Session {
        id: tokens::new_id(),
        status: "created".into(),
        external_ref,
        created_at: now_ms(),
        started_at: None,
        ended_at: None,
        end_reason: None,
    };
    sqlx::query("INSERT INTO sessions (id, status, external_ref, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&s.id)
        .bind(&s.status)
        .bind(&s.external_ref)
        .bind(s.created_at)
        .execute(db)
        .await?;
    record_event(db, &s.id, "created", None, None).await?;
    Ok(s)
}

pub async fn get(db: &Db, id: &str) -> Result<Option<Session>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT id, status, external_ref, created_at, started_at, ended_at, end_reason FROM sessions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(from_row))
}

pub async fn issue_link(
    db: &Db,
    session_id: &str,
    role: Role,
    ttl_secs: u64,
    public_url: &str,
) -> Result<IssuedLink, sqlx::Error> {
    let token = tokens::generate();
    let now = now_ms();
    let expires_at = now + (ttl_secs as i64) * 1000;
    sqlx::query("INSERT INTO join_tokens (token_hash, session_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(tokens::hash(&token))
        .bind(session_id)
        .bind(role.as_str())
        .bind(now)
        .bind(expires_at)
        .execute(db)
        .await?;
    record_event(db, session_id, "link_issued", Some(role), None).await?;
    // The token travels in the fragment, which browsers never send to servers or proxies.
    let page = match role {
        Role::Customer => "call",
        Role::Agent => "agent",
    };
    let url = format!("{}/{page}/#t={token}", public_url.trim_end_matches('/'));
    Ok(IssuedLink { role, token, url, expires_at })
}

/// Resolves a presented token at time `now` (unix ms).
pub async fn admit(db: &Db, token: &str, now: i64) -> Result<Result<Admission, TokenRefusal>, sqlx::Error> {
    let hash = tokens::hash(token);
    let row: Option<(String, String, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT t.session_id, t.role, t.expires_at, t.revoked_at, s.status FROM join_tokens t \
         JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some((session_id, role, expires_at, revoked_at, status)) = row else {
        return Ok(Err(TokenRefusal::Unknown));
    };
    let verdict = if revoked_at.is_some() {
        Err(TokenRefusal::Revoked)
    } else if expires_at <= now {
        Err(TokenRefusal::Expired)
    } else if status == "ended" {
        Err(TokenRefusal::SessionEnded)
    } else {
        match Role::parse(&role) {
            Some(role) => Ok(Admission { session_id, role, token_hash: hash }),
            None => Err(TokenRefusal::Unknown),
        }
    };
    Ok(verdict)
}

/// Marks the session active the first time both parties are in the call.
pub async fn mark_active(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET status = 'active', started_at = $2 WHERE id = $1 AND status = 'created'")
        .bind(id)
        .bind(now_ms())
        .execute(db)
        .await?;
    Ok(())
}

pub async fn end(db: &Db, id: &str, reason: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE sessions SET status = 'ended', ended_at = $2, end_reason = $3 WHERE id = $1 AND status <> 'ended'")
        .bind(id)
        .bind(now_ms())
        .bind(reason)
        .execute(db)
        .await?;
    if done.rows_affected() > 0 {
        record_event(db, id, "ended", None, Some(reason)).await?;
    }
    Ok(done.rows_affected() > 0)
}

/// Appends to the session's audit trail. `detail` must never carry personal data.
pub async fn record_event(db: &Db, id: &str, kind: &str, role: Option<Role>, detail: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO session_events (session_id, at, kind, role, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(now_ms())
        .bind(kind)
        .bind(role.map(|r| r.as_str()))
        .bind(detail)
        .execute(db)
        .await?;
    Ok(())
}

/// The audit trail of a session, oldest first: (at, kind, role).
pub async fn events(db: &Db, id: &str) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error> {
    sqlx::query_as("SELECT at, kind, role FROM session_events WHERE session_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(db)
        .await
}
