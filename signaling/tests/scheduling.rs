//! Scheduling API and the queue/console socket, driven with a manual clock (no sleeping):
//! on SQLite always, on PostgreSQL when `TEST_PG_URL` is set (required under CI).
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, TimeDelta, Utc};
use futures::{SinkExt, StreamExt};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signaling::config::{Config, Secret};
use signaling::scheduling::{Clock, Scheduling};
use signaling::{AppState, app};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tower::ServiceExt;

const KEY: &str = "k-sched";

/// Monday 2030-01-07 07:00 UTC = 08:00 in Berlin; agents work Mon 09:00-17:00 Berlin.
fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2030-01-07T07:00:00Z").unwrap().with_timezone(&Utc)
}
fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

struct Env {
    state: AppState,
    clock: Clock,
    pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Env {
    async fn new(pg: bool) -> Option<Env> {
        let dir = tempfile::tempdir().unwrap();
        let (url, pg) = if pg {
            let (url, admin, name) = fresh_pg().await?;
            (url, Some((admin, name)))
        } else {
            (format!("sqlite://{}/s.db?mode=rwc", dir.path().display()), None)
        };
        let config = Config { database_url: url, api_key: Secret(KEY.into()), public_url: "https://kyc.example".into(), ..Config::default() };
        let mut state = AppState::new(config).await.unwrap();
        let clock = Clock::manual(t0());
        state.scheduling = Scheduling::spawn(state.db.clone(), &state.config, clock.clone());
        Some(Env { state, clock, pg, _dir: dir })
    }

    /// A second process on the same database: the live queue is rebuilt from it.
    fn restart(&mut self) {
        self.state.scheduling = Scheduling::spawn(self.state.db.clone(), &self.state.config, self.clock.clone());
    }

    async fn call(&self, method: &str, uri: &str, key: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
        let (s, _, text) = self.raw(method, uri, key, body).await;
        (s, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn raw(&self, method: &str, uri: &str, key: Option<&str>, body: Option<Value>) -> (StatusCode, String, String) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(k) = key {
            req = req.header(header::AUTHORIZATION, format!("Bearer {k}"));
        }
        let req = match body {
            Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let resp = app(self.state.clone()).oneshot(req).await.unwrap();
        let status = resp.status();
        let ctype = resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        (status, ctype, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn agent(&self, id: &str, skills: &[&str]) {
        let body = json!({"tz": "Europe/Berlin", "skills": skills, "shifts": [{"weekday": "mon", "start": "09:00", "end": "17:00"}]});
        let (s, v) = self.call("PUT", &format!("/api/v1/agents/{id}"), Some(KEY), Some(body)).await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }

    async fn presence(&self, id: &str, state: &str) {
        let (s, v) = self.call("PUT", &format!("/api/v1/agents/{id}/presence"), Some(KEY), Some(json!({"state": state}))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }

    async fn session(&self) -> String {
        let (_, v) = self.call("POST", "/api/v1/sessions", Some(KEY), Some(json!({}))).await;
        v["id"].as_str().unwrap().to_owned()
    }

    async fn join(&self, needs: Value) -> Value {
        let session = self.session().await;
        let (s, v) = self.call("POST", "/api/v1/queue", Some(KEY), Some(json!({"session_id": session, "needs": needs}))).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v
    }

    async fn book(&self, start: &str) -> (StatusCode, Value) {
        let body = json!({"start": start, "tz": "America/New_York", "needs": {"language": "de"}, "contact": {"email": "kim@example.org"}});
        self.call("POST", "/api/v1/bookings", None, Some(body)).await
    }

    async fn serve(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app(self.state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        format!("ws://{addr}/api/v1/queue/ws")
    }

    async fn done(self) {
        if let Some((admin, name)) = self.pg {
            self.state.db.close().await;
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
        }
    }
}

/// A fresh PostgreSQL database, or `None` when `TEST_PG_URL` is unset (a failure under CI).
async fn fresh_pg() -> Option<(String, String, String)> {
    let Ok(admin) = std::env::var("TEST_PG_URL") else {
        assert!(std::env::var("CI").is_err(), "TEST_PG_URL must be set in CI (make test starts PostgreSQL)");
        eprintln!("TEST_PG_URL unset: skipping the PostgreSQL variant (make test sets it)");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!("sched_{}", signaling::tokens::new_id());
    let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
    pool.close().await;
    let base = admin.rsplit_once('/').unwrap().0.to_owned();
    Some((format!("{base}/{name}"), admin, name))
}

macro_rules! on_both {
    ($name:ident, $scenario:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                super::$scenario(super::Env::new(false).await.unwrap()).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some(env) = super::Env::new(true).await {
                    super::$scenario(env).await;
                }
            }
        }
    };
}

struct Ws(tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>);

impl Ws {
    async fn connect(url: &str, hello: Value) -> Ws {
        let (s, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let mut ws = Ws(s);
        ws.send(hello).await;
        ws.expect("ready").await;
        ws
    }
    async fn send(&mut self, v: Value) {
        self.0.send(Message::text(v.to_string())).await.unwrap();
    }
    async fn send_text(&mut self, t: &str) {
        self.0.send(Message::text(t)).await.unwrap();
    }
    /// The next message of type `ty`, skipping others; panics after 5 s.
    async fn expect(&mut self, ty: &str) -> Value {
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
    /// Asserts nothing of type `ty` arrives within `ms`.
    async fn quiet(&mut self, ty: &str, ms: u64) {
        let r = tokio::time::timeout(Duration::from_millis(ms), self.expect(ty)).await;
        assert!(r.is_err(), "unexpected `{ty}`: {r:?}");
    }
}

fn agent_hello(id: &str) -> Value {
    json!({"type": "agent", "api_key": KEY, "agent_id": id})
}

async fn booking_through_the_api_takes_the_slot(env: Env) {
    env.agent("a1", &["lang:de"]).await;
    let slots_uri = "/api/v1/slots?from=2030-01-07T07:00:00Z&to=2030-01-07T12:00:00Z&tz=America/New_York&language=de";
    let (s, slots) = env.call("GET", slots_uri, None, None).await;
    assert_eq!(s, StatusCode::OK, "{slots}");
    let first = &slots[0];
    assert_eq!(first["start"], "2030-01-07T08:00:00.000Z");
    assert_eq!(first["local_start"], "2030-01-07T03:00:00-05:00");
    assert_eq!((first["capacity"].as_u64(), first["free"].as_u64()), (Some(1), Some(1)));
    let (s, booked) = env.book("2030-01-07T08:00:00Z").await;
    assert_eq!(s, StatusCode::CREATED, "{booked}");
    let token = booked["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(booked["manage_url"], format!("https://kyc.example/booking/#t={token}"));
    assert!(booked["join_link"]["url"].as_str().unwrap().starts_with("https://kyc.example/call/#t="));
    assert!(booked["ics"].as_str().unwrap().contains("METHOD:REQUEST"));
    assert_eq!(booked["booking"]["status"], "booked");
    let (_, after) = env.call("GET", slots_uri, None, None).await;
    assert!(after.as_array().unwrap().iter().all(|s| s["start"] != "2030-01-07T08:00:00.000Z"), "{after}");
    let (s, again) = env.book("2030-01-07T08:00:00Z").await;
    assert_eq!((s, again["code"].as_str()), (StatusCode::CONFLICT, Some("slot_taken")));
    env.done().await;
}
on_both!(booking_through_the_api_makes_the_slot_no_longer_free_and_a_second_booking_of_it_slot_taken, booking_through_the_api_takes_the_slot);

#[tokio::test]
async fn bookings_in_the_past_outside_shifts_or_with_unknown_skills_are_refused_with_the_scheduler_codes() {
    let env = Env::new(false).await.unwrap();
    env.agent("a1", &["lang:de"]).await;
    let (s, v) = env.book("2030-01-07T07:00:00Z").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("slot_in_past")));
    assert_eq!(v["status"], 400);
    let (s, v) = env.book("2030-01-07T20:00:00Z").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("outside_shifts")));
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Berlin", "needs": {"language": "tlh"}});
    let (s, v) = env.call("POST", "/api/v1/bookings", None, Some(body)).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_skill")));
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Mars/Olympus"});
    let (s, v) = env.call("POST", "/api/v1/bookings", None, Some(body)).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_time_zone")));
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Berlin", "session_id": "x"});
    assert_eq!(env.call("POST", "/api/v1/bookings", None, Some(body)).await.0, StatusCode::UNAUTHORIZED);
    let (s, v) = env.call("PUT", "/api/v1/agents/a2", Some(KEY), Some(json!({"tz": "UTC", "skills": ["klingon"]}))).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_skill")));
    let (s, v) = env.call("GET", "/api/v1/bookings/00", None, None).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(env.call("GET", "/api/v1/agents", None, None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn reschedule_and_cancel_raise_the_ics_sequence_and_cancel_frees_the_slot() {
    let env = Env::new(false).await.unwrap();
    env.agent("a1", &["lang:de"]).await;
    let (_, booked) = env.book("2030-01-07T08:00:00Z").await;
    let token = booked["token"].as_str().unwrap().to_owned();
    let ics_uri = format!("/api/v1/bookings/{token}/invite.ics");
    let (s, ctype, ics) = env.raw("GET", &ics_uri, None, None).await;
    let ics = ics.replace("\r\n ", ""); // unfold (RFC 5545 3.1)
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("text/calendar"));
    assert!(ics.contains("SEQUENCE:0") && ics.contains("METHOD:REQUEST") && ics.contains(&token));
    let (s, v) = env.call("POST", &format!("/api/v1/bookings/{token}/reschedule"), None, Some(json!({"start": "2030-01-07T09:00:00Z"}))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["start"].as_str(), v["sequence"].as_i64()), (Some("2030-01-07T09:00:00.000Z"), Some(1)));
    let (_, _, ics) = env.raw("GET", &ics_uri, None, None).await;
    assert!(ics.contains("SEQUENCE:1") && ics.contains("DTSTART:20300107T090000Z"));
    let (s, v) = env.call("DELETE", &format!("/api/v1/bookings/{token}"), None, None).await;
    assert_eq!((s, v["status"].as_str(), v["sequence"].as_i64()), (StatusCode::OK, Some("cancelled"), Some(2)));
    let (_, _, ics) = env.raw("GET", &ics_uri, None, None).await;
    assert!(ics.contains("SEQUENCE:2") && ics.contains("METHOD:CANCEL") && !ics.contains(&token));
    let (s, v) = env.call("POST", &format!("/api/v1/bookings/{token}/reschedule"), None, Some(json!({"start": "2030-01-07T10:00:00Z"}))).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("booking_closed")));
    assert_eq!(env.book("2030-01-07T09:00:00Z").await.0, StatusCode::CREATED);
}

async fn queue_to_call(env: Env) {
    env.agent("a1", &["lang:de", "doc:passport"]).await;
    let url = env.serve().await;
    let mut console = Ws::connect(&url, agent_hello("a1")).await;
    console.send_text("{\"type\":\"dance\"}").await;
    assert_eq!(console.expect("error").await["code"], "malformed_message");
    console.send(json!({"type": "presence", "state": "available"})).await;
    assert_eq!(console.expect("presence").await["state"], "available");
    let joined = env.join(json!({"language": "de", "document": "passport"})).await;
    let entry = joined["entry_id"].as_str().unwrap();
    let qtoken = joined["queue_token"].as_str().unwrap();
    let offer = console.expect("offer").await;
    assert_eq!(offer["entry_id"], entry);
    assert_eq!(offer["needs"], json!(["doc:passport", "lang:de"]));
    let mut customer = Ws::connect(&url, json!({"type": "customer", "token": qtoken})).await;
    customer.expect("offered").await;
    let (s, v) = env.call("GET", &format!("/api/v1/queue/{entry}"), Some(qtoken), None).await;
    assert_eq!((s, v["status"].as_str(), v["position"].as_u64()), (StatusCode::OK, Some("offered"), Some(0)));
    let accept = format!("/api/v1/agents/a1/offers/{}/accept", offer["offer_id"].as_str().unwrap());
    let (s, acc) = env.call("POST", &accept, Some(KEY), None).await;
    assert_eq!(s, StatusCode::OK, "{acc}");
    assert_eq!(acc["session_id"], offer["session_id"]);
    assert_eq!(acc["join_link"]["role"], "agent");
    assert!(acc["join_link"]["url"].as_str().unwrap().starts_with("https://kyc.example/agent/#t="));
    let ready = customer.expect("agent_ready").await;
    assert_eq!(ready["join_url"], joined["join_url"]);
    assert_eq!(console.expect("presence").await["state"], "in_call");
    let (_, v) = env.call("POST", "/api/v1/agents/a1/end-call", Some(KEY), None).await;
    assert_eq!(v["state"], "wrap_up");
    let (_, v) = env.call("POST", "/api/v1/agents/a1/wrap-up-done", Some(KEY), None).await;
    assert_eq!(v["state"], "available");
    console.send(json!({"type": "ping", "id": 7})).await;
    assert_eq!(console.expect("pong").await["id"], 7);
    env.done().await;
}
on_both!(a_queued_customer_is_offered_on_the_console_and_gets_agent_ready_after_accept, queue_to_call);

#[tokio::test]
async fn a_declined_or_timed_out_offer_moves_to_the_next_agent() {
    let env = Env::new(false).await.unwrap();
    for a in ["a1", "a2", "a3"] {
        env.agent(a, &["lang:de"]).await;
    }
    let url = env.serve().await;
    let mut c1 = Ws::connect(&url, agent_hello("a1")).await;
    let mut c2 = Ws::connect(&url, agent_hello("a2")).await;
    env.presence("a1", "available").await;
    env.clock.advance(TimeDelta::seconds(1));
    env.presence("a2", "available").await;
    let joined = env.join(json!({"language": "de"})).await;
    let mut customer = Ws::connect(&url, json!({"type": "customer", "token": joined["queue_token"]})).await;
    let o1 = c1.expect("offer").await; // longest idle first
    c1.send(json!({"type": "decline", "offer_id": o1["offer_id"]})).await;
    let o2 = c2.expect("offer").await;
    assert_eq!(o2["entry_id"], joined["entry_id"]);
    env.clock.advance(TimeDelta::seconds(21));
    assert!(env.state.scheduling.tick().await);
    let gone = c2.expect("offer_expired").await;
    assert_eq!((&gone["offer_id"], gone["reason"].as_str()), (&o2["offer_id"], Some("timed_out")));
    assert_eq!(c2.expect("presence").await["state"], "away");
    // Both passed on this customer, so it waits first in line for someone else.
    c1.quiet("offer", 200).await;
    assert_eq!(customer.expect("position").await["position"], 1);
    env.presence("a3", "available").await;
    let (_, v) = env.call("GET", &format!("/api/v1/queue/{}", joined["entry_id"].as_str().unwrap()), Some(KEY), None).await;
    assert_eq!((v["status"].as_str(), v["agent_id"].as_str()), (Some("offered"), Some("a3")));
}

#[tokio::test]
async fn a_checked_in_appointment_is_offered_to_the_booked_agent_at_its_start() {
    let env = Env::new(false).await.unwrap();
    env.agent("a1", &["lang:de"]).await;
    env.agent("a2", &["lang:de"]).await;
    let (_, booked) = env.book("2030-01-07T08:00:00Z").await;
    let (_, no_show) = env.book("2030-01-07T08:00:00Z").await;
    let token = booked["token"].as_str().unwrap();
    let (booked_agent,): (String,) = sqlx::query_as("SELECT agent_id FROM sched_bookings WHERE id = $1")
        .bind(booked["booking"]["id"].as_str().unwrap())
        .fetch_one(&env.state.db)
        .await
        .unwrap();
    let other = if booked_agent == "a1" { "a2" } else { "a1" };
    let url = env.serve().await;
    let mut mine = Ws::connect(&url, agent_hello(&booked_agent)).await;
    let mut theirs = Ws::connect(&url, agent_hello(other)).await;
    env.presence("a1", "available").await;
    env.presence("a2", "available").await;
    let check_in = format!("/api/v1/bookings/{token}/check-in");
    let (s, v) = env.call("POST", &check_in, None, None).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("check_in_too_early")));
    env.clock.set(at("2030-01-07T07:50:00Z"));
    let (s, v) = env.call("POST", &check_in, None, None).await;
    assert_eq!((s, v["checked_in"].as_bool()), (StatusCode::OK, Some(true)), "{v}");
    let mut customer = Ws::connect(&url, json!({"type": "customer", "token": booked["join_link"]["token"]})).await;
    assert!(env.state.scheduling.tick().await);
    mine.quiet("offer", 200).await;
    env.clock.set(at("2030-01-07T08:00:01Z"));
    assert!(env.state.scheduling.tick().await);
    let offer = mine.expect("offer").await;
    assert_eq!(offer["session_id"], booked["booking"]["session_id"]);
    customer.expect("offered").await;
    theirs.quiet("offer", 200).await;
    // The other booking never checked in: after the grace period it is a no-show.
    env.clock.set(at("2030-01-07T08:11:00Z"));
    assert!(env.state.scheduling.tick().await);
    let (_, v) = env.call("GET", &format!("/api/v1/bookings/{}", no_show["token"].as_str().unwrap()), None, None).await;
    assert_eq!(v["status"], "no_show");
}

async fn restart_keeps_order(mut env: Env) {
    env.agent("a1", &["lang:de"]).await;
    let mut entries = vec![];
    for _ in 0..3 {
        entries.push(env.join(json!({"language": "de"})).await["entry_id"].as_str().unwrap().to_owned());
        env.clock.advance(TimeDelta::seconds(1));
    }
    env.restart();
    for (i, e) in entries.iter().enumerate() {
        let (s, v) = env.call("GET", &format!("/api/v1/queue/{e}"), Some(KEY), None).await;
        assert_eq!((s, v["position"].as_u64()), (StatusCode::OK, Some(i as u64 + 1)), "{v}");
    }
    env.presence("a1", "available").await;
    let (_, v) = env.call("GET", &format!("/api/v1/queue/{}", entries[0]), Some(KEY), None).await;
    assert_eq!(v["status"], "offered");
    let (_, v) = env.call("GET", &format!("/api/v1/queue/{}", entries[2]), Some(KEY), None).await;
    assert_eq!(v["position"], 2);
    env.done().await;
}
on_both!(rebuilding_from_the_database_after_a_restart_keeps_queue_order, restart_keeps_order);

#[tokio::test]
async fn queue_entries_are_private_to_the_api_key_and_their_own_queue_token() {
    let env = Env::new(false).await.unwrap();
    env.agent("a1", &["lang:de"]).await;
    let a = env.join(json!({})).await;
    let b = env.join(json!({})).await;
    let uri = format!("/api/v1/queue/{}", a["entry_id"].as_str().unwrap());
    assert_eq!(env.call("GET", &uri, None, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(env.call("GET", &uri, b["queue_token"].as_str(), None).await.0, StatusCode::UNAUTHORIZED);
    let (s, v) = env.call("GET", &uri, a["queue_token"].as_str(), None).await;
    assert_eq!((s, v["position"].as_u64()), (StatusCode::OK, Some(1)));
    let cb = format!("{uri}/callback");
    assert_eq!(env.call("POST", &cb, a["queue_token"].as_str(), Some(json!({"phone": "+49301234"}))).await.0, StatusCode::NO_CONTENT);
    let (s, v) = env.call("DELETE", &uri, Some(KEY), None).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (_, v) = env.call("GET", &format!("/api/v1/queue/{}", b["entry_id"].as_str().unwrap()), Some(KEY), None).await;
    assert_eq!(v["position"], 1);
}

#[tokio::test]
async fn the_openapi_document_lists_the_scheduling_endpoints() {
    let env = Env::new(false).await.unwrap();
    let (_, doc) = env.call("GET", "/api/openapi.json", None, None).await;
    for p in [
        "/api/v1/agents/{agent_id}",
        "/api/v1/slots",
        "/api/v1/bookings",
        "/api/v1/bookings/{token}/invite.ics",
        "/api/v1/queue",
        "/api/v1/queue/{entry}/callback",
        "/api/v1/agents/{agent_id}/offers/{offer_id}/accept",
        "/api/v1/sessions",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} documented");
    }
}

#[tokio::test]
async fn the_servers_own_timer_expires_unanswered_offers_on_the_wall_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}/w.db?mode=rwc", dir.path().display()),
        api_key: Secret(KEY.into()),
        ..Config::default()
    };
    config.scheduling.offer_timeout_secs = 1;
    config.scheduling.tick_ms = 50;
    let server = signaling::Server::start(config).await.unwrap();
    let env = Env { state: server.state.clone(), clock: Clock::Wall, pg: None, _dir: tempfile::tempdir().unwrap() };
    let body = json!({"tz": "UTC", "skills": ["lang:de"]});
    assert_eq!(env.call("PUT", "/api/v1/agents/a1", Some(KEY), Some(body)).await.0, StatusCode::OK);
    let url = format!("ws://{}/api/v1/queue/ws", server.addr);
    let mut console = Ws::connect(&url, agent_hello("a1")).await;
    env.presence("a1", "available").await;
    env.join(json!({"language": "de"})).await;
    let offer = console.expect("offer").await;
    assert_eq!(console.expect("offer_expired").await["offer_id"], offer["offer_id"]);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn ending_the_session_ends_the_agents_call_and_wrap_up_runs_out_on_the_clock() {
    let env = Env::new(false).await.unwrap();
    env.agent("a1", &["lang:de"]).await;
    let url = env.serve().await;
    let mut console = Ws::connect(&url, agent_hello("a1")).await;
    console.send(json!({"type": "presence", "state": "available"})).await;
    let joined = env.join(json!({})).await;
    let offer = console.expect("offer").await;
    console.send(json!({"type": "accept", "offer_id": offer["offer_id"]})).await;
    let acc = console.expect("accepted").await;
    assert!(acc["join_url"].as_str().unwrap().contains("/agent/#t="));
    assert_eq!(console.expect("presence").await["state"], "in_call");
    let session = offer["session_id"].as_str().unwrap();
    assert_eq!(env.call("POST", &format!("/api/v1/sessions/{session}/end"), Some(KEY), None).await.0, StatusCode::OK);
    assert!(env.state.scheduling.tick().await);
    assert_eq!(console.expect("presence").await["state"], "wrap_up");
    let (_, v) = env.call("GET", &format!("/api/v1/queue/{}", joined["entry_id"].as_str().unwrap()), Some(KEY), None).await;
    assert_eq!(v["code"], "not_found");
    env.clock.advance(TimeDelta::seconds(61));
    assert!(env.state.scheduling.tick().await);
    assert_eq!(console.expect("presence").await["state"], "available");
}

#[tokio::test]
async fn the_queue_socket_answers_bad_messages_and_closes_only_after_three_refused_logins() {
    let env = Env::new(false).await.unwrap();
    let url = env.serve().await;
    let (s, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let mut ws = Ws(s);
    ws.send(json!({"type": "leave"})).await;
    assert_eq!(ws.expect("error").await["code"], "not_authenticated");
    ws.send_text("not json").await;
    assert_eq!(ws.expect("error").await["code"], "malformed_message");
    for code in ["invalid_token", "unauthenticated", "invalid_token"] {
        let hello = if code == "unauthenticated" { json!({"type": "agent", "api_key": "nope", "agent_id": "a1"}) } else { json!({"type": "customer", "token": "nope"}) };
        ws.send(hello).await;
        assert_eq!(ws.expect("error").await["code"], code);
    }
    let closed = tokio::time::timeout(Duration::from_secs(5), ws.0.next()).await.unwrap();
    assert!(matches!(closed, None | Some(Ok(Message::Close(_))) | Some(Err(_))), "{closed:?}");
}
