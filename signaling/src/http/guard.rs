//! The middleware every API route goes through, in this order: find the route's [`Action`]
//! (declared next to the route as the OpenAPI extension `x-action`; a route without one is
//! refused, so nothing can be added unguarded), check `Origin`, resolve the caller's
//! credentials into a [`Principal`], draw from the caller's rate budget, find the session the
//! request is about, and ask [`policy::decide`]. The handler then reads the [`Caller`].

use super::error::AppError;
use crate::AppState;
use crate::limits::Budget;
use crate::policy::{self, Action, Denial, Principal, Resource};
use crate::staff::sessions::{self as staff_sessions, SessionRefusal};
use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// (method, route path) → action, read from the OpenAPI document the router was built with,
/// and per route path the methods it has (for `Allow`).
#[derive(Debug, Default)]
pub struct RouteTable {
    actions: HashMap<(Method, String), Action>,
    allow: HashMap<String, String>,
}

/// What the table says about a request's method on a matched route.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// `OPTIONS`, answered with the route's methods.
    Options { allow: String },
    /// A method the route does not have.
    NotAllowed { allow: String },
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{method} {path} declares no x-action; every route needs a policy entry")]
    Missing { method: String, path: String },
    #[error("{method} {path} declares x-action `{action}`, which the policy does not know")]
    Unknown { method: String, path: String, action: String },
}

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Result<RouteTable, TableError> {
        let mut map = HashMap::new();
        let mut allow = HashMap::new();
        for (path, item) in &doc.paths.paths {
            let ops = operations(item);
            let mut methods: Vec<&str> = ops.iter().map(|(m, _)| m.as_str()).collect();
            if methods.contains(&"GET") {
                methods.push("HEAD");
            }
            methods.push("OPTIONS");
            allow.insert(path.clone(), methods.join(", "));
            for (method, op) in ops {
                let declared = op.extensions.as_ref().and_then(|e| e.get("x-action")).and_then(|v| v.as_str());
                let Some(name) = declared else {
                    return Err(TableError::Missing { method: method.to_string(), path: path.clone() });
                };
                let action = action_by_name(name).ok_or_else(|| TableError::Unknown {
                    method: method.to_string(),
                    path: path.clone(),
                    action: name.to_owned(),
                })?;
                map.insert((method, path.clone()), action);
            }
        }
        Ok(RouteTable { actions: map, allow })
    }

    /// The action of `method` on the route `path`; `HEAD` is `GET` without the body (axum
    /// answers it from the GET handler).
    pub fn action(&self, method: &Method, path: &str) -> Option<Action> {
        let method = if method == Method::HEAD { &Method::GET } else { method };
        self.actions.get(&(method.clone(), path.to_owned())).copied()
    }

    /// What to do with `method` on the route `path`; `None` for a path the table does not know.
    pub fn lookup(&self, method: &Method, path: &str) -> Option<Lookup> {
        if let Some(a) = self.action(method, path) {
            return Some(Lookup::Action(a));
        }
        let allow = self.allow.get(path)?.clone();
        Some(if method == Method::OPTIONS { Lookup::Options { allow } } else { Lookup::NotAllowed { allow } })
    }

    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
}

fn action_by_name(name: &str) -> Option<Action> {
    <Action as strum::IntoEnumIterator>::iter().find(|a| a.as_ref() == name)
}

/// The operations of a path item with their methods.
pub fn operations(item: &utoipa::openapi::PathItem) -> Vec<(Method, &utoipa::openapi::path::Operation)> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PUT, &item.put),
        (Method::PATCH, &item.patch),
        (Method::DELETE, &item.delete),
        (Method::HEAD, &item.head),
        (Method::OPTIONS, &item.options),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|o| (m, o)))
    .collect()
}

/// Who is calling, as the guard resolved it, for handlers.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    pub ip: IpAddr,
    pub action: Action,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| AppError::Internal(anyhow::anyhow!("route without the guard")))
    }
}

/// The client's address (the TCP peer; no proxy headers are trusted).
pub fn client_ip(parts_ext: &axum::http::Extensions) -> IpAddr {
    parts_ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// The caller's credentials at the state's now. `Ok((principal, expired))`, where `expired` says
/// a staff cookie was presented but had timed out.
pub async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<(Principal, bool), AppError> {
    let now = state.clock.now_ms();
    if let Some(token) = bearer(headers) {
        if crate::apikeys::looks_like_key(token) {
            return match crate::apikeys::authenticate(&state.db, token, now).await? {
                Some(i) => Ok((Principal::Integrator(i), false)),
                None => Err(AppError::unauthorized("invalid_api_key", "the API key is unknown, expired or revoked")),
            };
        }
        return match state.sessions.admit(token).await? {
            Ok(a) => Ok((Principal::Customer { session: a.session_id, token_hash: a.token_hash }, false)),
            // The customer of an ended session still reaches their result (the policy decides where).
            Err(crate::sessions::TokenRefusal::SessionEnded) => match crate::journey::ended_customer(&state.db, token, now).await? {
                Some((session, token_hash)) => Ok((Principal::EndedCustomer { session, token_hash }, false)),
                None => Err(AppError::unauthorized("session_ended", "the session has ended")),
            },
            Err(refusal) => Err(AppError::unauthorized(refusal.code(), refusal.to_string())),
        };
    }
    let cookie = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(staff_sessions::from_cookie_header);
    if let Some(token) = cookie {
        return match staff_sessions::resolve(&state.db, token, now, state.timeouts()).await? {
            Ok(s) => Ok((Principal::Staff(Box::new(s)), false)),
            Err(SessionRefusal::Expired) => Ok((Principal::Anonymous, true)),
            Err(SessionRefusal::Unknown) => Ok((Principal::Anonymous, false)),
        };
    }
    Ok((Principal::Anonymous, false))
}

/// Whether the request's `Origin` (if any) is one of ours. State-changing requests made with a
/// staff cookie and every socket upgrade must carry one.
fn origin_ok(state: &AppState, headers: &HeaderMap, required: bool) -> bool {
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => state.allowed_origins.iter().any(|o| o == origin),
        None => !required,
    }
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_upgrade(headers: &HeaderMap) -> bool {
    headers.get(header::UPGRADE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Actions whose public callers (anonymous or customer) draw from the per-address budget.
fn publicly_budgeted(action: Action) -> bool {
    // A document upload is read by media-ai (about a second of CPU).
    matches!(action, Action::ListSlots | Action::BookAppointment | Action::ManageBooking | Action::JoinQueue | Action::OpenSocket | Action::UploadDocument)
}

/// The rate budget an action draws from for callers without their own credentials.
fn budget(action: Action, principal: &Principal) -> Option<Budget> {
    let public_caller = matches!(principal, Principal::Anonymous | Principal::Customer { .. } | Principal::EndedCustomer { .. });
    match action {
        // An activation link's token and code are guessed no faster than a password.
        Action::SignIn | Action::ActivateAccount => Some(Budget::SignIn),
        a if publicly_budgeted(a) && public_caller => Some(Budget::Public),
        _ => None,
    }
}

/// Whether some caller of `action` can be answered 429 (for the OpenAPI document).
pub fn may_throttle(action: Action) -> bool {
    action == Action::SignIn || publicly_budgeted(action)
}

/// The WebSocket opening handshake (RFC 6455, 4.2.1), checked before anything else on a socket
/// route so a plain request gets a 400 naming the problem rather than a 426 from deep inside.
fn websocket_handshake(headers: &HeaderMap) -> Result<(), AppError> {
    let has_token = |name: header::HeaderName, token: &str| {
        headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    let key_ok = headers.get(header::SEC_WEBSOCKET_KEY).and_then(|v| v.to_str().ok()).is_some_and(is_handshake_key);
    let version_ok = headers.get(header::SEC_WEBSOCKET_VERSION).is_some_and(|v| v == "13");
    if has_token(header::CONNECTION, "upgrade") && is_upgrade(headers) && key_ok && version_ok {
        Ok(())
    } else {
        Err(AppError::BadHandshake)
    }
}

/// A `Sec-WebSocket-Key`: 16 bytes in base64, i.e. 22 base64 characters and `==`.
pub const HANDSHAKE_KEY_PATTERN: &str = "^[A-Za-z0-9+/]{22}==$";

fn is_handshake_key(k: &str) -> bool {
    let b = k.as_bytes();
    b.len() == 24 && b[22..] == *b"==" && b[..22].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
}

/// The session a request is about, from its path.
async fn resource(state: &AppState, params: &RawPathParams) -> Result<Resource, AppError> {
    let mut r = Resource::default();
    for (name, value) in params {
        match name {
            "id" | "session" => r.session = Some(super::extract::session_id(value)?),
            "entry" => {
                let entry = domain::EntryId::from_stored(value);
                r.session = state.scheduling.session_of_entry(&entry).await.ok().flatten();
                if r.session.is_none() {
                    return Err(AppError::NotFound("queue_entry_not_found"));
                }
            }
            _ => {}
        }
    }
    Ok(r)
}

fn denied(d: Denial) -> AppError {
    match d {
        Denial::Forbidden => AppError::Forbidden,
        Denial::Unauthenticated => AppError::unauthorized(d.code(), "sign in or present credentials"),
        Denial::SessionExpired => AppError::unauthorized(d.code(), "your session expired; sign in again"),
        Denial::ReauthRequired => AppError::unauthorized(d.code(), "enter your authenticator code again for this action"),
    }
}

pub async fn guard(State((state, table)): State<(AppState, Arc<RouteTable>)>, matched: Option<MatchedPath>, params: RawPathParams, mut req: Request, next: Next) -> Response {
    let path = matched.as_ref().map(|m| m.as_str()).unwrap_or_default();
    // The guard wraps the method router's fallback too, so undeclared methods arrive here.
    let action = match table.lookup(req.method(), path) {
        Some(Lookup::Action(a)) => a,
        Some(Lookup::Options { allow }) => return (StatusCode::NO_CONTENT, [(header::ALLOW, allow)]).into_response(),
        Some(Lookup::NotAllowed { allow }) => return AppError::MethodNotAllowed { allow }.into_response(),
        None => {
            tracing::error!(method = %req.method(), path, "route without a policy entry refused");
            return AppError::Forbidden.into_response();
        }
    };
    match check(&state, action, &params, &mut req).await {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn check(state: &AppState, action: Action, params: &RawPathParams, req: &mut Request) -> Result<(), AppError> {
    if action == Action::OpenSocket {
        websocket_handshake(req.headers())?;
    }
    let headers = req.headers();
    let cookie_auth = headers.contains_key(header::COOKIE) && bearer(headers).is_none();
    let origin_required = is_upgrade(headers) || (cookie_auth && changes_state(req.method()));
    if !origin_ok(state, headers, origin_required) {
        return Err(AppError::Unauthorized { code: "origin_not_allowed", message: "this request must come from the service's own pages".into() });
    }
    let (principal, expired) = resolve(state, headers).await?;
    let ip = client_ip(req.extensions());
    if let Some(b) = budget(action, &principal) {
        state.limits.check(b, ip).map_err(|secs| AppError::TooManyRequests { retry_after_secs: secs.max(1) })?;
    }
    let facts = GuardFacts(state);
    if matches!(principal, Principal::Anonymous) {
        // Without credentials, the answer is 401 before any lookup: nobody learns whether a
        // session or queue entry exists without being allowed to ask.
        policy::decide(&principal, action, &Resource::default(), &facts, state.clock.now_ms(), state.timeouts(), expired).await.map_err(denied)?;
    }
    let resource = resource(state, params).await?;
    policy::decide(&principal, action, &resource, &facts, state.clock.now_ms(), state.timeouts(), expired).await.map_err(|d| match (&principal, d) {
        // Everywhere else, an ended session's link answers as it always did.
        (Principal::EndedCustomer { .. }, Denial::Forbidden) => AppError::unauthorized("session_ended", "the session has ended"),
        _ => denied(d),
    })?;
    req.extensions_mut().insert(Caller { principal, ip, action });
    Ok(())
}

/// The ownership facts the policy asks about, from the live state and the database.
struct GuardFacts<'a>(&'a AppState);

impl policy::Facts for GuardFacts<'_> {
    async fn agent_has_session(&self, agent: &domain::StaffId, session: &domain::SessionId) -> bool {
        crate::scheduling::AgentFacts(&self.0.scheduling).agent_has_session(agent, session).await
    }

    /// Four eyes (issue 11): a database error counts as "decided", which refuses the review.
    async fn decided_session(&self, staff: &domain::StaffId, session: &domain::SessionId) -> bool {
        crate::review::decided_by(&self.0.db, staff, session).await.unwrap_or(true)
    }
}
