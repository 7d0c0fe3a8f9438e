//! Shared harness of the server's integration tests: a server state on a fresh SQLite or
//! PostgreSQL database with a manual clock, callers of every kind (anonymous, customer link,
//! staff signed in through the real login route, integrator keys), and the real flows that
//! give an agent a session (roster → queue → presence → offer → accept).
#![allow(clippy::unwrap_used, dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Utc};
use futures::{SinkExt, StreamExt};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signaling::apikeys::{self, ApiScope};
use signaling::clock::Clock;
use signaling::config::Config;
use signaling::staff::{self, NewStaff};
use signaling::{AppState, app};
use std::collections::BTreeSet;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tower::ServiceExt;

pub mod journey;

pub const PUBLIC_URL: &str = "https://kyc.example";
pub const PASSWORD: &str = "correct horse battery staple";

/// Monday 2030-01-07 07:00 UTC = 08:00 in Berlin; test agents work Mon 09:00-17:00 Berlin.
pub fn t0() -> DateTime<Utc> {
    at("2030-01-07T07:00:00Z")
}

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Who makes a request.
#[derive(Debug, Clone)]
pub enum As {
    Anonymous,
    Bearer(String),
    /// A staff cookie.
    Staff(String),
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Resp {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct StaffLogin {
    pub id: String,
    pub cookie: String,
}

impl StaffLogin {
    pub fn as_(&self) -> As {
        As::Staff(self.cookie.clone())
    }
}

pub struct Env {
    pub state: AppState,
    pub clock: Clock,
    pub config: Config,
    pub dialect: Dialect,
    pub pg: Option<(String, String)>,
    pub dir: tempfile::TempDir,
}

impl Env {
    pub async fn new(dialect: Dialect) -> Option<Env> {
        Self::with(dialect, |_| {}).await
    }

    pub async fn with(dialect: Dialect, tweak: impl FnOnce(&mut Config)) -> Option<Env> {
        Self::at(dialect, t0(), tweak).await
    }

    /// An environment whose manual clock starts at `start` (e.g. the real time, for receivers
    /// that check timestamps against their own clock).
    pub async fn at(dialect: Dialect, start: DateTime<Utc>, tweak: impl FnOnce(&mut Config)) -> Option<Env> {
        let dir = tempfile::tempdir().unwrap();
        let (url, pg) = match dialect {
            Dialect::Sqlite => (format!("sqlite://{}/t.db?mode=rwc", dir.path().display()), None),
            Dialect::Postgres => {
                let (url, admin, name) = fresh_pg().await?;
                (url, Some((admin, name)))
            }
        };
        let mut config = Config {
            database_url: url,
            public_url: PUBLIC_URL.into(),
            static_dir: dir.path().join("no-pages"),
            ..Config::default()
        };
        config.keys.master_key_file = dir.path().join("master.key");
        config.recording.dir = dir.path().join("recordings");
        config.limits.public_burst = 10_000;
        config.limits.public_per_second = 10_000;
        config.auth.login_per_minute_per_ip = 10_000;
        tweak(&mut config);
        let clock = Clock::manual(start);
        let state = AppState::with_clock(config.clone(), clock.clone()).await.unwrap();
        Some(Env { state, clock, config, dialect, pg, dir })
    }

    /// A second process on the same database: the live queue is rebuilt from it.
    pub async fn restart(&mut self) {
        self.state.begin_shutdown();
        self.state = AppState::with_clock(self.config.clone(), self.clock.clone()).await.unwrap();
    }

    pub async fn call(&self, method: &str, uri: &str, who: &As, body: Option<Value>) -> Resp {
        let mut req = Request::builder().method(method).uri(uri);
        match who {
            As::Anonymous => {}
            As::Bearer(t) => req = req.header(header::AUTHORIZATION, format!("Bearer {t}")),
            As::Staff(c) => req = req.header(header::COOKIE, format!("{}={c}", staff::sessions::COOKIE)).header(header::ORIGIN, PUBLIC_URL),
        }
        let req = match body {
            Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let resp = app(self.state.clone()).unwrap().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Resp { status, content_type, headers, body: serde_json::from_str(&text).unwrap_or(Value::Null), text }
    }

    /// A request with a raw body (an image upload) and extra headers.
    pub async fn call_raw(&self, method: &str, uri: &str, who: &As, body: Vec<u8>, content_type: &str, extra: &[(&str, &str)]) -> Resp {
        let mut req = Request::builder().method(method).uri(uri).header(header::CONTENT_TYPE, content_type);
        match who {
            As::Anonymous => {}
            As::Bearer(t) => req = req.header(header::AUTHORIZATION, format!("Bearer {t}")),
            As::Staff(c) => req = req.header(header::COOKIE, format!("{}={c}", staff::sessions::COOKIE)).header(header::ORIGIN, PUBLIC_URL),
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let resp = app(self.state.clone()).unwrap().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Resp { status, content_type, headers, body: serde_json::from_str(&text).unwrap_or(Value::Null), text }
    }

    /// An integrator key with these scopes.
    pub async fn key(&self, scopes: &[ApiScope]) -> String {
        let scopes: BTreeSet<ApiScope> = scopes.iter().copied().collect();
        apikeys::create(&self.state.db, "test", scopes, 30, "test", self.clock.now_ms()).await.unwrap().1
    }

    pub async fn full_key(&self) -> String {
        self.key(&ApiScope::all().into_iter().collect::<Vec<_>>()).await
    }

    /// Creates a staff account.
    pub async fn create_staff(&self, id: &str, roles: &[domain::StaffRole]) {
        let new = NewStaff { id: id.into(), display_name: id.into(), roles: roles.iter().copied().collect(), password: PASSWORD.into() };
        staff::create(&self.state.db, &self.state.key, new, self.clock.now_ms()).await.unwrap();
    }

    /// The account's current TOTP code (advances the clock a step first, so a code is never
    /// replayed by accident).
    pub async fn next_code(&self, id: &str) -> String {
        self.clock.advance(chrono::TimeDelta::seconds(30));
        staff::current_code(&self.state.db, &self.state.key, &domain::StaffId::parse(id).unwrap(), self.clock.now_ms()).await.unwrap()
    }

    /// Signs in through the real route.
    pub async fn login(&self, id: &str) -> StaffLogin {
        let code = self.next_code(id).await;
        let r = self.call("POST", "/api/v1/auth/login", &As::Anonymous, Some(json!({"username": id, "password": PASSWORD, "code": code}))).await;
        assert_eq!(r.status, StatusCode::OK, "login of {id}: {}", r.text);
        let cookie = r.headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()).unwrap();
        let value = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
        StaffLogin { id: id.into(), cookie: value }
    }

    pub async fn staff(&self, id: &str, roles: &[domain::StaffRole]) -> StaffLogin {
        self.create_staff(id, roles).await;
        self.login(id).await
    }

    /// A roster entry for an agent (works Monday 09:00-17:00 Berlin).
    pub async fn roster(&self, key: &str, id: &str, skills: &[&str]) {
        let body = json!({"tz": "Europe/Berlin", "skills": skills, "shifts": [{"weekday": "mon", "start": "09:00", "end": "17:00"}]});
        let r = self.call("PUT", &format!("/api/v1/agents/{id}"), &As::Bearer(key.into()), Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }

    pub async fn session(&self, key: &str) -> String {
        let r = self.call("POST", "/api/v1/sessions", &As::Bearer(key.into()), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.body["id"].as_str().unwrap().to_owned()
    }

    /// A customer link's token for the session.
    pub async fn customer_token(&self, key: &str, session: &str) -> String {
        let r = self.call("POST", &format!("/api/v1/sessions/{session}/links"), &As::Bearer(key.into()), Some(json!({"role": "customer"}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.body["token"].as_str().unwrap().to_owned()
    }

    /// The customer of `token` gives the three consents (no media before them).
    pub async fn consent(&self, session: &str, token: &str) {
        let texts = self.call("GET", "/api/v1/consent-texts?lang=en", &As::Anonymous, None).await;
        for t in texts.body.as_array().unwrap() {
            let body = json!({"kind": t["kind"], "decision": "given", "text_version": t["version"]});
            let r = self.call("POST", &format!("/api/v1/sessions/{session}/consents"), &As::Bearer(token.into()), Some(body)).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
    }

    pub async fn presence(&self, agent: &StaffLogin, state: &str) -> Resp {
        self.call("PUT", "/api/v1/me/presence", &agent.as_(), Some(json!({"state": state}))).await
    }

    /// Queues the session and has `agent` (already on the roster) accept it: the real path that
    /// makes a session the agent's. Returns the queue entry id.
    pub async fn assign(&self, key: &str, session: &str, agent: &StaffLogin) -> String {
        let r = self.call("POST", "/api/v1/queue", &As::Bearer(key.into()), Some(json!({"session_id": session}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let entry = r.body["entry_id"].as_str().unwrap().to_owned();
        let p = self.presence(agent, "available").await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        let offers = self.call("GET", "/api/v1/me/offers", &agent.as_(), None).await;
        let offer = offers.body.as_array().and_then(|a| a.first()).map(|o| o["offer_id"].as_str().unwrap().to_owned()).expect("an offer");
        let a = self.call("POST", &format!("/api/v1/me/offers/{offer}/accept"), &agent.as_(), None).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text);
        entry
    }

    /// Serves the app on a loopback port; returns `host:port`.
    pub async fn serve(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app(self.state.clone()).unwrap().into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        addr.to_string()
    }

    pub async fn done(self) {
        self.state.begin_shutdown();
        if let Some((admin, name)) = self.pg {
            self.state.db.close().await;
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
        }
    }
}

/// A fresh PostgreSQL database, or `None` when `TEST_PG_URL` is unset (a failure under CI).
pub async fn fresh_pg() -> Option<(String, String, String)> {
    let Ok(admin) = std::env::var("TEST_PG_URL") else {
        assert!(std::env::var("CI").is_err(), "TEST_PG_URL must be set in CI (make test starts PostgreSQL)");
        eprintln!("TEST_PG_URL unset: skipping the PostgreSQL variant (make test sets it)");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!("t_{}", domain::SessionId::random());
    let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
    pool.close().await;
    let base = admin.rsplit_once('/').unwrap().0.to_owned();
    Some((format!("{base}/{name}"), admin, name))
}

/// Runs a scenario that makes its own `Env` (its own configuration) on each dialect.
#[macro_export]
macro_rules! on_both_dialects {
    ($name:ident, $scenario:ident) => {
        mod $name {
            use super::support::Dialect;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$scenario(Dialect::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                super::$scenario(Dialect::Postgres).await;
            }
        }
    };
}

/// Runs a scenario on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $scenario:ident) => {
        mod $name {
            use super::support::{Dialect, Env};
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$scenario(Env::new(Dialect::Sqlite).await.unwrap()).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some(env) = Env::new(Dialect::Postgres).await {
                    super::$scenario(env).await;
                }
            }
        }
    };
}

/// A WebSocket client for the queue and call sockets.
pub struct Ws(pub tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>);

impl Ws {
    /// Opens `ws://{addr}{path}` with our Origin and, optionally, a staff cookie.
    pub async fn open(addr: &str, path: &str, cookie: Option<&str>) -> Ws {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut req = format!("ws://{addr}{path}").into_client_request().unwrap();
        req.headers_mut().insert(header::ORIGIN, PUBLIC_URL.parse().unwrap());
        if let Some(c) = cookie {
            req.headers_mut().insert(header::COOKIE, format!("{}={c}", staff::sessions::COOKIE).parse().unwrap());
        }
        let (s, _) = tokio_tungstenite::connect_async(req).await.unwrap();
        Ws(s)
    }
    pub async fn send(&mut self, v: Value) {
        self.0.send(Message::text(v.to_string())).await.unwrap();
    }
    pub async fn send_text(&mut self, t: &str) {
        self.0.send(Message::text(t)).await.unwrap();
    }
    /// The next message of type `ty`, skipping others; panics after 5 s.
    pub async fn expect(&mut self, ty: &str) -> Value {
        let wait = async {
            loop {
                let m = self.0.next().await.expect("socket open").unwrap();
                if let Message::Text(t) = m {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    if v["type"] == ty {
                        return v;
                    }
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(5), wait).await.unwrap_or_else(|_| panic!("no `{ty}` message"))
    }
    /// The next text message, whatever its type (None if the socket closed); panics after 5 s.
    pub async fn next(&mut self) -> Option<Value> {
        let wait = async {
            loop {
                match self.0.next().await {
                    Some(Ok(Message::Text(t))) => return Some(serde_json::from_str(t.as_str()).unwrap()),
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
                    Some(Ok(_)) => {}
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(5), wait).await.unwrap_or_else(|_| panic!("no message"))
    }
    /// Asserts nothing of type `ty` arrives within `ms`.
    pub async fn quiet(&mut self, ty: &str, ms: u64) {
        let r = tokio::time::timeout(Duration::from_millis(ms), self.expect(ty)).await;
        assert!(r.is_err(), "unexpected `{ty}`: {r:?}");
    }
}
