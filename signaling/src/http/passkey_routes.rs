//! Passkeys: the customer enrolls one after an approved identification (also after the session
//! ended); the integrator asks for a challenge and verifies an assertion against it. The
//! WebAuthn payloads are the browser's JSON (`navigator.credentials.create` / `get` output,
//! base64url-encoded binary fields), as `webauthn-rs` reads them.

use super::error::AppError;
use super::evidence_routes::vault_error;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::evidence::decision::{self, DecisionStatus, Outcome};
use crate::journey::application::{self, State as AppState2};
use crate::journey::passkeys::{self, Identity, PasskeyError, Verified};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

fn refused(e: PasskeyError) -> AppError {
    match e {
        // A deployment whose address is not a domain name cannot host passkeys: a standing
        // condition of the configuration, not a passing outage.
        PasskeyError::Unavailable => AppError::conflict(e.code(), "passkeys need the service on a domain name"),
        PasskeyError::CeremonyNotFound | PasskeyError::NoPasskey => AppError::NotFound(e.code()),
        PasskeyError::CeremonyUsed => AppError::Gone { code: e.code(), message: e.to_string() },
        PasskeyError::Invalid => AppError::unprocessable(e.code(), e.to_string()),
    }
}

fn ttl_ms(state: &AppState) -> i64 {
    (state.config.journey.passkey_ceremony_secs.max(30) as i64).saturating_mul(1000)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CeremonyStarted {
    /// Names the ceremony in the second step.
    pub ceremony_id: String,
    /// Unix ms after which the ceremony is refused.
    pub expires_at: i64,
    /// `PublicKeyCredentialCreationOptions` (registration) or `…RequestOptions` (assertion), as JSON.
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Enrolled {
    pub credential_id: String,
    /// SHA-256 of the verified identity the passkey is bound to (canonical JSON of
    /// `date_of_birth`, `given_names`, `nationality`, `surname`).
    pub identity_sha256: String,
}

/// The verified identity of an approved, final identification.
async fn verified_identity(state: &AppState, session: &domain::SessionId) -> Result<Identity, AppError> {
    let approved = decision::get(&state.db, session).await?.is_some_and(|d| d.status == DecisionStatus::Final && d.outcome == Outcome::Approved);
    if !approved {
        return Err(AppError::conflict("identification_not_approved", "a passkey is offered after an approved identification"));
    }
    let key = state.vault.existing_key(session).await.map_err(vault_error)?;
    let app = application::load(&state.db, &key, session).await.map_err(vault_error)?;
    match app {
        Some(a) if a.state == AppState2::Submitted => Ok(Identity::of(&a.applicant)),
        _ => Err(AppError::conflict("identification_not_approved", "the identification has no submitted applicant data")),
    }
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/passkey/registration", tag = "passkeys",
    params(("id" = domain::SessionId, Path, description = "Session id")),
    responses((status = 201, body = CeremonyStarted, description = "Options for `navigator.credentials.create`"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`identification_not_approved`, `passkeys_unavailable` (the service is not on a domain name)")),
    extensions(("x-action" = json!("enroll_passkey"))))]
pub async fn start_registration(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<(StatusCode, Json<CeremonyStarted>), AppError> {
    let session = load(&state, &id).await?;
    let identity = verified_identity(&state, &session.id).await?;
    let rp = passkeys::relying_party(&state.config.public_url).map_err(refused)?;
    let now = state.clock.now_ms();
    let key = state.vault.existing_key(&session.id).await.map_err(vault_error)?;
    let display = format!("{} {}", identity.given_names, identity.surname);
    let (ceremony_id, options) = passkeys::start_registration(&state.db, &key, &rp, &session.id, display.trim(), now, ttl_ms(&state)).await.map_err(vault_error)?.map_err(refused)?;
    let options = serde_json::to_value(options).map_err(|e| AppError::Internal(e.into()))?;
    Ok((StatusCode::CREATED, Json(CeremonyStarted { ceremony_id, expires_at: now + ttl_ms(&state), options })))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/passkey/registration/{ceremony_id}", tag = "passkeys",
    params(("id" = domain::SessionId, Path, description = "Session id"), ("ceremony_id" = String, Path, description = "From the first step", pattern = "^[0-9a-f]{32}$")),
    request_body(content = Object, description = "The `PublicKeyCredential` that `navigator.credentials.create` returned, as JSON"),
    responses((status = 201, body = Enrolled), (status = 404, body = super::Problem, description = "`ceremony_not_found`"),
        (status = 409, body = super::Problem, description = "`identification_not_approved`"), (status = 410, body = super::Problem, description = "`ceremony_expired`"),
        (status = 422, body = super::Problem, description = "`passkey_verification_failed`")),
    extensions(("x-action" = json!("enroll_passkey"))))]
pub async fn finish_registration(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath((id, ceremony)): ApiPath<(String, String)>,
    ApiJson(credential): ApiJson<RegisterPublicKeyCredential>,
) -> Result<(StatusCode, Json<Enrolled>), AppError> {
    let session = load(&state, &id).await?;
    let identity = verified_identity(&state, &session.id).await?;
    let rp = passkeys::relying_party(&state.config.public_url).map_err(refused)?;
    let now = state.clock.now_ms();
    let key = state.vault.existing_key(&session.id).await.map_err(vault_error)?;
    let credential_id = passkeys::finish_registration(&state.db, &key, &rp, &session.id, &ceremony, &credential, &identity, now).await.map_err(vault_error)?.map_err(refused)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::PasskeyEnrolled).session(&session.id).target(credential_id.clone()), now).await?;
    Ok((StatusCode::CREATED, Json(Enrolled { credential_id, identity_sha256: identity.sha256 })))
}

#[utoipa::path(post, path = "/api/v1/identifications/{id}/passkey/challenge", tag = "passkeys",
    params(("id" = domain::SessionId, Path, description = "Identification (session) id")),
    responses((status = 201, body = CeremonyStarted, description = "Options for `navigator.credentials.get` on a page of the server's origin"),
        (status = 404, body = super::Problem, description = "`no_passkey`"), (status = 409, body = super::Problem, description = "`passkeys_unavailable` (the service is not on a domain name)")),
    extensions(("x-action" = json!("verify_passkey"))))]
pub async fn passkey_challenge(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<(StatusCode, Json<CeremonyStarted>), AppError> {
    let session = load(&state, &id).await?;
    let rp = passkeys::relying_party(&state.config.public_url).map_err(refused)?;
    let now = state.clock.now_ms();
    let key = state.vault.existing_key(&session.id).await.map_err(|e| match e {
        crate::vault::VaultError::NoKey => refused(PasskeyError::NoPasskey),
        other => vault_error(other),
    })?;
    let (ceremony_id, options) = passkeys::start_authentication(&state.db, &key, &rp, &session.id, now, ttl_ms(&state)).await.map_err(vault_error)?.map_err(refused)?;
    let options = serde_json::to_value(options).map_err(|e| AppError::Internal(e.into()))?;
    Ok((StatusCode::CREATED, Json(CeremonyStarted { ceremony_id, expires_at: now + ttl_ms(&state), options })))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyAssertion {
    /// The `ceremony_id` of the challenge.
    pub ceremony_id: String,
    /// The `PublicKeyCredential` that `navigator.credentials.get` returned, as JSON.
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

#[utoipa::path(post, path = "/api/v1/identifications/{id}/passkey/verify", tag = "passkeys", request_body = VerifyAssertion,
    params(("id" = domain::SessionId, Path, description = "Identification (session) id")),
    responses((status = 200, body = Verified, description = "The assertion verifies against a passkey of this identification"),
        (status = 404, body = super::Problem, description = "`ceremony_not_found`"), (status = 410, body = super::Problem, description = "`ceremony_expired` (or used)"),
        (status = 409, body = super::Problem, description = "`passkeys_unavailable` (the service is not on a domain name)"),
        (status = 422, body = super::Problem, description = "`passkey_verification_failed` (also a credential that is not a `PublicKeyCredential`)")),
    extensions(("x-action" = json!("verify_passkey"))))]
pub async fn verify_passkey(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<VerifyAssertion>) -> Result<Json<Verified>, AppError> {
    let session = load(&state, &id).await?;
    let rp = passkeys::relying_party(&state.config.public_url).map_err(refused)?;
    let now = state.clock.now_ms();
    let key = state.vault.existing_key(&session.id).await.map_err(vault_error)?;
    let credential: PublicKeyCredential = serde_json::from_value(b.credential).map_err(|_| refused(PasskeyError::Invalid))?;
    let verified = passkeys::finish_authentication(&state.db, &key, &rp, &session.id, &b.ceremony_id, &credential, now).await.map_err(vault_error)?;
    let ok = verified.is_ok();
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::PasskeyVerified).session(&session.id).detail(if ok { "verified" } else { "refused" }), now).await?;
    Ok(Json(verified.map_err(refused)?))
}
