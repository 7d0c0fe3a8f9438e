//! The customer's ID document: captures uploaded (after consent), read by media-ai on a
//! connection of their own, refused with a retake hint when unusable, stored sealed with their
//! reading; the MRZ fills the form's empty fields and every disagreement is kept for the agent.

use super::error::AppError;
use super::evidence_routes::vault_error;
use super::extract::{ApiBytes, ApiPath, ApiQuery};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::ai::document::{self, ReadError};
use crate::audit::{self, AuditAction, Entry};
use crate::evidence::{consent, stills};
use crate::journey::application::{self, Application, EventKind, MrzReview};
use crate::journey::documents::{self, Document, NewDocument, Side, Verdict};
use crate::journey::mrz::{self, MatchStatus};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde::Deserialize;
use std::time::Duration;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentQuery {
    pub side: Side,
    /// The document type, one of the profile's `documents` (`passport`, `id_card`, …).
    #[serde(rename = "type")]
    #[param(rename = "type", max_length = 64)]
    pub doc_type: String,
}

fn retake(code: &str) -> AppError {
    // Static codes only: the hint becomes the problem's code, which the UI translates.
    let code: &'static str = match code {
        "no_document" => "no_document",
        "document_cut_off" => "document_cut_off",
        "blurred" => "blurred",
        "glare" => "glare",
        _ => "retake",
    };
    AppError::unprocessable(code, "take the photo again: the document must be whole, sharp and without glare")
}

fn refused_by_reader(code: &str) -> AppError {
    match code {
        "not_an_image" | "image_decode_failed" => AppError::UnsupportedMediaType { code: "unsupported_image", message: "the upload is not a readable JPEG or PNG image".into() },
        "image_too_large" => AppError::PayloadTooLarge { code: "image_too_large", message: "the image is larger than allowed".into() },
        "image_dimensions_too_large" => AppError::unprocessable("image_dimensions", "the image's dimensions are not plausible for a camera photo"),
        _ => AppError::Unavailable { code: "document_reader_failed" },
    }
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/documents", tag = "journey", params(("id" = domain::SessionId, Path, description = "Session id"), DocumentQuery),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The capture (JPEG or PNG), at most 12 MiB"),
    responses((status = 201, body = Document, description = "Kept: the reading, and the MRZ's comparison with the application"),
        (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`consent_required`"),
        (status = 413, body = super::Problem, description = "`image_too_large`"),
        (status = 415, body = super::Problem, description = "`unsupported_image`"),
        (status = 422, body = super::Problem, description = "`document_type_not_allowed`, `image_dimensions`; retake hints `blurred`, `glare`, `document_cut_off`, `no_document`; `mrz_not_found` (the MRZ side shows none)"),
        (status = 503, body = super::Problem, description = "`document_reader_unavailable`, `document_reader_timeout`")),
    extensions(("x-action" = json!("upload_document"))))]
pub async fn upload_document(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiQuery(q): ApiQuery<DocumentQuery>, ApiBytes(body): ApiBytes) -> Result<(StatusCode, Json<Document>), AppError> {
    let session = load(&state, &id).await?;
    if !consent::allows_media(&consent::history(&state.db, &session.id).await?) {
        return Err(AppError::conflict("consent_required", "the customer has not consented to processing, recording and biometrics"));
    }
    let profile = state.profiles.get(&session.profile).cloned().ok_or(AppError::Internal(anyhow::anyhow!("session names an unknown profile")))?;
    if !profile.documents.iter().any(|d| *d == q.doc_type) {
        return Err(AppError::unprocessable("document_type_not_allowed", "the profile does not accept this type of document"));
    }
    // Header checks before anything decodes the image (the sidecar checks again).
    let (ctype, width, height) = stills::inspect(&body).map_err(|r| match r {
        stills::StillRefusal::TooLarge => AppError::PayloadTooLarge { code: r.code(), message: r.to_string() },
        stills::StillRefusal::NotAnImage => AppError::UnsupportedMediaType { code: r.code(), message: r.to_string() },
        stills::StillRefusal::BadDimensions => AppError::unprocessable(r.code(), r.to_string()),
    })?;
    let addr = state.config.ai.sidecar.ok_or(AppError::Unavailable { code: "document_reader_unavailable" })?;
    let limit = Duration::from_secs(state.config.journey.document_read_timeout_secs.max(1));
    let year = state.clock.now().year();
    let answer = document::read(addr, &state.config.ai.secret, &body, year, limit).await.map_err(|e| match e {
        ReadError::Timeout => AppError::Unavailable { code: "document_reader_timeout" },
        ReadError::Refused(code) => refused_by_reader(&code),
        ReadError::Unavailable | ReadError::Misconfigured => AppError::Unavailable { code: "document_reader_unavailable" },
    })?;
    let mrz_expected = documents::mrz_side(&q.doc_type) == Some(q.side);
    let reading = match documents::judge(&answer, mrz_expected) {
        Verdict::Keep(r) => r,
        Verdict::Retake(hint) => return Err(retake(&hint)),
        Verdict::NoMrz => return Err(AppError::unprocessable("mrz_not_found", "the machine-readable zone could not be read: photograph the whole page, flat and sharp")),
        Verdict::Malformed => return Err(AppError::Unavailable { code: "document_reader_failed" }),
    };
    let now = state.clock.now_ms();
    let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
    let mut app = application::load(&state.db, &key, &session.id).await.map_err(vault_error)?.unwrap_or_else(|| Application::new(now));
    let comparison = match &reading.mrz {
        Some(m) => mrz::compare(&app.applicant, m, mrz::names_truncated(m, &reading.lines)),
        None => vec![],
    };
    let doc = documents::store(&state.db, &key, &session.id, NewDocument { doc_type: &q.doc_type, side: q.side, content_type: ctype, width, height, bytes: &body, reading: &reading, comparison: comparison.clone() }, now).await?;
    if reading.mrz.is_some() {
        // The MRZ fills what the form left empty; anything filled or different waits for the customer.
        app.applicant = mrz::fill(&app.applicant, &comparison);
        app.from_mrz.extend(comparison.iter().filter(|c| c.status == MatchStatus::FilledFromMrz).map(|c| c.field.clone()));
        let differs = comparison.iter().any(|c| c.status != MatchStatus::Equal);
        app.mrz_review = if differs { MrzReview::Pending } else { MrzReview::None };
        app.updated_at = now;
        application::save(&state.db, &key, &session.id, &app).await?;
        let record = serde_json::json!({"document_id": doc.id, "mrz": doc.mrz, "check_digits_ok": doc.check_digits_ok, "comparison": comparison});
        application::append_event(&state.db, &key, &session.id, EventKind::MrzRead, &record, now).await?;
    }
    let detail = format!("{}:{}:mrz={}:check_digits={:?}", q.doc_type, q.side.as_ref(), reading.mrz.is_some(), reading.check_digits_ok);
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::DocumentCaptured).session(&session.id).target(doc.id.clone()).detail(detail), now).await?;
    Ok((StatusCode::CREATED, Json(doc)))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/documents", tag = "journey",
    params(("id" = domain::SessionId, Path, description = "Session id")),
    responses((status = 200, body = Vec<Document>, description = "Captures with their MRZ and its comparison with the application"), (status = 404, body = super::Problem),
        (status = 410, body = super::Problem, description = "`data_erased`")),
    extensions(("x-action" = json!("read_documents"))))]
pub async fn list_documents(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Vec<Document>>, AppError> {
    let session = load(&state, &id).await?;
    let docs = match state.vault.existing_key(&session.id).await {
        Ok(key) => documents::list(&state.db, &key, &session.id).await.map_err(vault_error)?,
        Err(crate::vault::VaultError::NoKey) => {
            if erased(&state, &session.id).await? {
                return Err(vault_error(crate::vault::VaultError::NoKey));
            }
            vec![]
        }
        Err(e) => return Err(vault_error(e)),
    };
    // Every read of personal data is audited, the customer's own included.
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::DocumentsRead).session(&session.id).detail(docs.len().to_string()), state.clock.now_ms()).await?;
    Ok(Json(docs))
}

/// Whether the session's data key was destroyed (as opposed to never created).
async fn erased(state: &AppState, session: &domain::SessionId) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM session_keys WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_one(&state.db).await?;
    Ok(n > 0)
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/documents/{document_id}", tag = "journey",
    params(("id" = domain::SessionId, Path, description = "Session id"), ("document_id" = String, Path, description = "Capture id", pattern = "^[0-9a-f]{32}$")),
    responses((status = 200, description = "The image", content_type = "image/jpeg", body = Vec<u8>), (status = 404, body = super::Problem, description = "`document_not_found`"),
        (status = 410, body = super::Problem, description = "`data_erased`")),
    extensions(("x-action" = json!("read_documents"))))]
pub async fn get_document_image(caller: Caller, State(state): State<AppState>, ApiPath((id, doc)): ApiPath<(String, String)>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    let key = match state.vault.existing_key(&session.id).await {
        Ok(k) => k,
        Err(crate::vault::VaultError::NoKey) => {
            let gone = erased(&state, &session.id).await?;
            return Err(if gone { vault_error(crate::vault::VaultError::NoKey) } else { AppError::NotFound("document_not_found") });
        }
        Err(e) => return Err(vault_error(e)),
    };
    let (ctype, bytes) = documents::image(&state.db, &key, &session.id, &doc).await.map_err(vault_error)?.ok_or(AppError::NotFound("document_not_found"))?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::DocumentImageRead).session(&session.id).target(doc), state.clock.now_ms()).await?;
    Ok(([(header::CONTENT_TYPE, ctype)], bytes).into_response())
}
