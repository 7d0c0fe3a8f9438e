//! The agent console's server side: consent before media, stills on request, prompts and
//! read-aloud on the customer's screen, the checklist from evidence, and a decision that is
//! refused while evidence is missing and ends the agent's wrap-up once recorded.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use domain::StaffRole;
use serde_json::json;
use support::{As, Dialect, Env, StaffLogin, Ws};

/// A tiny but valid 1280×720 PNG (a camera-sized still).
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut raw = vec![];
    for _ in 0..h {
        raw.push(0u8);
        raw.extend(std::iter::repeat_n(128u8, (w * 3) as usize));
    }
    let mut out = vec![];
    {
        let mut enc = png_encoder(&mut out, w, h);
        std::io::Write::write_all(&mut enc, &raw).unwrap();
    }
    out
}

/// A minimal PNG writer (stored deflate blocks) so the test needs no image crate.
fn png_encoder(out: &mut Vec<u8>, w: u32, h: u32) -> PngWriter<'_> {
    PngWriter { out, w, h, data: vec![] }
}

struct PngWriter<'a> {
    out: &'a mut Vec<u8>,
    w: u32,
    h: u32,
    data: Vec<u8>,
}

impl std::io::Write for PngWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.data.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for PngWriter<'_> {
    fn drop(&mut self) {
        fn crc(bytes: &[u8]) -> u32 {
            let mut c = 0xFFFF_FFFFu32;
            for b in bytes {
                c ^= u32::from(*b);
                for _ in 0..8 {
                    c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                }
            }
            !c
        }
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            out.extend_from_slice(&body);
            out.extend(crc(&body).to_be_bytes());
        }
        let mut zlib = vec![0x78, 0x01];
        let (mut a, mut b) = (1u32, 0u32);
        for byte in &self.data {
            a = (a + u32::from(*byte)) % 65521;
            b = (b + a) % 65521;
        }
        let blocks: Vec<&[u8]> = self.data.chunks(65535).collect();
        for (i, block) in blocks.iter().enumerate() {
            zlib.push(u8::from(i + 1 == blocks.len()));
            zlib.extend((block.len() as u16).to_le_bytes());
            zlib.extend((!(block.len() as u16)).to_le_bytes());
            zlib.extend_from_slice(block);
        }
        zlib.extend(((b << 16) | a).to_be_bytes());
        self.out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = self.w.to_be_bytes().to_vec();
        ihdr.extend(self.h.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        chunk(self.out, b"IHDR", &ihdr);
        chunk(self.out, b"IDAT", &zlib);
        chunk(self.out, b"IEND", &[]);
    }
}

struct Call {
    env: Env,
    key: String,
    session: String,
    token: String,
    agent: StaffLogin,
    addr: String,
}

/// A session the agent took, with the customer's link; the customer has not consented yet.
async fn call() -> Call {
    let env = Env::new(Dialect::Sqlite).await.unwrap();
    let key = env.full_key().await;
    env.roster(&key, "anna", &[]).await;
    let agent = env.staff("anna", &[StaffRole::Agent]).await;
    let session = env.session(&key).await;
    let token = env.customer_token(&key, &session).await;
    env.assign(&key, &session, &agent).await;
    let addr = env.serve().await;
    Call { env, key, session, token, agent, addr }
}

async fn upload(c: &Call, kind: &str, request_id: &str, bytes: Vec<u8>) -> (u16, serde_json::Value) {
    let r = reqwest::Client::new()
        .post(format!("http://{}/api/v1/sessions/{}/stills?kind={kind}&request_id={request_id}", c.addr, c.session))
        .bearer_auth(&c.token)
        .header("content-type", "image/png")
        .body(bytes)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

async fn join(c: &Call, who: &str) -> Ws {
    let mut ws = Ws::open(&c.addr, "/ws", (who == "agent").then_some(c.agent.cookie.as_str())).await;
    let msg = if who == "agent" { json!({"type": "join", "session_id": c.session, "protocol": 1}) } else { json!({"type": "join", "token": c.token, "protocol": 1}) };
    ws.send(msg).await;
    ws
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_call_and_no_still_before_consent_and_consent_records_cannot_be_changed() {
    let c = call().await;
    let mut customer = join(&c, "customer").await;
    assert_eq!(customer.expect("error").await["code"], "consent_required");
    let (status, body) = upload(&c, "face", "x", png(1280, 720)).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("consent_required")));
    let texts = c.env.call("GET", "/api/v1/consent-texts?lang=fr", &As::Anonymous, None).await;
    let version = texts.body[0]["version"].as_str().unwrap().to_owned();
    let bad = c.env.call("POST", &format!("/api/v1/sessions/{}/consents", c.session), &As::Bearer(c.token.clone()), Some(json!({"kind": "processing", "decision": "given", "text_version": "0".repeat(64)}))).await;
    assert_eq!(bad.code(), "unknown_consent_text");
    let ok = c.env.call("POST", &format!("/api/v1/sessions/{}/consents", c.session), &As::Bearer(c.token.clone()), Some(json!({"kind": texts.body[0]["kind"], "decision": "given", "text_version": version}))).await;
    assert_eq!(ok.status, StatusCode::CREATED);
    assert_eq!(ok.body[0]["language"], "fr");
    // No route changes or deletes a consent record: every other method on the collection is refused.
    for method in ["PUT", "PATCH", "DELETE"] {
        let r = c.env.call(method, &format!("/api/v1/sessions/{}/consents", c.session), &As::Bearer(c.key.clone()), Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    let rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM consents").fetch_one(&c.env.state.db).await.unwrap();
    assert_eq!(rows.0, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_asks_for_a_still_the_customer_uploads_it_and_the_agent_sees_it_hashed() {
    let c = call().await;
    c.env.consent(&c.session, &c.token).await;
    let mut customer = join(&c, "customer").await;
    customer.expect("joined").await;
    let mut agent = join(&c, "agent").await;
    agent.expect("joined").await;
    let (status, body) = upload(&c, "face", "unrequested", png(1280, 720)).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("capture_not_requested")));
    agent.send(json!({"type": "capture", "kind": "id_front"})).await;
    let ask = customer.expect("capture").await;
    assert_eq!(ask["kind"], "id_front");
    let request = ask["request_id"].as_str().unwrap().to_owned();
    let (status, body) = upload(&c, "id_front", &request, b"not an image".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_image")));
    let image = png(1280, 720);
    let (status, still) = upload(&c, "id_front", &request, image.clone()).await;
    assert_eq!(status, 201, "{still}");
    assert_eq!((still["width"].as_u64(), still["height"].as_u64()), (Some(1280), Some(720)));
    use sha2::Digest;
    assert_eq!(still["sha256"].as_str(), Some(hex::encode(sha2::Sha256::digest(&image)).as_str()));
    assert_eq!(agent.expect("still").await["still"]["id"], still["id"]);
    let (status, _) = upload(&c, "id_front", &request, image).await;
    assert_eq!(status, 409, "a request is answered once");
    let bytes = reqwest::Client::new()
        .get(format!("http://{}/api/v1/sessions/{}/stills/{}", c.addr, c.session, still["id"].as_str().unwrap()))
        .header("cookie", format!("vkyc_staff={}", c.agent.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(bytes.status().as_u16(), 200);
    assert_eq!(bytes.headers()["content-type"], "image/png");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prompts_and_read_aloud_digits_reach_the_customer_and_count_in_the_checklist() {
    let c = call().await;
    c.env.consent(&c.session, &c.token).await;
    let mut customer = join(&c, "customer").await;
    customer.expect("joined").await;
    let mut agent = join(&c, "agent").await;
    agent.expect("joined").await;
    agent.send(json!({"type": "prompt", "kind": "show_id_back"})).await;
    assert_eq!(customer.expect("prompt").await["kind"], "show_id_back");
    customer.send(json!({"type": "prompt", "kind": "show_id_back"})).await;
    assert_eq!(customer.expect("error").await["code"], "forbidden", "the customer cannot drive the call");
    agent.send(json!({"type": "start_read_aloud"})).await;
    let drawn = agent.expect("read_aloud").await["read_aloud"].clone();
    let shown = customer.expect("prompt").await;
    assert_eq!((shown["kind"].as_str(), &shown["digits"]), (Some("read_digits"), &drawn["digits"]));
    agent.send(json!({"type": "read_aloud_result", "id": drawn["id"], "passed": true})).await;
    customer.expect("prompt_clear").await;
    let list = c.env.call("GET", &format!("/api/v1/sessions/{}/checklist", c.session), &c.agent.as_(), None).await;
    let item = |id: &str| list.body["items"].as_array().unwrap().iter().find(|i| i["id"] == id).cloned();
    assert_eq!(item("consent").unwrap()["state"], "satisfied");
    assert_eq!(list.body["profile"], "basic");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approval_is_refused_with_its_blockers_a_rejection_is_recorded_once_and_ends_the_wrap_up() {
    let c = call().await;
    c.env.consent(&c.session, &c.token).await;
    let path = format!("/api/v1/sessions/{}/decision", c.session);
    let r = c.env.call("POST", &path, &c.agent.as_(), Some(json!({"outcome": "approved"}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "approval_blocked"), "{}", r.text);
    let blockers: Vec<String> = r.body["blockers"].as_array().unwrap().iter().map(|b| b["code"].as_str().unwrap().to_owned()).collect();
    assert!(blockers.contains(&"recording_unhealthy".to_owned()) && blockers.contains(&"check_open".to_owned()), "{blockers:?}");
    let r = c.env.call("POST", &path, &c.agent.as_(), Some(json!({"outcome": "rejected"}))).await;
    assert_eq!(r.code(), "reason_required");
    let r = c.env.call("POST", &path, &c.agent.as_(), Some(json!({"outcome": "rejected", "reasons": ["because"]}))).await;
    assert_eq!(r.code(), "unknown_reason");
    let r = c.env.call("POST", &path, &c.agent.as_(), Some(json!({"outcome": "rejected", "reasons": ["document_invalid"], "note": "expired passport"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!((r.body["status"].as_str(), r.body["evidence"]["profile"]["id"].as_str()), (Some("final"), Some("basic")));
    // Decided: the session is no longer the agent's (their wrap-up ended with the decision).
    let again = c.env.call("POST", &path, &c.agent.as_(), Some(json!({"outcome": "rejected", "reasons": ["document_invalid"]}))).await;
    assert_eq!(again.code(), "forbidden");
    let s = c.env.call("GET", &format!("/api/v1/sessions/{}", c.session), &As::Bearer(c.key.clone()), None).await;
    assert_eq!((s.body["status"].as_str(), s.body["end_reason"].as_str()), (Some("ended"), Some("decided")));
    let roster = c.env.call("GET", "/api/v1/agents", &As::Bearer(c.key.clone()), None).await;
    let anna = roster.body.as_array().unwrap().iter().find(|a| a["id"] == "anna").unwrap();
    assert_eq!(anna["presence"]["state"].as_str(), Some("available"), "the decision ended the wrap-up: {}", roster.text);
    let me = c.env.call("PUT", "/api/v1/me/presence", &c.agent.as_(), Some(json!({"state": "away"}))).await;
    assert_eq!(me.status, StatusCode::OK, "the agent is free again: {}", me.text);
    let audit: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'decision_recorded'").fetch_one(&c.env.state.db).await.unwrap();
    assert_eq!(audit.0, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_needs_a_fresh_second_factor() {
    let c = call().await;
    c.env.clock.advance(chrono::TimeDelta::minutes(10));
    let path = format!("/api/v1/sessions/{}/decision", c.session);
    let body = json!({"outcome": "rejected", "reasons": ["document_invalid"]});
    assert_eq!(c.env.call("POST", &path, &c.agent.as_(), Some(body.clone())).await.code(), "reauth_required");
    let code = c.env.next_code("anna").await;
    c.env.call("POST", "/api/v1/auth/reauth", &c.agent.as_(), Some(json!({"code": code}))).await;
    assert_eq!(c.env.call("POST", &path, &c.agent.as_(), Some(body)).await.status, StatusCode::CREATED);
}
