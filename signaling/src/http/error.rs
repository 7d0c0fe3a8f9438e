//! One error type for every HTTP response: RFC 9457 problem+json with a stable snake_case
//! `code` that clients and the UI key on. 5xx bodies never carry internals; those are logged
//! once, here.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 401: no or unknown credentials, an expired session, or a re-authentication needed.
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    /// 403: known caller, not allowed.
    #[error("this action is not allowed for you")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 422: well-formed but refused by a domain rule.
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// 410: it was there but is gone (an expired offer).
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// 423: the account is locked for a while.
    #[error("the account is locked after failed attempts")]
    Locked { retry_after_secs: u64 },
    #[error("too many requests; slow down")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{message}")]
    PayloadTooLarge { code: &'static str, message: String },
    #[error("{message}")]
    UnsupportedMediaType { code: &'static str, message: String },
    /// 426: a socket route whose connection cannot be upgraded.
    #[error("this route speaks WebSocket only")]
    UpgradeRequired,
    /// 400: a socket route called without a valid WebSocket opening handshake (RFC 6455, 4.2.1);
    /// the answer names the protocol version the server speaks.
    #[error("this route speaks WebSocket only: send the opening handshake (Upgrade: websocket, Sec-WebSocket-Version: 13)")]
    BadHandshake,
    /// 405: the route exists but not with this method; `Allow` lists the ones it has.
    #[error("this route does not take this method")]
    MethodNotAllowed { allow: String },
    #[error("the service is not available right now")]
    Unavailable { code: &'static str },
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("database"))
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// Stable machine-readable code, e.g. `session_not_found`; the UI translates it.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For `account_locked` and `too_many_requests`: seconds until a retry can succeed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

impl AppError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::BadRequest { code, message: message.into() }
    }
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Unprocessable { code, message: message.into() }
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Conflict { code, message: message.into() }
    }
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Unauthorized { code, message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Gone { .. } => StatusCode::GONE,
            AppError::Locked { .. } => StatusCode::LOCKED,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::UpgradeRequired => StatusCode::UPGRADE_REQUIRED,
            AppError::BadHandshake => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized { code, .. }
            | AppError::BadRequest { code, .. }
            | AppError::Unprocessable { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::Gone { code, .. }
            | AppError::PayloadTooLarge { code, .. }
            | AppError::UnsupportedMediaType { code, .. }
            | AppError::Unavailable { code } => code,
            AppError::NotFound(code) => code,
            AppError::Forbidden => "forbidden",
            AppError::UpgradeRequired | AppError::BadHandshake => "websocket_upgrade_required",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::Locked { .. } => "account_locked",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Internal(_) => "internal",
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::Locked { retry_after_secs } | AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }
}

/// A problem+json response.
pub fn problem(status: StatusCode, code: &str, detail: Option<String>, retry_after_seconds: Option<u64>) -> Response {
    let body = Problem {
        type_: format!("urn:videokyc:problem:{code}"),
        title: status.canonical_reason().unwrap_or("error").to_owned(),
        status: status.as_u16(),
        code: code.to_owned(),
        detail,
        retry_after_seconds,
    };
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    if let Some(secs) = retry_after_seconds {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    resp
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let detail = match &self {
            AppError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "internal error");
                None
            }
            other => Some(other.to_string()),
        };
        let mut resp = problem(self.status(), self.code(), detail, self.retry_after());
        match &self {
            AppError::MethodNotAllowed { allow } => {
                if let Ok(v) = HeaderValue::from_str(allow) {
                    resp.headers_mut().insert(header::ALLOW, v);
                }
            }
            AppError::BadHandshake => {
                resp.headers_mut().insert(header::SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
            }
            _ => {}
        }
        resp
    }
}
