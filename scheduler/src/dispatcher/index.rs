//! The routing index: per-skill availability bit sets and needs groups.

use super::{Change, Dispatcher, Group};
use crate::queue::{EntryStatus, QueueEntry};
use crate::roster::AgentId;
use crate::skills::BitSet;

impl Dispatcher {
    /// Replaces the known booked appointments `(agent, start_ms, end_ms)`; see
    /// [`super::DispatchConfig::appointment_guard_ms`]. [`crate::Store::dispatch_due`] keeps this
    /// up to date.
    pub fn set_reservations<I: IntoIterator<Item = (AgentId, i64, i64)>>(&mut self, res: I) {
        self.reservations.clear();
        for (a, s, e) in res {
            if let Some(&ix) = self.agent_ix.get(&a) {
                self.reservations.entry(ix).or_default().push((s, e));
            }
        }
    }

    /// Agents kept free for an appointment at `now`.
    pub(crate) fn reserved_at(&self, now: i64) -> BitSet {
        let mut b = BitSet::with_len(self.agents.len());
        let guard = self.cfg.appointment_guard_ms;
        for (&ix, v) in &self.reservations {
            if v.iter().any(|(s, e)| s - guard <= now && now < *e) {
                b.insert(ix);
            }
        }
        b
    }

    pub(crate) fn set_available(&mut self, ix: usize) {
        self.avail.insert(ix);
        for &s in &self.agents[ix].skills {
            self.avail_by_skill[s].insert(ix);
        }
    }

    pub(crate) fn set_unavailable(&mut self, ix: usize) {
        self.avail.remove(ix);
        for &s in &self.agents[ix].skills {
            self.avail_by_skill[s].remove(ix);
        }
    }

    /// Adds an entry to the queue order and, if waiting, to its needs group.
    pub(crate) fn insert_entry(&mut self, e: QueueEntry) {
        if e.status.is_queued() {
            self.order.insert(e.order_key(), e.id.clone());
        }
        if e.status == EntryStatus::Waiting {
            self.add_waiting(&e);
        }
        self.next_seq = self.next_seq.max(e.seq + 1);
        self.entries.insert(e.id.clone(), e);
    }

    pub(crate) fn add_waiting(&mut self, e: &QueueEntry) {
        let key = (e.needs.clone(), e.pinned_agent.clone());
        if !self.groups.contains_key(&key) {
            let skills: Vec<usize> = e.needs.0.iter().map(|s| self.interner.intern(s)).collect();
            self.avail_by_skill.resize_with(self.interner.len(), BitSet::default);
            self.groups.insert(key.clone(), Group { skills, pinned: e.pinned_agent.clone(), waiting: Default::default() });
        }
        if let Some(g) = self.groups.get_mut(&key) {
            g.waiting.insert(e.order_key(), e.id.clone());
        }
    }

    pub(crate) fn remove_waiting(&mut self, e: &QueueEntry) {
        let key = (e.needs.clone(), e.pinned_agent.clone());
        let empty = match self.groups.get_mut(&key) {
            Some(g) => {
                g.waiting.remove(&e.order_key());
                g.waiting.is_empty()
            }
            None => false,
        };
        // Empty groups are dropped so routing iterates only over live demand.
        if empty {
            self.groups.remove(&key);
        }
    }

    /// Takes an entry out of the queue with a final status.
    pub(crate) fn remove_entry(&mut self, entry_id: &str, status: EntryStatus, now: i64, out: &mut Vec<Change>) {
        let Some(mut e) = self.entries.remove(entry_id) else { return };
        if e.status == EntryStatus::Waiting {
            self.remove_waiting(&e);
        }
        self.order.remove(&e.order_key());
        e.status = status;
        e.ended_ms = Some(now);
        out.push(Change::Entry(e));
    }

    /// The earliest waiting entry (queue order) that has at least one eligible available
    /// agent, with that agent set. Looks at each group's head only, going deeper in a group
    /// only past entries whose eligible agents were all skipped.
    /// `reserved` agents only take entries pinned to them (their appointments).
    pub(crate) fn best_match(&self, reserved: &BitSet) -> Option<(String, BitSet)> {
        if self.avail.is_empty() {
            return None;
        }
        let mut best: Option<(crate::queue::OrderKey, String, BitSet)> = None;
        for g in self.groups.values() {
            let base = match &g.pinned {
                Some(a) => {
                    let mut b = BitSet::with_len(self.agents.len());
                    if let Some(&ix) = self.agent_ix.get(a) {
                        if self.avail.contains(ix) {
                            b.insert(ix);
                        }
                    }
                    b
                }
                None => {
                    let mut b = self.avail.clone();
                    for &s in &g.skills {
                        b.and_with(&self.avail_by_skill[s]);
                    }
                    b.and_not(reserved);
                    b
                }
            };
            if base.is_empty() {
                continue;
            }
            for (ok, eid) in &g.waiting {
                if best.as_ref().is_some_and(|b| *ok >= b.0) {
                    break;
                }
                let Some(e) = self.entries.get(eid) else { continue };
                let mut elig = base.clone();
                for a in &e.skipped {
                    if let Some(&ix) = self.agent_ix.get(a) {
                        elig.remove(ix);
                    }
                }
                if !elig.is_empty() {
                    best = Some((*ok, eid.clone(), elig));
                    break;
                }
            }
        }
        best.map(|(_, e, b)| (e, b))
    }
}
