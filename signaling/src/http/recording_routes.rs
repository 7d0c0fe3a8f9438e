//! Recordings: state and manifest of a session's recording, playback tokens (bound to the
//! staff member who asked, short-lived), and the files themselves with byte ranges.

use super::error::AppError;
use super::extract::{ApiPath, ApiQuery, session_id};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::recording::Recordings;
use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;
use domain::SessionId;
use utoipa::ToSchema;

fn recordings(state: &AppState) -> Result<&Recordings, AppError> {
    state.recordings.as_ref().ok_or(AppError::NotFound("recording_disabled"))
}

/// Where a session's recording stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RecordingState {
    /// The call is live and being recorded.
    Recording,
    /// Closed: the manifest is final.
    Closed,
    /// Nothing was recorded (yet).
    None,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordingView {
    pub state: RecordingState,
    /// The manifest of a closed recording: segments, files, hashes, wall-clock mapping, health.
    #[schema(value_type = Option<Object>)]
    pub manifest: Option<serde_json::Value>,
    /// Live health while recording: per participant and medium, share of time with media and gaps.
    #[schema(value_type = Option<Object>)]
    pub health: Option<serde_json::Value>,
    /// Why the live recording failed, if it did.
    pub failure: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/recording", tag = "recordings",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = RecordingView), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_recording_state"))))]
pub async fn get_recording(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<RecordingView>, AppError> {
    let r = recordings(&state)?;
    let session = load(&state, &id).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::RecordingRead).session(&session.id), state.clock.now_ms()).await?;
    if let Some(live) = r.live(session.id.as_str()) {
        return Ok(Json(RecordingView {
            state: RecordingState::Recording,
            manifest: None,
            health: serde_json::to_value(live.health()).ok(),
            failure: live.failure(),
        }));
    }
    let manifest = r.manifest(session.id.as_str()).await?;
    Ok(Json(RecordingView {
        state: if manifest.is_some() { RecordingState::Closed } else { RecordingState::None },
        manifest: manifest.and_then(|m| serde_json::to_value(m).ok()),
        health: None,
        failure: None,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybackFile {
    pub segment: u32,
    pub participant: domain::Party,
    pub medium: domain::MediaKind,
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

/// Playback links live this long and only for the person they were issued to.
const PLAYBACK_TTL_MS: i64 = 30 * 60 * 1000;

#[utoipa::path(post, path = "/api/v1/sessions/{id}/recording/playback", tag = "recordings",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Playback), (status = 404, body = super::Problem, description = "`recording_not_found`")),
    extensions(("x-action" = json!("play_recording"))))]
pub async fn playback(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Playback>, AppError> {
    let r = recordings(&state)?;
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?;
    let manifest = r.manifest(session.id.as_str()).await?.ok_or(AppError::NotFound("recording_not_found"))?;
    let now = state.clock.now_ms();
    let expires_at = now + PLAYBACK_TTL_MS;
    let token = r.playback_token(session.id.as_str(), &staff.staff.id, expires_at);
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::PlaybackIssued).session(&session.id), now).await?;
    // Synchronised playback is driven by the manifest: every file starts at its own offset on
    // the recording's wall-clock timeline, so nothing is re-encoded into a composite.
    let origin = manifest.started_at;
    let files = manifest
        .segments
        .iter()
        .flat_map(|seg| seg.files.iter().map(move |f| (seg.index, f)))
        .filter_map(|(segment, f)| {
            Some(PlaybackFile {
            segment,
            participant: f.participant.parse().ok()?,
            medium: f.medium.as_str().parse().ok()?,
            offset_ms: f.start_wallclock_ms.saturating_sub(origin),
            duration_ms: f.duration_ms,
            url: format!("/recordings/{}/{}?t={token}", manifest.session_id, f.path),
            })
        })
        .collect();
    Ok(Json(Playback { expires_at, files }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    /// The playback token from `…/recording/playback`.
    t: Option<String>,
}

/// A recording file, with HTTP ranges, for the supervisor the playback token was issued to.
#[utoipa::path(get, path = "/recordings/{session}/{segment}/{file}", tag = "recordings",
    params(("session" = SessionId, Path, description = "Session id"),
        ("segment" = String, Path, description = "Segment directory, e.g. `seg-0000`", pattern = "^seg-[0-9]{4,}$"),
        ("file" = String, Path, description = "File name from the manifest, e.g. `customer-video.webm`", pattern = "^(customer|agent)-(audio|video)\\.webm$"),
        TokenQuery),
    responses((status = 200, description = "The file", content_type = "video/webm", body = Vec<u8>),
        (status = 206, description = "A byte range of the file", content_type = "video/webm", body = Vec<u8>),
        (status = 401, body = super::Problem, description = "`invalid_playback_token` (missing, expired, or issued to someone else), or not signed in"),
        (status = 404, body = super::Problem, description = "`recording_not_found`, `recording_file_not_found`"),
        (status = 416, description = "Range not satisfiable")),
    extensions(("x-action" = json!("fetch_recording_file"))))]
pub async fn file(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath((session, segment, name)): ApiPath<(String, String, String)>,
    ApiQuery(q): ApiQuery<TokenQuery>,
    req: Request,
) -> Result<Response, AppError> {
    let r = recordings(&state)?;
    let id = session_id(&session)?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?;
    let now = state.clock.now_ms();
    if !q.t.as_deref().is_some_and(|t| r.check_playback_token(id.as_str(), &staff.staff.id, t, now)) {
        return Err(AppError::unauthorized("invalid_playback_token", "ask for playback again"));
    }
    let relative = format!("{segment}/{name}");
    let manifest = r.manifest(id.as_str()).await?.ok_or(AppError::NotFound("recording_not_found"))?;
    if !manifest.segments.iter().flat_map(|s| &s.files).any(|f| f.path == relative) {
        return Err(AppError::NotFound("recording_file_not_found"));
    }
    // One audit row per playback start, not per range request.
    if !req.headers().get(axum::http::header::RANGE).and_then(|v| v.to_str().ok()).is_some_and(|r| r != "bytes=0-") {
        audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::RecordingFileServed).session(&id).target(relative.clone()), now).await?;
    }
    let mime = "video/webm".parse().map_err(|_| AppError::NotFound("mime"))?;
    let served = tower_http::services::ServeFile::new_with_mime(r.file_path(id.as_str(), &relative), &mime)
        .oneshot(req)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("serving a recording: {e}")))?;
    Ok(served.map(Body::new).into_response())
}
