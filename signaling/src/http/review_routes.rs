//! Supervisors and auditors: the archive, a session's timeline, the four-eyes review, legal
//! holds, erasure on request, and the dashboard figures.

use super::error::AppError;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::archive::query::{self, ArchiveRow, Cursor, Filter, Flag, ReviewState};
use crate::archive::stats::Stats;
use crate::archive::timeline::Timeline;
use crate::audit::{self, AuditAction, Entry};
use crate::evidence::decision::{self, Decision, DecisionStatus, Outcome};
use crate::policy::{self, Action};
use crate::retention::{self, Deleted, LegalHold};
use crate::review::sampling::ReviewReason;
use crate::review::{self, Review, ReviewInput};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::{SessionId, SessionStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A time in a query: unix milliseconds or RFC 3339.
fn time_param(name: &str, raw: Option<&str>) -> Result<Option<i64>, AppError> {
    let Some(raw) = raw else { return Ok(None) };
    if let Ok(ms) = raw.parse::<i64>() {
        return Ok(Some(ms));
    }
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| Some(t.timestamp_millis()))
        .map_err(|_| AppError::bad_request("invalid_query", format!("`{name}` is unix milliseconds or an RFC 3339 time")))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ArchiveQuery {
    /// Created at or after (unix ms or RFC 3339).
    #[param(pattern = "^(-?[0-9]{1,15}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))$")]
    pub from: Option<String>,
    /// Created before (unix ms or RFC 3339).
    #[param(pattern = "^(-?[0-9]{1,15}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))$")]
    pub to: Option<String>,
    /// The deciding (else assigned) agent's staff id.
    pub agent: Option<String>,
    pub outcome: Option<Outcome>,
    /// Profile id, e.g. `bafin-rs-3-2017`.
    pub profile: Option<String>,
    /// Comma-separated, all must hold: `face_no_match`, `liveness_fail`, `challenge_failed`,
    /// `recording_unhealthy`, `reconnects`.
    #[param(pattern = "^((face_no_match|liveness_fail|challenge_failed|recording_unhealthy|reconnects)(,(face_no_match|liveness_fail|challenge_failed|recording_unhealthy|reconnects))*)?$")]
    pub flags: Option<String>,
    pub review: Option<ReviewState>,
    /// `true`: confirmed or overturned by a reviewer; `false`: not (yet).
    pub reviewed: Option<bool>,
    /// The session's state.
    #[param(inline)]
    pub status: Option<SessionStatus>,
    /// `final` or `pending_review`.
    pub decision_status: Option<DecisionStatus>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^-?[0-9]{1,18}\\.[0-9a-f]{32}$")]
    pub cursor: Option<String>,
    /// Rows per page (default 50, at most 200).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArchivePage {
    pub items: Vec<ArchiveRow>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// Whether this caller may see customers' names (`customer_name`).
    pub names_visible: bool,
}

#[utoipa::path(get, path = "/api/v1/sessions", tag = "archive", params(ArchiveQuery),
    responses((status = 200, body = ArchivePage), (status = 400, body = super::Problem, description = "`invalid_query`")),
    extensions(("x-action" = json!("list_sessions"))))]
pub async fn list_sessions(caller: Caller, State(state): State<AppState>, ApiQuery(q): ApiQuery<ArchiveQuery>) -> Result<Json<ArchivePage>, AppError> {
    let flags = q
        .flags
        .as_deref()
        .map(|f| f.split(',').filter(|s| !s.is_empty()).map(|s| s.trim().parse::<Flag>().map_err(|_| AppError::bad_request("invalid_query", format!("unknown flag `{s}`")))).collect::<Result<Vec<_>, _>>())
        .transpose()?
        .unwrap_or_default();
    let filter = Filter {
        from: time_param("from", q.from.as_deref())?,
        to: time_param("to", q.to.as_deref())?,
        agent: q.agent,
        outcome: q.outcome,
        profile: q.profile,
        flags,
        review: q.review,
        reviewed: q.reviewed,
        status: q.status,
        decision_status: q.decision_status,
    };
    let cursor = q.cursor.as_deref().map(|c| Cursor::decode(c).ok_or_else(|| AppError::bad_request("invalid_query", "unknown `cursor`"))).transpose()?;
    if q.limit.is_some_and(|l| !(1..=200).contains(&l)) {
        return Err(AppError::bad_request("invalid_query", "`limit` is 1-200"));
    }
    let (mut items, next) = query::page(&state.db, &filter, cursor.as_ref(), q.limit.unwrap_or(50)).await?;
    let now = state.clock.now_ms();
    let names_visible = policy::permits(&caller.principal, Action::ReadCustomerIdentity, now, state.timeouts()).await;
    if names_visible {
        let names = query::customer_names(&state, &items).await?;
        for row in &mut items {
            row.customer_name = names.get(&row.session_id).cloned();
        }
    }
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ArchiveRead).detail(format!("rows={} names={names_visible}", items.len())), now).await?;
    Ok(Json(ArchivePage { items, next_cursor: next.map(|c| c.encode()), names_visible }))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/timeline", tag = "archive",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Timeline), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_timeline"))))]
pub async fn timeline(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Timeline>, AppError> {
    let session = load(&state, &id).await?;
    let t = crate::archive::timeline::build(&state, &session).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::TimelineRead).session(&session.id), state.clock.now_ms()).await?;
    Ok(Json(t))
}

/// A decision with its review state.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewView {
    pub decision: Decision,
    /// Why it went to review (empty: it did not).
    pub review_reasons: Vec<ReviewReason>,
    pub review: Option<Review>,
}

async fn review_view(state: &AppState, session: &domain::SessionId) -> Result<ReviewView, AppError> {
    let decision = decision::get(&state.db, session).await?.ok_or(AppError::NotFound("decision_not_found"))?;
    Ok(ReviewView { decision, review_reasons: review::review_reasons(&state.db, session).await?, review: review::get(&state.db, session).await? })
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/review", tag = "review",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ReviewView), (status = 404, body = super::Problem, description = "`session_not_found`, `decision_not_found`")),
    extensions(("x-action" = json!("read_evidence"))))]
pub async fn get_review(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<ReviewView>, AppError> {
    let session = load(&state, &id).await?;
    Ok(Json(review_view(&state, &session.id).await?))
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/review", tag = "review", request_body = ReviewInput,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ReviewView, description = "The decision is final"),
        (status = 404, body = super::Problem, description = "`session_not_found`, `decision_not_found`"),
        (status = 409, body = super::Problem, description = "`not_pending_review`"),
        (status = 422, body = super::Problem, description = "`reason_required`, `outcome_required`, `confirm_takes_no_outcome`, `reason_code_required`, `unknown_reason`")),
    extensions(("x-action" = json!("review_decision"))))]
pub async fn post_review(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<ReviewInput>) -> Result<Json<ReviewView>, AppError> {
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?.staff.id.clone();
    match review::record(&state, &session, &staff, &b).await? {
        Ok(_) => Ok(Json(review_view(&state, &session.id).await?)),
        Err(r @ review::Refusal::NoDecision) => Err(AppError::NotFound(r.code())),
        Err(r @ review::Refusal::NotPending) => Err(AppError::conflict(r.code(), r.to_string())),
        Err(r) => Err(AppError::unprocessable(r.code(), r.to_string())),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldInput {
    /// Why (a case number, an authority's request): 10–500 characters.
    #[schema(max_length = 500, pattern = r"^[ \t\n\r]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{8,}[^\s\u0000-\u001F\u007F-\u009F][ \t\n\r]*$")]
    pub reason: String,
}

fn reason_ok(r: &str, max: usize) -> Result<&str, AppError> {
    let r = r.trim();
    if (10..=max).contains(&r.chars().count()) { Ok(r) } else { Err(AppError::unprocessable("reason_required", format!("give a reason of 10 to {max} characters"))) }
}

#[utoipa::path(put, path = "/api/v1/sessions/{id}/legal-hold", tag = "retention", request_body = HoldInput,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = LegalHold), (status = 404, body = super::Problem), (status = 422, body = super::Problem, description = "`reason_required`")),
    extensions(("x-action" = json!("manage_legal_hold"))))]
pub async fn set_hold(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<HoldInput>) -> Result<Json<LegalHold>, AppError> {
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?.staff.id.clone();
    let reason = reason_ok(&b.reason, 500)?;
    Ok(Json(retention::set_hold(&state, &session.id, &staff, reason).await?))
}

#[utoipa::path(delete, path = "/api/v1/sessions/{id}/legal-hold", tag = "retention",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 204, description = "Released"), (status = 404, body = super::Problem, description = "`session_not_found`, `no_legal_hold`")),
    extensions(("x-action" = json!("manage_legal_hold"))))]
pub async fn release_hold(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<StatusCode, AppError> {
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?.staff.id.clone();
    if retention::release_hold(&state, &session.id, &staff).await? { Ok(StatusCode::NO_CONTENT) } else { Err(AppError::NotFound("no_legal_hold")) }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseInput {
    /// The request's reference (10–500 characters), kept in the audit log.
    #[schema(max_length = 500, pattern = r"^[ \t\n\r]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{8,}[^\s\u0000-\u001F\u007F-\u009F][ \t\n\r]*$")]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/erase", tag = "retention", request_body = EraseInput,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Deleted, description = "Files, rows and the session's key are gone"),
        (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`legal_hold`, `session_running`, `retention_obligation`"),
        (status = 422, body = super::Problem, description = "`reason_required`")),
    extensions(("x-action" = json!("erase_session"))))]
pub async fn erase(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<EraseInput>) -> Result<Json<Deleted>, AppError> {
    let session = load(&state, &id).await?;
    let reason = reason_ok(&b.reason, 500)?;
    let held = retention::hold(&state, &session.id).await?.is_some();
    let d = decision::get(&state.db, &session.id).await?;
    let profile = state.profiles.get(&session.profile).ok_or_else(|| AppError::Internal(anyhow::anyhow!("session names an unknown profile")))?;
    let deadline = retention::deadline(profile, &state.config.retention, session.ended_at, d.as_ref().map(|d| d.decided_at));
    let live = state.calls.get(session.id.as_str()).is_some();
    let status = if live { SessionStatus::Active } else { session.status };
    retention::erasure_allowed(held, status, d.is_some(), deadline, state.clock.now_ms()).map_err(|r| AppError::conflict(r.code(), r.to_string()))?;
    let reference = format!("erasure_request:{}", hex::encode(<sha2::Sha256 as sha2::Digest>::digest(reason.as_bytes())));
    let deleted = retention::delete_session(&retention::Stores::of(&state), &session.id, caller.principal.actor(), AuditAction::SessionErased, &reference, state.clock.now_ms()).await?;
    Ok(Json(deleted))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// Start (unix ms or RFC 3339); default 30 days before `to`.
    #[param(pattern = "^(-?[0-9]{1,15}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))$")]
    pub from: Option<String>,
    /// End, exclusive; default now. At most 366 days after `from`.
    #[param(pattern = "^(-?[0-9]{1,15}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))$")]
    pub to: Option<String>,
    /// Only this agent's sessions and queue entries.
    pub agent: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/stats", tag = "archive", params(StatsQuery),
    responses((status = 200, body = Stats), (status = 409, body = super::Problem, description = "`range_too_long`: `from` not before `to`, or more than 366 days apart")),
    extensions(("x-action" = json!("read_stats"))))]
pub async fn stats(caller: Caller, State(state): State<AppState>, ApiQuery(q): ApiQuery<StatsQuery>) -> Result<Json<Stats>, AppError> {
    const DAY: i64 = 86_400_000;
    let now = state.clock.now_ms();
    let to = time_param("to", q.to.as_deref())?.unwrap_or(now);
    let from = time_param("from", q.from.as_deref())?.unwrap_or(to - 30 * DAY);
    if to <= from || to - from > 366 * DAY {
        // 409 as for main's not-bookable times: a well-formed request the data cannot answer.
        return Err(AppError::conflict("range_too_long", "`from` must be before `to`, at most 366 days apart"));
    }
    let (sessions, queue) = crate::archive::stats::load(&state.db, from, to, q.agent.as_deref()).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StatsRead), now).await?;
    Ok(Json(crate::archive::stats::summarise(from, to, &sessions, &queue)))
}
