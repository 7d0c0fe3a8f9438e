//! Face analysis: the ID reference photo, head-movement challenges and the stored AI events.

use super::ApiKey;
use crate::AppState;
use crate::ai;
use crate::error::AppError;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Largest accepted ID photo: a phone photo of a card is far below this.
const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

async fn require_session(state: &AppState, id: &str) -> Result<(), AppError> {
    crate::sessions::get(&state.db, id).await?.map(|_| ()).ok_or(AppError::NotFound("session_not_found"))
}

#[utoipa::path(put, path = "/api/v1/sessions/{id}/reference-photo",
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 204), (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn put_reference_photo(
    _key: ApiKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    require_session(&state, &id).await?;
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Check the bytes, not only the header: the sidecar decodes JPEG and PNG.
    let is_jpeg = body.starts_with(&[0xFF, 0xD8, 0xFF]);
    let is_png = body.starts_with(b"\x89PNG\r\n\x1a\n");
    if !(is_jpeg && ctype == "image/jpeg" || is_png && ctype == "image/png") {
        return Err(AppError::bad_request("unsupported_image", "send a JPEG (image/jpeg) or PNG (image/png) photo"));
    }
    if body.len() > MAX_PHOTO_BYTES {
        return Err(AppError::bad_request("image_too_large", "the photo is larger than 8 MiB"));
    }
    ai::store_reference_photo(&state.db, &id, ctype, &body).await?;
    if state.calls.get(&id).is_some() {
        if let Some(link) = state.ai.link(&id) {
            link.send(ai::Input::Reference(body.to_vec()));
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartChallenge {
    /// Explicit steps (`centre`, `left`, `right`, `up`, `down`; the subject's own directions).
    #[serde(default)]
    pub steps: Option<Vec<String>>,
    /// Or a number of random movements (1–8), each followed by `centre`.
    #[serde(default)]
    pub moves: Option<u8>,
    /// Time allowed per step (default 5000 ms).
    #[serde(default)]
    pub step_timeout_ms: Option<u32>,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/challenges", request_body = StartChallenge,
    responses((status = 202), (status = 400, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn start_challenge(
    _key: ApiKey,
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<StartChallenge>, axum::extract::rejection::JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(body) = body.map_err(|e| AppError::bad_request("invalid_body", e.body_text()))?;
    require_session(&state, &id).await?;
    if state.calls.get(&id).is_none() {
        return Err(AppError::Conflict { code: "not_in_call", message: "the session has no live call".into() });
    }
    ai::start_challenge(&state.ai, &id, body.steps, body.moves, body.step_timeout_ms).map_err(|e| match e {
        ai::ChallengeError::Invalid => AppError::bad_request(e.code(), e.to_string()),
        other => AppError::Conflict { code: other.code(), message: other.to_string() },
    })?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AiEvent {
    pub at: i64,
    pub kind: String,
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/ai-events",
    responses((status = 200, body = Vec<AiEvent>), (status = 404, body = crate::error::Problem)),
    security(("api_key" = [])))]
pub async fn ai_events(_key: ApiKey, State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Vec<AiEvent>>, AppError> {
    require_session(&state, &id).await?;
    let rows = ai::events(&state.db, &id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(at, kind, body)| AiEvent { at, kind, event: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null) })
            .collect(),
    ))
}
