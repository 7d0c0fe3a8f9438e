//! Persistence through `sqlx::AnyPool`, so the same queries run on SQLite and PostgreSQL.
//! Conventions: `$n` placeholders, times as BIGINT unix milliseconds, ids as TEXT,
//! structured values (needs, audit records) as JSON TEXT. Tables are created by
//! `migrations/{sqlite,postgres}/0002_scheduler.sql`.

pub mod bookings;
mod lifecycle;
mod live;
pub mod outbox;

use crate::error::Result;
use crate::roster::Agent;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};
use std::path::Path;
use std::time::Duration;

/// Database handle; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    sqlite: bool,
}

impl Store {
    /// Connects with up to `max_connections`. SQLite connections get WAL (readers do not
    /// block the writer) and a busy timeout (writers queue instead of failing at once).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(60))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        sqlx::query("PRAGMA busy_timeout = 30000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        Ok(Self { pool, sqlite })
    }

    /// Wraps a pool the caller already opened (and migrated), e.g. the server's own, so
    /// both share connections. The dialect is taken from the pool's URL.
    pub fn from_pool(pool: AnyPool) -> Self {
        let sqlite = pool.connect_options().database_url.scheme().starts_with("sqlite");
        Self { pool, sqlite }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn is_sqlite(&self) -> bool {
        self.sqlite
    }

    /// Runs the migrations of this store's dialect from `root/{sqlite,postgres}`.
    pub async fn migrate(&self, root: &Path) -> Result<()> {
        let dir = root.join(if self.sqlite { "sqlite" } else { "postgres" });
        let m = sqlx::migrate::Migrator::new(dir).await?;
        m.run(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool (a restart in tests).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub async fn upsert_agent(&self, agent: &Agent, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO sched_agents (id, data, updated_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_ms = excluded.updated_ms",
        )
        .bind(agent.id.clone())
        .bind(serde_json::to_string(agent)?)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn load_agents(&self) -> Result<Vec<Agent>> {
        let rows = sqlx::query("SELECT data FROM sched_agents ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(serde_json::from_str(&r.try_get::<String, _>("data")?)?)).collect()
    }
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}
