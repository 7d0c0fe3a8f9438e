//! Verification sessions and their customer join links, as stored; the lifecycle's outcomes
//! applied and announced. [`Sessions`] is the one place a session changes state: it runs
//! [`crate::lifecycle::next`], writes the result (conditionally, so two writers cannot both
//! end a session), appends to the audit log, and publishes a [`SessionEvent`] that the call
//! registry and the scheduling actor follow.

use crate::audit::{self, Actor, AuditAction, Entry};
use crate::clock::Clock;
use crate::db::Db;
use crate::lifecycle::{self, Event, Limits, Outcome};
use crate::tokens;
use domain::{EndReason, Party, SessionId, SessionStatus};
use serde::Serialize;
use sqlx::Row;
use tokio::sync::broadcast;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: SessionId,
    pub status: SessionStatus,
    /// The integrator's own reference (an application number); never personal data.
    pub external_ref: Option<String>,
    /// The compliance profile the session follows, and the version (file hash) it started with.
    pub profile: String,
    pub profile_version: String,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub end_reason: Option<EndReason>,
}

/// A customer join link as issued: the token exists only here and in the URL.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuedLink {
    /// Names the link for revocation (the SHA-256 of its token; the token cannot be derived from it).
    pub id: String,
    pub role: Party,
    pub token: String,
    pub url: String,
    pub expires_at: i64,
    /// The link admits nobody before this (unix ms), e.g. well before a booked appointment.
    pub not_before: Option<i64>,
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
    #[error("the link is not valid yet")]
    NotYetValid,
    #[error("the session has ended")]
    SessionEnded,
}

impl TokenRefusal {
    pub fn code(self) -> &'static str {
        match self {
            TokenRefusal::Unknown => "invalid_token",
            TokenRefusal::Expired => "token_expired",
            TokenRefusal::Revoked => "token_revoked",
            TokenRefusal::NotYetValid => "token_not_yet_valid",
            TokenRefusal::SessionEnded => "session_ended",
        }
    }
}

/// Who a valid customer token admits.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    pub session_id: SessionId,
    pub token_hash: String,
}

/// Announced after a session changed state.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEvent {
    Ended { session: SessionId, reason: EndReason },
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("no such session")]
    NotFound,
    #[error("the session has ended")]
    Ended,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// Cheap-clone handle: the sessions store, its clock, limits and event bus.
#[derive(Clone)]
pub struct Sessions {
    pub db: Db,
    pub clock: Clock,
    limits: Limits,
    public_url: String,
    bus: broadcast::Sender<SessionEvent>,
}

const COLUMNS: &str = "id, status, external_ref, profile, profile_version, created_at, started_at, ended_at, end_reason";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Session, sqlx::Error> {
    let status: String = r.try_get("status")?;
    let reason: Option<String> = r.try_get("end_reason")?;
    Ok(Session {
        id: SessionId::from_stored(r.try_get::<String, _>("id")?),
        status: domain::parse_stored("session status", &status).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        external_ref: r.try_get("external_ref")?,
        profile: r.try_get("profile")?,
        profile_version: r.try_get("profile_version")?,
        created_at: r.try_get("created_at")?,
        started_at: r.try_get("started_at")?,
        ended_at: r.try_get("ended_at")?,
        end_reason: reason.map(|r| domain::parse_stored("end reason", &r)).transpose().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
    })
}

impl Sessions {
    pub fn new(db: Db, clock: Clock, limits: Limits, public_url: &str) -> Sessions {
        let (bus, _) = broadcast::channel(1024);
        Sessions { db, clock, limits, public_url: public_url.trim_end_matches('/').to_owned(), bus }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<SessionEvent> {
        self.bus.subscribe()
    }

    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Creates a session following `profile` (its id and version).
    pub async fn create(&self, external_ref: Option<String>, profile: &crate::profiles::Profile, actor: Actor) -> Result<Session, sqlx::Error> {
        let now = self.now();
        let id = SessionId::random();
        sqlx::query("INSERT INTO sessions (id, status, external_ref, profile, profile_version, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id.as_str().to_owned())
            .bind(SessionStatus::Created.as_ref())
            .bind(&external_ref)
            .bind(profile.id.clone())
            .bind(profile.version.clone())
            .bind(now)
            .execute(&self.db)
            .await?;
        audit::append(&self.db, Entry::new(actor, AuditAction::SessionCreated).session(&id).detail(profile.id.clone()), now).await?;
        // The archive's row (issue 11).
        crate::archive::index::created(&self.db, &id, now, SessionStatus::Created.as_ref(), &profile.id).await?;
        Ok(Session {
            id,
            status: SessionStatus::Created,
            external_ref,
            profile: profile.id.clone(),
            profile_version: profile.version.clone(),
            created_at: now,
            started_at: None,
            ended_at: None,
            end_reason: None,
        })
    }

    pub async fn get(&self, id: &SessionId) -> Result<Option<Session>, sqlx::Error> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM sessions WHERE id = $1")).bind(id.as_str().to_owned()).fetch_optional(&self.db).await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Runs one lifecycle event; returns the session afterwards.
    pub async fn apply(&self, id: &SessionId, event: Event, actor: Actor) -> Result<Session, SessionError> {
        let s = self.get(id).await?.ok_or(SessionError::NotFound)?;
        let now = self.now();
        let state = lifecycle::State { status: s.status, created_at: s.created_at, started_at: s.started_at };
        match lifecycle::next(state, event, now, self.limits).map_err(|_| SessionError::Ended)? {
            Outcome::Unchanged => {}
            Outcome::Started { at } => {
                sqlx::query("UPDATE sessions SET status = $2, started_at = $3 WHERE id = $1 AND status = $4")
                    .bind(id.as_str().to_owned())
                    .bind(SessionStatus::Active.as_ref())
                    .bind(at)
                    .bind(s.status.as_ref())
                    .execute(&self.db)
                    .await?;
                crate::archive::index::sync_status_logged(&self.db, id).await;
            }
            Outcome::Ended { reason, at } => {
                let done = sqlx::query("UPDATE sessions SET status = $2, ended_at = $3, end_reason = $4 WHERE id = $1 AND status = $5")
                    .bind(id.as_str().to_owned())
                    .bind(SessionStatus::Ended.as_ref())
                    .bind(at)
                    .bind(reason.as_ref())
                    .bind(s.status.as_ref())
                    .execute(&self.db)
                    .await?;
                if done.rows_affected() == 1 {
                    audit::record(&self.db, Entry::new(actor, AuditAction::SessionEnded).session(id).detail(reason.as_ref()), at).await;
                    crate::archive::index::sync_status_logged(&self.db, id).await;
                    let _ = self.bus.send(SessionEvent::Ended { session: id.clone(), reason });
                }
            }
        }
        self.get(id).await?.ok_or(SessionError::NotFound)
    }

    /// Sessions whose call may have run too long or that nobody joined in time: the timer
    /// ticks each of them through the lifecycle.
    pub async fn due_for_tick(&self) -> Result<Vec<SessionId>, sqlx::Error> {
        let now = self.now();
        let rows = sqlx::query(
            "SELECT id FROM sessions WHERE (status = $1 AND started_at <= $2) OR (status = $3 AND created_at <= $4) ORDER BY created_at LIMIT 500",
        )
        .bind(SessionStatus::Active.as_ref())
        .bind(now - self.limits.max_call_ms)
        .bind(SessionStatus::Created.as_ref())
        .bind(now - self.limits.ttl_ms)
        .fetch_all(&self.db)
        .await?;
        rows.iter().map(|r| r.try_get::<String, _>("id").map(SessionId::from_stored)).collect()
    }

    /// Issues a customer link valid until `now + ttl`, and not before `not_before` if given.
    pub async fn issue_link(&self, session: &SessionId, ttl_ms: i64, not_before: Option<i64>, actor: Actor) -> Result<IssuedLink, sqlx::Error> {
        let token = tokens::generate();
        let hash = tokens::hash(&token);
        let now = self.now();
        let expires_at = now + ttl_ms;
        sqlx::query("INSERT INTO join_tokens (token_hash, session_id, role, created_at, expires_at, not_before) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&hash)
            .bind(session.as_str().to_owned())
            .bind(Party::Customer.as_ref())
            .bind(now)
            .bind(expires_at)
            .bind(not_before)
            .execute(&self.db)
            .await?;
        audit::append(&self.db, Entry::new(actor, AuditAction::LinkIssued).session(session).target(&hash[..16]), now).await?;
        // The token travels in the fragment, which browsers never send to servers or proxies.
        let url = format!("{}/call/#t={token}", self.public_url);
        Ok(IssuedLink { id: hash, role: Party::Customer, token, url, expires_at, not_before })
    }

    /// Revokes one link of the session (`Some(id)`) or all of them; returns how many.
    pub async fn revoke_links(&self, session: &SessionId, link: Option<&str>, actor: Actor) -> Result<u64, sqlx::Error> {
        let now = self.now();
        let done = match link {
            Some(id) => {
                sqlx::query("UPDATE join_tokens SET revoked_at = $3 WHERE session_id = $1 AND token_hash = $2 AND revoked_at IS NULL")
                    .bind(session.as_str().to_owned())
                    .bind(id.to_owned())
                    .bind(now)
                    .execute(&self.db)
                    .await?
            }
            None => {
                sqlx::query("UPDATE join_tokens SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL")
                    .bind(session.as_str().to_owned())
                    .bind(now)
                    .execute(&self.db)
                    .await?
            }
        };
        let n = done.rows_affected();
        audit::append(&self.db, Entry::new(actor, AuditAction::LinkRevoked).session(session).detail(n.to_string()), now).await?;
        Ok(n)
    }

    /// Resolves a presented customer token at the clock's now.
    pub async fn admit(&self, token: &str) -> Result<Result<Admission, TokenRefusal>, sqlx::Error> {
        if token.is_empty() || token.len() > 128 {
            return Ok(Err(TokenRefusal::Unknown));
        }
        let hash = tokens::hash(token);
        let row = sqlx::query(
            "SELECT t.session_id, t.expires_at, t.not_before, t.revoked_at, s.status FROM join_tokens t \
             JOIN sessions s ON s.id = t.session_id WHERE t.token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&self.db)
        .await?;
        let Some(r) = row else { return Ok(Err(TokenRefusal::Unknown)) };
        let now = self.now();
        let status: SessionStatus = domain::parse_stored("session status", &r.try_get::<String, _>("status")?).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let verdict = if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
            Err(TokenRefusal::Revoked)
        } else if r.try_get::<i64, _>("expires_at")? <= now {
            Err(TokenRefusal::Expired)
        } else if r.try_get::<Option<i64>, _>("not_before")?.is_some_and(|nb| now < nb) {
            Err(TokenRefusal::NotYetValid)
        } else if status == SessionStatus::Ended {
            Err(TokenRefusal::SessionEnded)
        } else {
            Ok(Admission { session_id: SessionId::from_stored(r.try_get::<String, _>("session_id")?), token_hash: hash })
        };
        Ok(verdict)
    }

}
