//! Queue entries, their ordering and the wait estimate.

use crate::roster::AgentId;
use crate::skills::Needs;
use std::collections::{BTreeSet, VecDeque};

/// Booked appointments go before live customers at their time.
pub const PRIORITY_APPOINTMENT: i64 = 0;
pub const PRIORITY_LIVE: i64 = 1;

pub use domain::EntryStatus;


/// Total order of the queue: priority class, then arrival, then a tie-breaking sequence.
pub type OrderKey = (i64, i64, i64);

/// One customer session waiting for (or talking to) an agent. Holds no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub id: String,
    pub session_id: String,
    pub needs: Needs,
    pub joined_ms: i64,
    pub seq: i64,
    pub priority: i64,
    /// Appointments may only go to their booked agent.
    pub pinned_agent: Option<AgentId>,
    pub booking_id: Option<String>,
    pub status: EntryStatus,
    /// Agents that declined or let an offer for this entry time out.
    pub skipped: BTreeSet<AgentId>,
    pub agent_id: Option<AgentId>,
    pub connected_ms: Option<i64>,
    pub ended_ms: Option<i64>,
}

impl QueueEntry {
    pub fn order_key(&self) -> OrderKey {
        (self.priority, self.joined_ms, self.seq)
    }
}

/// Where an entry stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePosition {
    /// 1-based among waiting entries with the same needs; 0 while offered to an agent.
    pub position: usize,
    pub estimated_wait_ms: i64,
}

/// Rolling mean of recent handling times (connect to end of call).
#[derive(Debug, Clone)]
pub struct WaitEstimator {
    recent: VecDeque<i64>,
    cap: usize,
    default_ms: i64,
}

impl WaitEstimator {
    pub fn new(cap: usize, default_ms: i64) -> Self {
        Self { recent: VecDeque::with_capacity(cap), cap: cap.max(1), default_ms }
    }
    pub fn record(&mut self, ms: i64) {
        if ms < 0 {
            return;
        }
        if self.recent.len() == self.cap {
            self.recent.pop_front();
        }
        self.recent.push_back(ms);
    }
    pub fn mean_ms(&self) -> i64 {
        if self.recent.is_empty() {
            return self.default_ms;
        }
        self.recent.iter().sum::<i64>() / self.recent.len() as i64
    }
    /// Expected wait for the `position`-th customer with `servers` agents able to serve it:
    /// it is served in round `ceil(position / servers)`; the first round starts on average
    /// after half a handling time.
    pub fn estimate(&self, position: usize, servers: usize) -> i64 {
        let servers = servers.max(1) as i64;
        let rounds = (position as i64 - 1) / servers;
        self.mean_ms() * rounds + self.mean_ms() / 2
    }
}
