//! The agent's decision. Approval is refused while the recording is unhealthy, a required check
//! is open or failed, or the face match said `no_match` without an override reason ([`blockers`],
//! pure). A decision stores what it relied on: the stills' hashes, the AI events with the models
//! that produced them, the recording's state, and the profile version.

use super::checklist::{Facts, Item, ItemState, RecordingFact};
use crate::db::Db;
use crate::profiles::Profile;
use domain::{SessionId, StaffId};
use serde::{Deserialize, Serialize};
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[derive(strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Approved,
    Rejected,
    Inconclusive,
}

/// Whether the result is final or waits for a second person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[derive(strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum DecisionStatus {
    Final,
    PendingReview,
}

/// Why approval is refused right now (stable codes the console translates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum Blocker {
    RecordingUnhealthy { reason: String },
    CheckOpen { item: String },
    CheckFailed { item: String, why: String },
    FaceNoMatchWithoutOverride,
}

/// What stands between the facts and an approval.
pub fn blockers(items: &[Item], facts: &Facts, override_reason: Option<&str>) -> Vec<Blocker> {
    let mut out = vec![];
    match &facts.recording {
        Some(RecordingFact::Healthy) => {}
        Some(RecordingFact::Unhealthy { reason }) => out.push(Blocker::RecordingUnhealthy { reason: reason.clone() }),
        _ => out.push(Blocker::RecordingUnhealthy { reason: "nothing_recorded".into() }),
    }
    let overridden = override_reason.is_some_and(|r| r.trim().chars().count() >= 10);
    let no_match = facts.face_match.as_ref().is_some_and(|f| f.verdict == "no_match");
    if no_match && !overridden {
        out.push(Blocker::FaceNoMatchWithoutOverride);
    }
    for i in items.iter().filter(|i| i.required) {
        match &i.state {
            ItemState::Satisfied { .. } => {}
            ItemState::Open => out.push(Blocker::CheckOpen { item: i.id.clone() }),
            // A face no-match with a written override is the agent's documented judgement.
            ItemState::Failed { .. } if i.id == "face_match" && overridden => {}
            ItemState::Failed { why } if i.id == "recording" => {
                let _ = why; // reported above as recording_unhealthy
            }
            ItemState::Failed { why } => out.push(Blocker::CheckFailed { item: i.id.clone(), why: why.clone() }),
        }
    }
    out
}

/// A stored decision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Decision {
    pub outcome: Outcome,
    pub reasons: Vec<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
    pub staff_id: StaffId,
    #[ts(type = "number")]
    pub decided_at: i64,
    pub status: DecisionStatus,
    /// What the decision relied on: stills with hashes, AI events with their models, the
    /// recording's state, the profile and its version, the checklist.
    #[schema(value_type = Object)]
    #[ts(type = "unknown")]
    pub evidence: serde_json::Value,
}

/// The evidence record of a decision.
pub fn evidence(profile: &Profile, items: &[Item], facts: &Facts) -> serde_json::Value {
    let ai = |f: &Option<super::checklist::AiFact>| {
        f.as_ref().map(|f| serde_json::json!({"event_id": f.event_id, "verdict": f.verdict, "models": f.event["models"]}))
    };
    serde_json::json!({
        "profile": {"id": profile.id, "version": profile.version},
        "stills": facts.stills.values().map(|s| serde_json::json!({"id": s.id, "kind": s.kind, "sha256": s.sha256, "width": s.width, "height": s.height})).collect::<Vec<_>>(),
        "face_match": ai(&facts.face_match),
        "challenge": ai(&facts.challenge),
        "antispoof": ai(&facts.antispoof),
        "read_aloud_passed": facts.read_aloud,
        "recording": facts.recording,
        "checklist": items,
    })
}

#[allow(clippy::too_many_arguments)]
pub async fn store(db: &Db, session: &SessionId, outcome: Outcome, reasons: &[String], note: Option<&str>, override_reason: Option<&str>, staff: &StaffId, evidence: &serde_json::Value, status: DecisionStatus, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO decisions (session_id, outcome, reasons, note, override_reason, staff_id, decided_at, evidence, status) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE session_id = $1)",
    )
    .bind(session.as_str().to_owned())
    .bind(outcome.as_ref())
    .bind(serde_json::to_string(reasons).unwrap_or_default())
    .bind(note.map(str::to_owned))
    .bind(override_reason.map(str::to_owned))
    .bind(staff.as_str().to_owned())
    .bind(now)
    .bind(evidence.to_string())
    .bind(status.as_ref())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(db: &Db, session: &SessionId) -> Result<Option<Decision>, sqlx::Error> {
    let row = sqlx::query("SELECT outcome, reasons, note, override_reason, staff_id, decided_at, evidence, status FROM decisions WHERE session_id = $1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        Ok(Decision {
            outcome: r.try_get::<String, _>("outcome")?.parse().map_err(|_| sqlx::Error::Decode("outcome".into()))?,
            reasons: serde_json::from_str(&r.try_get::<String, _>("reasons")?).unwrap_or_default(),
            note: r.try_get("note")?,
            override_reason: r.try_get("override_reason")?,
            staff_id: StaffId::from_stored(r.try_get::<String, _>("staff_id")?),
            decided_at: r.try_get("decided_at")?,
            status: r.try_get::<String, _>("status")?.parse().map_err(|_| sqlx::Error::Decode("status".into()))?,
            evidence: serde_json::from_str(&r.try_get::<String, _>("evidence")?).unwrap_or_default(),
        })
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::checklist::{AiFact, evaluate};
    use crate::profiles::Profiles;

    fn basic() -> Profile {
        Profiles::built_in().expect("profiles").get("basic").expect("basic").clone()
    }

    #[test]
    fn approval_is_blocked_by_an_unhealthy_recording_and_open_checks() {
        let mut f = Facts::default();
        f.recording = Some(RecordingFact::Unhealthy { reason: "no space left on device".into() });
        let items = evaluate(&basic(), &f);
        let b = blockers(&items, &f, None);
        assert!(b.contains(&Blocker::RecordingUnhealthy { reason: "no space left on device".into() }));
        assert!(b.contains(&Blocker::CheckOpen { item: "still_face".into() }));
        assert!(!b.iter().any(|x| matches!(x, Blocker::CheckFailed { item, .. } if item == "recording")), "reported once");
    }

    #[test]
    fn a_face_no_match_needs_a_written_override() {
        let mut f = Facts::default();
        f.face_match = Some(AiFact { event_id: 1, verdict: "no_match".into(), event: serde_json::Value::Null });
        let items = evaluate(&basic(), &f);
        assert!(blockers(&items, &f, None).contains(&Blocker::FaceNoMatchWithoutOverride));
        assert!(blockers(&items, &f, Some("ok")).contains(&Blocker::FaceNoMatchWithoutOverride), "a reason must say something");
        let with = blockers(&items, &f, Some("ID photo is 12 years old; features match on inspection"));
        assert!(!with.contains(&Blocker::FaceNoMatchWithoutOverride));
        assert!(!with.iter().any(|x| matches!(x, Blocker::CheckFailed { item, .. } if item == "face_match")));
    }
}
