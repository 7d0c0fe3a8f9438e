//! Recordings: state and manifest of a session's recording, playback tokens, and the files
//! themselves with byte ranges (seeking in the browser).

use super::ApiKey;
use crate::AppState;
use crate::error::AppError;
use crate::recording::Recordings;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;
use utoipa::ToSchema;

fn recordings(state: &AppState) -> Result<&Recordings, AppError> {
    state.recordings.as_ref().ok_or(AppError::NotFound("recording_disabled"))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordingView {
    /// `recording` (call live), `closed` (manifest final) or `none`.
    pub state: String,
    /// The manifest of a closed recording: segments, files, hashes, wall-clock mapping, health.
    #[schema(value_type = Object)]
    pub manifest: Option<serde_json::Value>,
    /// Live health while recording: per participant and medium, share of time with media and gaps.
    #[schema(value_type = Object)]
    pub health: Option<serde_json::Value>,
    /// Why the live recording failed, if it did.
    pub failure: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/recording",
    responses((status = 200, body = RecordingView), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn get_recording(_key: ApiKey, State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<RecordingView>, AppError> {
    let r = recordings(&state)?;
    crate::sessions::get(&state.db, &id).await?.ok_or(AppError::NotFound("session_not_found"))?;
    if let Some(live) = r.live(&id) {
        return Ok(Json(RecordingView {
            state: "recording".into(),
            manifest: None,
            health: serde_json::to_value(live.health()).ok(),
            failure: live.failure(),
        }));
    }
    let manifest = r.manifest(&id).await?;
    Ok(Json(RecordingView {
        state: if manifest.is_some() { "closed" } else { "none" }.into(),
        manifest: manifest.and_then(|m| serde_json::to_value(m).ok()),
        health: None,
        failure: None,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybackFile {
    pub segment: u32,
    pub participant: String,
    pub medium: String,
    /// Where to start this file on the shared timeline (ms after the recording started).
    pub offset_ms: u64,
    pub duration_ms: u64,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Playback {
    pub expires_at: i64,
    pub files: Vec<PlaybackFile>,
}

/// Playback links live this long; long enough to review a call, short enough not to leak.
const PLAYBACK_TTL_MS: i64 = 2 * 3600 * 1000;

#[utoipa::path(post, path = "/api/v1/sessions/{id}/recording/playback",
    responses((status = 200, body = Playback), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn playback(_key: ApiKey, State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Playback>, AppError> {
    let r = recordings(&state)?;
    let manifest = r.manifest(&id).await?.ok_or(AppError::NotFound("recording_not_found"))?;
    let expires_at = crate::db::now_ms() + PLAYBACK_TTL_MS;
    let token = r.playback_token(&id, expires_at);
    // Synchronised playback is driven by the manifest: every file starts at its own offset on
    // the recording's wall-clock timeline, so nothing is re-encoded into a composite.
    let origin = manifest.started_at;
    let files = manifest
        .segments
        .iter()
        .flat_map(|seg| seg.files.iter().map(move |f| (seg.index, f)))
        .map(|(segment, f)| PlaybackFile {
            segment,
            participant: f.participant.clone(),
            medium: f.medium.as_str().to_owned(),
            offset_ms: f.start_wallclock_ms.saturating_sub(origin),
            duration_ms: f.duration_ms,
            url: format!("/recordings/{}/{}?t={token}", manifest.session_id, f.path),
        })
        .collect();
    Ok(Json(Playback { expires_at, files }))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    t: Option<String>,
}

/// `GET /recordings/{session}/{segment}/{file}`: a recording file, with HTTP ranges. Admits the
/// API key or a playback token of the same session; only files listed in the manifest exist.
pub async fn file(
    State(state): State<AppState>,
    Path((session, segment, name)): Path<(String, String, String)>,
    Query(q): Query<TokenQuery>,
    req: Request,
) -> Result<Response, AppError> {
    let r = recordings(&state)?;
    let (mut parts, body) = req.into_parts();
    let by_key = <ApiKey as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &state).await.is_ok();
    let by_token = q.t.as_deref().is_some_and(|t| r.check_playback_token(&session, t, crate::db::now_ms()));
    if !by_key && !by_token {
        return Err(AppError::Unauthenticated);
    }
    let relative = format!("{segment}/{name}");
    let manifest = r.manifest(&session).await?.ok_or(AppError::NotFound("recording_not_found"))?;
    if !manifest.segments.iter().flat_map(|s| &s.files).any(|f| f.path == relative) {
        return Err(AppError::NotFound("recording_file_not_found"));
    }
    let req = Request::from_parts(parts, body);
    let served = tower_http::services::ServeFile::new_with_mime(r.file_path(&session, &relative), &"video/webm".parse().map_err(|_| AppError::NotFound("mime"))?)
        .oneshot(req)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("serving a recording: {e}")))?;
    Ok(served.map(Body::new).into_response())
}
