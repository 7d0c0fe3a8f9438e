//! Profiles, consent, stills, the checklist and the decision.

use super::error::AppError;
use super::extract::{ApiBytes, ApiJson, ApiPath, ApiQuery};
use super::guard::Caller;
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::evidence::checklist::{self, Item};
use crate::evidence::consent::{self, ConsentDecision, ConsentKind, ConsentRecord, ConsentText};
use crate::evidence::decision::{self, Blocker, Decision, DecisionStatus, Outcome};
use crate::evidence::{steps, stills};
use crate::lifecycle::Event;
use crate::profiles::{Profile, StillKind};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use super::schemas::Binary;
use domain::{SessionId, SessionStatus};
use rand::Rng;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Vault failures: a missing key means the data is gone (erased); the rest is internal.
pub(super) fn vault_error(e: crate::vault::VaultError) -> AppError {
    match e {
        crate::vault::VaultError::NoKey => AppError::Gone { code: "data_erased", message: "this session's data was erased".into() },
        other => AppError::Internal(anyhow::Error::new(other)),
    }
}

#[utoipa::path(get, path = "/api/v1/profiles", tag = "profiles",
    responses((status = 200, body = Vec<Profile>)),
    extensions(("x-action" = json!("read_profiles"))))]
pub async fn list_profiles(State(state): State<AppState>) -> Json<Vec<Profile>> {
    Json(state.profiles.all().cloned().collect())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LanguageQuery {
    /// `en`, `fr` or `vi` (any other falls back to English).
    pub lang: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/consent-texts", tag = "consent", params(LanguageQuery),
    responses((status = 200, body = Vec<ConsentText>)),
    extensions(("x-action" = json!("read_consent_texts"))))]
pub async fn consent_texts(ApiQuery(q): ApiQuery<LanguageQuery>) -> Json<Vec<ConsentText>> {
    Json(consent::texts(q.lang.as_deref().unwrap_or("en")))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiveConsent {
    pub kind: ConsentKind,
    pub decision: ConsentDecision,
    /// The `version` of the text the customer was shown (`GET /api/v1/consent-texts`).
    pub text_version: String,
}

// Written out so the document names the published texts: per kind, the versions of its texts
// (in every language). Another version is refused (422 `unknown_consent_text`).
impl utoipa::PartialSchema for GiveConsent {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use strum::IntoEnumIterator;
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, OneOfBuilder, Type};
        let mut kinds = OneOfBuilder::new();
        for kind in ConsentKind::iter() {
            kinds = kinds.item(
                ObjectBuilder::new()
                    .property("kind", ObjectBuilder::new().schema_type(Type::String).enum_values(Some([kind.as_ref()])))
                    .property("decision", utoipa::openapi::Ref::from_schema_name("ConsentDecision"))
                    .property(
                        "text_version",
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .enum_values(Some(consent::versions(kind)))
                            .description(Some("The `version` of the text the customer was shown (`GET /api/v1/consent-texts`).")),
                    )
                    .required("kind")
                    .required("decision")
                    .required("text_version")
                    .additional_properties(Some(AdditionalProperties::FreeForm(false))),
            );
        }
        kinds.into()
    }
}

impl ToSchema for GiveConsent {
    fn schemas(out: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::Schema>)>) {
        out.push(("ConsentDecision".into(), <ConsentDecision as utoipa::PartialSchema>::schema()));
    }
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/consents", tag = "consent", request_body = GiveConsent,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 201, body = Vec<ConsentRecord>, description = "Recorded; the session's consent history"),
        (status = 404, body = super::Problem), (status = 422, body = super::Problem, description = "`unknown_consent_text`")),
    extensions(("x-action" = json!("give_consent"))))]
pub async fn give_consent(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<GiveConsent>) -> Result<(StatusCode, Json<Vec<ConsentRecord>>), AppError> {
    let session = load(&state, &id).await?;
    let language = consent::known_version(b.kind, &b.text_version).ok_or_else(|| AppError::unprocessable("unknown_consent_text", "consent must name a text the server published"))?;
    let now = state.clock.now_ms();
    consent::record(&state.db, &session.id, b.kind, b.decision, &b.text_version, language, now).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ConsentRecorded).session(&session.id).detail(format!("{}:{}", b.kind.as_ref(), b.decision.as_ref())), now).await?;
    Ok((StatusCode::CREATED, Json(consent::history(&state.db, &session.id).await?)))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/consents", tag = "consent",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Vec<ConsentRecord>), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_consents"))))]
pub async fn list_consents(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Vec<ConsentRecord>>, AppError> {
    let session = load(&state, &id).await?;
    Ok(Json(consent::history(&state.db, &session.id).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StillQuery {
    pub kind: StillKind,
    /// The `request_id` of the call socket's `capture` message.
    #[param(max_length = 64)]
    pub request_id: String,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/stills", tag = "evidence", params(("id" = SessionId, Path, description = "Session id"), StillQuery),
    request_body(content((Binary = "image/jpeg"), (Binary = "image/png")), description = "The photo (JPEG or PNG) the camera took"),
    responses((status = 201, body = stills::Still), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`consent_required`, `capture_not_requested`"),
        (status = 413, body = super::Problem, description = "`image_too_large`"),
        (status = 415, body = super::Problem, description = "`unsupported_image`"),
        (status = 422, body = super::Problem, description = "`image_dimensions`")),
    extensions(("x-action" = json!("upload_still"))))]
pub async fn upload_still(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<StillQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<(StatusCode, Json<stills::Still>), AppError> {
    let session = load(&state, &id).await?;
    if !consent::allows_media(&consent::history(&state.db, &session.id).await?) {
        return Err(AppError::conflict("consent_required", "the customer has not consented to processing, recording and biometrics"));
    }
    let refused = |r: stills::StillRefusal| match r {
        stills::StillRefusal::TooLarge => AppError::PayloadTooLarge { code: r.code(), message: r.to_string() },
        stills::StillRefusal::NotAnImage => AppError::UnsupportedMediaType { code: r.code(), message: r.to_string() },
        stills::StillRefusal::BadDimensions => AppError::unprocessable(r.code(), r.to_string()),
    };
    // A broken upload does not use up the agent's request: the customer can try again.
    stills::inspect(&body).map_err(refused)?;
    let call = state.calls.get(session.id.as_str());
    if !call.as_ref().is_some_and(|c| c.take_capture(&q.request_id, q.kind)) {
        return Err(AppError::conflict("capture_not_requested", "stills are taken when the agent asks for them"));
    }
    let now = state.clock.now_ms();
    let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
    let still = stills::store(&state.db, &key, &session.id, q.kind, &body, &q.request_id, now).await?.map_err(refused)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StillCaptured).session(&session.id).target(still.id.clone()).detail(still.sha256.clone()), now).await?;
    if let Some(call) = call {
        call.notify(domain::Party::Agent, crate::calls::Notice::Send(crate::ws::protocol::ServerMsg::Still { still: still.clone() }));
    }
    Ok((StatusCode::CREATED, Json(still)))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/stills", tag = "evidence",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Vec<stills::Still>), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_evidence"))))]
pub async fn list_stills(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Vec<stills::Still>>, AppError> {
    let session = load(&state, &id).await?;
    Ok(Json(stills::list(&state.db, &session.id).await?))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/stills/{still_id}", tag = "evidence",
    params(("id" = SessionId, Path, description = "Session id"), ("still_id" = String, Path, description = "Still id", pattern = "^[0-9a-f]{32}$")),
    responses((status = 200, description = "The image (its `content_type`)", content((Binary = "image/jpeg"), (Binary = "image/png"))),
        (status = 404, body = super::Problem, description = "`still_not_found`"),
        (status = 410, body = super::Problem, description = "`data_erased`: the still existed, the session's data was erased")),
    extensions(("x-action" = json!("read_evidence"))))]
pub async fn get_still(caller: Caller, State(state): State<AppState>, ApiPath((id, still)): ApiPath<(String, String)>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    // No data key: erased if the still was there, else it never was (a session without stills
    // has no key yet).
    let key = match state.vault.existing_key(&session.id).await {
        Err(crate::vault::VaultError::NoKey) if !stills::list(&state.db, &session.id).await?.iter().any(|s| s.id == still) => {
            return Err(AppError::NotFound("still_not_found"));
        }
        other => other.map_err(vault_error)?,
    };
    let (ctype, bytes) = stills::bytes(&state.db, &key, &session.id, &still).await.map_err(vault_error)?.ok_or(AppError::NotFound("still_not_found"))?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StillRead).session(&session.id).target(still), state.clock.now_ms()).await?;
    Ok(([(header::CONTENT_TYPE, ctype)], bytes).into_response())
}

/// The checklist with what blocks an approval right now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistView {
    pub profile: String,
    pub profile_version: String,
    pub items: Vec<Item>,
    /// Empty when an approval would be accepted.
    pub approval_blockers: Vec<Blocker>,
}

async fn checklist_of(state: &AppState, session: &crate::sessions::Session) -> Result<(Profile, checklist::Facts, Vec<Item>), AppError> {
    let profile = state.profiles.get(&session.profile).cloned().ok_or(AppError::Internal(anyhow::anyhow!("session names an unknown profile")))?;
    let facts = checklist::gather(&state.db, state.recordings.as_ref(), &session.id).await?;
    let items = checklist::evaluate(&profile, &facts);
    Ok((profile, facts, items))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/checklist", tag = "evidence",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = ChecklistView), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_evidence"))))]
pub async fn get_checklist(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<ChecklistView>, AppError> {
    let session = load(&state, &id).await?;
    let (_, facts, items) = checklist_of(&state, &session).await?;
    audit::record(&state.db, Entry::new(caller.principal.actor(), AuditAction::EvidenceRead).session(&session.id), state.clock.now_ms()).await;
    let approval_blockers = decision::blockers(&items, &facts, None);
    Ok(Json(ChecklistView { profile: session.profile, profile_version: session.profile_version, items, approval_blockers }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Confirm {
    /// `true` ticks the item, `false` takes the tick back.
    pub confirmed: bool,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

#[utoipa::path(put, path = "/api/v1/sessions/{id}/checklist/{item}", tag = "evidence", request_body = Confirm,
    params(("id" = SessionId, Path, description = "Session id"), ("item" = String, Path, description = "Check id of the session's profile", pattern = "^[a-z0-9_]{1,64}$")),
    responses((status = 200, body = ChecklistView), (status = 404, body = super::Problem, description = "`check_not_found`"),
        (status = 422, body = super::Problem, description = "`check_not_confirmable`")),
    extensions(("x-action" = json!("confirm_check"))))]
pub async fn confirm_check(caller: Caller, State(state): State<AppState>, ApiPath((id, item)): ApiPath<(String, String)>, ApiJson(b): ApiJson<Confirm>) -> Result<Json<ChecklistView>, AppError> {
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?.staff.id.clone();
    let (_, _, items) = checklist_of(&state, &session).await?;
    let it = items.iter().find(|i| i.id == item).ok_or(AppError::NotFound("check_not_found"))?;
    if !it.confirmable {
        return Err(AppError::unprocessable("check_not_confirmable", "this check is satisfied by evidence, not by a tick"));
    }
    let now = state.clock.now_ms();
    if b.note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(AppError::unprocessable("note_too_long", "notes are limited to 500 characters"));
    }
    if b.confirmed {
        steps::confirm(&state.db, &session.id, &item, &staff, b.note.as_deref(), now).await?;
    } else {
        steps::unconfirm(&state.db, &session.id, &item).await?;
    }
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::CheckConfirmed).session(&session.id).target(item).detail(b.confirmed.to_string()), now).await?;
    let (_, facts, items) = checklist_of(&state, &session).await?;
    let approval_blockers = decision::blockers(&items, &facts, None);
    Ok(Json(ChecklistView { profile: session.profile, profile_version: session.profile_version, items, approval_blockers }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decide {
    pub outcome: Outcome,
    /// The profile's reason codes for a rejection or an inconclusive result (at least one).
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// Required to approve despite a face-match `no_match`: why the agent overrules it.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub override_reason: Option<String>,
}

/// Refused approval: the body lists what blocks it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refused {
    #[serde(flatten)]
    pub problem: super::Problem,
    pub blockers: Vec<Blocker>,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/decision", tag = "evidence", request_body = Decide,
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 201, body = Decision), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, description = "`already_decided`"),
        (status = 422, body = Refused, content_type = "application/problem+json", description = "`approval_blocked` (with `blockers`), `reason_required`, `unknown_reason`")),
    extensions(("x-action" = json!("decide"))))]
pub async fn decide(caller: Caller, State(state): State<AppState>, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<Decide>) -> Result<Response, AppError> {
    let session = load(&state, &id).await?;
    let staff = caller.principal.staff().ok_or(AppError::Forbidden)?.staff.id.clone();
    let (profile, facts, items) = checklist_of(&state, &session).await?;
    let allowed = match b.outcome {
        Outcome::Approved => &[][..],
        Outcome::Rejected => &profile.reasons.reject[..],
        Outcome::Inconclusive => &profile.reasons.inconclusive[..],
    };
    if b.outcome != Outcome::Approved && b.reasons.is_empty() {
        return Err(AppError::unprocessable("reason_required", "give at least one of the profile's reason codes"));
    }
    if let Some(r) = b.reasons.iter().find(|r| !allowed.contains(r)) {
        return Err(AppError::unprocessable("unknown_reason", format!("`{r}` is not a reason code of this profile for this outcome")));
    }
    if b.note.as_ref().is_some_and(|n| n.chars().count() > 2000) || b.override_reason.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(AppError::unprocessable("note_too_long", "notes are limited to 2000 characters"));
    }
    if b.outcome == Outcome::Approved {
        let blockers = decision::blockers(&items, &facts, b.override_reason.as_deref());
        if !blockers.is_empty() {
            let problem = super::Problem {
                type_: "urn:videokyc:problem:approval_blocked".into(),
                title: "Unprocessable Entity".into(),
                status: 422,
                code: "approval_blocked".into(),
                detail: Some("the evidence does not allow an approval yet".into()),
                retry_after_seconds: None,
            };
            let mut resp = (StatusCode::UNPROCESSABLE_ENTITY, Json(Refused { problem, blockers })).into_response();
            resp.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/problem+json"));
            return Ok(resp);
        }
    }
    let now = state.clock.now_ms();
    // Four eyes: the profile's rule, else a random share of the sessions is reviewed.
    let sampled = rand::rngs::OsRng.gen_range(0..100u8) < profile.review_sample_percent;
    let status = if profile.four_eyes || sampled { DecisionStatus::PendingReview } else { DecisionStatus::Final };
    let evidence = decision::evidence(&profile, &items, &facts);
    if !decision::store(&state.db, &session.id, b.outcome, &b.reasons, b.note.as_deref(), b.override_reason.as_deref(), &staff, &evidence, status, now).await? {
        return Err(AppError::conflict("already_decided", "the session has a decision"));
    }
    let evidence_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(evidence.to_string().as_bytes()));
    audit::append(
        &state.db,
        Entry::new(caller.principal.actor(), AuditAction::DecisionRecorded).session(&session.id).target(b.outcome.as_ref()).detail(format!("{}:evidence_sha256={evidence_hash}", status.as_ref())),
        now,
    )
    .await?;
    if session.status != SessionStatus::Ended {
        let _ = state.sessions.apply(&session.id, Event::Decided, caller.principal.actor()).await;
    }
    // The decision ends the agent's wrap-up: the next offer can come.
    let _ = state.scheduling.wrap_up_done(&staff).await;
    let d = decision::get(&state.db, &session.id).await?.ok_or(AppError::NotFound("decision_not_found"))?;
    Ok((StatusCode::CREATED, Json(d)).into_response())
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/decision", tag = "evidence",
    params(("id" = SessionId, Path, description = "Session id")),
    responses((status = 200, body = Decision), (status = 404, body = super::Problem, description = "`session_not_found`, `decision_not_found`")),
    extensions(("x-action" = json!("read_evidence"))))]
pub async fn get_decision(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<Decision>, AppError> {
    let session = load(&state, &id).await?;
    Ok(Json(decision::get(&state.db, &session.id).await?.ok_or(AppError::NotFound("decision_not_found"))?))
}
