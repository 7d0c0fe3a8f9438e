//! Abuse limits on the public surface: request budgets per address (problem+json 429 with
//! `Retry-After`, nothing half-done), the cap on open sockets per address, and the join deadline
//! of a call socket.
#![allow(clippy::unwrap_used)]

mod support;

use domain::StaffRole;
use futures::StreamExt;
use serde_json::json;
use support::{Dialect, Env, Ws};
use tokio_tungstenite::tungstenite::Message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_bookings_from_one_address_in_a_second_get_429_beyond_the_budget_and_every_accepted_one_is_intact() {
    let env = Env::with(Dialect::Sqlite, |c| {
        c.limits.public_per_second = 5;
        c.limits.public_burst = 20;
    })
    .await
    .unwrap();
    let key = env.full_key().await;
    for a in ["a1", "a2", "a3"] {
        env.roster(&key, a, &[]).await;
        env.create_staff(a, &[StaffRole::Agent]).await;
    }
    let mut tokens = vec![];
    for _ in 0..200 {
        let s = env.session(&key).await;
        tokens.push(env.customer_token(&key, &s).await);
    }
    let slots = env.call("GET", "/api/v1/slots?from=2030-01-07T07:00:00Z&to=2030-01-07T16:00:00Z", &support::As::Bearer(key.clone()), None).await;
    let starts: Vec<String> = slots.body.as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap().to_owned()).collect();
    assert!(starts.len() >= 10, "{}", slots.text);
    let addr = env.serve().await;
    let http = reqwest::Client::new();
    let started = std::time::Instant::now();
    let replies = futures::future::join_all(tokens.iter().enumerate().map(|(i, t)| {
        let req = http.post(format!("http://{addr}/api/v1/bookings")).bearer_auth(t).json(&json!({"start": starts[i % starts.len()], "tz": "UTC"}));
        async move {
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let retry = r.headers().get("retry-after").is_some();
            let ctype = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            (status, retry, ctype, body)
        }
    }))
    .await;
    println!("200 attempts took {:?}", started.elapsed());
    let accepted: Vec<&serde_json::Value> = replies.iter().filter(|r| r.0 == 201).map(|r| &r.3).collect();
    let limited = replies.iter().filter(|r| r.0 == 429).count();
    let other: Vec<_> = replies.iter().filter(|r| r.0 != 201 && r.0 != 429).map(|r| (r.0, r.3["code"].clone())).collect();
    println!("accepted {}, limited {limited}, other {other:?}", accepted.len());
    assert!(limited >= 150, "most attempts beyond the burst are refused: {limited}");
    assert!(!accepted.is_empty() && accepted.len() <= 30, "about the burst gets through: {}", accepted.len());
    assert!(other.iter().all(|(s, c)| *s == 409 && c == "slot_taken"), "anything else is a full slot: {other:?}");
    for r in replies.iter().filter(|r| r.0 == 429) {
        assert!(r.1 && r.2 == "application/problem+json" && r.3["code"] == "too_many_requests", "{r:?}");
    }
    // Every accepted booking is whole: stored as booked, at the slot it was given.
    let booked: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sched_bookings WHERE status = 'booked'").fetch_one(&env.state.db).await.unwrap();
    assert_eq!(booked.0 as usize, accepted.len());
    for b in accepted {
        let token = b["token"].as_str().unwrap();
        let r = env.call("GET", &format!("/api/v1/bookings/{token}"), &support::As::Anonymous, None).await;
        assert_eq!((r.body["status"].as_str(), &r.body["start"]), (Some("booked"), &b["booking"]["start"]));
        assert!(r.body["session_id"].is_string());
    }
}

#[tokio::test]
async fn a_call_socket_that_never_joins_is_closed_at_the_deadline() {
    let env = Env::with(Dialect::Sqlite, |c| c.limits.join_deadline_secs = 1).await.unwrap();
    let addr = env.serve().await;
    let mut ws = Ws::open(&addr, "/ws", None).await;
    let t0 = std::time::Instant::now();
    let err = ws.expect("error").await;
    assert_eq!(err["code"], "join_timeout");
    let closed = tokio::time::timeout(std::time::Duration::from_secs(3), ws.0.next()).await.unwrap();
    assert!(matches!(closed, None | Some(Ok(Message::Close(_))) | Some(Err(_))), "{closed:?}");
    assert!(t0.elapsed() < std::time::Duration::from_secs(3));
}

#[tokio::test]
async fn an_address_holds_only_so_many_sockets_open() {
    let env = Env::with(Dialect::Sqlite, |c| c.limits.max_sockets_per_ip = 2).await.unwrap();
    let addr = env.serve().await;
    let _a = Ws::open(&addr, "/ws", None).await;
    let _b = Ws::open(&addr, "/api/v1/queue/ws", None).await;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut().insert("origin", support::PUBLIC_URL.parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 429),
        other => panic!("a third socket was not refused: {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn a_socket_upgrade_from_another_origin_is_refused() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let addr = env.serve().await;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut().insert("origin", "https://evil.example".parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 401),
        other => panic!("a foreign origin was not refused: {:?}", other.map(|_| ())),
    }
}
