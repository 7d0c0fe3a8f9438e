//! HTTP API behaviour, driven through the router without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signaling::config::{Config, Secret};
use signaling::{AppState, app};
use tower::ServiceExt;

const KEY: &str = "k-123";

async fn state() -> (AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        database_url: format!("sqlite://{}/api.db?mode=rwc", dir.path().display()),
        api_key: Secret(KEY.into()),
        public_url: "https://kyc.example".into(),
        recording: signaling::config::RecordingSection { dir: dir.path().join("recordings"), ..Default::default() },
        ..Config::default()
    };
    (AppState::new(config).await.expect("state"), dir)
}

async fn call(state: &AppState, method: &str, uri: &str, key: Option<&str>, body: Option<Value>) -> (StatusCode, String, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(k) = key {
        req = req.header(header::AUTHORIZATION, format!("Bearer {k}"));
    }
    let req = match body {
        Some(b) => req.header(header::CONTENT_TYPE, "application/json").body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .expect("request");
    let resp = app(state.clone()).oneshot(req).await.expect("response");
    let status = resp.status();
    let ctype = resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (status, ctype, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn creating_a_session_without_the_api_key_is_refused_with_problem_json() {
    let (s, _d) = state().await;
    for key in [None, Some("wrong")] {
        let (status, ctype, body) = call(&s, "POST", "/api/v1/sessions", key, Some(json!({}))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(ctype, "application/problem+json");
        assert_eq!(body["code"], "unauthenticated");
        assert_eq!(body["status"], 401);
    }
}

#[tokio::test]
async fn a_session_gets_role_bound_expiring_links_whose_tokens_are_stored_hashed() {
    let (s, _d) = state().await;
    let (status, _, session) = call(&s, "POST", "/api/v1/sessions", Some(KEY), Some(json!({"external_ref": "A-1"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = session["id"].as_str().expect("id");
    assert_eq!(session["status"], "created");
    let (status, _, link) = call(&s, "POST", &format!("/api/v1/sessions/{id}/links"), Some(KEY), Some(json!({"role": "customer", "ttl_seconds": 600}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let token = link["token"].as_str().expect("token");
    assert_eq!(link["role"], "customer");
    assert_eq!(link["url"], format!("https://kyc.example/call/#t={token}"));
    let expires = link["expires_at"].as_i64().expect("expiry");
    assert!((expires - signaling::db::now_ms() - 600_000).abs() < 5_000);
    let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM join_tokens").fetch_all(&s.db).await.expect("rows");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    assert_eq!(stored[0].0, signaling::tokens::hash(token));
}

#[tokio::test]
async fn bad_requests_get_stable_codes() {
    let (s, _d) = state().await;
    let (status, _, body) = call(&s, "GET", "/api/v1/sessions/nope", Some(KEY), None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("session_not_found")));
    let (_, _, session) = call(&s, "POST", "/api/v1/sessions", Some(KEY), Some(json!({}))).await;
    let id = session["id"].as_str().expect("id");
    let links = format!("/api/v1/sessions/{id}/links");
    let (status, _, body) = call(&s, "POST", &links, Some(KEY), Some(json!({"role": "supervisor"}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_body")));
    let (status, _, body) = call(&s, "POST", &links, Some(KEY), Some(json!({"role": "agent", "ttl_seconds": 0}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_ttl")));
    call(&s, "POST", &format!("/api/v1/sessions/{id}/end"), Some(KEY), None).await;
    let (status, _, body) = call(&s, "POST", &links, Some(KEY), Some(json!({"role": "agent"}))).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("session_ended")));
}

#[tokio::test]
async fn the_openapi_document_describes_the_session_endpoints() {
    let (s, _d) = state().await;
    let (status, _, doc) = call(&s, "GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    for path in ["/api/v1/sessions", "/api/v1/sessions/{id}", "/api/v1/sessions/{id}/links", "/api/v1/sessions/{id}/end"] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let (s, _d) = state().await;
    assert_eq!(call(&s, "GET", "/healthz", None, None).await.0, StatusCode::OK);
    assert_eq!(call(&s, "GET", "/readyz", None, None).await.0, StatusCode::OK);
    let resp = app(s.clone()).oneshot(Request::get("/metrics").body(Body::empty()).expect("req")).await.expect("resp");
    let text = String::from_utf8(resp.into_body().collect().await.expect("body").to_bytes().to_vec()).expect("utf8");
    assert!(text.contains("sfu_rtp_packets_forwarded_total{kind=\"video\"} 0"));
    assert!(text.contains("process_open_fds "));
}
