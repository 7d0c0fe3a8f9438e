//! Crash/restart: everything the live queue needs is in the database and the rebuilt
//! dispatcher continues without reordering or duplicating offers.
#![allow(clippy::unwrap_used)]
mod common;

use common::TestDb;
use scheduler::{Agent, DispatchConfig, Dispatcher, Needs, PresenceState, Store};
use std::collections::{HashMap, HashSet};

fn roster() -> Vec<Agent> {
    (0..12)
        .map(|i| {
            let lang = if i % 2 == 0 { "lang:de" } else { "lang:en" };
            let doc = if i % 3 == 0 { "doc:passport" } else { "doc:id_card" };
            Agent::new(format!("agent{i:02}"), chrono_tz::Europe::Berlin).with_skills([lang, doc])
        })
        .collect()
}

async fn pending_per(store: &Store, col: &str) -> Vec<i64> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM sched_offers WHERE status = 'pending' GROUP BY {col}"))
        .fetch_all(store.pool())
        .await
        .unwrap()
}

async fn restart(db: TestDb) {
    let agents = roster();
    let cfg = DispatchConfig { offer_timeout_ms: 30_000, timeout_sets_away: false, ..Default::default() };
    let mut d = Dispatcher::new(cfg.clone());
    let t0 = 1_700_000_000_000i64;
    for a in &agents {
        d.upsert_agent(a, t0);
        db.store.upsert_agent(a, t0).await.unwrap();
    }
    // 50 customers with mixed needs, then 8 agents come online.
    let needs = [["lang:de", "doc:passport"], ["lang:en", "doc:id_card"], ["lang:de", "doc:id_card"], ["lang:en", "doc:passport"]];
    for i in 0..50 {
        let (_, ch) = d.join(&format!("session{i}"), Needs::of(needs[i % 4]), t0 + i as i64);
        db.store.apply(&ch).await.unwrap();
    }
    for a in agents.iter().take(8) {
        let ch = d.set_presence(&a.id, PresenceState::Available, t0 + 100).unwrap();
        db.store.apply(&ch).await.unwrap();
    }
    // One offer declined (skip list persisted), one accepted (connected call).
    let first: Vec<_> = d.pending_offers().cloned().collect();
    db.store.apply(&d.decline(&first[0].id, t0 + 200).unwrap()).await.unwrap();
    db.store.apply(&d.accept(&first[1].id, t0 + 201).unwrap()).await.unwrap();

    let order = d.queue_order();
    let offers: HashMap<String, String> = d.pending_offers().map(|o| (o.id.clone(), o.entry_id.clone())).collect();
    assert!(order.len() >= 45 && offers.len() >= 5, "{} queued, {} offers", order.len(), offers.len());
    let skipped: HashMap<String, _> = order.iter().map(|e| (e.clone(), d.entry(e).unwrap().skipped.clone())).collect();

    // Kill: drop the in-memory state and the pool without any shutdown.
    drop(d);
    let url = db.url.clone();
    drop(db.store);
    let store = Store::connect(&url, 4).await.unwrap();

    let now = t0 + 300;
    let (mut d2, repairs) = Dispatcher::rebuild(cfg, &store.load_agents().await.unwrap(), store.load_live().await.unwrap(), now);
    assert!(repairs.is_empty(), "consistent state needs no repair: {repairs:?}");
    assert_eq!(d2.queue_order(), order, "same order after restart");
    let offers2: HashMap<String, String> = d2.pending_offers().map(|o| (o.id.clone(), o.entry_id.clone())).collect();
    assert_eq!(offers2, offers, "same outstanding offers");
    for e in &order {
        assert_eq!(&d2.entry(e).unwrap().skipped, &skipped[e]);
    }
    assert!(d2.tick(now).iter().all(|c| c.new_offer().is_none()), "no duplicate offers after rebuild");
    assert_eq!(d2.presence(&first[1].agent_id).unwrap().state, PresenceState::InCall);
    d2.end_call(&first[1].agent_id, now).unwrap();

    // Offers time out after the restart and move on, still one per entry and per agent.
    let ch = d2.tick(now + 30_000);
    store.apply(&ch).await.unwrap();
    assert!(ch.iter().any(|c| c.new_offer().is_some()));
    assert!(pending_per(&store, "entry_id").await.iter().all(|n| *n == 1));
    assert!(pending_per(&store, "agent_id").await.iter().all(|n| *n == 1));
    let entries: HashSet<String> = d2.pending_offers().map(|o| o.entry_id.clone()).collect();
    assert_eq!(entries.len(), d2.pending_offers().count());
    store.close().await;
}
on_both!(a_queue_of_fifty_with_offers_outstanding_survives_a_kill_in_order_without_duplicate_offers, 4, super::restart);

async fn repair(db: TestDb) {
    let agents = roster();
    let mut d = Dispatcher::new(DispatchConfig::default());
    let t0 = 1_700_000_000_000i64;
    for a in &agents {
        d.upsert_agent(a, t0);
    }
    let (e, ch) = d.join("s", Needs::of(["lang:de"]), t0);
    db.store.apply(&ch).await.unwrap();
    db.store.apply(&d.set_presence("agent00", PresenceState::Available, t0).unwrap()).await.unwrap();
    // A crash between writes lost the offer row's pending state.
    sqlx::query("UPDATE sched_offers SET status = 'cancelled'").execute(db.store.pool()).await.unwrap();
    for a in &agents {
        db.store.upsert_agent(a, t0).await.unwrap();
    }
    let mut d2 = db.store.rebuild_dispatcher(DispatchConfig::default(), t0 + 5).await.unwrap();
    let entry_status: String = sqlx::query_scalar("SELECT status FROM sched_queue").fetch_one(db.store.pool()).await.unwrap();
    assert_eq!(entry_status, "waiting", "repair persisted");
    assert_eq!(d2.presence("agent00").unwrap().state, PresenceState::Available);
    let ch = d2.tick(t0 + 6);
    db.store.apply(&ch).await.unwrap();
    let o = ch.iter().find_map(|c| c.new_offer()).unwrap();
    assert_eq!((o.entry_id.as_str(), o.agent_id.as_str()), (e.as_str(), "agent00"));
}
on_both!(rebuild_repairs_an_offered_entry_whose_offer_was_lost, 2, super::repair);
