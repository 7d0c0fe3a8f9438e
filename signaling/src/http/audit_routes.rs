//! The audit log for auditors: newest first, filtered by session or actor, paged by `before`.

use super::error::AppError;
use super::extract::ApiQuery;
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, AuditRow, Entry};
use axum::Json;
use axum::extract::State;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only rows about this session.
    #[param(value_type = Option<domain::SessionId>)]
    pub session_id: Option<String>,
    /// Only rows by this actor (`staff:<id>`, `key:<id>`, `customer`, `system`, `anonymous`, `cli`).
    pub actor: Option<String>,
    /// Only rows older than this sequence number (the `seq` of the last row of the previous page).
    #[param(minimum = 1)]
    pub before: Option<i64>,
    /// At most this many rows (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditRow>)),
    extensions(("x-action" = json!("read_audit_log"))))]
pub async fn list(caller: Caller, State(state): State<AppState>, ApiQuery(q): ApiQuery<AuditQuery>) -> Result<Json<Vec<AuditRow>>, AppError> {
    let session = match q.session_id.as_deref() {
        Some(s) => Some(domain::SessionId::parse(s).ok_or_else(|| AppError::bad_request("invalid_query", "session_id is 32 hex digits"))?),
        None => None,
    };
    if q.limit.is_some_and(|l| !(1..=1000).contains(&l)) || q.before.is_some_and(|b| b < 1) {
        return Err(AppError::bad_request("invalid_query", "limit is 1-1000 and before at least 1"));
    }
    let rows = audit::list(&state.db, &audit::Query { session: session.clone(), actor: q.actor, before: q.before, limit: q.limit.unwrap_or(100) }).await?;
    let mut e = Entry::new(caller.principal.actor(), AuditAction::AuditRead).detail(rows.len().to_string());
    if let Some(s) = &session {
        e = e.session(s);
    }
    audit::append(&state.db, e, state.clock.now_ms()).await?;
    Ok(Json(rows))
}
