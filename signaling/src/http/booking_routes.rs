//! Roster admin, free slots (public) and bookings: made by a customer for their own session
//! (their link) or by an integrator for a session; managed afterwards with the booking's own
//! token from the manage link.

use super::error::AppError;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::guard::Caller;
use super::scheduling_views::{AgentView, BookedView, BookingView, CreateBooking, NeedsSpec, PutAgent, ReassignmentView, Reschedule, SlotView};
use super::schemas::TimeZoneName;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::policy::Principal;
use crate::scheduling::{SchedulingError, catalog, manage_url_base};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{BookingStatus, SessionId, SessionStatus, StaffId};
use scheduler::ics::{IcsEvent, IcsMethod, render};
use scheduler::roster::parse_tz;
use scheduler::{Booking, BookingRequest, SchedError};
use serde::Deserialize;

/// Scheduler errors as problem+json, keeping the library's stable codes. A time that is not
/// bookable (past, beyond the horizon, outside every shift, taken) and a need no agent on the
/// roster has are conflicts with the schedule as it stands (409), not malformed requests: the
/// same request can succeed once the roster or the clock has moved.
pub fn sched_err(e: SchedError) -> AppError {
    let code = e.code();
    let status = match e {
        SchedError::SlotInPast | SchedError::BeyondHorizon | SchedError::OutsideShifts | SchedError::UnknownSkill(_) => 409,
        ref other => other.http_status(),
    };
    match status {
        404 => AppError::NotFound(code),
        409 => AppError::conflict(code, e.to_string()),
        410 => AppError::Gone { code, message: e.to_string() },
        500 => AppError::Internal(anyhow::Error::new(e)),
        _ => AppError::unprocessable(code, e.to_string()),
    }
}

pub fn scheduling_err(e: SchedulingError) -> AppError {
    match e {
        SchedulingError::Sched(e) => sched_err(e),
        SchedulingError::AlreadyQueued => AppError::conflict("already_queued", "the session is already waiting in the queue"),
        e @ SchedulingError::NotFound(_) => AppError::NotFound(e.code()),
        e @ SchedulingError::NotInWrapUp(_) => AppError::conflict(e.code(), e.to_string()),
        SchedulingError::Stopped => AppError::Unavailable { code: "unavailable" },
    }
}

pub(crate) fn parse_time(field: &'static str, s: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::unprocessable("invalid_input", format!("{field} must be an RFC 3339 time, e.g. 2030-01-07T09:00:00Z")))
}

pub(crate) fn rfc3339_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[utoipa::path(put, path = "/api/v1/agents/{agent_id}", tag = "scheduling", request_body = PutAgent,
    params(("agent_id" = StaffId, Path, description = "The agent's staff id ([a-z0-9._-], up to 64)")),
    responses((status = 200, body = AgentView), (status = 422, body = super::Problem, description = "`invalid_input`, `unknown_skill` (malformed), `unknown_time_zone`")),
    extensions(("x-action" = json!("write_roster"))))]
pub async fn put_agent(caller: Caller, State(state): State<AppState>, ApiPath(agent_id): ApiPath<String>, ApiJson(b): ApiJson<PutAgent>) -> Result<Json<AgentView>, AppError> {
    let agent = b.into_agent(&agent_id)?;
    let s = &state.scheduling;
    let now = s.clock.now();
    s.store().upsert_agent(&agent, now.timestamp_millis()).await.map_err(sched_err)?;
    s.upsert_agent(agent.clone()).await.map_err(scheduling_err)?;
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let moved = s.store().reassign_absent(&agents, s.policy(), &agent_id, now).await.map_err(sched_err)?;
    let presence = s.presences(vec![agent_id.clone()]).await.map_err(scheduling_err)?.remove(&agent_id);
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::RosterChanged).target(agent_id.clone()), now.timestamp_millis()).await?;
    let mut view = AgentView::new(&agent, presence);
    view.reassigned = moved.into_iter().map(|r| ReassignmentView { booking_id: r.booking_id, from: r.from, to: r.to }).collect();
    Ok(Json(view))
}

#[utoipa::path(get, path = "/api/v1/agents", tag = "scheduling",
    responses((status = 200, body = Vec<AgentView>)),
    extensions(("x-action" = json!("read_roster"))))]
pub async fn list_agents(State(state): State<AppState>) -> Result<Json<Vec<AgentView>>, AppError> {
    let agents = state.scheduling.store().load_agents().await.map_err(sched_err)?;
    let mut presence = state.scheduling.presences(agents.iter().map(|a| a.id.clone()).collect()).await.map_err(scheduling_err)?;
    Ok(Json(agents.iter().map(|a| AgentView::new(a, presence.remove(&a.id))).collect()))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    /// Start of the window; default now.
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// End of the window; default `from` + 7 days. A window longer than 31 days is cut to 31
    /// days; an empty one has no slots.
    #[param(format = DateTime)]
    pub to: Option<String>,
    /// The customer's zone for `local_start`; default UTC.
    #[param(value_type = Option<TimeZoneName>)]
    pub tz: Option<String>,
    /// A need: the skill `lang:<language>`.
    pub language: Option<String>,
    /// A need: the skill `doc:<document>`.
    pub document: Option<String>,
    /// A need: the skill `reg:<profile>`.
    pub profile: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/slots", tag = "scheduling", params(SlotQuery),
    responses((status = 200, body = Vec<SlotView>),
        (status = 409, body = super::Problem, description = "`unknown_skill`: no agent on the roster has a skill asked for"),
        (status = 422, body = super::Problem, description = "`invalid_input` (not an RFC 3339 time), `unknown_time_zone`")),
    extensions(("x-action" = json!("list_slots"))))]
pub async fn list_slots(State(state): State<AppState>, ApiQuery(q): ApiQuery<SlotQuery>) -> Result<Json<Vec<SlotView>>, AppError> {
    let s = &state.scheduling;
    let now = s.clock.now();
    let from = q.from.as_deref().map(|t| parse_time("from", t)).transpose()?.unwrap_or(now);
    let to = q.to.as_deref().map(|t| parse_time("to", t)).transpose()?.unwrap_or(from + TimeDelta::days(7));
    let to = to.min(from + TimeDelta::days(31));
    let tz = parse_tz(q.tz.as_deref().unwrap_or("UTC")).map_err(sched_err)?;
    let needs = NeedsSpec { language: q.language, document: q.document, profile: q.profile, skills: vec![] }.to_needs();
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let cat = catalog(&agents, s.extra_skills()).map_err(sched_err)?;
    // Nothing beyond the booking horizon is offered.
    let to = to.min(now + s.policy().horizon);
    if to <= from {
        return Ok(Json(vec![]));
    }
    let slots = s.store().free_slots(&agents, &cat, s.policy(), &needs, tz, from, to, now).await.map_err(sched_err)?;
    Ok(Json(slots.iter().map(SlotView::from).collect()))
}

/// The session a booking or queue request is for: a customer's own, or the one an integrator names.
pub(super) async fn target_session(state: &AppState, caller: &Caller, named: Option<SessionId>) -> Result<SessionId, AppError> {
    let id = match (&caller.principal, named) {
        (Principal::Customer { session, .. }, None) => session.clone(),
        (Principal::Customer { session, .. }, Some(named)) if &named == session => named,
        (Principal::Customer { .. }, Some(_)) => return Err(AppError::Forbidden),
        (_, Some(named)) => named,
        // An integrator's key names no session of its own: without one in the body there is
        // no session to book or queue for. (Not 422: the schema cannot make `session_id`
        // depend on the credential, so the request is well-formed; not 403: the key may.)
        (_, None) => return Err(AppError::NotFound("session_required")),
    };
    let s = state.sessions.get(&id).await?.ok_or(AppError::NotFound("session_not_found"))?;
    if s.status == SessionStatus::Ended {
        return Err(AppError::conflict("session_ended", "the session has ended"));
    }
    Ok(id)
}

#[utoipa::path(post, path = "/api/v1/bookings", tag = "scheduling", request_body = CreateBooking,
    responses((status = 201, body = BookedView),
        (status = 403, body = super::Problem, description = "`forbidden`: a customer names another session than their own"),
        (status = 404, body = super::Problem, description = "`session_not_found`, or `session_required`: an integrator names no `session_id`"),
        (status = 409, body = super::Problem, description = "The time is not bookable (`slot_taken`, `slot_in_past`, `booking_beyond_horizon`, `outside_shifts`), `unknown_skill`, `session_ended`"),
        (status = 422, body = super::Problem, description = "`invalid_input`, `unknown_time_zone`, `invalid_email`, `invalid_phone`")),
    extensions(("x-action" = json!("book_appointment"))))]
pub async fn create_booking(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<CreateBooking>) -> Result<(StatusCode, Json<BookedView>), AppError> {
    let session = target_session(&state, &caller, b.session_id).await?;
    let s = &state.scheduling;
    let now = s.clock.now();
    // A journey's customer names no needs: the server derives them from the journey.
    let needs = match b.needs.is_empty() {
        true => super::journey_routes::derived_needs(&state, &session).await?.unwrap_or_default(),
        false => b.needs.to_needs(),
    };
    let req = BookingRequest {
        needs,
        start: parse_time("start", &b.start)?,
        customer_tz: parse_tz(&b.tz).map_err(sched_err)?,
        contact: b.contact.into_contact()?,
        session_id: Some(session.as_str().to_owned()),
    };
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let cat = catalog(&agents, s.extra_skills()).map_err(sched_err)?;
    let booked = s.store().book(&agents, &cat, s.policy(), &req, now).await.map_err(sched_err)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::AppointmentBooked).session(&session).target(booked.booking.id.clone()), now.timestamp_millis()).await?;
    // The invitation e-mail carries the manage link; the scheduler keeps only its hash (outbox/).
    crate::outbox::mail::remember_manage_link(&state, &session, &booked.booking.id, &booked.token).await.map_err(super::evidence_routes::vault_error)?;
    // The call link admits its holder only around the appointment.
    let early = TimeDelta::minutes(i64::from(state.config.scheduling.link_early_minutes));
    let not_before = (booked.booking.start - early).timestamp_millis();
    let ttl = (booked.booking.end + s.policy().no_show_grace - now).num_milliseconds().max(60_000);
    let mut link = state.sessions.issue_link(&session, ttl, Some(not_before), caller.principal.actor()).await?;
    if crate::journey::get(&state.db, &session).await?.is_some() {
        link.url = crate::journey::customer_url(&state.config.public_url, &link.token);
    }
    Ok((
        StatusCode::CREATED,
        Json(BookedView {
            booking: BookingView::new(&booked.booking),
            manage_url: format!("{}{}", manage_url_base(&state.config.public_url), booked.token),
            token: booked.token,
            join_link: link,
            ics: booked.ics,
        }),
    ))
}

async fn by_token(state: &AppState, token: &str) -> Result<Booking, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("booking_not_found"));
    }
    state.scheduling.store().booking_by_token(token).await.map_err(|e| match e {
        SchedError::NotFound(_) => AppError::NotFound("booking_not_found"),
        other => sched_err(other),
    })
}

#[utoipa::path(get, path = "/api/v1/bookings/{token}", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, body = BookingView), (status = 404, body = super::Problem, description = "`booking_not_found`")),
    extensions(("x-action" = json!("manage_booking"))))]
pub async fn get_booking(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> Result<Json<BookingView>, AppError> {
    Ok(Json(BookingView::new(&by_token(&state, &token).await?)))
}

#[utoipa::path(post, path = "/api/v1/bookings/{token}/reschedule", tag = "scheduling", request_body = Reschedule,
    params(("token" = String, Path, description = "The booking token from the manage link", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, body = BookingView), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`booking_closed`, or the time is not bookable (`slot_taken`, `slot_in_past`, `booking_beyond_horizon`, `outside_shifts`)"),
        (status = 422, body = super::Problem, description = "`invalid_input`")),
    extensions(("x-action" = json!("manage_booking"))))]
pub async fn reschedule_booking(State(state): State<AppState>, ApiPath(token): ApiPath<String>, ApiJson(b): ApiJson<Reschedule>) -> Result<Json<BookingView>, AppError> {
    let start = parse_time("start", &b.start)?;
    by_token(&state, &token).await?;
    let s = &state.scheduling;
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let booked = s.store().reschedule(&agents, s.policy(), &token, start, s.clock.now()).await.map_err(sched_err)?;
    Ok(Json(BookingView::new(&booked.booking)))
}

#[utoipa::path(delete, path = "/api/v1/bookings/{token}", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, body = BookingView), (status = 404, body = super::Problem), (status = 409, body = super::Problem, description = "`booking_closed`")),
    extensions(("x-action" = json!("manage_booking"))))]
pub async fn cancel_booking(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> Result<Json<BookingView>, AppError> {
    by_token(&state, &token).await?;
    let s = &state.scheduling;
    let b = s.store().cancel(s.policy(), &token, s.clock.now()).await.map_err(sched_err)?;
    Ok(Json(BookingView::new(&b)))
}

#[utoipa::path(post, path = "/api/v1/bookings/{token}/check-in", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, body = BookingView, description = "Checked in; at the start the booked agent is offered the call"),
        (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`check_in_too_early` (more than 15 minutes ahead), `booking_closed`, `invalid_transition`")),
    extensions(("x-action" = json!("manage_booking"))))]
pub async fn check_in(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> Result<Json<BookingView>, AppError> {
    let b = by_token(&state, &token).await?;
    let s = &state.scheduling;
    let now = s.clock.now();
    if b.status == BookingStatus::Booked && b.start - now > TimeDelta::minutes(15) {
        return Err(AppError::conflict("check_in_too_early", "check-in opens 15 minutes before the appointment"));
    }
    let session = b.session_id.clone().ok_or(AppError::NotFound("session_not_found"))?;
    let b = s.store().check_in(&token, &session, now).await.map_err(sched_err)?;
    Ok(Json(BookingView::new(&b)))
}

#[utoipa::path(get, path = "/api/v1/bookings/{token}/invite.ics", tag = "scheduling",
    params(("token" = String, Path, description = "The booking token from the manage link", pattern = "^[0-9a-f]{64}$")),
    responses((status = 200, content_type = "text/calendar", body = String, description = "METHOD:REQUEST while booked, METHOD:CANCEL afterwards"),
        (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("manage_booking"))))]
pub async fn booking_ics(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> Result<Response, AppError> {
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
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], ics).into_response())
}
