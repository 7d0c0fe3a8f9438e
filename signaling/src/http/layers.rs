//! Cross-cutting layers around every response: security headers, `Cache-Control: no-store`
//! where tokens or personal data travel, a request id, one trace span per request (named by the
//! route template, never the raw URI, which can carry a booking token), and a panic catcher
//! that answers problem+json instead of dropping the connection.

use super::error::problem;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::any::Any;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PERMISSIONS: &str = "camera=(self), microphone=(self), display-capture=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

/// Whether a response may carry a token or personal data (everything but pages and assets).
fn sensitive(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/recordings/") || path == "/ws"
}

/// Adds the security headers; `tls` adds HSTS.
pub async fn security_headers(tls: bool, req: Request, next: Next) -> Response {
    let sensitive = sensitive(req.uri().path());
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(HeaderName::from_static("permissions-policy"), PERMISSIONS);
    set(HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if tls {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if sensitive {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// The span of one request: method, route template and request id; never the URI itself.
pub fn span_for(req: &Request) -> tracing::Span {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "static".into());
    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    tracing::info_span!("request", method = %req.method(), route = %route, request_id = %id)
}

/// A handler panicked: answer problem+json 500 and log it once.
pub fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let what = err.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| err.downcast_ref::<String>().cloned()).unwrap_or_default();
    tracing::error!(panic = %what, "a request handler panicked");
    problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", None, None).into_response()
}
