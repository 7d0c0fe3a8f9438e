//! The compliance report of a session: for its profile, each requirement (S1–S20 of the
//! compliance guide) that applies, mapped to its evidence — a recording offset, a still's
//! hash, an AI score with the model's name, version and file hash, the agent, the time — or
//! marked not met. [`build`] gathers it; [`html`] renders it for the console; [`pdf`] renders
//! it on the server without a browser. The JSON form is what gets signed.

pub mod html;
pub mod pdf;

use crate::AppState;
use crate::evidence::checklist::{self, ItemState};
use crate::evidence::decision::{self, DecisionStatus};
use crate::evidence::{consent, steps, stills};
use crate::profiles::{Evidence, Profile};
use crate::review::{self, Review, sampling::ReviewReason};
use crate::signed::{self, Kind};
use serde::Serialize;
use sqlx::Row;

/// The requirements of the compliance guide, by number.
pub const REQUIREMENTS: [(&str, &str); 20] = [
    ("S1", "A human agent decides; AI only assists; every automated step logged with its model version"),
    ("S2", "Consent (processing, recording, biometrics) captured before media; the record cannot be altered"),
    ("S3", "Encrypted channel end to end as far as the architecture allows"),
    ("S4", "Quality gate: warn on bad light, image, audio or an unexpected interruption"),
    ("S5", "Allowed document types"),
    ("S6", "Security-feature inspection with the document tilted, with evidence frames"),
    ("S7", "Snapshots: face, ID front, ID back"),
    ("S8", "Face comparison document to person, plus liveness"),
    ("S9", "A random element: questions, a code read aloud, head movements on request"),
    ("S10", "One-time code over a second channel"),
    ("S11", "Purpose and coercion questions"),
    ("S12", "Geolocation and IP rules"),
    ("S13", "Random, auditable assignment of cases to agents"),
    ("S14", "Whole session recorded, audio and video, one logical recording, time-stamped"),
    ("S15", "Retention with legal hold; deletion when allowed"),
    ("S16", "Agent identity and every action in an immutable activity log"),
    ("S17", "Second-line review (four eyes) before the result is final"),
    ("S18", "Staff training and separated-workspace attestations"),
    ("S19", "Testable end to end"),
    ("S20", "Redaction of data the reviewer does not need"),
];

pub fn title_of(id: &str) -> &'static str {
    REQUIREMENTS.iter().find(|(r, _)| *r == id).map(|(_, t)| *t).unwrap_or("")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ModelRef {
    pub name: String,
    pub version: String,
    pub sha256: String,
}

/// One piece of evidence.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceItem {
    /// `consent`, `still`, `ai`, `read_aloud`, `prompt`, `confirmation`, `recording_file`,
    /// `decision`, `review`, `audit`, `retention`, `encryption`.
    pub kind: String,
    /// Unix ms.
    #[ts(type = "number | null")]
    pub at: Option<i64>,
    /// Position in the recording (ms after its start).
    #[ts(type = "number | null")]
    pub offset_ms: Option<i64>,
    pub sha256: Option<String>,
    /// An AI verdict with its score (`match, distance 0.31`), a check's result.
    pub result: Option<String>,
    pub models: Vec<ModelRef>,
    /// The staff member who acted.
    pub staff_id: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RequirementStatus {
    Met,
    NotMet,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct CheckRow {
    pub id: String,
    pub label: String,
    pub required: bool,
    /// `satisfied`, `open` or `failed`.
    pub state: String,
    pub why: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct RequirementRow {
    pub id: String,
    pub title: String,
    pub status: RequirementStatus,
    /// Why it is not met.
    pub missing: Option<String>,
    pub checks: Vec<CheckRow>,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ReportRecordingFile {
    pub path: String,
    pub participant: String,
    pub medium: String,
    #[ts(type = "number")]
    pub offset_ms: i64,
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// SHA-256 of the file as stored (encrypted).
    pub stored_sha256: String,
    /// SHA-256 of the WebM (what the evidence package carries).
    pub plaintext_sha256: Option<String>,
    pub encryption: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ReportRecording {
    pub status: String,
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number")]
    pub ended_at: i64,
    pub segments: u32,
    pub files: Vec<ReportRecordingFile>,
    /// SHA-256 of the signed manifest.
    pub manifest_sha256: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ReportDecision {
    pub outcome: String,
    pub reasons: Vec<String>,
    pub status: String,
    pub decided_by: String,
    #[ts(type = "number")]
    pub decided_at: i64,
    pub review_reasons: Vec<ReviewReason>,
    /// SHA-256 of the signed decision document.
    pub decision_sha256: Option<String>,
}

/// The session's rows of the hash-chained audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ReportAudit {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number | null")]
    pub first_seq: Option<i64>,
    #[ts(type = "number | null")]
    pub last_seq: Option<i64>,
    /// Every row's hash recomputed from its content and its predecessor's hash.
    pub rows_intact: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Report {
    /// `videokyc.compliance_report`.
    #[serde(rename = "type")]
    pub type_: String,
    pub version: u32,
    pub session_id: String,
    pub external_ref: Option<String>,
    pub profile_id: String,
    pub profile_name: String,
    pub profile_version: String,
    pub jurisdiction: String,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub generated_at: i64,
    /// The signing key's fingerprint (SHA-256 of the raw Ed25519 public key).
    pub signing_key: String,
    pub recording: Option<ReportRecording>,
    pub decision: Option<ReportDecision>,
    pub review: Option<Review>,
    pub requirements: Vec<RequirementRow>,
    /// Every model behind an AI result the report relies on.
    pub models: Vec<ModelRef>,
    pub audit: ReportAudit,
}

fn models_of(event: &serde_json::Value) -> Vec<ModelRef> {
    event["models"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|m| ModelRef {
                    name: m["name"].as_str().unwrap_or_default().to_owned(),
                    version: m["version"].as_str().unwrap_or_default().to_owned(),
                    sha256: m["sha256"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn item(kind: &str, at: Option<i64>, origin: Option<i64>) -> EvidenceItem {
    EvidenceItem { kind: kind.into(), at, offset_ms: at.zip(origin).map(|(a, o)| a - o), sha256: None, result: None, models: vec![], staff_id: None, detail: String::new() }
}

/// An AI event as evidence: its verdict, its score, its models.
fn ai_item(fact: &checklist::AiFact, at: Option<i64>, origin: Option<i64>) -> EvidenceItem {
    let e = &fact.event;
    let score = match e["type"].as_str() {
        Some("face_match") => e["distance"].as_f64().map(|d| format!(", distance {d:.3} (match < {})", e["threshold"])),
        Some("antispoof") => e["mean_p_real"].as_f64().map(|p| format!(", p(real) {p:.3}")),
        Some("challenge_done") => e["steps"].as_array().map(|s| format!(", {} steps", s.len())),
        _ => None,
    };
    EvidenceItem {
        result: Some(format!("{}{}", fact.verdict, score.unwrap_or_default())),
        models: models_of(e),
        detail: format!("ai_event {} ({})", fact.event_id, e["type"].as_str().unwrap_or("ai")),
        ..item("ai", at, origin)
    }
}

async fn event_time(state: &AppState, id: i64) -> Option<i64> {
    sqlx::query("SELECT at FROM ai_events WHERE id = $1").bind(id).fetch_optional(&state.db).await.ok().flatten().and_then(|r| r.try_get::<i64, _>("at").ok())
}

/// Gathers the report of `session` at `now`.
pub async fn build(state: &AppState, session: &crate::sessions::Session, now: i64) -> Result<Report, anyhow::Error> {
    let db = &state.db;
    let id = &session.id;
    let profile: Profile = state.profiles.get(&session.profile).cloned().ok_or_else(|| anyhow::anyhow!("session names an unknown profile"))?;
    let facts = checklist::gather(db, state.recordings.as_ref(), id).await?;
    let items = checklist::evaluate(&profile, &facts);
    let manifest = match &state.recordings {
        Some(r) => r.manifest(id.as_str()).await?,
        None => None,
    };
    let origin = manifest.as_ref().map(|m| m.started_at as i64);
    let decision = decision::get(db, id).await?;
    let review = review::get(db, id).await?;
    let review_reasons = review::review_reasons(db, id).await?;
    let signed_manifest = signed::get(db, id, Kind::Manifest).await?;
    let signed_decision = signed::get(db, id, Kind::Decision).await?;
    let consents = consent::history(db, id).await?;
    let all_stills = stills::list(db, id).await?;
    let confirmations = steps::confirmations(db, id).await?;
    let confirmers: std::collections::BTreeMap<String, String> = sqlx::query("SELECT item, staff_id FROM confirmations WHERE session_id = $1")
        .bind(id.as_str().to_owned())
        .fetch_all(db)
        .await?
        .iter()
        .filter_map(|r| Some((r.try_get("item").ok()?, r.try_get("staff_id").ok()?)))
        .collect();
    let prompts = sqlx::query("SELECT kind, at FROM prompts WHERE session_id = $1 ORDER BY id").bind(id.as_str().to_owned()).fetch_all(db).await?;
    let read_aloud = sqlx::query("SELECT passed, decided_at, staff_id FROM read_alouds WHERE session_id = $1 AND passed IS NOT NULL ORDER BY decided_at DESC LIMIT 1")
        .bind(id.as_str().to_owned())
        .fetch_optional(db)
        .await?;

    let evidence_for = |check: &crate::profiles::Check| -> Vec<EvidenceItem> {
        let confirmation = |item_id: &str| {
            confirmations.get(item_id).map(|at| EvidenceItem {
                staff_id: confirmers.get(item_id).cloned(),
                detail: "the agent's confirmation".into(),
                ..item("confirmation", Some(*at), origin)
            })
        };
        match &check.evidence {
            Evidence::Consent => consents
                .iter()
                .map(|c| EvidenceItem {
                    result: Some(format!("{} {}", c.kind.as_ref(), c.decision.as_ref())),
                    sha256: Some(c.text_version.clone()),
                    detail: format!("consent text version (SHA-256), language {}", c.language),
                    ..item("consent", Some(c.at), origin)
                })
                .collect(),
            Evidence::Still { still } => all_stills
                .iter()
                .filter(|s| s.kind == *still)
                .map(|s| EvidenceItem {
                    sha256: Some(s.sha256.clone()),
                    result: Some(format!("{} {}x{}", s.kind.as_ref(), s.width, s.height)),
                    detail: format!("still {}", s.id),
                    ..item("still", Some(s.captured_at), origin)
                })
                .collect(),
            Evidence::FaceMatch | Evidence::Challenge => {
                let fact = if check.evidence == Evidence::FaceMatch { &facts.face_match } else { &facts.challenge };
                let mut v: Vec<EvidenceItem> = fact.iter().map(|f| ai_item(f, None, origin)).collect();
                if check.evidence == Evidence::FaceMatch {
                    v.extend(facts.antispoof.iter().map(|f| ai_item(f, None, origin)));
                    if let Some(d) = decision.as_ref().filter(|d| d.override_reason.is_some()) {
                        v.push(EvidenceItem { staff_id: Some(d.staff_id.as_str().to_owned()), detail: "approved over the face match with a written override".into(), ..item("override", Some(d.decided_at), origin) });
                    }
                }
                v.extend(confirmation(&check.id));
                v
            }
            Evidence::ReadAloud => read_aloud
                .iter()
                .map(|r| EvidenceItem {
                    result: Some(if r.try_get::<i64, _>("passed").unwrap_or(0) == 1 { "passed" } else { "failed" }.into()),
                    staff_id: r.try_get("staff_id").ok(),
                    detail: "random digits read aloud, judged by the agent".into(),
                    ..item("read_aloud", r.try_get("decided_at").ok(), origin)
                })
                .collect(),
            Evidence::Recording => manifest
                .iter()
                .flat_map(|m| m.segments.iter().flat_map(|s| &s.files))
                .map(|f| EvidenceItem {
                    sha256: Some(f.encryption.as_ref().map(|e| e.plaintext_sha256.clone()).unwrap_or_else(|| f.sha256.clone())),
                    result: Some(format!("{} {} {} ms", f.participant, f.medium.as_str(), f.duration_ms)),
                    detail: f.path.clone(),
                    ..item("recording_file", Some(f.start_wallclock_ms as i64), origin)
                })
                .collect(),
            Evidence::Confirm => confirmation(&check.id).into_iter().collect(),
            Evidence::PromptAndConfirm { prompt } => prompts
                .iter()
                .filter(|p| p.try_get::<String, _>("kind").is_ok_and(|k| k == prompt.as_ref()))
                .map(|p| EvidenceItem { detail: format!("prompt {} shown to the customer", prompt.as_ref()), ..item("prompt", p.try_get("at").ok(), origin) })
                .chain(confirmation(&check.id))
                .collect(),
        }
    };

    let mut requirements: Vec<RequirementRow> = vec![];
    let mut order: Vec<String> = profile.checks.iter().map(|c| c.requirement.clone()).collect();
    order.extend(["S1", "S3", "S14", "S15", "S16"].map(String::from));
    if profile.four_eyes || !review_reasons.is_empty() || review.is_some() {
        order.push("S17".into());
    }
    order.sort_by_key(|r| r.trim_start_matches('S').parse::<u32>().unwrap_or(99));
    order.dedup();
    for req in order {
        let mut checks = vec![];
        let mut evidence = vec![];
        for c in profile.checks.iter().filter(|c| c.requirement == req) {
            let st = items.iter().find(|i| i.id == c.id).map(|i| i.state.clone()).unwrap_or(ItemState::Open);
            let (state_name, why) = match &st {
                ItemState::Satisfied { by } => ("satisfied", Some(by.clone())),
                ItemState::Open => ("open", None),
                ItemState::Failed { why } => ("failed", Some(why.clone())),
            };
            checks.push(CheckRow { id: c.id.clone(), label: c.label.clone(), required: c.required, state: state_name.into(), why });
            evidence.extend(evidence_for(c));
        }
        let mut missing: Option<String> = checks
            .iter()
            .find(|c| c.required && c.state != "satisfied")
            // An approval over a face no-match with a written override is the agent's documented judgement.
            .filter(|c| !(c.id == "face_match" && decision.as_ref().is_some_and(|d| d.override_reason.is_some())))
            .map(|c| format!("check `{}` is {}", c.id, c.state));
        match req.as_str() {
            "S1" => match &decision {
                Some(d) => {
                    evidence.push(EvidenceItem { result: Some(d.outcome.as_ref().into()), staff_id: Some(d.staff_id.as_str().into()), detail: "decided by a human agent".into(), ..item("decision", Some(d.decided_at), origin) });
                    for f in [&facts.face_match, &facts.challenge, &facts.antispoof].into_iter().flatten() {
                        let at = event_time(state, f.event_id).await;
                        evidence.push(ai_item(f, at, origin));
                    }
                }
                None => missing = Some("no decision yet".into()),
            },
            "S3" => {
                let encrypted = manifest.iter().flat_map(|m| m.segments.iter().flat_map(|s| &s.files)).all(|f| f.encryption.is_some());
                evidence.push(EvidenceItem { detail: "media over DTLS-SRTP to the server's SFU; no media leaves the deployment".into(), ..item("encryption", None, origin) });
                if let Some(m) = &manifest {
                    let scheme = m.segments.iter().flat_map(|s| &s.files).find_map(|f| f.encryption.as_ref()).map(|e| e.scheme.clone());
                    evidence.push(EvidenceItem { result: scheme, detail: "recording files encrypted at rest with the session's key".into(), ..item("encryption", Some(m.ended_at as i64), origin) });
                    if !encrypted {
                        missing = Some("a recording file is stored unencrypted".into());
                    }
                }
            }
            "S14" => {
                if let Some(m) = &manifest {
                    evidence.push(EvidenceItem {
                        sha256: signed_manifest.as_ref().map(|s| s.sha256.clone()),
                        result: Some(format!("{:?} recording, {} segment(s)", m.status, m.segments.len()).to_lowercase()),
                        detail: "signed recording manifest".into(),
                        ..item("recording", Some(m.started_at as i64), origin)
                    });
                    if crate::archive::index::manifest_unhealthy(m) && missing.is_none() {
                        missing = Some("the recording is not complete for both parties".into());
                    }
                } else if missing.is_none() {
                    missing = Some("nothing recorded".into());
                }
            }
            "S15" => {
                let hold = crate::retention::hold(state, id).await?;
                let deadline = crate::retention::deadline(&profile, &state.config.retention, session.ended_at, decision.as_ref().map(|d| d.decided_at));
                evidence.push(EvidenceItem {
                    at: deadline,
                    offset_ms: None,
                    result: Some(match (&hold, deadline) {
                        (Some(_), _) => "legal hold".into(),
                        (None, Some(_)) => "deletion scheduled".into(),
                        (None, None) => "deadline set when the session ends".into(),
                    }),
                    detail: format!("profile retention {} days, aborted sessions {} days", profile.retention_days, state.config.retention.aborted_after_days.unwrap_or(profile.aborted_retention_days)),
                    ..item("retention", None, origin)
                });
            }
            "S16" => {}
            "S17" => match (&decision, &review) {
                (Some(d), Some(r)) => {
                    evidence.push(EvidenceItem {
                        result: Some(format!("{} ({} → {})", r.verdict.as_ref(), r.outcome_before.as_ref(), r.outcome_after.as_ref())),
                        staff_id: Some(r.reviewer_id.clone()),
                        detail: format!("reviewed by a second person (not {})", d.staff_id),
                        ..item("review", Some(r.reviewed_at), origin)
                    });
                    if r.reviewer_id == d.staff_id.as_str() {
                        missing = Some("the reviewer is the deciding agent".into());
                    }
                }
                (Some(d), None) if d.status == DecisionStatus::PendingReview => missing = Some("waiting for review".into()),
                (Some(_), None) => {}
                (None, _) => missing = Some("no decision yet".into()),
            },
            _ => {}
        }
        requirements.push(RequirementRow {
            title: title_of(&req).to_owned(),
            status: if missing.is_none() { RequirementStatus::Met } else { RequirementStatus::NotMet },
            missing,
            checks,
            evidence,
            id: req,
        });
    }
    let mut models: Vec<ModelRef> = vec![];
    for m in requirements.iter().flat_map(|r| &r.evidence).flat_map(|e| &e.models) {
        if !models.contains(m) {
            models.push(m.clone());
        }
    }
    let audit = audit_summary(state, id).await?;
    if let Some(row) = requirements.iter_mut().find(|r| r.id == "S16") {
        row.evidence.push(EvidenceItem {
            result: Some(format!("{} rows, seq {}–{}", audit.rows, audit.first_seq.unwrap_or(0), audit.last_seq.unwrap_or(0))),
            detail: "hash-chained audit log rows of this session".into(),
            ..item("audit", None, origin)
        });
        if !audit.rows_intact {
            row.status = RequirementStatus::NotMet;
            row.missing = Some("an audit row does not match its hash".into());
        }
    }
    let recording = manifest.as_ref().map(|m| ReportRecording {
        status: match &m.status {
            recorder::Status::Complete => "complete".into(),
            recorder::Status::Interrupted => "interrupted".into(),
            recorder::Status::Failed { reason } => format!("failed: {reason}"),
        },
        started_at: m.started_at as i64,
        ended_at: m.ended_at as i64,
        segments: m.segments.len() as u32,
        files: m
            .segments
            .iter()
            .flat_map(|s| &s.files)
            .map(|f| ReportRecordingFile {
                path: f.path.clone(),
                participant: f.participant.clone(),
                medium: f.medium.as_str().into(),
                offset_ms: f.start_wallclock_ms as i64 - m.started_at as i64,
                duration_ms: f.duration_ms,
                stored_sha256: f.sha256.clone(),
                plaintext_sha256: f.encryption.as_ref().map(|e| e.plaintext_sha256.clone()),
                encryption: f.encryption.as_ref().map(|e| e.scheme.clone()),
            })
            .collect(),
        manifest_sha256: signed_manifest.as_ref().map(|s| s.sha256.clone()),
    });
    Ok(Report {
        type_: "videokyc.compliance_report".into(),
        version: 1,
        session_id: id.as_str().into(),
        external_ref: session.external_ref.clone(),
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        profile_version: session.profile_version.clone(),
        jurisdiction: profile.jurisdiction.clone(),
        created_at: session.created_at,
        generated_at: now,
        signing_key: state.signer.fingerprint(),
        recording,
        decision: decision.as_ref().map(|d| ReportDecision {
            outcome: d.outcome.as_ref().into(),
            reasons: d.reasons.clone(),
            status: d.status.as_ref().into(),
            decided_by: d.staff_id.as_str().into(),
            decided_at: d.decided_at,
            review_reasons: review_reasons.clone(),
            decision_sha256: signed_decision.as_ref().map(|s| s.sha256.clone()),
        }),
        review,
        requirements,
        models,
        audit,
    })
}

/// The session's audit rows, each re-hashed.
async fn audit_summary(state: &AppState, id: &domain::SessionId) -> Result<ReportAudit, sqlx::Error> {
    let rows = crate::audit::list(&state.db, &crate::audit::Query { session: Some(id.clone()), limit: 1000, ..Default::default() }).await?;
    let intact = rows.iter().all(|r| {
        r.hash == crate::audit::row_hash(r.seq, r.at, &r.actor, &r.action, r.session_id.as_deref(), r.target.as_deref(), r.detail.as_deref(), &r.prev_hash)
    });
    Ok(ReportAudit { rows: rows.len() as u64, first_seq: rows.last().map(|r| r.seq), last_seq: rows.first().map(|r| r.seq), rows_intact: intact })
}

/// The report as signed JSON: builds, serialises, signs and stores it.
pub async fn signed_json(state: &AppState, session: &crate::sessions::Session) -> Result<(Report, signed::SignedDoc), anyhow::Error> {
    let now = state.clock.now_ms();
    let report = build(state, session, now).await?;
    let body = serde_json::to_string(&report)?;
    let doc = signed::sign(&state.db, &state.signer, &session.id, Kind::Report, body, now).await?;
    Ok((report, doc))
}
