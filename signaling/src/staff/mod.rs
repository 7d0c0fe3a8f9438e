//! Staff accounts: agents, supervisors, admins and auditors (one person may hold several
//! roles). Passwords are argon2id hashes ([`password`]); the TOTP secret is sealed with the
//! master key ([`totp`], [`crate::crypto`]); sign-in failures lock the account with backoff
//! ([`lockout`]); signed-in staff hold a server-side session ([`sessions`]).

pub mod lockout;
pub mod login;
pub mod password;
pub mod sessions;
pub mod totp;

use crate::crypto::MasterKey;
use crate::db::Db;
use domain::{StaffId, StaffRole};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeSet;

/// A staff account as the rest of the server sees it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Staff {
    pub id: StaffId,
    pub display_name: String,
    pub roles: BTreeSet<StaffRole>,
    pub disabled: bool,
    /// Unix ms until which sign-in is refused after failed attempts.
    pub locked_until: Option<i64>,
    pub created_at: i64,
}

impl Staff {
    pub fn has(&self, role: StaffRole) -> bool {
        self.roles.contains(&role)
    }
}

/// What a new account (or a TOTP reset) hands to its owner, once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Enrollment {
    /// `otpauth://` URI for an authenticator app.
    pub totp_uri: String,
    /// The same as a QR code (SVG).
    pub totp_qr_svg: String,
    /// The secret in base32, to type in by hand.
    pub totp_secret: String,
    /// Single-use codes for when the phone is lost; shown only now.
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("an account with this id exists")]
    Exists,
    #[error("no such account")]
    NotFound,
    #[error("staff ids are 1-64 characters of a-z, 0-9, '.', '_' and '-'")]
    BadId,
    #[error("an account needs at least one role")]
    NoRoles,
    #[error("{0}")]
    Password(#[from] password::PasswordRejected),
    #[error("the display name must have 1-100 characters")]
    BadName,
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

impl StaffError {
    pub fn code(&self) -> &'static str {
        match self {
            StaffError::Exists => "staff_exists",
            StaffError::NotFound => "staff_not_found",
            StaffError::BadId => "invalid_staff_id",
            StaffError::NoRoles => "staff_needs_role",
            StaffError::Password(p) => p.code(),
            StaffError::BadName => "invalid_display_name",
            StaffError::Db(_) => "internal",
        }
    }
}

/// A new account's fields.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub id: String,
    pub display_name: String,
    pub roles: BTreeSet<StaffRole>,
    pub password: String,
}

fn roles_text(roles: &BTreeSet<StaffRole>) -> String {
    serde_json::to_string(roles).unwrap_or_else(|_| "[]".into())
}

fn parse_roles(text: &str) -> BTreeSet<StaffRole> {
    serde_json::from_str(text).unwrap_or_default()
}

fn seal_context(id: &StaffId) -> String {
    format!("staff-totp:{id}")
}

fn check_name(name: &str) -> Result<(), StaffError> {
    let n = name.trim().chars().count();
    if n == 0 || n > 100 || name.chars().any(char::is_control) {
        return Err(StaffError::BadName);
    }
    Ok(())
}

const COLUMNS: &str = "id, display_name, roles, disabled_at, locked_until, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Staff, sqlx::Error> {
    Ok(Staff {
        id: StaffId::from_stored(r.try_get::<String, _>("id")?),
        display_name: r.try_get("display_name")?,
        roles: parse_roles(&r.try_get::<String, _>("roles")?),
        disabled: r.try_get::<Option<i64>, _>("disabled_at")?.is_some(),
        locked_until: r.try_get("locked_until")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Creates an account with a fresh TOTP secret and recovery codes.
pub async fn create(db: &Db, key: &MasterKey, new: NewStaff, now: i64) -> Result<(Staff, Enrollment), StaffError> {
    let id = StaffId::parse(&new.id).ok_or(StaffError::BadId)?;
    if new.roles.is_empty() {
        return Err(StaffError::NoRoles);
    }
    check_name(&new.display_name)?;
    password::check_policy(&new.password, id.as_str())?;
    if get(db, &id).await?.is_some() {
        return Err(StaffError::Exists);
    }
    let secret = totp::new_secret();
    let hash = password::hash(&new.password);
    let inserted = sqlx::query(
        "INSERT INTO staff (id, display_name, roles, password_hash, totp_secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(id.as_str().to_owned())
    .bind(new.display_name.trim().to_owned())
    .bind(roles_text(&new.roles))
    .bind(hash)
    .bind(key.seal(&seal_context(&id), &secret))
    .bind(now)
    .execute(db)
    .await;
    if let Err(e) = inserted {
        // Two admins creating the same id at once: the primary key decides.
        return Err(if get(db, &id).await?.is_some() { StaffError::Exists } else { StaffError::Db(e) });
    }
    let enrollment = store_recovery_codes(db, &id, &secret).await?;
    let staff = get(db, &id).await?.ok_or(StaffError::NotFound)?;
    Ok((staff, enrollment))
}

async fn store_recovery_codes(db: &Db, id: &StaffId, secret: &[u8]) -> Result<Enrollment, StaffError> {
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1").bind(id.as_str().to_owned()).execute(db).await?;
    let codes = totp::new_recovery_codes();
    for c in &codes {
        sqlx::query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
            .bind(id.as_str().to_owned())
            .bind(totp::recovery_hash(c))
            .execute(db)
            .await?;
    }
    let uri = totp::uri(secret, id.as_str());
    Ok(Enrollment { totp_qr_svg: totp::qr_svg(&uri), totp_uri: uri, totp_secret: totp::secret_base32(secret), recovery_codes: codes })
}

pub async fn get(db: &Db, id: &StaffId) -> Result<Option<Staff>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM staff WHERE id = $1")).bind(id.as_str().to_owned()).fetch_optional(db).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(db: &Db) -> Result<Vec<Staff>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM staff ORDER BY id")).fetch_all(db).await?;
    rows.iter().map(from_row).collect()
}

/// Changes roles, display name or the disabled flag; disabling ends the account's sessions.
pub async fn update(
    db: &Db,
    id: &StaffId,
    roles: Option<BTreeSet<StaffRole>>,
    display_name: Option<String>,
    disabled: Option<bool>,
    now: i64,
) -> Result<Staff, StaffError> {
    let current = get(db, id).await?.ok_or(StaffError::NotFound)?;
    let roles = roles.unwrap_or(current.roles);
    if roles.is_empty() {
        return Err(StaffError::NoRoles);
    }
    let name = display_name.unwrap_or(current.display_name);
    check_name(&name)?;
    let disabled_at = disabled.unwrap_or(current.disabled).then_some(now);
    sqlx::query("UPDATE staff SET roles = $2, display_name = $3, disabled_at = $4, updated_at = $5 WHERE id = $1")
        .bind(id.as_str().to_owned())
        .bind(roles_text(&roles))
        .bind(name.trim().to_owned())
        .bind(disabled_at)
        .bind(now)
        .execute(db)
        .await?;
    if disabled_at.is_some() {
        sessions::revoke_all(db, id, now).await?;
    }
    get(db, id).await?.ok_or(StaffError::NotFound)
}

/// A new TOTP secret and recovery codes (the phone was lost); ends the account's sessions.
pub async fn reset_totp(db: &Db, key: &MasterKey, id: &StaffId, now: i64) -> Result<Enrollment, StaffError> {
    get(db, id).await?.ok_or(StaffError::NotFound)?;
    let secret = totp::new_secret();
    sqlx::query("UPDATE staff SET totp_secret = $2, totp_last_step = 0, updated_at = $3 WHERE id = $1")
        .bind(id.as_str().to_owned())
        .bind(key.seal(&seal_context(id), &secret))
        .bind(now)
        .execute(db)
        .await?;
    sessions::revoke_all(db, id, now).await?;
    store_recovery_codes(db, id, &secret).await
}

/// Lifts a lock before its time (an admin after checking with the person).
pub async fn unlock(db: &Db, id: &StaffId, now: i64) -> Result<Staff, StaffError> {
    get(db, id).await?.ok_or(StaffError::NotFound)?;
    sqlx::query("UPDATE staff SET failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $1")
        .bind(id.as_str().to_owned())
        .bind(now)
        .execute(db)
        .await?;
    get(db, id).await?.ok_or(StaffError::NotFound)
}

/// The current TOTP code of an account, for the demo's printed instructions only.
pub async fn current_code(db: &Db, key: &MasterKey, id: &StaffId, now: i64) -> Result<String, StaffError> {
    let row = sqlx::query("SELECT totp_secret FROM staff WHERE id = $1").bind(id.as_str().to_owned()).fetch_optional(db).await?;
    let sealed: Vec<u8> = row.ok_or(StaffError::NotFound)?.try_get("totp_secret")?;
    let secret = key.open(&seal_context(id), &sealed).map_err(|_| StaffError::NotFound)?;
    Ok(totp::code_at(&secret, now))
}
