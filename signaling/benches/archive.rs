//! The archive with 100,000 sessions: latency of filtered pages on SQLite and PostgreSQL,
//! through the query alone and through the whole route (guard with a staff session, query,
//! audit row, JSON). Writes its section of BENCHMARKS.md.
//!
//! `make bench-archive` (PostgreSQL from `tests/pg.sh`; without `TEST_PG_URL` only SQLite runs).
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use rand::{Rng, SeedableRng};
use signaling::archive::query::{self, Cursor, Filter, Flag, ReviewState};
use signaling::evidence::decision::{DecisionStatus, Outcome};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const SESSIONS: usize = 100_000;
const AGENTS: usize = 50;
const RUNS: usize = 200;
const DAY: i64 = 86_400_000;
const T0: i64 = 1_893_456_000_000; // 2030-01-01

fn agent(i: usize) -> String {
    format!("agent-{i:02}")
}

/// One session row and its index row, as SQL value lists.
fn rows(rng: &mut rand::rngs::StdRng, i: usize) -> (String, String) {
    let id = format!("{:032x}", (i as u128) * 0x9E37_79B9_7F4A_7C15 + 1);
    let created = T0 + rng.gen_range(0..365 * DAY);
    let profile = match rng.gen_range(0..10) {
        0..=3 => "basic",
        4..=6 => "bafin-rs-3-2017",
        7..=8 => "rbi-vcip",
        _ => "at-fvfiv",
    };
    let status = match rng.gen_range(0..100) {
        0 => "active",
        1..=2 => "created",
        _ => "ended",
    };
    let decided = status == "ended" && rng.gen_range(0..100) >= 5;
    let outcome = if decided {
        match rng.gen_range(0..100) {
            0..=71 => "'approved'",
            72..=87 => "'rejected'",
            _ => "'inconclusive'",
        }
    } else {
        "NULL"
    };
    let pending = decided && rng.gen_range(0..100) < 5;
    let (decision_status, review) = match (decided, pending) {
        (false, _) => ("NULL", "none"),
        (true, true) => ("'pending_review'", "pending"),
        (true, false) => (
            "'final'",
            match rng.gen_range(0..100) {
                0..=8 => "confirmed",
                9 => "overturned",
                _ => "none",
            },
        ),
    };
    let flag = |p: u32, rng: &mut rand::rngs::StdRng| i64::from(rng.gen_range(0..1000) < p);
    let ended = if status == "ended" { (created + rng.gen_range(300_000..3_600_000)).to_string() } else { "NULL".into() };
    let decided_at = if decided { (created + 3_700_000).to_string() } else { "NULL".into() };
    let agent = if status == "created" { "NULL".into() } else { format!("'{}'", agent(rng.gen_range(0..AGENTS))) };
    let session = format!("('{id}', '{status}', NULL, '{profile}', 'v', {created}, {created}, {ended}, NULL)");
    let index = format!(
        "('{id}', {created}, '{status}', '{profile}', {agent}, {outcome}, {decision_status}, {decided_at}, '{review}', {}, {}, {}, {}, {}, {ended}, {}, 0)",
        flag(30, rng),
        flag(10, rng),
        flag(20, rng),
        flag(10, rng),
        if rng.gen_range(0..100) < 8 { rng.gen_range(1..4) } else { 0 },
        if decided { (created + 1825 * DAY).to_string() } else { "NULL".into() },
    );
    (session, index)
}

async fn load(db: &signaling::db::Db) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let t = Instant::now();
    for chunk in (0..SESSIONS).collect::<Vec<_>>().chunks(1000) {
        let (s, i): (Vec<String>, Vec<String>) = chunk.iter().map(|n| rows(&mut rng, *n)).unzip();
        let mut tx = db.begin().await.unwrap();
        sqlx::query(&format!("INSERT INTO sessions (id, status, external_ref, profile, profile_version, created_at, started_at, ended_at, end_reason) VALUES {}", s.join(",")))
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(&format!(
            "INSERT INTO session_index (session_id, created_at, status, profile, agent_id, outcome, decision_status, decided_at, review, face_no_match, liveness_fail, \
             challenge_failed, recording_unhealthy, reconnects, ended_at, delete_after, legal_hold) VALUES {}",
            i.join(",")
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    sqlx::query("ANALYZE").execute(db).await.unwrap();
    println!("loaded {SESSIONS} sessions in {:.1} s", t.elapsed().as_secs_f64());
}

/// The filter shapes measured, each with random values per run.
fn shapes() -> Vec<(&'static str, Box<dyn Fn(&mut rand::rngs::StdRng) -> (Filter, usize)>)> {
    let day = |rng: &mut rand::rngs::StdRng| T0 + rng.gen_range(0..330) * DAY;
    vec![
        ("newest first, no filter", Box::new(|_| (Filter::default(), 0))),
        ("30-day window", Box::new(move |r| (Filter { from: Some(day(r)), to: None, ..Filter::default() }.with_to(30), 0))),
        ("agent, 90 days", Box::new(move |r| (Filter { agent: Some(agent(r.gen_range(0..AGENTS))), from: Some(day(r)), ..Filter::default() }.with_to(90), 0))),
        ("outcome rejected, 30 days", Box::new(move |r| (Filter { outcome: Some(Outcome::Rejected), from: Some(day(r)), ..Filter::default() }.with_to(30), 0))),
        ("profile + review pending", Box::new(|r| (Filter { profile: Some(["basic", "rbi-vcip", "bafin-rs-3-2017"][r.gen_range(0..3)].into()), review: Some(ReviewState::Pending), ..Filter::default() }, 0))),
        ("flag face no-match", Box::new(|_| (Filter { flags: vec![Flag::FaceNoMatch], ..Filter::default() }, 0))),
        ("two rare flags together", Box::new(|_| (Filter { flags: vec![Flag::LivenessFail, Flag::RecordingUnhealthy], ..Filter::default() }, 0))),
        ("agent, not reviewed", Box::new(|r| (Filter { agent: Some(agent(r.gen_range(0..AGENTS))), reviewed: Some(false), ..Filter::default() }, 0))),
        ("agent + outcome + profile", Box::new(|r| (Filter { agent: Some(agent(r.gen_range(0..AGENTS))), outcome: Some(Outcome::Approved), profile: Some("basic".into()), ..Filter::default() }, 0))),
        ("pending review, 7 days", Box::new(move |r| (Filter { decision_status: Some(DecisionStatus::PendingReview), from: Some(day(r)), ..Filter::default() }.with_to(7), 0))),
        ("reconnects + inconclusive", Box::new(|_| (Filter { flags: vec![Flag::Reconnects], outcome: Some(Outcome::Inconclusive), ..Filter::default() }, 0))),
        ("page 20 (keyset), outcome approved", Box::new(|_| (Filter { outcome: Some(Outcome::Approved), ..Filter::default() }, 19))),
    ]
}

trait WithTo {
    fn with_to(self, days: i64) -> Filter;
}

impl WithTo for Filter {
    fn with_to(mut self, days: i64) -> Filter {
        self.to = self.from.map(|f| f + days * DAY);
        self
    }
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Measures every shape through `query::page`; (shape, p50, p95, max) rows and all samples.
async fn measure_queries(db: &signaling::db::Db) -> (Vec<(String, Duration, Duration, Duration)>, Vec<Duration>) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut rows = vec![];
    let mut all = vec![];
    for (name, make) in shapes() {
        let mut samples = vec![];
        for _ in 0..RUNS {
            let (filter, pages_before) = make(&mut rng);
            let mut cursor: Option<Cursor> = None;
            for _ in 0..pages_before {
                cursor = query::page(db, &filter, cursor.as_ref(), 50).await.unwrap().1;
            }
            let t = Instant::now();
            let (page, _) = query::page(db, &filter, cursor.as_ref(), 50).await.unwrap();
            samples.push(t.elapsed());
            std::hint::black_box(page);
        }
        all.extend(samples.iter().copied());
        let (p50, p95, max) = (pct(&mut samples, 50.0), pct(&mut samples, 95.0), *samples.iter().max().unwrap());
        rows.push((name.to_owned(), p50, p95, max));
    }
    (rows, all)
}

/// The whole route as a supervisor: guard, staff session, query, audit row, JSON.
async fn measure_route(state: &signaling::AppState) -> Vec<Duration> {
    let now = state.clock.now_ms();
    let new = signaling::staff::NewStaff { id: "bench-sv".into(), display_name: "bench".into(), roles: [domain::StaffRole::Supervisor].into(), password: "correct horse battery staple".into() };
    signaling::staff::create(&state.db, &state.key, new, now).await.unwrap();
    let code = signaling::staff::current_code(&state.db, &state.key, &domain::StaffId::parse("bench-sv").unwrap(), now).await.unwrap();
    let app = signaling::app(state.clone()).unwrap();
    let body = serde_json::json!({"username": "bench-sv", "password": "correct horse battery staple", "code": code}).to_string();
    let login = app.clone().oneshot(Request::post("/api/v1/auth/login").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()).await.unwrap();
    let cookie = login.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    let mut samples = vec![];
    for i in 0..RUNS * 3 {
        let q = match i % 3 {
            0 => format!("agent={}&from={}&to={}", agent(rng.gen_range(0..AGENTS)), T0 + 100 * DAY, T0 + 190 * DAY),
            1 => "flags=face_no_match&outcome=approved".to_owned(),
            _ => format!("profile=rbi-vcip&reviewed=false&from={}", T0 + rng.gen_range(0..300) * DAY),
        };
        let req = Request::get(format!("/api/v1/sessions?{q}")).header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
        let t = Instant::now();
        let resp = app.clone().oneshot(req).await.unwrap();
        assert!(resp.status().is_success(), "{}", resp.status());
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        samples.push(t.elapsed());
        std::hint::black_box(bytes);
    }
    samples
}

async fn run(name: &str, url: &str, dir: &std::path::Path) -> String {
    let mut config = signaling::config::Config { database_url: url.to_owned(), ..Default::default() };
    config.keys.master_key_file = dir.join(format!("{name}.key"));
    config.recording.dir = dir.join("recordings");
    config.retention.enabled = false;
    let state = signaling::AppState::new(config).await.unwrap();
    load(&state.db).await;
    let (rows, mut all) = measure_queries(&state.db).await;
    let mut route = measure_route(&state).await;
    state.begin_shutdown();
    let mut out = format!("\n**{name}** — {SESSIONS} sessions, {RUNS} runs per shape, page of 50:\n\n| filter | p50 | p95 | max |\n|---|---|---|---|\n");
    for (shape, p50, p95, max) in &rows {
        out += &format!("| {shape} | {} | {} | {} |\n", ms(*p50), ms(*p95), ms(*max));
    }
    out += &format!("| **all shapes, query** | {} | **{}** | {} |\n", ms(pct(&mut all, 50.0)), ms(pct(&mut all, 95.0)), ms(*all.iter().max().unwrap()));
    out += &format!(
        "| **whole route** (`GET /api/v1/sessions`, supervisor cookie, audit row, JSON; {} requests) | {} | **{}** | {} |\n",
        route.len(),
        ms(pct(&mut route, 50.0)),
        ms(pct(&mut route, 95.0)),
        ms(*route.iter().max().unwrap())
    );
    println!("{out}");
    out
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut section = format!(
        "<!-- archive:start -->\n## Archive: filtered pages with 100,000 sessions (`make bench-archive`)\n\
         Measured on {} with {}: 100,000 generated sessions (a year, 50 agents, four profiles, \
         realistic outcome, review and flag shares) in `sessions` and `session_index`, `ANALYZE`d; each \
         filter shape run {RUNS} times with random values through `archive::query::page` (SQL and row \
         decoding), then the whole route. Target: p95 ≤ 50 ms.\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        if cfg!(debug_assertions) {
            "the unoptimised dev build (`cargo bench --profile dev`; an upper bound for release)"
        } else {
            "a release build"
        }
    );
    section += &run("SQLite", &format!("sqlite://{}/archive.db?mode=rwc", dir.path().display()), dir.path()).await;
    match std::env::var("TEST_PG_URL") {
        Ok(admin) => {
            sqlx::any::install_default_drivers();
            let name = format!("bench_archive_{}", std::process::id());
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
            let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
            section += &run("PostgreSQL", &url, dir.path()).await;
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
        }
        Err(_) => section += "\nPostgreSQL: not measured in this run (`TEST_PG_URL` unset).\n",
    }
    section += "<!-- archive:end -->";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../BENCHMARKS.md");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let text = match (text.find("<!-- archive:start -->"), text.find("<!-- archive:end -->")) {
        (Some(a), Some(b)) => format!("{}{section}{}", &text[..a], &text[b + "<!-- archive:end -->".len()..]),
        _ => format!("{}\n\n{section}\n", text.trim_end()),
    };
    std::fs::write(path, text).unwrap();
}
