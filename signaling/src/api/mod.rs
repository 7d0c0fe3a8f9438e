//! The HTTP API (JSON, problem+json errors) and its OpenAPI document.

mod ai_routes;
mod recording_routes;
mod auth;
mod health;
mod session_routes;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use utoipa::OpenApi;

pub use auth::ApiKey;
use auth::SecurityAddon;

#[derive(OpenApi)]
#[openapi(
    info(title = "Video identification server", version = "1", description = "Sessions, join links and health. The WebSocket protocol is documented in docs/signaling-protocol.md."),
    paths(session_routes::create_session, session_routes::get_session, session_routes::issue_link, session_routes::end_session, ai_routes::put_reference_photo, ai_routes::start_challenge, ai_routes::ai_events, recording_routes::get_recording, recording_routes::playback),
    components(schemas(crate::sessions::Session, crate::sessions::IssuedLink, session_routes::CreateSession, session_routes::CreateLink, session_routes::SessionView, crate::error::Problem, crate::ws::protocol::Role, ai_routes::StartChallenge, ai_routes::AiEvent, recording_routes::RecordingView, recording_routes::Playback, recording_routes::PlaybackFile)),
    modifiers(&SecurityAddon)
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/api/openapi.json", get(|| async { axum::Json(ApiDoc::openapi().merge_from(crate::scheduling::SchedulingDoc::openapi())) }))
        .route("/api/v1/sessions", post(session_routes::create_session))
        .route("/api/v1/sessions/{id}", get(session_routes::get_session))
        .route("/api/v1/sessions/{id}/links", post(session_routes::issue_link))
        .route("/api/v1/sessions/{id}/end", post(session_routes::end_session))
        .route("/api/v1/sessions/{id}/reference-photo", axum::routing::put(ai_routes::put_reference_photo).layer(axum::extract::DefaultBodyLimit::max(9 * 1024 * 1024)))
        .route("/api/v1/sessions/{id}/challenges", post(ai_routes::start_challenge))
        .route("/api/v1/sessions/{id}/ai-events", get(ai_routes::ai_events))
        .route("/api/v1/sessions/{id}/recording", get(recording_routes::get_recording))
        .route("/api/v1/sessions/{id}/recording/playback", post(recording_routes::playback))
        .route("/recordings/{session}/{segment}/{file}", get(recording_routes::file))
        .merge(crate::scheduling::routes())
}
