//! An identification's status and result as the integrator and the customer see them, and the
//! announcement of a decision: [`decision_changed`] queues the integrator's webhooks
//! (`identification.decided`, `identification.final`) and the customer's e-mail.

use crate::AppState;
use crate::db::Db;
use crate::evidence::consent;
use crate::evidence::decision::{self, Decision, DecisionStatus, Outcome};
use crate::outbox::{mail, webhooks};
use crate::sessions::Session;
use domain::{EndReason, SessionId, SessionStatus};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;
use utoipa::ToSchema;

/// Where an identification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema, strum::AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// Nothing done by the customer yet.
    Created,
    /// The customer has begun (consent, form, document, queue or call).
    InProgress,
    /// The agent decided; a second person reviews before the result is final.
    PendingReview,
    /// The result is final.
    Final,
    /// The session ended without a decision (expired, hung up, ended by the integrator or staff).
    Ended,
}

/// The status of `session` given its decision.
pub async fn status(db: &Db, session: &Session, decision: Option<&Decision>) -> Result<Status, sqlx::Error> {
    if let Some(d) = decision {
        return Ok(match d.status {
            DecisionStatus::Final => Status::Final,
            DecisionStatus::PendingReview => Status::PendingReview,
        });
    }
    if session.status == SessionStatus::Ended {
        return Ok(Status::Ended);
    }
    if session.status == SessionStatus::Active {
        return Ok(Status::InProgress);
    }
    let id = session.id.as_str().to_owned();
    let begun: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM consents WHERE session_id = $1) + (SELECT COUNT(*) FROM journeys WHERE session_id = $1 AND started_at IS NOT NULL) \
         + (SELECT COUNT(*) FROM id_documents WHERE session_id = $1)",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(if begun > 0 { Status::InProgress } else { Status::Created })
}

/// What a final result relied on, by reference: hashes and ids, models, never images or data.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceRefs {
    /// SHA-256 of the decision's stored evidence record (the audit log names the same hash).
    pub decision_evidence_sha256: String,
    #[schema(value_type = Object)]
    pub profile: Value,
    /// Stills the decision relied on: id, kind, SHA-256 of the image.
    #[schema(value_type = Vec<Object>)]
    pub stills: Vec<Value>,
    /// ID document captures: id, type, side, SHA-256, MRZ check digits, OCR models.
    #[schema(value_type = Vec<Object>)]
    pub documents: Vec<Value>,
    /// The recording's state at the decision and the SHA-256 of its manifest.
    #[schema(value_type = Object)]
    pub recording: Value,
    /// AI events relied on: kind, event id, verdict, the models that produced them.
    #[schema(value_type = Vec<Object>)]
    pub ai_events: Vec<Value>,
    /// The consent records in force: kind, text version (SHA-256), time.
    #[schema(value_type = Vec<Object>)]
    pub consents: Vec<Value>,
}

/// A decided identification's result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResultView {
    pub outcome: Outcome,
    pub reasons: Vec<String>,
    /// Unix ms.
    pub decided_at: i64,
    pub evidence: EvidenceRefs,
}

pub async fn evidence_refs(db: &Db, session: &SessionId, d: &Decision) -> Result<EvidenceRefs, sqlx::Error> {
    let ev = &d.evidence;
    let stills = ev["stills"].as_array().cloned().unwrap_or_default().into_iter().map(|s| json!({"id": s["id"], "kind": s["kind"], "sha256": s["sha256"]})).collect();
    let ai_events = ["face_match", "challenge", "antispoof"]
        .iter()
        .filter(|k| !ev[**k].is_null())
        .map(|k| json!({"kind": k, "event_id": ev[*k]["event_id"], "verdict": ev[*k]["verdict"], "models": ev[*k]["models"]}))
        .collect();
    let rows = sqlx::query("SELECT id, doc_type, side, sha256, check_digits_ok, models FROM id_documents WHERE session_id = $1 ORDER BY created_at, id")
        .bind(session.as_str().to_owned())
        .fetch_all(db)
        .await?;
    let mut documents = vec![];
    for r in &rows {
        documents.push(json!({
            "id": r.try_get::<String, _>("id")?,
            "doc_type": r.try_get::<String, _>("doc_type")?,
            "side": r.try_get::<String, _>("side")?,
            "sha256": r.try_get::<String, _>("sha256")?,
            "check_digits_ok": r.try_get::<Option<i64>, _>("check_digits_ok")?.map(|v| v != 0),
            "models": serde_json::from_str::<Value>(&r.try_get::<String, _>("models")?).unwrap_or_default(),
        }));
    }
    let manifest: Option<String> = sqlx::query_scalar("SELECT manifest FROM recordings WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?;
    let history = consent::history(db, session).await?;
    let in_force = consent::in_force(&history);
    let consents = history
        .iter()
        .filter(|c| in_force.contains(&c.kind) && c.decision == consent::ConsentDecision::Given)
        .map(|c| json!({"kind": c.kind, "text_version": c.text_version, "language": c.language, "at": c.at}))
        .collect();
    Ok(EvidenceRefs {
        decision_evidence_sha256: hex::encode(Sha256::digest(ev.to_string().as_bytes())),
        profile: ev["profile"].clone(),
        stills,
        documents,
        recording: json!({"state": ev["recording"], "manifest_sha256": manifest.map(|m| hex::encode(Sha256::digest(m.as_bytes())))}),
        ai_events,
        consents,
    })
}

/// The integrator's view of a session.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IdentificationView {
    pub id: SessionId,
    pub status: Status,
    pub profile: String,
    pub profile_version: String,
    pub external_ref: Option<String>,
    /// `null` until chosen (by the integrator, or the customer's browser on the first visit).
    pub language: Option<String>,
    pub return_url: Option<String>,
    pub created_at: i64,
    pub ended_at: Option<i64>,
    pub end_reason: Option<EndReason>,
    /// Present once the result is final.
    pub result: Option<ResultView>,
}

pub async fn view(db: &Db, session: &Session) -> Result<IdentificationView, sqlx::Error> {
    let journey = super::get(db, &session.id).await?;
    let d = decision::get(db, &session.id).await?;
    let status = status(db, session, d.as_ref()).await?;
    let result = match d.filter(|d| d.status == DecisionStatus::Final) {
        Some(d) => Some(ResultView { outcome: d.outcome, reasons: d.reasons.clone(), decided_at: d.decided_at, evidence: evidence_refs(db, &session.id, &d).await? }),
        None => None,
    };
    Ok(IdentificationView {
        id: session.id.clone(),
        status,
        profile: session.profile.clone(),
        profile_version: session.profile_version.clone(),
        external_ref: session.external_ref.clone(),
        language: journey.as_ref().and_then(|j| j.language.clone()),
        return_url: journey.and_then(|j| j.return_url),
        created_at: session.created_at,
        ended_at: session.ended_at,
        end_reason: session.end_reason,
        result,
    })
}

/// Announces the session's current decision: `identification.decided` (with the outcome only
/// once final), then — final — `identification.final` and the result e-mail, or — pending
/// review — the "being reviewed" e-mail. Idempotent: each message has a fixed id. Sessions
/// without a journey (plain API sessions) announce nothing.
pub async fn decision_changed(state: &AppState, session: &SessionId) -> Result<(), sqlx::Error> {
    let Some(d) = decision::get(&state.db, session).await? else { return Ok(()) };
    if super::get(&state.db, session).await?.is_none() {
        return Ok(());
    }
    let now = state.clock.now_ms();
    let external_ref = state.sessions.get(session).await?.and_then(|s| s.external_ref);
    let mut data = json!({"id": session, "external_ref": external_ref, "status": d.status});
    if d.status == DecisionStatus::Final {
        data["outcome"] = json!(d.outcome);
    }
    webhooks::enqueue(&state.db, session, webhooks::DECIDED, data, now).await?;
    match d.status {
        DecisionStatus::Final => identification_final(state, session).await,
        DecisionStatus::PendingReview => mail::enqueue_journey(&state.db, session, "under_review", now).await.map(|_| ()),
    }
}

/// The result became final (directly, or by the four-eyes review): queues
/// `identification.final` and the result e-mail. Reads the outcome from the stored decision.
pub async fn identification_final(state: &AppState, session: &SessionId) -> Result<(), sqlx::Error> {
    let Some(d) = decision::get(&state.db, session).await? else { return Ok(()) };
    if super::get(&state.db, session).await?.is_none() {
        return Ok(());
    }
    let now = state.clock.now_ms();
    let external_ref = state.sessions.get(session).await?.and_then(|s| s.external_ref);
    let data = json!({"id": session, "external_ref": external_ref, "status": "final", "outcome": d.outcome, "reasons": d.reasons, "decided_at": d.decided_at});
    webhooks::enqueue(&state.db, session, webhooks::FINAL, data, now).await?;
    mail::enqueue_journey(&state.db, session, "result", now).await?;
    Ok(())
}
