//! Staff accounts: agents, supervisors, admins and auditors (one person may hold several
//! roles). Passwords are argon2id hashes ([`password`]); the TOTP secret is sealed with the
//! master key ([`totp`], [`crate::crypto`]); sign-in failures lock the account with backoff
//! ([`lockout`]); signed-in staff hold a server-side session ([`sessions`]). Accounts made
//! in the administration start invited and are activated by their owner ([`invitations`]);
//! only the command line's bootstrap ([`create`]) sets credentials directly.

pub mod invitations;
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

/// What an account made on the command line hands to its owner, once (the bootstrap admin;
/// accounts made in the administration enroll themselves through [`invitations`]).
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapEnrollment {
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
    #[error("you cannot remove your own admin role; another admin can")]
    OwnAdminRole,
    #[error("you cannot disable your own account; another admin can")]
    DisableSelf,
    #[error("you cannot reset your own sign-in; change your password under My account")]
    ResetSelf,
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
            StaffError::OwnAdminRole => "cannot_remove_own_admin_role",
            StaffError::DisableSelf => "cannot_disable_self",
            StaffError::ResetSelf => "cannot_reset_own_sign_in",
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

/// Where a person's account stands, as the administration shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffState {
    /// Made by an admin; the person has not yet chosen a password and enrolled.
    Invited,
    Active,
    /// Failed sign-ins locked it for a while (an admin can unlock).
    Locked,
    Disabled,
}

impl StaffState {
    /// Disabling outranks everything; an invited account cannot be locked out of signing in.
    pub fn of(disabled: bool, activated: bool, locked_until: Option<i64>, now: i64) -> StaffState {
        if disabled {
            StaffState::Disabled
        } else if !activated {
            StaffState::Invited
        } else if locked_until.is_some_and(|t| t > now) {
            StaffState::Locked
        } else {
            StaffState::Active
        }
    }
}

/// An account as the administration lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffAccount {
    pub id: StaffId,
    pub display_name: String,
    pub roles: BTreeSet<StaffRole>,
    pub state: StaffState,
    /// Unix ms until which sign-in is refused after failed attempts.
    pub locked_until: Option<i64>,
    pub created_at: i64,
    /// When the person completed their activation (None while invited).
    pub activated_at: Option<i64>,
    pub last_sign_in_at: Option<i64>,
    /// When the account's unused activation link expires, if it has one.
    pub invitation_expires_at: Option<i64>,
}

/// Changes an admin may not make to their own account, so that the last admin cannot lock
/// everyone out and nobody grants or keeps power without a second person.
pub fn check_own_change(actor: &StaffId, target: &StaffId, roles: Option<&BTreeSet<StaffRole>>, disabled: Option<bool>) -> Result<(), StaffError> {
    if actor != target {
        return Ok(());
    }
    if roles.is_some_and(|r| !r.contains(&StaffRole::Admin)) {
        return Err(StaffError::OwnAdminRole);
    }
    if disabled == Some(true) {
        return Err(StaffError::DisableSelf);
    }
    Ok(())
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

/// Creates an active account with a password, a fresh TOTP secret and recovery codes: the
/// command line's bootstrap (the first admin, the demo), where the operator is the person.
pub async fn create(db: &Db, key: &MasterKey, new: NewStaff, now: i64) -> Result<(Staff, BootstrapEnrollment), StaffError> {
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
        "INSERT INTO staff (id, display_name, roles, password_hash, totp_secret, created_at, updated_at, activated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)",
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

async fn store_recovery_codes(db: &Db, id: &StaffId, secret: &[u8]) -> Result<BootstrapEnrollment, StaffError> {
    let codes = new_recovery_codes(db, id).await?;
    let uri = totp::uri(secret, id.as_str());
    Ok(BootstrapEnrollment { totp_qr_svg: totp::qr_svg(&uri), totp_uri: uri, totp_secret: totp::secret_base32(secret), recovery_codes: codes })
}

/// Replaces the account's recovery codes with ten new ones (returned once; stored hashed).
pub async fn new_recovery_codes(db: &Db, id: &StaffId) -> Result<Vec<String>, sqlx::Error> {
    let codes = totp::new_recovery_codes();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1").bind(id.as_str().to_owned()).execute(&mut *tx).await?;
    for c in &codes {
        sqlx::query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
            .bind(id.as_str().to_owned())
            .bind(totp::recovery_hash(c))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// How many of the account's recovery codes are still unused.
pub async fn recovery_codes_left(db: &Db, id: &StaffId) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL").bind(id.as_str().to_owned()).fetch_one(db).await?;
    row.try_get("n")
}

/// Creates an invited account: no usable password or authenticator until its owner completes
/// the activation link ([`invitations::issue`]).
pub async fn invite(db: &Db, id: &str, display_name: &str, roles: BTreeSet<StaffRole>, now: i64) -> Result<Staff, StaffError> {
    let id = StaffId::parse(id).ok_or(StaffError::BadId)?;
    if roles.is_empty() {
        return Err(StaffError::NoRoles);
    }
    check_name(display_name)?;
    if get(db, &id).await?.is_some() {
        return Err(StaffError::Exists);
    }
    // An empty hash matches no password and an empty secret no code: nothing signs in.
    let inserted = sqlx::query(
        "INSERT INTO staff (id, display_name, roles, password_hash, totp_secret, created_at, updated_at) VALUES ($1, $2, $3, '', $4, $5, $5)",
    )
    .bind(id.as_str().to_owned())
    .bind(display_name.trim().to_owned())
    .bind(roles_text(&roles))
    .bind(Vec::<u8>::new())
    .bind(now)
    .execute(db)
    .await;
    if let Err(e) = inserted {
        return Err(if get(db, &id).await?.is_some() { StaffError::Exists } else { StaffError::Db(e) });
    }
    get(db, &id).await?.ok_or(StaffError::NotFound)
}

/// Takes an account back to "invited" (lost phone, forgotten password, suspected compromise):
/// the password, authenticator and recovery codes stop working at once and every session ends.
/// The caller then issues a new activation link.
pub async fn reset_sign_in(db: &Db, id: &StaffId, now: i64) -> Result<Staff, StaffError> {
    let staff = get(db, id).await?.ok_or(StaffError::NotFound)?;
    sqlx::query(
        "UPDATE staff SET password_hash = '', totp_secret = $2, totp_last_step = 0, activated_at = NULL, failed_logins = 0,          locked_until = NULL, updated_at = $3 WHERE id = $1",
    )
    .bind(id.as_str().to_owned())
    .bind(Vec::<u8>::new())
    .bind(now)
    .execute(db)
    .await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1").bind(id.as_str().to_owned()).execute(db).await?;
    sessions::revoke_all(db, id, now).await?;
    Ok(staff)
}

const ACCOUNT_COLUMNS: &str = "id, display_name, roles, disabled_at, locked_until, created_at, activated_at, last_login_at";

fn account_from_row(r: &sqlx::any::AnyRow, now: i64) -> Result<StaffAccount, sqlx::Error> {
    let staff = from_row(r)?;
    let activated_at: Option<i64> = r.try_get("activated_at")?;
    Ok(StaffAccount {
        state: StaffState::of(staff.disabled, activated_at.is_some(), staff.locked_until, now),
        id: staff.id,
        display_name: staff.display_name,
        roles: staff.roles,
        locked_until: staff.locked_until.filter(|t| *t > now),
        created_at: staff.created_at,
        activated_at,
        last_sign_in_at: r.try_get("last_login_at")?,
        invitation_expires_at: None,
    })
}

/// Every account as the administration lists it, at `now`.
pub async fn accounts(db: &Db, now: i64) -> Result<Vec<StaffAccount>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {ACCOUNT_COLUMNS} FROM staff ORDER BY id")).fetch_all(db).await?;
    let pending = sqlx::query(
        "SELECT staff_id, MAX(expires_at) AS until FROM staff_invitations WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 GROUP BY staff_id",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut out = rows.iter().map(|r| account_from_row(r, now)).collect::<Result<Vec<_>, _>>()?;
    for p in &pending {
        let sid: String = p.try_get("staff_id")?;
        if let Some(a) = out.iter_mut().find(|a| a.id.as_str() == sid) {
            a.invitation_expires_at = p.try_get("until")?;
        }
    }
    Ok(out)
}

/// One account as the administration shows it.
pub async fn account(db: &Db, id: &StaffId, now: i64) -> Result<Option<StaffAccount>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {ACCOUNT_COLUMNS} FROM staff WHERE id = $1")).bind(id.as_str().to_owned()).fetch_optional(db).await?;
    let Some(r) = row else { return Ok(None) };
    let mut a = account_from_row(&r, now)?;
    a.invitation_expires_at = invitations::pending_until(db, id, now).await?;
    Ok(Some(a))
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

/// Sets a new password (the person changed it under My account); the policy applies.
pub async fn set_password(db: &Db, id: &StaffId, new_password: &str, now: i64) -> Result<(), StaffError> {
    password::check_policy(new_password, id.as_str())?;
    sqlx::query("UPDATE staff SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id.as_str().to_owned())
        .bind(password::hash(new_password))
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
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
