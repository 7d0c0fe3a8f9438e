//! 200 customers race for the same slot time; the database must let exactly as many win
//! as there are seats.
#![allow(clippy::unwrap_used)]
mod common;

use common::{berlin_agent, catalog, monday_morning, policy, t, TestDb};
use scheduler::{BookingRequest, Contact, Needs, SchedError};
use std::sync::Arc;

async fn race(db: TestDb) {
    let (ok, taken) = attempt(&db).await;
    assert_eq!((ok, taken), (3, 197));
    counts(&db).await;
}

async fn attempt(db: &TestDb) -> (usize, usize) {
    let agents = Arc::new(vec![
        berlin_agent("a1", &["lang:de"]),
        berlin_agent("a2", &["lang:de"]),
        berlin_agent("a3", &["lang:de"]),
    ]);
    let start = t("2026-03-23T10:00:00Z");
    let barrier = Arc::new(tokio::sync::Barrier::new(200));
    let mut tasks = vec![];
    for _ in 0..200 {
        let (s, agents, barrier) = (db.store.clone(), agents.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            let req = BookingRequest {
                needs: Needs::of(["lang:de"]),
                start,
                customer_tz: chrono_tz::Europe::Berlin,
                contact: Contact::default(),
                session_id: None,
            };
            barrier.wait().await;
            s.book(&agents, &catalog(), &policy(), &req, monday_morning()).await
        }));
    }
    let (mut ok, mut taken) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(SchedError::SlotTaken) => taken += 1,
            Err(e) => panic!("unexpected error {e:?}"),
        }
    }
    (ok, taken)
}

async fn counts(db: &TestDb) {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sched_bookings WHERE status = 'booked'")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(n, 3);
    let agents_booked: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT agent_id) FROM sched_bookings")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(agents_booked, 3);
}

// SQLite: 200 connections, one per racer (file database, WAL, busy_timeout), so every
// attempt is its own SQLite connection contending for the write lock. PostgreSQL: 64
// sessions, because the shared test cluster allows 300 connections for all engineers'
// tests at once; 64 concurrent sessions still interleave the attempts on the server.
on_both!(two_hundred_simultaneous_bookings_of_a_three_seat_slot_give_exactly_three, sqlite = 200, pg = 64, super::race);

/// Control: the guarantee comes from the unique index, not from the application-level
/// pre-check (which every racer passes before anyone has inserted).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_seat_index_the_same_race_double_books() {
    let db = common::sqlite(32).await;
    sqlx::query("DROP INDEX sched_bookings_seat").execute(db.store.pool()).await.unwrap();
    let (ok, _) = attempt(&db).await;
    assert!(ok > 3, "expected double bookings without the index, got {ok}");
}
