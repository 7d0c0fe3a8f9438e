//! `session_index`: what the archive filters on, one row per session. Rows are created with
//! the session ([`created`]), follow its state ([`sync_status`]) and are recomputed from the
//! evidence stores at each milestone — decision, review, recording stored, legal hold —
//! by [`refresh`], which is idempotent (any caller may run it again).

use crate::AppState;
use crate::db::Db;
use crate::evidence::checklist::{self, RecordingFact};
use crate::evidence::decision;
use domain::SessionId;
use serde::Serialize;
use sqlx::Row;

/// The risk flags the archive filters on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Flags {
    /// The face analysis said `no_match` at some point of the call.
    pub face_no_match: bool,
    /// The liveness check said `attack`.
    pub liveness_fail: bool,
    /// A head-movement challenge failed.
    pub challenge_failed: bool,
    /// The recording failed or misses a party's audio or video.
    pub recording_unhealthy: bool,
    /// How often the call was re-established (segments after the first).
    pub reconnects: u32,
}

/// The flags from the stored AI events (pure: kinds and bodies in).
pub fn ai_flags<'a>(events: impl IntoIterator<Item = (&'a str, &'a serde_json::Value)>) -> Flags {
    let mut f = Flags::default();
    for (kind, body) in events {
        match kind {
            "face_match" if body["verdict"] == "no_match" => f.face_no_match = true,
            "antispoof" if body["verdict"] == "attack" => f.liveness_fail = true,
            "challenge_done" if body["passed"] == false => f.challenge_failed = true,
            _ => {}
        }
    }
    f
}

/// The row of a new session.
pub async fn created(db: &Db, session: &SessionId, created_at: i64, status: &str, profile: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO session_index (session_id, created_at, status, profile) VALUES ($1, $2, $3, $4) ON CONFLICT (session_id) DO NOTHING")
        .bind(session.as_str().to_owned())
        .bind(created_at)
        .bind(status.to_owned())
        .bind(profile.to_owned())
        .execute(db)
        .await?;
    Ok(())
}

/// Copies the session's state and end time into its row (after a lifecycle change).
pub async fn sync_status(db: &Db, session: &SessionId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE session_index SET status = (SELECT status FROM sessions WHERE id = $1), ended_at = (SELECT ended_at FROM sessions WHERE id = $1) WHERE session_id = $1",
    )
    .bind(session.as_str().to_owned())
    .execute(db)
    .await?;
    Ok(())
}

/// Like [`sync_status`], logging instead of failing (the lifecycle change itself stands).
pub async fn sync_status_logged(db: &Db, session: &SessionId) {
    if let Err(e) = sync_status(db, session).await {
        tracing::error!(error = %e, "updating the archive index failed");
    }
}

/// The AI events that set flags.
pub async fn ai_flags_of(db: &Db, session: &SessionId) -> Result<Flags, sqlx::Error> {
    let rows = sqlx::query("SELECT kind, body FROM ai_events WHERE session_id = $1 AND kind IN ('face_match', 'antispoof', 'challenge_done') ORDER BY id")
        .bind(session.as_str().to_owned())
        .fetch_all(db)
        .await?;
    let parsed: Vec<(String, serde_json::Value)> = rows
        .iter()
        .filter_map(|r| Some((r.try_get::<String, _>("kind").ok()?, serde_json::from_str(&r.try_get::<String, _>("body").ok()?).ok()?)))
        .collect();
    Ok(ai_flags(parsed.iter().map(|(k, b)| (k.as_str(), b))))
}

/// The agent of a session: who decided it, else who took it from the queue last.
async fn agent(db: &Db, session: &SessionId, decided_by: Option<&str>) -> Result<Option<String>, sqlx::Error> {
    if let Some(a) = decided_by {
        return Ok(Some(a.to_owned()));
    }
    let row = sqlx::query("SELECT agent_id FROM sched_queue WHERE session_id = $1 AND agent_id IS NOT NULL ORDER BY joined_ms DESC LIMIT 1")
        .bind(session.as_str().to_owned())
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|r| r.try_get::<Option<String>, _>("agent_id").ok().flatten()))
}

/// The session's review state for the archive.
pub async fn review_state(db: &Db, session: &SessionId, status: Option<decision::DecisionStatus>) -> Result<&'static str, sqlx::Error> {
    let row = sqlx::query("SELECT verdict FROM reviews WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?;
    Ok(match (row.and_then(|r| r.try_get::<String, _>("verdict").ok()).as_deref(), status) {
        (Some("confirm"), _) => "confirmed",
        (Some(_), _) => "overturned",
        (None, Some(decision::DecisionStatus::PendingReview)) => "pending",
        (None, _) => "none",
    })
}

/// Whether a closed recording can back an identification: not failed, and both parties'
/// audio and video present (the checklist's rule, read from the manifest alone).
pub fn manifest_unhealthy(m: &recorder::Manifest) -> bool {
    if matches!(m.status, recorder::Status::Failed { .. }) {
        return true;
    }
    ["customer", "agent"].iter().any(|p| {
        [recorder::Medium::Audio, recorder::Medium::Video].iter().any(|md| !m.health.tracks.iter().any(|t| t.participant == *p && t.medium == *md && t.packets > 0))
    })
}

/// A recording's manifest was stored: its flags into the row (no app state needed, so the
/// recorder's hook can call it).
pub async fn recording_stored(db: &Db, m: &recorder::Manifest) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE session_index SET recording_unhealthy = $2, reconnects = $3 WHERE session_id = $1")
        .bind(m.session_id.clone())
        .bind(i64::from(manifest_unhealthy(m)))
        .bind(m.segments.len().saturating_sub(1) as i64)
        .execute(db)
        .await?;
    Ok(())
}

/// Recomputes the session's row from the stores.
pub async fn refresh(state: &AppState, session: &SessionId) -> Result<(), sqlx::Error> {
    let db = &state.db;
    let Some(s) = state.sessions.get(session).await? else { return Ok(()) };
    created(db, session, s.created_at, s.status.as_ref(), &s.profile).await?;
    let d = decision::get(db, session).await?;
    let review = review_state(db, session, d.as_ref().map(|d| d.status)).await?;
    let agent = agent(db, session, d.as_ref().map(|d| d.staff_id.as_str())).await?;
    let mut flags = ai_flags_of(db, session).await?;
    if let Some(r) = &state.recordings {
        let fact = checklist::recording_fact(Some(r), session).await?;
        flags.recording_unhealthy = matches!(fact, RecordingFact::Unhealthy { .. });
        if let Some(m) = r.manifest(session.as_str()).await? {
            flags.reconnects = m.segments.len().saturating_sub(1) as u32;
        }
    }
    let hold = sqlx::query("SELECT 1 AS held FROM legal_holds WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(db).await?.is_some();
    let deadline = state.profiles.get(&s.profile).and_then(|p| crate::retention::deadline(p, &state.config.retention, s.ended_at, d.as_ref().map(|d| d.decided_at)));
    sqlx::query(
        "UPDATE session_index SET status = $2, agent_id = $3, outcome = $4, decision_status = $5, decided_at = $6, review = $7, \
         face_no_match = $8, liveness_fail = $9, challenge_failed = $10, recording_unhealthy = $11, reconnects = $12, ended_at = $13, \
         delete_after = $14, legal_hold = $15 WHERE session_id = $1",
    )
    .bind(session.as_str().to_owned())
    .bind(s.status.as_ref().to_owned())
    .bind(agent)
    .bind(d.as_ref().map(|d| d.outcome.as_ref().to_owned()))
    .bind(d.as_ref().map(|d| d.status.as_ref().to_owned()))
    .bind(d.as_ref().map(|d| d.decided_at))
    .bind(review)
    .bind(i64::from(flags.face_no_match))
    .bind(i64::from(flags.liveness_fail))
    .bind(i64::from(flags.challenge_failed))
    .bind(i64::from(flags.recording_unhealthy))
    .bind(i64::from(flags.reconnects))
    .bind(s.ended_at)
    .bind(deadline)
    .bind(i64::from(hold))
    .execute(db)
    .await?;
    Ok(())
}

/// Like [`refresh`], logging instead of failing (the milestone itself stands; the next
/// refresh repairs the row).
pub async fn refresh_logged(state: &AppState, session: &SessionId) {
    if let Err(e) = refresh(state, session).await {
        tracing::error!(error = %e, "refreshing the archive index failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_no_match_at_any_time_an_attack_or_a_failed_challenge_raise_their_flags() {
        let events = [
            ("face_match", json!({"verdict": "no_match"})),
            ("face_match", json!({"verdict": "match"})),
            ("antispoof", json!({"verdict": "live"})),
            ("challenge_done", json!({"passed": true})),
        ];
        let f = ai_flags(events.iter().map(|(k, b)| (*k, b)));
        assert!(f.face_no_match && !f.liveness_fail && !f.challenge_failed);
        let events = [("antispoof", json!({"verdict": "attack"})), ("challenge_done", json!({"passed": false}))];
        let f = ai_flags(events.iter().map(|(k, b)| (*k, b)));
        assert!(!f.face_no_match && f.liveness_fail && f.challenge_failed);
    }
}
