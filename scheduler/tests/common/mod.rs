//! Shared test fixtures: fresh databases (SQLite file in a temp dir, PostgreSQL database
//! with a random name) and a small roster.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, NaiveTime, TimeZone, Utc, Weekday};
use scheduler::{Agent, BookingPolicy, SkillCatalog, Store};
use std::path::PathBuf;

pub fn migrations_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../migrations")
}

pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// Drops a test's PostgreSQL database afterwards so repeated runs do not fill the disk.
pub struct PgCleanup {
    base: String,
    name: String,
}

impl PgCleanup {
    pub async fn run(self) {
        let admin = Store::connect(&self.base, 1).await.unwrap();
        // WITH (FORCE) (PostgreSQL 13+) ends connections a dropped pool may still hold.
        sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(admin.pool()).await.unwrap();
        admin.close().await;
    }
}

impl TestDb {
    /// Opens a second, independent handle to the same database (a "restarted" process).
    pub async fn reopen(&self, max: u32) -> Store {
        Store::connect(&self.url, max).await.unwrap()
    }
}

pub async fn sqlite(max: u32) -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("sched.db").display());
    let store = Store::connect(&url, max).await.unwrap();
    store.migrate(&migrations_root()).await.unwrap();
    TestDb { store, url, _dir: Some(dir) }
}

/// A fresh PostgreSQL database, or `None` (with a notice) when `TEST_PG_URL` is unset.
/// Under CI a missing database is a failure, not a skip.
pub async fn postgres(max: u32) -> Option<(TestDb, PgCleanup)> {
    let Ok(base) = std::env::var("TEST_PG_URL") else {
        if std::env::var_os("CI").is_some() {
            panic!("TEST_PG_URL is not set but CI is: start tests/pg.sh and export TEST_PG_URL");
        }
        // Written to the stderr handle, not eprintln!, so the test harness does not capture it.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIP: TEST_PG_URL not set; PostgreSQL variant not run (start tests/pg.sh)");
        return None;
    };
    let admin = Store::connect(&base, 1).await.unwrap();
    let name = format!("sched_{}", scheduler::ids::new_id());
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(admin.pool()).await.unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    let url = format!("{prefix}/{name}");
    let store = Store::connect(&url, max).await.unwrap();
    store.migrate(&migrations_root()).await.unwrap();
    Some((TestDb { store, url, _dir: None }, PgCleanup { base, name }))
}

/// Runs an async scenario on SQLite and on PostgreSQL (when available), with a pool of
/// `$max` connections (or `$sqlite_max` / `$pg_max`).
#[macro_export]
macro_rules! on_both {
    ($name:ident, sqlite = $sqlite_max:expr, pg = $pg_max:expr, $scenario:path) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let db = super::common::sqlite($sqlite_max).await;
                $scenario(db).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some((db, cleanup)) = super::common::postgres($pg_max).await {
                    $scenario(db).await;
                    cleanup.run().await;
                }
            }
        }
    };
    ($name:ident, $max:expr, $scenario:path) => {
        on_both!($name, sqlite = $max, pg = $max, $scenario);
    };
}

pub fn t(s: &str) -> DateTime<Utc> {
    s.parse::<DateTime<Utc>>().unwrap()
}

pub fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

pub const WEEKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

/// A Berlin agent working 09:00-17:00 on weekdays.
pub fn berlin_agent(id: &str, skills: &[&str]) -> Agent {
    let mut a = Agent::new(id, chrono_tz::Europe::Berlin).with_skills(skills.iter().copied());
    for d in WEEKDAYS {
        a = a.with_shift(d, hm(9, 0), hm(17, 0));
    }
    a
}

pub fn catalog() -> SkillCatalog {
    SkillCatalog::new(["lang:de", "lang:en", "lang:tr", "doc:passport", "doc:id_card", "reg:bafin"]).unwrap()
}

pub fn policy() -> BookingPolicy {
    BookingPolicy::default()
}

/// Monday 23 March 2026, 06:00 UTC (07:00 Berlin), before the first shift.
pub fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 23, 6, 0, 0).unwrap()
}
