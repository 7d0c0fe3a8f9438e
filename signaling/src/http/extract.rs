//! Extractors whose rejections are problem+json with stable codes, so a malformed body, query
//! or path segment never produces axum's plain-text errors.

use super::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::UnsupportedMediaType { code: "unsupported_media_type", message: "send `content-type: application/json`".into() })
            }
            Err(JsonRejection::BytesRejection(e)) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::PayloadTooLarge { code: "body_too_large", message: "the request body is too large".into() })
            }
            // serde names the field or variant at fault and never echoes the value.
            Err(e) => Err(AppError::bad_request("invalid_body", e.body_text())),
        }
    }
}

/// A raw body up to the route's body limit.
pub struct ApiBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::body::Bytes::from_request(req, state).await.map(ApiBytes).map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge { code: "body_too_large", message: "the request body is too large".into() }
            } else {
                AppError::bad_request("invalid_body", e.body_text())
            }
        })
    }
}

/// Query parameters.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e: QueryRejection| AppError::bad_request("invalid_query", e.body_text()))
    }
}

/// Path parameters.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e: PathRejection| AppError::bad_request("invalid_path", e.body_text()))
    }
}

/// A session id from the path, checked for shape before any query sees it.
pub fn session_id(raw: &str) -> Result<domain::SessionId, AppError> {
    domain::SessionId::parse(raw).ok_or(AppError::NotFound("session_not_found"))
}
