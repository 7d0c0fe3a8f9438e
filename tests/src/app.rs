//! The server under test, in-process, with its own database, and the callers a test needs: an
//! integrator key, customers with their links, and agents who took a session the real way
//! (roster → queue → available → offer → accept) and join with their staff sign-in.

use crate::client::{Credential, ORIGIN};
use signaling::Server;
use signaling::config::Config;
use std::sync::atomic::{AtomicU64, Ordering};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub server: Server,
    pub base: String,
    pub http: reqwest::Client,
    /// The integrator key (every scope).
    pub key: String,
    agents: AtomicU64,
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
    let status = tokio::process::Command::new("psql").args([url, "-q", "-c", sql]).status().await.expect("psql runs");
    assert!(status.success(), "psql {sql}");
}

/// The configuration every in-process test server starts from: loopback, files in `dir`.
pub fn test_config(dir: &std::path::Path) -> Config {
    let mut config = Config { database_url: format!("sqlite://{}/test.db?mode=rwc", dir.display()), ..Config::default() };
    config.listen = "127.0.0.1:0".parse().expect("addr");
    config.public_url = ORIGIN.into();
    config.static_dir = dir.join("no-pages");
    config.recording.dir = dir.join("recordings");
    config.keys.master_key_file = dir.join("master.key");
    // The media engine under test (`loop` or `webrtc`), as the server reads `VKYC_MEDIA__ENGINE`.
    if let Ok(engine) = std::env::var("VKYC_MEDIA__ENGINE") {
        config.media.engine = serde_json::from_value(serde_json::Value::String(engine)).expect("VKYC_MEDIA__ENGINE is loop or webrtc");
    }
    config
}

impl TestApp {
    pub async fn spawn(dialect: Dialect) -> Option<TestApp> {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = test_config(dir.path());
        if dialect == Dialect::Postgres {
            config.database_url = fresh_pg_database().await?;
        }
        Some(Self::spawn_with(config, dir).await)
    }

    pub async fn spawn_with(mut config: Config, dir: tempfile::TempDir) -> TestApp {
        config.listen = "127.0.0.1:0".parse().expect("addr");
        config.public_url = ORIGIN.into();
        if config.keys.master_key_file == signaling::config::KeysSection::default().master_key_file {
            config.keys.master_key_file = dir.path().join("master.key");
        }
        if config.recording.dir == signaling::config::RecordingSection::default().dir {
            config.recording.dir = dir.path().join("recordings");
        }
        // A settable clock (starting now), so tests move time instead of sleeping.
        let clock = signaling::clock::Clock::manual(chrono::Utc::now());
        let server = Server::start_with_clock(config, clock).await.expect("server starts");
        let base = format!("http://{}", server.addr);
        let scopes = signaling::apikeys::ApiScope::all();
        let now = server.state.clock.now_ms();
        let (_, key) = signaling::apikeys::create(&server.state.db, "tests", scopes, 30, "test", now).await.expect("key");
        TestApp { server, base, http: reqwest::Client::new(), key, agents: AtomicU64::new(0), _dir: dir }
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.server.addr)
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// As the integrator.
    pub async fn post(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).bearer_auth(&self.key).json(&body)).await
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send(self.http.put(format!("{}{path}", self.base)).bearer_auth(&self.key).json(&body)).await
    }

    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.send(self.http.get(format!("{}{path}", self.base)).bearer_auth(&self.key)).await
    }

    /// As a signed-in staff member.
    pub async fn staff_call(&self, cookie: &str, method: reqwest::Method, path: &str, body: Option<serde_json::Value>) -> (u16, serde_json::Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base)).header("cookie", format!("vkyc_staff={cookie}")).header("origin", ORIGIN);
        if let Some(b) = body {
            req = req.json(&b);
        }
        self.send(req).await
    }

    /// Creates a session; returns its id.
    pub async fn session(&self) -> String {
        let (status, body) = self.post("/api/v1/sessions", serde_json::json!({})).await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_str().expect("id").to_owned()
    }

    /// A customer link's credential for the session, the customer having consented (no media
    /// is taken before consent).
    pub async fn customer(&self, session: &str) -> Credential {
        let token = self.customer_link(session, 3600).await;
        self.consent(session, &token).await;
        Credential::Customer(token)
    }

    /// The customer gives the three consents with the texts the server publishes.
    pub async fn consent(&self, session: &str, token: &str) {
        let texts: serde_json::Value = self.http.get(format!("{}/api/v1/consent-texts?lang=en", self.base)).send().await.expect("texts").json().await.expect("json");
        for t in texts.as_array().expect("texts") {
            let body = serde_json::json!({"kind": t["kind"], "decision": "given", "text_version": t["version"]});
            let r = self.http.post(format!("{}/api/v1/sessions/{session}/consents", self.base)).bearer_auth(token).json(&body).send().await.expect("consent");
            assert_eq!(r.status().as_u16(), 201);
        }
    }

    /// A customer link's token with the given lifetime.
    pub async fn customer_link(&self, session: &str, ttl: u64) -> String {
        let (status, body) = self.post(&format!("/api/v1/sessions/{session}/links"), serde_json::json!({"role": "customer", "ttl_seconds": ttl})).await;
        assert_eq!(status, 201, "{body}");
        body["token"].as_str().expect("token").to_owned()
    }

    /// A new agent (staff account, roster entry), signed in through the login route.
    pub async fn new_agent(&self) -> (String, String) {
        let (id, cookie) = self.staff(domain::StaffRole::Agent).await;
        let (s, v) = self.put(&format!("/api/v1/agents/{id}"), serde_json::json!({"tz": "UTC", "skills": []})).await;
        assert_eq!(s, 200, "{v}");
        (id, cookie)
    }

    /// A new staff member with `role`, signed in through the login route: (id, cookie).
    pub async fn staff(&self, role: domain::StaffRole) -> (String, String) {
        let id = format!("{}-{}", role.as_ref(), self.agents.fetch_add(1, Ordering::Relaxed) + 1);
        let state = &self.server.state;
        let new = signaling::staff::NewStaff { id: id.clone(), display_name: id.clone(), roles: [role].into(), password: PASSWORD.into() };
        signaling::staff::create(&state.db, &state.key, new, state.clock.now_ms()).await.expect("staff");
        let staff_id = domain::StaffId::parse(&id).expect("id");
        let code = signaling::staff::current_code(&state.db, &state.key, &staff_id, state.clock.now_ms()).await.expect("code");
        let r = self
            .http
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&serde_json::json!({"username": id, "password": PASSWORD, "code": code}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status().as_u16(), 200);
        let cookie = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie");
        let cookie = cookie.split(';').next().and_then(|kv| kv.split_once('=')).map(|(_, v)| v.to_owned()).expect("value");
        (id, cookie)
    }

    /// Has `cookie`'s agent take the session the real way: queued, available, offered, accepted.
    pub async fn assign(&self, session: &str, cookie: &str) {
        let (s, v) = self.post("/api/v1/queue", serde_json::json!({"session_id": session})).await;
        assert_eq!(s, 201, "{v}");
        let (s, v) = self.staff_call(cookie, reqwest::Method::PUT, "/api/v1/me/presence", Some(serde_json::json!({"state": "available"}))).await;
        assert_eq!(s, 200, "{v}");
        for _ in 0..100 {
            let (_, offers) = self.staff_call(cookie, reqwest::Method::GET, "/api/v1/me/offers", None).await;
            if let Some(offer) = offers.as_array().and_then(|a| a.first()) {
                let path = format!("/api/v1/me/offers/{}/accept", offer["offer_id"].as_str().expect("offer id"));
                let (s, v) = self.staff_call(cookie, reqwest::Method::POST, &path, None).await;
                assert_eq!(s, 200, "{v}");
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("no offer reached the agent");
    }

    /// A new agent who took the session: their join credential.
    pub async fn agent_for(&self, session: &str) -> Credential {
        let (_, cookie) = self.new_agent().await;
        self.assign(session, &cookie).await;
        Credential::Agent { session: session.to_owned(), cookie }
    }

    /// A new session with customer and agent joined (in that order) and their media connected.
    pub async fn connected_call(&self) -> (String, crate::client::CallClient, crate::client::CallClient) {
        let s = self.session().await;
        let mut customer = crate::client::CallClient::join(&self.ws_url(), &self.customer(&s).await).await.expect("customer joins");
        let mut agent = crate::client::CallClient::join(&self.ws_url(), &self.agent_for(&s).await).await.expect("agent joins");
        assert!(customer.connected(10).await, "customer media connects");
        assert!(agent.connected(10).await, "agent media connects");
        (s, customer, agent)
    }
}
