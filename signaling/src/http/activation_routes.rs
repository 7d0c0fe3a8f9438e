//! Activation of an invited account by its owner, with the link's token: see what to enroll,
//! then choose the password and confirm the authenticator. The token travels in the request
//! body (the page reads it from the URL fragment), never in a URL the server logs.

use super::error::AppError;
use super::extract::ApiJson;
use crate::AppState;
use crate::audit::{self, Actor, AuditAction, Entry};
use crate::staff::invitations::{self, ActivationError, Enrollment, LinkRefusal};
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivationToken {
    /// The token from the activation link (after `#`).
    #[schema(pattern = r"^[A-Za-z0-9_-]{43}$")]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteActivation {
    #[schema(pattern = r"^[A-Za-z0-9_-]{43}$")]
    pub token: String,
    /// The password the person chose (at least 12 characters, not a common one).
    #[schema(schema_with = super::staff_routes::new_password)]
    pub password: String,
    /// The current code of the authenticator just enrolled.
    #[schema(max_length = 32)]
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Activated {
    /// The sign-in name.
    pub username: String,
    /// Single-use codes for when the phone is lost: shown now and never again.
    pub recovery_codes: Vec<String>,
}

async fn refused(state: &AppState, e: ActivationError, now: i64) -> AppError {
    let err = match e {
        ActivationError::Db(e) => return e.into(),
        ActivationError::Staff(crate::staff::StaffError::Db(e)) => return e.into(),
        // An unknown token is "not found" (a guessed or mistyped link); a known one that no
        // longer works is "gone", with why.
        ActivationError::Link(LinkRefusal::Unknown) => AppError::NotFound(LinkRefusal::Unknown.code()),
        ActivationError::Link(r) => AppError::Gone { code: r.code(), message: r.to_string() },
        ActivationError::Password(p) => AppError::unprocessable(p.code(), p.to_string()),
        ActivationError::WrongCode => AppError::unprocessable("invalid_code", "the authenticator code is not right"),
        ActivationError::Staff(_) => AppError::NotFound(LinkRefusal::Unknown.code()),
    };
    audit::record(&state.db, Entry::new(Actor::Anonymous, AuditAction::ActivationRefused).detail(err.code()), now).await;
    err
}

#[utoipa::path(post, path = "/api/v1/activation/enrollment", tag = "auth", request_body = ActivationToken,
    responses((status = 200, body = Enrollment, description = "Who the link is for and the authenticator to enroll (the same on every opening until completed)"),
        (status = 404, body = super::Problem, description = "`activation_link_invalid`: no such link"),
        (status = 410, body = super::Problem, description = "`activation_link_expired`, `activation_link_used`, `activation_link_replaced`")),
    extensions(("x-action" = json!("activate_account"))))]
pub async fn enrollment(State(state): State<AppState>, ApiJson(b): ApiJson<ActivationToken>) -> Result<Json<Enrollment>, AppError> {
    let now = state.clock.now_ms();
    match invitations::open(&state.db, &state.key, &b.token, now).await {
        Ok((staff, enrollment)) => {
            audit::append(&state.db, Entry::new(Actor::Anonymous, AuditAction::ActivationOpened).target(staff.id.as_str()), now).await?;
            Ok(Json(enrollment))
        }
        Err(e) => Err(refused(&state, e, now).await),
    }
}

#[utoipa::path(post, path = "/api/v1/activation/complete", tag = "auth", request_body = CompleteActivation,
    responses((status = 200, body = Activated, description = "The account is active; the person signs in with the password and the authenticator"),
        (status = 404, body = super::Problem, description = "`activation_link_invalid`: no such link"),
        (status = 410, body = super::Problem, description = "`activation_link_expired`, `activation_link_used`, `activation_link_replaced`"),
        (status = 422, body = super::Problem, description = "`password_too_short`, `password_too_long`, `password_too_common`, `invalid_code`")),
    extensions(("x-action" = json!("activate_account"))))]
pub async fn complete(State(state): State<AppState>, ApiJson(b): ApiJson<CompleteActivation>) -> Result<Json<Activated>, AppError> {
    let now = state.clock.now_ms();
    match invitations::complete(&state.db, &state.key, &b.token, &b.password, &b.code, now).await {
        Ok(done) => {
            audit::append(&state.db, Entry::new(Actor::Staff(done.staff.clone()), AuditAction::StaffActivated).target(done.staff.as_str()), now).await?;
            Ok(Json(Activated { username: done.staff.as_str().to_owned(), recovery_codes: done.recovery_codes }))
        }
        Err(e) => Err(refused(&state, e, now).await),
    }
}
