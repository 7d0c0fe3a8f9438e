//! Benchmarks (harness = false): routing decision latency with 10,000 queued customers and
//! 1,000 agents, and bookings per second on SQLite and PostgreSQL.
//! Run: `TEST_PG_URL=$(tests/pg.sh) cargo bench -p scheduler`; writes
//! `scheduler/BENCHMARKS.part.md`.
#![allow(clippy::unwrap_used)]

use chrono::{NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use scheduler::{
    Agent, BookingPolicy, BookingRequest, Contact, DispatchConfig, Dispatcher, Needs, PresenceState, RoutingPolicy,
    SchedError, SkillCatalog, Store,
};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const LANGS: [&str; 6] = ["lang:de", "lang:en", "lang:tr", "lang:fr", "lang:es", "lang:it"];
const DOCS: [&str; 3] = ["doc:passport", "doc:id_card", "doc:residence_permit"];

fn random_agent(i: usize, rng: &mut StdRng) -> Agent {
    let mut skills = vec![LANGS[rng.gen_range(0..LANGS.len())], LANGS[rng.gen_range(0..LANGS.len())]];
    skills.push(DOCS[rng.gen_range(0..DOCS.len())]);
    skills.push(DOCS[rng.gen_range(0..DOCS.len())]);
    if rng.gen_bool(0.5) {
        skills.push("reg:bafin");
    }
    let mut a = Agent::new(format!("agent{i:04}"), chrono_tz::Europe::Berlin).with_skills(skills);
    a.weight = rng.gen_range(0.5..2.0);
    a
}

fn random_needs(rng: &mut StdRng) -> Needs {
    let mut n = vec![LANGS[rng.gen_range(0..LANGS.len())], DOCS[rng.gen_range(0..DOCS.len())]];
    if rng.gen_bool(0.3) {
        n.push("reg:bafin");
    }
    Needs::of(n)
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn us(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

/// Scenario A: an agent becomes available while 10,000 customers wait.
fn agent_frees_up(policy: RoutingPolicy, rounds: usize) -> (Vec<Duration>, usize) {
    let mut rng = StdRng::seed_from_u64(1);
    let cfg = DispatchConfig { policy, wrap_up_ms: 3_600_000, seed: Some(2), ..Default::default() };
    let mut d = Dispatcher::new(cfg);
    let agents: Vec<Agent> = (0..1000).map(|i| random_agent(i, &mut rng)).collect();
    for a in &agents {
        d.upsert_agent(a, 0);
        d.set_presence(&a.id, PresenceState::Away, 0).unwrap();
    }
    for i in 0..10_000 {
        d.join("s", random_needs(&mut rng), i);
    }
    let mut lat = Vec::with_capacity(rounds);
    let mut offered = 0;
    let mut now = 20_000;
    for _ in 0..rounds {
        now += 1;
        let a = &agents[rng.gen_range(0..agents.len())].id;
        let t = Instant::now();
        let ch = d.set_presence(a, PresenceState::Available, now).unwrap();
        lat.push(t.elapsed());
        if let Some(o) = ch.iter().find_map(|c| c.new_offer()).cloned() {
            offered += 1;
            d.accept(&o.id, now).unwrap();
            d.end_call(&o.agent_id, now).unwrap();
            d.join("s", random_needs(&mut rng), now); // keep 10,000 queued
        }
        d.set_presence(a, PresenceState::Away, now).unwrap();
    }
    assert!(d.queue_order().len() >= 9_999);
    (lat, offered)
}

/// Scenario B: a customer joins behind 10,000 waiting customers (needing a skill nobody
/// online has) while 500 of 1,000 agents are available: the router picks among hundreds.
fn customer_joins(policy: RoutingPolicy, rounds: usize) -> (Vec<Duration>, usize) {
    let mut rng = StdRng::seed_from_u64(3);
    let cfg = DispatchConfig { policy, wrap_up_ms: 3_600_000, seed: Some(4), ..Default::default() };
    let mut d = Dispatcher::new(cfg);
    let agents: Vec<Agent> = (0..1000).map(|i| random_agent(i, &mut rng)).collect();
    for a in &agents {
        d.upsert_agent(a, 0);
    }
    for i in 0..10_000 {
        let mut n = random_needs(&mut rng);
        n.0.insert("lang:xx".into());
        d.join("s", n, i);
    }
    for a in agents.iter().step_by(2) {
        d.set_presence(&a.id, PresenceState::Available, 10_001).unwrap();
    }
    let mut lat = Vec::with_capacity(rounds);
    let mut offered = 0;
    let mut now = 20_000;
    for _ in 0..rounds {
        now += 1;
        let t = Instant::now();
        let (_, ch) = d.join("s", Needs::of(["lang:de"]), now);
        lat.push(t.elapsed());
        if let Some(o) = ch.iter().find_map(|c| c.new_offer()).cloned() {
            offered += 1;
            d.decline(&o.id, now).ok();
            // decline re-routes the entry to someone else; withdraw it to keep the setup.
            let e = o.entry_id.clone();
            d.leave(&e, now).unwrap();
        }
    }
    assert!(d.queue_order().len() >= 10_000);
    (lat, offered)
}

async fn bookings_per_second(url: &str, concurrency: usize, total: usize) -> f64 {
    let store = Store::connect(url, concurrency as u32 + 1).await.unwrap();
    store.migrate(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../migrations")).await.unwrap();
    let mut agents = vec![];
    for i in 0..20 {
        let mut a = Agent::new(format!("b{i}"), chrono_tz::Europe::Berlin).with_skills(["lang:de"]);
        for wd in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] {
            a = a.with_shift(wd, NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(18, 0, 0).unwrap());
        }
        agents.push(a);
    }
    let agents = std::sync::Arc::new(agents);
    let now = Utc.with_ymd_and_hms(2026, 3, 22, 0, 0, 0).unwrap();
    let first = Utc.with_ymd_and_hms(2026, 3, 23, 7, 0, 0).unwrap(); // 08:00 CET Monday
    let policy = std::sync::Arc::new(BookingPolicy::default());
    let catalog = std::sync::Arc::new(SkillCatalog::new(["lang:de"]).unwrap());
    let t = Instant::now();
    let mut tasks = vec![];
    for w in 0..concurrency {
        let (store, agents, policy, catalog) = (store.clone(), agents.clone(), policy.clone(), catalog.clone());
        tasks.push(tokio::spawn(async move {
            let mut ok = 0;
            for i in (w..total).step_by(concurrency) {
                // 20 agents per slot: slot i/20 of the week's grid.
                let slot = (i / 20) as i64;
                let (day, k) = (slot / 20, slot % 20);
                let start = first + TimeDelta::days(day) + TimeDelta::minutes(30 * k);
                let req = BookingRequest { needs: Needs::of(["lang:de"]), start, customer_tz: chrono_tz::Europe::Berlin, contact: Contact::default(), session_id: None };
                match store.book(&agents, &catalog, &policy, &req, now).await {
                    Ok(_) => ok += 1,
                    Err(SchedError::SlotTaken) => {}
                    Err(e) => panic!("{e}"),
                }
            }
            ok
        }));
    }
    let mut ok = 0;
    for t in tasks {
        ok += t.await.unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    store.close().await;
    assert_eq!(ok, total, "every benchmark booking targets a free seat");
    ok as f64 / secs
}

async fn fresh_pg(base: &str) -> (String, String) {
    let admin = Store::connect(base, 1).await.unwrap();
    let name = format!("sched_bench_{}", scheduler::ids::new_id());
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(admin.pool()).await.unwrap();
    admin.close().await;
    (format!("{}/{name}", base.rsplit_once('/').unwrap().0), name)
}

fn main() {
    let mut md = String::new();
    writeln!(md, "## scheduler\n").unwrap();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    writeln!(md, "Measured with `cargo bench -p scheduler` (release) on {}, a shared 2-core machine (load average {load} at start: other engineers were compiling). Max values are dominated by preemption.\n", Utc::now().format("%Y-%m-%d")).unwrap();
    writeln!(md, "### Routing decision latency (1,000 agents, 10,000 queued customers)\n").unwrap();
    writeln!(md, "| scenario | policy | decisions | offers made | p50 µs | p99 µs | max µs |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |").unwrap();
    for policy in [RoutingPolicy::LongestIdle, RoutingPolicy::WeightedRandom] {
        for (name, (mut lat, offered)) in [
            ("agent becomes available", agent_frees_up(policy, 20_000)),
            ("customer joins, 500 agents available", customer_joins(policy, 20_000)),
        ] {
            let n = lat.len();
            let (p50, p99, max) = (pct(&mut lat, 0.5), pct(&mut lat, 0.99), pct(&mut lat, 1.0));
            writeln!(md, "| {name} | {policy:?} | {n} | {offered} | {} | {} | {} |", us(p50), us(p99), us(max)).unwrap();
        }
    }
    writeln!(md, "\nA decision includes the presence transition, the index lookup, the policy draw with its audit record (the full eligible set) and the offer.\n").unwrap();
    writeln!(md, "### Bookings per second (each booking: free-agent computation from rosters, INSERT guarded by the seat index, invite + 2 reminder outbox rows, one transaction)\n").unwrap();
    writeln!(md, "| database | concurrent clients | bookings/s |\n| --- | ---: | ---: |").unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        for c in [1usize, 8] {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
            let bps = bookings_per_second(&url, c, 2000).await;
            writeln!(md, "| SQLite (file, WAL, synchronous=NORMAL) | {c} | {bps:.0} |").unwrap();
        }
        match std::env::var("TEST_PG_URL") {
            Ok(base) => {
                for c in [1usize, 8] {
                    let (url, name) = fresh_pg(&base).await;
                    let bps = bookings_per_second(&url, c, 2000).await;
                    let admin = Store::connect(&base, 1).await.unwrap();
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(admin.pool()).await.unwrap();
                    admin.close().await;
                    writeln!(md, "| PostgreSQL (local, fsync=off test cluster) | {c} | {bps:.0} |").unwrap();
                }
            }
            Err(_) => writeln!(md, "| PostgreSQL | - | not run (TEST_PG_URL unset) |").unwrap(),
        }
    });
    print!("{md}");
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.part.md");
    std::fs::write(out, md).unwrap();
}
