//! Scheduling API and the queue/console socket, driven with a manual clock (no sleeping):
//! on SQLite always, on PostgreSQL when `TEST_PG_URL` is set (required under CI).
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use chrono::TimeDelta;
use domain::StaffRole;
use futures::StreamExt;
use serde_json::json;
use signaling::clock::Clock;
use std::time::Duration;
use support::{As, Dialect, Env, StaffLogin, Ws, at};
use tokio_tungstenite::tungstenite::Message;

/// An agent on the roster, signed in.
async fn agent(env: &Env, key: &str, id: &str, skills: &[&str]) -> StaffLogin {
    env.roster(key, id, skills).await;
    env.staff(id, &[StaffRole::Agent]).await
}

/// A customer's booking of `start` for a fresh session, with their own link.
async fn book(env: &Env, key: &str, start: &str) -> (StatusCode, serde_json::Value) {
    let session = env.session(key).await;
    let token = env.customer_token(key, &session).await;
    let body = json!({"start": start, "tz": "America/New_York", "needs": {"language": "de"}, "contact": {"email": "kim@example.org"}});
    let r = env.call("POST", "/api/v1/bookings", &As::Bearer(token), Some(body)).await;
    (r.status, r.body)
}

/// An integrator queues a fresh session; returns the response (entry id, customer link).
async fn join(env: &Env, key: &str, needs: serde_json::Value) -> serde_json::Value {
    let session = env.session(key).await;
    let r = env.call("POST", "/api/v1/queue", &As::Bearer(key.into()), Some(json!({"session_id": session, "needs": needs}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.body
}

async fn console(addr: &str, agent: &StaffLogin) -> Ws {
    let mut ws = Ws::open(addr, "/api/v1/queue/ws", Some(&agent.cookie)).await;
    ws.send(json!({"type": "agent"})).await;
    ws.expect("agent_ready").await;
    ws
}

async fn waiting_customer(addr: &str, token: &str) -> Ws {
    let mut ws = Ws::open(addr, "/api/v1/queue/ws", None).await;
    ws.send(json!({"type": "customer", "token": token})).await;
    ws.expect("customer_ready").await;
    ws
}

async fn booking_through_the_api_takes_the_slot(env: Env) {
    let key = env.full_key().await;
    env.roster(&key, "a1", &["lang:de"]).await;
    let slots_uri = "/api/v1/slots?from=2030-01-07T07:00:00Z&to=2030-01-07T12:00:00Z&tz=America/New_York&language=de";
    let slots = env.call("GET", slots_uri, &As::Anonymous, None).await;
    assert_eq!(slots.status, StatusCode::OK, "{}", slots.text);
    let first = &slots.body[0];
    assert_eq!(first["start"], "2030-01-07T08:00:00.000Z");
    assert_eq!(first["local_start"], "2030-01-07T03:00:00-05:00");
    assert_eq!((first["capacity"].as_u64(), first["free"].as_u64()), (Some(1), Some(1)));
    let (s, booked) = book(&env, &key, "2030-01-07T08:00:00Z").await;
    assert_eq!(s, StatusCode::CREATED, "{booked}");
    let token = booked["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(booked["manage_url"], format!("https://kyc.example/booking/#t={token}"));
    assert!(booked["join_link"]["url"].as_str().unwrap().starts_with("https://kyc.example/call/#t="));
    // The call link admits its holder only from 15 minutes before the appointment.
    assert_eq!(booked["join_link"]["not_before"], at("2030-01-07T07:45:00Z").timestamp_millis());
    assert!(booked["ics"].as_str().unwrap().contains("METHOD:REQUEST"));
    assert_eq!(booked["booking"]["status"], "booked");
    let after = env.call("GET", slots_uri, &As::Anonymous, None).await;
    assert!(after.body.as_array().unwrap().iter().all(|s| s["start"] != "2030-01-07T08:00:00.000Z"), "{}", after.text);
    let (s, again) = book(&env, &key, "2030-01-07T08:00:00Z").await;
    assert_eq!((s, again["code"].as_str()), (StatusCode::CONFLICT, Some("slot_taken")));
    env.done().await;
}
on_both!(booking_through_the_api_makes_the_slot_no_longer_free_and_a_second_booking_of_it_slot_taken, booking_through_the_api_takes_the_slot);

#[tokio::test]
async fn bookings_in_the_past_beyond_the_horizon_outside_shifts_or_with_unknown_skills_are_refused_with_stable_codes() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    env.roster(&key, "a1", &["lang:de"]).await;
    // Well-formed times that are not bookable now are conflicts with the schedule (409).
    let (s, v) = book(&env, &key, "2030-01-07T07:00:00Z").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("slot_in_past")));
    assert_eq!(v["status"], 409);
    let (s, v) = book(&env, &key, "2030-01-07T20:00:00Z").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("outside_shifts")));
    let (s, v) = book(&env, &key, "2030-04-01T08:00:00Z").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("booking_beyond_horizon")));
    let session = env.session(&key).await;
    let customer = As::Bearer(env.customer_token(&key, &session).await);
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Berlin", "needs": {"language": "tlh"}});
    let r = env.call("POST", "/api/v1/bookings", &customer, Some(body)).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "unknown_skill"), "no agent on the roster has it");
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Mars/Olympus"});
    let r = env.call("POST", "/api/v1/bookings", &customer, Some(body)).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "unknown_time_zone"));
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Berlin", "contact": {"email": "a@example.org\r\nATTENDEE:mailto:x@evil.example"}});
    let r = env.call("POST", "/api/v1/bookings", &customer, Some(body)).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_email"));
    let body = json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Berlin"});
    assert_eq!(env.call("POST", "/api/v1/bookings", &As::Anonymous, Some(body)).await.status, StatusCode::UNAUTHORIZED);
    let r = env.call("PUT", "/api/v1/agents/a2", &As::Bearer(key.clone()), Some(json!({"tz": "UTC", "skills": ["klingon"]}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "unknown_skill"));
    let r = env.call("GET", "/api/v1/bookings/00", &As::Anonymous, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "booking_not_found"));
    assert_eq!(env.call("GET", "/api/v1/agents", &As::Anonymous, None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn reschedule_and_cancel_raise_the_ics_sequence_and_cancel_frees_the_slot() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    env.roster(&key, "a1", &["lang:de"]).await;
    let (_, booked) = book(&env, &key, "2030-01-07T08:00:00Z").await;
    let token = booked["token"].as_str().unwrap().to_owned();
    let ics_uri = format!("/api/v1/bookings/{token}/invite.ics");
    let r = env.call("GET", &ics_uri, &As::Anonymous, None).await;
    let ics = r.text.replace("\r\n ", ""); // unfold (RFC 5545 3.1)
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type.starts_with("text/calendar"));
    assert_eq!(r.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert!(ics.contains("SEQUENCE:0") && ics.contains("METHOD:REQUEST") && ics.contains(&token));
    let r = env.call("POST", &format!("/api/v1/bookings/{token}/reschedule"), &As::Anonymous, Some(json!({"start": "2030-01-07T09:00:00Z"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!((r.body["start"].as_str(), r.body["sequence"].as_i64()), (Some("2030-01-07T09:00:00.000Z"), Some(1)));
    let ics = env.call("GET", &ics_uri, &As::Anonymous, None).await.text;
    assert!(ics.contains("SEQUENCE:1") && ics.contains("DTSTART:20300107T090000Z"));
    let r = env.call("DELETE", &format!("/api/v1/bookings/{token}"), &As::Anonymous, None).await;
    assert_eq!((r.status, r.body["status"].as_str(), r.body["sequence"].as_i64()), (StatusCode::OK, Some("cancelled"), Some(2)));
    let ics = env.call("GET", &ics_uri, &As::Anonymous, None).await.text;
    assert!(ics.contains("SEQUENCE:2") && ics.contains("METHOD:CANCEL") && !ics.contains(&token));
    let r = env.call("POST", &format!("/api/v1/bookings/{token}/reschedule"), &As::Anonymous, Some(json!({"start": "2030-01-07T10:00:00Z"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "booking_closed"));
    assert_eq!(book(&env, &key, "2030-01-07T09:00:00Z").await.0, StatusCode::CREATED);
}

async fn queue_to_call(env: Env) {
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de", "doc:passport"]).await;
    let addr = env.serve().await;
    let mut console = console(&addr, &a1).await;
    console.send_text("{\"type\":\"dance\"}").await;
    assert_eq!(console.expect("error").await["code"], "malformed_message");
    console.send(json!({"type": "presence", "state": "available"})).await;
    assert_eq!(console.expect("presence").await["state"], "available");
    let joined = join(&env, &key, json!({"language": "de", "document": "passport"})).await;
    let entry = joined["entry_id"].as_str().unwrap();
    let qtoken = joined["link"]["token"].as_str().unwrap();
    let offer = console.expect("offer").await;
    assert_eq!(offer["entry_id"], entry);
    assert_eq!(offer["needs"], json!(["doc:passport", "lang:de"]));
    let mut customer = waiting_customer(&addr, qtoken).await;
    customer.expect("offered").await;
    let r = env.call("GET", &format!("/api/v1/queue/{entry}"), &As::Bearer(qtoken.into()), None).await;
    assert_eq!((r.status, r.body["status"].as_str(), r.body["position"].as_u64()), (StatusCode::OK, Some("offered"), Some(0)));
    let accept = format!("/api/v1/me/offers/{}/accept", offer["offer_id"].as_str().unwrap());
    let acc = env.call("POST", &accept, &a1.as_(), None).await;
    assert_eq!(acc.status, StatusCode::OK, "{}", acc.text);
    assert_eq!(acc.body["session_id"], offer["session_id"]);
    let ready = customer.expect("agent_joining").await;
    assert_eq!(ready["join_url"], joined["link"]["url"]);
    assert_eq!(console.expect("presence").await["state"], "in_call");
    let r = env.call("POST", "/api/v1/me/end-call", &a1.as_(), None).await;
    assert_eq!(r.body["state"], "wrap_up");
    let r = env.call("POST", "/api/v1/me/wrap-up-done", &a1.as_(), None).await;
    assert_eq!(r.body["state"], "available");
    console.send(json!({"type": "ping", "id": 7})).await;
    assert_eq!(console.expect("pong").await["id"], 7);
    env.done().await;
}
on_both!(a_queued_customer_is_offered_on_the_console_and_is_told_the_agent_is_joining_after_accept, queue_to_call);

#[tokio::test]
async fn a_declined_or_timed_out_offer_moves_to_the_next_agent() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de"]).await;
    let a2 = agent(&env, &key, "a2", &["lang:de"]).await;
    let a3 = agent(&env, &key, "a3", &["lang:de"]).await;
    let addr = env.serve().await;
    let mut c1 = console(&addr, &a1).await;
    let mut c2 = console(&addr, &a2).await;
    env.presence(&a1, "available").await;
    env.clock.advance(TimeDelta::seconds(1));
    env.presence(&a2, "available").await;
    let joined = join(&env, &key, json!({"language": "de"})).await;
    let mut customer = waiting_customer(&addr, joined["link"]["token"].as_str().unwrap()).await;
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
    env.presence(&a3, "available").await;
    let r = env.call("GET", &format!("/api/v1/queue/{}", joined["entry_id"].as_str().unwrap()), &As::Bearer(key.clone()), None).await;
    assert_eq!((r.body["status"].as_str(), r.body["agent_id"].as_str()), (Some("offered"), Some("a3")));
}

#[tokio::test]
async fn closing_the_console_makes_the_agent_unavailable_and_moves_the_pending_offer_on() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de"]).await;
    let a2 = agent(&env, &key, "a2", &["lang:de"]).await;
    let addr = env.serve().await;
    let c1 = console(&addr, &a1).await;
    let mut c2 = console(&addr, &a2).await;
    env.presence(&a1, "available").await;
    env.clock.advance(TimeDelta::seconds(1));
    env.presence(&a2, "available").await;
    join(&env, &key, json!({"language": "de"})).await;
    let offers = env.call("GET", "/api/v1/me/offers", &a1.as_(), None).await;
    assert_eq!(offers.body.as_array().unwrap().len(), 1, "a1 idled longest and got the offer");
    drop(c1);
    let moved = c2.expect("offer").await;
    assert!(moved["offer_id"].is_string());
    let r = env.call("GET", "/api/v1/agents", &As::Bearer(key.clone()), None).await;
    let a1_state = r.body.as_array().unwrap().iter().find(|a| a["id"] == "a1").unwrap()["presence"]["state"].clone();
    assert_eq!(a1_state, "offline");
}

#[tokio::test]
async fn a_checked_in_appointment_is_offered_to_the_booked_agent_at_its_start() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de"]).await;
    let a2 = agent(&env, &key, "a2", &["lang:de"]).await;
    let (_, booked) = book(&env, &key, "2030-01-07T08:00:00Z").await;
    let (_, no_show) = book(&env, &key, "2030-01-07T08:00:00Z").await;
    let token = booked["token"].as_str().unwrap();
    let (booked_agent,): (String,) = sqlx::query_as("SELECT agent_id FROM sched_bookings WHERE id = $1")
        .bind(booked["booking"]["id"].as_str().unwrap())
        .fetch_one(&env.state.db)
        .await
        .unwrap();
    let (mine_login, theirs_login) = if booked_agent == "a1" { (&a1, &a2) } else { (&a2, &a1) };
    let addr = env.serve().await;
    let mut mine = console(&addr, mine_login).await;
    let mut theirs = console(&addr, theirs_login).await;
    env.presence(&a1, "available").await;
    env.presence(&a2, "available").await;
    let check_in = format!("/api/v1/bookings/{token}/check-in");
    let r = env.call("POST", &check_in, &As::Anonymous, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "check_in_too_early"));
    // Nor does the appointment's call link admit anyone this early.
    let early = Ws::open(&addr, "/ws", None).await;
    let mut early = early;
    early.send(json!({"type": "join", "token": booked["join_link"]["token"], "protocol": 1})).await;
    assert_eq!(early.expect("error").await["code"], "token_not_yet_valid");
    env.clock.set(at("2030-01-07T07:50:00Z"));
    let r = env.call("POST", &check_in, &As::Anonymous, None).await;
    assert_eq!((r.status, r.body["checked_in"].as_bool()), (StatusCode::OK, Some(true)), "{}", r.text);
    let mut customer = waiting_customer(&addr, booked["join_link"]["token"].as_str().unwrap()).await;
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
    let r = env.call("GET", &format!("/api/v1/bookings/{}", no_show["token"].as_str().unwrap()), &As::Anonymous, None).await;
    assert_eq!(r.body["status"], "no_show");
}

async fn restart_keeps_order(mut env: Env) {
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de"]).await;
    let mut entries = vec![];
    for _ in 0..3 {
        entries.push(join(&env, &key, json!({"language": "de"})).await["entry_id"].as_str().unwrap().to_owned());
        env.clock.advance(TimeDelta::seconds(1));
    }
    env.restart().await;
    let k = As::Bearer(key.clone());
    for (i, e) in entries.iter().enumerate() {
        let r = env.call("GET", &format!("/api/v1/queue/{e}"), &k, None).await;
        assert_eq!((r.status, r.body["position"].as_u64()), (StatusCode::OK, Some(i as u64 + 1)), "{}", r.text);
    }
    env.presence(&a1, "available").await;
    let r = env.call("GET", &format!("/api/v1/queue/{}", entries[0]), &k, None).await;
    assert_eq!(r.body["status"], "offered");
    let r = env.call("GET", &format!("/api/v1/queue/{}", entries[2]), &k, None).await;
    assert_eq!(r.body["position"], 2);
    env.done().await;
}
on_both!(rebuilding_from_the_database_after_a_restart_keeps_queue_order, restart_keeps_order);

#[tokio::test]
async fn queue_entries_are_private_to_their_own_customer_and_integrators() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    env.roster(&key, "a1", &["lang:de"]).await;
    let a = join(&env, &key, json!({})).await;
    let b = join(&env, &key, json!({})).await;
    let a_token = As::Bearer(a["link"]["token"].as_str().unwrap().into());
    let uri = format!("/api/v1/queue/{}", a["entry_id"].as_str().unwrap());
    assert_eq!(env.call("GET", &uri, &As::Anonymous, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(env.call("GET", &uri, &As::Bearer(b["link"]["token"].as_str().unwrap().into()), None).await.status, StatusCode::FORBIDDEN);
    let r = env.call("GET", &uri, &a_token, None).await;
    assert_eq!((r.status, r.body["position"].as_u64()), (StatusCode::OK, Some(1)));
    let cb = format!("{uri}/callback");
    let r = env.call("POST", &cb, &a_token, Some(json!({"phone": "0301234"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone"));
    assert_eq!(env.call("POST", &cb, &a_token, Some(json!({"phone": "+49 30 901820"}))).await.status, StatusCode::NO_CONTENT);
    let r = env.call("DELETE", &uri, &As::Bearer(key.clone()), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "queue_entry_not_found"));
    let r = env.call("GET", &format!("/api/v1/queue/{}", b["entry_id"].as_str().unwrap()), &As::Bearer(key), None).await;
    assert_eq!(r.body["position"], 1);
}

#[tokio::test]
async fn the_servers_own_timer_expires_unanswered_offers_on_the_wall_clock() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let mut config = env.config.clone();
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.database_url = format!("sqlite://{}/w.db?mode=rwc", env.dir.path().display());
    config.scheduling.offer_timeout_secs = 1;
    config.scheduling.tick_ms = 50;
    let server = signaling::Server::start(config.clone()).await.unwrap();
    let wall = Env { state: server.state.clone(), clock: Clock::Wall, ..env };
    let key = wall.full_key().await;
    wall.roster(&key, "a1", &["lang:de"]).await;
    wall.create_staff("a1", &[StaffRole::Agent]).await;
    let code = signaling::staff::current_code(&wall.state.db, &wall.state.key, &domain::StaffId::parse("a1").unwrap(), Clock::Wall.now_ms()).await.unwrap();
    let r = wall.call("POST", "/api/v1/auth/login", &As::Anonymous, Some(json!({"username": "a1", "password": support::PASSWORD, "code": code}))).await;
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let a1 = StaffLogin { id: "a1".into(), cookie };
    let addr = server.addr.to_string();
    let mut console = console(&addr, &a1).await;
    wall.presence(&a1, "available").await;
    join(&wall, &key, json!({"language": "de"})).await;
    let offer = console.expect("offer").await;
    assert_eq!(console.expect("offer_expired").await["offer_id"], offer["offer_id"]);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn ending_the_session_ends_the_agents_call_and_wrap_up_runs_out_on_the_clock() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    let a1 = agent(&env, &key, "a1", &["lang:de"]).await;
    let addr = env.serve().await;
    let mut console = console(&addr, &a1).await;
    console.send(json!({"type": "presence", "state": "available"})).await;
    let joined = join(&env, &key, json!({})).await;
    let offer = console.expect("offer").await;
    console.send(json!({"type": "accept", "offer_id": offer["offer_id"]})).await;
    let acc = console.expect("accepted").await;
    assert_eq!(acc["session_id"], offer["session_id"]);
    assert_eq!(console.expect("presence").await["state"], "in_call");
    let session = offer["session_id"].as_str().unwrap();
    assert_eq!(env.call("POST", &format!("/api/v1/sessions/{session}/end"), &As::Bearer(key.clone()), None).await.status, StatusCode::OK);
    // The scheduler follows the lifecycle's event: no tick needed.
    assert_eq!(console.expect("presence").await["state"], "wrap_up");
    let r = env.call("GET", &format!("/api/v1/queue/{}", joined["entry_id"].as_str().unwrap()), &As::Bearer(key), None).await;
    assert_eq!(r.code(), "queue_entry_not_found");
    env.clock.advance(TimeDelta::seconds(601));
    assert!(env.state.scheduling.tick().await);
    assert_eq!(console.expect("presence").await["state"], "available");
}

#[tokio::test]
async fn the_queue_socket_answers_bad_messages_and_closes_only_after_three_refused_logins() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let addr = env.serve().await;
    let mut ws = Ws::open(&addr, "/api/v1/queue/ws", None).await;
    ws.send(json!({"type": "leave"})).await;
    assert_eq!(ws.expect("error").await["code"], "not_authenticated");
    ws.send_text("not json").await;
    assert_eq!(ws.expect("error").await["code"], "malformed_message");
    for code in ["invalid_token", "unauthenticated", "invalid_token"] {
        let hello = if code == "unauthenticated" { json!({"type": "agent"}) } else { json!({"type": "customer", "token": "nope"}) };
        ws.send(hello).await;
        assert_eq!(ws.expect("error").await["code"], code);
    }
    let closed = tokio::time::timeout(Duration::from_secs(5), ws.0.next()).await.unwrap();
    assert!(matches!(closed, None | Some(Ok(Message::Close(_))) | Some(Err(_))), "{closed:?}");
}
