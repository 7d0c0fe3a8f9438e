//! Appointments and the live queue on top of the `scheduler` library: the one process-wide
//! [`scheduler::Dispatcher`], owned by a single task (`actor`) and reached through the
//! cheap-clone [`Scheduling`] handle. Every change set is persisted with `Store::apply` before
//! it is acted on: [`Push`]es to agent consoles and waiting customers (the queue socket turns
//! them into its wire format). The actor follows the session lifecycle's events, so an agent's
//! call ends (wrap-up starts) when the session ends, without polling.
//!
//! This module knows nothing of HTTP: it answers with [`SchedulingError`]s, which the edges map.

mod actor;
mod handle;

pub use handle::{Outbox, Scheduling};

use crate::config::{RoutingPolicyName, SchedulingSection};
use chrono::TimeDelta;
use domain::{EntryId, OfferId, PresenceState, SessionId, StaffId};
use scheduler::{AgentPresence, BookingPolicy, DispatchConfig, RoutingPolicy, SchedError, SkillCatalog};
use serde::Serialize;

/// Why a scheduling command was refused.
#[derive(Debug, thiserror::Error)]
pub enum SchedulingError {
    #[error(transparent)]
    Sched(#[from] SchedError),
    #[error("the session is already waiting in the queue")]
    AlreadyQueued,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the agent is {0}, not in wrap-up")]
    NotInWrapUp(PresenceState),
    #[error("the scheduling actor has stopped")]
    Stopped,
}

impl SchedulingError {
    pub fn code(&self) -> &'static str {
        match self {
            SchedulingError::Sched(e) => e.code(),
            SchedulingError::AlreadyQueued => "already_queued",
            SchedulingError::NotFound("offer") => "offer_not_found",
            SchedulingError::NotFound("queue entry") => "queue_entry_not_found",
            SchedulingError::NotFound("agent") => "agent_not_found",
            SchedulingError::NotFound(_) => "not_found",
            SchedulingError::NotInWrapUp(_) => "invalid_transition",
            SchedulingError::Stopped => "unavailable",
        }
    }
}

/// What the actor pushes to a subscribed console or waiting customer.
#[derive(Debug, Clone, PartialEq)]
pub enum Push {
    /// Subscribed. Customers get their queue entry (if queued yet), agents their presence.
    CustomerReady { session: SessionId, entry: Option<EntryId> },
    AgentReady { presence: PresenceState },
    /// Customer: place in the queue (1 = next) and estimated wait.
    Position { entry: EntryId, position: usize, estimated_wait_ms: i64 },
    /// Customer: an agent is being asked to take the call.
    Offered { entry: EntryId },
    /// Customer: an agent accepted; join the call now.
    Connected { entry: EntryId },
    /// Customer: the entry left the queue.
    Closed { entry: EntryId, status: domain::EntryStatus },
    /// Agent: a customer is offered until `expires_at` (unix ms).
    Offer(OfferView),
    /// Agent: the offer is gone.
    OfferGone { offer: OfferId, status: domain::OfferStatus },
    /// Agent: presence changed.
    Presence { state: PresenceState, wrap_up_until: Option<i64> },
    /// Agent: the queue at a glance changed.
    QueueStats(QueueStats),
}

/// The live queue at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct QueueStats {
    /// Customers waiting (or being offered).
    pub waiting: usize,
    /// Unix ms when the longest-waiting customer joined (null: nobody waits).
    pub oldest_joined_at: Option<i64>,
}

/// An offer as the agent sees it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OfferView {
    pub offer_id: OfferId,
    pub entry_id: EntryId,
    pub session_id: SessionId,
    pub needs: Vec<String>,
    /// Unix ms.
    pub expires_at: i64,
}

/// An agent's presence.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PresenceView {
    pub state: PresenceState,
    /// Unix ms since when.
    pub since: i64,
    /// Unix ms when the wrap-up ends by itself.
    pub wrap_up_until: Option<i64>,
    /// The queue entry offered to or handled by the agent.
    pub entry_id: Option<EntryId>,
}

impl From<&AgentPresence> for PresenceView {
    fn from(p: &AgentPresence) -> Self {
        PresenceView { state: p.state, since: p.since_ms, wrap_up_until: p.wrap_up_until_ms, entry_id: p.entry_id.clone().map(EntryId::from_stored) }
    }
}

impl PresenceView {
    pub fn offline() -> Self {
        PresenceView { state: PresenceState::Offline, since: 0, wrap_up_until: None, entry_id: None }
    }
}

/// A queue entry and its place.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub entry_id: EntryId,
    pub session_id: SessionId,
    pub status: domain::EntryStatus,
    /// 1 = next; 0 while an agent is being offered the call.
    pub position: Option<usize>,
    pub estimated_wait_ms: Option<i64>,
    pub agent_id: Option<StaffId>,
}

/// The booking rules from the configuration.
pub fn booking_policy(cfg: &SchedulingSection, public_url: &str) -> BookingPolicy {
    let mut p = BookingPolicy::default();
    p.slots.length = TimeDelta::minutes(i64::from(cfg.slot_minutes.max(1)));
    p.slots.buffer = TimeDelta::minutes(i64::from(cfg.buffer_minutes));
    p.min_lead = TimeDelta::minutes(i64::from(cfg.min_lead_minutes));
    p.horizon = TimeDelta::days(i64::from(cfg.horizon_days.max(1)));
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

/// Skills a customer may ask for: those of the configuration and those some agent holds.
pub fn catalog(agents: &[scheduler::Agent], extra: &[String]) -> Result<SkillCatalog, SchedError> {
    let all = agents.iter().flat_map(|a| a.skills.iter().cloned()).chain(extra.iter().cloned());
    SkillCatalog::new(all)
}

/// The policy's ownership facts, answered by the live queue.
pub struct AgentFacts<'a>(pub &'a Scheduling);

impl crate::policy::Facts for AgentFacts<'_> {
    async fn agent_has_session(&self, agent: &StaffId, session: &SessionId) -> bool {
        self.0.agent_has_session(agent, session).await.unwrap_or(false)
    }
}
