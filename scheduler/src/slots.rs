//! Appointment slots derived from rosters.
//!
//! Each agent's working interval is cut into a grid anchored at the interval start:
//! `length` of appointment followed by `buffer` of paperwork. The capacity of a slot time
//! is the number of qualified agents whose grid has a slot there, so capacity follows the
//! roster automatically and one booking always occupies exactly one agent ("seat").

use crate::roster::{Agent, AgentId};
use crate::skills::Needs;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};

/// Slot geometry.
#[derive(Debug, Clone, Copy)]
pub struct SlotConfig {
    pub length: TimeDelta,
    pub buffer: TimeDelta,
}

impl Default for SlotConfig {
    fn default() -> Self {
        Self { length: TimeDelta::minutes(20), buffer: TimeDelta::minutes(10) }
    }
}

/// One agent's slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub agent_id: AgentId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A slot time as offered to a customer, shown in the customer's zone.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeSlot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub local_start: DateTime<Tz>,
    /// Qualified agents working at that time.
    pub capacity: u32,
    /// Of those, not yet booked.
    pub free: u32,
}

/// Slots of one agent whose start lies in `[from, to)`, in order.
pub fn agent_slots(agent: &Agent, cfg: &SlotConfig, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Slot> {
    let mut out = Vec::new();
    if cfg.length <= TimeDelta::zero() || cfg.buffer < TimeDelta::zero() {
        return out;
    }
    let step = cfg.length + cfg.buffer;
    for (a, b) in agent.working_intervals(from - TimeDelta::days(1), to + TimeDelta::days(1)) {
        let mut s = a;
        while s + cfg.length <= b && s < to {
            if s >= from {
                out.push(Slot { agent_id: agent.id.clone(), start: s, end: s + cfg.length });
            }
            s += step;
        }
    }
    out
}

/// Bookings that already hold an agent: `(agent, start_ms, end_ms)`.
pub type Taken = [(AgentId, i64, i64)];

/// Agents qualified for `needs` that have a slot starting exactly at `start` and are not
/// booked over it, in a stable order.
pub fn free_agents_at<'a>(
    agents: &'a [Agent],
    cfg: &SlotConfig,
    needs: &Needs,
    start: DateTime<Utc>,
    taken: &Taken,
) -> Vec<&'a Agent> {
    let busy = busy_map(taken);
    agents
        .iter()
        .filter(|a| a.qualifies(needs))
        .filter(|a| agent_slots(a, cfg, start, start + TimeDelta::milliseconds(1)).iter().any(|s| s.start == start))
        .filter(|a| !overlaps(&busy, &a.id, start, start + cfg.length))
        .collect()
}

/// Free slot times for a customer's needs, merged over agents, in the customer's zone.
pub fn free_slots(
    agents: &[Agent],
    cfg: &SlotConfig,
    needs: &Needs,
    customer_tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    taken: &Taken,
) -> Vec<FreeSlot> {
    let busy = busy_map(taken);
    let mut by_time: BTreeMap<(DateTime<Utc>, DateTime<Utc>), (u32, u32)> = BTreeMap::new();
    for a in agents.iter().filter(|a| a.qualifies(needs)) {
        for s in agent_slots(a, cfg, from, to) {
            let e = by_time.entry((s.start, s.end)).or_default();
            e.0 += 1;
            if !overlaps(&busy, &a.id, s.start, s.end) {
                e.1 += 1;
            }
        }
    }
    by_time
        .into_iter()
        .filter(|(_, (_, free))| *free > 0)
        .map(|((start, end), (capacity, free))| FreeSlot {
            start,
            end,
            local_start: start.with_timezone(&customer_tz),
            capacity,
            free,
        })
        .collect()
}

fn busy_map(taken: &Taken) -> HashMap<&str, Vec<(i64, i64)>> {
    let mut m: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
    for (a, s, e) in taken {
        m.entry(a.as_str()).or_default().push((*s, *e));
    }
    m
}

fn overlaps(busy: &HashMap<&str, Vec<(i64, i64)>>, agent: &str, s: DateTime<Utc>, e: DateTime<Utc>) -> bool {
    let (s, e) = (s.timestamp_millis(), e.timestamp_millis());
    busy.get(agent).is_some_and(|v| v.iter().any(|(bs, be)| *bs < e && *be > s))
}

/// The UTC range of one calendar day in `tz` (23, 24 or 25 hours long around DST), for
/// "show me Tuesday's slots" in the customer's zone.
pub fn local_day(tz: Tz, date: chrono::NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date + chrono::Days::new(1);
    (
        crate::roster::resolve_local(tz, date.and_time(chrono::NaiveTime::MIN)),
        crate::roster::resolve_local(tz, next.and_time(chrono::NaiveTime::MIN)),
    )
}
