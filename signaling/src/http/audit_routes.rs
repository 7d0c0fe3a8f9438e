//! The audit log for auditors and admins: newest first, filtered by session, actor, action and
//! time, paged by `before` (keyset); and the chain check `signaling audit verify` runs. The access
//! views are this route with `access=true` (only reads, plays and exports of personal data): per
//! session (`session_id=`) or per staff member (`actor=staff:<id>`).

use super::error::AppError;
use super::extract::ApiQuery;
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, AuditRow, Entry, Verdict};
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only rows about this session.
    #[param(value_type = Option<domain::SessionId>)]
    pub session_id: Option<String>,
    /// Only rows by this actor (`staff:<id>`, `key:<id>`, `customer`, `system`, `anonymous`, `cli`).
    #[param(max_length = 100)]
    pub actor: Option<String>,
    /// Only rows of this action.
    pub action: Option<AuditAction>,
    /// Only rows at or after this time (unix ms).
    #[param(minimum = 0)]
    pub from: Option<i64>,
    /// Only rows before this time (unix ms).
    #[param(minimum = 0)]
    pub to: Option<i64>,
    /// Only rows older than this sequence number (the `seq` of the last row of the previous page).
    #[param(minimum = 1)]
    pub before: Option<i64>,
    /// At most this many rows (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// Only who viewed, played or exported what (the access log).
    pub access: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditRow>)),
    extensions(("x-action" = json!("read_audit_log"))))]
pub async fn list(caller: Caller, State(state): State<AppState>, ApiQuery(q): ApiQuery<AuditQuery>) -> Result<Json<Vec<AuditRow>>, AppError> {
    let session = match q.session_id.as_deref() {
        Some(s) => Some(domain::SessionId::parse(s).ok_or_else(|| AppError::bad_request("invalid_query", "session_id is 32 hex digits"))?),
        None => None,
    };
    let bad = q.limit.is_some_and(|l| !(1..=1000).contains(&l))
        || q.before.is_some_and(|b| b < 1)
        || q.from.is_some_and(|t| t < 0)
        || q.to.is_some_and(|t| t < 0)
        || q.actor.as_ref().is_some_and(|a| a.chars().count() > 100);
    if bad {
        return Err(AppError::bad_request("invalid_query", "limit is 1-1000, before at least 1, times not negative, actor at most 100 characters"));
    }
    let actions = if q.access == Some(true) { audit::ACCESS_ACTIONS.to_vec() } else { vec![] };
    let query = audit::Query { session: session.clone(), actor: q.actor, before: q.before, limit: q.limit.unwrap_or(100), actions, action: q.action, from: q.from, to: q.to };
    let rows = audit::list(&state.db, &query).await?;
    let mut e = Entry::new(caller.principal.actor(), AuditAction::AuditRead).detail(rows.len().to_string());
    if let Some(s) = &session {
        e = e.session(s);
    }
    audit::append(&state.db, e, state.clock.now_ms()).await?;
    Ok(Json(rows))
}

/// What the chain check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChainState {
    Intact,
    /// A row's content or its link to the previous row does not match its hash.
    Altered,
    /// Rows were removed.
    Missing,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainVerdict {
    pub state: ChainState,
    /// The chain checks out from the first row up to and including this one.
    pub intact_up_to: i64,
    /// The first row that is not as it was written: changed (altered) or gone (missing).
    pub broken_at: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = ChainVerdict, description = "The same walk as `signaling audit verify`")),
    extensions(("x-action" = json!("verify_audit_log"))))]
pub async fn verify(caller: Caller, State(state): State<AppState>) -> Result<Json<ChainVerdict>, AppError> {
    let verdict = match audit::verify(&state.db).await? {
        Verdict::Intact { rows } => ChainVerdict { state: ChainState::Intact, intact_up_to: rows, broken_at: None },
        Verdict::Altered { seq } => ChainVerdict { state: ChainState::Altered, intact_up_to: seq - 1, broken_at: Some(seq) },
        Verdict::Missing { after } => ChainVerdict { state: ChainState::Missing, intact_up_to: after, broken_at: Some(after + 1) },
    };
    let detail = match verdict.broken_at {
        None => format!("intact:{}", verdict.intact_up_to),
        Some(at) => format!("broken:{at}"),
    };
    // Written after the walk, so the check's own row is never part of what it reports.
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::AuditVerified).detail(detail), state.clock.now_ms()).await?;
    Ok(Json(verdict))
}
