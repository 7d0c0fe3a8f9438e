//! The append-only, hash-chained audit log: who did what, when, to which session — staff
//! sign-ins and failures, every read of personal data, every decision and admin change, and the
//! call's own milestones (joined, left, ended).
//!
//! Each row carries the SHA-256 of the previous row (`prev_hash`) and its own hash over its
//! content and `prev_hash`; the single `audit_head` row holds the last sequence number and hash.
//! Appending updates the head in the same transaction, which also serialises writers (a row lock
//! in PostgreSQL, the write lock in SQLite). [`verify`] walks the chain and names the first row
//! that was changed, or where one was removed.
//!
//! `detail` never holds personal data: ids, codes and counts only.

use crate::db::Db;
use domain::{ApiKeyId, SessionId, StaffId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff(StaffId),
    Integrator(ApiKeyId),
    /// The customer holding a session's link.
    Customer,
    /// Someone not (yet) authenticated, e.g. a failed sign-in.
    Anonymous,
    /// The server itself (timers, recovery, shutdown).
    System,
    /// The command line (`signaling admin …`).
    Cli,
}

impl Actor {
    pub fn to_text(&self) -> String {
        match self {
            Actor::Staff(id) => format!("staff:{id}"),
            Actor::Integrator(id) => format!("key:{id}"),
            Actor::Customer => "customer".into(),
            Actor::Anonymous => "anonymous".into(),
            Actor::System => "system".into(),
            Actor::Cli => "cli".into(),
        }
    }
}

/// What happened. Stored by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema, strum::AsRefStr, strum::EnumString, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AuditAction {
    // Staff access.
    LoginSucceeded,
    LoginFailed,
    AccountLocked,
    Logout,
    LogoutEverywhere,
    ReauthSucceeded,
    ReauthFailed,
    StaffCreated,
    StaffUpdated,
    /// Written by earlier versions, which reset the authenticator directly.
    TotpReset,
    // Onboarding by invitation and staff self-service.
    InvitationIssued,
    SignInReset,
    ActivationOpened,
    ActivationRefused,
    StaffActivated,
    PasswordChanged,
    PasswordChangeFailed,
    RecoveryCodesRegenerated,
    SignInEnded,
    AuditVerified,
    ApiKeyCreated,
    ApiKeyRevoked,
    RosterChanged,
    // Sessions and calls.
    SessionCreated,
    LinkIssued,
    LinkRevoked,
    Joined,
    Left,
    SessionEnded,
    AppointmentBooked,
    ChallengeStarted,
    // Reads and writes of personal data.
    SessionRead,
    ReferencePhotoWritten,
    AiEventsRead,
    RecordingRead,
    PlaybackIssued,
    RecordingFileServed,
    AuditRead,
    // Evidence.
    ConsentRecorded,
    StillCaptured,
    StillRead,
    EvidenceRead,
    PromptShown,
    ReadAloudStarted,
    ReadAloudJudged,
    CheckConfirmed,
    DecisionRecorded,
    // The customer journey.
    IdentificationCreated,
    ApplicationRead,
    ApplicationSaved,
    ApplicationSubmitted,
    DocumentCaptured,
    DocumentsRead,
    DocumentImageRead,
    PasskeyEnrolled,
    PasskeyVerified,
    // --- Supervisors and auditors (issue 11) ---
    ArchiveRead,
    TimelineRead,
    StatsRead,
    ReportRead,
    EvidenceExported,
    /// A manifest, decision or report was signed (detail: kind and the SHA-256 signed).
    DocumentSigned,
    /// Four eyes: the reviewer's verdict (target: confirm | overturn).
    DecisionReviewed,
    /// The result became final (at the decision, or at the review).
    ResultFinal,
    LegalHoldSet,
    LegalHoldReleased,
    /// Deleted on request (erasure) or by the retention job: files, rows and the data key.
    SessionErased,
    RetentionDeleted,
    MasterKeyRotated,
}

/// The reads, plays and exports of personal data: what an auditor's access view shows.
pub const ACCESS_ACTIONS: &[AuditAction] = &[
    AuditAction::SessionRead,
    AuditAction::AiEventsRead,
    AuditAction::RecordingRead,
    AuditAction::PlaybackIssued,
    AuditAction::RecordingFileServed,
    AuditAction::StillRead,
    AuditAction::EvidenceRead,
    AuditAction::ArchiveRead,
    AuditAction::TimelineRead,
    AuditAction::ReportRead,
    AuditAction::EvidenceExported,
];

impl AuditAction {
    pub fn is_access(self) -> bool {
        ACCESS_ACTIONS.contains(&self)
    }
}

#[cfg(test)]
mod access_tests {
    #[test]
    fn playing_and_exporting_are_access_and_deciding_is_not() {
        use super::AuditAction::*;
        assert!(PlaybackIssued.is_access() && RecordingFileServed.is_access() && EvidenceExported.is_access());
        assert!(!DecisionRecorded.is_access() && !LoginSucceeded.is_access());
    }
}

/// One row to append.
#[derive(Debug, Clone)]
pub struct Entry {
    pub actor: Actor,
    pub action: AuditAction,
    pub session: Option<SessionId>,
    /// What else the action was about (a staff id, a key id, a file name): ids only.
    pub target: Option<String>,
    /// Codes and counts, never personal data.
    pub detail: Option<String>,
}

impl Entry {
    pub fn new(actor: Actor, action: AuditAction) -> Entry {
        Entry { actor, action, session: None, target: None, detail: None }
    }
    pub fn session(mut self, s: &SessionId) -> Entry {
        self.session = Some(s.clone());
        self
    }
    pub fn target(mut self, t: impl Into<String>) -> Entry {
        self.target = Some(t.into());
        self
    }
    pub fn detail(mut self, d: impl Into<String>) -> Entry {
        self.detail = Some(d.into());
        self
    }
}

/// A stored row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditRow {
    pub seq: i64,
    /// Unix milliseconds.
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub session_id: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of the chain before its first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 over a canonical JSON array of the row's content and the previous hash.
pub fn row_hash(seq: i64, at: i64, actor: &str, action: &str, session: Option<&str>, target: Option<&str>, detail: Option<&str>, prev: &str) -> String {
    let canonical = serde_json::json!([seq, at, actor, action, session, target, detail, prev]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Appends one row at time `now` (unix ms).
pub async fn append(db: &Db, e: Entry, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // Taking the head first serialises appenders on the head row.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").fetch_one(&mut *tx).await?;
    let seq: i64 = head.try_get("seq")?;
    let prev: String = head.try_get("hash")?;
    let actor = e.actor.to_text();
    let session = e.session.as_ref().map(|s| s.as_str().to_owned());
    let hash = row_hash(seq, now, &actor, e.action.as_ref(), session.as_deref(), e.target.as_deref(), e.detail.as_deref(), &prev);
    sqlx::query("INSERT INTO audit_log (seq, at, actor, action, session_id, target, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(seq)
        .bind(now)
        .bind(&actor)
        .bind(e.action.as_ref())
        .bind(session)
        .bind(e.target)
        .bind(e.detail)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut *tx).await?;
    tx.commit().await
}

/// Appends and logs (never fails the caller): for milestones where the request must go on
/// even if the audit write failed; the failure itself is logged and counted.
pub async fn record(db: &Db, e: Entry, now: i64) {
    let action = e.action;
    if let Err(err) = append(db, e, now).await {
        tracing::error!(error = %err, action = action.as_ref(), "writing the audit log failed");
    }
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<AuditRow, sqlx::Error> {
    Ok(AuditRow {
        seq: r.try_get("seq")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        session_id: r.try_get("session_id")?,
        target: r.try_get("target")?,
        detail: r.try_get("detail")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

const COLUMNS: &str = "seq, at, actor, action, session_id, target, detail, prev_hash, hash";

/// Filter for reading the log, newest first.
#[derive(Debug, Default, Clone)]
pub struct Query {
    pub session: Option<SessionId>,
    pub actor: Option<String>,
    pub action: Option<AuditAction>,
    /// Only rows at or after this time (unix ms).
    pub from: Option<i64>,
    /// Only rows before this time (unix ms).
    pub to: Option<i64>,
    /// Only rows with `seq` below this (paging backwards: keyset, not offset, so a page never
    /// repeats or skips rows while new ones are appended).
    pub before: Option<i64>,
    pub limit: i64,
    /// Only these actions (e.g. [`ACCESS_ACTIONS`]); empty: all.
    pub actions: Vec<AuditAction>,
}

pub async fn list(db: &Db, q: &Query) -> Result<Vec<AuditRow>, sqlx::Error> {
    let mut sql = format!("SELECT {COLUMNS} FROM audit_log WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if q.session.is_some() {
        sql += &format!(" AND session_id = {}", next());
    }
    if q.actor.is_some() {
        sql += &format!(" AND actor = {}", next());
    }
    if q.action.is_some() {
        sql += &format!(" AND action = {}", next());
    }
    if q.from.is_some() {
        sql += &format!(" AND at >= {}", next());
    }
    if q.to.is_some() {
        sql += &format!(" AND at < {}", next());
    }
    if q.before.is_some() {
        sql += &format!(" AND seq < {}", next());
    }
    if !q.actions.is_empty() {
        let list: Vec<String> = q.actions.iter().map(|_| next()).collect();
        sql += &format!(" AND action IN ({})", list.join(", "));
    }
    sql += &format!(" ORDER BY seq DESC LIMIT {}", next());
    let mut query = sqlx::query(&sql);
    if let Some(s) = &q.session {
        query = query.bind(s.as_str().to_owned());
    }
    if let Some(a) = &q.actor {
        query = query.bind(a.clone());
    }
    if let Some(a) = q.action {
        query = query.bind(a.as_ref().to_owned());
    }
    if let Some(t) = q.from {
        query = query.bind(t);
    }
    if let Some(t) = q.to {
        query = query.bind(t);
    }
    if let Some(b) = q.before {
        query = query.bind(b);
    }
    for a in &q.actions {
        query = query.bind(a.as_ref().to_owned());
    }
    let rows = query.bind(q.limit.clamp(1, 1000)).fetch_all(db).await?;
    rows.iter().map(from_row).collect()
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every row checks out; `rows` were read.
    Intact { rows: i64 },
    /// The first row whose content no longer matches its hash, or whose `prev_hash` is not its
    /// predecessor's hash.
    Altered { seq: i64 },
    /// Rows are missing: the chain jumps from `after` to the next present row (or the head says
    /// more rows were written than are there).
    Missing { after: i64 },
}

/// Walks the whole chain in order.
pub async fn verify(db: &Db) -> Result<Verdict, sqlx::Error> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(db).await?;
    let head_seq: i64 = head.try_get("seq")?;
    let head_hash: String = head.try_get("hash")?;
    let mut prev_seq = 0i64;
    let mut prev_hash = GENESIS.to_owned();
    let mut after = 0i64;
    const PAGE: i64 = 5000;
    loop {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"))
            .bind(after)
            .bind(PAGE)
            .fetch_all(db)
            .await?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            let r = from_row(r)?;
            if r.seq != prev_seq + 1 {
                return Ok(Verdict::Missing { after: prev_seq });
            }
            let expect = row_hash(r.seq, r.at, &r.actor, &r.action, r.session_id.as_deref(), r.target.as_deref(), r.detail.as_deref(), &r.prev_hash);
            if r.prev_hash != prev_hash || r.hash != expect {
                return Ok(Verdict::Altered { seq: r.seq });
            }
            prev_seq = r.seq;
            prev_hash = r.hash;
        }
        after = prev_seq;
    }
    if prev_seq != head_seq {
        return Ok(Verdict::Missing { after: prev_seq });
    }
    if prev_hash != head_hash && head_seq > 0 {
        return Ok(Verdict::Altered { seq: head_seq });
    }
    Ok(Verdict::Intact { rows: prev_seq })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_hash_covers_every_field_and_the_previous_hash() {
        let base = row_hash(1, 10, "staff:a", "login_succeeded", None, None, None, GENESIS);
        assert_ne!(base, row_hash(2, 10, "staff:a", "login_succeeded", None, None, None, GENESIS));
        assert_ne!(base, row_hash(1, 11, "staff:a", "login_succeeded", None, None, None, GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:b", "login_succeeded", None, None, None, GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:a", "login_failed", None, None, None, GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:a", "login_succeeded", Some("s"), None, None, GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:a", "login_succeeded", None, Some("t"), None, GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:a", "login_succeeded", None, None, Some("d"), GENESIS));
        assert_ne!(base, row_hash(1, 10, "staff:a", "login_succeeded", None, None, None, &"1".repeat(64)));
    }

    #[test]
    fn fields_cannot_be_shifted_into_each_other() {
        assert_ne!(
            row_hash(1, 10, "a", "b", Some("x"), None, None, GENESIS),
            row_hash(1, 10, "a", "b", None, Some("x"), None, GENESIS)
        );
    }
}
