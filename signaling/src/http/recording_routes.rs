//! Recordings: state and manifest of a session's recording, playback tokens (bound to the
//! staff member who asked, short-lived), and the files themselves with byte ranges. Files
//! are stored encrypted; a Range request decrypts only the chunks it covers ([`serve_plain`]).

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
    /// The manifest's path of the file (the timeline names files by it).
    pub path: String,
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
            path: f.path.clone(),
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
    let Some(entry) = manifest.segments.iter().flat_map(|s| &s.files).find(|f| f.path == relative).cloned() else {
        return Err(AppError::NotFound("recording_file_not_found"));
    };
    // One audit row per playback start, not per range request.
    if !req.headers().get(axum::http::header::RANGE).and_then(|v| v.to_str().ok()).is_some_and(|r| r != "bytes=0-") {
        audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::RecordingFileServed).session(&id).target(relative.clone()), now).await?;
    }
    if entry.encryption.is_some() {
        let plain = r.plain_file(&id, &entry).await.map_err(|e| match e {
            crate::recording::DecryptError::Vault(v) => super::evidence_routes::vault_error(v),
            other => AppError::Internal(anyhow::Error::new(other)),
        })?;
        let range = req.headers().get(axum::http::header::RANGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        return Ok(serve_plain(plain, range.as_deref(), &state));
    }
    // Files recorded before encryption at rest are served as they are.
    let mime = "video/webm".parse().map_err(|_| AppError::NotFound("mime"))?;
    let served = tower_http::services::ServeFile::new_with_mime(r.file_path(id.as_str(), &relative), &mime)
        .oneshot(req)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("serving a recording: {e}")))?;
    Ok(served.map(Body::new).into_response())
}

/// One `bytes=` range of a resource of `len` bytes: `Ok(None)` for none or one we ignore
/// (several ranges: the whole file is sent), `Err` when it cannot be satisfied.
pub fn parse_range(header: Option<&str>, len: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return Ok(None) };
    if spec.contains(',') {
        return Ok(None);
    }
    let (a, b) = spec.split_once('-').ok_or(())?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = match (a.is_empty(), b.is_empty()) {
        (false, _) => {
            let start: u64 = a.parse().map_err(|_| ())?;
            let end = if b.is_empty() { len.saturating_sub(1) } else { b.parse::<u64>().map_err(|_| ())?.min(len.saturating_sub(1)) };
            (start, end)
        }
        (true, false) => {
            let n: u64 = b.parse().map_err(|_| ())?;
            if n == 0 {
                return Err(());
            }
            (len.saturating_sub(n), len.saturating_sub(1))
        }
        (true, true) => return Err(()),
    };
    if start >= len || start > end {
        return Err(());
    }
    Ok(Some((start, end)))
}

/// Streams the plaintext of an encrypted recording file, whole or one range, decrypting only
/// the chunks the range covers (on a blocking thread; the storage may be a bucket).
fn serve_plain(file: crate::recording::PlainFile, range: Option<&str>, state: &AppState) -> Response {
    use axum::http::{HeaderValue, StatusCode, header};
    let len = file.len;
    let (status, start, end) = match parse_range(range, len) {
        Ok(Some((a, b))) => (StatusCode::PARTIAL_CONTENT, a, b),
        Ok(None) => (StatusCode::OK, 0, len.saturating_sub(1)),
        Err(()) => {
            let mut r = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return r;
        }
    };
    let body_len = if len == 0 { 0 } else { end - start + 1 };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    state.tasks.spawn_blocking(move || {
        let reader = match file.reader() {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "a recording file does not open");
                let _ = tx.blocking_send(Err(std::io::Error::other(e)));
                return;
            }
        };
        let step = u64::from(reader.chunk_size()) * 4;
        let mut pos = start;
        while pos < start + body_len {
            let n = step.min(start + body_len - pos);
            let piece = reader.read(pos, n).map_err(|e| {
                tracing::error!(error = %e, "a recording file does not decrypt");
                std::io::Error::other(e)
            });
            let failed = piece.is_err();
            if tx.blocking_send(piece.map(bytes::Bytes::from)).is_err() || failed {
                return;
            }
            pos += n;
        }
    });
    let stream = futures::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let mut r = Response::new(Body::from_stream(stream));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("video/webm"));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(v) = HeaderValue::from_str(&body_len.to_string()) {
        h.insert(header::CONTENT_LENGTH, v);
    }
    if status == StatusCode::PARTIAL_CONTENT {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")) {
            h.insert(header::CONTENT_RANGE, v);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges_are_read_like_http_says_and_unsatisfiable_ones_refused() {
        assert_eq!(parse_range(None, 1000), Ok(None));
        assert_eq!(parse_range(Some("bytes=100-199"), 1000), Ok(Some((100, 199))));
        assert_eq!(parse_range(Some("bytes=900-"), 1000), Ok(Some((900, 999))));
        assert_eq!(parse_range(Some("bytes=-100"), 1000), Ok(Some((900, 999))));
        assert_eq!(parse_range(Some("bytes=0-5000"), 1000), Ok(Some((0, 999))));
        assert_eq!(parse_range(Some("bytes=1000-"), 1000), Err(()));
        assert_eq!(parse_range(Some("bytes=5-1"), 1000), Err(()));
        assert_eq!(parse_range(Some("bytes=0-1,5-6"), 1000), Ok(None));
        assert_eq!(parse_range(Some("items=0-1"), 1000), Ok(None));
    }
}
