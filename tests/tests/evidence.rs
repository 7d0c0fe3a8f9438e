//! A whole recorded identification seen by a supervisor and an auditor: nothing readable at
//! rest after a call with stills and an ID photo; the timeline puts the files and the events on
//! one axis; playback decrypts; the evidence package (recordings included) verifies offline
//! and names a tampered recording; and the same with recordings in an S3 bucket (moto), checked
//! with `signaling evidence verify` and the published key (a flipped byte, a foreign key fail).

use serde_json::{Value, json};
use sha2::Digest;
use std::path::Path;
use std::time::Duration;
use tests::app::{Dialect, TestApp, test_config};
use tests::client::{CallClient, Credential};

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

async fn wait_for_recording(app: &TestApp, session: &str) {
    for _ in 0..100 {
        let (_, v) = app.get(&format!("/api/v1/sessions/{session}/recording")).await;
        if v["state"] == "recording" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the recording did not start");
}

/// A camera-like JPEG made by FFmpeg.
fn jpeg(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let ok = std::process::Command::new("ffmpeg")
        .args(["-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=1", "-frames:v", "1"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs")
        .success();
    assert!(ok);
    std::fs::read(path).expect("jpeg")
}

/// A recorded call of a few seconds with a face still and an ID photo; returns the session,
/// the customer's token, the agent's cookie and the still's bytes.
async fn recorded_call(app: &TestApp, dir: &Path) -> (String, String, String, Vec<u8>) {
    let s = app.session().await;
    let photo = jpeg(dir, "id.jpg");
    let r = app.http.put(format!("{}/api/v1/sessions/{s}/reference-photo", app.base)).bearer_auth(&app.key).header("content-type", "image/jpeg").body(photo).send().await.expect("photo");
    assert_eq!(r.status().as_u16(), 204);
    let token = app.customer_link(&s, 3600).await;
    app.consent(&s, &token).await;
    let mut customer = CallClient::join(&app.ws_url(), &Credential::Customer(token.clone())).await.expect("join");
    let agent_cred = app.agent_for(&s).await;
    let Credential::Agent { cookie, .. } = &agent_cred else { unreachable!() };
    let cookie = cookie.clone();
    let mut agent = CallClient::join(&app.ws_url(), &agent_cred).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    // The still is taken while the call is being recorded (as an agent does once the picture
    // is there), so it sits on the recording's timeline.
    wait_for_recording(app, &s).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    // The server's clock is a test's manual one; the recorder stamps files with the wall
    // clock. Brought level here, as they are in production (both the wall clock).
    app.server.state.clock.set(chrono::Utc::now());
    agent.send(json!({"type": "capture", "kind": "face"}));
    let ask = customer.message("capture", 10).await.expect("the customer is asked for a still");
    let still = jpeg(dir, "face.jpg");
    let up = app
        .http
        .post(format!("{}/api/v1/sessions/{s}/stills?kind=face&request_id={}", app.base, ask["request_id"].as_str().expect("id")))
        .bearer_auth(&token)
        .header("content-type", "image/jpeg")
        .body(still.clone())
        .send()
        .await
        .expect("upload");
    assert_eq!(up.status().as_u16(), 201);
    tokio::time::sleep(Duration::from_secs(5)).await;
    agent.send(json!({"type": "hangup"}));
    closed_recording(app, &s).await;
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
    (s, token, cookie, still)
}

fn files(manifest: &Value) -> Vec<Value> {
    manifest["segments"].as_array().expect("segments").iter().flat_map(|s| s["files"].as_array().cloned().unwrap_or_default()).collect()
}

/// Byte strings that must appear in no file at rest: headers and samples of the plaintext.
fn needles(plain: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![plain[..16].to_vec()];
    for i in 1..=24 {
        let at = plain.len() * i / 26;
        out.push(plain[at..at + 32].to_vec());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_recorded_call_with_stills_nothing_at_rest_is_readable_and_the_package_verifies_with_its_recordings() {
    let app = TestApp::spawn(Dialect::Sqlite).await.expect("app");
    let scratch = tempfile::tempdir().expect("tempdir");
    let (s, _, agent_cookie, still) = recorded_call(&app, scratch.path()).await;
    let (status, d) = app.staff_call(&agent_cookie, reqwest::Method::POST, &format!("/api/v1/sessions/{s}/decision"), Some(json!({"outcome": "rejected", "reasons": ["document_invalid"]}))).await;
    assert_eq!(status, 201, "{d}");
    let manifest = closed_recording(&app, &s).await;
    // At rest: the recordings, the stills and the ID photo are encrypted. Nothing under the
    // storage root or in the database holds a WebM or JPEG header or a sample of frame bytes.
    let mut forbidden: Vec<(String, Vec<u8>)> = vec![("the still".into(), still[..16].to_vec()), ("a WebM DocType".into(), b"\x42\x82\x84webm".to_vec())];
    for f in files(&manifest) {
        let plain = scratch.path().join(f["path"].as_str().expect("path").replace('/', "_"));
        tests::at_rest::decrypt(&app.server.state, &s, &f, &plain).await.expect("decrypts");
        for n in needles(&std::fs::read(&plain).expect("plain")) {
            forbidden.push((format!("plaintext of {}", f["path"]), n));
        }
    }
    let config_dir = app.server.state.config.recording.dir.parent().expect("dir").to_path_buf();
    let mut scanned = 0;
    for file in tests::at_rest::files_under(&config_dir) {
        let bytes = std::fs::read(&file).expect("read");
        scanned += bytes.len();
        for (what, needle) in &forbidden {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_slice()), "{} holds {what}", file.display());
        }
    }
    println!("scanned {scanned} bytes at rest for {} plaintext samples", forbidden.len());

    // The timeline: the four files on one axis, and the call's events under them.
    let (_, supervisor) = app.staff(domain::StaffRole::Supervisor).await;
    let (status, t) = app.staff_call(&supervisor, reqwest::Method::GET, &format!("/api/v1/sessions/{s}/timeline"), None).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(t["files"].as_array().expect("files").len(), 4);
    let kinds: Vec<&str> = t["events"].as_array().expect("events").iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"still") && kinds.contains(&"action"), "{kinds:?}");
    let still_at = t["events"].as_array().expect("events").iter().find(|e| e["kind"] == "still").expect("still")["offset_ms"].as_i64().expect("offset");
    assert!((0..30_000).contains(&still_at), "the still sits inside the recording: {still_at} ms");

    // Playback decrypts on the fly: the whole file served equals the WebM the manifest hashes.
    let (_, playback) = app.staff_call(&supervisor, reqwest::Method::POST, &format!("/api/v1/sessions/{s}/recording/playback"), None).await;
    let first = &playback["files"][0];
    let served = app.http.get(format!("{}{}", app.base, first["url"].as_str().expect("url"))).header("cookie", format!("vkyc_staff={supervisor}")).send().await.expect("get");
    assert_eq!(served.status().as_u16(), 200);
    let body = served.bytes().await.expect("body");
    let listed = files(&manifest).into_iter().find(|f| f["path"] == first["path"]).expect("listed");
    assert_eq!(Some(hex::encode(sha2::Sha256::digest(&body)).as_str()), listed["encryption"]["plaintext_sha256"].as_str());

    // The evidence package, recordings included, verifies offline.
    let r = app.http.post(format!("{}/api/v1/sessions/{s}/evidence-package", app.base)).header("cookie", format!("vkyc_staff={supervisor}")).header("origin", tests::client::ORIGIN).send().await.expect("export");
    assert_eq!(r.status().as_u16(), 200);
    let package = scratch.path().join("package.tar");
    std::fs::write(&package, r.bytes().await.expect("tar")).expect("write");
    let ours = app.server.state.signer.verifying_key();
    let ok = signaling::evidence_package::verify::verify(&package, Some(&ours)).expect("verifies");
    assert!(ok.files >= 30, "{ok:?}");
    let out = scratch.path().join("x");
    std::fs::create_dir_all(&out).expect("dir");
    assert!(std::process::Command::new("tar").arg("xf").arg(&package).arg("-C").arg(&out).status().expect("tar").success());
    let root = out.join(format!("evidence-{s}"));
    let video = root.join("recording/seg-0000/customer-video.webm");
    let (secs, codec) = tests::probe::probe(&video);
    assert_eq!(codec, "vp8");
    assert!(secs > 4.0, "the packaged recording plays: {secs} s");
    let still_files: Vec<_> = std::fs::read_dir(root.join("stills")).expect("stills").flatten().collect();
    assert_eq!(still_files.iter().filter(|e| !e.file_name().to_string_lossy().ends_with(".sig")).count(), 1);
    // A byte flipped in a recording inside the package names that recording.
    let mut bytes = std::fs::read(&video).expect("read");
    let at = bytes.len() / 3;
    bytes[at] ^= 0x80;
    std::fs::write(&video, bytes).expect("write");
    let tampered = scratch.path().join("tampered.tar");
    assert!(std::process::Command::new("tar").arg("cf").arg(&tampered).arg("-C").arg(&out).arg(format!("evidence-{s}")).status().expect("tar").success());
    let err = signaling::evidence_package::verify::verify(&tampered, Some(&ours)).expect_err("tampered");
    assert_eq!(err.file, "recording/seg-0000/customer-video.webm", "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_recordings_in_an_s3_bucket_a_call_is_uploaded_encrypted_plays_back_and_its_package_passes_the_verify_command_until_a_byte_flips() {
    let moto = tests::s3::Moto::start();
    moto.bucket("vkyc");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = test_config(dir.path());
    config.recording.storage = signaling::config::RecordingStorage::S3;
    config.recording.s3 = signaling::config::S3Section {
        bucket: "vkyc".into(),
        region: "us-east-1".into(),
        endpoint: Some(moto.endpoint()),
        access_key_id: "test".into(),
        secret_access_key: signaling::config::Secret("test".into()),
        allow_http: true,
        prefix: "tests".into(),
    };
    let app = TestApp::spawn_with(config, dir).await;
    let scratch = tempfile::tempdir().expect("tempdir");
    let (s, _, _, _) = recorded_call(&app, scratch.path()).await;
    let manifest = closed_recording(&app, &s).await;
    let local = tests::at_rest::files_under(&app.server.state.config.recording.dir.join(&s));
    assert!(local.iter().all(|p| !p.to_string_lossy().ends_with(".webm")), "finished files leave local disk: {local:?}");
    assert_eq!(moto.objects("vkyc", &format!("tests/{s}/")), 5, "four files and the manifest are in the bucket");
    let (_, supervisor) = app.staff(domain::StaffRole::Supervisor).await;
    let (_, playback) = app.staff_call(&supervisor, reqwest::Method::POST, &format!("/api/v1/sessions/{s}/recording/playback"), None).await;
    for f in playback["files"].as_array().expect("files") {
        let ranged = app.http.get(format!("{}{}", app.base, f["url"].as_str().expect("url"))).header("cookie", format!("vkyc_staff={supervisor}")).header("range", "bytes=0-").send().await.expect("get");
        assert_eq!(ranged.status().as_u16(), 206);
        let body = ranged.bytes().await.expect("body");
        let listed = files(&manifest).into_iter().find(|x| x["path"] == f["path"]).expect("listed");
        assert_eq!(Some(hex::encode(sha2::Sha256::digest(&body)).as_str()), listed["encryption"]["plaintext_sha256"].as_str(), "{} from the bucket", f["path"]);
    }

    // The evidence package of the bucket's recording, checked the way an outsider would: the
    // deployment's published public key and the `signaling evidence verify` command.
    let r = app.http.post(format!("{}/api/v1/sessions/{s}/evidence-package", app.base)).header("cookie", format!("vkyc_staff={supervisor}")).header("origin", tests::client::ORIGIN).send().await.expect("export");
    assert_eq!(r.status().as_u16(), 200);
    let package = scratch.path().join("package.tar");
    std::fs::write(&package, r.bytes().await.expect("tar")).expect("write");
    let pem = app.http.get(format!("{}/api/v1/signing-key?format=pem", app.base)).send().await.expect("key").text().await.expect("pem");
    let key = scratch.path().join("deployment.pem");
    std::fs::write(&key, pem).expect("write");
    let (ok, out) = verify_cli(&package, &key);
    assert!(ok, "the package verifies: {out}");
    // A byte flipped in the recording the bucket held: the command fails and names the file.
    let out_dir = scratch.path().join("x");
    std::fs::create_dir_all(&out_dir).expect("dir");
    assert!(std::process::Command::new("tar").arg("xf").arg(&package).arg("-C").arg(&out_dir).status().expect("tar").success());
    let video = out_dir.join(format!("evidence-{s}/recording/seg-0000/agent-video.webm"));
    let mut bytes = std::fs::read(&video).expect("read");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&video, bytes).expect("write");
    let tampered = scratch.path().join("tampered.tar");
    assert!(std::process::Command::new("tar").arg("cf").arg(&tampered).arg("-C").arg(&out_dir).arg(format!("evidence-{s}")).status().expect("tar").success());
    let (ok, out) = verify_cli(&tampered, &key);
    assert!(!ok && out.contains("recording/seg-0000/agent-video.webm"), "the tampered recording is named: {out}");
    // Another deployment's key refuses the untouched package.
    let foreign = scratch.path().join("foreign.pem");
    std::fs::write(&foreign, signaling::signing::Signer::random().public_pem()).expect("write");
    let (ok, out) = verify_cli(&package, &foreign);
    assert!(!ok, "another deployment's key: {out}");
}

/// `target/debug/signaling evidence verify PACKAGE --public-key KEY`: (success, stdout+stderr).
fn verify_cli(package: &Path, key: &Path) -> (bool, String) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/signaling");
    assert!(bin.exists(), "{} is missing: run `cargo build -p signaling` first (make test does)", bin.display());
    let out = std::process::Command::new(bin).args(["evidence", "verify"]).arg(package).arg("--public-key").arg(key).output().expect("runs");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}
