//! Sign-in: password, then the second factor (a TOTP code, or a recovery code), with lockout.
//! Every outcome is audit-logged; nothing here logs the username's password or code.

use super::lockout::{self, Counters, Rules};
use super::{password, totp};
use crate::audit::{self, Actor, AuditAction, Entry};
use crate::crypto::MasterKey;
use crate::db::Db;
use domain::StaffId;
use sqlx::Row;

/// Why a sign-in (or a re-authentication) was refused. Each has a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefusal {
    #[error("unknown account or wrong password")]
    InvalidCredentials,
    #[error("the code is not right")]
    InvalidCode,
    #[error("this code was used already; wait for the next one")]
    CodeAlreadyUsed,
    #[error("the account is locked after failed attempts")]
    AccountLocked { retry_after_ms: i64 },
    #[error("the account is disabled")]
    AccountDisabled,
}

impl LoginRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            LoginRefusal::InvalidCredentials => "invalid_credentials",
            LoginRefusal::InvalidCode => "invalid_code",
            LoginRefusal::CodeAlreadyUsed => "code_already_used",
            LoginRefusal::AccountLocked { .. } => "account_locked",
            LoginRefusal::AccountDisabled => "account_disabled",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error(transparent)]
    Refused(#[from] LoginRefusal),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

struct Secrets {
    password_hash: String,
    totp_secret: Vec<u8>,
    totp_last_step: i64,
    counters: Counters,
    disabled: bool,
    /// False while the account is invited: nothing signs in before its owner activates it.
    activated: bool,
}

async fn load(db: &Db, key: &MasterKey, id: &StaffId) -> Result<Option<Secrets>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT password_hash, totp_secret, totp_last_step, failed_logins, lockouts, locked_until, disabled_at, activated_at FROM staff WHERE id = $1",
    )
    .bind(id.as_str().to_owned())
    .fetch_optional(db)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let sealed: Vec<u8> = r.try_get("totp_secret")?;
    Ok(Some(Secrets {
        password_hash: r.try_get("password_hash")?,
        // A secret that cannot be opened (wrong master key) matches no code.
        totp_secret: key.open(&format!("staff-totp:{id}"), &sealed).unwrap_or_default(),
        totp_last_step: r.try_get("totp_last_step")?,
        counters: Counters { failed: r.try_get("failed_logins")?, lockouts: r.try_get("lockouts")?, locked_until: r.try_get("locked_until")? },
        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        activated: r.try_get::<Option<i64>, _>("activated_at")?.is_some(),
    }))
}

async fn save_counters(db: &Db, id: &StaffId, c: Counters) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff SET failed_logins = $2, lockouts = $3, locked_until = $4 WHERE id = $1")
        .bind(id.as_str().to_owned())
        .bind(c.failed)
        .bind(c.lockouts)
        .bind(c.locked_until)
        .execute(db)
        .await?;
    Ok(())
}

/// Checks the second factor and consumes it (a TOTP step or a recovery code is used once).
async fn second_factor(db: &Db, id: &StaffId, s: &Secrets, code: &str, now: i64) -> Result<Result<(), LoginRefusal>, sqlx::Error> {
    if totp::is_recovery_code(code) {
        let used = sqlx::query("UPDATE staff_recovery_codes SET used_at = $3 WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL")
            .bind(id.as_str().to_owned())
            .bind(totp::recovery_hash(code))
            .bind(now)
            .execute(db)
            .await?;
        if used.rows_affected() == 1 {
            return Ok(Ok(()));
        }
        let known = sqlx::query("SELECT 1 AS one FROM staff_recovery_codes WHERE staff_id = $1 AND code_hash = $2")
            .bind(id.as_str().to_owned())
            .bind(totp::recovery_hash(code))
            .fetch_optional(db)
            .await?;
        return Ok(Err(if known.is_some() { LoginRefusal::CodeAlreadyUsed } else { LoginRefusal::InvalidCode }));
    }
    match totp::check(&s.totp_secret, code, now, s.totp_last_step) {
        Ok(step) => {
            // Conditional on the old step, so two requests racing with one code cannot both win.
            let r = sqlx::query("UPDATE staff SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2")
                .bind(id.as_str().to_owned())
                .bind(step)
                .execute(db)
                .await?;
            Ok(if r.rows_affected() == 1 { Ok(()) } else { Err(LoginRefusal::CodeAlreadyUsed) })
        }
        Err(totp::CodeRefusal::Replayed) => Ok(Err(LoginRefusal::CodeAlreadyUsed)),
        Err(totp::CodeRefusal::Wrong) => Ok(Err(LoginRefusal::InvalidCode)),
    }
}

/// Counts a failed sign-in (maybe locking the account) and returns the error to answer with.
async fn failed(db: &Db, id: &StaffId, before: Counters, refusal: LoginRefusal, now: i64, rules: Rules) -> Result<LoginError, sqlx::Error> {
    let c = lockout::after_failure(before, now, rules);
    save_counters(db, id, c).await?;
    audit::record(db, Entry::new(Actor::Anonymous, AuditAction::LoginFailed).target(id.as_str()).detail(refusal.code()), now).await;
    if let Some(ms) = lockout::locked_for(&c, now) {
        audit::record(db, Entry::new(Actor::System, AuditAction::AccountLocked).target(id.as_str()).detail(format!("{}s", ms / 1000)), now).await;
    }
    Ok(refusal.into())
}

/// Password + second factor at `now`. On success the failure counters are reset.
pub async fn sign_in(db: &Db, key: &MasterKey, rules: Rules, username: &str, password_text: &str, code: &str, now: i64) -> Result<StaffId, LoginError> {
    let id = StaffId::parse(username.trim());
    let secrets = match &id {
        Some(id) => load(db, key, id).await?,
        None => None,
    };
    // An invited account answers like an unknown one, after the same work.
    let (Some(id), Some(s)) = (id, secrets.filter(|s| s.activated)) else {
        password::verify_dummy(password_text);
        audit::record(db, Entry::new(Actor::Anonymous, AuditAction::LoginFailed).detail("unknown_account"), now).await;
        return Err(LoginRefusal::InvalidCredentials.into());
    };
    if let Some(ms) = lockout::locked_for(&s.counters, now) {
        audit::record(db, Entry::new(Actor::Anonymous, AuditAction::LoginFailed).target(id.as_str()).detail("account_locked"), now).await;
        return Err(LoginRefusal::AccountLocked { retry_after_ms: ms }.into());
    }
    if !password::verify(password_text, &s.password_hash) {
        return Err(failed(db, &id, s.counters, LoginRefusal::InvalidCredentials, now, rules).await?);
    }
    if s.disabled {
        return Err(failed(db, &id, s.counters, LoginRefusal::AccountDisabled, now, rules).await?);
    }
    if let Err(refusal) = second_factor(db, &id, &s, code, now).await? {
        return Err(failed(db, &id, s.counters, refusal, now, rules).await?);
    }
    save_counters(db, &id, lockout::after_success(s.counters)).await?;
    sqlx::query("UPDATE staff SET last_login_at = $2 WHERE id = $1").bind(id.as_str().to_owned()).bind(now).execute(db).await?;
    audit::record(db, Entry::new(Actor::Staff(id.clone()), AuditAction::LoginSucceeded), now).await;
    Ok(id)
}

/// Checks the current password of a signed-in person (changing it). A wrong one counts toward
/// the lockout like a failed sign-in, so a stolen session cannot guess it at leisure.
pub async fn check_password(db: &Db, key: &MasterKey, rules: Rules, id: &StaffId, password_text: &str, now: i64) -> Result<(), LoginError> {
    let s = load(db, key, id).await?.ok_or(LoginRefusal::InvalidCredentials)?;
    if let Some(ms) = lockout::locked_for(&s.counters, now) {
        return Err(LoginRefusal::AccountLocked { retry_after_ms: ms }.into());
    }
    if password::verify(password_text, &s.password_hash) {
        return Ok(());
    }
    save_counters(db, id, lockout::after_failure(s.counters, now, rules)).await?;
    audit::record(db, Entry::new(Actor::Staff(id.clone()), AuditAction::PasswordChangeFailed).detail(LoginRefusal::InvalidCredentials.code()), now).await;
    Err(LoginRefusal::InvalidCredentials.into())
}

/// Re-authentication of a signed-in person for a sensitive action: the second factor again.
/// Failures count toward the lockout like sign-in failures.
pub async fn reauthenticate(db: &Db, key: &MasterKey, rules: Rules, id: &StaffId, code: &str, now: i64) -> Result<(), LoginError> {
    let s = load(db, key, id).await?.ok_or(LoginRefusal::InvalidCredentials)?;
    if let Some(ms) = lockout::locked_for(&s.counters, now) {
        return Err(LoginRefusal::AccountLocked { retry_after_ms: ms }.into());
    }
    match second_factor(db, id, &s, code, now).await? {
        Ok(()) => {
            audit::record(db, Entry::new(Actor::Staff(id.clone()), AuditAction::ReauthSucceeded), now).await;
            Ok(())
        }
        Err(refusal) => {
            save_counters(db, id, lockout::after_failure(s.counters, now, rules)).await?;
            audit::record(db, Entry::new(Actor::Staff(id.clone()), AuditAction::ReauthFailed).detail(refusal.code()), now).await;
            Err(refusal.into())
        }
    }
}
