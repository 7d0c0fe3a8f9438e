//! Four eyes: a decision that needs a second person (the profile's rule or risk-based
//! sampling, [`sampling`]) waits as `pending_review` until a supervisor who did not make it
//! confirms or overturns it with a reason ([`record`]); only then is the result final, signed,
//! and written to the audit chain. The integrator hears of it from the stored decision: the
//! outbox sweep (`outbox/sweep.rs`) queues `identification.final` for an identification, so
//! a crash between the finality and its announcement loses nothing. Who may review is the
//! policy's (`Who::Reviewer`, with the fact [`decided_by`]); the rules of a verdict are here.

pub mod sampling;

use crate::AppState;
use crate::audit::{self, Actor, AuditAction, Entry};
use crate::db::Db;
use crate::evidence::checklist::{self, Facts};
use crate::evidence::decision::{self, Decision, DecisionStatus, Outcome};
use crate::signed::{self, Kind};
use domain::{SessionId, StaffId};
use rand::Rng;
use sampling::{ReviewReason, Signals};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// Whether `staff` made the session's decision (the policy's four-eyes fact).
pub async fn decided_by(db: &Db, staff: &StaffId, session: &SessionId) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT 1 AS x FROM decisions WHERE session_id = $1 AND staff_id = $2")
        .bind(session.as_str().to_owned())
        .bind(staff.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

/// The risk signals of a session about to be decided.
pub async fn signals(state: &AppState, session: &SessionId, facts: &Facts, override_reason: Option<&str>) -> Result<Signals, sqlx::Error> {
    let flags = crate::archive::index::ai_flags_of(&state.db, session).await?;
    let quality_warnings: Option<(i64,)> = sqlx::query_as("SELECT COUNT(*) FROM ai_events WHERE session_id = $1 AND kind = 'quality' AND body NOT LIKE '%\"flags\":[]%'")
        .bind(session.as_str().to_owned())
        .fetch_optional(&state.db)
        .await?;
    let health = match &state.recordings {
        Some(r) => match r.live(session.as_str()) {
            Some(live) => Some((live.health(), 0)),
            None => r.manifest(session.as_str()).await?.map(|m| (m.health.clone(), m.segments.len().saturating_sub(1))),
        },
        None => None,
    };
    let gaps = health.as_ref().is_some_and(|(h, reconnects)| *reconnects > 0 || h.tracks.iter().any(|t| !t.gaps.is_empty()));
    let undecided_match = facts.face_match.as_ref().is_some_and(|f| f.verdict != "match" && f.verdict != "no_match");
    Ok(Signals {
        no_match: flags.face_no_match || facts.face_match.as_ref().is_some_and(|f| f.verdict == "no_match"),
        overridden: override_reason.is_some_and(|r| !r.trim().is_empty()),
        low_quality: gaps || undecided_match || quality_warnings.is_some_and(|(n,)| n > 0) || matches!(facts.recording, Some(checklist::RecordingFact::Unhealthy { .. })),
    })
}

/// Decides whether a new decision is final or waits for review, and why.
pub async fn route(state: &AppState, profile: &crate::profiles::Profile, session: &SessionId, facts: &Facts, override_reason: Option<&str>) -> Result<(DecisionStatus, Vec<ReviewReason>), sqlx::Error> {
    let s = signals(state, session, facts, override_reason).await?;
    let draw = rand::rngs::OsRng.gen_range(0..100u8);
    let reasons = sampling::reasons(profile, s, draw);
    Ok((if reasons.is_empty() { DecisionStatus::Final } else { DecisionStatus::PendingReview }, reasons))
}

/// After a decision is stored: the review reasons kept, the archive row refreshed, the
/// decision signed, and — when final at once — the result handed on.
pub async fn after_decision(state: &AppState, session: &SessionId, reasons: &[ReviewReason]) -> Result<(), sqlx::Error> {
    if !reasons.is_empty() {
        let text = serde_json::to_string(reasons).unwrap_or_default();
        sqlx::query("UPDATE decisions SET review_reasons = $2 WHERE session_id = $1").bind(session.as_str().to_owned()).bind(text).execute(&state.db).await?;
    }
    crate::archive::index::refresh_logged(state, session).await;
    let Some(d) = decision::get(&state.db, session).await? else { return Ok(()) };
    let doc = sign_decision(state, session, &d, None).await?;
    if d.status == DecisionStatus::Final {
        finalise(state, session, &d, &doc.sha256).await?;
    }
    Ok(())
}

/// A reviewer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS, strum::AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    Confirm,
    Overturn,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReviewInput {
    pub verdict: Verdict,
    /// With `overturn`: the outcome that replaces the agent's.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// With `overturn` to `rejected` or `inconclusive`: the profile's reason codes.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Why (at least 10 characters, at most 2000).
    #[schema(max_length = 2000, pattern = r"^[ \t\n\r]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{8,}[^\s\u0000-\u001F\u007F-\u009F][ \t\n\r]*$")]
    pub reason: String,
}

/// A stored review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Review {
    pub reviewer_id: String,
    pub verdict: Verdict,
    pub outcome_before: Outcome,
    pub outcome_after: Outcome,
    pub reasons: Vec<String>,
    pub reason: String,
    #[ts(type = "number")]
    pub reviewed_at: i64,
}

/// Why a review is refused (stable codes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the session has no decision")]
    NoDecision,
    #[error("the decision does not wait for review")]
    NotPending,
    #[error("give a reason of at least 10 characters (at most 2000)")]
    ReasonRequired,
    #[error("overturning needs the outcome that replaces the agent's, different from it")]
    OutcomeRequired,
    #[error("a confirmation takes no outcome or reason codes")]
    ConfirmTakesNoOutcome,
    #[error("give at least one of the profile's reason codes for this outcome")]
    ReasonCodeRequired,
    #[error("`{0}` is not a reason code of this profile for this outcome")]
    UnknownReasonCode(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NoDecision => "decision_not_found",
            Refusal::NotPending => "not_pending_review",
            Refusal::ReasonRequired => "reason_required",
            Refusal::OutcomeRequired => "outcome_required",
            Refusal::ConfirmTakesNoOutcome => "confirm_takes_no_outcome",
            Refusal::ReasonCodeRequired => "reason_code_required",
            Refusal::UnknownReasonCode(_) => "unknown_reason",
        }
    }
}

/// The verdict's outcome and reason codes, or why it is refused (pure).
pub fn check(input: &ReviewInput, decision: &Decision, profile: &crate::profiles::Profile) -> Result<(Outcome, Vec<String>), Refusal> {
    if decision.status != DecisionStatus::PendingReview {
        return Err(Refusal::NotPending);
    }
    let n = input.reason.trim().chars().count();
    if !(10..=2000).contains(&n) {
        return Err(Refusal::ReasonRequired);
    }
    match input.verdict {
        Verdict::Confirm if input.outcome.is_some() || !input.reasons.is_empty() => Err(Refusal::ConfirmTakesNoOutcome),
        Verdict::Confirm => Ok((decision.outcome, decision.reasons.clone())),
        Verdict::Overturn => {
            let outcome = input.outcome.filter(|o| *o != decision.outcome).ok_or(Refusal::OutcomeRequired)?;
            let allowed = match outcome {
                Outcome::Approved => &[][..],
                Outcome::Rejected => &profile.reasons.reject[..],
                Outcome::Inconclusive => &profile.reasons.inconclusive[..],
            };
            if outcome != Outcome::Approved && input.reasons.is_empty() {
                return Err(Refusal::ReasonCodeRequired);
            }
            if let Some(r) = input.reasons.iter().find(|r| !allowed.contains(r)) {
                return Err(Refusal::UnknownReasonCode(r.clone()));
            }
            Ok((outcome, input.reasons.clone()))
        }
    }
}

/// Records a verdict: the decision becomes final (with the reviewer's outcome when
/// overturned), audit-logged, signed, the archive row refreshed, the result handed on.
/// `Ok(Err(_))`: refused by a rule; a second reviewer racing the first gets `NotPending`.
pub async fn record(state: &AppState, session: &crate::sessions::Session, reviewer: &StaffId, input: &ReviewInput) -> Result<Result<Review, Refusal>, sqlx::Error> {
    let id = &session.id;
    let Some(d) = decision::get(&state.db, id).await? else { return Ok(Err(Refusal::NoDecision)) };
    let Some(profile) = state.profiles.get(&session.profile) else { return Err(sqlx::Error::Protocol("session names an unknown profile".into())) };
    let (outcome, reasons) = match check(input, &d, profile) {
        Ok(v) => v,
        Err(r) => return Ok(Err(r)),
    };
    let now = state.clock.now_ms();
    let review = Review {
        reviewer_id: reviewer.as_str().to_owned(),
        verdict: input.verdict,
        outcome_before: d.outcome,
        outcome_after: outcome,
        reasons: reasons.clone(),
        reason: input.reason.trim().to_owned(),
        reviewed_at: now,
    };
    let mut tx = state.db.begin().await?;
    // Conditional: of two reviewers racing, one makes the decision final.
    let done = sqlx::query("UPDATE decisions SET status = $2, outcome = $3, reasons = $4 WHERE session_id = $1 AND status = $5")
        .bind(id.as_str().to_owned())
        .bind(DecisionStatus::Final.as_ref())
        .bind(outcome.as_ref())
        .bind(serde_json::to_string(&reasons).unwrap_or_default())
        .bind(DecisionStatus::PendingReview.as_ref())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        return Ok(Err(Refusal::NotPending));
    }
    sqlx::query("INSERT INTO reviews (session_id, reviewer_id, verdict, outcome_before, outcome_after, reasons, reason, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id.as_str().to_owned())
        .bind(reviewer.as_str().to_owned())
        .bind(input.verdict.as_ref())
        .bind(d.outcome.as_ref())
        .bind(outcome.as_ref())
        .bind(serde_json::to_string(&reasons).unwrap_or_default())
        .bind(review.reason.clone())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let actor = Actor::Staff(reviewer.clone());
    let detail = format!("{}->{}", d.outcome.as_ref(), outcome.as_ref());
    audit::append(&state.db, Entry::new(actor, AuditAction::DecisionReviewed).session(id).target(input.verdict.as_ref()).detail(detail), now).await?;
    crate::archive::index::refresh_logged(state, id).await;
    let Some(d) = decision::get(&state.db, id).await? else { return Ok(Err(Refusal::NoDecision)) };
    let doc = sign_decision(state, id, &d, Some(&review)).await?;
    finalise(state, id, &d, &doc.sha256).await?;
    Ok(Ok(review))
}

pub async fn get(db: &Db, session: &SessionId) -> Result<Option<Review>, sqlx::Error> {
    let row = sqlx::query("SELECT reviewer_id, verdict, outcome_before, outcome_after, reasons, reason, reviewed_at FROM reviews WHERE session_id = $1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        let parse = |c: &str| -> Result<Outcome, sqlx::Error> { r.try_get::<String, _>(c)?.parse().map_err(|_| sqlx::Error::Decode(c.into())) };
        Ok(Review {
            reviewer_id: r.try_get("reviewer_id")?,
            verdict: if r.try_get::<String, _>("verdict")? == "confirm" { Verdict::Confirm } else { Verdict::Overturn },
            outcome_before: parse("outcome_before")?,
            outcome_after: parse("outcome_after")?,
            reasons: serde_json::from_str(&r.try_get::<String, _>("reasons")?).unwrap_or_default(),
            reason: r.try_get("reason")?,
            reviewed_at: r.try_get("reviewed_at")?,
        })
    })
    .transpose()
}

/// Why the decision went to review (empty: it did not).
pub async fn review_reasons(db: &Db, session: &SessionId) -> Result<Vec<ReviewReason>, sqlx::Error> {
    let row = sqlx::query("SELECT review_reasons FROM decisions WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?;
    Ok(row.and_then(|r| r.try_get::<Option<String>, _>("review_reasons").ok().flatten()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
}

/// The signed decision document: what was decided, by whom, on which evidence (its SHA-256),
/// and the review. Free texts (notes, the reviewer's reason) are covered by their hash only.
#[derive(Debug, Serialize)]
struct DecisionDoc<'a> {
    #[serde(rename = "type")]
    type_: &'static str,
    version: u32,
    session_id: &'a str,
    outcome: Outcome,
    reasons: &'a [String],
    status: DecisionStatus,
    decided_by: &'a str,
    decided_at: i64,
    note_sha256: Option<String>,
    override_reason_sha256: Option<String>,
    evidence_sha256: String,
    review: Option<ReviewDoc<'a>>,
}

#[derive(Debug, Serialize)]
struct ReviewDoc<'a> {
    reviewer_id: &'a str,
    verdict: Verdict,
    outcome_before: Outcome,
    outcome_after: Outcome,
    reason_sha256: String,
    reviewed_at: i64,
}

fn sha(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}

async fn sign_decision(state: &AppState, session: &SessionId, d: &Decision, review: Option<&Review>) -> Result<signed::SignedDoc, sqlx::Error> {
    let stored_review = match review {
        Some(r) => Some(r.clone()),
        None => get(&state.db, session).await?,
    };
    let doc = DecisionDoc {
        type_: "videokyc.decision",
        version: 1,
        session_id: session.as_str(),
        outcome: d.outcome,
        reasons: &d.reasons,
        status: d.status,
        decided_by: d.staff_id.as_str(),
        decided_at: d.decided_at,
        note_sha256: d.note.as_deref().map(sha),
        override_reason_sha256: d.override_reason.as_deref().map(sha),
        evidence_sha256: sha(&d.evidence.to_string()),
        review: stored_review.as_ref().map(|r| ReviewDoc {
            reviewer_id: &r.reviewer_id,
            verdict: r.verdict,
            outcome_before: r.outcome_before,
            outcome_after: r.outcome_after,
            reason_sha256: sha(&r.reason),
            reviewed_at: r.reviewed_at,
        }),
    };
    let body = serde_json::to_string(&doc).unwrap_or_default();
    signed::sign(&state.db, &state.signer, session, Kind::Decision, body, state.clock.now_ms()).await
}

async fn finalise(state: &AppState, session: &SessionId, d: &Decision, decision_sha256: &str) -> Result<(), sqlx::Error> {
    let now = state.clock.now_ms();
    audit::append(&state.db, Entry::new(Actor::System, AuditAction::ResultFinal).session(session).target(d.outcome.as_ref()).detail(format!("decision_sha256={decision_sha256}")), now).await?;
    let outcome: &str = d.outcome.as_ref();
    tracing::info!(session = %session, outcome, "identification result final");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Profiles;

    fn pending(outcome: Outcome) -> Decision {
        Decision {
            outcome,
            reasons: vec![],
            note: None,
            override_reason: None,
            staff_id: StaffId::from_stored("agent-a"),
            decided_at: 1,
            status: DecisionStatus::PendingReview,
            evidence: serde_json::Value::Null,
        }
    }

    fn input(verdict: Verdict, outcome: Option<Outcome>, reasons: &[&str], reason: &str) -> ReviewInput {
        ReviewInput { verdict, outcome, reasons: reasons.iter().map(|r| r.to_string()).collect(), reason: reason.into() }
    }

    #[test]
    fn a_verdict_needs_a_written_reason_and_an_overturn_a_different_outcome_with_the_profiles_codes() {
        let p = Profiles::built_in().expect("profiles").get("rbi-vcip").expect("rbi").clone();
        let d = pending(Outcome::Approved);
        assert_eq!(check(&input(Verdict::Confirm, None, &[], "short"), &d, &p), Err(Refusal::ReasonRequired));
        assert_eq!(check(&input(Verdict::Confirm, None, &[], "Recording and stills check out."), &d, &p), Ok((Outcome::Approved, vec![])));
        let long = "Document photo does not match the customer.";
        assert_eq!(check(&input(Verdict::Overturn, Some(Outcome::Approved), &[], long), &d, &p), Err(Refusal::OutcomeRequired));
        assert_eq!(check(&input(Verdict::Overturn, Some(Outcome::Rejected), &[], long), &d, &p), Err(Refusal::ReasonCodeRequired));
        assert_eq!(check(&input(Verdict::Overturn, Some(Outcome::Rejected), &["made_up"], long), &d, &p), Err(Refusal::UnknownReasonCode("made_up".into())));
        assert_eq!(check(&input(Verdict::Overturn, Some(Outcome::Rejected), &["face_mismatch"], long), &d, &p), Ok((Outcome::Rejected, vec!["face_mismatch".into()])));
        let mut fin = pending(Outcome::Approved);
        fin.status = DecisionStatus::Final;
        assert_eq!(check(&input(Verdict::Confirm, None, &[], "Recording and stills check out."), &fin, &p), Err(Refusal::NotPending));
    }
}
