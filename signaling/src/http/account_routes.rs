//! "My account" for every staff member: active sign-ins (and ending one), a password change,
//! and new recovery codes (after re-authentication).

use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::staff::login::{self, LoginError, LoginRefusal};
use crate::staff::sessions::{self as staff_sessions, SignIn, StaffSession};
use crate::staff::{self, StaffError};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn me(caller: &Caller) -> Result<&StaffSession, AppError> {
    caller.principal.staff().ok_or(AppError::Forbidden)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyAccount {
    /// Sessions of this account that are still open, newest first.
    pub sign_ins: Vec<SignIn>,
    /// Recovery codes not used yet (of ten).
    pub recovery_codes_left: i64,
}

#[utoipa::path(get, path = "/api/v1/auth/account", tag = "auth",
    responses((status = 200, body = MyAccount)),
    extensions(("x-action" = json!("read_own_account"))))]
pub async fn account(caller: Caller, State(state): State<AppState>) -> Result<Json<MyAccount>, AppError> {
    let s = me(&caller)?;
    let now = state.clock.now_ms();
    let sign_ins = staff_sessions::active(&state.db, &s.staff.id, &s.token_hash, now, state.timeouts()).await?;
    let recovery_codes_left = staff::recovery_codes_left(&state.db, &s.staff.id).await?;
    Ok(Json(MyAccount { sign_ins, recovery_codes_left }))
}

#[utoipa::path(delete, path = "/api/v1/auth/sign-ins/{sign_in_id}", tag = "auth",
    params(("sign_in_id" = String, Path, description = "The `id` of one of the account's sign-ins", pattern = "^[0-9a-f]{16}$")),
    responses((status = 204, description = "That session is ended"), (status = 404, body = super::Problem, description = "`sign_in_not_found`")),
    extensions(("x-action" = json!("sign_out"))))]
pub async fn end_sign_in(caller: Caller, State(state): State<AppState>, ApiPath(handle): ApiPath<String>) -> Result<StatusCode, AppError> {
    let s = me(&caller)?;
    let now = state.clock.now_ms();
    if !staff_sessions::revoke_by_handle(&state.db, &s.staff.id, &handle, now).await? {
        return Err(AppError::NotFound("sign_in_not_found"));
    }
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::SignInEnded).target(handle), now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    #[schema(max_length = 256)]
    pub current_password: String,
    /// At least 12 characters, not a common one, not the username.
    #[schema(schema_with = super::staff_routes::new_password)]
    pub new_password: String,
}

#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = ChangePassword,
    responses((status = 204, description = "Changed; every other session of the account is ended"),
        (status = 401, body = super::Problem, description = "`wrong_password`: the current password is not right"),
        (status = 422, body = super::Problem, description = "`password_too_short`, `password_too_long`, `password_too_common`, `password_unchanged`"),
        (status = 423, body = super::Problem, description = "`account_locked`")),
    extensions(("x-action" = json!("change_own_password"))))]
pub async fn change_password(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<ChangePassword>) -> Result<StatusCode, AppError> {
    let s = me(&caller)?;
    let now = state.clock.now_ms();
    if b.current_password.len() > 256 || b.new_password.len() > 256 {
        return Err(AppError::unprocessable("password_too_long", "the password must have at most 128 characters"));
    }
    match login::check_password(&state.db, &state.key, state.lockout_rules(), &s.staff.id, &b.current_password, now).await {
        Ok(()) => {}
        Err(LoginError::Db(e)) => return Err(e.into()),
        Err(LoginError::Refused(LoginRefusal::AccountLocked { retry_after_ms })) => {
            return Err(AppError::Locked { retry_after_secs: ((retry_after_ms + 999) / 1000) as u64 });
        }
        Err(LoginError::Refused(_)) => return Err(AppError::unauthorized("wrong_password", "the current password is not right")),
    }
    if b.new_password == b.current_password {
        return Err(AppError::unprocessable("password_unchanged", "the new password is the current one"));
    }
    staff::set_password(&state.db, &s.staff.id, &b.new_password, now).await.map_err(|e| match e {
        StaffError::Db(e) => e.into(),
        other => AppError::unprocessable(other.code(), other.to_string()),
    })?;
    // Whoever else holds a session of this account (a forgotten browser, an attacker) is out.
    staff_sessions::revoke_others(&state.db, &s.staff.id, &s.token_hash, now).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::PasswordChanged), now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Ten new single-use codes; the earlier ones stop working. Shown now and never again.
    pub recovery_codes: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/auth/recovery-codes", tag = "auth",
    responses((status = 200, body = RecoveryCodes)),
    extensions(("x-action" = json!("regenerate_recovery_codes"))))]
pub async fn regenerate_recovery_codes(caller: Caller, State(state): State<AppState>) -> Result<Json<RecoveryCodes>, AppError> {
    let s = me(&caller)?;
    let now = state.clock.now_ms();
    let codes = staff::new_recovery_codes(&state.db, &s.staff.id).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::RecoveryCodesRegenerated), now).await?;
    Ok(Json(RecoveryCodes { recovery_codes: codes }))
}
