//! Staff sign-in: password + second factor, the staff session cookie, sign-out (here or
//! everywhere) and re-authentication for sensitive actions.

use super::error::AppError;
use super::extract::ApiJson;
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::staff::login::{self, LoginError, LoginRefusal};
use crate::staff::sessions as staff_sessions;
use crate::staff::Staff;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{StaffId, StaffRole};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(max_length = 64)]
    pub username: String,
    #[schema(max_length = 256)]
    pub password: String,
    /// The 6-digit code of the authenticator app, or a recovery code `xxxx-xxxx-xxxx`.
    #[schema(max_length = 32)]
    pub code: String,
}

/// The signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: StaffId,
    pub username: String,
    pub display_name: String,
    pub roles: BTreeSet<StaffRole>,
    /// Unix ms: the session ends at the latest then.
    pub expires_at: i64,
    /// Unix ms: the session ends then unless used before.
    pub idle_expires_at: i64,
    /// Unix ms until which sensitive actions need no new code.
    pub reauth_valid_until: i64,
}

fn me_body(staff: &Staff, expires_at: i64, idle_expires_at: i64, reauth_valid_until: i64) -> Me {
    Me {
        id: staff.id.clone(),
        username: staff.id.as_str().to_owned(),
        display_name: staff.display_name.clone(),
        roles: staff.roles.clone(),
        expires_at,
        idle_expires_at,
        reauth_valid_until,
    }
}

fn refusal(e: LoginError) -> AppError {
    match e {
        LoginError::Db(e) => e.into(),
        LoginError::Refused(LoginRefusal::AccountLocked { retry_after_ms }) => AppError::Locked { retry_after_secs: ((retry_after_ms + 999) / 1000) as u64 },
        LoginError::Refused(r) => AppError::unauthorized(r.code(), r.to_string()),
    }
}

fn with_cookie(mut resp: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Me, description = "Signed in; the `vkyc_staff` cookie holds the session",
            headers(("set-cookie" = String, description = "The staff session cookie (HttpOnly, SameSite=Strict)"))),
        (status = 401, body = super::Problem, description = "`invalid_credentials`, `invalid_code`, `code_already_used`, `account_disabled`"),
        (status = 423, body = super::Problem, description = "`account_locked`, with `retry_after_seconds`")),
    extensions(("x-action" = json!("sign_in"))))]
pub async fn login(State(state): State<AppState>, headers: axum::http::HeaderMap, ApiJson(body): ApiJson<LoginRequest>) -> Result<Response, AppError> {
    if body.username.len() > 64 || body.password.len() > 256 || body.code.len() > 32 {
        return Err(AppError::unauthorized(LoginRefusal::InvalidCredentials.code(), LoginRefusal::InvalidCredentials.to_string()));
    }
    let now = state.clock.now_ms();
    let id = login::sign_in(&state.db, &state.key, state.lockout_rules(), &body.username, &body.password, &body.code, now).await.map_err(refusal)?;
    let t = state.timeouts();
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let token = staff_sessions::start(&state.db, &id, now, t, user_agent).await?;
    let staff = crate::staff::get(&state.db, &id).await?.ok_or(AppError::NotFound("staff_not_found"))?;
    let body = me_body(&staff, now + t.absolute_ms, now + t.idle_ms, now + t.reauth_ms);
    let cookie = staff_sessions::set_cookie(Some(&token), state.config.secure_cookies(), t.absolute_ms / 1000);
    Ok(with_cookie(Json(body).into_response(), &cookie))
}

#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = Me)),
    extensions(("x-action" = json!("read_own_account"))))]
pub async fn me(caller: Caller, State(state): State<AppState>) -> Result<Json<Me>, AppError> {
    let s = caller.principal.staff().ok_or(AppError::Forbidden)?;
    Ok(Json(me_body(&s.staff, s.expires_at, s.idle_expires_at, s.reauth_at + state.timeouts().reauth_ms)))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out; the cookie is cleared")),
    extensions(("x-action" = json!("sign_out"))))]
pub async fn logout(caller: Caller, State(state): State<AppState>) -> Result<Response, AppError> {
    let s = caller.principal.staff().ok_or(AppError::Forbidden)?;
    let now = state.clock.now_ms();
    staff_sessions::revoke(&state.db, &s.token_hash, now).await?;
    audit::record(&state.db, Entry::new(caller.principal.actor(), AuditAction::Logout), now).await;
    let cookie = staff_sessions::set_cookie(None, state.config.secure_cookies(), 0);
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), &cookie))
}

#[utoipa::path(post, path = "/api/v1/auth/logout-all", tag = "auth",
    responses((status = 204, description = "Every session of this account is ended")),
    extensions(("x-action" = json!("sign_out"))))]
pub async fn logout_all(caller: Caller, State(state): State<AppState>) -> Result<Response, AppError> {
    let s = caller.principal.staff().ok_or(AppError::Forbidden)?;
    let now = state.clock.now_ms();
    staff_sessions::revoke_all(&state.db, &s.staff.id, now).await?;
    audit::record(&state.db, Entry::new(caller.principal.actor(), AuditAction::LogoutEverywhere), now).await;
    let cookie = staff_sessions::set_cookie(None, state.config.secure_cookies(), 0);
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), &cookie))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReauthRequest {
    /// The authenticator code (or a recovery code).
    #[schema(max_length = 32)]
    pub code: String,
}

#[utoipa::path(post, path = "/api/v1/auth/reauth", tag = "auth", request_body = ReauthRequest,
    responses((status = 204, description = "Sensitive actions are open for the re-authentication window"),
        (status = 401, body = super::Problem, description = "`invalid_code`, `code_already_used`"),
        (status = 423, body = super::Problem, description = "`account_locked`")),
    extensions(("x-action" = json!("reauthenticate"))))]
pub async fn reauth(caller: Caller, State(state): State<AppState>, ApiJson(body): ApiJson<ReauthRequest>) -> Result<StatusCode, AppError> {
    let s = caller.principal.staff().ok_or(AppError::Forbidden)?;
    let now = state.clock.now_ms();
    login::reauthenticate(&state.db, &state.key, state.lockout_rules(), &s.staff.id, &body.code, now).await.map_err(refusal)?;
    staff_sessions::mark_reauthenticated(&state.db, &s.token_hash, now).await?;
    Ok(StatusCode::NO_CONTENT)
}
