//! Agent presence as an explicit state machine. Routing only ever looks at agents in
//! `Available`, so an agent that is `Offered`, `InCall` or in `WrapUp` can never be given a
//! second session; every other change goes through [`AgentPresence::apply`].

use crate::error::{Result, SchedError};
use crate::roster::AgentId;

pub use domain::PresenceState;


/// What can happen to an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceEvent {
    /// Agent clicks "ready" (also ends wrap-up early).
    GoAvailable,
    GoAway,
    GoOffline,
    /// Routing offered entry `0`.
    Offer(String),
    Accept,
    /// Offer declined or timed out; `to_away` parks the agent (missed offers usually mean
    /// the agent is not at the desk).
    Release { to_away: bool },
    /// The call ended; wrap-up lasts `wrap_up_ms`.
    EndCall { wrap_up_ms: i64 },
    /// The wrap-up timer ran out.
    WrapUpElapsed,
}

/// Presence of one agent, persisted in `sched_presence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPresence {
    pub agent_id: AgentId,
    pub state: PresenceState,
    pub since_ms: i64,
    /// When the agent last became available; "longest idle" routing orders by this.
    pub idle_since_ms: i64,
    pub wrap_up_until_ms: Option<i64>,
    /// Entry being offered or handled.
    pub entry_id: Option<String>,
}

impl AgentPresence {
    pub fn offline(agent_id: impl Into<String>, now: i64) -> Self {
        Self {
            agent_id: agent_id.into(),
            state: PresenceState::Offline,
            since_ms: now,
            idle_since_ms: now,
            wrap_up_until_ms: None,
            entry_id: None,
        }
    }

    /// Applies an event or refuses it with `InvalidTransition`, leaving `self` unchanged.
    pub fn apply(&mut self, ev: PresenceEvent, now: i64) -> Result<()> {
        use PresenceState as S;
        let next = match (&self.state, &ev) {
            (S::Offline | S::Away | S::WrapUp | S::Available, PresenceEvent::GoAvailable) => S::Available,
            (S::Offline | S::Away | S::WrapUp | S::Available, PresenceEvent::GoAway) => S::Away,
            (S::Offline | S::Away | S::WrapUp | S::Available, PresenceEvent::GoOffline) => S::Offline,
            (S::Available, PresenceEvent::Offer(_)) => S::Offered,
            (S::Offered, PresenceEvent::Accept) => S::InCall,
            (S::Offered, PresenceEvent::Release { to_away }) => {
                if *to_away {
                    S::Away
                } else {
                    S::Available
                }
            }
            (S::InCall, PresenceEvent::EndCall { .. }) => S::WrapUp,
            (S::WrapUp, PresenceEvent::WrapUpElapsed) => S::Available,
            _ => return Err(SchedError::transition(self.state, &format!("{ev:?}"))),
        };
        let was = self.state;
        self.state = next;
        self.since_ms = now;
        match ev {
            PresenceEvent::Offer(entry) => self.entry_id = Some(entry),
            PresenceEvent::EndCall { wrap_up_ms } => self.wrap_up_until_ms = Some(now + wrap_up_ms),
            PresenceEvent::Accept => {}
            _ => {
                if next != S::InCall {
                    self.entry_id = None;
                }
            }
        }
        if next != S::WrapUp {
            self.wrap_up_until_ms = None;
        }
        // Idle time restarts only when coming back from work or absence, not when an offer
        // was merely declined: a decline should not push the agent to the back of the line.
        if next == S::Available && !matches!(was, S::Available | S::Offered) {
            self.idle_since_ms = now;
        }
        Ok(())
    }
}
