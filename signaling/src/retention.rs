//! Keeping evidence as long as the law requires and not longer.
//!
//! - **Retention**: a decided session is kept for its profile's `retention_days` after the
//!   decision (five years in the built-in profiles); a session that ended without a decision
//!   (aborted, expired, no-show) for `aborted_retention_days` (or the configured
//!   `retention.aborted_after_days`). [`deadline`] computes it; the archive index stores it.
//! - **Legal hold**: a held session is never deleted, whatever its deadline, until released.
//! - **Erasure on request**: allowed only where the law allows it: not while a legal hold
//!   applies, not while the session is still running, and not for a decided session whose
//!   retention obligation (anti-money-laundering record keeping) has not run out. A session
//!   that never reached a decision carries no such obligation and can be erased at once.
//!   ([`erasure_allowed`], pure.)
//! - **The job** ([`run`]): deletes what is due — the recording's files (every segment, the
//!   manifest), every row about the session, and its wrapped data key — and writes one audit
//!   row per session saying what it deleted (counts; the audit log itself is kept: it is the
//!   proof that deletion happened). The server runs it on a timer; operators can run
//!   `signaling retention run`.

use crate::AppState;
use crate::audit::{self, Actor, AuditAction, Entry};
use crate::config::RetentionSection;
use crate::db::Db;
use crate::profiles::{Profile, Profiles};
use crate::vault::Vault;
use std::sync::Arc;
use domain::{SessionId, SessionStatus, StaffId};
use serde::Serialize;
use sqlx::Row;

const DAY_MS: i64 = 86_400_000;

/// When a session may be deleted: `None` while it runs.
pub fn deadline(profile: &Profile, cfg: &RetentionSection, ended_at: Option<i64>, decided_at: Option<i64>) -> Option<i64> {
    match (decided_at, ended_at) {
        (Some(d), e) => Some(d.max(e.unwrap_or(d)) + i64::from(profile.retention_days) * DAY_MS),
        (None, Some(e)) => Some(e + i64::from(cfg.aborted_after_days.unwrap_or(profile.aborted_retention_days)) * DAY_MS),
        (None, None) => None,
    }
}

/// Why an erasure request is refused (stable codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ErasureRefusal {
    #[error("a legal hold applies to this session")]
    LegalHold,
    #[error("the session is still running; end it first")]
    SessionRunning,
    #[error("the identification must be kept until its retention period ends")]
    RetentionObligation,
}

impl ErasureRefusal {
    pub fn code(self) -> &'static str {
        match self {
            ErasureRefusal::LegalHold => "legal_hold",
            ErasureRefusal::SessionRunning => "session_running",
            ErasureRefusal::RetentionObligation => "retention_obligation",
        }
    }
}

/// Whether the law allows erasing the session now.
pub fn erasure_allowed(held: bool, status: SessionStatus, decided: bool, deadline: Option<i64>, now: i64) -> Result<(), ErasureRefusal> {
    if held {
        return Err(ErasureRefusal::LegalHold);
    }
    if status != SessionStatus::Ended {
        return Err(ErasureRefusal::SessionRunning);
    }
    if decided && deadline.is_none_or(|d| now < d) {
        return Err(ErasureRefusal::RetentionObligation);
    }
    Ok(())
}

/// What a deletion removed.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Deleted {
    pub files: u64,
    /// Rows per table.
    pub rows: std::collections::BTreeMap<String, u64>,
    pub key_destroyed: bool,
}

impl Deleted {
    /// For the audit row: counts only.
    pub fn summary(&self) -> String {
        let rows: u64 = self.rows.values().sum();
        format!("files={} rows={} key={}", self.files, rows, if self.key_destroyed { "destroyed" } else { "none" })
    }
}

/// Rows about a session, children before parents. The scheduler's tables have no foreign
/// keys; offers and outbox messages hang off the session's queue entries and bookings.
const SESSION_TABLES: &[(&str, &str)] = &[
    ("sched_offers", "entry_id IN (SELECT id FROM sched_queue WHERE session_id = $1)"),
    ("sched_outbox", "ref_id IN (SELECT id FROM sched_queue WHERE session_id = $1) OR ref_id IN (SELECT id FROM sched_bookings WHERE session_id = $1)"),
    ("sched_queue", "session_id = $1"),
    ("sched_bookings", "session_id = $1"),
    ("join_tokens", "session_id = $1"),
    ("ai_events", "session_id = $1"),
    ("reference_photos", "session_id = $1"),
    ("recordings", "session_id = $1"),
    ("consents", "session_id = $1"),
    ("stills", "session_id = $1"),
    ("prompts", "session_id = $1"),
    ("read_alouds", "session_id = $1"),
    ("confirmations", "session_id = $1"),
    ("decisions", "session_id = $1"),
    ("reviews", "session_id = $1"),
    ("signatures", "session_id = $1"),
    ("legal_holds", "session_id = $1"),
    ("session_index", "session_id = $1"),
    ("session_keys", "session_id = $1"),
    // The customer journey's rows (migration 0008), messages still queued included: an erased
    // session sends nothing more.
    ("passkey_ceremonies", "session_id = $1"),
    ("passkeys", "session_id = $1"),
    ("webhook_deliveries", "session_id = $1"),
    ("mail_outbox", "session_id = $1"),
    ("booking_links", "session_id = $1"),
    ("id_documents", "session_id = $1"),
    ("application_events", "session_id = $1"),
    ("applications", "session_id = $1"),
    ("journeys", "session_id = $1"),
    ("sessions", "id = $1"),
];

/// What deleting needs: the stores of a session's data. The server has them in its state; the
/// command line (`signaling retention run`) opens them without starting a server.
#[derive(Clone)]
pub struct Stores {
    pub db: Db,
    pub vault: Vault,
    /// Where recordings live (None: recording disabled).
    pub storage: Option<Arc<dyn recorder::Storage>>,
    pub profiles: Profiles,
    pub config: RetentionSection,
}

impl Stores {
    pub fn of(state: &AppState) -> Stores {
        Stores {
            db: state.db.clone(),
            vault: state.vault.clone(),
            storage: state.recordings.as_ref().map(|r| r.storage()),
            profiles: state.profiles.clone(),
            config: state.config.retention.clone(),
        }
    }
}

/// Deletes a session's files, rows and key at `now`, and audit-logs it as `action`.
pub async fn delete_session(stores: &Stores, session: &SessionId, actor: Actor, action: AuditAction, why: &str, now: i64) -> Result<Deleted, anyhow::Error> {
    let mut out = Deleted::default();
    if let Some(storage) = &stores.storage {
        let (storage, prefix) = (Arc::clone(storage), session.as_str().to_owned());
        out.files = tokio::task::spawn_blocking(move || storage.remove_all(&prefix)).await?.map_err(|e| anyhow::anyhow!("deleting recording files: {e}"))?;
    }
    // Crypto-shredding first: even a copy of the data that escaped (a backup) stops opening.
    let had_key = sqlx::query("SELECT 1 AS x FROM session_keys WHERE session_id = $1 AND destroyed_at IS NULL").bind(session.as_str().to_owned()).fetch_optional(&stores.db).await?.is_some();
    stores.vault.destroy(session, now).await?;
    out.key_destroyed = had_key;
    let mut tx = stores.db.begin().await?;
    for (table, filter) in SESSION_TABLES {
        let done = sqlx::query(&format!("DELETE FROM {table} WHERE {filter}")).bind(session.as_str().to_owned()).execute(&mut *tx).await?;
        if done.rows_affected() > 0 {
            out.rows.insert((*table).to_owned(), done.rows_affected());
        }
    }
    tx.commit().await?;
    audit::append(&stores.db, Entry::new(actor, action).session(session).target(why.to_owned()).detail(out.summary()), now).await?;
    Ok(out)
}

/// One run of the retention job at `now`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunReport {
    /// Deadlines filled in for sessions that ended since the last run.
    pub scheduled: u64,
    pub deleted: Vec<String>,
    pub failed: Vec<String>,
}

/// Deletes what is due at `now`; `live` says whether a session is in a call (skipped).
pub async fn run(stores: &Stores, now: i64, live: impl Fn(&str) -> bool) -> Result<RunReport, sqlx::Error> {
    let db = &stores.db;
    let batch = i64::from(stores.config.batch.max(1));
    let mut report = RunReport::default();
    let pending = sqlx::query("SELECT i.session_id, i.profile, s.ended_at, d.decided_at FROM session_index i JOIN sessions s ON s.id = i.session_id LEFT JOIN decisions d ON d.session_id = i.session_id WHERE i.status = 'ended' AND i.delete_after IS NULL LIMIT $1")
        .bind(batch)
        .fetch_all(db)
        .await?;
    for r in pending {
        let id: String = r.try_get("session_id")?;
        let Some(profile) = stores.profiles.get(&r.try_get::<String, _>("profile")?) else { continue };
        if let Some(d) = deadline(profile, &stores.config, r.try_get("ended_at")?, r.try_get("decided_at")?) {
            sqlx::query("UPDATE session_index SET delete_after = $2 WHERE session_id = $1").bind(id).bind(d).execute(db).await?;
            report.scheduled += 1;
        }
    }
    let due = sqlx::query("SELECT session_id FROM session_index WHERE legal_hold = 0 AND delete_after <= $1 ORDER BY delete_after LIMIT $2").bind(now).bind(batch).fetch_all(db).await?;
    for r in due {
        let id = SessionId::from_stored(r.try_get::<String, _>("session_id")?);
        // The index's hold flag could lag a hold set a moment ago: the hold table decides.
        let held = sqlx::query("SELECT 1 AS x FROM legal_holds WHERE session_id = $1").bind(id.as_str().to_owned()).fetch_optional(db).await?.is_some();
        if held || live(id.as_str()) {
            continue;
        }
        match delete_session(stores, &id, Actor::System, AuditAction::RetentionDeleted, "retention_expired", now).await {
            Ok(_) => report.deleted.push(id.into_string()),
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "retention: deleting a session failed");
                report.failed.push(id.into_string());
            }
        }
    }
    Ok(report)
}

/// A legal hold as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct LegalHold {
    pub reason: String,
    pub set_by: String,
    #[ts(type = "number")]
    pub set_at: i64,
}

pub async fn hold(state: &AppState, session: &SessionId) -> Result<Option<LegalHold>, sqlx::Error> {
    let row = sqlx::query("SELECT reason, set_by, set_at FROM legal_holds WHERE session_id = $1").bind(session.as_str().to_owned()).fetch_optional(&state.db).await?;
    row.map(|r| Ok(LegalHold { reason: r.try_get("reason")?, set_by: r.try_get("set_by")?, set_at: r.try_get("set_at")? })).transpose()
}

/// Sets (or replaces the reason of) a legal hold.
pub async fn set_hold(state: &AppState, session: &SessionId, by: &StaffId, reason: &str) -> Result<LegalHold, sqlx::Error> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM legal_holds WHERE session_id = $1").bind(session.as_str().to_owned()).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO legal_holds (session_id, reason, set_by, set_at) VALUES ($1, $2, $3, $4)")
        .bind(session.as_str().to_owned())
        .bind(reason.to_owned())
        .bind(by.as_str().to_owned())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE session_index SET legal_hold = 1 WHERE session_id = $1").bind(session.as_str().to_owned()).execute(&mut *tx).await?;
    tx.commit().await?;
    audit::append(&state.db, Entry::new(Actor::Staff(by.clone()), AuditAction::LegalHoldSet).session(session), now).await?;
    Ok(LegalHold { reason: reason.to_owned(), set_by: by.as_str().to_owned(), set_at: now })
}

/// Releases a hold; false if there was none.
pub async fn release_hold(state: &AppState, session: &SessionId, by: &StaffId) -> Result<bool, sqlx::Error> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin().await?;
    let done = sqlx::query("DELETE FROM legal_holds WHERE session_id = $1").bind(session.as_str().to_owned()).execute(&mut *tx).await?;
    sqlx::query("UPDATE session_index SET legal_hold = 0 WHERE session_id = $1").bind(session.as_str().to_owned()).execute(&mut *tx).await?;
    tx.commit().await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    audit::append(&state.db, Entry::new(Actor::Staff(by.clone()), AuditAction::LegalHoldReleased).session(session), now).await?;
    Ok(true)
}

/// Runs the job every `interval_secs` until shutdown (one tracked task).
pub fn spawn(state: &AppState) {
    if !state.config.retention.enabled {
        return;
    }
    let state2 = state.clone();
    state.tasks.spawn(async move {
        let state = state2;
        let mut every = tokio::time::interval(std::time::Duration::from_secs(state.config.retention.interval_secs.max(1)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut shutdown = state.shutdown.clone();
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = crate::stopping(&mut shutdown) => return,
            }
            let stores = Stores::of(&state);
            match run(&stores, state.clock.now_ms(), |s| state.calls.get(s).is_some()).await {
                Ok(r) if !r.deleted.is_empty() || !r.failed.is_empty() => tracing::info!(deleted = r.deleted.len(), failed = r.failed.len(), "retention run"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "retention run failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Profiles;

    fn basic() -> Profile {
        Profiles::built_in().expect("profiles").get("basic").expect("basic").clone()
    }

    #[test]
    fn decided_sessions_keep_for_the_profiles_years_and_aborted_ones_for_the_shorter_time() {
        let p = basic();
        let cfg = RetentionSection::default();
        assert_eq!(deadline(&p, &cfg, Some(1000), Some(2000)), Some(2000 + 1825 * DAY_MS));
        assert_eq!(deadline(&p, &cfg, Some(1000), None), Some(1000 + 30 * DAY_MS));
        assert_eq!(deadline(&p, &RetentionSection { aborted_after_days: Some(7), ..cfg.clone() }, Some(1000), None), Some(1000 + 7 * DAY_MS));
        assert_eq!(deadline(&p, &cfg, None, None), None, "a running session has no deadline");
    }

    #[test]
    fn erasure_is_refused_under_a_hold_while_running_and_while_a_retention_obligation_runs() {
        use SessionStatus::*;
        assert_eq!(erasure_allowed(true, Ended, false, Some(0), 10), Err(ErasureRefusal::LegalHold));
        assert_eq!(erasure_allowed(false, Active, false, None, 10), Err(ErasureRefusal::SessionRunning));
        assert_eq!(erasure_allowed(false, Ended, true, Some(100), 10), Err(ErasureRefusal::RetentionObligation));
        assert_eq!(erasure_allowed(false, Ended, true, Some(100), 100), Ok(()));
        assert_eq!(erasure_allowed(false, Ended, false, Some(1_000_000), 10), Ok(()), "no decision, no obligation");
    }
}
