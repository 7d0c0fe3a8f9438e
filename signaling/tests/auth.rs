//! Staff sign-in, sessions and re-authentication through the real routes, with the app's
//! clock moved instead of waiting.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use chrono::TimeDelta;
use domain::StaffRole;
use serde_json::json;
use support::{As, Dialect, Env, PASSWORD};

async fn login(env: &Env, id: &str, password: &str, code: &str) -> support::Resp {
    env.call("POST", "/api/v1/auth/login", &As::Anonymous, Some(json!({"username": id, "password": password, "code": code}))).await
}

#[tokio::test]
async fn a_wrong_code_and_a_replayed_code_are_refused_with_their_own_codes() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    env.create_staff("anna", &[StaffRole::Agent]).await;
    let code = env.next_code("anna").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = login(&env, "anna", PASSWORD, wrong).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "invalid_code"));
    assert_eq!(login(&env, "anna", PASSWORD, &code).await.status, StatusCode::OK);
    let r = login(&env, "anna", PASSWORD, &code).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "code_already_used"), "a code works once");
    let r = login(&env, "anna", "not the password at all", &env.next_code("anna").await).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "invalid_credentials"));
    let r = login(&env, "nobody", PASSWORD, "123456").await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "invalid_credentials"), "unknown accounts look like wrong passwords");
}

#[tokio::test]
async fn failed_attempts_lock_the_account_until_the_lock_runs_out() {
    let env = Env::with(Dialect::Sqlite, |c| {
        c.auth.lockout_threshold = 3;
        c.auth.lockout_base_secs = 600;
    })
    .await
    .unwrap();
    env.create_staff("anna", &[StaffRole::Agent]).await;
    for _ in 0..3 {
        assert_eq!(login(&env, "anna", "wrong password 123", "123456").await.code(), "invalid_credentials");
    }
    let code = env.next_code("anna").await;
    let r = login(&env, "anna", PASSWORD, &code).await;
    assert_eq!((r.status, r.code()), (StatusCode::LOCKED, "account_locked"), "even the right password waits: {}", r.text);
    let retry = r.body["retry_after_seconds"].as_u64().unwrap();
    assert!((500..=600).contains(&retry), "{retry}");
    assert!(r.headers.get("retry-after").is_some());
    env.clock.advance(TimeDelta::seconds(601));
    assert_eq!(login(&env, "anna", PASSWORD, &env.next_code("anna").await).await.status, StatusCode::OK);
    let failures: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").fetch_one(&env.state.db).await.unwrap();
    assert!(failures.0 >= 4, "failed sign-ins are in the audit log");
}

#[tokio::test]
async fn a_session_ends_after_the_idle_timeout_and_the_next_request_says_it_expired() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let anna = env.staff("anna", &[StaffRole::Agent]).await;
    assert_eq!(env.call("GET", "/api/v1/auth/me", &anna.as_(), None).await.body["id"], "anna");
    env.clock.advance(TimeDelta::minutes(31));
    let r = env.call("GET", "/api/v1/auth/me", &anna.as_(), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "session_expired"));
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_account() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let first = env.staff("anna", &[StaffRole::Agent]).await;
    let second = env.login("anna").await;
    let r = env.call("POST", "/api/v1/auth/logout-all", &first.as_(), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.headers.get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
    for s in [&first, &second] {
        assert_eq!(env.call("GET", "/api/v1/auth/me", &s.as_(), None).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn staff_administration_needs_a_fresh_second_factor() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let new = json!({"id": "bob", "display_name": "Bob", "roles": ["agent"]});
    assert_eq!(env.call("POST", "/api/v1/staff", &admin.as_(), Some(new)).await.status, StatusCode::CREATED);
    env.clock.advance(TimeDelta::minutes(6));
    let again = json!({"id": "carl", "display_name": "Carl", "roles": ["agent"]});
    let r = env.call("POST", "/api/v1/staff", &admin.as_(), Some(again.clone())).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "reauth_required"));
    let code = env.next_code("ad").await;
    assert_eq!(env.call("POST", "/api/v1/auth/reauth", &admin.as_(), Some(json!({"code": code}))).await.status, StatusCode::NO_CONTENT);
    assert_eq!(env.call("POST", "/api/v1/staff", &admin.as_(), Some(again)).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_sessions_end() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let bob = env.staff("bob", &[StaffRole::Agent]).await;
    let r = env.call("PATCH", "/api/v1/staff/bob", &admin.as_(), Some(json!({"disabled": true}))).await;
    assert_eq!((r.status, r.body["state"].as_str()), (StatusCode::OK, Some("disabled")));
    assert_eq!(env.call("GET", "/api/v1/auth/me", &bob.as_(), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(&env, "bob", PASSWORD, &env.next_code("bob").await).await.code(), "account_disabled");
}

#[tokio::test]
async fn integrator_keys_are_stored_hashed_and_stop_working_when_revoked_or_expired() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let r = env.call("POST", "/api/v1/api-keys", &admin.as_(), Some(json!({"name": "bank", "scopes": ["sessions:write"], "days": 1}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let secret = r.body["secret"].as_str().unwrap().to_owned();
    let id = r.body["key"]["id"].as_str().unwrap().to_owned();
    let stored: (String,) = sqlx::query_as("SELECT secret_hash FROM api_keys WHERE id = $1").bind(&id).fetch_one(&env.state.db).await.unwrap();
    assert!(!secret.contains(&stored.0) && !stored.0.contains(&secret[22..]));
    let key = As::Bearer(secret);
    assert_eq!(env.call("POST", "/api/v1/sessions", &key, Some(json!({}))).await.status, StatusCode::CREATED);
    env.clock.advance(TimeDelta::days(1) + TimeDelta::seconds(1));
    assert_eq!(env.call("POST", "/api/v1/sessions", &key, Some(json!({}))).await.code(), "invalid_api_key", "expired");
    // A day later the admin's own session has expired too: signing in again.
    let admin = env.login("ad").await;
    let other = env.call("POST", "/api/v1/api-keys", &admin.as_(), Some(json!({"name": "b2", "scopes": ["sessions:write"]}))).await;
    let key2 = As::Bearer(other.body["secret"].as_str().unwrap().into());
    assert_eq!(env.call("POST", "/api/v1/sessions", &key2, Some(json!({}))).await.status, StatusCode::CREATED);
    let revoke = env.call("DELETE", &format!("/api/v1/api-keys/{}", other.body["key"]["id"].as_str().unwrap()), &admin.as_(), None).await;
    assert_eq!(revoke.status, StatusCode::OK);
    assert_eq!(env.call("POST", "/api/v1/sessions", &key2, Some(json!({}))).await.code(), "invalid_api_key", "revoked");
}

#[tokio::test]
async fn a_state_changing_request_with_a_staff_cookie_from_another_origin_is_refused() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let anna = env.staff("anna", &[StaffRole::Agent]).await;
    use axum::body::Body;
    use axum::http::{Request, header};
    use tower::ServiceExt;
    for origin in [Some("https://evil.example"), None] {
        let mut req = Request::post("/api/v1/auth/logout").header(header::COOKIE, format!("vkyc_staff={}", anna.cookie));
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let resp = signaling::app(env.state.clone()).unwrap().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "origin {origin:?}");
    }
    assert_eq!(env.call("GET", "/api/v1/auth/me", &anna.as_(), None).await.status, StatusCode::OK, "still signed in");
}
