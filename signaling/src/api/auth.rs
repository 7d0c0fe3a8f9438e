//! Integration API authentication: a static API key from the configuration, presented as
//! `Authorization: Bearer <key>`. Staff accounts replace this for people in a later issue.

use crate::AppState;
use crate::error::AppError;
use crate::tokens::constant_time_eq;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use utoipa::Modify;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

/// Proof that the request carried the configured API key.
pub struct ApiKey;

impl FromRequestParts<AppState> for ApiKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let expected = state.config.api_key.0.as_bytes();
        let presented = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::as_bytes);
        match presented {
            // An unset key admits nobody rather than everybody.
            Some(p) if !expected.is_empty() && constant_time_eq(p, expected) => Ok(ApiKey),
            _ => Err(AppError::Unauthenticated),
        }
    }
}

pub struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
