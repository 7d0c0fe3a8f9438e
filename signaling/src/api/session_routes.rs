//! Verification sessions and their join links.

use super::ApiKey;
use crate::AppState;
use crate::error::AppError;
use crate::sessions::{self, IssuedLink, Session};
use crate::ws::protocol::Role;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// The integrator's own reference (an application number); never personal data.
    #[serde(default)]
    pub external_ref: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateLink {
    pub role: Role,
    /// Lifetime of the link; default from the server configuration, at most 7 days.
    #[serde(default)]
    pub ttl_seconds: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    #[serde(flatten)]
    pub session: Session,
    /// Roles connected right now.
    pub connected: Vec<Role>,
}

const MAX_TTL_SECS: u64 = 7 * 24 * 3600;

fn json_body<T>(body: Result<Json<T>, axum::extract::rejection::JsonRejection>) -> Result<T, AppError> {
    body.map(|Json(b)| b).map_err(|e| AppError::bad_request("invalid_body", e.body_text()))
}

#[utoipa::path(post, path = "/api/v1/sessions", request_body = CreateSession,
    responses((status = 201, body = Session), (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn create_session(
    _key: ApiKey,
    State(state): State<AppState>,
    body: Result<Json<CreateSession>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Session>), AppError> {
    let body = json_body(body)?;
    if body.external_ref.as_ref().is_some_and(|r| r.len() > 128) {
        return Err(AppError::bad_request("external_ref_too_long", "external_ref is limited to 128 characters"));
    }
    let s = sessions::create(&state.db, body.external_ref).await?;
    state.metrics.sessions_created.inc();
    Ok((StatusCode::CREATED, Json(s)))
}

async fn load(state: &AppState, id: &str) -> Result<Session, AppError> {
    sessions::get(&state.db, id).await?.ok_or(AppError::NotFound("session_not_found"))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}",
    responses((status = 200, body = SessionView), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn get_session(_key: ApiKey, State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<SessionView>, AppError> {
    let session = load(&state, &id).await?;
    let connected = state.calls.get(&id).map(|c| c.present()).unwrap_or_default();
    Ok(Json(SessionView { session, connected }))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/links", request_body = CreateLink,
    responses((status = 201, body = IssuedLink), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn issue_link(
    _key: ApiKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<CreateLink>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<IssuedLink>), AppError> {
    let body = json_body(body)?;
    let session = load(&state, &id).await?;
    if session.status == "ended" {
        return Err(AppError::Conflict { code: "session_ended", message: "the session has ended".into() });
    }
    let ttl = body.ttl_seconds.unwrap_or(state.config.link_ttl_secs);
    if ttl == 0 || ttl > MAX_TTL_SECS {
        return Err(AppError::bad_request("invalid_ttl", format!("ttl_seconds must be between 1 and {MAX_TTL_SECS}")));
    }
    let link = sessions::issue_link(&state.db, &id, body.role, ttl, &state.config.public_url).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/end",
    responses((status = 200, body = Session), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn end_session(_key: ApiKey, State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Session>, AppError> {
    load(&state, &id).await?;
    sessions::end(&state.db, &id, "ended_by_api").await?;
    if let Some(call) = state.calls.get(&id) {
        for role in [Role::Customer, Role::Agent] {
            call.notify(role, crate::calls::Notice::Close(crate::ws::protocol::ServerMsg::Ended { reason: "ended_by_api".into() }));
        }
    }
    Ok(Json(load(&state, &id).await?))
}
