//! Server-side staff sessions. The browser holds a 256-bit token in an HttpOnly,
//! SameSite=Strict cookie; the database holds its SHA-256, when it was made, last used and last
//! re-authenticated. A session ends after the idle timeout, the absolute timeout, a sign-out,
//! or "sign out everywhere". Our own table rather than `tower-sessions`: its sqlx stores are
//! per-dialect pools, while the server runs both dialects on one `AnyPool`.

use super::Staff;
use crate::db::Db;
use crate::tokens;
use domain::StaffId;
use sqlx::Row;

/// Name of the cookie.
pub const COOKIE: &str = "vkyc_staff";

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub idle_ms: i64,
    pub absolute_ms: i64,
    pub reauth_ms: i64,
}

/// A signed-in staff member, as resolved from the cookie of one request.
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub staff: Staff,
    pub token_hash: String,
    pub expires_at: i64,
    pub idle_expires_at: i64,
    /// Unix ms of the last password/TOTP entry.
    pub reauth_at: i64,
}

impl StaffSession {
    /// Whether a sensitive action may go ahead without asking for the code again.
    pub fn recently_authenticated(&self, now: i64, t: Timeouts) -> bool {
        now - self.reauth_at <= t.reauth_ms
    }
}

/// Why a cookie does not admit its bearer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRefusal {
    /// Not a session we know (never was, or signed out).
    Unknown,
    /// It was a session but timed out: the UI says "your session expired".
    Expired,
}

/// Starts a session at `now`; returns the cookie value. `user_agent` (cut to 200 characters)
/// lets the person recognise the device among their active sign-ins.
pub async fn start(db: &Db, id: &StaffId, now: i64, t: Timeouts, user_agent: Option<&str>) -> Result<String, sqlx::Error> {
    let token = tokens::generate();
    let ua = user_agent.map(|u| u.chars().filter(|c| !c.is_control()).take(200).collect::<String>());
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at, expires_at, reauth_at, user_agent) VALUES ($1, $2, $3, $3, $4, $3, $5)",
    )
    .bind(tokens::hash(&token))
    .bind(id.as_str().to_owned())
    .bind(now)
    .bind(now + t.absolute_ms)
    .bind(ua)
    .execute(db)
    .await?;
    Ok(token)
}

/// One of a person's active sign-ins, as "My account" lists them.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SignIn {
    /// A public handle (the first 16 hex digits of the token's hash): enough to end it, useless
    /// as a credential.
    pub id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: Option<String>,
    /// The session this request came with.
    pub current: bool,
}

const HANDLE_LEN: usize = 16;

/// The account's sessions that still admit their bearer at `now`, newest first.
pub async fn active(db: &Db, id: &StaffId, current_hash: &str, now: i64, t: Timeouts) -> Result<Vec<SignIn>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT token_hash, created_at, last_seen_at, expires_at, user_agent FROM staff_sessions \
         WHERE staff_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3 ORDER BY created_at DESC",
    )
    .bind(id.as_str().to_owned())
    .bind(now)
    .bind(now - t.idle_ms)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get("token_hash")?;
            Ok(SignIn {
                id: hash[..HANDLE_LEN.min(hash.len())].to_owned(),
                created_at: r.try_get("created_at")?,
                last_seen_at: r.try_get("last_seen_at")?,
                expires_at: r.try_get("expires_at")?,
                user_agent: r.try_get("user_agent")?,
                current: hash == current_hash,
            })
        })
        .collect()
}

/// Ends the account's session with this public handle; false if it has none such.
pub async fn revoke_by_handle(db: &Db, id: &StaffId, handle: &str, now: i64) -> Result<bool, sqlx::Error> {
    if handle.len() != HANDLE_LEN || !handle.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let rows = sqlx::query("SELECT token_hash FROM staff_sessions WHERE staff_id = $1 AND revoked_at IS NULL").bind(id.as_str().to_owned()).fetch_all(db).await?;
    for r in &rows {
        let hash: String = r.try_get("token_hash")?;
        if hash.starts_with(&handle.to_ascii_lowercase()) {
            revoke(db, &hash, now).await?;
            return Ok(true);
        }
    }
    Ok(false)
}

/// Ends every session of the account but one (after a password change).
pub async fn revoke_others(db: &Db, id: &StaffId, keep_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET revoked_at = $3 WHERE staff_id = $1 AND token_hash <> $2 AND revoked_at IS NULL")
        .bind(id.as_str().to_owned())
        .bind(keep_hash.to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Resolves a cookie at `now` and marks the session used.
pub async fn resolve(db: &Db, token: &str, now: i64, t: Timeouts) -> Result<Result<StaffSession, SessionRefusal>, sqlx::Error> {
    let hash = tokens::hash(token);
    let row = sqlx::query(
        "SELECT s.staff_id, s.last_seen_at, s.expires_at, s.reauth_at, s.revoked_at FROM staff_sessions s WHERE s.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(Err(SessionRefusal::Unknown)) };
    let last_seen: i64 = r.try_get("last_seen_at")?;
    let expires_at: i64 = r.try_get("expires_at")?;
    if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
        return Ok(Err(SessionRefusal::Unknown));
    }
    if now >= expires_at || now - last_seen >= t.idle_ms {
        return Ok(Err(SessionRefusal::Expired));
    }
    let id = StaffId::from_stored(r.try_get::<String, _>("staff_id")?);
    let Some(staff) = super::get(db, &id).await? else { return Ok(Err(SessionRefusal::Unknown)) };
    if staff.disabled {
        return Ok(Err(SessionRefusal::Unknown));
    }
    // Writing on every request would make reads write; a minute's precision is enough.
    if now - last_seen > 60_000 {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1").bind(&hash).bind(now).execute(db).await?;
    }
    let seen = if now - last_seen > 60_000 { now } else { last_seen };
    Ok(Ok(StaffSession {
        staff,
        token_hash: hash,
        expires_at,
        idle_expires_at: (seen + t.idle_ms).min(expires_at),
        reauth_at: r.try_get("reauth_at")?,
    }))
}

pub async fn mark_reauthenticated(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET reauth_at = $2, last_seen_at = $2 WHERE token_hash = $1").bind(token_hash).bind(now).execute(db).await?;
    Ok(())
}

pub async fn revoke(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL").bind(token_hash).bind(now).execute(db).await?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere", disabling, TOTP reset).
pub async fn revoke_all(db: &Db, id: &StaffId, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL")
        .bind(id.as_str().to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// The `Set-Cookie` value that stores `token` (or clears the cookie with `None`).
pub fn set_cookie(token: Option<&str>, secure: bool, max_age_secs: i64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

/// The session token from a `Cookie` header.
pub fn from_cookie_header(header: &str) -> Option<&str> {
    header.split(';').map(str::trim).find_map(|kv| kv.strip_prefix(COOKIE).and_then(|rest| rest.strip_prefix('='))).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_under_tls() {
        let c = set_cookie(Some("abc"), true, 60);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Secure"));
        assert!(!set_cookie(Some("abc"), false, 60).contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(from_cookie_header("a=1; vkyc_staff=tok; b=2"), Some("tok"));
        assert_eq!(from_cookie_header("vkyc_staffx=tok"), None);
        assert_eq!(from_cookie_header("vkyc_staff="), None);
    }
}
