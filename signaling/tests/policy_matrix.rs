//! The authorization matrix, driven by the route table itself: every operation of the OpenAPI
//! document (which is the router) and every socket message, called by each kind of caller,
//! asserted cell by cell against the table below — on SQLite and on PostgreSQL. A route
//! without a row here, or a row without a route, fails the test.
//!
//! Only the decision is asserted: "denied" is a 403 `forbidden` or a 401 asking for
//! credentials; anything else (200, 404, 409, 422, …) means the caller got past the policy.
//! Each route runs on its own copy of one prepared world, so one row's side effects (a
//! sign-out, a revoked link) never leak into another's.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use domain::StaffRole;
use serde_json::{Value, json};
use signaling::apikeys::ApiScope;
use support::{As, Dialect, Env, Resp, Ws};

/// Callers, in the order of the matrix's columns.
const COLUMNS: [&str; 11] = [
    "anonymous",
    "customer of A",
    "customer of B",
    "agent of A",
    "other agent",
    "supervisor",
    "auditor",
    "admin",
    "key with scope",
    "key without",
    // An agent who is also a supervisor and made A's decision: four eyes (issue 11).
    "supervisor who decided A",
];

/// Route → one letter per column: `A` allowed, `D` denied.
const HTTP: &[(&str, &str)] = &[
    ("GET /healthz", "AAAAAAAAAAA"),
    ("GET /readyz", "AAAAAAAAAAA"),
    ("GET /metrics", "AAAAAAAAAAA"),
    ("GET /api/openapi.json", "AAAAAAAAAAA"),
    ("POST /api/v1/auth/login", "AAAAAAAAAAA"),
    ("GET /api/v1/auth/me", "DDDAAAAADDA"),
    ("POST /api/v1/auth/logout", "DDDAAAAADDA"),
    ("POST /api/v1/auth/logout-all", "DDDAAAAADDA"),
    ("POST /api/v1/auth/reauth", "DDDAAAAADDA"),
    ("GET /api/v1/auth/account", "DDDAAAAADDA"),
    ("DELETE /api/v1/auth/sign-ins/{sign_in_id}", "DDDAAAAADDA"),
    ("POST /api/v1/auth/password", "DDDAAAAADDA"),
    ("POST /api/v1/auth/recovery-codes", "DDDAAAAADDA"),
    ("POST /api/v1/activation/enrollment", "AAAAAAAAAAA"),
    ("POST /api/v1/activation/complete", "AAAAAAAAAAA"),
    ("GET /api/v1/staff", "DDDDDAAADDA"),
    ("POST /api/v1/staff", "DDDDDDDADDD"),
    ("PATCH /api/v1/staff/{staff_id}", "DDDDDDDADDD"),
    ("POST /api/v1/staff/{staff_id}/reset-sign-in", "DDDDDDDADDD"),
    ("POST /api/v1/staff/{staff_id}/unlock", "DDDDDDDADDD"),
    ("GET /api/v1/api-keys", "DDDDDDAADDD"),
    ("POST /api/v1/api-keys", "DDDDDDDADDD"),
    ("DELETE /api/v1/api-keys/{key_id}", "DDDDDDDADDD"),
    ("GET /api/v1/audit", "DDDDDDAADDD"),
    ("GET /api/v1/audit/verify", "DDDDDDAADDD"),
    ("POST /api/v1/sessions", "DDDDDDDDADD"),
    ("GET /api/v1/sessions/{id}", "DADADAADADA"),
    ("POST /api/v1/sessions/{id}/links", "DDDDDDDDADD"),
    ("DELETE /api/v1/sessions/{id}/links", "DDDDDDDDADD"),
    ("DELETE /api/v1/sessions/{id}/links/{link_id}", "DDDDDDDDADD"),
    ("POST /api/v1/sessions/{id}/end", "DDDDDADDADA"),
    ("PUT /api/v1/sessions/{id}/reference-photo", "DDDDDDDDADD"),
    ("POST /api/v1/sessions/{id}/challenges", "DDDADDDDDDD"),
    ("GET /api/v1/sessions/{id}/ai-events", "DDDADAADADA"),
    ("GET /api/v1/sessions/{id}/recording", "DDDADAADADA"),
    ("GET /api/v1/profiles", "AAAAAAAAAAA"),
    ("GET /api/v1/consent-texts", "AAAAAAAAAAA"),
    ("POST /api/v1/sessions/{id}/consents", "DADDDDDDDDD"),
    ("GET /api/v1/sessions/{id}/consents", "DADADAADADA"),
    ("POST /api/v1/sessions/{id}/stills", "DADDDDDDDDD"),
    ("GET /api/v1/sessions/{id}/stills", "DDDADAADADA"),
    ("GET /api/v1/sessions/{id}/stills/{still_id}", "DDDADAADADA"),
    ("GET /api/v1/sessions/{id}/checklist", "DDDADAADADA"),
    ("PUT /api/v1/sessions/{id}/checklist/{item}", "DDDADDDDDDD"),
    ("POST /api/v1/sessions/{id}/decision", "DDDADDDDDDD"),
    ("GET /api/v1/sessions/{id}/decision", "DDDADAADADA"),
    ("POST /api/v1/sessions/{id}/recording/playback", "DDDDDADDDDA"),
    ("GET /recordings/{session}/{segment}/{file}", "DDDDDADDDDA"),
    ("GET /api/v1/agents", "DDDDDAAAADA"),
    ("PUT /api/v1/agents/{agent_id}", "DDDDDDDAADD"),
    ("GET /api/v1/slots", "AAAAAAAAAAA"),
    ("POST /api/v1/bookings", "DAADDDDDADD"),
    ("GET /api/v1/bookings/{token}", "AAAAAAAAAAA"),
    ("DELETE /api/v1/bookings/{token}", "AAAAAAAAAAA"),
    ("POST /api/v1/bookings/{token}/reschedule", "AAAAAAAAAAA"),
    ("POST /api/v1/bookings/{token}/check-in", "AAAAAAAAAAA"),
    ("GET /api/v1/bookings/{token}/invite.ics", "AAAAAAAAAAA"),
    ("POST /api/v1/queue", "DAADDDDDADD"),
    ("GET /api/v1/queue/{entry}", "DADDDADDADA"),
    ("DELETE /api/v1/queue/{entry}", "DADDDDDDADD"),
    ("POST /api/v1/queue/{entry}/callback", "DADDDDDDADD"),
    ("GET /api/v1/queue/ws", "AAAAAAAAAAA"),
    ("GET /ws", "AAAAAAAAAAA"),
    ("GET /api/v1/me/offers", "DDDAADDDDDA"),
    ("GET /api/v1/me/appointments", "DDDAADDDDDA"),
    ("GET /api/v1/queue/stats", "DDDAAADDDDA"),
    ("PUT /api/v1/me/presence", "DDDAADDDDDA"),
    ("POST /api/v1/me/offers/{offer_id}/accept", "DDDAADDDDDA"),
    ("POST /api/v1/me/offers/{offer_id}/decline", "DDDAADDDDDA"),
    ("POST /api/v1/me/end-call", "DDDAADDDDDA"),
    ("POST /api/v1/me/wrap-up-done", "DDDAADDDDDA"),
    // --- Supervisors and auditors (issue 11) ---
    ("GET /api/v1/sessions", "DDDDDAADADA"),
    ("GET /api/v1/sessions/{id}/timeline", "DDDDDAADDDA"),
    ("GET /api/v1/sessions/{id}/review", "DDDADAADADA"),
    ("POST /api/v1/sessions/{id}/review", "DDDDDADDDDD"),
    ("PUT /api/v1/sessions/{id}/legal-hold", "DDDDDADADDA"),
    ("DELETE /api/v1/sessions/{id}/legal-hold", "DDDDDADADDA"),
    ("POST /api/v1/sessions/{id}/erase", "DDDDDDDADDD"),
    ("GET /api/v1/stats", "DDDDDAADDDA"),
    ("GET /api/v1/sessions/{id}/report", "DDDDDAADADA"),
    ("POST /api/v1/sessions/{id}/evidence-package", "DDDDDADDDDA"),
    ("GET /api/v1/signing-key", "AAAAAAAAAAA"),
    // The customer journey.
    ("POST /api/v1/identifications", "DDDDDDDDADD"),
    ("GET /api/v1/identifications/{id}", "DDDDDDDDAAD"),
    ("GET /api/v1/sessions/{id}/journey", "DADDDDDDDDD"),
    ("PUT /api/v1/sessions/{id}/journey", "DADDDDDDDDD"),
    ("GET /api/v1/journey", "DAADDDDDDDD"),
    ("POST /api/v1/journey/check-in", "DAADDDDDDDD"),
    ("GET /api/v1/sessions/{id}/application", "DADADAADADA"),
    ("PUT /api/v1/sessions/{id}/application", "DADDDDDDDDD"),
    ("POST /api/v1/sessions/{id}/application/submit", "DADDDDDDDDD"),
    ("GET /api/v1/queue/estimate", "DAADDDDDDDD"),
    ("GET /api/v1/sessions/{id}/ice-servers", "DADDDDDDDDD"),
    ("GET /api/v1/sessions/{id}/result", "DADDDDDDDDD"),
    ("POST /api/v1/sessions/{id}/documents", "DADDDDDDDDD"),
    ("GET /api/v1/sessions/{id}/documents", "DADADAADADA"),
    ("GET /api/v1/sessions/{id}/documents/{document_id}", "DADADAADADA"),
    ("POST /api/v1/sessions/{id}/passkey/registration", "DADDDDDDDDD"),
    ("POST /api/v1/sessions/{id}/passkey/registration/{ceremony_id}", "DADDDDDDDDD"),
    ("POST /api/v1/identifications/{id}/passkey/challenge", "DDDDDDDDADD"),
    ("POST /api/v1/identifications/{id}/passkey/verify", "DDDDDDDDADD"),
];

/// Socket messages → one letter per column.
const SOCKETS: &[(&str, &str)] = &[
    ("call: join session A", "DADADDDDDDD"),
    ("call: start_challenge", "DDDADDDDDDD"),
    ("call: prompt", "DDDADDDDDDD"),
    ("queue: customer", "DAADDDDDDDD"),
    ("queue: agent", "DDDAADDDDDA"),
];

/// The prepared world every row starts from.
struct World {
    callers: Vec<As>,
    /// Per scope, a key with every scope but that one.
    keys_without: Vec<(ApiScope, String)>,
    full_key: String,
    a: String,
    link_a: String,
    entry_a: String,
    booking_token: String,
    other_key_id: String,
}

async fn prepare(env: &Env) -> World {
    let full_key = env.full_key().await;
    let mut keys_without = vec![];
    for s in ApiScope::all() {
        let rest: Vec<ApiScope> = ApiScope::all().into_iter().filter(|x| *x != s).collect();
        keys_without.push((s, env.key(&rest).await));
    }
    let other_key = signaling::apikeys::create(&env.state.db, "victim", [ApiScope::SessionsRead].into(), 30, "test", env.clock.now_ms()).await.unwrap().0;
    env.roster(&full_key, "agent-a", &[]).await;
    env.roster(&full_key, "agent-x", &[]).await;
    env.create_staff("victim", &[StaffRole::Agent]).await;
    let agent_a = env.staff("agent-a", &[StaffRole::Agent]).await;
    let agent_x = env.staff("agent-x", &[StaffRole::Agent]).await;
    let supervisor = env.staff("sv", &[StaffRole::Supervisor]).await;
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let decider = env.staff("sv-decider", &[StaffRole::Agent, StaffRole::Supervisor]).await;
    let a = env.session(&full_key).await;
    let b = env.session(&full_key).await;
    let link = env.call("POST", &format!("/api/v1/sessions/{a}/links"), &As::Bearer(full_key.clone()), Some(json!({"role": "customer"}))).await;
    let token_a = link.body["token"].as_str().unwrap().to_owned();
    let link_a = link.body["id"].as_str().unwrap().to_owned();
    env.consent(&a, &token_a).await;
    let token_b = env.customer_token(&full_key, &b).await;
    let entry_a = env.assign(&full_key, &a, &agent_a).await;
    // On the roster (after A went to agent-a), so the queue knows the supervisor-agent too.
    env.roster(&full_key, "sv-decider", &[]).await;
    env.roster(&full_key, "booked", &[]).await;
    let booking = env
        .call("POST", "/api/v1/bookings", &As::Bearer(token_b.clone()), Some(json!({"start": "2030-01-07T12:00:00Z", "tz": "UTC"})))
        .await;
    assert_eq!(booking.status, StatusCode::CREATED, "{}", booking.text);
    // A's decision, made by the supervisor-agent, waiting for review (stored directly: the
    // fact the policy looks at is who decided).
    let outcome = signaling::evidence::decision::Outcome::Rejected;
    let pending = signaling::evidence::decision::DecisionStatus::PendingReview;
    let by = domain::StaffId::parse("sv-decider").unwrap();
    let id = domain::SessionId::parse(&a).unwrap();
    signaling::evidence::decision::store(&env.state.db, &id, outcome, &["document_invalid".into()], None, None, &by, &json!({}), pending, env.clock.now_ms()).await.unwrap();
    World {
        callers: vec![
            As::Anonymous,
            As::Bearer(token_a),
            As::Bearer(token_b),
            agent_a.as_(),
            agent_x.as_(),
            supervisor.as_(),
            auditor.as_(),
            admin.as_(),
            As::Bearer(full_key.clone()),
            As::Anonymous, // replaced per row by the key lacking the row's scope
            decider.as_(),
        ],
        keys_without,
        full_key,
        a,
        link_a,
        entry_a,
        booking_token: booking.body["token"].as_str().unwrap().to_owned(),
        other_key_id: other_key.id.to_string(),
    }
}

fn uri(w: &World, template: &str) -> String {
    template
        .replace("{id}", &w.a)
        .replace("{session}", &w.a)
        .replace("{segment}", "0")
        .replace("{file}", "customer_video.webm")
        .replace("{link_id}", &w.link_a)
        .replace("{staff_id}", "victim")
        .replace("{key_id}", &w.other_key_id)
        .replace("{agent_id}", "agent-x")
        .replace("{token}", &w.booking_token)
        .replace("{entry}", &w.entry_a)
        .replace("{offer_id}", "0123456789abcdef0123456789abcdef")
        .replace("{still_id}", "0123456789abcdef0123456789abcdef")
        .replace("{item}", "document_genuine")
        .replace("{document_id}", "0123456789abcdef0123456789abcdef")
        .replace("{ceremony_id}", "0123456789abcdef0123456789abcdef")
        .replace("{sign_in_id}", "0123456789abcdef")
}

fn denied(r: &Resp) -> bool {
    let auth_codes = ["unauthenticated", "session_expired", "reauth_required", "invalid_api_key", "invalid_token", "token_revoked", "token_expired", "origin_not_allowed"];
    (r.status == StatusCode::FORBIDDEN && r.code() == "forbidden") || (r.status == StatusCode::UNAUTHORIZED && auth_codes.contains(&r.code()))
}

/// The scope a row's integrator cell needs, from the policy as documented (`x-policy`).
fn needed_scope(op: &Value) -> Option<ApiScope> {
    let who = op["x-policy"]["who"].as_array()?;
    ApiScope::all().into_iter().find(|s| who.iter().any(|w| w.as_str().is_some_and(|t| t.ends_with(s.as_ref()))))
}

/// A copy of the prepared world's database for one row.
async fn fork(world_env: &Env, n: usize) -> Env {
    let mut config = world_env.config.clone();
    let mut pg = None;
    config.database_url = match world_env.dialect {
        Dialect::Sqlite => {
            let from = world_env.dir.path().join("t.db");
            let to = world_env.dir.path().join(format!("row{n}.db"));
            std::fs::copy(&from, &to).unwrap();
            format!("sqlite://{}?mode=rwc", to.display())
        }
        Dialect::Postgres => {
            let (admin, name) = world_env.pg.clone().unwrap();
            let copy = format!("{name}_r{n}");
            let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
            // A closed pool's backends leave PostgreSQL a moment after the sockets close; the
            // template must have no sessions when it is copied.
            for attempt in 0.. {
                let _ = sqlx::query(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")).execute(&pool).await;
                match sqlx::query(&format!("CREATE DATABASE {copy} TEMPLATE {name}")).execute(&pool).await {
                    Ok(_) => break,
                    Err(e) if attempt < 200 && e.to_string().contains("being accessed") => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
                    Err(e) => panic!("copying the world: {e}"),
                }
            }
            pool.close().await;
            pg = Some((admin.clone(), copy.clone()));
            format!("{}/{copy}", admin.rsplit_once('/').unwrap().0)
        }
    };
    let state = signaling::AppState::with_clock(config.clone(), world_env.clock.clone()).await.unwrap();
    Env { state, clock: world_env.clock.clone(), config, dialect: world_env.dialect, pg, dir: tempfile::tempdir().unwrap() }
}

async fn matrix(env: Env) {
    let world = prepare(&env).await;
    // Quiesce the world so it can be copied: SQLite's WAL folded in, PostgreSQL connections closed.
    if env.dialect == Dialect::Sqlite {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&env.state.db).await.unwrap();
    }
    env.state.begin_shutdown();
    env.state.db.close().await;
    let doc = signaling::http::openapi_doc();
    let doc = serde_json::to_value(&doc).unwrap();
    let mut seen = vec![];
    let mut failures = vec![];
    let mut n = 0;
    // Reads share one copy of the world; every row that can change state gets its own.
    let mut ops: Vec<(&String, &String, &Value)> = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((path, method, op));
        }
    }
    ops.sort_by_key(|(_, m, _)| *m != "get");
    let reads = fork(&env, 0).await;
    for (path, method, op) in ops {
        {
            let route = format!("{} {path}", method.to_uppercase());
            let Some((_, expected)) = HTTP.iter().find(|(r, _)| *r == route) else {
                failures.push(format!("{route}: no row in the matrix (every route needs one)"));
                continue;
            };
            if expected.len() != COLUMNS.len() {
                failures.push(format!("{route}: {} letters for {} columns", expected.len(), COLUMNS.len()));
                continue;
            }
            seen.push(route.clone());
            n += 1;
            let own = if method == "get" { None } else { Some(fork(&env, n).await) };
            let row = own.as_ref().unwrap_or(&reads);
            let without = match needed_scope(op) {
                Some(s) => world.keys_without.iter().find(|(k, _)| *k == s).map(|(_, key)| key.clone()).unwrap(),
                None => world.full_key.clone(),
            };
            for (i, expect) in expected.chars().enumerate() {
                let who = if i == 9 { As::Bearer(without.clone()) } else { world.callers[i].clone() };
                let body = (method != "get").then(|| json!({}));
                let r = row.call(&method.to_uppercase(), &uri(&world, path), &who, body).await;
                let got = if denied(&r) { 'D' } else { 'A' };
                if got != expect {
                    failures.push(format!("{route} as {}: expected {expect}, got {got} ({} {})", COLUMNS[i], r.status, r.code()));
                }
            }
            if let Some(own) = own {
                own.done().await;
            }
        }
    }
    reads.done().await;
    for (route, _) in HTTP {
        if !seen.iter().any(|s| s == route) {
            failures.push(format!("{route}: in the matrix but not a route"));
        }
    }
    n += 1;
    let row = fork(&env, n).await;
    sockets(&row, &world, &mut failures).await;
    row.done().await;
    env.done().await;
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
}

/// What a socket caller presents: a staff cookie on the upgrade, a bearer header, or nothing.
fn cookie_of(who: &As) -> Option<String> {
    match who {
        As::Staff(c) => Some(c.clone()),
        _ => None,
    }
}

async fn sockets(env: &Env, w: &World, failures: &mut Vec<String>) {
    let addr = env.serve().await;
    for (i, who) in w.callers.iter().enumerate() {
        let who = if i == 9 { As::Bearer(w.full_key.clone()) } else { who.clone() };
        // Call socket: join session A (a customer by their own link, anyone else by the id).
        let mut ws = Ws::open(&addr, "/ws", cookie_of(&who).as_deref()).await;
        let join = match (&who, i) {
            (As::Bearer(t), 1) => json!({"type": "join", "token": t, "protocol": 1}),
            _ => json!({"type": "join", "session_id": w.a, "protocol": 1}),
        };
        ws.send(join).await;
        let reply = ws.next().await.unwrap_or(Value::Null);
        let joined = reply["type"] == "joined";
        check(failures, "call: join session A", i, joined, &reply);
        ws.send(json!({"type": "start_challenge", "moves": 2})).await;
        let reply = if joined { ws.expect("error").await } else { ws.next().await.unwrap_or(Value::Null) };
        // Past the policy, the challenge fails for want of the AI sidecar (`ai_unavailable`).
        let allowed = reply["type"] == "error" && reply["code"] == "ai_unavailable";
        check(failures, "call: start_challenge", i, allowed, &reply);
        ws.send(json!({"type": "prompt", "kind": "turn_head", "direction": "sideways"})).await;
        let reply = if joined { ws.expect("error").await } else { ws.next().await.unwrap_or(Value::Null) };
        // Past the policy, the prompt is refused for its direction (`invalid_prompt`).
        check(failures, "call: prompt", i, reply["code"] == "invalid_prompt", &reply);
        drop(ws);
        // Queue socket: a customer watches their place; an agent opens the console.
        let mut q = Ws::open(&addr, "/api/v1/queue/ws", cookie_of(&who).as_deref()).await;
        let hello = match &who {
            As::Bearer(t) if i == 1 || i == 2 => json!({"type": "customer", "token": t}),
            _ => json!({"type": "customer", "token": "not-a-link"}),
        };
        q.send(hello).await;
        let reply = q.next().await.unwrap_or(Value::Null);
        check(failures, "queue: customer", i, reply["type"] == "customer_ready", &reply);
        let mut q = Ws::open(&addr, "/api/v1/queue/ws", cookie_of(&who).as_deref()).await;
        q.send(json!({"type": "agent"})).await;
        let reply = q.next().await.unwrap_or(Value::Null);
        check(failures, "queue: agent", i, reply["type"] == "agent_ready", &reply);
    }
}

fn check(failures: &mut Vec<String>, row: &str, column: usize, allowed: bool, reply: &Value) {
    let expected = SOCKETS.iter().find(|(r, _)| *r == row).map(|(_, e)| e.chars().nth(column).unwrap()).unwrap();
    let got = if allowed { 'A' } else { 'D' };
    if got != expected {
        failures.push(format!("{row} as {}: expected {expected}, got {got} ({reply})", COLUMNS[column]));
    }
}

on_both!(every_route_and_socket_message_admits_exactly_the_callers_of_the_policy_table, matrix);
