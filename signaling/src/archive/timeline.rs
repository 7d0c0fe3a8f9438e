//! A session on one time base for synchronised playback: the recording's files with the
//! offsets the players start them at (from the manifest's wall-clock anchors; segments and
//! the gaps between them visible) and, under it, every event — challenge steps, AI scores,
//! stills, prompts, read-aloud, checklist ticks, the agent's and the call's actions from the
//! audit log, quality warnings and recording gaps — each with `offset_ms` on the same axis.
//! Clicking an event seeks every player to its `offset_ms` (the UI's part).

use crate::AppState;
use crate::audit;
use domain::SessionId;
use serde::Serialize;
use sqlx::Row;

/// A file on the timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct TimelineFile {
    pub segment: u32,
    pub participant: String,
    pub medium: String,
    /// The manifest's path; playback URLs come from `POST …/recording/playback`.
    pub path: String,
    #[ts(type = "number")]
    pub offset_ms: i64,
    #[ts(type = "number")]
    pub duration_ms: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct TimelineSegment {
    pub index: u32,
    #[ts(type = "number")]
    pub offset_ms: i64,
    #[ts(type = "number")]
    pub end_offset_ms: i64,
    /// Silence before this segment (a reconnect).
    #[ts(type = "number")]
    pub gap_before_ms: u64,
    pub reason: String,
}

/// What happened, by kind; `detail` carries the kind's fields (an AI event's body with its
/// models, a still's hash, an audit row's action and actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    /// Face match, liveness, quality warnings, injection hints (scores and models in `detail`).
    Ai,
    /// Head-movement challenge: started, each step, done.
    Challenge,
    Still,
    Prompt,
    ReadAloud,
    /// The agent ticked a checklist item.
    Check,
    /// Joins, leaves, hang-ups, the decision, the review (from the audit log).
    Action,
    /// More than a second without a party's audio or video.
    RecordingGap,
    /// A new recording segment began (reconnect).
    Segment,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct TimelineEvent {
    /// Unix ms.
    #[ts(type = "number")]
    pub at: i64,
    /// Position on the players' time axis (ms after the recording's start; may be negative
    /// for what happened before recording began).
    #[ts(type = "number")]
    pub offset_ms: i64,
    pub kind: EventKind,
    /// A short name: the AI event type, the still kind, the audit action, …
    pub label: String,
    #[schema(value_type = Object)]
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Timeline {
    pub session_id: String,
    /// Unix ms of offset 0: the recording's start (else the session's start or creation).
    #[ts(type = "number")]
    pub origin: i64,
    /// `complete`, `interrupted`, `failed`, `recording` (live) or `none`.
    pub recording: String,
    pub segments: Vec<TimelineSegment>,
    pub files: Vec<TimelineFile>,
    /// Oldest first.
    pub events: Vec<TimelineEvent>,
}

/// Audit actions shown on the timeline (the rest — reads, sign-ins — are the access log's).
const ACTIONS: &[&str] = &[
    "joined",
    "left",
    "session_ended",
    "challenge_started",
    "prompt_shown",
    "read_aloud_started",
    "read_aloud_judged",
    "decision_recorded",
    "decision_reviewed",
    "result_final",
    "playback_issued",
];

/// AI event kinds worth a mark (per-frame `pose` is for live display only).
fn ai_kind(kind: &str) -> Option<EventKind> {
    match kind {
        "face_match" | "antispoof" | "quality" | "injection_hint" | "reference" => Some(EventKind::Ai),
        k if k.starts_with("challenge_") => Some(EventKind::Challenge),
        _ => None,
    }
}

pub async fn build(state: &AppState, session: &crate::sessions::Session) -> Result<Timeline, sqlx::Error> {
    let db = &state.db;
    let id: &SessionId = &session.id;
    let sid = id.as_str().to_owned();
    let manifest = match &state.recordings {
        Some(r) => r.manifest(id.as_str()).await?,
        None => None,
    };
    let live = state.recordings.as_ref().and_then(|r| r.live(id.as_str())).is_some();
    let origin = manifest.as_ref().map(|m| m.started_at as i64).or(session.started_at).unwrap_or(session.created_at);
    let off = |at: i64| at - origin;
    let mut events = vec![];
    let mut segments = vec![];
    let mut files = vec![];
    if let Some(m) = &manifest {
        for seg in &m.segments {
            segments.push(TimelineSegment {
                index: seg.index,
                offset_ms: off(seg.started_at as i64),
                end_offset_ms: off(seg.ended_at as i64),
                gap_before_ms: seg.gap_before_ms,
                reason: seg.reason.clone(),
            });
            if seg.index > 0 {
                events.push(TimelineEvent {
                    at: seg.started_at as i64,
                    offset_ms: off(seg.started_at as i64),
                    kind: EventKind::Segment,
                    label: seg.reason.clone(),
                    detail: serde_json::json!({"index": seg.index, "gap_before_ms": seg.gap_before_ms}),
                });
            }
            for f in &seg.files {
                files.push(TimelineFile {
                    segment: seg.index,
                    participant: f.participant.clone(),
                    medium: f.medium.as_str().to_owned(),
                    path: f.path.clone(),
                    offset_ms: off(f.start_wallclock_ms as i64),
                    duration_ms: f.duration_ms,
                });
            }
        }
        for t in &m.health.tracks {
            for g in &t.gaps {
                let at = m.started_at as i64 + g.start_ms as i64;
                events.push(TimelineEvent {
                    at,
                    offset_ms: off(at),
                    kind: EventKind::RecordingGap,
                    label: format!("{} {}", t.participant, t.medium.as_str()),
                    detail: serde_json::json!({"participant": t.participant, "medium": t.medium.as_str(), "duration_ms": g.duration_ms}),
                });
            }
        }
    }
    for r in sqlx::query("SELECT id, at, kind, body FROM ai_events WHERE session_id = $1 AND kind <> 'pose' ORDER BY id").bind(sid.clone()).fetch_all(db).await? {
        let kind: String = r.try_get("kind")?;
        let Some(k) = ai_kind(&kind) else { continue };
        let at: i64 = r.try_get("at")?;
        let mut body: serde_json::Value = serde_json::from_str(&r.try_get::<String, _>("body")?).unwrap_or_default();
        body["event_id"] = serde_json::json!(r.try_get::<i64, _>("id")?);
        events.push(TimelineEvent { at, offset_ms: off(at), kind: k, label: kind, detail: body });
    }
    for s in crate::evidence::stills::list(db, id).await? {
        events.push(TimelineEvent {
            at: s.captured_at,
            offset_ms: off(s.captured_at),
            kind: EventKind::Still,
            label: s.kind.as_ref().to_owned(),
            detail: serde_json::json!({"still_id": s.id, "sha256": s.sha256, "width": s.width, "height": s.height}),
        });
    }
    for r in sqlx::query("SELECT kind, detail, staff_id, at FROM prompts WHERE session_id = $1 ORDER BY id").bind(sid.clone()).fetch_all(db).await? {
        let at: i64 = r.try_get("at")?;
        events.push(TimelineEvent {
            at,
            offset_ms: off(at),
            kind: EventKind::Prompt,
            label: r.try_get("kind")?,
            detail: serde_json::json!({"detail": r.try_get::<Option<String>, _>("detail")?, "staff_id": r.try_get::<String, _>("staff_id")?}),
        });
    }
    for r in sqlx::query("SELECT id, started_at, passed, decided_at FROM read_alouds WHERE session_id = $1 ORDER BY started_at").bind(sid.clone()).fetch_all(db).await? {
        let at: i64 = r.try_get("started_at")?;
        let passed: Option<i64> = r.try_get("passed")?;
        events.push(TimelineEvent {
            at,
            offset_ms: off(at),
            kind: EventKind::ReadAloud,
            label: match passed {
                Some(1) => "passed",
                Some(_) => "failed",
                None => "open",
            }
            .into(),
            detail: serde_json::json!({"id": r.try_get::<String, _>("id")?, "judged_at": r.try_get::<Option<i64>, _>("decided_at")?}),
        });
    }
    for r in sqlx::query("SELECT item, staff_id, at FROM confirmations WHERE session_id = $1").bind(sid.clone()).fetch_all(db).await? {
        let at: i64 = r.try_get("at")?;
        events.push(TimelineEvent { at, offset_ms: off(at), kind: EventKind::Check, label: r.try_get("item")?, detail: serde_json::json!({"staff_id": r.try_get::<String, _>("staff_id")?}) });
    }
    let q = audit::Query { session: Some(id.clone()), limit: 1000, ..audit::Query::default() };
    for row in audit::list(db, &q).await? {
        if !ACTIONS.contains(&row.action.as_str()) {
            continue;
        }
        events.push(TimelineEvent {
            at: row.at,
            offset_ms: off(row.at),
            kind: EventKind::Action,
            label: row.action.clone(),
            detail: serde_json::json!({"actor": row.actor, "target": row.target, "detail": row.detail, "seq": row.seq}),
        });
    }
    events.sort_by_key(|e| (e.at, e.offset_ms));
    let recording = match (&manifest, live) {
        (_, true) => "recording".to_owned(),
        (Some(m), _) => match &m.status {
            recorder::Status::Complete => "complete",
            recorder::Status::Interrupted => "interrupted",
            recorder::Status::Failed { .. } => "failed",
        }
        .to_owned(),
        (None, false) => "none".to_owned(),
    };
    Ok(Timeline { session_id: sid, origin, recording, segments, files, events })
}
