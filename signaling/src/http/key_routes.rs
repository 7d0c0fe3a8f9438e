//! Integrator API keys (admins create and revoke; auditors list).

use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use crate::AppState;
use crate::apikeys::{self, ApiKey, ApiScope, KeyError};
use crate::audit::{self, AuditAction, Entry};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ApiKeyId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

fn key_error(e: KeyError) -> AppError {
    match e {
        KeyError::Db(e) => e.into(),
        KeyError::NotFound => AppError::NotFound("api_key_not_found"),
        other => AppError::unprocessable(other.code(), other.to_string()),
    }
}

#[utoipa::path(get, path = "/api/v1/api-keys", tag = "api-keys",
    responses((status = 200, body = Vec<ApiKey>)),
    extensions(("x-action" = json!("list_api_keys"))))]
pub async fn list_keys(State(state): State<AppState>) -> Result<Json<Vec<ApiKey>>, AppError> {
    Ok(Json(apikeys::list(&state.db).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateKey {
    /// 1-100 characters (not only spaces), no control characters.
    #[schema(max_length = 100, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$")]
    pub name: String,
    /// At least one; a repeated scope counts once.
    #[schema(value_type = Vec<ApiScope>, min_items = 1)]
    pub scopes: BTreeSet<ApiScope>,
    /// Lifetime in days (1-730, default 365).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 730)]
    pub days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedKey {
    pub key: ApiKey,
    /// The key itself: shown now and never again.
    pub secret: String,
}

#[utoipa::path(post, path = "/api/v1/api-keys", tag = "api-keys", request_body = CreateKey,
    responses((status = 201, body = CreatedKey), (status = 422, body = super::Problem, description = "`invalid_key_name`, `key_needs_scope`, `invalid_key_lifetime`")),
    extensions(("x-action" = json!("manage_api_keys"))))]
pub async fn create_key(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<CreateKey>) -> Result<(StatusCode, Json<CreatedKey>), AppError> {
    let now = state.clock.now_ms();
    let by = caller.principal.actor().to_text();
    let (key, secret) = apikeys::create(&state.db, &b.name, b.scopes, b.days.unwrap_or(365), &by, now).await.map_err(key_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ApiKeyCreated).target(key.id.as_str()), now).await?;
    Ok((StatusCode::CREATED, Json(CreatedKey { key, secret })))
}

#[utoipa::path(delete, path = "/api/v1/api-keys/{key_id}", tag = "api-keys",
    params(("key_id" = ApiKeyId, Path, description = "The key's public id")),
    responses((status = 200, body = ApiKey, description = "Revoked"), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("manage_api_keys"))))]
pub async fn revoke_key(caller: Caller, State(state): State<AppState>, ApiPath(raw): ApiPath<String>) -> Result<Json<ApiKey>, AppError> {
    if raw.len() != 16 || !raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("api_key_not_found"));
    }
    let now = state.clock.now_ms();
    let key = apikeys::revoke(&state.db, &ApiKeyId::from_stored(raw), now).await.map_err(key_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::ApiKeyRevoked).target(key.id.as_str()), now).await?;
    Ok(Json(key))
}
