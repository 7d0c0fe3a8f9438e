//! The customer's journey: its overview and language, the application form (drafts saved on
//! the server, so a reload loses nothing; a submission checks everything), the wait predicted
//! before joining the queue, the ICE servers for the device check, and the result.
//!
//! Draft rule: `PUT …/application` stores what the customer typed, invalid values included,
//! and answers with each refused field and its code; only values over the length limit refuse
//! the whole request (nothing stored). `POST …/application/submit` refuses unless every
//! required field is valid and any MRZ disagreement has been confirmed or corrected.

use super::booking_routes::{sched_err, scheduling_err};
use super::error::AppError;
use super::evidence_routes::vault_error;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::guard::Caller;
use super::identification_routes::today;
use super::scheduling_views::{BookingView, SlotView};
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::evidence::consent;
use crate::evidence::decision::{self, DecisionStatus, Outcome};
use crate::journey::applicant::{self, Applicant, FieldError, Rules};
use crate::journey::application::{self, Application, EventKind, HistoryEvent, MrzReview, State as AppState2};
use crate::journey::documents;
use crate::journey::mrz::{self, FieldComparison, MatchStatus};
use crate::journey::result::{self, Status};
use crate::journey::{self, language};
use crate::policy::Principal;
use crate::scheduling::catalog;
use crate::sessions::Session;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use domain::{BookingStatus, EntryId, SessionId, SessionStatus};
use scheduler::roster::parse_tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A refusal that names fields: problem+json with `errors`, each a field and its code.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldsProblem {
    #[serde(flatten)]
    pub problem: super::Problem,
    pub errors: Vec<FieldError>,
}

pub(super) fn fields_problem(status: StatusCode, code: &str, detail: &str, errors: Vec<FieldError>) -> Response {
    let problem = super::Problem {
        type_: format!("urn:videokyc:problem:{code}"),
        title: status.canonical_reason().unwrap_or("error").to_owned(),
        status: status.as_u16(),
        code: code.to_owned(),
        detail: Some(detail.to_owned()),
        retry_after_seconds: None,
    };
    let mut resp = (status, Json(FieldsProblem { problem, errors })).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/problem+json"));
    resp
}

// ---- Overview and language ----

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: String,
    pub doc_type: String,
    pub side: documents::Side,
    pub check_digits_ok: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationSummary {
    pub state: AppState2,
    pub mrz_review: MrzReview,
}

/// Where the customer stands, for the journey's pages to pick up after a reload.
#[derive(Debug, Serialize, ToSchema)]
pub struct JourneyView {
    pub session_id: SessionId,
    pub status: Status,
    pub language: String,
    pub languages: Vec<String>,
    pub profile: String,
    /// The document types the profile accepts.
    pub documents_allowed: Vec<String>,
    /// Processing, recording and biometrics consents are all in force.
    pub consent_given: bool,
    pub application: Option<ApplicationSummary>,
    pub documents: Vec<DocumentSummary>,
    /// The session's place in the live queue, while it waits.
    pub queue_entry: Option<EntryId>,
    /// The session's appointment: the one still booked, else the latest (cancelled, missed, …).
    pub booking: Option<BookingView>,
    pub return_url: Option<String>,
}

async fn journey_view(state: &AppState, session: &Session, lang_header: Option<&str>) -> Result<JourneyView, AppError> {
    let now = state.clock.now_ms();
    let j = journey::ensure(&state.db, &session.id, language::from_accept_language(lang_header), now).await?;
    let d = decision::get(&state.db, &session.id).await?;
    let status = result::status(&state.db, session, d.as_ref()).await?;
    let profile = state.profiles.get(&session.profile).cloned();
    let (application, docs) = match state.vault.existing_key(&session.id).await {
        Ok(key) => (
            application::load(&state.db, &key, &session.id).await.map_err(vault_error)?.map(|a| ApplicationSummary { state: a.state, mrz_review: a.mrz_review }),
            documents::list(&state.db, &key, &session.id).await.map_err(vault_error)?,
        ),
        Err(crate::vault::VaultError::NoKey) => (None, vec![]),
        Err(e) => return Err(vault_error(e)),
    };
    Ok(JourneyView {
        session_id: session.id.clone(),
        status,
        language: j.lang().to_owned(),
        languages: language::SUPPORTED.iter().map(|l| (*l).to_owned()).collect(),
        profile: session.profile.clone(),
        documents_allowed: profile.map(|p| p.documents).unwrap_or_default(),
        consent_given: consent::allows_media(&consent::history(&state.db, &session.id).await?),
        application,
        documents: docs.into_iter().map(|d| DocumentSummary { id: d.id, doc_type: d.doc_type, side: d.side, check_digits_ok: d.check_digits_ok }).collect(),
        queue_entry: state.scheduling.entry_for_session(&session.id).await.ok().flatten(),
        booking: state.scheduling.store().booking_of_session(session.id.as_str()).await.map_err(sched_err)?.as_ref().map(BookingView::new),
        return_url: j.return_url,
    })
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/journey", tag = "journey",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = JourneyView, description = "On the first visit the language is taken from `Accept-Language`"), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_journey"))))]
pub async fn get_journey(State(state): State<AppState>, ApiPath(id): ApiPath<String>, headers: HeaderMap) -> Result<Json<JourneyView>, AppError> {
    let session = load(&state, &id).await?;
    let lang = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Ok(Json(journey_view(&state, &session, lang).await?))
}

/// The session of the customer link that made the request (also an ended session's).
fn own_session(caller: &Caller) -> Result<SessionId, AppError> {
    match &caller.principal {
        Principal::Customer { session, .. } | Principal::EndedCustomer { session, .. } => Ok(session.clone()),
        _ => Err(AppError::Forbidden),
    }
}

#[utoipa::path(get, path = "/api/v1/journey", tag = "journey",
    responses((status = 200, body = JourneyView, description = "The link holder's own journey (the customer pages hold only the link's token); also once the session has ended, for the result page")),
    extensions(("x-action" = json!("read_journey"))))]
pub async fn get_own_journey(caller: Caller, State(state): State<AppState>, headers: HeaderMap) -> Result<Json<JourneyView>, AppError> {
    let session = load(&state, own_session(&caller)?.as_str()).await?;
    let lang = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Ok(Json(journey_view(&state, &session, lang).await?))
}

#[utoipa::path(post, path = "/api/v1/journey/check-in", tag = "journey",
    responses((status = 200, body = BookingView, description = "Checked in to the session's appointment; at its start the booked agent is offered the call"),
        (status = 404, body = super::Problem, description = "`booking_not_found`: the session has no appointment"),
        (status = 409, body = super::Problem, description = "`check_in_too_early` (more than 15 minutes ahead), `booking_closed`")),
    extensions(("x-action" = json!("prepare_call"))))]
pub async fn journey_check_in(caller: Caller, State(state): State<AppState>) -> Result<Json<BookingView>, AppError> {
    let session = own_session(&caller)?;
    let s = &state.scheduling;
    let b = s.store().booking_of_session(session.as_str()).await.map_err(sched_err)?.ok_or(AppError::NotFound("booking_not_found"))?;
    let now = s.clock.now();
    if b.status == BookingStatus::Booked && b.start - now > TimeDelta::minutes(15) {
        return Err(AppError::conflict("check_in_too_early", "check-in opens 15 minutes before the appointment"));
    }
    let b = s.store().check_in_booking(b, session.as_str(), now).await.map_err(sched_err)?;
    Ok(Json(BookingView::new(&b)))
}

/// The needs of a journey session's queue entry, estimate or booking ([`journey::needs`]);
/// `None` for a session without a journey (its caller names the needs).
pub(super) async fn derived_needs(state: &AppState, session: &SessionId) -> Result<Option<scheduler::Needs>, AppError> {
    let Some(j) = journey::get(&state.db, session).await? else { return Ok(None) };
    let profile = state.sessions.get(session).await?.map(|s| s.profile);
    let document: Option<String> = sqlx::query_scalar("SELECT doc_type FROM id_documents WHERE session_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1")
        .bind(session.as_str().to_owned())
        .fetch_optional(&state.db)
        .await?;
    let agents = state.scheduling.store().load_agents().await.map_err(sched_err)?;
    let roster: std::collections::BTreeSet<String> = agents.iter().flat_map(|a| a.skills.iter().cloned()).collect();
    let case = journey::needs::Case { language: j.language.as_deref(), profile: profile.as_deref(), document_type: document.as_deref() };
    Ok(Some(journey::needs::derive(&case, &roster)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetLanguage {
    /// `en`, `fr` or `vi`.
    pub language: String,
}

#[utoipa::path(put, path = "/api/v1/sessions/{id}/journey", tag = "journey", request_body = SetLanguage,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = JourneyView), (status = 404, body = super::Problem), (status = 422, body = super::Problem, description = "`unsupported_language`")),
    extensions(("x-action" = json!("write_journey"))))]
pub async fn put_journey(State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<SetLanguage>) -> Result<Json<JourneyView>, AppError> {
    let session = load(&state, &id).await?;
    let lang = language::parse(&b.language).ok_or_else(|| AppError::unprocessable("unsupported_language", "the journey speaks en, fr and vi"))?;
    journey::ensure(&state.db, &session.id, lang, state.clock.now_ms()).await?;
    journey::set_language(&state.db, &session.id, lang).await?;
    Ok(Json(journey_view(&state, &session, None).await?))
}

// ---- The application ----

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationView {
    pub state: AppState2,
    pub mrz_review: MrzReview,
    pub applicant: Applicant,
    /// Values that would be refused (field and code).
    pub errors: Vec<FieldError>,
    /// Required fields still empty (field and code, e.g. `email_required`).
    pub missing: Vec<FieldError>,
    /// Fields the integrator prefilled.
    pub prefilled: Vec<String>,
    /// Fields filled in from the document's MRZ.
    pub from_mrz: Vec<String>,
    /// The latest MRZ against the application now: what to confirm or correct.
    pub mrz_comparison: Vec<FieldComparison>,
    pub updated_at: Option<i64>,
    pub submitted_at: Option<i64>,
    /// What was prefilled, submitted, read from documents and confirmed, oldest first.
    pub history: Vec<HistoryEvent>,
}

fn rules(state: &AppState, complete: bool) -> Rules {
    Rules { today: today(state), min_age_years: state.config.journey.min_age_years, complete }
}

fn current_comparison(app: &Applicant, docs: &[documents::Document]) -> Vec<FieldComparison> {
    match documents::latest_mrz(docs).and_then(|d| d.mrz.as_ref().map(|m| (m, &d.lines))) {
        Some((m, lines)) => mrz::compare(app, m, mrz::names_truncated(m, lines)),
        None => vec![],
    }
}

async fn application_view(state: &AppState, session: &SessionId, app: Option<Application>) -> Result<ApplicationView, AppError> {
    let key = state.vault.key(session, state.clock.now_ms()).await.map_err(vault_error)?;
    let docs = documents::list(&state.db, &key, session).await.map_err(vault_error)?;
    let history = application::history(&state.db, &key, session).await.map_err(vault_error)?;
    let app = app.unwrap_or_else(|| Application::new(0));
    let (_, errors) = applicant::check(&app.applicant, rules(state, false));
    let (_, all) = applicant::check(&app.applicant, rules(state, true));
    let missing = all.into_iter().filter(|e| e.code.ends_with("_required")).collect();
    Ok(ApplicationView {
        state: app.state,
        mrz_review: app.mrz_review,
        mrz_comparison: current_comparison(&app.applicant, &docs),
        applicant: app.applicant,
        errors,
        missing,
        prefilled: app.prefilled.into_iter().collect(),
        from_mrz: app.from_mrz.into_iter().collect(),
        updated_at: (app.updated_at > 0).then_some(app.updated_at),
        submitted_at: app.submitted_at,
        history,
    })
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/application", tag = "journey",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::Problem), (status = 410, body = super::Problem, description = "`data_erased`")),
    extensions(("x-action" = json!("read_application"))))]
pub async fn get_application(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<ApplicationView>, AppError> {
    let session = load(&state, &id).await?;
    let now = state.clock.now_ms();
    let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
    let app = application::load(&state.db, &key, &session.id).await.map_err(vault_error)?;
    // Every read of personal data is audited, the customer's own included.
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ApplicationRead).session(&session.id), now).await?;
    Ok(Json(application_view(&state, &session.id, app).await?))
}

/// The form cannot change once the call runs or a decision exists.
async fn writable(state: &AppState, session: &Session) -> Result<(), AppError> {
    if session.status != SessionStatus::Created || decision::get(&state.db, &session.id).await?.is_some() {
        return Err(AppError::conflict("application_locked", "the application cannot change once the call has started"));
    }
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveApplication {
    /// The whole form as it stands (absent fields are empty).
    pub applicant: Applicant,
    /// The customer has seen the latest MRZ comparison and confirms these values (corrected
    /// or not); the MRZ's values and the confirmed ones are both kept.
    #[serde(default)]
    pub confirm_mrz: bool,
}

const COMPARED: &[&str] = &["surname", "given_names", "date_of_birth", "nationality"];

#[utoipa::path(put, path = "/api/v1/sessions/{id}/application", tag = "journey", request_body = SaveApplication,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ApplicationView, description = "Saved as typed; refused fields are listed in `errors`"),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, description = "`application_locked`, `no_mrz_to_confirm`"),
        (status = 422, body = FieldsProblem, content_type = "application/problem+json", description = "`field_too_long` (nothing saved)")),
    extensions(("x-action" = json!("write_application"))))]
pub async fn put_application(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<SaveApplication>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    writable(&state, &session).await?;
    let oversized = applicant::oversized(&b.applicant);
    if !oversized.is_empty() {
        return Ok(fields_problem(StatusCode::UNPROCESSABLE_ENTITY, "field_too_long", "a value is longer than any real one; nothing was saved", oversized));
    }
    let now = state.clock.now_ms();
    let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
    let mut app = application::load(&state.db, &key, &session.id).await.map_err(vault_error)?.unwrap_or_else(|| Application::new(now));
    let (typed, _) = applicant::check(&b.applicant, rules(&state, false));
    let changed: Vec<&str> = typed.fields().into_iter().filter(|(f, v)| app.applicant.get(f) != *v).map(|(f, _)| f).collect();
    app.from_mrz.retain(|f| !changed.contains(&f.as_str()));
    if !changed.is_empty() && app.state == AppState2::Submitted {
        app.state = AppState2::Draft;
        app.submitted_at = None;
    }
    if app.mrz_review == MrzReview::Confirmed && changed.iter().any(|f| COMPARED.contains(f)) {
        app.mrz_review = MrzReview::Pending;
    }
    app.applicant = typed;
    app.updated_at = now;
    if b.confirm_mrz {
        let docs = documents::list(&state.db, &key, &session.id).await.map_err(vault_error)?;
        let Some(doc) = documents::latest_mrz(&docs) else { return Err(AppError::conflict("no_mrz_to_confirm", "no document's machine-readable zone was read")) };
        let comparison = current_comparison(&app.applicant, &docs);
        let mismatches: Vec<_> = comparison.iter().filter(|c| c.status == MatchStatus::Mismatch).collect();
        let confirmed: serde_json::Map<String, serde_json::Value> = COMPARED.iter().map(|f| ((*f).to_owned(), serde_json::json!(app.applicant.get(f)))).collect();
        let record = serde_json::json!({"document_id": doc.id, "mrz": doc.mrz, "confirmed": confirmed, "mismatches": mismatches});
        application::append_event(&state.db, &key, &session.id, EventKind::MrzConfirmed, &record, now).await?;
        app.mrz_review = MrzReview::Confirmed;
    }
    application::save(&state.db, &key, &session.id, &app).await?;
    journey::mark_started(&state.db, &session.id, now).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ApplicationSaved).session(&session.id).detail(format!("fields={};confirm_mrz={}", changed.len(), b.confirm_mrz)), now).await?;
    Ok(Json(application_view(&state, &session.id, Some(app)).await?).into_response())
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/application/submit", tag = "journey",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ApplicationView), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`application_locked`, `mrz_review_required`"),
        (status = 422, body = FieldsProblem, content_type = "application/problem+json", description = "`application_invalid` with every refused or missing field")),
    extensions(("x-action" = json!("write_application"))))]
pub async fn submit_application(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    writable(&state, &session).await?;
    let now = state.clock.now_ms();
    let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
    let mut app = application::load(&state.db, &key, &session.id).await.map_err(vault_error)?.unwrap_or_else(|| Application::new(now));
    let (normalised, errors) = applicant::check(&app.applicant, rules(&state, true));
    if !errors.is_empty() {
        return Ok(fields_problem(StatusCode::UNPROCESSABLE_ENTITY, "application_invalid", "some fields are missing or not valid", errors));
    }
    if app.mrz_review == MrzReview::Pending {
        return Err(AppError::conflict("mrz_review_required", "confirm or correct the values read from your document first"));
    }
    app.applicant = normalised;
    app.state = AppState2::Submitted;
    app.submitted_at = Some(now);
    app.updated_at = now;
    application::save(&state.db, &key, &session.id, &app).await?;
    application::append_event(&state.db, &key, &session.id, EventKind::Submitted, &serde_json::json!({"applicant": app.applicant}), now).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ApplicationSubmitted).session(&session.id), now).await?;
    Ok(Json(application_view(&state, &session.id, Some(app)).await?).into_response())
}

// ---- Before the call: the predicted wait, the ICE servers ----

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EstimateQuery {
    /// The customer's IANA zone for the slots' `local_start`; default UTC.
    #[param(value_type = Option<super::schemas::TimeZoneName>)]
    pub tz: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueEstimate {
    /// The place the customer would take if they joined now (1 = next).
    pub position: usize,
    pub estimated_wait_ms: i64,
    /// Agents with the needed skills who are signed in now (0: joining means waiting for one).
    pub agents_available: usize,
    /// The next free appointment slots for the same needs (up to three, within a week).
    pub next_slots: Vec<SlotView>,
}

#[utoipa::path(get, path = "/api/v1/queue/estimate", tag = "journey", params(EstimateQuery),
    responses((status = 200, body = QueueEstimate, description = "For the link holder's session, with the needs the server derives from its journey (language, profile, document type: each only when an agent has that skill)"),
        (status = 422, body = super::Problem, description = "`unknown_time_zone`")),
    extensions(("x-action" = json!("prepare_call"))))]
pub async fn queue_estimate(caller: Caller, State(state): State<AppState>, ApiQuery(q): ApiQuery<EstimateQuery>) -> Result<Json<QueueEstimate>, AppError> {
    let s = &state.scheduling;
    let session = own_session(&caller)?;
    let needs = derived_needs(&state, &session).await?.unwrap_or_default();
    let agents = s.store().load_agents().await.map_err(sched_err)?;
    let cat = catalog(&agents, s.extra_skills()).map_err(sched_err)?;
    let tz = parse_tz(q.tz.as_deref().unwrap_or("UTC")).map_err(sched_err)?;
    let (pos, agents_available) = s.predict(needs.clone()).await.map_err(scheduling_err)?;
    let now = s.clock.now();
    let to = (now + TimeDelta::days(7)).min(now + s.policy().horizon);
    let slots = s.store().free_slots(&agents, &cat, s.policy(), &needs, tz, now, to, now).await.map_err(sched_err)?;
    Ok(Json(QueueEstimate { position: pos.position, estimated_wait_ms: pos.estimated_wait_ms, agents_available, next_slots: slots.iter().filter(|s| s.free > 0).take(3).map(SlotView::from).collect() }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IceServers {
    /// STUN and TURN servers with fresh TURN credentials (RTCPeerConnection's `iceServers`).
    #[schema(value_type = Vec<Object>)]
    pub ice_servers: Vec<crate::ws::protocol::IceServer>,
    /// How long the TURN credentials stay valid.
    pub ttl_secs: u64,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/ice-servers", tag = "journey",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = IceServers), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("prepare_call"))))]
pub async fn ice_servers(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<IceServers>, AppError> {
    let session = load(&state, &id).await?;
    let now_secs = state.clock.now_ms().div_euclid(1000).max(0) as u64;
    Ok(Json(IceServers { ice_servers: crate::turn::ice_servers(&state.config.ice, session.id.as_str(), now_secs), ttl_secs: state.config.ice.turn_ttl_secs }))
}

// ---- The result ----

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerResult {
    pub status: Status,
    /// Once final (never the agent's notes or reasons).
    pub outcome: Option<Outcome>,
    /// Back to the integrator.
    pub return_url: Option<String>,
    /// A passkey may be enrolled now (final and approved, and the server has a domain name).
    pub passkey_enrollment: bool,
    pub passkeys: i64,
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/result", tag = "journey",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = CustomerResult), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_own_result"))))]
pub async fn get_result(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<CustomerResult>, AppError> {
    let session = load(&state, &id).await?;
    let d = decision::get(&state.db, &session.id).await?;
    let status = result::status(&state.db, &session, d.as_ref()).await?;
    let outcome = d.filter(|d| d.status == DecisionStatus::Final).map(|d| d.outcome);
    let j = journey::get(&state.db, &session.id).await?;
    let approved = outcome == Some(Outcome::Approved);
    Ok(Json(CustomerResult {
        status,
        outcome,
        return_url: j.and_then(|j| j.return_url),
        passkey_enrollment: approved && journey::passkeys::relying_party(&state.config.public_url).is_ok(),
        passkeys: journey::passkeys::count(&state.db, &session.id).await?,
    }))
}
