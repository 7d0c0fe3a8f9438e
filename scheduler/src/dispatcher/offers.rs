//! Offers: creation, accept/decline/timeout, call end, and rebuilding after a restart.

use super::{Change, Dispatcher, LiveSnapshot};
use crate::error::{Result, SchedError};
use crate::ids::new_id;
use crate::presence::{PresenceEvent, PresenceState};
use crate::queue::EntryStatus;
use crate::routing::RoutingAudit;
use std::collections::HashSet;

pub use domain::OfferStatus;


/// A session offered to one agent, with the audit record of why that agent.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub id: String,
    pub entry_id: String,
    pub agent_id: String,
    pub created_ms: i64,
    pub expires_ms: i64,
    pub status: OfferStatus,
    pub decided_ms: Option<i64>,
    pub audit: RoutingAudit,
}

impl Dispatcher {
    pub(crate) fn make_offer(&mut self, entry_id: &str, audit: RoutingAudit, now: i64, out: &mut Vec<Change>) -> Result<()> {
        let ix = *self.agent_ix.get(&audit.chosen).ok_or(SchedError::NotFound("agent"))?;
        let mut e = self.entries.get(entry_id).cloned().ok_or(SchedError::NotFound("queue entry"))?;
        self.presence_event(ix, PresenceEvent::Offer(entry_id.to_string()), now, out)?;
        self.remove_waiting(&e);
        e.status = EntryStatus::Offered;
        e.agent_id = Some(audit.chosen.clone());
        out.push(Change::Entry(e.clone()));
        self.entries.insert(e.id.clone(), e);
        let offer = Offer {
            id: new_id(),
            entry_id: entry_id.to_string(),
            agent_id: audit.chosen.clone(),
            created_ms: now,
            expires_ms: now + self.cfg.offer_timeout_ms,
            status: OfferStatus::Pending,
            decided_ms: None,
            audit,
        };
        out.push(Change::Offer(offer.clone()));
        self.offers.insert(offer.id.clone(), offer);
        Ok(())
    }

    /// Ends a pending offer without a call: the entry goes back to waiting at its old place.
    pub(crate) fn close_offer(&mut self, offer_id: &str, status: OfferStatus, now: i64, out: &mut Vec<Change>) -> Result<()> {
        let mut o = self.offers.remove(offer_id).ok_or(SchedError::NotFound("offer"))?;
        o.status = status;
        o.decided_ms = Some(now);
        out.push(Change::Offer(o.clone()));
        if let Some(&ix) = self.agent_ix.get(&o.agent_id) {
            let to_away = status == OfferStatus::TimedOut && self.cfg.timeout_sets_away;
            self.presence_event(ix, PresenceEvent::Release { to_away }, now, out)?;
        }
        if let Some(mut e) = self.entries.get(&o.entry_id).cloned() {
            if e.status == EntryStatus::Offered {
                e.status = EntryStatus::Waiting;
                e.agent_id = None;
                if self.cfg.skip_declined && matches!(status, OfferStatus::Declined | OfferStatus::TimedOut) {
                    e.skipped.insert(o.agent_id.clone());
                }
                out.push(Change::Entry(e.clone()));
                self.add_waiting(&e);
                self.entries.insert(e.id.clone(), e);
            }
        }
        Ok(())
    }

    fn pending(&self, offer_id: &str) -> Result<&super::Offer> {
        self.offers.get(offer_id).ok_or(SchedError::NotFound("offer"))
    }

    /// The agent accepts: the call starts.
    pub fn accept(&mut self, offer_id: &str, now: i64) -> Result<Vec<Change>> {
        let o = self.pending(offer_id)?.clone();
        // Refused without touching state: an error carries no changes to persist, so the
        // timeout itself is left to the next `tick`.
        if now >= o.expires_ms {
            return Err(SchedError::OfferExpired);
        }
        let mut out = vec![];
        let ix = *self.agent_ix.get(&o.agent_id).ok_or(SchedError::NotFound("agent"))?;
        self.presence_event(ix, PresenceEvent::Accept, now, &mut out)?;
        let mut done = self.offers.remove(offer_id).ok_or(SchedError::NotFound("offer"))?;
        done.status = OfferStatus::Accepted;
        done.decided_ms = Some(now);
        out.push(Change::Offer(done));
        if let Some(mut e) = self.entries.remove(&o.entry_id) {
            self.order.remove(&e.order_key());
            e.status = EntryStatus::Connected;
            e.connected_ms = Some(now);
            out.push(Change::Entry(e.clone()));
            self.entries.insert(e.id.clone(), e);
        }
        Ok(out)
    }

    /// The agent declines; the entry is offered to the next agent.
    pub fn decline(&mut self, offer_id: &str, now: i64) -> Result<Vec<Change>> {
        self.pending(offer_id)?;
        let mut out = vec![];
        self.close_offer(offer_id, OfferStatus::Declined, now, &mut out)?;
        self.route(now, &mut out);
        Ok(out)
    }

    /// The call of `agent_id` ended: wrap-up starts, handling time feeds the estimate.
    pub fn end_call(&mut self, agent_id: &str, now: i64) -> Result<Vec<Change>> {
        let ix = *self.agent_ix.get(agent_id).ok_or(SchedError::NotFound("agent"))?;
        let entry = self.agents[ix].presence.entry_id.clone();
        let mut out = vec![];
        let wrap = self.cfg.wrap_up_ms;
        self.presence_event(ix, PresenceEvent::EndCall { wrap_up_ms: wrap }, now, &mut out)?;
        if let Some(mut e) = entry.and_then(|id| self.entries.remove(&id)) {
            e.status = EntryStatus::Done;
            e.ended_ms = Some(now);
            if let Some(c) = e.connected_ms {
                self.eta.record(now - c);
            }
            out.push(Change::Entry(e));
        }
        if wrap <= 0 {
            self.presence_event(ix, PresenceEvent::WrapUpElapsed, now, &mut out)?;
            self.route(now, &mut out);
        }
        Ok(out)
    }

    /// Rebuilds the state from the database after a restart, registering `agents` first.
    /// Repairs inconsistencies a crash between writes could leave (returned as changes to
    /// persist): a second pending offer for the same entry or agent is cancelled, an
    /// `offered` entry without a pending offer goes back to waiting, and an `offered` agent
    /// without one becomes available again. No routing happens here, so no offer is
    /// duplicated; call [`Dispatcher::tick`] afterwards.
    pub fn rebuild(cfg: super::DispatchConfig, agents: &[crate::roster::Agent], snap: LiveSnapshot, now: i64) -> (Self, Vec<Change>) {
        let mut d = Self::new(cfg);
        let mut out = vec![];
        for a in agents {
            d.upsert_agent(a, now);
        }
        for p in snap.presence {
            if let Some(&ix) = d.agent_ix.get(&p.agent_id) {
                d.agents[ix].presence = p;
            }
        }
        let mut offers = snap.pending_offers;
        offers.sort_by(|a, b| (a.created_ms, &a.id).cmp(&(b.created_ms, &b.id)));
        let (mut seen_e, mut seen_a) = (HashSet::new(), HashSet::new());
        let live: HashSet<String> = snap.entries.iter().filter(|e| e.status.is_queued()).map(|e| e.id.clone()).collect();
        for mut o in offers {
            if live.contains(&o.entry_id) && seen_e.insert(o.entry_id.clone()) && seen_a.insert(o.agent_id.clone()) {
                d.offers.insert(o.id.clone(), o);
            } else {
                o.status = OfferStatus::Cancelled;
                o.decided_ms = Some(now);
                out.push(Change::Offer(o));
            }
        }
        let mut entries = snap.entries;
        entries.sort_by_key(|e| e.order_key());
        for mut e in entries {
            if e.status == EntryStatus::Offered && !seen_e.contains(&e.id) {
                e.status = EntryStatus::Waiting;
                e.agent_id = None;
                out.push(Change::Entry(e.clone()));
            }
            d.insert_entry(e);
        }
        for ix in 0..d.agents.len() {
            let p = &mut d.agents[ix].presence;
            if p.state == PresenceState::Offered && !seen_a.contains(&p.agent_id) {
                p.state = PresenceState::Available;
                p.entry_id = None;
                p.since_ms = now;
                out.push(Change::Presence(p.clone()));
            }
            if d.agents[ix].presence.state == PresenceState::Available {
                d.set_available(ix);
            }
        }
        for h in snap.recent_handling_ms {
            d.eta.record(h);
        }
        (d, out)
    }
}
