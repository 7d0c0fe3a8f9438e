//! The server binary as an operator runs it: SIGTERM in the middle of a call tells both
//! parties, drains and leaves every recording `complete` and hashed; the audit chain names a
//! changed row and notices a deleted one; and a whole flow's JSON logs carry no personal data or secret.

use serde_json::json;
use sha2::Digest;
use std::time::Duration;
use tests::client::{CallClient, Credential};
use tests::process::ServerProcess;

async fn wait_closed(server: &ServerProcess, session: &str) -> serde_json::Value {
    for _ in 0..100 {
        let v = server.get(&format!("/api/v1/sessions/{session}/recording")).await;
        if v["state"] == "closed" {
            return v["manifest"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the recording did not close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_in_the_middle_of_a_call_tells_both_parties_drains_and_finishes_the_recording_complete_and_hashed() {
    let mut server = ServerProcess::start().await;
    let (s, ct, at) = server.new_call().await;
    let mut customer = CallClient::join(&server.ws_url(), &ct).await.expect("join");
    let mut agent = CallClient::join(&server.ws_url(), &at).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    assert!(agent.wait_frames(30, 10).await.is_some());
    assert!(server.terminate(), "the server exits cleanly on SIGTERM");
    let log = std::fs::read_to_string(server.dir.path().join("server.log")).unwrap_or_default();
    assert!(!log.contains("did not drain"), "the shutdown drains, not waits out its limit");
    for c in [&mut customer, &mut agent] {
        assert!(c.message("server_closing", 5).await.is_some(), "each party is told the server is going away");
    }
    let server = server.restart().await;
    let manifest = wait_closed(&server, &s).await;
    assert_eq!(manifest["status"]["state"], "complete", "{manifest}");
    let root = server.dir.path().join("recordings").join(&s);
    let files: Vec<serde_json::Value> = manifest["segments"].as_array().unwrap().iter().flat_map(|seg| seg["files"].as_array().cloned().unwrap_or_default()).collect();
    assert_eq!(files.len(), 4, "both parties, audio and video");
    for f in files {
        let bytes = std::fs::read(root.join(f["path"].as_str().unwrap())).expect("file");
        assert_eq!(f["sha256"].as_str(), Some(hex::encode(sha2::Sha256::digest(&bytes)).as_str()), "{} is hashed", f["path"]);
    }
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_names_a_changed_row_and_notices_a_deleted_one() {
    let mut server = ServerProcess::start().await;
    server.new_call().await;
    server.new_call().await;
    assert!(server.terminate());
    let (ok, out) = server.command(&["audit", "verify"]);
    assert!(ok, "{out}");
    assert!(out.contains("intact"), "{out}");
    sqlx::any::install_default_drivers();
    let db = sqlx::AnyPool::connect(&format!("sqlite://{}/leak.db", server.dir.path().display())).await.expect("db");
    let rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log").fetch_one(&db).await.expect("count");
    assert!(rows.0 >= 10, "the flows left a trail: {}", rows.0);
    sqlx::query("UPDATE audit_log SET detail = 'edited' WHERE seq = 7").execute(&db).await.expect("tamper");
    let (ok, out) = server.command(&["audit", "verify"]);
    assert!(!ok);
    assert!(out.contains("row 7 was changed"), "{out}");
    // A fresh trail for the deletion check.
    db.close().await;
    let mut server = ServerProcess::start().await;
    server.new_call().await;
    assert!(server.terminate());
    let db = sqlx::AnyPool::connect(&format!("sqlite://{}/leak.db", server.dir.path().display())).await.expect("db");
    sqlx::query("DELETE FROM audit_log WHERE seq = 4").execute(&db).await.expect("delete");
    let (ok, out) = server.command(&["audit", "verify"]);
    assert!(!ok);
    assert!(out.contains("missing after row 3"), "{out}");
    let last: (i64,) = sqlx::query_as("SELECT MAX(seq) FROM audit_log").fetch_one(&db).await.expect("max");
    sqlx::query("DELETE FROM audit_log WHERE seq >= 4").execute(&db).await.expect("truncate");
    let (ok, out) = server.command(&["audit", "verify"]);
    assert!(!ok, "cutting the tail is noticed too (the head says {} rows)", last.0);
    assert!(out.contains("missing after row 3"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_flow_leaves_no_personal_data_or_secret_in_the_logs() {
    let mut server = ServerProcess::start_with("debug", &[("VKYC_LOG", "debug")]).await;
    // Staff sign-in (inside new_call: a password and a TOTP code go over the wire), and a call.
    let (s, ct, at) = server.new_call().await;
    let mut customer = CallClient::join(&server.ws_url(), &ct).await.expect("join");
    let mut agent = CallClient::join(&server.ws_url(), &at).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    assert!(agent.wait_frames(20, 10).await.is_some());
    // A booking with an e-mail address and a phone number, by the customer.
    let Credential::Customer(token) = &ct else { unreachable!() };
    let every_day: Vec<serde_json::Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().map(|d| json!({"weekday": d, "start": "00:00", "end": "00:00"})).collect();
    let r = reqwest::Client::new().put(format!("{}/api/v1/agents/booker", server.base)).bearer_auth(server.key()).json(&json!({"tz": "UTC", "skills": [], "shifts": every_day})).send().await.expect("roster");
    assert!(r.status().is_success());
    let slots: serde_json::Value = reqwest::get(format!("{}/api/v1/slots", server.base)).await.expect("slots").json().await.expect("json");
    let email = "zofia.wroblewska@example.org";
    let phone = "+48 22 123 45 67";
    let slot = slots.as_array().and_then(|a| a.first()).expect("a free slot");
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/bookings", server.base))
        .bearer_auth(token)
        .json(&json!({"start": slot["start"], "tz": "Europe/Warsaw", "contact": {"email": email, "phone": phone}}))
        .send()
        .await
        .expect("booking");
    assert_eq!(r.status().as_u16(), 201);
    let bad = reqwest::Client::new()
        .post(format!("{}/api/v1/bookings", server.base))
        .bearer_auth(token)
        .json(&json!({"start": "2030-01-07T08:00:00Z", "tz": "Europe/Warsaw", "contact": {"email": "not an address zofia.wroblewska@example.org"}}))
        .send()
        .await
        .expect("booking");
    assert_eq!(bad.status().as_u16(), 422);
    agent.send(json!({"type": "hangup"}));
    tokio::time::sleep(Duration::from_secs(1)).await;
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
    assert!(server.terminate());
    let logs = server.logs();
    assert!(logs.lines().count() > 20, "the server did log (debug level): {} lines", logs.lines().count());
    let Credential::Agent { cookie, .. } = &at else { unreachable!() };
    let secrets: Vec<(&str, String)> = vec![
        ("e-mail", email.into()),
        ("e-mail local part", "zofia.wroblewska".into()),
        ("phone", phone.into()),
        ("phone (E.164)", "+48221234567".into()),
        ("customer link token", token.clone()),
        ("staff session cookie", cookie.clone()),
        ("password", "correct horse battery staple".into()),
        ("session id in a URL fragment", format!("#t={token}")),
    ];
    for (what, value) in secrets {
        assert!(!logs.contains(&value), "the logs contain the {what}");
    }
    let key = server.key();
    assert!(!logs.contains(key), "the logs contain the API key");
    assert!(!logs.contains(&key[22..]), "the logs contain the API key's secret part");
    let (_, enrollment) = server.command(&["admin", "create-user", "--id", "probe", "--roles", "agent"]);
    let secret = enrollment.split("secret=").nth(1).map(|s| s.split('&').next().unwrap_or("")).unwrap_or("");
    assert!(!secret.is_empty() && !logs.contains(secret), "no TOTP secret in the logs");
    let _ = s;
}
