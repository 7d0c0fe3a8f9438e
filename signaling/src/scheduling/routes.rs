//! Roster admin (API key), free slots (public) and bookings (public; managed with the
//! booking token from the customer's link instead of the API key).

use super::views::{AgentView, BookedView, BookingView, CreateBooking, NeedsSpec, PutAgent, ReassignmentView, Reschedule, SlotView};
use super::{catalog, manage_url_base, parse_time, sched_err};
use crate::AppState;
use crate::api::ApiKey;
use crate::error::AppError;
use crate::sessions;
use crate::ws::protocol::Role;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use scheduler::ics::{IcsEvent, IcsMethod, render};
use scheduler::roster::parse_tz;
use scheduler::{Booking, BookingRequest, BookingStatus};
use serde::Deserialize;

pub(super) fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    b.map(|Json(b)| b).map_err(|e| AppError::bad_request("invalid_body", e.body_text()))
}

/// Session-event kind linking a session to its appointment (detail = booking id).
const BOOKED_EVENT: &str = "appointment_booked";

#[utoipa::path(put, path = "/api/v1/agents/{agent_id}", tag = "scheduling", request_body = PutAgent,
    params(("agent_id" = String, Path, description = "The agent's id ([A-Za-z0-9._-], up to 64)")),
    responses((status = 200, body = AgentView), (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn put_agent(
    _key: ApiKey,
    State(state): State<AppState>,
    Path(agent_id): Path<String>,
    b: Result<Json<PutAgent>, JsonRejection>,
) -> Result<Json<AgentView>, AppError> {
    let agent = body(b)?.into_agent(&agent_id)?;
    let s = &state.scheduling;
    let now = s.clock.now();
    s.store().upsert_agent(&agent, now.timestamp_millis()).await.map_err(sched_err)?;
    s.upsert_agent(agent.clone()).await?;
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let moved = s.store().reassign_absent(&agents, s.policy(), &agent_id, now).await.map_err(sched_err)?;
    let presence = s.presences(vec![agent_id.clone()]).await?.remove(&agent_id);
    let mut view = AgentView::new(&agent, presence);
    view.reassigned = moved.into_iter().map(|r| ReassignmentView { booking_id: r.booking_id, from: r.from, to: r.to }).collect();
    Ok(Json(view))
}

#[utoipa::path(get, path = "/api/v1/agents", tag = "scheduling",
    responses((status = 200, body = Vec<AgentView>), (status = 401, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn list_agents(_key: ApiKey, State(state): State<AppState>) -> Result<Json<Vec<AgentView>>, AppError> {
    let agents = state.scheduling.store().load_agents().await.map_err(sched_err)?;
    let mut presence = state.scheduling.presences(agents.iter().map(|a| a.id.clone()).collect()).await?;
    Ok(Json(agents.iter().map(|a| AgentView::new(a, presence.remove(&a.id))).collect()))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    /// Start of the window (RFC 3339); default now.
    pub from: Option<String>,
    /// End of the window (RFC 3339); default `from` + 7 days, at most 31 days after `from`.
    pub to: Option<String>,
    /// The customer's IANA zone for `local_start`; default UTC.
    pub tz: Option<String>,
    pub language: Option<String>,
    pub document: Option<String>,
    pub profile: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/slots", tag = "scheduling", params(SlotQuery),
    responses((status = 200, body = Vec<SlotView>), (status = 400, body = crate::error::Problem)))]
pub async fn list_slots(State(state): State<AppState>, q: Result<Query<SlotQuery>, axum::extract::rejection::QueryRejection>) -> Result<Json<Vec<SlotView>>, AppError> {
    let Query(q) = q.map_err(|e| AppError::bad_request("invalid_input", e.body_text()))?;
    let s = &state.scheduling;
    let now = s.clock.now();
    let from = q.from.as_deref().map(|t| parse_time("from", t)).transpose()?.unwrap_or(now);
    let to = q.to.as_deref().map(|t| parse_time("to", t)).transpose()?.unwrap_or(from + TimeDelta::days(7));
    if to <= from || to - from > TimeDelta::days(31) {
        return Err(AppError::bad_request("invalid_input", "`to` must be after `from` and at most 31 days later"));
    }
    let tz = parse_tz(q.tz.as_deref().unwrap_or("UTC")).map_err(sched_err)?;
    let needs = NeedsSpec { language: q.language, document: q.document, profile: q.profile, skills: vec![] }.to_needs();
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let cat = catalog(&agents, s.extra_skills())?;
    let slots = s.store().free_slots(&agents, &cat, s.policy(), &needs, tz, from, to, now).await.map_err(sched_err)?;
    Ok(Json(slots.iter().map(SlotView::from).collect()))
}

/// The API key, when presented (booking for an existing session needs it).
pub struct MaybeApiKey(bool);

impl FromRequestParts<AppState> for MaybeApiKey {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if !parts.headers.contains_key(header::AUTHORIZATION) {
            return Ok(MaybeApiKey(false));
        }
        ApiKey::from_request_parts(parts, state).await.map(|_| MaybeApiKey(true))
    }
}

#[utoipa::path(post, path = "/api/v1/bookings", tag = "scheduling", request_body = CreateBooking,
    responses((status = 201, body = BookedView), (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`slot_taken`")))]
pub async fn create_booking(
    MaybeApiKey(keyed): MaybeApiKey,
    State(state): State<AppState>,
    b: Result<Json<CreateBooking>, JsonRejection>,
) -> Result<(StatusCode, Json<BookedView>), AppError> {
    let b = body(b)?;
    let s = &state.scheduling;
    let now = s.clock.now();
    let req = BookingRequest {
        needs: b.needs.to_needs(),
        start: parse_time("start", &b.start)?,
        customer_tz: parse_tz(&b.tz).map_err(sched_err)?,
        contact: b.contact.into_contact()?,
    };
    let session_id = match b.session_id {
        Some(id) if !keyed => {
            let _ = id;
            return Err(AppError::Unauthenticated);
        }
        Some(id) => {
            let sess = sessions::get(&state.db, &id).await?.ok_or(AppError::NotFound("session_not_found"))?;
            if sess.status == "ended" {
                return Err(AppError::Conflict { code: "session_ended", message: "the session has ended".into() });
            }
            id
        }
        None => String::new(),
    };
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let cat = catalog(&agents, s.extra_skills())?;
    let booked = s.store().book(&agents, &cat, s.policy(), &req, now).await.map_err(sched_err)?;
    let session_id = if session_id.is_empty() { sessions::create(&state.db, None).await?.id } else { session_id };
    sessions::record_event(&state.db, &session_id, BOOKED_EVENT, None, Some(&booked.booking.id)).await?;
    // Valid until an hour after the appointment's end.
    let ttl = (booked.booking.end - now).num_seconds().max(0) as u64 + 3600;
    let link = sessions::issue_link(&state.db, &session_id, Role::Customer, ttl, &state.config.public_url).await?;
    Ok((
        StatusCode::CREATED,
        Json(BookedView {
            booking: BookingView::new(&booked.booking, Some(session_id)),
            manage_url: format!("{}{}", manage_url_base(&state.config.public_url), booked.token),
            token: booked.token,
            join_link: Some(link),
            ics: booked.ics,
        }),
    ))
}

async fn session_of(state: &AppState, b: &Booking) -> Result<Option<String>, AppError> {
    if b.session_id.is_some() {
        return Ok(b.session_id.clone());
    }
    let row: Option<(String,)> =
        sqlx::query_as("SELECT session_id FROM session_events WHERE kind = $1 AND detail = $2 ORDER BY id DESC LIMIT 1")
            .bind(BOOKED_EVENT)
            .bind(&b.id)
            .fetch_optional(&state.db)
            .await?;
    Ok(row.map(|r| r.0))
}

async fn by_token(state: &AppState, token: &str) -> Result<Booking, AppError> {
    if token.len() != 64 {
        return Err(AppError::NotFound("not_found"));
    }
    state.scheduling.store().booking_by_token(token).await.map_err(sched_err)
}

async fn view(state: &AppState, b: &Booking) -> Result<Json<BookingView>, AppError> {
    Ok(Json(BookingView::new(b, session_of(state, b).await?)))
}

#[utoipa::path(get, path = "/api/v1/bookings/{token}", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link")),
    responses((status = 200, body = BookingView), (status = 404, body = crate::error::Problem)))]
pub async fn get_booking(State(state): State<AppState>, Path(token): Path<String>) -> Result<Json<BookingView>, AppError> {
    let b = by_token(&state, &token).await?;
    view(&state, &b).await
}

#[utoipa::path(post, path = "/api/v1/bookings/{token}/reschedule", tag = "scheduling", request_body = Reschedule,
    params(("token" = String, Path, description = "The booking token from the manage link")),
    responses((status = 200, body = BookingView), (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "`slot_taken` or `booking_closed`")))]
pub async fn reschedule_booking(
    State(state): State<AppState>,
    Path(token): Path<String>,
    b: Result<Json<Reschedule>, JsonRejection>,
) -> Result<Json<BookingView>, AppError> {
    let start = parse_time("start", &body(b)?.start)?;
    by_token(&state, &token).await?;
    let s = &state.scheduling;
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let booked = s.store().reschedule(&agents, s.policy(), &token, start, s.clock.now()).await.map_err(sched_err)?;
    view(&state, &booked.booking).await
}

#[utoipa::path(delete, path = "/api/v1/bookings/{token}", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link")),
    responses((status = 200, body = BookingView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn cancel_booking(State(state): State<AppState>, Path(token): Path<String>) -> Result<Json<BookingView>, AppError> {
    by_token(&state, &token).await?;
    let s = &state.scheduling;
    let b = s.store().cancel(s.policy(), &token, s.clock.now()).await.map_err(sched_err)?;
    view(&state, &b).await
}

#[utoipa::path(post, path = "/api/v1/bookings/{token}/check-in", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link")),
    responses((status = 200, body = BookingView, description = "Checked in; at the start the booked agent is offered the call"),
        (status = 400, body = crate::error::Problem, description = "`check_in_too_early` (more than 15 minutes ahead)"),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn check_in(State(state): State<AppState>, Path(token): Path<String>) -> Result<Json<BookingView>, AppError> {
    let b = by_token(&state, &token).await?;
    let s = &state.scheduling;
    let now = s.clock.now();
    if b.status == BookingStatus::Booked && b.start - now > TimeDelta::minutes(15) {
        return Err(AppError::bad_request("check_in_too_early", "check-in opens 15 minutes before the appointment"));
    }
    let session = session_of(&state, &b).await?.ok_or(AppError::NotFound("session_not_found"))?;
    let b = s.store().check_in(&token, &session, now).await.map_err(sched_err)?;
    view(&state, &b).await
}

#[utoipa::path(get, path = "/api/v1/bookings/{token}/invite.ics", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link")),
    responses((status = 200, content_type = "text/calendar", body = String, description = "METHOD:REQUEST while booked, METHOD:CANCEL afterwards"),
        (status = 404, body = crate::error::Problem)))]
pub async fn booking_ics(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let b = by_token(&state, &token).await?;
    let s = &state.scheduling;
    let booked = b.status == BookingStatus::Booked;
    let ics = render(
        &s.policy().ics,
        &IcsEvent {
            booking_id: &b.id,
            sequence: b.sequence,
            start: b.start,
            end: b.end,
            stamp: s.clock.now(),
            method: if booked { IcsMethod::Request } else { IcsMethod::Cancel },
            attendee_email: b.contact.email.as_deref(),
            token: booked.then_some(token.as_str()),
        },
    );
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], ics).into_response())
}
