//! Every call is recorded: both parties, audio and video, one logical recording per session,
//! closed and hashed when the call ends, repaired after a crash, failing loudly (not the call)
//! when the disk is full, played back with byte ranges to authorised clients only.

use serde_json::{Value, json};
use sha2::Digest;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tests::app::{Dialect, TestApp};
use tests::client::CallClient;
use tests::probe::{decodes_cleanly, probe};

async fn closed_recording(app: &TestApp, session: &str) -> Value {
    for _ in 0..100 {
        let (_, v) = app.get(&format!("/api/v1/sessions/{session}/recording")).await;
        if v["state"] == "closed" {
            return v["manifest"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the recording did not close");
}

fn files(manifest: &Value) -> Vec<Value> {
    manifest["segments"].as_array().expect("segments").iter().flat_map(|s| s["files"].as_array().cloned().unwrap_or_default()).collect()
}

fn dir(app: &TestApp) -> PathBuf {
    app.server.state.config.recording.dir.clone()
}

fn sha256(path: &Path) -> String {
    hex::encode(sha2::Sha256::digest(std::fs::read(path).expect("read file")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_twenty_second_call_is_recorded_with_both_parties_audio_and_video() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let mut customer = CallClient::join(&app.ws_url(), &app.customer(&s).await).await.expect("join");
    assert!(customer.connected(10).await);
    let customer_at = Instant::now();
    let customer_wall = std::time::SystemTime::now();
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
    assert!(agent.connected(10).await);
    let agent_at = Instant::now();
    let agent_wall = std::time::SystemTime::now();
    tokio::time::sleep(Duration::from_secs(20)).await;
    let (_, live) = app.get(&format!("/api/v1/sessions/{s}/recording")).await;
    assert_eq!(live["state"], "recording");
    agent.send(json!({"type": "hangup"}));
    let hung_up = Instant::now();
    let manifest = closed_recording(&app, &s).await;
    println!("hang-up to closed, hashed recording: {:?}", hung_up.elapsed());
    assert_eq!(manifest["status"]["state"], "complete");
    let files = files(&manifest);
    assert_eq!(files.len(), 4, "customer and agent, audio and video: {files:?}");
    let start = |who: &str, medium: &str| {
        let f = files.iter().find(|f| f["participant"] == who && f["medium"] == medium).expect("file");
        f["start_wallclock_ms"].as_u64().expect("start")
    };
    // What the SFU received per track (arrival times at the tap): packets, coverage, gaps.
    let health = |who: &str, medium: &str| {
        manifest["health"]["tracks"].as_array().into_iter().flatten().find(|t| t["participant"] == who && t["medium"] == medium).cloned().unwrap_or_default()
    };
    for f in &files {
        let path = dir(&app).join(&s).join(f["path"].as_str().expect("path"));
        let (seconds, codec) = probe(&path);
        let expected = if f["participant"] == "customer" { hung_up - customer_at } else { hung_up - agent_at }.as_secs_f64();
        let h = health(f["participant"].as_str().unwrap_or_default(), f["medium"].as_str().unwrap_or_default());
        let connected = if f["participant"] == "customer" { customer_wall } else { agent_wall };
        let connected_ms = connected.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default();
        println!(
            "{} {}: {seconds:.2} s ({codec}), in call {expected:.2} s; first packet {} ms after the client saw the connection; received {} packets, media {} ms, gaps {}",
            f["participant"], f["medium"], f["start_wallclock_ms"].as_i64().unwrap_or_default() - connected_ms, h["packets"], h["media_ms"], h["gaps"]
        );
        assert_eq!(codec, if f["medium"] == "audio" { "opus" } else { "vp8" });
        assert!((seconds - expected).abs() <= 0.5, "{} {} lasts {seconds:.2} s, the call {expected:.2} s", f["participant"], f["medium"]);
        assert!(decodes_cleanly(&path), "{} decodes without errors", path.display());
        assert_eq!(f["sha256"].as_str(), Some(sha256(&path).as_str()), "manifest hash matches the file");
    }
    // The manifest's wall-clock mapping puts the agent where they really joined.
    let measured = (agent_at - customer_at).as_millis() as i64;
    let recorded = start("agent", "audio") as i64 - start("customer", "audio") as i64;
    assert!((recorded - measured).abs() <= 100, "agent joined {measured} ms after the customer; manifest says {recorded} ms");
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_and_reestablished_connection_gives_one_recording_with_two_segments() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let s = app.session().await;
    let token = app.customer(&s).await;
    let mut customer = CallClient::join(&app.ws_url(), &token).await.expect("join");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    tokio::time::sleep(Duration::from_secs(3)).await;
    customer.drop_abruptly().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut customer = CallClient::join(&app.ws_url(), &token).await.expect("rejoin");
    assert!(customer.connected(10).await);
    tokio::time::sleep(Duration::from_secs(3)).await;
    agent.send(json!({"type": "hangup"}));
    let manifest = closed_recording(&app, &s).await;
    let segments = manifest["segments"].as_array().expect("segments");
    assert_eq!(segments.len(), 2, "one recording, two segments: {manifest}");
    assert_eq!(segments[1]["reason"], "customer_reconnected");
    let customer_gaps: Vec<u64> = manifest["health"]["tracks"]
        .as_array()
        .expect("tracks")
        .iter()
        .filter(|t| t["participant"] == "customer")
        .flat_map(|t| t["gaps"].as_array().cloned().unwrap_or_default())
        .filter_map(|g| g["duration_ms"].as_u64())
        .collect();
    assert!(customer_gaps.iter().any(|&g| g >= 1000), "the customer's gap is marked: {customer_gaps:?}");
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recordings_are_served_with_byte_ranges_to_authorised_clients_only() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let mut paths = Vec::new();
    let mut sessions = Vec::new();
    for _ in 0..2 {
        let s = app.session().await;
        let mut c = CallClient::join(&app.ws_url(), &app.customer(&s).await).await.expect("join");
        let mut a = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
        assert!(c.connected(10).await && a.connected(10).await);
        tokio::time::sleep(Duration::from_secs(3)).await;
        a.send(json!({"type": "hangup"}));
        closed_recording(&app, &s).await;
        c.drop_abruptly().await;
        a.drop_abruptly().await;
        sessions.push(s);
    }
    let (_, supervisor) = app.staff(domain::StaffRole::Supervisor).await;
    let (_, colleague) = app.staff(domain::StaffRole::Supervisor).await;
    let (status, playback) = app.staff_call(&supervisor, reqwest::Method::POST, &format!("/api/v1/sessions/{}/recording/playback", sessions[0]), None).await;
    assert_eq!(status, 200, "{playback}");
    let url = playback["files"][0]["url"].as_str().expect("url").to_owned();
    paths.push(url.clone());
    let http = reqwest::Client::new();
    let as_staff = |cookie: &str, url: &str| http.get(format!("{}{url}", app.base)).header("cookie", format!("vkyc_staff={cookie}"));
    let ranged = as_staff(&supervisor, &url).header("range", "bytes=100-199").send().await.expect("get");
    assert_eq!(ranged.status().as_u16(), 206);
    assert_eq!(ranged.headers()["content-range"].to_str().ok().map(|v| v.starts_with("bytes 100-199/")), Some(true));
    assert_eq!(ranged.bytes().await.expect("body").len(), 100);

    let anonymous = http.get(format!("{}{url}", app.base)).send().await.expect("get");
    assert_eq!(anonymous.status().as_u16(), 401, "no sign-in, no playback");
    let borrowed = as_staff(&colleague, &url).send().await.expect("get");
    assert_eq!(borrowed.status().as_u16(), 401, "a playback token works only for the person it was issued to");
    // The first session's playback token does not open the second session's recording.
    let token = url.split("?t=").nth(1).expect("token");
    let (_, other) = app.staff_call(&supervisor, reqwest::Method::POST, &format!("/api/v1/sessions/{}/recording/playback", sessions[1]), None).await;
    let other_path = other["files"][0]["url"].as_str().expect("url").split('?').next().expect("path").to_owned();
    let crossed = as_staff(&supervisor, &format!("{other_path}?t={token}")).send().await.expect("get");
    assert_eq!(crossed.status().as_u16(), 401, "another session's token is refused");
    let outside = as_staff(&supervisor, &format!("/recordings/{}/seg-0000/..%2F..%2Fetc%2Fpasswd?t={token}", sessions[0])).send().await.expect("get");
    assert_eq!(outside.status().as_u16(), 404, "only files listed in the manifest are served");
}

/// A tmpfs of `kib` KiB, unmounted on drop. Recording into it fills it within seconds.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount(kib: u32) -> SmallDisk {
        let dir = tempfile::tempdir().expect("tempdir");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "mounting a tmpfs needs root (CI runs as root)");
        SmallDisk(dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(self.0.path()).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_the_recording_with_a_reason_and_the_call_goes_on() {
    let disk = SmallDisk::mount(400);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = signaling::config::Config { database_url: format!("sqlite://{}/full.db?mode=rwc", dir.path().display()), ..Default::default() };
    config.recording.dir = disk.0.path().to_path_buf();
    let app = TestApp::spawn_with(config, dir).await;
    let (s, customer, mut agent) = app.connected_call().await;
    let status = agent.message("recording_status", 30).await.expect("the agent is told the recording failed");
    println!("agent told: {status}");
    assert_eq!(status["recording"], false);
    assert!(status["reason"].as_str().unwrap_or_default().contains("space"), "the reason names the full disk: {status}");
    assert!(app.server.state.metrics.recordings_failed.get() >= 1);
    let before = agent.received.frames();
    assert!(agent.wait_frames(before + 30, 5).await.is_some(), "the call keeps running");
    agent.send(json!({"type": "hangup"}));
    let manifest = closed_recording(&app, &s).await;
    assert_eq!(manifest["status"]["state"], "failed");
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_kill_9_fifteen_seconds_into_a_call_the_restarted_server_keeps_a_playable_interrupted_recording() {
    use tests::process::ServerProcess;
    let server = ServerProcess::start().await;
    let (s, ct, at) = server.new_call().await;
    let mut customer = CallClient::join(&server.ws_url(), &ct).await.expect("join");
    let mut agent = CallClient::join(&server.ws_url(), &at).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    tokio::time::sleep(Duration::from_secs(15)).await;

    let server = server.crash_and_restart().await;
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
    let view = server.get(&format!("/api/v1/sessions/{s}/recording")).await;
    assert_eq!(view["state"], "closed", "{view}");
    let manifest = &view["manifest"];
    assert_eq!(manifest["status"]["state"], "interrupted");
    let root = server.dir.path().join("recordings").join(&s);
    for f in files(manifest) {
        let path = root.join(f["path"].as_str().expect("path"));
        let (seconds, _) = probe(&path);
        println!("after the crash, {} {} plays {seconds:.2} s", f["participant"], f["medium"]);
        assert!(seconds >= 14.0, "{} {} plays only {seconds:.2} s", f["participant"], f["medium"]);
        assert!(decodes_cleanly(&path));
        assert_eq!(f["sha256"].as_str(), Some(sha256(&path).as_str()), "manifest hash matches the repaired file");
    }
}
