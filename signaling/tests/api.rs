//! HTTP API behaviour, driven through the router without a socket.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use serde_json::json;
use signaling::apikeys::ApiScope;
use support::{As, Dialect, Env};

#[tokio::test]
async fn creating_a_session_without_a_valid_key_is_refused_with_problem_json() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    for who in [As::Anonymous, As::Bearer("vkyc_0123456789abcdef_".to_owned() + &"x".repeat(43))] {
        let r = env.call("POST", "/api/v1/sessions", &who, Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        assert_eq!(r.content_type, "application/problem+json");
        assert_eq!(r.body["status"], 401);
        assert!(["unauthenticated", "invalid_api_key"].contains(&r.code()), "{}", r.text);
    }
    let read_only = env.key(&[ApiScope::SessionsRead]).await;
    let r = env.call("POST", "/api/v1/sessions", &As::Bearer(read_only), Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, "forbidden"));
}

#[tokio::test]
async fn a_session_gets_expiring_customer_links_whose_tokens_are_stored_hashed_and_can_be_revoked() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = As::Bearer(env.full_key().await);
    let r = env.call("POST", "/api/v1/sessions", &key, Some(json!({"external_ref": "A-1"}))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["status"], "created");
    let link = env.call("POST", &format!("/api/v1/sessions/{id}/links"), &key, Some(json!({"role": "customer", "ttl_seconds": 600}))).await;
    assert_eq!(link.status, StatusCode::CREATED);
    let token = link.body["token"].as_str().unwrap().to_owned();
    assert_eq!(link.body["url"], format!("https://kyc.example/call/#t={token}"));
    assert_eq!(link.body["expires_at"].as_i64(), Some(env.clock.now_ms() + 600_000));
    let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM join_tokens").fetch_all(&env.state.db).await.unwrap();
    assert_eq!(stored, vec![(signaling::tokens::hash(&token),)]);
    let customer = As::Bearer(token.clone());
    assert_eq!(env.call("GET", &format!("/api/v1/sessions/{id}"), &customer, None).await.status, StatusCode::OK);
    let r = env.call("DELETE", &format!("/api/v1/sessions/{id}/links/{}", link.body["id"].as_str().unwrap()), &key, None).await;
    assert_eq!((r.status, r.body["revoked"].as_u64()), (StatusCode::OK, Some(1)));
    let r = env.call("GET", &format!("/api/v1/sessions/{id}"), &customer, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "token_revoked"));
    let revoked_at: (Option<i64>,) = sqlx::query_as("SELECT revoked_at FROM join_tokens").fetch_one(&env.state.db).await.unwrap();
    assert_eq!(revoked_at.0, Some(env.clock.now_ms()), "revoked_at is written");
    // Expiry is decided by the app's clock.
    let short = env.call("POST", &format!("/api/v1/sessions/{id}/links"), &key, Some(json!({"role": "customer", "ttl_seconds": 60}))).await;
    let short = As::Bearer(short.body["token"].as_str().unwrap().into());
    env.clock.advance(chrono::TimeDelta::seconds(61));
    assert_eq!(env.call("GET", &format!("/api/v1/sessions/{id}"), &short, None).await.code(), "token_expired");
}

#[tokio::test]
async fn bad_requests_get_stable_codes() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = As::Bearer(env.full_key().await);
    let r = env.call("GET", "/api/v1/sessions/nope", &key, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "session_not_found"));
    let id = env.session(match &key { As::Bearer(k) => k, _ => unreachable!() }).await;
    let links = format!("/api/v1/sessions/{id}/links");
    let r = env.call("POST", &links, &key, Some(json!({"role": "supervisor"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_body"));
    let r = env.call("POST", &links, &key, Some(json!({"role": "agent"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "agent_links_retired"));
    let r = env.call("POST", &links, &key, Some(json!({"role": "customer", "ttl_seconds": 0}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_ttl"));
    let r = env.call("POST", &links, &key, Some(json!({"role": "customer", "ttl_seconds": 8 * 24 * 3600}))).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let max_ms = env.state.config.link_max_ttl_secs as i64 * 1000;
    assert_eq!(r.body["expires_at"].as_i64(), Some(env.clock.now_ms() + max_ms), "the lifetime is capped at the configured maximum");
    env.call("POST", &format!("/api/v1/sessions/{id}/end"), &key, None).await;
    let r = env.call("POST", &links, &key, Some(json!({"role": "customer"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "session_ended"));
    let r = env.call("GET", "/api/v1/no-such-route", &key, None).await;
    assert_eq!((r.status, r.content_type.as_str()), (StatusCode::NOT_FOUND, "application/problem+json"));
}

#[tokio::test]
async fn every_operation_in_the_openapi_document_names_its_policy_action() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let r = env.call("GET", "/api/openapi.json", &As::Anonymous, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let paths = r.body["paths"].as_object().unwrap();
    assert!(paths.len() > 30);
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            assert!(op["x-action"].is_string(), "{method} {path} has no x-action");
            assert!(op["responses"]["500"].is_object(), "{method} {path} documents the error responses");
        }
    }
    assert!(paths.contains_key("/healthz") && paths.contains_key("/recordings/{session}/{segment}/{file}") && paths.contains_key("/ws"));
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_and_responses_carry_the_security_headers() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let r = env.call("GET", "/healthz", &As::Anonymous, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(r.headers.get("permissions-policy").and_then(|v| v.to_str().ok()).unwrap().contains("camera=(self)"));
    assert!(r.headers.get("x-request-id").is_some());
    assert_eq!(env.call("GET", "/readyz", &As::Anonymous, None).await.status, StatusCode::OK);
    let m = env.call("GET", "/metrics", &As::Anonymous, None).await;
    assert!(m.text.contains("sfu_rtp_packets_forwarded_total{kind=\"video\"} 0"));
    assert!(m.text.contains("process_open_fds "));
    let key = As::Bearer(env.full_key().await);
    let s = env.call("POST", "/api/v1/sessions", &key, Some(json!({}))).await;
    assert_eq!(s.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
}
