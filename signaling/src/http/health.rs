//! Liveness, readiness and metrics.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

#[utoipa::path(get, path = "/healthz", tag = "meta",
    responses((status = 200, description = "The process is up", content_type = "text/plain", body = String)),
    extensions(("x-action" = json!("health"))))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers.
#[utoipa::path(get, path = "/readyz", tag = "meta",
    responses((status = 200, description = "Ready", content_type = "text/plain", body = String),
        (status = 503, description = "The database does not answer", content_type = "text/plain", body = String)),
    extensions(("x-action" = json!("health"))))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// Prometheus text format; no personal data (counts only).
#[utoipa::path(get, path = "/metrics", tag = "meta",
    responses((status = 200, description = "Prometheus metrics", content_type = "text/plain", body = String)),
    extensions(("x-action" = json!("metrics"))))]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut body = state.metrics.render();
    body.push_str(&format!("# HELP calls_live Sessions with someone connected.\n# TYPE calls_live gauge\ncalls_live {}\n", state.calls.len()));
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}
