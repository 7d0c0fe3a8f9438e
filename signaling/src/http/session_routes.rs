//! Verification sessions and their customer links.

use super::error::AppError;
use super::extract::{ApiJson, ApiPath, session_id};
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::lifecycle::Event;
use crate::policy::Principal;
use crate::sessions::{IssuedLink, Session, SessionError};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::{Party, SessionId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// The integrator's own reference (an application number); never personal data. Up to
    /// 128 characters, no control characters.
    #[serde(default)]
    #[schema(max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub external_ref: Option<String>,
    /// The compliance profile (`GET /api/v1/profiles`); default `basic`.
    #[serde(default)]
    #[schema(schema_with = profile_id)]
    pub profile: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateLink {
    /// Only `customer`: agents join with their staff sign-in.
    #[schema(schema_with = customer_only)]
    pub role: Party,
    /// Lifetime of the link; default from the server configuration (`link_ttl_secs`). A longer
    /// one than the configured maximum (`link_max_ttl_secs`) is cut to it; `expires_at` in the
    /// answer says when the link ends.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub ttl_seconds: Option<i64>,
}

/// The ids of the profiles the server has (they are built in).
pub(super) fn profile_id() -> utoipa::openapi::Schema {
    let ids: Vec<String> = crate::profiles::Profiles::built_in().map(|p| p.all().map(|p| p.id.clone()).collect()).unwrap_or_default();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([utoipa::openapi::schema::Type::String, utoipa::openapi::schema::Type::Null]))
        .enum_values(Some(ids.into_iter().map(serde_json::Value::from).chain([serde_json::Value::Null])))
        .description(Some("The compliance profile (`GET /api/v1/profiles`); default `basic`."))
        .into()
}

fn customer_only() -> utoipa::openapi::Schema {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["customer"]))
        .description(Some("Only `customer`: agents join with their staff sign-in (`agent` is refused with 422 `agent_links_retired`)."))
        .into()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    #[serde(flatten)]
    pub session: Session,
    /// Roles connected right now.
    pub connected: Vec<Party>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Revoked {
    /// How many links were revoked.
    pub revoked: u64,
}

pub(super) fn session_error(e: SessionError) -> AppError {
    match e {
        SessionError::NotFound => AppError::NotFound("session_not_found"),
        SessionError::Ended => AppError::conflict("session_ended", "the session has ended"),
        SessionError::Db(e) => e.into(),
    }
}

pub(super) async fn load(state: &AppState, raw: &str) -> Result<Session, AppError> {
    let id = session_id(raw)?;
    state.sessions.get(&id).await?.ok_or(AppError::NotFound("session_not_found"))
}

#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = CreateSession,
    responses((status = 201, body = Session), (status = 422, body = super::Problem, description = "`external_ref_too_long` (over 128 characters or with control characters), `unknown_profile`")),
    extensions(("x-action" = json!("create_session"))))]
pub async fn create_session(caller: Caller, State(state): State<AppState>, ApiJson(body): ApiJson<CreateSession>) -> Result<(StatusCode, Json<Session>), AppError> {
    if body.external_ref.as_ref().is_some_and(|r| r.chars().count() > 128 || r.chars().any(char::is_control)) {
        return Err(AppError::unprocessable("external_ref_too_long", "external_ref is limited to 128 printable characters"));
    }
    let profile_id = body.profile.as_deref().unwrap_or(crate::profiles::DEFAULT);
    let profile = state.profiles.get(profile_id).ok_or_else(|| AppError::unprocessable("unknown_profile", "no such compliance profile"))?;
    let s = state.sessions.create(body.external_ref, profile, caller.principal.actor()).await?;
    state.metrics.sessions_created.inc();
    Ok((StatusCode::CREATED, Json(s)))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = SessionView), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_session"))))]
pub async fn get_session(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<SessionView>, AppError> {
    let session = load(&state, &id).await?;
    let connected = state.calls.get(session.id.as_str()).map(|c| c.present()).unwrap_or_default();
    if matches!(caller.principal, Principal::Staff(_)) {
        audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::SessionRead).session(&session.id), state.clock.now_ms()).await?;
    }
    Ok(Json(SessionView { session, connected }))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/links", tag = "sessions", request_body = CreateLink,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 201, body = IssuedLink), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`session_ended`"),
        (status = 422, body = super::Problem, description = "`invalid_ttl`, `agent_links_retired`")),
    extensions(("x-action" = json!("issue_customer_link"))))]
pub async fn issue_link(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CreateLink>,
) -> Result<(StatusCode, Json<IssuedLink>), AppError> {
    let session = load(&state, &id).await?;
    if body.role != Party::Customer {
        return Err(AppError::unprocessable("agent_links_retired", "agents join with their staff sign-in; only customer links are issued"));
    }
    if session.status == domain::SessionStatus::Ended {
        return Err(AppError::conflict("session_ended", "the session has ended"));
    }
    let max = i64::try_from(state.config.link_max_ttl_secs).unwrap_or(i64::MAX);
    let ttl = body.ttl_seconds.unwrap_or(i64::try_from(state.config.link_ttl_secs).unwrap_or(max)).min(max);
    if ttl < 1 {
        return Err(AppError::unprocessable("invalid_ttl", "ttl_seconds must be at least 1"));
    }
    let link = state.sessions.issue_link(&session.id, ttl.saturating_mul(1000), None, caller.principal.actor()).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

#[utoipa::path(delete, path = "/api/v1/sessions/{id}/links", tag = "sessions",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Revoked, description = "Every customer link of the session is revoked"), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("revoke_customer_link"))))]
pub async fn revoke_links(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Revoked>, AppError> {
    let session = load(&state, &id).await?;
    let revoked = state.sessions.revoke_links(&session.id, None, caller.principal.actor()).await?;
    Ok(Json(Revoked { revoked }))
}

#[utoipa::path(delete, path = "/api/v1/sessions/{id}/links/{link_id}", tag = "sessions",
    params(("id" = SessionId, Path, description = "Session id"), ("link_id" = String, Path, description = "The link's `id` as issued", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, body = Revoked), (status = 404, body = super::Problem, description = "`session_not_found`, `link_not_found`")),
    extensions(("x-action" = json!("revoke_customer_link"))))]
pub async fn revoke_link(caller: Caller, State(state): State<AppState>, ApiPath((id, link)): ApiPath<(String, String)>) -> Result<Json<Revoked>, AppError> {
    let session = load(&state, &id).await?;
    if link.len() != 64 || !link.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("link_not_found"));
    }
    let revoked = state.sessions.revoke_links(&session.id, Some(&link), caller.principal.actor()).await?;
    if revoked == 0 {
        return Err(AppError::NotFound("link_not_found"));
    }
    Ok(Json(Revoked { revoked }))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/end", tag = "sessions",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Session), (status = 404, body = super::Problem), (status = 409, body = super::Problem, description = "`session_ended`")),
    extensions(("x-action" = json!("end_session"))))]
pub async fn end_session(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Session>, AppError> {
    let session = load(&state, &id).await?;
    let event = match caller.principal {
        Principal::Staff(_) => Event::EndedByStaff,
        _ => Event::EndedByIntegrator,
    };
    let s = state.sessions.apply(&session.id, event, caller.principal.actor()).await.map_err(session_error)?;
    Ok(Json(s))
}
