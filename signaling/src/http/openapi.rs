//! The OpenAPI document: its base (info, security schemes), and [`finish`], which derives each
//! operation's `security` from the policy rule of its `x-action` and adds the errors every
//! guarded route can answer, so the document cannot claim less than the server does.

use crate::policy::{self, Who};
use axum::Json;
use std::sync::OnceLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, Response, ResponseBuilder, Responses};

pub const API_KEY: &str = "api_key";
pub const CUSTOMER_LINK: &str = "customer_link";
pub const STAFF_SESSION: &str = "staff_session";

pub fn base() -> OpenApi {
    let mut doc = utoipa::openapi::OpenApiBuilder::new()
        .info(
            utoipa::openapi::InfoBuilder::new()
                .title("Video identification server")
                .version("1")
                .description(Some(
                    "Sessions, customer links, staff sign-in, appointments and the live queue, recordings and face analysis. \
                     Every operation names its policy action (`x-action`) and who may perform it (`x-policy`). \
                     The WebSocket protocols are documented in docs/signaling-protocol.md.",
                ))
                .build(),
        )
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(API_KEY, SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("Integrator API key `vkyc_<id>_<secret>`")).build()));
    components.add_security_scheme(
        CUSTOMER_LINK,
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("The token of a customer's join link")).build()),
    );
    components.add_security_scheme(STAFF_SESSION, SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::staff::sessions::COOKIE))));
    // Referenced only from a query parameter (the audit log's filter), which utoipa does not
    // collect schemas from; registered here so the `$ref` resolves.
    {
        use utoipa::{PartialSchema, ToSchema};
        components.schemas.insert(crate::audit::AuditAction::name().into_owned(), crate::audit::AuditAction::schema());
    }
    doc
}

fn scheme_of(who: Who) -> Option<&'static str> {
    match who {
        Who::Anyone => None,
        Who::AnyStaff | Who::Staff(_) | Who::AssignedAgent | Who::AgentSelf | Who::Reviewer => Some(STAFF_SESSION),
        Who::OwnCustomer | Who::OwnCustomerEvenEnded => Some(CUSTOMER_LINK),
        Who::Integrator(_) => Some(API_KEY),
    }
}

fn describe(who: Who) -> String {
    match who {
        Who::Anyone => "anyone".into(),
        Who::AnyStaff => "any signed-in staff member".into(),
        Who::Staff(r) => format!("staff with role {}", r.as_ref()),
        Who::AssignedAgent => "the agent the session is offered or assigned to".into(),
        Who::AgentSelf => "an agent, for themselves".into(),
        Who::OwnCustomer => "the customer of the session (their link)".into(),
        Who::OwnCustomerEvenEnded => "the customer of the session (their link), also after the session ended".into(),
        Who::Integrator(s) => format!("an integrator key with scope {}", s.as_ref()),
        Who::Reviewer => "a supervisor who did not decide the session (four eyes)".into(),
    }
}

fn problem_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new().description(description).content(PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build()).build().into()
}

const PROBLEM_JSON: &str = "application/problem+json";

/// Responses declared with `body = Problem` are served as `application/problem+json` (by
/// [`super::error::problem`]), whatever the annotation's default content type says.
fn problems_as_problem_json(responses: &mut Responses) {
    for resp in responses.responses.values_mut() {
        let RefOr::T(resp) = resp else { continue };
        let keys: Vec<String> = resp.content.keys().cloned().collect();
        for key in keys {
            let is_problem = matches!(&resp.content[&key].schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"));
            if is_problem && key != PROBLEM_JSON {
                if let Some(c) = resp.content.shift_remove(&key) {
                    resp.content.insert(PROBLEM_JSON.to_owned(), c);
                }
            }
        }
    }
}

fn header_param(name: &str, description: &str, schema: Schema) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

fn one_of(values: &[&str]) -> Schema {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values.iter().copied())).into()
}

/// The opening handshake the guard checks on socket routes (RFC 6455, 4.2.1), and `Origin`,
/// which every upgrade must carry.
fn document_handshake(op: &mut Operation) {
    let params = op.parameters.get_or_insert_with(Vec::new);
    params.push(header_param("Connection", "`Upgrade` (browsers and WebSocket clients send it)", one_of(&["Upgrade"])));
    params.push(header_param("Upgrade", "`websocket`", one_of(&["websocket"])));
    params.push(header_param("Sec-WebSocket-Version", "`13`", one_of(&["13"])));
    params.push(header_param(
        "Sec-WebSocket-Key",
        "16 random bytes in base64",
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(super::guard::HANDSHAKE_KEY_PATTERN)).into(),
    ));
    params.push(header_param(
        "Origin",
        "The service's own origin (`public_url` or one of `extra_origins`); any other is refused with 401 `origin_not_allowed`",
        ObjectBuilder::new().schema_type(Type::String).into(),
    ));
    op.responses.responses.entry("400".into()).or_insert_with(|| problem_response("No WebSocket opening handshake (`websocket_upgrade_required`); `Sec-WebSocket-Version` names the version spoken"));
}

/// Fills in security requirements, `x-policy` and the errors any guarded route may return:
/// only those the guard and the extractors can actually produce for the operation.
pub fn finish(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let has_path_params = path.contains('{');
        for op in [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten() {
            let action = op.extensions.as_ref().and_then(|e| e.get("x-action")).and_then(|v| v.as_str()).and_then(|n| {
                <policy::Action as strum::IntoEnumIterator>::iter().find(|a| a.as_ref() == n)
            });
            let Some(action) = action else { continue };
            let rule = policy::rule(action);
            let schemes: std::collections::BTreeSet<&str> = rule.who.iter().filter_map(|w| scheme_of(*w)).collect();
            let public = rule.who.contains(&Who::Anyone);
            if !public {
                op.security = Some(schemes.iter().map(|s| SecurityRequirement::new(*s, Vec::<String>::new())).collect());
            }
            let policy_text: Vec<String> = rule.who.iter().map(|w| describe(*w)).collect();
            let ext = op.extensions.get_or_insert_with(Default::default);
            ext.insert("x-policy".into(), serde_json::json!({"who": policy_text, "reauth": rule.reauth}));
            if action == policy::Action::OpenSocket {
                document_handshake(op);
            }
            problems_as_problem_json(&mut op.responses);
            let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let has_body = op.request_body.is_some();
            let responses = &mut op.responses.responses;
            let mut add = |code: &str, text: &str| {
                responses.entry(code.to_owned()).or_insert_with(|| problem_response(text));
            };
            if has_params || has_body {
                add("400", "Malformed request (`invalid_body`, `invalid_query`, `invalid_path`, …)");
            }
            if public {
                add("401", "Credentials presented but not valid (`invalid_api_key`, `invalid_token`, …) or `origin_not_allowed`");
            } else {
                add("401", "Not authenticated (`unauthenticated`, `session_expired`, `reauth_required`, `invalid_api_key`, `invalid_token`, `origin_not_allowed`, …)");
                add("403", "Not allowed (`forbidden`)");
            }
            if has_path_params {
                add("404", "Not found (the path names nothing that exists)");
            }
            if has_body {
                add("413", "Body too large (`body_too_large`)");
                add("415", "Wrong content type (`unsupported_media_type`)");
            }
            if super::guard::may_throttle(action) {
                add("429", "Too many requests (`too_many_requests`; see `Retry-After`)");
            }
            add("500", "Internal error (`internal`); details are logged, never returned");
        }
    }
}

static DOC: OnceLock<OpenApi> = OnceLock::new();

#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This document", content_type = "application/json", body = Object)),
    extensions(("x-action" = json!("read_api_doc"))))]
pub async fn document() -> Json<OpenApi> {
    Json(DOC.get_or_init(super::openapi_doc).clone())
}
