//! Onboarding by invitation: an admin creates an account, or resets a person's sign-in, and
//! gets a one-time activation link; the person opens it, chooses their password, enrolls the
//! authenticator and receives their recovery codes. The admin never sees the password, the
//! authenticator secret or the recovery codes, so the four-eyes rule ("a different person")
//! means something.
//!
//! The link carries a 256-bit token; only its SHA-256 is stored, with the authenticator secret
//! the person will enroll (sealed with the master key). A link works once, until it expires,
//! and only while it is the account's newest: issuing another revokes the earlier ones.

use super::{Staff, StaffError, password, seal_context, totp};
use crate::crypto::MasterKey;
use crate::db::Db;
use crate::tokens;
use domain::StaffId;
use serde::Serialize;
use sqlx::Row;

/// A freshly issued link: shown to the admin once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Invitation {
    /// `…/staff/activate#<token>`: the token travels in the fragment, which browsers never send
    /// to a server, so it is in no access log.
    pub url: String,
    /// Unix ms after which the link no longer works.
    pub expires_at: i64,
}

/// Why an activation link does not work (a stable code each; the page says what to do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefusal {
    #[error("this activation link is not valid")]
    Unknown,
    #[error("this activation link has expired")]
    Expired,
    #[error("this activation link was used already")]
    Used,
    #[error("this activation link was replaced by a newer one")]
    Replaced,
}

impl LinkRefusal {
    pub fn code(self) -> &'static str {
        match self {
            LinkRefusal::Unknown => "activation_link_invalid",
            LinkRefusal::Expired => "activation_link_expired",
            LinkRefusal::Used => "activation_link_used",
            LinkRefusal::Replaced => "activation_link_replaced",
        }
    }
}

/// Why completing an activation failed.
#[derive(Debug, thiserror::Error)]
pub enum ActivationError {
    #[error(transparent)]
    Link(#[from] LinkRefusal),
    #[error(transparent)]
    Password(#[from] password::PasswordRejected),
    #[error("the authenticator code is not right")]
    WrongCode,
    #[error(transparent)]
    Staff(#[from] StaffError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// What the person sees while activating: who they are and what to enroll.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Enrollment {
    pub username: String,
    pub display_name: String,
    /// `otpauth://` URI for an authenticator app.
    pub totp_uri: String,
    /// The same as a QR code (SVG, rendered here: no third party sees the secret).
    pub totp_qr_svg: String,
    /// The secret in base32, for "enter a key manually".
    pub totp_secret: String,
    pub expires_at: i64,
}

/// An activation that went through.
#[derive(Debug, Clone)]
pub struct Activated {
    pub staff: StaffId,
    pub recovery_codes: Vec<String>,
}

/// Issues a new link for `id`, revoking any earlier unused one. `created_by` is the audit
/// actor's text. The caller has checked the account exists.
pub async fn issue(db: &Db, key: &MasterKey, id: &StaffId, created_by: &str, public_url: &str, now: i64, ttl_ms: i64) -> Result<Invitation, sqlx::Error> {
    let token = tokens::generate();
    let secret = totp::new_secret();
    let expires_at = now + ttl_ms;
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE staff_invitations SET revoked_at = $2 WHERE staff_id = $1 AND used_at IS NULL AND revoked_at IS NULL")
        .bind(id.as_str().to_owned())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO staff_invitations (token_hash, staff_id, totp_secret, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(tokens::hash(&token))
        .bind(id.as_str().to_owned())
        .bind(key.seal(&seal_context(id), &secret))
        .bind(created_by.to_owned())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Invitation { url: format!("{}/staff/activate#{token}", public_url.trim_end_matches('/')), expires_at })
}

/// The unused link of an account, if any: when it expires (for the admin's list).
pub async fn pending_until(db: &Db, id: &StaffId, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT MAX(expires_at) AS until FROM staff_invitations WHERE staff_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2")
        .bind(id.as_str().to_owned())
        .bind(now)
        .fetch_one(db)
        .await?;
    row.try_get("until")
}

struct Link {
    staff: StaffId,
    sealed_secret: Vec<u8>,
    expires_at: i64,
}

/// Finds the link of `token` and checks it works at `now`.
async fn find(db: &Db, token: &str, now: i64) -> Result<Result<Link, LinkRefusal>, sqlx::Error> {
    // Tokens are 43 characters of base64url; anything else is not worth a query.
    if token.len() != 43 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Ok(Err(LinkRefusal::Unknown));
    }
    let row = sqlx::query("SELECT staff_id, totp_secret, expires_at, used_at, revoked_at FROM staff_invitations WHERE token_hash = $1")
        .bind(tokens::hash(token))
        .fetch_optional(db)
        .await?;
    let Some(r) = row else { return Ok(Err(LinkRefusal::Unknown)) };
    let expires_at: i64 = r.try_get("expires_at")?;
    if r.try_get::<Option<i64>, _>("used_at")?.is_some() {
        return Ok(Err(LinkRefusal::Used));
    }
    if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
        return Ok(Err(LinkRefusal::Replaced));
    }
    if now >= expires_at {
        return Ok(Err(LinkRefusal::Expired));
    }
    Ok(Ok(Link { staff: StaffId::from_stored(r.try_get::<String, _>("staff_id")?), sealed_secret: r.try_get("totp_secret")?, expires_at }))
}

/// What the holder of `token` enrolls. Opening the link changes nothing; it can be reopened
/// (a reload shows the same QR code) until the activation is completed.
pub async fn open(db: &Db, key: &MasterKey, token: &str, now: i64) -> Result<(Staff, Enrollment), ActivationError> {
    let link = find(db, token, now).await??;
    let staff = super::get(db, &link.staff).await?.ok_or(StaffError::NotFound)?;
    let secret = key.open(&seal_context(&link.staff), &link.sealed_secret).map_err(|_| LinkRefusal::Unknown)?;
    let uri = totp::uri(&secret, link.staff.as_str());
    let enrollment = Enrollment {
        username: link.staff.as_str().to_owned(),
        display_name: staff.display_name.clone(),
        totp_qr_svg: totp::qr_svg(&uri),
        totp_uri: uri,
        totp_secret: totp::secret_base32(&secret),
        expires_at: link.expires_at,
    };
    Ok((staff, enrollment))
}

/// Completes the activation: the password meets the policy, `code` is the enrolled
/// authenticator's current code; then the link is spent (once, even under a race), the
/// account gets its credentials and fresh recovery codes, and its failure counters are reset.
pub async fn complete(db: &Db, key: &MasterKey, token: &str, new_password: &str, code: &str, now: i64) -> Result<Activated, ActivationError> {
    let link = find(db, token, now).await??;
    password::check_policy(new_password, link.staff.as_str())?;
    let secret = key.open(&seal_context(&link.staff), &link.sealed_secret).map_err(|_| LinkRefusal::Unknown)?;
    // The step is stored: the code that confirmed the enrollment cannot also sign in.
    let step = totp::check(&secret, code, now, 0).map_err(|_| ActivationError::WrongCode)?;
    let hash = password::hash(new_password);
    let codes = totp::new_recovery_codes();
    let id = link.staff.as_str().to_owned();
    let mut tx = db.begin().await?;
    let spent = sqlx::query("UPDATE staff_invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2")
        .bind(tokens::hash(token))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    if spent.rows_affected() != 1 {
        return Err(LinkRefusal::Used.into());
    }
    sqlx::query(
        "UPDATE staff SET password_hash = $2, totp_secret = $3, totp_last_step = $4, activated_at = $5, failed_logins = 0, lockouts = 0, \
         locked_until = NULL, updated_at = $5 WHERE id = $1",
    )
    .bind(&id)
    .bind(hash)
    .bind(link.sealed_secret)
    .bind(step)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1").bind(&id).execute(&mut *tx).await?;
    for c in &codes {
        sqlx::query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)").bind(&id).bind(totp::recovery_hash(c)).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Activated { staff: link.staff, recovery_codes: codes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_own_stable_code() {
        let codes: std::collections::BTreeSet<_> =
            [LinkRefusal::Unknown, LinkRefusal::Expired, LinkRefusal::Used, LinkRefusal::Replaced].iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), 4);
        assert!(codes.iter().all(|c| c.starts_with("activation_link_")));
    }
}
