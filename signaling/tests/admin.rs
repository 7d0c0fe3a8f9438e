//! Staff onboarding by invitation, the administration's self-protection rules, "My account",
//! and the audit log's filters and chain check — through the real routes, with the app's clock
//! moved instead of waiting, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use chrono::TimeDelta;
use domain::StaffRole;
use serde_json::{Value, json};
use support::{As, Env, PASSWORD, Resp, StaffLogin};

const CHOSEN: &str = "a passphrase bob chose himself";

async fn login(env: &Env, id: &str, password: &str, code: &str) -> Resp {
    env.call("POST", "/api/v1/auth/login", &As::Anonymous, Some(json!({"username": id, "password": password, "code": code}))).await
}

/// The token of an activation link (after `#`).
fn token_of(invitation: &Value) -> String {
    let url = invitation["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/staff/activate#", support::PUBLIC_URL)), "{url}");
    url.rsplit_once('#').unwrap().1.to_owned()
}

/// The current code of a base32 authenticator secret at the app's now.
fn code_of(env: &Env, base32: &str) -> String {
    let raw = totp_rs::Secret::Encoded(base32.to_owned()).to_bytes().unwrap();
    signaling::staff::totp::code_at(&raw, env.clock.now_ms())
}

async fn invite(env: &Env, admin: &StaffLogin, id: &str, roles: &[&str]) -> Resp {
    let r = env.call("POST", "/api/v1/staff", &admin.as_(), Some(json!({"id": id, "display_name": "Bob Example", "roles": roles}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r
}

async fn enrollment(env: &Env, token: &str) -> Resp {
    env.call("POST", "/api/v1/activation/enrollment", &As::Anonymous, Some(json!({"token": token}))).await
}

async fn complete(env: &Env, token: &str, password: &str, code: &str) -> Resp {
    env.call("POST", "/api/v1/activation/complete", &As::Anonymous, Some(json!({"token": token, "password": password, "code": code}))).await
}

/// Opens the link and completes it with `CHOSEN`; returns the enrolled secret and recovery codes.
async fn activate(env: &Env, token: &str) -> (String, Vec<String>) {
    let e = enrollment(env, token).await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text);
    let secret = e.body["totp_secret"].as_str().unwrap().to_owned();
    env.clock.advance(TimeDelta::seconds(30));
    let r = complete(env, token, CHOSEN, &code_of(env, &secret)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let codes = r.body["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    (secret, codes)
}

async fn state_of(env: &Env, admin: &StaffLogin, id: &str) -> Value {
    let list = env.call("GET", "/api/v1/staff", &admin.as_(), None).await;
    list.body.as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap()
}

async fn audit_actions(env: &Env) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log ORDER BY seq").fetch_all(&env.state.db).await.unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

async fn an_invited_person_chooses_their_own_credentials_and_the_admin_never_sees_them(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let created = invite(&env, &admin, "bob", &["agent", "supervisor"]).await;
    assert_eq!(created.body["staff"]["state"], "invited");
    let token = token_of(&created.body["invitation"]);
    assert!(created.body["invitation"]["expires_at"].as_i64().unwrap() > env.clock.now_ms());
    assert_eq!(login(&env, "bob", PASSWORD, "123456").await.code(), "invalid_credentials", "nothing signs in before the activation");

    let e = enrollment(&env, &token).await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.text);
    assert_eq!((e.body["username"].as_str(), e.body["display_name"].as_str()), (Some("bob"), Some("Bob Example")));
    assert!(e.body["totp_uri"].as_str().unwrap().starts_with("otpauth://totp/"));
    assert!(e.body["totp_qr_svg"].as_str().unwrap().contains("<svg"));
    let secret = e.body["totp_secret"].as_str().unwrap().to_owned();
    assert_eq!(enrollment(&env, &token).await.body["totp_secret"], secret.as_str(), "a reload shows the same authenticator");
    // Nothing the admin was or is shown carries the secret.
    let listed = env.call("GET", "/api/v1/staff", &admin.as_(), None).await;
    for text in [&created.text, &listed.text] {
        assert!(!text.contains(&secret) && !text.contains("totp") && !text.contains("recovery"), "{text}");
    }

    let r = complete(&env, &token, "password1234", &code_of(&env, &secret)).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "password_too_common"));
    let code = code_of(&env, &secret);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = complete(&env, &token, CHOSEN, wrong).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_code"));
    let r = complete(&env, &token, CHOSEN, &code).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let recovery: Vec<String> = r.body["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    assert_eq!(recovery.len(), 10);
    assert_eq!(login(&env, "bob", CHOSEN, &code).await.code(), "code_already_used", "the confirming code does not also sign in");

    env.clock.advance(TimeDelta::seconds(30));
    let r = login(&env, "bob", CHOSEN, &code_of(&env, &secret)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(login(&env, "bob", CHOSEN, &recovery[0]).await.status, StatusCode::OK);
    assert_eq!(login(&env, "bob", CHOSEN, &recovery[0]).await.code(), "code_already_used");
    let bob = state_of(&env, &admin, "bob").await;
    assert_eq!(bob["state"], "active");
    assert_eq!(bob["last_sign_in_at"].as_i64(), Some(env.clock.now_ms()));
    assert_eq!(bob["invitation_expires_at"], Value::Null);
    let actions = audit_actions(&env).await;
    for a in ["staff_created", "invitation_issued", "activation_opened", "activation_refused", "staff_activated"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    env.done().await;
}

async fn an_activation_link_stops_working_when_it_expires(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let created = invite(&env, &admin, "bob", &["agent"]).await;
    let token = token_of(&created.body["invitation"]);
    let secret = enrollment(&env, &token).await.body["totp_secret"].as_str().unwrap().to_owned();
    env.clock.advance(TimeDelta::hours(72) - TimeDelta::seconds(1));
    assert_eq!(enrollment(&env, &token).await.status, StatusCode::OK, "still good a second before");
    env.clock.advance(TimeDelta::seconds(1));
    let r = enrollment(&env, &token).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "activation_link_expired"));
    assert_eq!(complete(&env, &token, CHOSEN, &code_of(&env, &secret)).await.code(), "activation_link_expired");
    let admin = env.login("ad").await;
    assert_eq!(state_of(&env, &admin, "bob").await["invitation_expires_at"], Value::Null, "no pending link any more");
    env.done().await;
}

async fn an_activation_link_works_once(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let token = token_of(&invite(&env, &admin, "bob", &["agent"]).await.body["invitation"]);
    let (secret, _) = activate(&env, &token).await;
    env.clock.advance(TimeDelta::seconds(30));
    let r = complete(&env, &token, "another passphrase entirely", &code_of(&env, &secret)).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "activation_link_used"));
    assert_eq!(enrollment(&env, &token).await.code(), "activation_link_used");
    assert_eq!(login(&env, "bob", CHOSEN, &code_of(&env, &secret)).await.status, StatusCode::OK, "the first activation stands");
    let r = enrollment(&env, "not-a-token").await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "activation_link_invalid"));
    env.done().await;
}

async fn a_newer_link_replaces_the_older_one(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let first = token_of(&invite(&env, &admin, "bob", &["agent"]).await.body["invitation"]);
    let r = env.call("POST", "/api/v1/staff/bob/reset-sign-in", &admin.as_(), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let second = token_of(&r.body);
    assert_ne!(first, second);
    let r = enrollment(&env, &first).await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, "activation_link_replaced"));
    activate(&env, &second).await;
    env.done().await;
}

async fn resetting_a_sign_in_ends_sessions_and_old_credentials_at_once(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let bob = env.staff("bob", &[StaffRole::Agent]).await;
    let r = env.call("POST", "/api/v1/staff/bob/reset-sign-in", &admin.as_(), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(!r.text.contains("secret") && !r.text.contains("recovery"), "{}", r.text);
    assert_eq!(env.call("GET", "/api/v1/auth/me", &bob.as_(), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(login(&env, "bob", PASSWORD, "123456").await.code(), "invalid_credentials");
    assert_eq!(state_of(&env, &admin, "bob").await["state"], "invited");
    let (secret, _) = activate(&env, &token_of(&r.body)).await;
    env.clock.advance(TimeDelta::seconds(30));
    assert_eq!(login(&env, "bob", CHOSEN, &code_of(&env, &secret)).await.status, StatusCode::OK);
    assert!(audit_actions(&env).await.iter().any(|a| a == "sign_in_reset"));
    env.done().await;
}

async fn an_admin_cannot_demote_disable_or_reset_themselves_but_another_admin_can(env: Env) {
    let ad = env.staff("ad", &[StaffRole::Admin, StaffRole::Agent]).await;
    let r = env.call("PATCH", "/api/v1/staff/ad", &ad.as_(), Some(json!({"roles": ["agent"]}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "cannot_remove_own_admin_role"));
    let r = env.call("PATCH", "/api/v1/staff/ad", &ad.as_(), Some(json!({"disabled": true}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "cannot_disable_self"));
    let r = env.call("POST", "/api/v1/staff/ad/reset-sign-in", &ad.as_(), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "cannot_reset_own_sign_in"));
    // Own name and other roles are fine.
    let r = env.call("PATCH", "/api/v1/staff/ad", &ad.as_(), Some(json!({"roles": ["admin"], "display_name": "Ada"}))).await;
    assert_eq!((r.status, r.body["display_name"].as_str()), (StatusCode::OK, Some("Ada")), "{}", r.text);
    let other = env.staff("ad2", &[StaffRole::Admin]).await;
    let r = env.call("PATCH", "/api/v1/staff/ad", &other.as_(), Some(json!({"roles": ["auditor"]}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = env.call("PATCH", "/api/v1/staff/ad", &other.as_(), Some(json!({"disabled": true}))).await;
    assert_eq!(r.body["state"], "disabled");
    env.done().await;
}

async fn an_admin_unlocks_a_locked_account(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    env.create_staff("bob", &[StaffRole::Agent]).await;
    for _ in 0..5 {
        login(&env, "bob", "not bob's password at all", "123456").await;
    }
    let bob = state_of(&env, &admin, "bob").await;
    assert_eq!(bob["state"], "locked");
    assert!(bob["locked_until"].as_i64().unwrap() > env.clock.now_ms());
    let r = env.call("POST", "/api/v1/staff/bob/unlock", &admin.as_(), None).await;
    assert_eq!((r.status, r.body["state"].as_str()), (StatusCode::OK, Some("active")));
    assert_eq!(login(&env, "bob", PASSWORD, &env.next_code("bob").await).await.status, StatusCode::OK);
    env.done().await;
}

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(env: Env) {
    let here = env.staff("bob", &[StaffRole::Agent]).await;
    let elsewhere = env.login("bob").await;
    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let r = env.call("POST", "/api/v1/auth/password", &here.as_(), Some(change("a wrong current password", "a brand new passphrase"))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "wrong_password"));
    let r = env.call("POST", "/api/v1/auth/password", &here.as_(), Some(change(PASSWORD, "short"))).await;
    assert_eq!(r.code(), "password_too_short");
    let r = env.call("POST", "/api/v1/auth/password", &here.as_(), Some(change(PASSWORD, "a brand new passphrase"))).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(env.call("GET", "/api/v1/auth/me", &here.as_(), None).await.status, StatusCode::OK, "this session stays");
    assert_eq!(env.call("GET", "/api/v1/auth/me", &elsewhere.as_(), None).await.status, StatusCode::UNAUTHORIZED, "the others end");
    assert_eq!(login(&env, "bob", PASSWORD, &env.next_code("bob").await).await.code(), "invalid_credentials");
    assert_eq!(login(&env, "bob", "a brand new passphrase", &env.next_code("bob").await).await.status, StatusCode::OK);
    let actions = audit_actions(&env).await;
    assert!(actions.iter().any(|a| a == "password_changed") && actions.iter().any(|a| a == "password_change_failed"));
    env.done().await;
}

async fn new_recovery_codes_need_a_fresh_second_factor_and_replace_the_old_ones(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let token = token_of(&invite(&env, &admin, "bob", &["agent"]).await.body["invitation"]);
    let (secret, old_codes) = activate(&env, &token).await;
    env.clock.advance(TimeDelta::seconds(30));
    let r = login(&env, "bob", CHOSEN, &code_of(&env, &secret)).await;
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let bob = As::Staff(cookie);
    assert_eq!(env.call("GET", "/api/v1/auth/account", &bob, None).await.body["recovery_codes_left"], 10);
    env.clock.advance(TimeDelta::minutes(6));
    let r = env.call("POST", "/api/v1/auth/recovery-codes", &bob, None).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "reauth_required"));
    env.clock.advance(TimeDelta::seconds(30));
    assert_eq!(env.call("POST", "/api/v1/auth/reauth", &bob, Some(json!({"code": code_of(&env, &secret)}))).await.status, StatusCode::NO_CONTENT);
    let r = env.call("POST", "/api/v1/auth/recovery-codes", &bob, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let new_code = r.body["recovery_codes"][0].as_str().unwrap().to_owned();
    assert_eq!(login(&env, "bob", CHOSEN, &old_codes[0]).await.code(), "invalid_code", "the old codes stop working");
    assert_eq!(login(&env, "bob", CHOSEN, &new_code).await.status, StatusCode::OK);
    env.done().await;
}

async fn a_person_sees_their_sign_ins_and_ends_one(env: Env) {
    let first = env.staff("bob", &[StaffRole::Agent]).await;
    let second = env.login("bob").await;
    let r = env.call("GET", "/api/v1/auth/account", &first.as_(), None).await;
    let sign_ins = r.body["sign_ins"].as_array().unwrap().clone();
    assert_eq!(sign_ins.len(), 2, "{}", r.text);
    let other = sign_ins.iter().find(|s| s["current"] == false).unwrap();
    let id = other["id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    let r = env.call("DELETE", &format!("/api/v1/auth/sign-ins/{id}"), &first.as_(), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(env.call("GET", "/api/v1/auth/me", &second.as_(), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(env.call("GET", "/api/v1/auth/me", &first.as_(), None).await.status, StatusCode::OK);
    // Another person's sign-in cannot be ended by its handle.
    let carl = env.staff("carl", &[StaffRole::Agent]).await;
    let mine = env.call("GET", "/api/v1/auth/account", &first.as_(), None).await.body["sign_ins"][0]["id"].as_str().unwrap().to_owned();
    let r = env.call("DELETE", &format!("/api/v1/auth/sign-ins/{mine}"), &carl.as_(), None).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "sign_in_not_found"));
    env.done().await;
}

async fn audit_query(env: &Env, who: &StaffLogin, q: String) -> Resp {
    env.call("GET", &format!("/api/v1/audit?{q}"), &who.as_(), None).await
}

async fn the_audit_log_filters_and_pages_by_keyset(env: Env) {
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    env.create_staff("bob", &[StaffRole::Agent]).await;
    let t_before = env.clock.now_ms();
    for _ in 0..3 {
        env.login("bob").await;
    }
    let r = audit_query(&env, &auditor, "action=login_succeeded&actor=staff:bob".into()).await;
    assert_eq!(r.body.as_array().unwrap().len(), 3, "{}", r.text);
    let page1 = audit_query(&env, &auditor, "action=login_succeeded&limit=2".into()).await.body.as_array().unwrap().clone();
    assert_eq!(page1.len(), 2);
    let last = page1[1]["seq"].as_i64().unwrap();
    assert!(page1[0]["seq"].as_i64().unwrap() > last, "newest first");
    let page2 = audit_query(&env, &auditor, format!("action=login_succeeded&limit=2&before={last}")).await.body.as_array().unwrap().clone();
    assert!(page2.iter().all(|r| r["seq"].as_i64().unwrap() < last) && !page2.is_empty());
    let r = audit_query(&env, &auditor, format!("action=login_succeeded&actor=staff:bob&from={}", t_before + 61_000)).await;
    assert_eq!(r.body.as_array().unwrap().len(), 1, "only the sign-in after the minute's mark: {}", r.text);
    let r = audit_query(&env, &auditor, format!("action=login_succeeded&actor=staff:bob&to={}", t_before + 31_000)).await;
    assert_eq!(r.body.as_array().unwrap().len(), 1, "{}", r.text);
    let r = audit_query(&env, &auditor, "action=no_such_action".into()).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "invalid_query"));
    env.done().await;
}

async fn the_chain_check_names_the_first_altered_row(env: Env) {
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    let r = env.call("GET", "/api/v1/audit/verify", &auditor.as_(), None).await;
    assert_eq!(r.body["state"], "intact", "{}", r.text);
    let rows = r.body["intact_up_to"].as_i64().unwrap();
    assert!(rows >= 1);
    sqlx::query("UPDATE audit_log SET detail = 'tampered' WHERE seq = 1").execute(&env.state.db).await.unwrap();
    let r = env.call("GET", "/api/v1/audit/verify", &auditor.as_(), None).await;
    assert_eq!((r.body["state"].as_str(), r.body["broken_at"].as_i64(), r.body["intact_up_to"].as_i64()), (Some("altered"), Some(1), Some(0)), "{}", r.text);
    env.done().await;
}

async fn an_api_key_shows_when_it_was_last_used(env: Env) {
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let r = env.call("POST", "/api/v1/api-keys", &admin.as_(), Some(json!({"name": "bank", "scopes": ["sessions:write"], "days": 30}))).await;
    let id = r.body["key"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["key"]["last_used_at"], Value::Null);
    env.clock.advance(TimeDelta::minutes(2));
    env.call("POST", "/api/v1/sessions", &As::Bearer(r.body["secret"].as_str().unwrap().into()), Some(json!({}))).await;
    let keys = env.call("GET", "/api/v1/api-keys", &admin.as_(), None).await;
    let key = keys.body.as_array().unwrap().iter().find(|k| k["id"] == id.as_str()).unwrap().clone();
    assert_eq!(key["last_used_at"].as_i64(), Some(env.clock.now_ms()));
    assert!(!keys.text.contains("vkyc_"), "the list never carries a secret");
    env.done().await;
}

on_both!(an_invited_person_chooses_their_own_credentials_and_the_admin_never_sees_them_, an_invited_person_chooses_their_own_credentials_and_the_admin_never_sees_them);
on_both!(an_activation_link_stops_working_when_it_expires_, an_activation_link_stops_working_when_it_expires);
on_both!(an_activation_link_works_once_, an_activation_link_works_once);
on_both!(a_newer_link_replaces_the_older_one_, a_newer_link_replaces_the_older_one);
on_both!(resetting_a_sign_in_ends_sessions_and_old_credentials_at_once_, resetting_a_sign_in_ends_sessions_and_old_credentials_at_once);
on_both!(an_admin_cannot_demote_disable_or_reset_themselves_but_another_admin_can_, an_admin_cannot_demote_disable_or_reset_themselves_but_another_admin_can);
on_both!(an_admin_unlocks_a_locked_account_, an_admin_unlocks_a_locked_account);
on_both!(changing_the_password_needs_the_current_one_and_ends_other_sessions_, changing_the_password_needs_the_current_one_and_ends_other_sessions);
on_both!(new_recovery_codes_need_a_fresh_second_factor_and_replace_the_old_ones_, new_recovery_codes_need_a_fresh_second_factor_and_replace_the_old_ones);
on_both!(a_person_sees_their_sign_ins_and_ends_one_, a_person_sees_their_sign_ins_and_ends_one);
on_both!(the_audit_log_filters_and_pages_by_keyset_, the_audit_log_filters_and_pages_by_keyset);
on_both!(the_chain_check_names_the_first_altered_row_, the_chain_check_names_the_first_altered_row);
on_both!(an_api_key_shows_when_it_was_last_used_, an_api_key_shows_when_it_was_last_used);
