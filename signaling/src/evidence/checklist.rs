//! The checklist: the session profile's checks evaluated against the evidence gathered so far.
//! [`evaluate`] is pure (facts in, item states out); [`gather`] reads the facts.

use super::consent::{self, ConsentKind};
use super::{steps, stills};
use crate::db::Db;
use crate::profiles::{Evidence, Profile, PromptKind, StillKind};
use crate::recording::Recordings;
use domain::SessionId;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The face-match verdict as the sidecar last reported it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AiFact {
    /// The event's id in `ai_events`.
    pub event_id: i64,
    pub verdict: String,
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
}

/// Whether the recording can back an identification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RecordingFact {
    /// Both parties' audio and video present, nothing failed.
    Healthy,
    Unhealthy { reason: String },
    /// Nothing recorded yet.
    None,
}

/// Everything the checklist looks at.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub consents: BTreeSet<ConsentKind>,
    pub stills: BTreeMap<StillKind, stills::Still>,
    pub face_match: Option<AiFact>,
    pub challenge: Option<AiFact>,
    pub antispoof: Option<AiFact>,
    pub read_aloud: Option<bool>,
    pub recording: Option<RecordingFact>,
    pub confirmations: BTreeMap<String, i64>,
    pub prompts: BTreeSet<PromptKind>,
}

/// One check's state.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemState {
    /// Evidence exists; `by` says what (a still's hash, an AI event, the agent's confirmation).
    Satisfied { by: String },
    /// Nothing yet.
    Open,
    /// Evidence exists and speaks against it (a face-match `no_match`, a failed challenge).
    Failed { why: String },
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Item {
    pub id: String,
    pub requirement: String,
    pub label: String,
    pub required: bool,
    /// The agent can tick it (its evidence is a confirmation, or an inconclusive AI result).
    pub confirmable: bool,
    #[serde(flatten)]
    pub state: ItemState,
}

fn ai_state(fact: &Option<AiFact>, pass: &[&str], fail: &[&str], confirmed: bool) -> ItemState {
    match fact {
        Some(f) if pass.contains(&f.verdict.as_str()) => ItemState::Satisfied { by: format!("ai_event:{}", f.event_id) },
        Some(f) if fail.contains(&f.verdict.as_str()) => ItemState::Failed { why: f.verdict.clone() },
        // An inconclusive machine verdict leaves the judgement to the agent.
        Some(f) if confirmed => ItemState::Satisfied { by: format!("agent_confirmed_after:{}", f.verdict) },
        _ => ItemState::Open,
    }
}

/// The profile's checks against the facts.
pub fn evaluate(profile: &Profile, f: &Facts) -> Vec<Item> {
    profile
        .checks
        .iter()
        .map(|c| {
            let confirmed = f.confirmations.contains_key(&c.id);
            let (state, confirmable) = match &c.evidence {
                Evidence::Consent => (
                    if f.consents.len() == 3 { ItemState::Satisfied { by: "consent_records".into() } } else { ItemState::Open },
                    false,
                ),
                Evidence::Still { still } => (
                    match f.stills.get(still) {
                        Some(s) => ItemState::Satisfied { by: format!("still:{}:{}", s.id, s.sha256) },
                        None => ItemState::Open,
                    },
                    false,
                ),
                Evidence::FaceMatch => {
                    (ai_state(&f.face_match, &["match"], &["no_match"], confirmed), f.face_match.as_ref().is_some_and(|m| m.verdict != "match" && m.verdict != "no_match"))
                }
                Evidence::Challenge => (ai_state(&f.challenge, &["passed"], &["failed"], false), false),
                Evidence::ReadAloud => (
                    match f.read_aloud {
                        Some(true) => ItemState::Satisfied { by: "read_aloud_passed".into() },
                        Some(false) => ItemState::Failed { why: "read_aloud_failed".into() },
                        None => ItemState::Open,
                    },
                    false,
                ),
                Evidence::Recording => (
                    match &f.recording {
                        Some(RecordingFact::Healthy) => ItemState::Satisfied { by: "recording_healthy".into() },
                        Some(RecordingFact::Unhealthy { reason }) => ItemState::Failed { why: reason.clone() },
                        _ => ItemState::Open,
                    },
                    false,
                ),
                Evidence::Confirm => (if confirmed { ItemState::Satisfied { by: "agent_confirmed".into() } } else { ItemState::Open }, true),
                Evidence::PromptAndConfirm { prompt } => (
                    match (f.prompts.contains(prompt), confirmed) {
                        (true, true) => ItemState::Satisfied { by: format!("prompt:{}+agent_confirmed", prompt.as_ref()) },
                        _ => ItemState::Open,
                    },
                    f.prompts.contains(prompt),
                ),
            };
            Item { id: c.id.clone(), requirement: c.requirement.clone(), label: c.label.clone(), required: c.required, confirmable, state }
        })
        .collect()
}

/// The latest event of a kind from the stored AI events, with its verdict.
async fn latest_ai(db: &Db, session: &SessionId, kind: &str) -> Result<Option<AiFact>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT id, body FROM ai_events WHERE session_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1")
        .bind(session.as_str().to_owned())
        .bind(kind.to_owned())
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id, body)| {
        let event: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let verdict = match kind {
            "challenge_done" => if event["passed"].as_bool() == Some(true) { "passed" } else { "failed" }.to_owned(),
            _ => event["verdict"].as_str().unwrap_or("unknown").to_owned(),
        };
        AiFact { event_id: id, verdict, event }
    }))
}

/// The recording's fitness: live (no failure, both parties' media flowing) or closed (complete
/// or repaired, every track present).
pub async fn recording_fact(recordings: Option<&Recordings>, session: &SessionId) -> Result<RecordingFact, sqlx::Error> {
    let Some(r) = recordings else { return Ok(RecordingFact::Unhealthy { reason: "recording_disabled".into() }) };
    let health = if let Some(live) = r.live(session.as_str()) {
        if let Some(reason) = live.failure() {
            return Ok(RecordingFact::Unhealthy { reason });
        }
        live.health()
    } else {
        match r.manifest(session.as_str()).await? {
            None => return Ok(RecordingFact::None),
            Some(m) => {
                if let recorder::Status::Failed { reason } = &m.status {
                    return Ok(RecordingFact::Unhealthy { reason: reason.clone() });
                }
                m.health
            }
        }
    };
    let missing: Vec<String> = ["customer", "agent"]
        .iter()
        .flat_map(|p| [recorder::Medium::Audio, recorder::Medium::Video].map(move |m| (*p, m)))
        .filter(|(p, m)| !health.tracks.iter().any(|t| t.participant == *p && t.medium == *m && t.packets > 0))
        .map(|(p, m)| format!("{p}_{}", m.as_str()))
        .collect();
    Ok(if missing.is_empty() { RecordingFact::Healthy } else { RecordingFact::Unhealthy { reason: format!("missing {}", missing.join(", ")) } })
}

pub async fn gather(db: &Db, recordings: Option<&Recordings>, session: &SessionId) -> Result<Facts, sqlx::Error> {
    let history = consent::history(db, session).await?;
    let mut stills_by_kind = BTreeMap::new();
    for s in stills::list(db, session).await? {
        stills_by_kind.insert(s.kind, s); // the latest of each kind counts
    }
    Ok(Facts {
        consents: consent::in_force(&history),
        stills: stills_by_kind,
        face_match: latest_ai(db, session, "face_match").await?,
        challenge: latest_ai(db, session, "challenge_done").await?,
        antispoof: latest_ai(db, session, "antispoof").await?,
        read_aloud: steps::read_aloud_result(db, session).await?,
        recording: Some(recording_fact(recordings, session).await?),
        confirmations: steps::confirmations(db, session).await?,
        prompts: steps::prompts_shown(db, session).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Profiles;

    fn bafin() -> Profile {
        Profiles::built_in().expect("profiles").get("bafin-rs-3-2017").expect("bafin").clone()
    }

    fn state(items: &[Item], id: &str) -> ItemState {
        items.iter().find(|i| i.id == id).map(|i| i.state.clone()).expect(id)
    }

    #[test]
    fn nothing_gathered_leaves_every_check_open() {
        let items = evaluate(&bafin(), &Facts::default());
        assert!(items.iter().all(|i| i.state == ItemState::Open), "{items:?}");
    }

    #[test]
    fn a_still_satisfies_its_check_with_its_hash() {
        let mut f = Facts::default();
        let s = stills::Still { id: "s1".into(), kind: StillKind::IdBack, content_type: "image/jpeg".into(), width: 1280, height: 720, sha256: "ab".into(), captured_at: 0 };
        f.stills.insert(StillKind::IdBack, s);
        assert_eq!(state(&evaluate(&bafin(), &f), "still_id_back"), ItemState::Satisfied { by: "still:s1:ab".into() });
    }

    #[test]
    fn a_face_no_match_fails_and_an_inconclusive_one_waits_for_the_agent() {
        let mut f = Facts::default();
        f.face_match = Some(AiFact { event_id: 7, verdict: "no_match".into(), event: serde_json::Value::Null });
        assert_eq!(state(&evaluate(&bafin(), &f), "face_match"), ItemState::Failed { why: "no_match".into() });
        f.face_match = Some(AiFact { event_id: 8, verdict: "inconclusive".into(), event: serde_json::Value::Null });
        let items = evaluate(&bafin(), &f);
        assert_eq!(state(&items, "face_match"), ItemState::Open);
        assert!(items.iter().find(|i| i.id == "face_match").is_some_and(|i| i.confirmable));
        f.confirmations.insert("face_match".into(), 1);
        assert!(matches!(state(&evaluate(&bafin(), &f), "face_match"), ItemState::Satisfied { .. }));
    }

    #[test]
    fn a_tilt_check_needs_the_prompt_shown_and_the_agents_confirmation() {
        let mut f = Facts::default();
        f.confirmations.insert("security_features".into(), 1);
        assert_eq!(state(&evaluate(&bafin(), &f), "security_features"), ItemState::Open);
        f.prompts.insert(PromptKind::TiltDocument);
        assert!(matches!(state(&evaluate(&bafin(), &f), "security_features"), ItemState::Satisfied { .. }));
    }

    #[test]
    fn an_unhealthy_recording_fails_its_check() {
        let mut f = Facts::default();
        f.recording = Some(RecordingFact::Unhealthy { reason: "no space left on device".into() });
        assert!(matches!(state(&evaluate(&bafin(), &f), "recording"), ItemState::Failed { .. }));
    }
}
