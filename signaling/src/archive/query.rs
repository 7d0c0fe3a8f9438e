//! The archive's search: filters over `session_index`, newest first, keyset-paged by
//! (`created_at`, `session_id`) so page N costs what page 1 costs. Flags are written into
//! the SQL as literals (`face_no_match = 1`), which lets SQLite and PostgreSQL use their
//! partial indexes; every value a caller supplies is a bound parameter.

use super::index::Flags;
use crate::db::Db;
use crate::evidence::decision::{DecisionStatus, Outcome};
use domain::SessionStatus;
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// A risk flag to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Flag {
    FaceNoMatch,
    LivenessFail,
    ChallengeFailed,
    RecordingUnhealthy,
    Reconnects,
}

impl Flag {
    fn sql(self) -> &'static str {
        match self {
            Flag::FaceNoMatch => "face_no_match = 1",
            Flag::LivenessFail => "liveness_fail = 1",
            Flag::ChallengeFailed => "challenge_failed = 1",
            Flag::RecordingUnhealthy => "recording_unhealthy = 1",
            Flag::Reconnects => "reconnects > 0",
        }
    }
}

/// Where a session stands with the second person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema, ts_rs::TS, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum ReviewState {
    /// No review needed (or no decision yet).
    None,
    /// Waiting for a supervisor.
    Pending,
    Confirmed,
    Overturned,
}

/// The archive's filters; all given ones must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Created at or after (unix ms) ...
    pub from: Option<i64>,
    /// ... and before.
    pub to: Option<i64>,
    pub agent: Option<String>,
    pub outcome: Option<Outcome>,
    pub profile: Option<String>,
    pub flags: Vec<Flag>,
    pub review: Option<ReviewState>,
    /// `true`: confirmed or overturned; `false`: not (yet) reviewed.
    pub reviewed: Option<bool>,
    pub status: Option<SessionStatus>,
    pub decision_status: Option<DecisionStatus>,
}

/// Where the next page starts: the last row's (`created_at`, `session_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: i64,
    pub session_id: String,
}

impl Cursor {
    /// `"<created_at>.<session_id>"`: opaque to clients, readable in logs.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.created_at, self.session_id)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let (t, id) = s.split_once('.')?;
        let created_at = t.parse().ok()?;
        domain::SessionId::parse(id)?;
        Some(Cursor { created_at, session_id: id.to_owned() })
    }
}

/// One archive row (no personal data: names are a separate, policy-gated field of the page).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct ArchiveRow {
    pub session_id: String,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number | null")]
    pub ended_at: Option<i64>,
    /// `created`, `active` or `ended`.
    pub status: String,
    pub profile: String,
    pub agent_id: Option<String>,
    pub outcome: Option<String>,
    /// `final` or `pending_review` once decided.
    pub decision_status: Option<String>,
    #[ts(type = "number | null")]
    pub decided_at: Option<i64>,
    pub review: ReviewState,
    pub flags: Flags,
    pub legal_hold: bool,
    /// The customer's name, only for callers the policy allows (`read_customer_identity`)
    /// and once the application data holds one.
    pub customer_name: Option<String>,
}

const COLUMNS: &str = "session_id, created_at, ended_at, status, profile, agent_id, outcome, decision_status, decided_at, review, \
    face_no_match, liveness_fail, challenge_failed, recording_unhealthy, reconnects, legal_hold";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ArchiveRow, sqlx::Error> {
    let flag = |c: &str| r.try_get::<i64, _>(c).map(|v| v != 0);
    Ok(ArchiveRow {
        session_id: r.try_get("session_id")?,
        created_at: r.try_get("created_at")?,
        ended_at: r.try_get("ended_at")?,
        status: r.try_get("status")?,
        profile: r.try_get("profile")?,
        agent_id: r.try_get("agent_id")?,
        outcome: r.try_get("outcome")?,
        decision_status: r.try_get("decision_status")?,
        decided_at: r.try_get("decided_at")?,
        review: r.try_get::<String, _>("review")?.parse().unwrap_or(ReviewState::None),
        flags: Flags {
            face_no_match: flag("face_no_match")?,
            liveness_fail: flag("liveness_fail")?,
            challenge_failed: flag("challenge_failed")?,
            recording_unhealthy: flag("recording_unhealthy")?,
            reconnects: r.try_get::<i64, _>("reconnects")?.max(0) as u32,
        },
        legal_hold: flag("legal_hold")?,
        customer_name: None,
    })
}

/// The SQL and its parameters for a page (exposed for the benchmark's EXPLAIN).
pub fn sql(filter: &Filter, after: Option<&Cursor>, limit: i64) -> (String, Vec<Param>) {
    let mut clauses: Vec<String> = vec![];
    let mut params: Vec<Param> = vec![];
    let bind = |p: Param, params: &mut Vec<Param>| {
        params.push(p);
        format!("${}", params.len())
    };
    if let Some(f) = filter.from {
        clauses.push(format!("created_at >= {}", bind(Param::Int(f), &mut params)));
    }
    if let Some(t) = filter.to {
        clauses.push(format!("created_at < {}", bind(Param::Int(t), &mut params)));
    }
    if let Some(a) = &filter.agent {
        clauses.push(format!("agent_id = {}", bind(Param::Text(a.clone()), &mut params)));
    }
    if let Some(o) = filter.outcome {
        clauses.push(format!("outcome = {}", bind(Param::Text(o.as_ref().to_owned()), &mut params)));
    }
    if let Some(p) = &filter.profile {
        clauses.push(format!("profile = {}", bind(Param::Text(p.clone()), &mut params)));
    }
    if let Some(r) = filter.review {
        clauses.push(format!("review = {}", bind(Param::Text(r.as_ref().to_owned()), &mut params)));
    }
    match filter.reviewed {
        Some(true) => clauses.push("review IN ('confirmed', 'overturned')".into()),
        Some(false) => clauses.push("review IN ('none', 'pending')".into()),
        None => {}
    }
    if let Some(s) = filter.status {
        clauses.push(format!("status = {}", bind(Param::Text(s.as_ref().to_owned()), &mut params)));
    }
    if let Some(d) = filter.decision_status {
        clauses.push(format!("decision_status = {}", bind(Param::Text(d.as_ref().to_owned()), &mut params)));
    }
    for f in &filter.flags {
        clauses.push(f.sql().to_owned());
    }
    if let Some(c) = after {
        let t = bind(Param::Int(c.created_at), &mut params);
        let id = bind(Param::Text(c.session_id.clone()), &mut params);
        // Written so both planners see a range on created_at they can walk an index with.
        clauses.push(format!("created_at <= {t} AND (created_at < {t} OR session_id < {id})"));
    }
    let filter_sql = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
    let limit = bind(Param::Int(limit), &mut params);
    (format!("SELECT {COLUMNS} FROM session_index{filter_sql} ORDER BY created_at DESC, session_id DESC LIMIT {limit}"), params)
}

/// A bound value.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    Int(i64),
    Text(String),
}

/// One page, newest first, and the cursor of the next one (None on the last page).
pub async fn page(db: &Db, filter: &Filter, after: Option<&Cursor>, limit: i64) -> Result<(Vec<ArchiveRow>, Option<Cursor>), sqlx::Error> {
    let limit = limit.clamp(1, 200);
    let (sql, params) = sql(filter, after, limit + 1);
    let mut q = sqlx::query(&sql);
    for p in params {
        q = match p {
            Param::Int(i) => q.bind(i),
            Param::Text(t) => q.bind(t),
        };
    }
    let rows = q.fetch_all(db).await?;
    let mut out: Vec<ArchiveRow> = rows.iter().map(from_row).collect::<Result<_, _>>()?;
    let next = if out.len() as i64 > limit {
        out.truncate(limit as usize);
        out.last().map(|r| Cursor { created_at: r.created_at, session_id: r.session_id.clone() })
    } else {
        None
    };
    Ok((out, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_values_are_bound_and_flags_are_literals_for_the_partial_indexes() {
        let f = Filter { agent: Some("x' OR 1=1 --".into()), flags: vec![Flag::FaceNoMatch, Flag::Reconnects], ..Filter::default() };
        let (sql, params) = sql(&f, None, 51);
        assert!(!sql.contains("OR 1=1"), "{sql}");
        assert!(sql.contains("face_no_match = 1") && sql.contains("reconnects > 0"));
        assert_eq!(params, vec![Param::Text("x' OR 1=1 --".into()), Param::Int(51)]);
    }

    #[test]
    fn cursors_round_trip_and_malformed_ones_are_refused() {
        let id = domain::SessionId::random().into_string();
        let c = Cursor { created_at: 1_700_000_000_000, session_id: id };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("12.not an id"), None);
        assert_eq!(Cursor::decode("x.y"), None);
    }
}

/// Customers' names for the rows of a page, for callers the policy lets see them.
///
/// Integration point: names live in the application data of the customer-journey work
/// (encrypted with each session's data key). Until that lands no session has a name, so this
/// returns none; the projection, the policy gate (`read_customer_identity`) and the audit row
/// are in place.
pub async fn customer_names(_state: &crate::AppState, _rows: &[ArchiveRow]) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    Ok(std::collections::HashMap::new())
}
