//! After an approved identification the customer enrolls a passkey (also once the session has
//! ended, with the same link), bound to the verified identity; later the integrator asks for a
//! challenge and verifies the customer's assertion. The authenticator is `webauthn-authenticator-rs`'
//! software passkey, a client implementation separate from the server's `webauthn-rs`.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use signaling::apikeys::ApiScope;
use signaling::audit::Actor;
use signaling::evidence::decision::{self, DecisionStatus, Outcome};
use support::{As, Env};
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse};

fn applicant() -> Value {
    json!({
        "surname": "Trần", "given_names": "Thị Lan", "date_of_birth": "1988-04-30", "nationality": "VNM",
        "address": {"line1": "12 Lý Thái Tổ", "city": "Hà Nội", "country": "VNM"},
        "email": "lan@example.org", "phone": "+84 24 3825 3536"
    })
}

/// Stores the agent's approval as the decision route would, then ends the session the way a
/// decision does (the approval's evidence gates are the console tests' subject, not this one's).
async fn approve(env: &Env, session: &str) {
    let s = domain::SessionId::parse(session).unwrap();
    let staff = domain::StaffId::parse("anna").unwrap();
    let stored = decision::store(&env.state.db, &s, Outcome::Approved, &[], None, None, &staff, &json!({"profile": {"id": "basic"}}), DecisionStatus::Final, env.clock.now_ms()).await.unwrap();
    assert!(stored);
    env.state.sessions.apply(&s, signaling::lifecycle::Event::Decided, Actor::System).await.unwrap();
}

async fn passkeys(env: Env) {
    let key = env.full_key().await;
    let results = env.key(&[ApiScope::ResultsRead]).await;
    let r = env.call("POST", "/api/v1/identifications", &As::Bearer(key.clone()), Some(json!({"return_url": "https://bank.example/done"}))).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let token = r.body["link"]["token"].as_str().unwrap().to_owned();
    let me = As::Bearer(token.clone());
    env.call("PUT", &format!("/api/v1/sessions/{id}/application"), &me, Some(json!({"applicant": applicant()}))).await;
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/application/submit"), &me, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // Not before an approval.
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/passkey/registration"), &me, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "identification_not_approved"));
    let r = env.call("GET", &format!("/api/v1/sessions/{id}/result"), &me, None).await;
    assert_eq!((r.body["status"].as_str(), r.body["passkey_enrollment"].as_bool()), (Some("in_progress"), Some(false)), "{}", r.text);
    approve(&env, &id).await;

    // The session has ended: the link still shows the result and enrolls, nothing else.
    let r = env.call("GET", &format!("/api/v1/sessions/{id}/result"), &me, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!((r.body["status"].as_str(), r.body["outcome"].as_str(), r.body["passkey_enrollment"].as_bool()), (Some("final"), Some("approved"), Some(true)));
    assert_eq!(r.body["return_url"], "https://bank.example/done");
    let r = env.call("GET", &format!("/api/v1/sessions/{id}/application"), &me, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "session_ended"));

    let origin = Url::parse(support::PUBLIC_URL).unwrap();
    let mut authenticator = WebauthnAuthenticator::new(SoftPasskey::new(true));
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/passkey/registration"), &me, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let ceremony = r.body["ceremony_id"].as_str().unwrap().to_owned();
    let options: CreationChallengeResponse = serde_json::from_value(r.body["options"].clone()).unwrap();
    let credential = authenticator.do_registration(origin.clone(), options).unwrap();
    let body = serde_json::to_value(&credential).unwrap();
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/passkey/registration/{ceremony}"), &me, Some(body.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let credential_id = r.body["credential_id"].as_str().unwrap().to_owned();
    let canonical = r#"{"date_of_birth":"1988-04-30","given_names":"Thị Lan","nationality":"VNM","surname":"Trần"}"#;
    let identity = hex::encode(Sha256::digest(canonical.as_bytes()));
    assert_eq!(r.body["identity_sha256"].as_str(), Some(identity.as_str()), "bound to the verified identity");
    let r = env.call("POST", &format!("/api/v1/sessions/{id}/passkey/registration/{ceremony}"), &me, Some(body)).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "ceremony_expired"), "a ceremony is used once");

    // Later: the integrator challenges, the customer's authenticator answers, the server verifies.
    let challenge = || async {
        let r = env.call("POST", &format!("/api/v1/identifications/{id}/passkey/challenge"), &As::Bearer(results.clone()), None).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        (r.body["ceremony_id"].as_str().unwrap().to_owned(), serde_json::from_value::<RequestChallengeResponse>(r.body["options"].clone()).unwrap())
    };
    let (c1, options) = challenge().await;
    let assertion = authenticator.do_authentication(origin.clone(), options).unwrap();
    let verify = |ceremony: String, a: &webauthn_rs::prelude::PublicKeyCredential| {
        let body = json!({"ceremony_id": ceremony, "credential": a});
        let results = results.clone();
        let env = &env;
        let id = id.clone();
        async move { env.call("POST", &format!("/api/v1/identifications/{id}/passkey/verify"), &As::Bearer(results), Some(body)).await }
    };
    let r = verify(c1.clone(), &assertion).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!((r.body["credential_id"].as_str(), r.body["identity_sha256"].as_str()), (Some(credential_id.as_str()), Some(identity.as_str())));
    assert_eq!(r.body["user_verified"], true);
    // Replayed: the ceremony is spent. Answered for another challenge: it does not verify.
    let r = verify(c1, &assertion).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "ceremony_expired"));
    let (c2, _) = challenge().await;
    let r = verify(c2, &assertion).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "passkey_verification_failed"));

    // An expired challenge is refused too.
    let (c3, options) = challenge().await;
    let late = authenticator.do_authentication(origin, options).unwrap();
    env.clock.advance(chrono::TimeDelta::minutes(6));
    let r = verify(c3, &late).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "ceremony_expired"));
    env.done().await;
}

on_both!(a_passkey_enrolled_after_approval_verifies_later_assertions_for_the_integrator, passkeys);
