//! Property test of the live-queue state machine under random event sequences.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scheduler::{Agent, DispatchConfig, Dispatcher, EntryStatus, Needs, PresenceState, RoutingPolicy};
use std::collections::{HashMap, HashSet};

const SKILLS: [&str; 4] = ["lang:de", "lang:en", "doc:passport", "doc:id_card"];

#[derive(Debug, Clone)]
enum Op {
    Join(Vec<usize>),
    Presence(usize, u8),
    Accept(usize),
    Decline(usize),
    EndCall(usize),
    Leave(usize),
    Tick(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => proptest::collection::vec(0usize..4, 1..3).prop_map(Op::Join),
        3 => (0usize..6, 0u8..3).prop_map(|(a, s)| Op::Presence(a, s)),
        2 => (0usize..8).prop_map(Op::Accept),
        1 => (0usize..8).prop_map(Op::Decline),
        2 => (0usize..6).prop_map(Op::EndCall),
        1 => (0usize..20).prop_map(Op::Leave),
        2 => (1i64..40_000).prop_map(Op::Tick),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn no_agent_ever_holds_two_sessions_and_no_eligible_pair_is_left_unmatched(
        skills in proptest::collection::vec(proptest::collection::btree_set(0usize..4, 1..4), 6),
        ops in proptest::collection::vec(op(), 1..80),
        weighted in any::<bool>(),
        skip in any::<bool>(),
    ) {
        let policy = if weighted { RoutingPolicy::WeightedRandom } else { RoutingPolicy::LongestIdle };
        let cfg = DispatchConfig { policy, skip_declined: skip, offer_timeout_ms: 20_000, wrap_up_ms: 15_000, seed: Some(1), ..Default::default() };
        let mut d = Dispatcher::new(cfg);
        let agents: Vec<Agent> = skills.iter().enumerate()
            .map(|(i, s)| Agent::new(format!("a{i}"), chrono_tz::UTC).with_skills(s.iter().map(|k| SKILLS[*k])))
            .collect();
        for a in &agents { d.upsert_agent(a, 0); }
        let mut now = 1;
        let mut entries: Vec<String> = vec![];
        for op in ops {
            now += 1;
            let offers: Vec<_> = d.pending_offers().cloned().collect();
            let _ = match op {
                Op::Join(n) => { let (id, ch) = d.join("s", Needs::of(n.iter().map(|k| SKILLS[*k])), now); entries.push(id); Ok(ch) }
                Op::Presence(a, s) => d.set_presence(&agents[a].id, [PresenceState::Available, PresenceState::Away, PresenceState::Offline][s as usize], now),
                Op::Accept(i) => match offers.get(i) { Some(o) => d.accept(&o.id, now), None => Ok(vec![]) },
                Op::Decline(i) => match offers.get(i) { Some(o) => d.decline(&o.id, now), None => Ok(vec![]) },
                Op::EndCall(a) => d.end_call(&agents[a].id, now),
                Op::Leave(i) => match entries.get(i) { Some(e) => d.leave(e, now), None => Ok(vec![]) },
                Op::Tick(dt) => { now += dt; Ok(d.tick(now)) }
            };
            // Invariants.
            let pending: Vec<_> = d.pending_offers().cloned().collect();
            let by_agent: HashMap<&str, usize> = pending.iter().fold(HashMap::new(), |mut m, o| { *m.entry(o.agent_id.as_str()).or_default() += 1; m });
            let by_entry: HashSet<&str> = pending.iter().map(|o| o.entry_id.as_str()).collect();
            prop_assert!(by_agent.values().all(|n| *n == 1), "agent with two pending offers");
            prop_assert_eq!(by_entry.len(), pending.len(), "entry with two pending offers");
            for o in &pending {
                let p = d.presence(&o.agent_id).unwrap();
                prop_assert_eq!(p.state, PresenceState::Offered);
                prop_assert_eq!(p.entry_id.as_deref(), Some(o.entry_id.as_str()));
                let e = d.entry(&o.entry_id).unwrap();
                prop_assert_eq!(e.status, EntryStatus::Offered);
                let a = agents.iter().find(|a| a.id == o.agent_id).unwrap();
                prop_assert!(a.qualifies(&e.needs), "offered to an unqualified agent");
                prop_assert!(!e.skipped.contains(&o.agent_id), "offered to a skipped agent");
            }
            for a in &agents {
                let p = d.presence(&a.id).unwrap();
                if matches!(p.state, PresenceState::InCall | PresenceState::WrapUp | PresenceState::Available) {
                    prop_assert!(!by_agent.contains_key(a.id.as_str()), "{:?} agent holds an offer", p.state);
                }
            }
            // Routing is complete: no waiting entry could go to an available agent.
            for id in d.queue_order() {
                let e = d.entry(&id).unwrap();
                if e.status != EntryStatus::Waiting { continue; }
                for a in &agents {
                    let avail = d.presence(&a.id).unwrap().state == PresenceState::Available;
                    prop_assert!(!(avail && a.qualifies(&e.needs) && !e.skipped.contains(&a.id)), "unmatched pair {} / {}", id, a.id);
                }
            }
            let order = d.queue_order();
            let keys: Vec<_> = order.iter().map(|id| d.entry(id).unwrap().order_key()).collect();
            prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
