//! HTTP behaviour the OpenAPI document promises beyond single routes: undeclared methods,
//! `OPTIONS` and `HEAD`, the WebSocket handshake, JSON body shapes, authentication before any
//! lookup, and the document's own consistency. (`tests/schemathesis/run.sh` checks the whole
//! document against the running server; these pin the rules it relies on.)
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::{StatusCode, header};
use serde_json::{Value, json};
use support::{As, Dialect, Env};

#[tokio::test]
async fn an_undeclared_method_gets_405_problem_json_with_allow_and_options_lists_the_methods() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = As::Bearer(env.full_key().await);
    for method in ["TRACE", "PUT", "DELETE", "QUERY"] {
        let r = env.call(method, "/api/v1/sessions", &key, None).await;
        assert_eq!((r.status, r.code(), r.content_type.as_str()), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "application/problem+json"), "{method}");
        assert_eq!(r.headers[header::ALLOW], "GET, POST, HEAD, OPTIONS");
    }
    let r = env.call("OPTIONS", "/api/v1/bookings/{token}".replace("{token}", &"0".repeat(64)).as_str(), &As::Anonymous, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(r.headers[header::ALLOW], "GET, DELETE, HEAD, OPTIONS");
    let r = env.call("HEAD", "/healthz", &As::Anonymous, None).await;
    assert_eq!((r.status, r.text.as_str()), (StatusCode::OK, ""), "HEAD is GET without the body");
}

#[tokio::test]
async fn a_socket_route_without_the_opening_handshake_gets_400_naming_the_websocket_version() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    for path in ["/ws", "/api/v1/queue/ws"] {
        let r = env.call("GET", path, &As::Anonymous, None).await;
        assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "websocket_upgrade_required"), "{path}");
        assert_eq!(r.headers[header::SEC_WEBSOCKET_VERSION], "13");
    }
}

#[tokio::test]
async fn json_bodies_are_objects_and_whole_numbers_written_as_decimals_are_integers() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = As::Bearer(env.full_key().await);
    let r = env.call("POST", "/api/v1/sessions", &key, Some(json!([null]))).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_body"), "serde would read a struct from an array");
    let id = env.call("POST", "/api/v1/sessions", &key, Some(json!({}))).await.body["id"].as_str().unwrap().to_owned();
    let r = env.call("POST", "/api/v1/queue", &key, Some(json!({"session_id": id, "needs": [null, null]}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_body"), "nested structs too");
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/links"), &key, Some(json!({"role": "customer", "ttl_seconds": 600.0}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["expires_at"].as_i64(), Some(env.clock.now_ms() + 600_000));
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/links"), &key, Some(json!({"role": "customer", "ttl_seconds": 600.5}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_body"));
}

#[tokio::test]
async fn without_credentials_the_answer_is_401_before_anything_is_looked_up() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    let session = env.session(&key).await;
    let entry = env.call("POST", "/api/v1/queue", &As::Bearer(key.clone()), Some(json!({"session_id": session}))).await.body["entry_id"].as_str().unwrap().to_owned();
    for uri in [format!("/api/v1/queue/{entry}"), format!("/api/v1/queue/{}", "0".repeat(32)), format!("/api/v1/sessions/{session}"), "/api/v1/sessions/nope".into()] {
        let r = env.call("GET", &uri, &As::Anonymous, None).await;
        assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"), "{uri}");
    }
}

#[tokio::test]
async fn an_integrator_booking_or_queueing_without_naming_a_session_gets_404_session_required() {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = As::Bearer(env.full_key().await);
    let r = env.call("POST", "/api/v1/queue", &key, Some(json!({}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "session_required"));
    let r = env.call("POST", "/api/v1/bookings", &key, Some(json!({"start": "2030-01-07T08:00:00Z", "tz": "UTC"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "session_required"));
}

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.to_uppercase(), path.clone(), op));
        }
    }
    out
}

#[test]
fn the_document_serves_errors_as_problem_json_constrains_every_path_parameter_and_secures_what_the_policy_guards() {
    let doc = serde_json::to_value(signaling::http::openapi_doc()).unwrap();
    for (method, path, op) in operations(&doc) {
        for (status, resp) in op["responses"].as_object().unwrap() {
            for (media, content) in resp["content"].as_object().into_iter().flatten() {
                if content["schema"]["$ref"] == "#/components/schemas/Problem" {
                    assert_eq!(media, "application/problem+json", "{method} {path} {status}");
                }
            }
        }
        for p in op["parameters"].as_array().into_iter().flatten().filter(|p| p["in"] == "path") {
            let s = &p["schema"];
            let constrained = s["pattern"].is_string() || s["$ref"].as_str().is_some_and(|r| doc["components"]["schemas"][r.rsplit('/').next().unwrap()]["pattern"].is_string());
            assert!(constrained, "{method} {path}: path parameter {} has no pattern", p["name"]);
        }
        let public = op["x-policy"]["who"].as_array().unwrap().iter().any(|w| w == "anyone");
        assert_eq!(op["security"].as_array().is_some_and(|s| !s.is_empty()), !public, "{method} {path}: security follows the policy");
    }
}

#[test]
fn every_operation_id_is_unique_so_the_generated_client_types_compile() {
    let doc = serde_json::to_value(signaling::http::openapi_doc()).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        if let Some(first) = seen.insert(id.clone(), format!("{method} {path}")) {
            panic!("operationId {id} is used by {first} and {method} {path}");
        }
    }
}
