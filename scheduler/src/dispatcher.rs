//! The live-queue state machine: presence, queue entries and offers, driven by events
//! with `now` passed in. It performs no I/O; every mutation is returned as a [`Change`]
//! that [`crate::store::Store::apply`] persists, and [`Dispatcher::rebuild`] restores
//! the state from what was persisted.
//!
//! Routing is indexed so a decision does not scan the whole queue: waiting entries are
//! grouped by identical needs (few distinct groups in practice) and each skill has a bit
//! set of available agents, so the eligible agents of a group are an AND of a few words
//! per skill and only each group's head entries are looked at.

use crate::error::{Result, SchedError};
use crate::ids::{new_id, Contact};
use crate::presence::{AgentPresence, PresenceEvent, PresenceState};
use crate::queue::{EntryStatus, OrderKey, QueueEntry, QueuePosition, WaitEstimator, PRIORITY_LIVE};
use crate::roster::{Agent, AgentId};
use crate::routing::{longest_idle, splitmix64, unit_draw, weighted_pick, Candidate, RoutingAudit, RoutingPolicy};
use crate::skills::{BitSet, Needs, SkillInterner};
use std::collections::{BTreeMap, HashMap};

mod index;
mod offers;
pub use offers::{Offer, OfferStatus};

/// Tunables of the live queue.
#[derive(Debug, Clone)]
pub struct DispatchConfig {
    pub policy: RoutingPolicy,
    pub offer_timeout_ms: i64,
    pub wrap_up_ms: i64,
    /// Do not offer an entry again to an agent that declined it or let it time out.
    pub skip_declined: bool,
    /// A timed-out offer parks the agent in `Away` instead of `Available`.
    pub timeout_sets_away: bool,
    /// Seed for the per-decision seeds (tests, replays); `None` draws from the OS.
    pub seed: Option<u64>,
    /// Handling time assumed before any call has been measured.
    pub default_handling_ms: i64,
    /// An agent with a booked appointment starting within this time (or running) gets no
    /// live customers, so the appointment is not delayed by a live call.
    pub appointment_guard_ms: i64,
}

impl Default for DispatchConfig {
    fn default() -> Self {
        Self {
            policy: RoutingPolicy::LongestIdle,
            offer_timeout_ms: 20_000,
            wrap_up_ms: 60_000,
            skip_declined: true,
            timeout_sets_away: true,
            seed: None,
            default_handling_ms: 600_000,
            appointment_guard_ms: 600_000,
        }
    }
}

/// A persisted side effect of a state change, in the order it happened.
#[derive(Debug, Clone)]
pub enum Change {
    Entry(QueueEntry),
    Presence(AgentPresence),
    Offer(Offer),
    /// A booked appointment was turned into a queue entry.
    BookingDispatched { booking_id: String, at_ms: i64 },
    /// A customer asked to be called back.
    CallbackRequested { entry_id: String, contact: Contact, at_ms: i64 },
}

impl Change {
    /// The offer this change creates, for pushing to the agent console.
    pub fn new_offer(&self) -> Option<&Offer> {
        match self {
            Change::Offer(o) if o.status == OfferStatus::Pending => Some(o),
            _ => None,
        }
    }
}

/// What was persisted, as loaded by [`crate::store::Store::load_live`].
#[derive(Debug, Clone, Default)]
pub struct LiveSnapshot {
    pub presence: Vec<AgentPresence>,
    /// Entries still queued (waiting or offered) or connected.
    pub entries: Vec<QueueEntry>,
    pub pending_offers: Vec<Offer>,
    pub recent_handling_ms: Vec<i64>,
}

pub(crate) struct AgentRec {
    pub id: AgentId,
    pub skills: Vec<usize>,
    pub weight: f64,
    pub presence: AgentPresence,
}

pub(crate) struct Group {
    pub skills: Vec<usize>,
    pub pinned: Option<AgentId>,
    pub waiting: BTreeMap<OrderKey, String>,
}

type GroupKey = (Needs, Option<AgentId>);

/// In-memory live queue. See module docs.
pub struct Dispatcher {
    pub(crate) cfg: DispatchConfig,
    pub(crate) interner: SkillInterner,
    pub(crate) agents: Vec<AgentRec>,
    pub(crate) agent_ix: HashMap<AgentId, usize>,
    pub(crate) avail: BitSet,
    pub(crate) avail_by_skill: Vec<BitSet>,
    pub(crate) entries: HashMap<String, QueueEntry>,
    pub(crate) order: BTreeMap<OrderKey, String>,
    pub(crate) groups: HashMap<GroupKey, Group>,
    pub(crate) offers: HashMap<String, Offer>,
    pub(crate) next_seq: i64,
    seed_state: u64,
    pub(crate) eta: WaitEstimator,
    /// Booked appointments per agent index: `(start_ms, end_ms)`.
    pub(crate) reservations: HashMap<usize, Vec<(i64, i64)>>,
}

impl Dispatcher {
    pub fn new(cfg: DispatchConfig) -> Self {
        let seed_state = cfg.seed.unwrap_or_else(rand::random);
        let eta = WaitEstimator::new(50, cfg.default_handling_ms);
        Self {
            cfg,
            interner: SkillInterner::default(),
            agents: vec![],
            agent_ix: HashMap::new(),
            avail: BitSet::default(),
            avail_by_skill: vec![],
            entries: HashMap::new(),
            order: BTreeMap::new(),
            groups: HashMap::new(),
            offers: HashMap::new(),
            next_seq: 1,
            seed_state,
            eta,
            reservations: HashMap::new(),
        }
    }

    pub fn config(&self) -> &DispatchConfig {
        &self.cfg
    }

    /// Registers or updates an agent's skills and weight (presence is kept).
    pub fn upsert_agent(&mut self, agent: &Agent, now: i64) {
        let skills: Vec<usize> = agent.skills.iter().map(|s| self.interner.intern(s)).collect();
        self.avail_by_skill.resize_with(self.interner.len(), BitSet::default);
        let ix = match self.agent_ix.get(&agent.id) {
            Some(&ix) => {
                self.set_unavailable(ix);
                let rec = &mut self.agents[ix];
                rec.skills = skills;
                rec.weight = agent.weight;
                ix
            }
            None => {
                let ix = self.agents.len();
                self.agents.push(AgentRec {
                    id: agent.id.clone(),
                    skills,
                    weight: agent.weight,
                    presence: AgentPresence::offline(agent.id.clone(), now),
                });
                self.agent_ix.insert(agent.id.clone(), ix);
                ix
            }
        };
        if self.agents[ix].presence.state == PresenceState::Available {
            self.set_available(ix);
        }
    }

    pub fn presence(&self, agent_id: &str) -> Option<&AgentPresence> {
        self.agent_ix.get(agent_id).map(|&ix| &self.agents[ix].presence)
    }

    pub fn entry(&self, entry_id: &str) -> Option<&QueueEntry> {
        self.entries.get(entry_id)
    }

    /// Queued entries (waiting or offered) in queue order.
    pub fn queue_order(&self) -> Vec<String> {
        self.order.values().cloned().collect()
    }

    pub fn pending_offers(&self) -> impl Iterator<Item = &Offer> {
        self.offers.values()
    }

    /// Agent-initiated presence change (`Available`, `Away`, `Offline`), then routing.
    pub fn set_presence(&mut self, agent_id: &str, target: PresenceState, now: i64) -> Result<Vec<Change>> {
        let ix = self.agent(agent_id)?;
        let ev = match target {
            PresenceState::Available => PresenceEvent::GoAvailable,
            PresenceState::Away => PresenceEvent::GoAway,
            PresenceState::Offline => PresenceEvent::GoOffline,
            other => return Err(SchedError::transition(self.agents[ix].presence.state, other.as_ref())),
        };
        let mut out = vec![];
        self.presence_event(ix, ev, now, &mut out)?;
        self.route(now, &mut out);
        Ok(out)
    }

    /// A live customer joins; returns the entry id.
    pub fn join(&mut self, session_id: &str, needs: Needs, now: i64) -> (String, Vec<Change>) {
        self.enqueue(session_id, needs, PRIORITY_LIVE, None, None, now)
    }

    /// A booked customer is due: the entry may only go to `agent_id` and precedes live ones.
    pub fn join_appointment(
        &mut self,
        session_id: &str,
        booking_id: &str,
        needs: Needs,
        agent_id: &str,
        now: i64,
    ) -> (String, Vec<Change>) {
        let (id, mut out) = self.enqueue(
            session_id,
            needs,
            crate::queue::PRIORITY_APPOINTMENT,
            Some(agent_id.to_string()),
            Some(booking_id.to_string()),
            now,
        );
        out.insert(0, Change::BookingDispatched { booking_id: booking_id.to_string(), at_ms: now });
        (id, out)
    }

    fn enqueue(
        &mut self,
        session_id: &str,
        needs: Needs,
        priority: i64,
        pinned: Option<AgentId>,
        booking_id: Option<String>,
        now: i64,
    ) -> (String, Vec<Change>) {
        let entry = QueueEntry {
            id: new_id(),
            session_id: session_id.to_string(),
            needs,
            joined_ms: now,
            seq: self.next_seq,
            priority,
            pinned_agent: pinned,
            booking_id,
            status: EntryStatus::Waiting,
            skipped: Default::default(),
            agent_id: None,
            connected_ms: None,
            ended_ms: None,
        };
        self.next_seq += 1;
        let id = entry.id.clone();
        let mut out = vec![Change::Entry(entry.clone())];
        self.insert_entry(entry);
        self.route(now, &mut out);
        (id, out)
    }

    /// The customer hangs up before being connected.
    pub fn leave(&mut self, entry_id: &str, now: i64) -> Result<Vec<Change>> {
        self.finish_queued(entry_id, EntryStatus::Left, now)
    }

    /// The customer leaves the queue asking to be called back on `contact`.
    pub fn request_callback(&mut self, entry_id: &str, contact: Contact, now: i64) -> Result<Vec<Change>> {
        let mut out = self.finish_queued(entry_id, EntryStatus::Callback, now)?;
        out.push(Change::CallbackRequested { entry_id: entry_id.to_string(), contact, at_ms: now });
        Ok(out)
    }

    fn finish_queued(&mut self, entry_id: &str, status: EntryStatus, now: i64) -> Result<Vec<Change>> {
        let e = self.entries.get(entry_id).ok_or(SchedError::NotFound("queue entry"))?;
        if !e.status.is_queued() {
            return Err(SchedError::transition(e.status, status.as_ref()));
        }
        let mut out = vec![];
        if let Some(oid) = self.offers.values().find(|o| o.entry_id == entry_id).map(|o| o.id.clone()) {
            self.close_offer(&oid, OfferStatus::Cancelled, now, &mut out)?;
        }
        self.remove_entry(entry_id, status, now, &mut out);
        self.route(now, &mut out);
        Ok(out)
    }

    /// Advances timers: expires offers, ends wrap-ups, then routes.
    pub fn tick(&mut self, now: i64) -> Vec<Change> {
        let mut out = vec![];
        let expired: Vec<String> =
            self.offers.values().filter(|o| o.expires_ms <= now).map(|o| o.id.clone()).collect();
        for oid in expired {
            // The offer was just found pending, so closing cannot fail.
            let _ = self.close_offer(&oid, OfferStatus::TimedOut, now, &mut out);
        }
        for ix in 0..self.agents.len() {
            let p = &self.agents[ix].presence;
            if p.state == PresenceState::WrapUp && p.wrap_up_until_ms.is_some_and(|t| t <= now) {
                let _ = self.presence_event(ix, PresenceEvent::WrapUpElapsed, now, &mut out);
            }
        }
        self.route(now, &mut out);
        out
    }

    /// Queue position and wait estimate of a queued entry.
    pub fn position(&self, entry_id: &str) -> Result<QueuePosition> {
        let e = self.entries.get(entry_id).ok_or(SchedError::NotFound("queue entry"))?;
        if !e.status.is_queued() {
            return Err(SchedError::transition(e.status, "position"));
        }
        if e.status == EntryStatus::Offered {
            return Ok(QueuePosition { position: 0, estimated_wait_ms: 0 });
        }
        let key = (e.needs.clone(), e.pinned_agent.clone());
        let ahead = self.groups.get(&key).map_or(0, |g| g.waiting.range(..e.order_key()).count());
        let servers = self.servers_for(&e.needs);
        Ok(QueuePosition { position: ahead + 1, estimated_wait_ms: self.eta.estimate(ahead + 1, servers) })
    }

    /// What a live customer with `needs` would be told on joining now: their place (behind
    /// everyone waiting with the same needs) and the estimate, by the rule of [`Self::position`];
    /// with the number of signed-in agents who could serve them.
    pub fn predict(&self, needs: &Needs) -> (QueuePosition, usize) {
        let ahead = self.groups.get(&(needs.clone(), None)).map_or(0, |g| g.waiting.len());
        let servers = self.servers_for(needs);
        (QueuePosition { position: ahead + 1, estimated_wait_ms: self.eta.estimate(ahead + 1, servers) }, servers)
    }

    /// Signed-in agents (not offline, not away) holding every skill of `needs`.
    fn servers_for(&self, needs: &Needs) -> usize {
        self.agents
            .iter()
            .filter(|a| !matches!(a.presence.state, PresenceState::Offline | PresenceState::Away))
            .filter(|a| needs.0.iter().all(|s| self.interner.get(s).is_some_and(|i| a.skills.contains(&i))))
            .count()
    }

    fn agent(&self, agent_id: &str) -> Result<usize> {
        self.agent_ix.get(agent_id).copied().ok_or(SchedError::NotFound("agent"))
    }

    pub(crate) fn presence_event(&mut self, ix: usize, ev: PresenceEvent, now: i64, out: &mut Vec<Change>) -> Result<()> {
        self.agents[ix].presence.apply(ev, now)?;
        if self.agents[ix].presence.state == PresenceState::Available {
            self.set_available(ix);
        } else {
            self.set_unavailable(ix);
        }
        out.push(Change::Presence(self.agents[ix].presence.clone()));
        Ok(())
    }

    /// Offers waiting entries to available agents until no pair matches.
    pub(crate) fn route(&mut self, now: i64, out: &mut Vec<Change>) {
        let reserved = self.reserved_at(now);
        while let Some((eid, elig)) = self.best_match(&reserved) {
            let cands: Vec<Candidate> = elig
                .iter()
                .map(|ix| Candidate {
                    agent_id: self.agents[ix].id.clone(),
                    weight: self.agents[ix].weight,
                    idle_since_ms: self.agents[ix].presence.idle_since_ms,
                })
                .collect();
            let (pick, seed, draw) = match self.cfg.policy {
                RoutingPolicy::LongestIdle => (longest_idle(&cands), None, None),
                RoutingPolicy::WeightedRandom => {
                    let (st, seed) = splitmix64(self.seed_state);
                    self.seed_state = st;
                    let u = unit_draw(seed);
                    (weighted_pick(&cands, u), Some(seed), Some(u))
                }
            };
            let Some(pick) = pick else { break };
            let chosen = cands[pick].agent_id.clone();
            let audit = RoutingAudit { policy: self.cfg.policy, entry_id: eid.clone(), eligible: cands, seed, draw, chosen };
            if self.make_offer(&eid, audit, now, out).is_err() {
                break;
            }
        }
    }
}
