//! The built web pages (`agent-ui/dist`): static files, plus the staff app's client-side routes
//! (`/staff/…` without a file extension serve `staff/index.html`). Unknown API paths answer
//! problem+json 404, never a page.

use crate::AppState;
use crate::http::error::problem;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Single-page apps whose routes live in the browser.
const APPS: &[&str] = &["staff"];

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/api/") || path.starts_with("/recordings/") {
        return problem(StatusCode::NOT_FOUND, "route_not_found", None, None);
    }
    let dir = &state.config.static_dir;
    let app = APPS.iter().find(|a| path == format!("/{a}") || path.starts_with(&format!("/{a}/")));
    let result = match app {
        Some(a) if !path.rsplit('/').next().unwrap_or("").contains('.') => ServeFile::new(dir.join(a).join("index.html")).oneshot(req).await,
        _ => ServeDir::new(dir).oneshot(req).await,
    };
    match result {
        Ok(r) => r.into_response(),
        Err(e) => match e {},
    }
}
