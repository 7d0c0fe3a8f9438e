//! The HTTP surface: every route with its OpenAPI description and its policy action, declared
//! once (`#[utoipa::path(…, extensions(("x-action" = …)))]`, collected by `utoipa-axum`), so the
//! document served at `/api/openapi.json` is the router and the guard's table at once.
//!
//! Layers, outermost first: request id → trace span → panic catcher → security headers →
//! (per route) the [`guard`] → handler.

pub mod error;
pub mod extract;
pub mod guard;
pub mod layers;
mod openapi;

mod account_routes;
mod activation_routes;
mod ai_routes;
mod audit_routes;
mod auth_routes;
mod booking_routes;
mod document_routes;
mod evidence_routes;
mod health;
mod identification_routes;
mod journey_routes;
mod key_routes;
mod passkey_routes;
mod queue_routes;
mod recording_routes;
// --- Supervisors and auditors (issue 11) ---
mod report_routes;
mod review_routes;
mod schemas;
pub mod scheduling_views;
mod session_routes;
mod staff_routes;

pub use error::{AppError, Problem};

use crate::AppState;
use axum::Router;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// Every route, with its OpenAPI description.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(health::metrics))
        .routes(routes!(openapi::document))
        .routes(routes!(auth_routes::login))
        .routes(routes!(auth_routes::me))
        .routes(routes!(auth_routes::logout))
        .routes(routes!(auth_routes::logout_all))
        .routes(routes!(auth_routes::reauth))
        .routes(routes!(account_routes::account))
        .routes(routes!(account_routes::end_sign_in))
        .routes(routes!(account_routes::change_password))
        .routes(routes!(account_routes::regenerate_recovery_codes))
        .routes(routes!(activation_routes::enrollment))
        .routes(routes!(activation_routes::complete))
        .routes(routes!(staff_routes::list_staff, staff_routes::create_staff))
        .routes(routes!(staff_routes::update_staff))
        .routes(routes!(staff_routes::reset_sign_in))
        .routes(routes!(staff_routes::unlock))
        .routes(routes!(key_routes::list_keys, key_routes::create_key))
        .routes(routes!(key_routes::revoke_key))
        .routes(routes!(audit_routes::list))
        .routes(routes!(audit_routes::verify))
        // GET is the archive (issue 11).
        .routes(routes!(session_routes::create_session, review_routes::list_sessions))
        .routes(routes!(session_routes::get_session))
        .routes(routes!(session_routes::issue_link, session_routes::revoke_links))
        .routes(routes!(session_routes::revoke_link))
        .routes(routes!(session_routes::end_session))
        .routes(routes!(ai_routes::put_reference_photo).layer(axum::extract::DefaultBodyLimit::max(ai_routes::MAX_PHOTO_BYTES + 4096)))
        .routes(routes!(ai_routes::start_challenge))
        .routes(routes!(ai_routes::ai_events))
        .routes(routes!(evidence_routes::list_profiles))
        .routes(routes!(evidence_routes::consent_texts))
        .routes(routes!(evidence_routes::give_consent, evidence_routes::list_consents))
        .routes(routes!(evidence_routes::upload_still, evidence_routes::list_stills).layer(axum::extract::DefaultBodyLimit::max(crate::evidence::stills::MAX_BYTES + 4096)))
        .routes(routes!(evidence_routes::get_still))
        .routes(routes!(evidence_routes::get_checklist))
        .routes(routes!(evidence_routes::confirm_check))
        .routes(routes!(evidence_routes::decide, evidence_routes::get_decision))
        .routes(routes!(recording_routes::get_recording))
        .routes(routes!(recording_routes::playback))
        .routes(routes!(recording_routes::file))
        .routes(routes!(booking_routes::list_agents))
        .routes(routes!(booking_routes::put_agent))
        .routes(routes!(booking_routes::list_slots))
        .routes(routes!(booking_routes::create_booking))
        .routes(routes!(booking_routes::get_booking, booking_routes::cancel_booking))
        .routes(routes!(booking_routes::reschedule_booking))
        .routes(routes!(booking_routes::check_in))
        .routes(routes!(booking_routes::booking_ics))
        .routes(routes!(queue_routes::join_queue))
        .routes(routes!(queue_routes::get_entry, queue_routes::leave_queue))
        .routes(routes!(queue_routes::request_callback))
        .routes(routes!(queue_routes::queue_socket))
        .routes(routes!(queue_routes::my_offers))
        .routes(routes!(queue_routes::queue_stats))
        .routes(routes!(queue_routes::my_appointments))
        .routes(routes!(queue_routes::set_presence))
        .routes(routes!(queue_routes::accept_offer))
        .routes(routes!(queue_routes::decline_offer))
        .routes(routes!(queue_routes::end_call))
        .routes(routes!(queue_routes::wrap_up_done))
        .routes(routes!(crate::ws::upgrade))
        // The customer journey: identifications, the journey's steps, documents, result, passkeys.
        .routes(routes!(identification_routes::create_identification))
        .routes(routes!(identification_routes::get_identification))
        .routes(routes!(journey_routes::get_journey, journey_routes::put_journey))
        .routes(routes!(journey_routes::get_own_journey))
        .routes(routes!(journey_routes::journey_check_in))
        .routes(routes!(journey_routes::get_application, journey_routes::put_application))
        .routes(routes!(journey_routes::submit_application))
        .routes(routes!(journey_routes::queue_estimate))
        .routes(routes!(journey_routes::ice_servers))
        .routes(routes!(journey_routes::get_result))
        .routes(routes!(document_routes::upload_document, document_routes::list_documents).layer(axum::extract::DefaultBodyLimit::max(crate::journey::documents::MAX_BYTES + 4096)))
        .routes(routes!(document_routes::get_document_image))
        .routes(routes!(passkey_routes::start_registration))
        .routes(routes!(passkey_routes::finish_registration))
        .routes(routes!(passkey_routes::passkey_challenge))
        .routes(routes!(passkey_routes::verify_passkey))
        // --- Supervisors and auditors (issue 11) ---
        .routes(routes!(review_routes::timeline))
        .routes(routes!(review_routes::get_review, review_routes::post_review))
        .routes(routes!(review_routes::set_hold, review_routes::release_hold))
        .routes(routes!(review_routes::erase))
        .routes(routes!(review_routes::stats))
        .routes(routes!(report_routes::report))
        .routes(routes!(report_routes::export))
        .routes(routes!(report_routes::signing_key))
}

/// The OpenAPI document, as served (with the policy's security and standard errors filled in).
pub fn openapi_doc() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = api().split_for_parts();
    openapi::finish(&mut doc);
    doc
}

/// The whole HTTP surface: API, sockets, and the built web pages.
pub fn router(state: AppState) -> Result<Router, guard::TableError> {
    let (routes, mut doc) = api().split_for_parts();
    openapi::finish(&mut doc);
    let table = Arc::new(guard::RouteTable::from_openapi(&doc)?);
    let tls = state.config.tls.is_some();
    let router = routes
        .route_layer(axum::middleware::from_fn_with_state((state.clone(), table), guard::guard))
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
        .fallback(crate::pages::serve)
        .layer(axum::middleware::from_fn(move |req, next| layers::security_headers(tls, req, next)))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(layers::panic_response))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(layers::span_for))
        .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(tower_http::request_id::MakeRequestUuid))
        .with_state(state);
    Ok(router)
}
