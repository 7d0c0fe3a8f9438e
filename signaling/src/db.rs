//! The database handle: SQLite (embedded default) or PostgreSQL, chosen by the URL, through
//! sqlx's `Any` driver so one set of queries serves both. Queries use `$n` placeholders,
//! integer unix-millisecond timestamps and text ids, which both dialects share; the DDL is per
//! dialect in `migrations/sqlite` and `migrations/postgres`.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

pub type Db = AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("start-up failed: {0}")]
    Startup(String),
}

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Opens the pool and applies the dialect's migrations.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    install_default_drivers();
    let postgres = is_postgres(url);
    if !postgres {
        if let Some(dir) = sqlite_parent_dir(url) {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if postgres { 16 } else { 8 })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if !postgres {
                    // WAL lets readers proceed during writes; the busy timeout turns
                    // writer contention into waiting instead of SQLITE_BUSY errors.
                    conn.execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;").await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(DbError::Connect)?;
    if postgres {
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
    } else {
        sqlx::migrate!("../migrations/sqlite").run(&pool).await?;
    }
    Ok(pool)
}

fn sqlite_parent_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    std::path::Path::new(path).parent().map(|p| p.to_path_buf())
}
