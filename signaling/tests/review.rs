//! Supervisors and auditors on the server: four-eyes review (never by the deciding agent,
//! final only then, the result handed on), risk-based sampling, the archive's filters and
//! paging, the access log, retention with the clock advanced (files, rows and keys gone, held
//! sessions kept, every deletion in the audit chain) and erasure where the law allows it —
//! on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use domain::StaffRole;
use serde_json::{Value, json};
use support::{As, Env, StaffLogin};

/// A session of `profile` that `agent` (created with `roles`, on the roster) took and decided.
async fn decided(env: &Env, key: &str, profile: &str, agent: &str, roles: &[StaffRole], outcome: Value) -> (String, StaffLogin) {
    env.roster(key, agent, &[]).await;
    let login = env.staff(agent, roles).await;
    let r = env.call("POST", "/api/v1/sessions", &As::Bearer(key.into()), Some(json!({"profile": profile}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let session = r.body["id"].as_str().unwrap().to_owned();
    env.assign(key, &session, &login).await;
    let d = env.call("POST", &format!("/api/v1/sessions/{session}/decision"), &login.as_(), Some(outcome)).await;
    assert_eq!(d.status, StatusCode::CREATED, "{}", d.text);
    // Off the queue, so the next session is offered to the next agent.
    assert_eq!(env.presence(&login, "away").await.status, StatusCode::OK);
    (session, login)
}

fn reject() -> Value {
    json!({"outcome": "rejected", "reasons": ["document_invalid"]})
}

async fn review(env: &Env, who: &StaffLogin, session: &str, body: Value) -> support::Resp {
    env.call("POST", &format!("/api/v1/sessions/{session}/review"), &who.as_(), Some(body)).await
}

async fn audit_actions(env: &Env, session: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT action FROM audit_log WHERE session_id = $1 ORDER BY seq").bind(session.to_owned()).fetch_all(&env.state.db).await.unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

/// The sessions whose result became final, with the final outcome (the audit chain's record,
/// from which the outbox announces it).
async fn finals(env: &Env) -> Vec<(String, String)> {
    sqlx::query_as("SELECT session_id, target FROM audit_log WHERE action = 'result_final' ORDER BY seq").fetch_all(&env.state.db).await.unwrap()
}

async fn four_eyes(env: Env) {
    let key = env.full_key().await;
    let (a, _) = decided(&env, &key, "rbi-vcip", "anna", &[StaffRole::Agent], reject()).await;
    let (b, dual) = decided(&env, &key, "rbi-vcip", "dual", &[StaffRole::Agent, StaffRole::Supervisor], reject()).await;
    for s in [&a, &b] {
        let d = env.call("GET", &format!("/api/v1/sessions/{s}/review"), &dual.as_(), None).await;
        assert_eq!(d.body["decision"]["status"], "pending_review", "{}", d.text);
        assert_eq!(d.body["review_reasons"], json!(["four_eyes"]));
    }
    assert!(finals(&env).await.is_empty(), "nothing is final before the review");
    // The supervisor who decided B cannot review it; the policy says so before any handler runs.
    let own = review(&env, &dual, &b, json!({"verdict": "confirm", "reason": "Looks right to me, all checks done."})).await;
    assert_eq!((own.status, own.code()), (StatusCode::FORBIDDEN, "forbidden"), "{}", own.text);
    let other = review(&env, &dual, &a, json!({"verdict": "confirm", "reason": "Document visibly expired in the stills."})).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    assert_eq!((other.body["decision"]["status"].as_str(), other.body["review"]["reviewer_id"].as_str()), (Some("final"), Some("dual")));
    assert_eq!(finals(&env).await, vec![(a.clone(), "rejected".to_owned())]);

    let sam = env.staff("sam", &[StaffRole::Supervisor]).await;
    let no_outcome = review(&env, &sam, &b, json!({"verdict": "overturn", "reason": "The document was valid after all."})).await;
    assert_eq!((no_outcome.status, no_outcome.code()), (StatusCode::UNPROCESSABLE_ENTITY, "outcome_required"));
    let short = review(&env, &sam, &b, json!({"verdict": "confirm", "reason": "ok"})).await;
    assert_eq!(short.code(), "reason_required");
    let over = review(&env, &sam, &b, json!({"verdict": "overturn", "outcome": "inconclusive", "reasons": ["needs_review"], "reason": "Stills too blurry to judge the document."})).await;
    assert_eq!(over.status, StatusCode::OK, "{}", over.text);
    assert_eq!((over.body["decision"]["outcome"].as_str(), over.body["decision"]["status"].as_str()), (Some("inconclusive"), Some("final")));
    assert_eq!((over.body["review"]["outcome_before"].as_str(), over.body["review"]["verdict"].as_str()), (Some("rejected"), Some("overturn")));
    let again = review(&env, &sam, &b, json!({"verdict": "confirm", "reason": "Second thoughts, confirming."})).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "not_pending_review"));
    assert!(finals(&env).await.contains(&(b.clone(), "inconclusive".to_owned())), "the final result is the reviewer's outcome");
    let actions = audit_actions(&env, &b).await;
    for a in ["decision_recorded", "decision_reviewed", "result_final", "document_signed"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // The signed decision document verifies with the published key and carries the review.
    let pem = env.call("GET", "/api/v1/signing-key", &As::Anonymous, None).await;
    let vk = signaling::signing::parse_public_pem(pem.body["public_key_pem"].as_str().unwrap()).unwrap();
    let (body, sig): (String, String) = sqlx::query_as("SELECT body, signature FROM signatures WHERE session_id = $1 AND kind = 'decision'").bind(b.clone()).fetch_one(&env.state.db).await.unwrap();
    assert!(signaling::signing::verify(&vk, body.as_bytes(), &hex::decode(sig).unwrap()));
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((doc["outcome"].as_str(), doc["review"]["reviewer_id"].as_str()), (Some("inconclusive"), Some("sam")));
    // An auditor reads the access log but cannot review.
    let auditor = env.staff("audrey", &[StaffRole::Auditor]).await;
    let denied = review(&env, &auditor, &a, json!({"verdict": "confirm", "reason": "Auditors do not review anything."})).await;
    assert_eq!(denied.code(), "forbidden");
    let log = env.call("GET", "/api/v1/audit?actor=staff:sam", &auditor.as_(), None).await;
    assert!(log.body.as_array().unwrap().iter().any(|r| r["action"] == "decision_reviewed"), "{}", log.text);
    env.done().await;
}

on_both!(a_decision_waits_for_a_supervisor_who_did_not_make_it_and_is_final_only_after_the_review, four_eyes);

async fn sampling(env: Env) {
    let key = env.full_key().await;
    env.roster(&key, "anna", &[]).await;
    let anna = env.staff("anna", &[StaffRole::Agent]).await;
    let r = env.call("POST", "/api/v1/sessions", &As::Bearer(key.clone()), Some(json!({"profile": "bafin-rs-3-2017"}))).await;
    let s = r.body["id"].as_str().unwrap().to_owned();
    env.assign(&key, &s, &anna).await;
    // The face analysis said no_match during the call: BaFin's profile sends every such session
    // to review, whatever the random share draws.
    let body = json!({"type": "face_match", "verdict": "no_match", "distance": 0.7, "models": [{"name": "sface", "version": "2021dec-fast", "sha256": "ab"}]});
    sqlx::query("INSERT INTO ai_events (session_id, at, kind, body) VALUES ($1, $2, 'face_match', $3)").bind(s.clone()).bind(env.clock.now_ms()).bind(body.to_string()).execute(&env.state.db).await.unwrap();
    let d = env.call("POST", &format!("/api/v1/sessions/{s}/decision"), &anna.as_(), Some(reject())).await;
    assert_eq!(d.body["status"], "pending_review", "{}", d.text);
    // The agent's hold on the session ends with the decision; a supervisor reads why it waits.
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    let v = env.call("GET", &format!("/api/v1/sessions/{s}/review"), &sv.as_(), None).await;
    assert!(v.body["review_reasons"].as_array().is_some_and(|r| r.contains(&json!("no_match"))), "{}", v.text);
    env.done().await;
}

on_both!(a_face_no_match_sends_the_session_to_review_under_a_risk_based_profile, sampling);

async fn archive(env: Env) {
    let key = env.full_key().await;
    let (a1, _) = decided(&env, &key, "basic", "anna", &[StaffRole::Agent], reject()).await;
    let (b1, _) = decided(&env, &key, "basic", "ben", &[StaffRole::Agent], json!({"outcome": "inconclusive", "reasons": ["poor_quality"]})).await;
    let (r1, _) = decided(&env, &key, "rbi-vcip", "ravi", &[StaffRole::Agent], reject()).await;
    let open = env.session(&key).await;
    sqlx::query("INSERT INTO ai_events (session_id, at, kind, body) VALUES ($1, $2, 'face_match', $3)").bind(b1.clone()).bind(env.clock.now_ms()).bind(json!({"verdict": "no_match"}).to_string()).execute(&env.state.db).await.unwrap();
    signaling::archive::index::refresh(&env.state, &domain::SessionId::parse(&b1).unwrap()).await.unwrap();
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    let ids = |r: &support::Resp| -> Vec<String> { r.body["items"].as_array().unwrap().iter().map(|i| i["session_id"].as_str().unwrap().to_owned()).collect() };
    let get = |q: &str| {
        let (path, who, env) = (format!("/api/v1/sessions?{q}"), sv.as_(), &env);
        async move { env.call("GET", &path, &who, None).await }
    };
    assert_eq!(ids(&get("agent=anna").await), vec![a1.clone()]);
    assert_eq!(ids(&get("outcome=inconclusive").await), vec![b1.clone()]);
    assert_eq!(ids(&get("flags=face_no_match").await), vec![b1.clone()]);
    assert_eq!(ids(&get("profile=rbi-vcip&review=pending").await), vec![r1.clone()]);
    assert_eq!(ids(&get("reviewed=true").await), Vec::<String>::new());
    assert_eq!(ids(&get("status=created").await), vec![open.clone()]);
    let bad = get("flags=haunted").await;
    assert_eq!(bad.code(), "invalid_query");
    // Newest first, pages of two, every session exactly once.
    let mut seen = vec![];
    let mut cursor = String::new();
    loop {
        let page = get(&format!("limit=2{cursor}")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert!(page.body["names_visible"].as_bool().unwrap(), "supervisors may see names");
        seen.extend(ids(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    let mut all = vec![a1.clone(), b1.clone(), r1.clone(), open.clone()];
    all.sort();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, all, "each session once: {seen:?}");
    let auditor = env.staff("au", &[StaffRole::Auditor]).await;
    let page = env.call("GET", "/api/v1/sessions", &auditor.as_(), None).await;
    assert_eq!(page.body["names_visible"], false, "auditors do not see who the customer is");
    let integrator = env.key(&[signaling::apikeys::ApiScope::SessionsRead]).await;
    assert_eq!(env.call("GET", "/api/v1/sessions?agent=ben", &As::Bearer(integrator), None).await.status, StatusCode::OK);
    // The auditor's access view: who read what, and only reads, plays and exports.
    let access = env.call("GET", "/api/v1/audit?access=true&actor=staff:sv", &auditor.as_(), None).await;
    let rows = access.body.as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["action"] == "archive_read"), "{}", access.text);
    env.done().await;
}

on_both!(the_archive_filters_by_agent_outcome_flags_profile_and_review_and_pages_every_session_once, archive);

/// A stand-in recording on disk for a session (the retention job deletes what is there).
fn fake_recording(env: &Env, session: &str) -> std::path::PathBuf {
    let dir = env.config.recording.dir.join(session).join("seg-0000");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("customer-video.webm"), b"VKYCENC1 sealed bytes").unwrap();
    std::fs::write(dir.parent().unwrap().join("manifest.json"), b"{}").unwrap();
    dir.parent().unwrap().to_path_buf()
}

async fn count(env: &Env, table: &str, column: &str, session: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1")).bind(session.to_owned()).fetch_one(&env.state.db).await.unwrap();
    n
}

async fn retention(env: Env) {
    const DAY: i64 = 86_400_000;
    let key = env.full_key().await;
    let (decided_s, _) = decided(&env, &key, "basic", "anna", &[StaffRole::Agent], reject()).await;
    let aborted = env.session(&key).await;
    let held = env.session(&key).await;
    for s in [&aborted, &held] {
        let r = env.call("POST", &format!("/api/v1/sessions/{s}/end"), &As::Bearer(key.clone()), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let mut dirs = vec![];
    for s in [&decided_s, &aborted, &held] {
        env.state.vault.key(&domain::SessionId::parse(s).unwrap(), env.clock.now_ms()).await.unwrap();
        dirs.push(fake_recording(&env, s));
    }
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    let hold = env.call("PUT", &format!("/api/v1/sessions/{held}/legal-hold"), &sv.as_(), Some(json!({"reason": "Case 2030/17, prosecutor's request"}))).await;
    assert_eq!(hold.status, StatusCode::OK, "{}", hold.text);
    let stores = signaling::retention::Stores::of(&env.state);
    let first = signaling::retention::run(&stores, env.clock.now_ms(), |_| false).await.unwrap();
    assert!(first.deleted.is_empty(), "nothing is due yet: {first:?}");
    env.clock.advance(chrono::TimeDelta::milliseconds(31 * DAY));
    let month = signaling::retention::run(&stores, env.clock.now_ms(), |_| false).await.unwrap();
    assert_eq!(month.deleted, vec![aborted.clone()], "the aborted session goes after 30 days; the held one stays");
    assert!(!dirs[1].exists(), "its recording files are gone");
    for (table, column) in [("sessions", "id"), ("session_keys", "session_id"), ("session_index", "session_id"), ("join_tokens", "session_id")] {
        assert_eq!(count(&env, table, column, &aborted).await, 0, "{table}");
    }
    assert!(matches!(env.state.vault.existing_key(&domain::SessionId::parse(&aborted).unwrap()).await, Err(signaling::vault::VaultError::NoKey)));
    assert!(dirs[0].exists() && dirs[2].exists());
    assert_eq!(count(&env, "sessions", "id", &held).await, 1);
    env.clock.advance(chrono::TimeDelta::milliseconds(5 * 366 * DAY));
    let years = signaling::retention::run(&stores, env.clock.now_ms(), |_| false).await.unwrap();
    assert_eq!(years.deleted, vec![decided_s.clone()], "the decided session goes after its five years");
    assert!(!dirs[0].exists());
    assert_eq!(count(&env, "decisions", "session_id", &decided_s).await, 0);
    assert_eq!(count(&env, "sessions", "id", &held).await, 1, "held sessions stay, whatever their deadline");
    let release = env.call("DELETE", &format!("/api/v1/sessions/{held}/legal-hold"), &sv.as_(), None).await;
    assert_eq!(release.status, StatusCode::UNAUTHORIZED, "releasing a hold needs a fresh second factor: {}", release.text);
    let sv = env.login("sv").await;
    let release = env.call("DELETE", &format!("/api/v1/sessions/{held}/legal-hold"), &sv.as_(), None).await;
    assert_eq!(release.status, StatusCode::NO_CONTENT);
    let last = signaling::retention::run(&stores, env.clock.now_ms(), |_| false).await.unwrap();
    assert_eq!(last.deleted, vec![held.clone()]);
    // Each deletion is in the audit chain, with what it removed; the chain is intact.
    for s in [&aborted, &decided_s, &held] {
        let (detail,): (String,) = sqlx::query_as("SELECT detail FROM audit_log WHERE session_id = $1 AND action = 'retention_deleted'").bind(s.clone()).fetch_one(&env.state.db).await.unwrap();
        assert!(detail.starts_with("files=2 ") && detail.ends_with("key=destroyed"), "{detail}");
    }
    assert!(matches!(signaling::audit::verify(&env.state.db).await.unwrap(), signaling::audit::Verdict::Intact { .. }));
    env.done().await;
}

on_both!(with_the_clock_advanced_expired_sessions_lose_files_rows_and_keys_held_ones_stay_and_each_deletion_is_audited, retention);

async fn erasure(env: Env) {
    let key = env.full_key().await;
    let (decided_s, _) = decided(&env, &key, "basic", "anna", &[StaffRole::Agent], reject()).await;
    let aborted = env.session(&key).await;
    let running = env.session(&key).await;
    env.call("POST", &format!("/api/v1/sessions/{aborted}/end"), &As::Bearer(key.clone()), Some(json!({}))).await;
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    env.call("PUT", &format!("/api/v1/sessions/{aborted}/legal-hold"), &sv.as_(), Some(json!({"reason": "Complaint 2030-0042 under review"}))).await;
    let admin = env.staff("ad", &[StaffRole::Admin]).await;
    let erase = |s: String| {
        let (path, who, env) = (format!("/api/v1/sessions/{s}/erase"), admin.as_(), &env);
        async move { env.call("POST", &path, &who, Some(json!({"reason": "GDPR Art. 17 request #88"}))).await }
    };
    assert_eq!(erase(decided_s.clone()).await.code(), "retention_obligation");
    assert_eq!(erase(aborted.clone()).await.code(), "legal_hold");
    assert_eq!(erase(running.clone()).await.code(), "session_running");
    let sv = env.login("sv").await;
    env.call("DELETE", &format!("/api/v1/sessions/{aborted}/legal-hold"), &sv.as_(), None).await;
    // A message still queued for the session (a booking's invitation, say) goes with it.
    sqlx::query("INSERT INTO mail_outbox (id, session_id, kind, ref_id, due_ms, next_attempt_ms, created_ms) VALUES ($1, $2, 'invite', $2, 0, 0, 0)")
        .bind(format!("sched:{aborted}")).bind(aborted.clone()).execute(&env.state.db).await.unwrap();
    let admin = env.login("ad").await;
    let done = env.call("POST", &format!("/api/v1/sessions/{aborted}/erase"), &admin.as_(), Some(json!({"reason": "GDPR Art. 17 request #88"}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    let (queued,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_outbox WHERE session_id = $1").bind(aborted.clone()).fetch_one(&env.state.db).await.unwrap();
    assert_eq!(queued, 0, "nothing more is sent for an erased session");
    assert_eq!(done.body["key_destroyed"], false, "nothing was ever encrypted for it");
    assert_eq!(env.call("GET", &format!("/api/v1/sessions/{aborted}"), &As::Bearer(key.clone()), None).await.code(), "session_not_found");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE session_id = $1 AND action = 'session_erased'").bind(aborted.clone()).fetch_one(&env.state.db).await.unwrap();
    assert_eq!(n, 1);
    let supervisor_erases = env.call("POST", &format!("/api/v1/sessions/{running}/erase"), &sv.as_(), Some(json!({"reason": "not my call to make at all"}))).await;
    assert_eq!(supervisor_erases.code(), "forbidden", "only an admin erases");
    env.done().await;
}

on_both!(erasure_is_refused_under_a_hold_while_running_and_while_retention_applies_and_done_otherwise, erasure);

async fn stats(env: Env) {
    let key = env.full_key().await;
    decided(&env, &key, "basic", "anna", &[StaffRole::Agent], reject()).await;
    decided(&env, &key, "basic", "ben", &[StaffRole::Agent], json!({"outcome": "inconclusive", "reasons": ["poor_quality"]})).await;
    let sv = env.staff("sv", &[StaffRole::Supervisor]).await;
    let r = env.call("GET", "/api/v1/stats", &sv.as_(), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["total"]["sessions"], 2);
    assert_eq!(r.body["total"]["reject_rate"], 0.5);
    assert_eq!(r.body["total"]["queue_entries"], 2);
    assert!(r.body["total"]["wait_p50_ms"].as_i64().is_some(), "both were connected: {}", r.text);
    assert_eq!(r.body["by_agent"].as_array().unwrap().len(), 2);
    let one = env.call("GET", "/api/v1/stats?agent=anna", &sv.as_(), None).await;
    assert_eq!(one.body["total"]["sessions"], 1);
    let too_long = env.call("GET", "/api/v1/stats?from=2020-01-01T00:00:00Z", &sv.as_(), None).await;
    assert_eq!(too_long.code(), "range_too_long");
    env.done().await;
}

on_both!(the_dashboard_counts_outcomes_waits_and_rates_per_agent, stats);
