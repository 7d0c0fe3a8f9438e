//! Appointments and the live queue over HTTP and a WebSocket, on top of the `scheduler`
//! library (which does no I/O of its own beyond its database tables).
//!
//! - `actor`: the one process-wide [`scheduler::Dispatcher`], owned by a single task and
//!   reached through the cheap-clone [`Scheduling`] handle (`handle`); every change set is persisted
//!   with `Store::apply` before it is acted on (offers pushed to agent consoles, positions
//!   to waiting customers).
//! - [`routes`]: roster admin, free slots and bookings; [`queue_routes`]: the live queue and
//!   the agent's offer/presence actions; [`views`]: request and response bodies.
//! - [`ws`] and [`protocol`]: the queue and console socket `GET /api/v1/queue/ws`
//!   (documented in `docs/signaling-protocol.md`, "Queue and console socket").
//!
//! Time comes from a [`Clock`]: the wall clock in production, a settable one in tests, so
//! appointment dispatch and offer timeouts can be driven without sleeping.

mod actor;
mod handle;
pub mod protocol;
mod queue_routes;
mod routes;
pub mod views;
mod ws;

pub use handle::{Outbox, Scheduling};

use crate::AppState;
use crate::config::{RoutingPolicyName, SchedulingSection};
use crate::error::AppError;
use axum::Router;
use axum::routing::{get, post, put};
use chrono::{DateTime, TimeDelta, Utc};
use scheduler::{BookingPolicy, DispatchConfig, RoutingPolicy, SchedError, SkillCatalog};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use utoipa::OpenApi;

/// Where "now" comes from.
#[derive(Clone, Debug)]
pub enum Clock {
    Wall,
    /// Unix milliseconds set by the test.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(start.timestamp_millis())))
    }

    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::Wall => crate::db::now_ms(),
            Clock::Manual(t) => t.load(Ordering::SeqCst),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default()
    }

    /// Moves a manual clock (no effect on the wall clock).
    pub fn set(&self, t: DateTime<Utc>) {
        if let Clock::Manual(a) = self {
            a.store(t.timestamp_millis(), Ordering::SeqCst);
        }
    }

    pub fn advance(&self, d: TimeDelta) {
        if let Clock::Manual(a) = self {
            a.fetch_add(d.num_milliseconds(), Ordering::SeqCst);
        }
    }
}

/// The booking rules from the configuration.
pub fn booking_policy(cfg: &SchedulingSection, public_url: &str) -> BookingPolicy {
    let mut p = BookingPolicy::default();
    p.slots.length = TimeDelta::minutes(i64::from(cfg.slot_minutes.max(1)));
    p.slots.buffer = TimeDelta::minutes(i64::from(cfg.buffer_minutes));
    p.min_lead = TimeDelta::minutes(i64::from(cfg.min_lead_minutes));
    p.no_show_grace = TimeDelta::minutes(i64::from(cfg.grace_minutes));
    p.ics.manage_url_base = Some(manage_url_base(public_url));
    p
}

pub fn manage_url_base(public_url: &str) -> String {
    format!("{}/booking/#t=", public_url.trim_end_matches('/'))
}

/// The live-queue tunables from the configuration.
pub fn dispatch_config(cfg: &SchedulingSection) -> DispatchConfig {
    DispatchConfig {
        policy: match cfg.routing_policy {
            RoutingPolicyName::LongestIdle => RoutingPolicy::LongestIdle,
            RoutingPolicyName::WeightedRandom => RoutingPolicy::WeightedRandom,
        },
        offer_timeout_ms: (cfg.offer_timeout_secs as i64).saturating_mul(1000),
        wrap_up_ms: (cfg.wrap_up_secs as i64).saturating_mul(1000),
        ..DispatchConfig::default()
    }
}

/// Scheduler errors as problem+json, keeping the library's stable codes.
pub fn sched_err(e: SchedError) -> AppError {
    let code = e.code();
    match e.http_status() {
        404 => AppError::NotFound(code),
        409 | 410 => AppError::Conflict { code, message: e.to_string() },
        500 => AppError::Internal(anyhow::Error::new(e)),
        _ => AppError::BadRequest { code, message: e.to_string() },
    }
}

/// Skills a customer may ask for: those of the configuration and those some agent holds.
pub(crate) fn catalog(agents: &[scheduler::Agent], extra: &[String]) -> Result<SkillCatalog, AppError> {
    let all = agents.iter().flat_map(|a| a.skills.iter().cloned()).chain(extra.iter().cloned());
    SkillCatalog::new(all).map_err(sched_err)
}

pub(crate) fn parse_time(field: &'static str, s: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::bad_request("invalid_input", format!("{field} must be an RFC 3339 time, e.g. 2030-01-07T09:00:00Z")))
}

pub(crate) fn rfc3339_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        routes::put_agent, routes::list_agents, routes::list_slots, routes::create_booking, routes::get_booking,
        routes::reschedule_booking, routes::cancel_booking, routes::booking_ics, routes::check_in,
        queue_routes::join_queue, queue_routes::get_entry, queue_routes::leave_queue, queue_routes::request_callback,
        queue_routes::set_presence, queue_routes::accept_offer, queue_routes::decline_offer, queue_routes::end_call,
        queue_routes::wrap_up_done,
    ),
    components(schemas(
        views::NeedsSpec, views::PutAgent, views::ShiftSpec, views::ExceptionSpec, views::AgentView, views::PresenceView,
        views::ReassignmentView, views::SlotView, views::CreateBooking, views::ContactSpec, views::BookingView,
        views::BookedView, views::Reschedule, views::JoinQueue, views::QueueJoined, views::EntryView,
        views::SetPresence, views::PresenceTarget, views::Accepted,
    )),
    modifiers(&QueueTokenScheme),
    tags((name = "scheduling", description = "Appointments, the live queue and routing to agents. Queue and console socket: docs/signaling-protocol.md."))
)]
pub struct SchedulingDoc;

/// `queue_token`: the customer's queue token as `Authorization: Bearer <token>`.
struct QueueTokenScheme;

impl utoipa::Modify for QueueTokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("queue_token", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/agents", get(routes::list_agents))
        .route("/api/v1/agents/{agent_id}", put(routes::put_agent))
        .route("/api/v1/agents/{agent_id}/presence", put(queue_routes::set_presence))
        .route("/api/v1/agents/{agent_id}/offers/{offer_id}/accept", post(queue_routes::accept_offer))
        .route("/api/v1/agents/{agent_id}/offers/{offer_id}/decline", post(queue_routes::decline_offer))
        .route("/api/v1/agents/{agent_id}/end-call", post(queue_routes::end_call))
        .route("/api/v1/agents/{agent_id}/wrap-up-done", post(queue_routes::wrap_up_done))
        .route("/api/v1/slots", get(routes::list_slots))
        .route("/api/v1/bookings", post(routes::create_booking))
        .route("/api/v1/bookings/{token}", get(routes::get_booking).delete(routes::cancel_booking))
        .route("/api/v1/bookings/{token}/reschedule", post(routes::reschedule_booking))
        .route("/api/v1/bookings/{token}/check-in", post(routes::check_in))
        .route("/api/v1/bookings/{token}/invite.ics", get(routes::booking_ics))
        .route("/api/v1/queue", post(queue_routes::join_queue))
        .route("/api/v1/queue/ws", get(ws::upgrade))
        .route("/api/v1/queue/{entry}", get(queue_routes::get_entry).delete(queue_routes::leave_queue))
        .route("/api/v1/queue/{entry}/callback", post(queue_routes::request_callback))
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
}

/// Runs the timer (due appointments, offer timeouts, wrap-ups, no-shows) until `stop`.
pub fn spawn_ticker(s: Scheduling, period_ms: u64, mut stop: tokio::sync::watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_millis(period_ms.max(10)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = every.tick() => {}
                changed = stop.changed() => {
                    if changed.is_err() || *stop.borrow() {
                        return;
                    }
                    continue;
                }
            }
            if !s.tick().await {
                return;
            }
        }
    })
}
