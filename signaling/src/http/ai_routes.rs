//! Face analysis: the ID reference photo, head-movement challenges and the stored AI events.

use super::error::AppError;
use super::extract::{ApiBytes, ApiJson, ApiPath};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::ai;
use crate::audit::{self, AuditAction, Entry};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use super::schemas::Binary;
use domain::SessionId;
use utoipa::ToSchema;

/// Largest accepted ID photo: a phone photo of a card is far below this.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

#[utoipa::path(put, path = "/api/v1/sessions/{id}/reference-photo", tag = "face-analysis",
    params(("id" = SessionId, Path, description = "Session id")),
    request_body(content((Binary = "image/jpeg"), (Binary = "image/png")), description = "The ID document's portrait, JPEG or PNG (the bytes must be of the type named), up to 8 MiB"),
    responses((status = 204, description = "Stored; a live call's analysis uses it at once"), (status = 404, body = super::Problem),
        (status = 415, body = super::Problem, description = "`unsupported_image`"), (status = 413, body = super::Problem, description = "`image_too_large`")),
    extensions(("x-action" = json!("write_reference_photo"))))]
pub async fn put_reference_photo(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> Result<StatusCode, AppError> {
    let session = load(&state, &id).await?;
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if body.len() > MAX_PHOTO_BYTES {
        return Err(AppError::PayloadTooLarge { code: "image_too_large", message: "the photo is larger than 8 MiB".into() });
    }
    // Check the bytes, not only the header: the sidecar decodes JPEG and PNG.
    let is_jpeg = body.starts_with(&[0xFF, 0xD8, 0xFF]);
    let is_png = body.starts_with(b"\x89PNG\r\n\x1a\n");
    if !(is_jpeg && ctype == "image/jpeg" || is_png && ctype == "image/png") {
        return Err(AppError::UnsupportedMediaType { code: "unsupported_image", message: "send a JPEG (image/jpeg) or PNG (image/png) photo".into() });
    }
    ai::store_reference_photo(&state.db, session.id.as_str(), ctype, &body, state.clock.now_ms()).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ReferencePhotoWritten).session(&session.id), state.clock.now_ms()).await?;
    if state.calls.get(session.id.as_str()).is_some() {
        if let Some(link) = state.ai.link(session.id.as_str()) {
            link.send(ai::Input::Reference(body.to_vec()));
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Explicit `steps` or a number of random `moves`: exactly one of the two.
#[derive(Debug, Deserialize)]
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

/// The steps `ai::start_challenge` accepts, and at most how many: a copy of its checks for the
/// document (the `ai` module keeps its own private).
const STEP_NAMES: [&str; 6] = ["centre", "center", "left", "right", "up", "down"];
const MAX_STEPS: usize = 17;

impl utoipa::PartialSchema for StartChallenge {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, AllOfBuilder, ArrayBuilder, ObjectBuilder, OneOfBuilder, SchemaType, Type};
        let nullable = |t: Type| SchemaType::from_iter([t, Type::Null]);
        let step = ObjectBuilder::new().schema_type(Type::String).enum_values(Some(STEP_NAMES));
        let steps = ArrayBuilder::new().schema_type(nullable(Type::Array)).items(step).min_items(Some(1)).max_items(Some(MAX_STEPS));
        let moves = ObjectBuilder::new().schema_type(nullable(Type::Integer)).minimum(Some(1)).maximum(Some(8));
        let timeout = ObjectBuilder::new().schema_type(nullable(Type::Integer)).minimum(Some(0)).maximum(Some(u32::MAX));
        let fields = ObjectBuilder::new()
            .property("steps", steps)
            .property("moves", moves)
            .property("step_timeout_ms", timeout)
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        let only = |present: &str, typ: Type, absent: &str| {
            ObjectBuilder::new()
                .property(present, ObjectBuilder::new().schema_type(typ))
                .required(present)
                .property(absent, ObjectBuilder::new().schema_type(Type::Null))
        };
        AllOfBuilder::new()
            .description(Some(
                "Explicit `steps` (`centre`, `left`, `right`, `up`, `down`; the subject's own directions) or a number of random `moves` \
                 (1–8, each followed by `centre`): exactly one of the two. `step_timeout_ms` (default 5000) is kept within 1000–30000.",
            ))
            .item(fields)
            .item(OneOfBuilder::new().item(only("steps", Type::Array, "moves")).item(only("moves", Type::Integer, "steps")))
            .into()
    }
}

impl ToSchema for StartChallenge {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("StartChallenge")
    }
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/challenges", tag = "face-analysis", request_body = StartChallenge,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 202, description = "Started; steps arrive as `ai` events on the call socket"), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`not_in_call`, `ai_busy`"),
        (status = 422, body = super::Problem, description = "`invalid_challenge`"),
        (status = 503, body = super::Problem, description = "`ai_unavailable`")),
    extensions(("x-action" = json!("start_challenge"))))]
pub async fn start_challenge(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<StartChallenge>,
) -> Result<StatusCode, AppError> {
    let session = load(&state, &id).await?;
    if state.calls.get(session.id.as_str()).is_none() {
        return Err(AppError::conflict("not_in_call", "the session has no live call"));
    }
    ai::start_challenge(&state.ai, session.id.as_str(), body.steps, body.moves, body.step_timeout_ms).map_err(challenge_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ChallengeStarted).session(&session.id), state.clock.now_ms()).await?;
    Ok(StatusCode::ACCEPTED)
}

pub fn challenge_error(e: ai::ChallengeError) -> AppError {
    match e {
        ai::ChallengeError::Invalid => AppError::unprocessable(e.code(), e.to_string()),
        ai::ChallengeError::AiDisabled => AppError::Unavailable { code: e.code() },
        ai::ChallengeError::Busy => AppError::conflict(e.code(), e.to_string()),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AiEvent {
    pub at: i64,
    pub kind: String,
    /// The event as the sidecar reported it (an object; `null` if the stored row is unreadable).
    #[schema(value_type = Option<Object>)]
    pub event: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/ai-events", tag = "face-analysis",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Vec<AiEvent>), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_ai_events"))))]
pub async fn ai_events(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Vec<AiEvent>>, AppError> {
    let session = load(&state, &id).await?;
    let rows = ai::events(&state.db, session.id.as_str()).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::AiEventsRead).session(&session.id), state.clock.now_ms()).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(at, kind, body)| AiEvent { at, kind, event: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null) })
            .collect(),
    ))
}
