//! The server under test, in-process, with its own database.

use signaling::Server;
use signaling::config::{Config, Secret};
use std::sync::atomic::{AtomicU64, Ordering};

pub const API_KEY: &str = "test-api-key";

pub struct TestApp {
    pub server: Server,
    pub base: String,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A fresh PostgreSQL database on the test cluster (`TEST_PG_URL`, started by `tests/pg.sh`).
/// Returns None when no cluster is configured outside CI; in CI its absence is a failure.
pub async fn fresh_pg_database() -> Option<String> {
    let Ok(url) = std::env::var("TEST_PG_URL") else {
        assert!(std::env::var("CI").is_err(), "TEST_PG_URL must be set in CI (make test starts PostgreSQL)");
        eprintln!("TEST_PG_URL unset: skipping the PostgreSQL variant (make test sets it)");
        return None;
    };
    static N: AtomicU64 = AtomicU64::new(0);
    let name = format!("t_{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed), rand::random::<u32>());
    sqlx_admin(&url, &format!("CREATE DATABASE {name}")).await;
    let base = url.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(url);
    Some(format!("{base}/{name}"))
}

async fn sqlx_admin(url: &str, sql: &str) {
    let status = tokio::process::Command::new("psql")
        .args([url, "-q", "-c", sql])
        .status()
        .await
        .expect("psql runs");
    assert!(status.success(), "psql {sql}");
}

impl TestApp {
    pub async fn spawn(dialect: Dialect) -> Option<TestApp> {
        let dir = tempfile::tempdir().expect("tempdir");
        let database_url = match dialect {
            Dialect::Sqlite => format!("sqlite://{}/test.db?mode=rwc", dir.path().display()),
            Dialect::Postgres => fresh_pg_database().await?,
        };
        Some(Self::spawn_with(Config { database_url, ..Config::default() }, dir).await)
    }

    pub async fn spawn_with(mut config: Config, dir: tempfile::TempDir) -> TestApp {
        config.listen = "127.0.0.1:0".parse().expect("addr");
        config.api_key = Secret(API_KEY.into());
        config.static_dir = dir.path().join("no-pages");
        if config.recording.dir == signaling::config::RecordingSection::default().dir {
            config.recording.dir = dir.path().join("recordings");
        }
        let server = Server::start(config).await.expect("server starts");
        let base = format!("http://{}", server.addr);
        TestApp { server, base, http: reqwest::Client::new(), _dir: dir }
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.server.addr)
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let r = self.http.post(format!("{}{path}", self.base)).bearer_auth(API_KEY).json(&body).send().await.expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let r = self.http.get(format!("{}{path}", self.base)).bearer_auth(API_KEY).send().await.expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// Creates a session; returns its id.
    pub async fn session(&self) -> String {
        let (status, body) = self.post("/api/v1/sessions", serde_json::json!({})).await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_str().expect("id").to_owned()
    }

    /// Issues a join link; returns its token.
    pub async fn token(&self, session: &str, role: &str) -> String {
        self.token_with_ttl(session, role, 3600).await
    }

    /// A new session with customer and agent joined (in that order) and their media connected.
    pub async fn connected_call(&self) -> (String, crate::client::CallClient, crate::client::CallClient) {
        let s = self.session().await;
        let mut customer = crate::client::CallClient::join(&self.ws_url(), &self.token(&s, "customer").await).await.expect("customer joins");
        let mut agent = crate::client::CallClient::join(&self.ws_url(), &self.token(&s, "agent").await).await.expect("agent joins");
        assert!(customer.connected(10).await, "customer media connects");
        assert!(agent.connected(10).await, "agent media connects");
        (s, customer, agent)
    }

    pub async fn token_with_ttl(&self, session: &str, role: &str, ttl: u64) -> String {
        let (status, body) = self.post(&format!("/api/v1/sessions/{session}/links"), serde_json::json!({"role": role, "ttl_seconds": ttl})).await;
        assert_eq!(status, 201, "{body}");
        body["token"].as_str().expect("token").to_owned()
    }
}
