//! The live queue (joined by the integrator with the API key; watched and left by the
//! customer with the queue token) and the agent's actions (API key + agent id in the path,
//! so staff accounts can replace the key later).

use super::routes::body;
use super::views::{Accepted, ContactSpec, EntryView, JoinQueue, PresenceView, QueueJoined, SetPresence};
use super::{catalog, sched_err};
use crate::AppState;
use crate::api::ApiKey;
use crate::error::AppError;
use crate::sessions::{self, IssuedLink};
use crate::tokens::constant_time_eq;
use crate::ws::protocol::Role;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};

#[utoipa::path(post, path = "/api/v1/queue", tag = "scheduling", request_body = JoinQueue,
    responses((status = 201, body = QueueJoined), (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem, description = "`already_queued`, `session_ended`")),
    security(("api_key" = [])))]
pub async fn join_queue(
    _key: ApiKey,
    State(state): State<AppState>,
    b: Result<Json<JoinQueue>, JsonRejection>,
) -> Result<(StatusCode, Json<QueueJoined>), AppError> {
    let b = body(b)?;
    let session = sessions::get(&state.db, &b.session_id).await?.ok_or(AppError::NotFound("session_not_found"))?;
    if session.status == "ended" {
        return Err(AppError::Conflict { code: "session_ended", message: "the session has ended".into() });
    }
    let s = &state.scheduling;
    let needs = b.needs.to_needs();
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    catalog(&agents, s.extra_skills())?.validate(&needs).map_err(sched_err)?;
    let (entry_id, pos) = s.join(&session.id, needs).await?;
    let link = sessions::issue_link(&state.db, &session.id, Role::Customer, state.config.link_ttl_secs, &state.config.public_url).await?;
    Ok((
        StatusCode::CREATED,
        Json(QueueJoined {
            entry_id,
            queue_token: link.token,
            join_url: link.url,
            position: pos.position,
            estimated_wait_ms: pos.estimated_wait_ms,
        }),
    ))
}

/// Admits the API key, or the queue token of the entry's session.
async fn entry_for_caller(state: &AppState, headers: &HeaderMap, entry: &str) -> Result<EntryView, AppError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AppError::Unauthenticated)?;
    let key = state.config.api_key.0.as_bytes();
    let is_key = !key.is_empty() && constant_time_eq(bearer.as_bytes(), key);
    let view = state.scheduling.entry(entry).await?;
    if is_key {
        return Ok(view);
    }
    match sessions::admit(&state.db, bearer, crate::db::now_ms()).await? {
        Ok(a) if a.role == Role::Customer && a.session_id == view.session_id => Ok(view),
        _ => Err(AppError::Unauthenticated),
    }
}

#[utoipa::path(get, path = "/api/v1/queue/{entry}", tag = "scheduling",
    params(("entry" = String, Path, description = "Queue entry id")),
    responses((status = 200, body = EntryView), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("api_key" = []), ("queue_token" = [])))]
pub async fn get_entry(State(state): State<AppState>, headers: HeaderMap, Path(entry): Path<String>) -> Result<Json<EntryView>, AppError> {
    Ok(Json(entry_for_caller(&state, &headers, &entry).await?))
}

#[utoipa::path(delete, path = "/api/v1/queue/{entry}", tag = "scheduling",
    params(("entry" = String, Path, description = "Queue entry id")),
    responses((status = 204, description = "Left the queue"), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`invalid_transition`: already connected")),
    security(("api_key" = []), ("queue_token" = [])))]
pub async fn leave_queue(State(state): State<AppState>, headers: HeaderMap, Path(entry): Path<String>) -> Result<StatusCode, AppError> {
    entry_for_caller(&state, &headers, &entry).await?;
    state.scheduling.leave(&entry).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/queue/{entry}/callback", tag = "scheduling", request_body = ContactSpec,
    params(("entry" = String, Path, description = "Queue entry id")),
    responses((status = 204, description = "Left the queue; a callback is queued in the outbox"), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("api_key" = []), ("queue_token" = [])))]
pub async fn request_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(entry): Path<String>,
    b: Result<Json<ContactSpec>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let contact = body(b)?.into_contact()?;
    if contact.email.is_none() && contact.phone.is_none() {
        return Err(AppError::bad_request("invalid_input", "a callback needs an email or a phone number"));
    }
    entry_for_caller(&state, &headers, &entry).await?;
    state.scheduling.callback(&entry, contact).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/agents/{agent_id}/presence", tag = "scheduling", request_body = SetPresence,
    params(("agent_id" = String, Path, description = "The agent's id")),
    responses((status = 200, body = PresenceView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`invalid_transition`, e.g. during a call")),
    security(("api_key" = [])))]
pub async fn set_presence(
    _key: ApiKey,
    State(state): State<AppState>,
    Path(agent_id): Path<String>,
    b: Result<Json<SetPresence>, JsonRejection>,
) -> Result<Json<PresenceView>, AppError> {
    let target = body(b)?.state;
    Ok(Json(state.scheduling.set_presence(&agent_id, target.state()).await?))
}

/// Accepts for `agent_id` and issues the agent's join link (shared with the socket).
pub(super) async fn accept_and_link(state: &AppState, agent_id: &str, offer_id: &str) -> Result<Accepted, AppError> {
    let (entry_id, session_id) = state.scheduling.accept(agent_id, offer_id).await?;
    let join_link: IssuedLink =
        sessions::issue_link(&state.db, &session_id, Role::Agent, state.config.link_ttl_secs, &state.config.public_url).await?;
    Ok(Accepted { offer_id: offer_id.into(), entry_id, session_id, join_link })
}

#[utoipa::path(post, path = "/api/v1/agents/{agent_id}/offers/{offer_id}/accept", tag = "scheduling",
    params(("agent_id" = String, Path, description = "The agent's id"), ("offer_id" = String, Path, description = "The offer's id")),
    responses((status = 200, body = Accepted), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`offer_expired`")),
    security(("api_key" = [])))]
pub async fn accept_offer(_key: ApiKey, State(state): State<AppState>, Path((agent_id, offer_id)): Path<(String, String)>) -> Result<Json<Accepted>, AppError> {
    Ok(Json(accept_and_link(&state, &agent_id, &offer_id).await?))
}

#[utoipa::path(post, path = "/api/v1/agents/{agent_id}/offers/{offer_id}/decline", tag = "scheduling",
    params(("agent_id" = String, Path, description = "The agent's id"), ("offer_id" = String, Path, description = "The offer's id")),
    responses((status = 204, description = "Declined; the customer is offered to the next agent"), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn decline_offer(_key: ApiKey, State(state): State<AppState>, Path((agent_id, offer_id)): Path<(String, String)>) -> Result<StatusCode, AppError> {
    state.scheduling.decline(&agent_id, &offer_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/agents/{agent_id}/end-call", tag = "scheduling",
    params(("agent_id" = String, Path, description = "The agent's id")),
    responses((status = 200, body = PresenceView, description = "Wrap-up started"), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`invalid_transition`: not in a call")),
    security(("api_key" = [])))]
pub async fn end_call(_key: ApiKey, State(state): State<AppState>, Path(agent_id): Path<String>) -> Result<Json<PresenceView>, AppError> {
    Ok(Json(state.scheduling.end_call(&agent_id).await?))
}

#[utoipa::path(post, path = "/api/v1/agents/{agent_id}/wrap-up-done", tag = "scheduling",
    params(("agent_id" = String, Path, description = "The agent's id")),
    responses((status = 200, body = PresenceView, description = "Available again before the wrap-up time ran out"),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn wrap_up_done(_key: ApiKey, State(state): State<AppState>, Path(agent_id): Path<String>) -> Result<Json<PresenceView>, AppError> {
    let p = state.scheduling.presences(vec![agent_id.clone()]).await?.remove(&agent_id).ok_or(AppError::NotFound("not_found"))?;
    if p.state != "wrap_up" {
        return Err(AppError::Conflict { code: "invalid_transition", message: format!("the agent is {}, not in wrap-up", p.state) });
    }
    Ok(Json(state.scheduling.set_presence(&agent_id, scheduler::PresenceState::Available).await?))
}
