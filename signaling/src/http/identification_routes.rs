//! Identifications: the integrator's view of a session. `POST` creates the session with its
//! journey (profile, prefilled applicant, return URL, webhook URL and its signing secret) and
//! returns the customer's link; `GET` returns the status and, once final, the result with the
//! evidence it relied on, by reference.

use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use super::evidence_routes::vault_error;
use super::journey_routes::fields_problem;
use super::session_routes::load;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::journey::applicant::{self, Applicant, Rules};
use crate::journey::application::{self, Application, EventKind};
use crate::journey::result::{self, IdentificationView, Status};
use crate::journey::{self, NewJourney, language};
use crate::outbox::webhooks;
use crate::policy::Principal;
use crate::sessions::IssuedLink;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use utoipa::ToSchema;

/// The customer languages the pages and e-mails are written in.
fn language_id() -> utoipa::openapi::Schema {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([utoipa::openapi::schema::Type::String, utoipa::openapi::schema::Type::Null]))
        .enum_values(Some(["en", "fr", "vi"].into_iter().map(serde_json::Value::from).chain([serde_json::Value::Null])))
        .description(Some("`en`, `fr` or `vi`; default: the customer's browser decides."))
        .into()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateIdentification {
    /// The compliance profile (`GET /api/v1/profiles`); default `basic`.
    #[serde(default)]
    #[schema(schema_with = super::session_routes::profile_id)]
    pub profile: Option<String>,
    /// Applicant data the integrator already has: it prefills the customer's form (every field
    /// is checked as in a draft; a refused field refuses the request).
    #[serde(default, deserialize_with = "crate::journey::applicant::object_only")]
    pub applicant: Option<Applicant>,
    /// Where the customer goes back to when done (`https://`).
    #[serde(default)]
    #[schema(max_length = 2048, pattern = r"^https://[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/[A-Za-z0-9._~/-]*)?$")]
    pub return_url: Option<String>,
    /// Where the identification's events are posted, signed per Standard Webhooks (`https://`).
    #[serde(default)]
    #[schema(max_length = 2048, pattern = r"^https://[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/[A-Za-z0-9._~/-]*)?$")]
    pub webhook_url: Option<String>,
    /// The integrator's own reference (an application number); never personal data.
    #[serde(default)]
    #[schema(max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub external_ref: Option<String>,
    /// `en`, `fr` or `vi`; default: the customer's browser decides.
    #[serde(default)]
    #[schema(schema_with = language_id)]
    pub language: Option<String>,
    /// Lifetime of the customer's link; default and cap from the configuration.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 604800)]
    pub link_ttl_seconds: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdentificationCreated {
    pub id: domain::SessionId,
    pub status: Status,
    pub profile: String,
    pub profile_version: String,
    pub external_ref: Option<String>,
    /// `null`: the customer's browser decides on the first visit.
    pub language: Option<String>,
    pub return_url: Option<String>,
    /// The customer's link (the token is in the URL's fragment); shown once.
    pub link: IssuedLink,
    /// The webhook signing secret (`whsec_…`), shown once; present when `webhook_url` is.
    pub webhook_secret: Option<String>,
    pub created_at: i64,
}

/// Whether `raw` may be a return or webhook URL: absolute `https` without credentials; with
/// `allow_insecure` also `http` and addresses of the local network (development and tests).
pub fn acceptable_url(raw: &str, allow_insecure: bool) -> bool {
    let Ok(u) = url::Url::parse(raw) else { return false };
    if raw.len() > 2048 || !u.username().is_empty() || u.password().is_some() || u.fragment().is_some() {
        return false;
    }
    let Some(host) = u.host_str() else { return false };
    match u.scheme() {
        "https" => {}
        "http" if allow_insecure => {}
        _ => return false,
    }
    if allow_insecure {
        return true;
    }
    // A webhook must not be aimed into the server's own network.
    let ip = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().ok();
    let private = match ip {
        Some(IpAddr::V4(v4)) => v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified() || v4.is_broadcast(),
        Some(IpAddr::V6(v6)) => v6.is_loopback() || v6.is_unspecified() || (v6.segments()[0] & 0xfe00) == 0xfc00 || (v6.segments()[0] & 0xffc0) == 0xfe80,
        None => host.eq_ignore_ascii_case("localhost") || host.ends_with(".localhost"),
    };
    !private
}

#[utoipa::path(post, path = "/api/v1/identifications", tag = "identifications", request_body = CreateIdentification,
    responses((status = 201, body = IdentificationCreated),
        (status = 422, body = super::Problem, content_type = "application/problem+json",
            description = "`invalid_applicant` (with `errors`: field and code), `unknown_profile`, `unsupported_language`, `invalid_return_url`, `invalid_webhook_url`, `external_ref_too_long`, `invalid_ttl`")),
    extensions(("x-action" = json!("create_identification"))))]
pub async fn create_identification(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<CreateIdentification>) -> Result<Response, AppError> {
    if b.external_ref.as_ref().is_some_and(|r| r.chars().count() > 128 || r.chars().any(char::is_control)) {
        return Err(AppError::unprocessable("external_ref_too_long", "external_ref is limited to 128 printable characters"));
    }
    let profile = state.profiles.get(b.profile.as_deref().unwrap_or(crate::profiles::DEFAULT)).cloned().ok_or_else(|| AppError::unprocessable("unknown_profile", "no such compliance profile"))?;
    let lang = match &b.language {
        Some(l) => Some(language::parse(l).ok_or_else(|| AppError::unprocessable("unsupported_language", "the journey speaks en, fr and vi"))?),
        None => None,
    };
    let insecure = state.config.journey.allow_insecure_urls;
    if b.return_url.as_deref().is_some_and(|u| !acceptable_url(u, insecure)) {
        return Err(AppError::unprocessable("invalid_return_url", "return_url must be an absolute https URL"));
    }
    if b.webhook_url.as_deref().is_some_and(|u| !acceptable_url(u, insecure)) {
        return Err(AppError::unprocessable("invalid_webhook_url", "webhook_url must be an absolute https URL outside private networks"));
    }
    let max = state.config.link_max_ttl_secs;
    let ttl = b.link_ttl_seconds.unwrap_or(state.config.link_ttl_secs.min(max));
    if ttl == 0 || ttl > max {
        return Err(AppError::unprocessable("invalid_ttl", format!("link_ttl_seconds must be between 1 and {max}")));
    }
    let now = state.clock.now_ms();
    let prefill = match &b.applicant {
        Some(a) => {
            let mut errors = applicant::oversized(a);
            let rules = Rules { today: today(&state), min_age_years: state.config.journey.min_age_years, complete: false };
            let (normalised, field_errors) = applicant::check(a, rules);
            errors.extend(field_errors);
            if !errors.is_empty() {
                return Ok(fields_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid_applicant", "the prefilled applicant data is not valid", errors));
            }
            Some(normalised)
        }
        None => None,
    };
    let actor = caller.principal.actor();
    let session = state.sessions.create(b.external_ref.clone(), &profile, actor.clone()).await?;
    let secret = b.webhook_url.as_ref().map(|_| webhooks::new_secret());
    let api_key = match &caller.principal {
        Principal::Integrator(i) => Some(i.key.to_string()),
        _ => None,
    };
    let j = NewJourney {
        session: &session.id,
        api_key_id: api_key.as_deref(),
        // Without a language of its own, the journey follows the customer's browser.
        language: lang,
        return_url: b.return_url.as_deref(),
        webhook_url: b.webhook_url.as_deref(),
        webhook_secret: secret.as_deref(),
    };
    journey::create(&state.db, &state.key, j, now).await?;
    if let Some(a) = prefill {
        let key = state.vault.key(&session.id, now).await.map_err(vault_error)?;
        let mut app = Application::new(now);
        app.prefilled = a.fields().into_iter().filter(|(_, v)| v.is_some()).map(|(f, _)| f.to_owned()).collect();
        app.applicant = a.clone();
        application::save(&state.db, &key, &session.id, &app).await?;
        application::append_event(&state.db, &key, &session.id, EventKind::Prefilled, &serde_json::json!({"applicant": a}), now).await?;
    }
    let mut link = state.sessions.issue_link(&session.id, ttl as i64 * 1000, None, actor.clone()).await?;
    link.url = journey::customer_url(&state.config.public_url, &link.token);
    audit::append(&state.db, Entry::new(actor, AuditAction::IdentificationCreated).session(&session.id).detail(format!("prefilled={}", b.applicant.is_some())), now).await?;
    state.metrics.sessions_created.inc();
    let body = IdentificationCreated {
        id: session.id,
        status: Status::Created,
        profile: session.profile,
        profile_version: session.profile_version,
        external_ref: session.external_ref,
        language: lang.map(str::to_owned),
        return_url: b.return_url,
        link,
        webhook_secret: secret,
        created_at: now,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Today's date on the app's clock (UTC).
pub(super) fn today(state: &AppState) -> chrono::NaiveDate {
    state.clock.now().date_naive()
}

#[utoipa::path(get, path = "/api/v1/identifications/{id}", tag = "identifications",
    params(("id" = domain::SessionId, Path, description = "Identification (session) id")),
    responses((status = 200, body = IdentificationView), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("read_identification"))))]
pub async fn get_identification(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Json<IdentificationView>, AppError> {
    let session = load(&state, &id).await?;
    Ok(Json(result::view(&state.db, &session).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_urls_outside_private_networks_are_acceptable() {
        assert!(acceptable_url("https://bank.example/kyc/done?ref=1", false));
        for bad in ["http://bank.example/", "https://user:pw@bank.example/", "https://127.0.0.1/hook", "https://10.1.2.3/", "https://[::1]/", "https://localhost/x", "ftp://bank.example/", "bank.example", "https://bank.example/#frag"] {
            assert!(!acceptable_url(bad, false), "{bad}");
        }
        assert!(acceptable_url("http://127.0.0.1:8080/hook", true));
    }
}
