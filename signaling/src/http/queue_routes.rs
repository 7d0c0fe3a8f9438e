//! The live queue (joined by the customer with their link or by an integrator for a session;
//! watched and left by the customer), and the agent console's actions on its own presence and
//! offers (the agent is the signed-in staff member, never a path parameter).

use super::booking_routes::{scheduling_err, target_session};
use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use super::scheduling_views::{Accepted, CallbackContact, JoinQueue, QueueJoined, SetPresence};
use crate::AppState;
use crate::policy::Principal;
use crate::scheduling::{EntryView, OfferView, PresenceView, catalog};
use axum::Json;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{State, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::Response;
use domain::{EntryId, OfferId, StaffId};

fn agent(caller: &Caller) -> Result<StaffId, AppError> {
    caller.principal.staff().map(|s| s.staff.id.clone()).ok_or(AppError::Forbidden)
}

#[utoipa::path(post, path = "/api/v1/queue", tag = "queue", request_body = JoinQueue,
    responses((status = 201, body = QueueJoined),
        (status = 403, body = super::Problem, description = "`forbidden`: a customer names another session than their own"),
        (status = 404, body = super::Problem, description = "`session_not_found`, or `session_required`: an integrator names no `session_id`"),
        (status = 409, body = super::Problem, description = "`already_queued`, `session_ended`, `unknown_skill` (no agent on the roster has it)")),
    extensions(("x-action" = json!("join_queue"))))]
pub async fn join_queue(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<JoinQueue>) -> Result<(StatusCode, Json<QueueJoined>), AppError> {
    let session = target_session(&state, &caller, b.session_id).await?;
    let s = &state.scheduling;
    // A journey's customer names no needs: the server derives them from the journey.
    let needs = match b.needs.is_empty() {
        true => super::journey_routes::derived_needs(&state, &session).await?.unwrap_or_default(),
        false => b.needs.to_needs(),
    };
    let agents = s.store().load_agents().await.map_err(super::booking_routes::sched_err)?;
    catalog(&agents, s.extra_skills()).and_then(|c| c.validate(&needs)).map_err(super::booking_routes::sched_err)?;
    let (entry_id, pos) = s.join(&session, needs).await.map_err(scheduling_err)?;
    let link = match caller.principal {
        Principal::Customer { .. } => None,
        _ => Some(state.sessions.issue_link(&session, state.config.link_ttl_secs.min(state.config.link_max_ttl_secs) as i64 * 1000, None, caller.principal.actor()).await?),
    };
    Ok((StatusCode::CREATED, Json(QueueJoined { entry_id, link, position: pos.position, estimated_wait_ms: pos.estimated_wait_ms })))
}

#[utoipa::path(get, path = "/api/v1/queue/{entry}", tag = "queue",
    params(("entry" = EntryId, Path, description = "Queue entry id")),
    responses((status = 200, body = EntryView), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_queue_entry"))))]
pub async fn get_entry(State(state): State<AppState>, ApiPath(entry): ApiPath<String>) -> Result<Json<EntryView>, AppError> {
    Ok(Json(state.scheduling.entry(&EntryId::from_stored(entry)).await.map_err(scheduling_err)?))
}

#[utoipa::path(delete, path = "/api/v1/queue/{entry}", tag = "queue",
    params(("entry" = EntryId, Path, description = "Queue entry id")),
    responses((status = 204, description = "Left the queue"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`invalid_transition`: already connected")),
    extensions(("x-action" = json!("leave_queue"))))]
pub async fn leave_queue(State(state): State<AppState>, ApiPath(entry): ApiPath<String>) -> Result<StatusCode, AppError> {
    state.scheduling.leave(&EntryId::from_stored(entry)).await.map_err(scheduling_err)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/queue/{entry}/callback", tag = "queue", request_body = CallbackContact,
    params(("entry" = EntryId, Path, description = "Queue entry id")),
    responses((status = 204, description = "Left the queue; a callback is queued in the outbox"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`invalid_transition`: no longer waiting"),
        (status = 422, body = super::Problem, description = "`contact_required`, `invalid_email`, `invalid_phone`")),
    extensions(("x-action" = json!("leave_queue"))))]
pub async fn request_callback(State(state): State<AppState>, ApiPath(entry): ApiPath<String>, ApiJson(CallbackContact(b)): ApiJson<CallbackContact>) -> Result<StatusCode, AppError> {
    let contact = b.into_contact()?;
    if contact.email.is_none() && contact.phone.is_none() {
        return Err(AppError::unprocessable("contact_required", "a callback needs an e-mail address or a phone number"));
    }
    state.scheduling.callback(&EntryId::from_stored(entry), contact).await.map_err(scheduling_err)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The queue and console socket (docs/signaling-protocol.md, "Queue and console socket").
#[utoipa::path(get, path = "/api/v1/queue/ws", tag = "queue",
    responses((status = 101, description = "Switching to the WebSocket protocol"),
        (status = 426, description = "`websocket_upgrade_required`", body = super::Problem)),
    extensions(("x-action" = json!("open_socket"))))]
pub async fn queue_socket(caller: Caller, State(state): State<AppState>, ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>) -> Result<Response, AppError> {
    let ws = ws.map_err(|_| AppError::UpgradeRequired)?;
    let slot = state.limits.open_socket(caller.ip).ok_or(AppError::TooManyRequests { retry_after_secs: 10 })?;
    Ok(crate::queue_ws::upgrade(ws, state, caller.principal, slot))
}

#[utoipa::path(get, path = "/api/v1/queue/stats", tag = "queue",
    responses((status = 200, body = crate::scheduling::QueueStats)),
    extensions(("x-action" = json!("read_queue_stats"))))]
pub async fn queue_stats(State(state): State<AppState>) -> Result<Json<crate::scheduling::QueueStats>, AppError> {
    Ok(Json(state.scheduling.stats().await.map_err(scheduling_err)?))
}

#[utoipa::path(get, path = "/api/v1/me/appointments", tag = "console",
    responses((status = 200, body = Vec<super::scheduling_views::BookingView>, description = "The signed-in agent's appointments of the next 24 hours")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn my_appointments(caller: Caller, State(state): State<AppState>) -> Result<Json<Vec<super::scheduling_views::BookingView>>, AppError> {
    let me = agent(&caller)?;
    let now = state.scheduling.clock.now();
    let from = now - chrono::TimeDelta::hours(1);
    let list = state.scheduling.store().appointments_of(me.as_str(), from, now + chrono::TimeDelta::hours(24)).await.map_err(super::booking_routes::sched_err)?;
    Ok(Json(list.iter().map(super::scheduling_views::BookingView::new).collect()))
}

#[utoipa::path(get, path = "/api/v1/me/offers", tag = "console",
    responses((status = 200, body = Vec<OfferView>, description = "The signed-in agent's pending offers")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn my_offers(caller: Caller, State(state): State<AppState>) -> Result<Json<Vec<OfferView>>, AppError> {
    Ok(Json(state.scheduling.offers_of(&agent(&caller)?).await.map_err(scheduling_err)?))
}

#[utoipa::path(put, path = "/api/v1/me/presence", tag = "console", request_body = SetPresence,
    responses((status = 200, body = PresenceView), (status = 404, body = super::Problem, description = "`agent_not_found`: no roster entry"),
        (status = 409, body = super::Problem, description = "`invalid_transition`, e.g. during a call")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn set_presence(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<SetPresence>) -> Result<Json<PresenceView>, AppError> {
    Ok(Json(state.scheduling.set_presence(&agent(&caller)?, b.state.state()).await.map_err(scheduling_err)?))
}

#[utoipa::path(post, path = "/api/v1/me/offers/{offer_id}/accept", tag = "console",
    params(("offer_id" = OfferId, Path, description = "The offer's id")),
    responses((status = 200, body = Accepted), (status = 404, body = super::Problem, description = "`offer_not_found`"),
        (status = 410, body = super::Problem, description = "`offer_expired`")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn accept_offer(caller: Caller, State(state): State<AppState>, ApiPath(offer_id): ApiPath<String>) -> Result<Json<Accepted>, AppError> {
    let offer = OfferId::from_stored(offer_id);
    let (entry_id, session_id) = state.scheduling.accept(&agent(&caller)?, &offer).await.map_err(scheduling_err)?;
    Ok(Json(Accepted { offer_id: offer, entry_id, session_id }))
}

#[utoipa::path(post, path = "/api/v1/me/offers/{offer_id}/decline", tag = "console",
    params(("offer_id" = OfferId, Path, description = "The offer's id")),
    responses((status = 204, description = "Declined; the customer is offered to the next agent"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`invalid_transition`")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn decline_offer(caller: Caller, State(state): State<AppState>, ApiPath(offer_id): ApiPath<String>) -> Result<StatusCode, AppError> {
    state.scheduling.decline(&agent(&caller)?, &OfferId::from_stored(offer_id)).await.map_err(scheduling_err)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/me/end-call", tag = "console",
    responses((status = 200, body = PresenceView, description = "Wrap-up started"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`invalid_transition`: not in a call")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn end_call(caller: Caller, State(state): State<AppState>) -> Result<Json<PresenceView>, AppError> {
    Ok(Json(state.scheduling.end_call(&agent(&caller)?).await.map_err(scheduling_err)?))
}

#[utoipa::path(post, path = "/api/v1/me/wrap-up-done", tag = "console",
    responses((status = 200, body = PresenceView, description = "Available again before the wrap-up time ran out"),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, description = "`invalid_transition`")),
    extensions(("x-action" = json!("act_as_agent"))))]
pub async fn wrap_up_done(caller: Caller, State(state): State<AppState>) -> Result<Json<PresenceView>, AppError> {
    Ok(Json(state.scheduling.wrap_up_done(&agent(&caller)?).await.map_err(scheduling_err)?))
}
