//! Extractors whose rejections are problem+json with stable codes, so a malformed body, query
//! or path segment never produces axum's plain-text errors.

use super::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body: always an object (serde would also read a struct from an array of its
/// fields, which the document does not allow).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<serde_json::Map<String, serde_json::Value>>::from_request(req, state).await {
            Ok(axum::Json(map)) => {
                let mut body = serde_json::Value::Object(map);
                integral_numbers_as_integers(&mut body);
                serde_json::from_value(body)
                    .map(ApiJson)
                    .map_err(|e| AppError::bad_request("invalid_body", format!("Failed to deserialize the JSON body into the target type: {e}")))
            }
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

/// JSON has one number type and JSON Schema calls `2.0` an integer; serde does not, so a
/// number without a fractional part (and in range) is made an integer before it meets an
/// integer field. Float fields read integers as well.
fn integral_numbers_as_integers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            const TWO_63: f64 = 9_223_372_036_854_775_808.0;
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0) {
                // Whole numbers in range convert exactly: i64 below 2^63, u64 up to 2^64.
                if (-TWO_63..TWO_63).contains(&f) {
                    *v = Value::from(f as i64);
                } else if (TWO_63..2.0 * TWO_63).contains(&f) {
                    *v = Value::from(f as u64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// For a field holding a struct: reads it only from a JSON object, never from an array.
pub fn object<'de, D: serde::Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let map = <serde_json::Map<String, serde_json::Value> as serde::Deserialize>::deserialize(d)?;
    serde_json::from_value(serde_json::Value::Object(map)).map_err(serde::de::Error::custom)
}

/// For a field holding a list of structs: each read only from a JSON object.
pub fn objects<'de, D: serde::Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    let maps = <Vec<serde_json::Map<String, serde_json::Value>> as serde::Deserialize>::deserialize(d)?;
    maps.into_iter().map(|m| serde_json::from_value(serde_json::Value::Object(m)).map_err(serde::de::Error::custom)).collect()
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
