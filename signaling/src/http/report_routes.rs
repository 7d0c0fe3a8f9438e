//! The compliance report (JSON — signed —, HTML, PDF), the evidence package export and the
//! deployment's public signing key.

use super::error::AppError;
use super::extract::{ApiPath, ApiQuery};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::report::Report;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use super::schemas::Binary;
use domain::SessionId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Json,
    Html,
    Pdf,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// `json` (default; signed: see the `x-signature-ed25519` header), `html` or `pdf`.
    #[param(inline)]
    pub format: Option<ReportFormat>,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/report", tag = "report", params(("id" = SessionId, Path, description = "Session id"), ReportQuery),
    responses((status = 200, description = "JSON (`format=json`, the default): exactly the signed bytes; `x-signature-ed25519` (hex) and `x-signing-key` (fingerprint) carry the signature. HTML or PDF with `format=html|pdf`",
            content((Report = "application/json"), (String = "text/html"), (Binary = "application/pdf"))),
        (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_report"))))]
pub async fn report(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiQuery(q): ApiQuery<ReportQuery>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    let format = q.format.unwrap_or_default();
    let now = state.clock.now_ms();
    let resp = match format {
        ReportFormat::Json => {
            let (_, doc) = crate::report::signed_json(&state, &session).await?;
            let mut r = ([(header::CONTENT_TYPE, "application/json")], doc.body).into_response();
            for (name, value) in [("x-signature-ed25519", doc.signature), ("x-signing-key", doc.key_fingerprint), ("x-content-sha256", doc.sha256)] {
                if let Ok(v) = HeaderValue::from_str(&value) {
                    r.headers_mut().insert(name, v);
                }
            }
            r
        }
        ReportFormat::Html => {
            let rep = crate::report::build(&state, &session, now).await?;
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], crate::report::html::render(&rep)).into_response()
        }
        ReportFormat::Pdf => {
            let rep = crate::report::build(&state, &session, now).await?;
            let disposition = format!("inline; filename=\"report-{}.pdf\"", session.id);
            ([(header::CONTENT_TYPE, "application/pdf".to_owned()), (header::CONTENT_DISPOSITION, disposition)], crate::report::pdf::render(&rep)).into_response()
        }
    };
    let kind = match format {
        ReportFormat::Json => "json",
        ReportFormat::Html => "html",
        ReportFormat::Pdf => "pdf",
    };
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ReportRead).session(&session.id).target(kind), now).await?;
    Ok(resp)
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/evidence-package", tag = "report",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, description = "The package: a tar of every file with its Ed25519 signature, `SIGNATURES`, the public key and a README", content_type = "application/x-tar", body = Vec<u8>),
        (status = 404, body = super::Problem), (status = 410, body = super::Problem, description = "`data_erased`")),
    extensions(("x-action" = json!("export_evidence"))))]
pub async fn export(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    let prepared = crate::evidence_package::prepare(&state, &session).await.map_err(|e| match e {
        crate::evidence_package::ExportError::Vault(v) => super::evidence_routes::vault_error(v),
        crate::evidence_package::ExportError::Decrypt(crate::recording::DecryptError::Vault(v)) => super::evidence_routes::vault_error(v),
        // The session was erased while its package was being made (its rows are gone).
        other if vanished(&other) => AppError::NotFound("session_not_found"),
        other => AppError::Internal(anyhow::Error::new(other)),
    })?;
    audit::append(
        &state.db,
        Entry::new(caller.principal.actor(), AuditAction::EvidenceExported).session(&session.id).detail(format!("signatures_sha256={}", prepared.signatures_sha256())),
        state.clock.now_ms(),
    )
    .await?;
    let name = prepared.file_name();
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    state.tasks.spawn_blocking(move || {
        let out = crate::evidence_package::ChannelWriter::new(tx.clone());
        if let Err(e) = crate::evidence_package::write(&prepared, out) {
            tracing::warn!(error = %e, "evidence package not completely sent");
            let _ = tx.blocking_send(Err(e));
        }
    });
    let stream = futures::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok(([(header::CONTENT_TYPE, "application/x-tar".to_owned()), (header::CONTENT_DISPOSITION, disposition)], Body::from_stream(stream)).into_response())
}

/// Whether a database refused a row because what it refers to is gone.
fn vanished(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(sqlx::Error::Database(d)) = err.downcast_ref::<sqlx::Error>() {
            return d.kind() == sqlx::error::ErrorKind::ForeignKeyViolation;
        }
        cur = err.source();
    }
    false
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SigningKey {
    /// `Ed25519`.
    pub algorithm: String,
    /// SHA-256 of the raw 32-byte public key, hex: compare with a package's `public_key.pem`.
    pub fingerprint: String,
    /// SubjectPublicKeyInfo PEM (`openssl pkeyutl -verify -pubin -inkey …`).
    pub public_key_pem: String,
    /// The raw public key, hex.
    pub public_key_hex: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct KeyQuery {
    /// `pem` for the PEM file itself (default: JSON).
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/signing-key", tag = "report", params(KeyQuery),
    responses((status = 200, description = "JSON, or with `format=pem` the PEM file", content((SigningKey = "application/json"), (String = "application/x-pem-file")))),
    extensions(("x-action" = json!("read_signing_key"))))]
pub async fn signing_key(State(state): State<AppState>, ApiQuery(q): ApiQuery<KeyQuery>) -> Result<Response, AppError> {
    let pem = state.signer.public_pem();
    if q.format.as_deref() == Some("pem") {
        return Ok(([(header::CONTENT_TYPE, "application/x-pem-file")], pem).into_response());
    }
    Ok(axum::Json(SigningKey {
        algorithm: "Ed25519".into(),
        fingerprint: state.signer.fingerprint(),
        public_key_pem: pem,
        public_key_hex: hex::encode(state.signer.verifying_key().as_bytes()),
    })
    .into_response())
}
