//! Whole-server tests with the Rust WebRTC client: media through the SFU, refusals,
//! protocol errors, reconnection.

use serde_json::json;
use std::time::Duration;
use tests::app::{Dialect, TestApp};
use tests::client::{CallClient, Credential, Signal};

async fn a_call_forwards_video_and_audio_both_ways(dialect: Dialect) {
    let Some(app) = TestApp::spawn(dialect).await else { return };
    let s = app.session().await;
    let mut customer = CallClient::join(&app.ws_url(), &app.customer(&s).await).await.expect("customer joins");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("agent joins");
    assert!(customer.connected(10).await, "customer media connects");
    assert!(agent.connected(10).await, "agent media connects");
    assert!(agent.wait_frames(60, 10).await.is_some(), "agent receives customer video");
    assert!(customer.wait_frames(60, 10).await.is_some(), "customer receives agent video");
    assert!(agent.received.audio() > 10 && customer.received.audio() > 10, "audio both ways");
    let m = &app.server.state.metrics;
    assert!(m.rtp_packets_forwarded.video.get() > 100, "the SFU forwarded the video");
    assert!(m.rtp_packets_forwarded.audio.get() > 20, "the SFU forwarded the audio");
    let (_, session) = app.get(&format!("/api/v1/sessions/{s}")).await;
    assert_eq!(session["status"], "active");

    agent.send(json!({"type": "hangup"}));
    assert!(customer.message("ended", 5).await.is_some(), "hang-up reaches the customer");
    let (_, session) = app.get(&format!("/api/v1/sessions/{s}")).await;
    assert_eq!(session["status"], "ended");
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_forwards_video_and_audio_both_ways_on_sqlite() {
    a_call_forwards_video_and_audio_both_ways(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_forwards_video_and_audio_both_ways_on_postgres() {
    a_call_forwards_video_and_audio_both_ways(Dialect::Postgres).await;
}

#[tokio::test]
async fn wrong_and_expired_tokens_are_refused_before_any_media() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let mut ws = Signal::connect(&app.ws_url()).await;
    let reply = ws.join(&Credential::Customer("not-a-token".into())).await;
    assert_eq!(reply["code"], "invalid_token");
    let expiring = Credential::Customer(app.customer_link(&s, 1).await);
    app.server.state.clock.advance(chrono::TimeDelta::milliseconds(1100));
    let reply = ws.join(&expiring).await;
    assert_eq!(reply["code"], "token_expired");
    // Nothing about media was offered: an offer on this socket is refused.
    ws.send(json!({"type": "offer", "sdp": "v=0"})).await;
    assert_eq!(ws.recv(5).await.expect("reply")["code"], "not_joined");
    assert_eq!(app.server.state.metrics.peer_connections.get(), 0);
}

#[tokio::test]
async fn a_socket_is_closed_after_three_refused_joins() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let mut ws = Signal::connect(&app.ws_url()).await;
    for _ in 0..3 {
        assert_eq!(ws.join(&Credential::Customer("guess".into())).await["code"], "invalid_token");
    }
    assert!(ws.recv(3).await.is_none(), "socket closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_sessions_token_gets_none_of_this_sessions_media() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let a = app.session().await;
    let b = app.session().await;
    let mut customer = CallClient::join(&app.ws_url(), &app.customer(&a).await).await.expect("join");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&a).await).await.expect("join");
    let mut outsider = CallClient::join(&app.ws_url(), &app.agent_for(&b).await).await.expect("join");
    assert_eq!(outsider.joined["session_id"], b.as_str());
    assert!(customer.connected(10).await && agent.connected(10).await && outsider.connected(10).await);
    assert!(agent.wait_frames(30, 10).await.is_some());
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(outsider.received.frames(), 0, "nothing of session A reaches session B");
    assert_eq!(outsider.received.audio(), 0);
    for c in [customer, agent, outsider] {
        c.leave().await;
    }
}

#[tokio::test]
async fn a_customer_token_joins_only_as_customer_and_a_third_participant_is_refused() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let mut first = Signal::connect(&app.ws_url()).await;
    let joined = first.join(&app.customer(&s).await).await;
    assert_eq!(joined["type"], "joined");
    assert_eq!(joined["role"], "customer", "the role comes from the link, not the client");
    // A second customer link while the customer is connected: a third party in a 1:1 call.
    let mut third = Signal::connect(&app.ws_url()).await;
    assert_eq!(third.join(&app.customer(&s).await).await["code"], "role_taken");
    // The join message has no role field to ask for another role.
    let mut sneaky = Signal::connect(&app.ws_url()).await;
    sneaky.send(json!({"type": "join", "token": "x", "protocol": 1, "role": "agent"})).await;
    assert_eq!(sneaky.recv(5).await.expect("reply")["code"], "malformed_message");
}

#[tokio::test]
async fn malformed_messages_are_answered_with_errors_and_the_socket_survives() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let agent = app.agent_for(&s).await;
    // The agent's socket carries its staff sign-in; it joins after a run of bad messages.
    let mut ws = Signal::connect_as(&app.ws_url(), &agent).await;
    for (text, code) in [
        ("not json", "malformed_message"),
        (r#"{"type":"dance"}"#, "malformed_message"),
        (r#"{"type":"offer"}"#, "malformed_message"),
        (r#"{"type":"offer","sdp":"v=0"}"#, "not_joined"),
        (r#"{"type":"join","token":"t","protocol":99}"#, "unsupported_protocol"),
    ] {
        ws.send_text(text).await;
        assert_eq!(ws.recv(5).await.expect("reply")["code"], code, "for {text}");
    }
    ws.send_text(&format!(r#"{{"type":"offer","sdp":"{}"}}"#, "a".repeat(100_000))).await;
    assert_eq!(ws.recv(5).await.expect("reply")["code"], "message_too_large");
    assert_eq!(ws.join(&agent).await["type"], "joined", "still usable");
    ws.send(json!({"type": "offer", "sdp": "this is not sdp"})).await;
    assert_eq!(ws.recv(5).await.expect("reply")["code"], "bad_offer");
    ws.send(json!({"type": "join", "token": "x", "protocol": 1})).await;
    assert_eq!(ws.recv(5).await.expect("reply")["code"], "already_joined");
    ws.send(json!({"type": "ping", "id": 7})).await;
    assert_eq!(ws.recv(5).await.expect("reply"), json!({"type": "pong", "id": 7}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn media_flows_again_within_five_seconds_after_a_dropped_connection_rejoins() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let customer_token = app.customer(&s).await;
    let mut customer = CallClient::join(&app.ws_url(), &customer_token).await.expect("join");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    assert!(agent.wait_frames(30, 10).await.is_some());

    customer.drop_abruptly().await;
    let before = agent.received.frames();
    let t0 = std::time::Instant::now();
    let mut customer = CallClient::join(&app.ws_url(), &customer_token).await.expect("rejoin with the same link");
    assert!(customer.connected(5).await, "rejoined media connects");
    assert!(agent.wait_frames(before + 30, 5).await.is_some(), "customer video reaches the agent again");
    assert!(customer.wait_frames(30, 5).await.is_some(), "agent video reaches the rejoined customer");
    let recovered = t0.elapsed();
    println!("media recovered {recovered:?} after the rejoin started");
    assert!(recovered < Duration::from_secs(5));
    customer.leave().await;
    agent.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ice_restart_is_answered_with_fresh_credentials_and_media_keeps_flowing() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let (_session, customer, agent) = app.connected_call().await;
    assert!(agent.wait_frames(30, 10).await.is_some());
    let server_ufrag = customer.remote_ufrag().await.expect("answer applied");

    customer.restart_ice().await.expect("restart offer");
    let mut renewed = false;
    for _ in 0..50 {
        if customer.remote_ufrag().await.is_some_and(|u| u != server_ufrag) {
            renewed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(renewed, "the server answered the restart with new ICE credentials");
    let before = agent.received.frames();
    assert!(agent.wait_frames(before + 60, 5).await.is_some(), "video keeps flowing after the restart");
    customer.leave().await;
    agent.leave().await;
}

/// Counts what the SFU hands to its media tap, per publisher and medium.
#[derive(Default)]
struct CountingTap {
    counts: std::sync::Mutex<std::collections::HashMap<(String, &'static str), u64>>,
    starts: std::sync::atomic::AtomicU64,
}

impl signaling::sfu::MediaTap for CountingTap {
    fn rtp(&self, publisher: domain::Party, kind: signaling::sfu::MediaKind, packet: &[u8], _at: std::time::SystemTime) {
        assert!(packet.len() > 12 && packet[0] >> 6 == 2, "a whole RTP packet (version 2)");
        *self.counts.lock().expect("lock").entry((publisher.as_ref().to_owned(), <&'static str>::from(kind))).or_default() += 1;
    }
    fn publisher_started(&self, _publisher: domain::Party, _kind: signaling::sfu::MediaKind) {
        self.starts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_media_tap_sees_every_published_stream_of_both_parties() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let tap = std::sync::Arc::new(CountingTap::default());
    app.server.state.calls.get_or_create(&s).media.add_tap(tap.clone());
    let mut customer = CallClient::join(&app.ws_url(), &app.customer(&s).await).await.expect("join");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    assert!(agent.wait_frames(30, 10).await.is_some() && customer.wait_frames(30, 10).await.is_some());
    {
        let counts = tap.counts.lock().expect("lock");
        for who in ["customer", "agent"] {
            for kind in ["audio", "video"] {
                assert!(counts.get(&(who.to_owned(), kind)).copied().unwrap_or(0) > 10, "{who} {kind} tapped: {counts:?}");
            }
        }
    }
    assert_eq!(tap.starts.load(std::sync::atomic::Ordering::Relaxed), 4);
    customer.leave().await;
    agent.leave().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscribers_picture_loss_indication_is_relayed_to_the_publisher() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let (_session, customer, agent) = app.connected_call().await;
    assert!(agent.wait_frames(30, 10).await.is_some());
    tokio::time::sleep(Duration::from_millis(500)).await;
    let relayed = &app.server.state.metrics.keyframe_requests;
    let before = relayed.get();
    for _ in 0..3 {
        agent.request_keyframe().await.expect("PLI sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(relayed.get() >= before + 3, "3 PLIs relayed to the customer (counter {before} -> {})", relayed.get());
    customer.leave().await;
    agent.leave().await;
}
