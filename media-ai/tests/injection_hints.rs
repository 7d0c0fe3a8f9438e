//! Injection hints through the sidecar protocol, on streams made like the call's: the source at
//! 30 fps (what Chromium's fake camera plays), encoded to VP8 and decoded again (the lossy path
//! through the browser and the server), every 4th frame sent as I420 (the server's ≈8 fps), with
//! capture timestamps that wobble like a camera's (σ 2 ms) unless a test says otherwise.
//!
//! - the challenge clip looped 3× (our own e2e fake camera) → `looped_clip` within 30 s;
//! - the clip played once → no hint at all (and the face match still works on VP8 frames);
//! - a still photo for 20 s → `still_image`;
//! - the same clip with timestamps exactly 1/30 s apart → only `regular_timing`.
//!
//! ffmpeg (the CLI) decodes and encodes at test time; nothing is committed but the clip.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use media_ai::calib::SplitMix64;
use media_ai::injection::{InjectionMonitor, MonitorConfig, Signature};
use media_ai::sidecar::protocol::{
    encode_frame, read_message, write_message, FORMAT_I420, KIND_FRAME, KIND_JSON, KIND_REFERENCE,
};
use media_ai::sidecar::{serve, ServerConfig};
use serde_json::{json, Value};

const W: usize = 640;
const H: usize = 480;
const FRAME_BYTES: usize = W * H * 3 / 2;
/// The clip: 151 frames at 15 fps.
const CLIP_MS: u64 = 151 * 1000 / 15;

/// A unique temporary file name for this test process.
fn temp(name: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    std::env::temp_dir().join(format!(
        "media-ai-inj-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

fn ffmpeg(args: &[&str]) {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .output()
        .expect("ffmpeg must be installed for this test");
    assert!(out.status.success(), "ffmpeg {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Encodes `input_args` (already at 640×480, 30 fps) to VP8 like a WebRTC sender (realtime,
/// ≈1 Mbit/s, no periodic key frames), then decodes every 4th frame to raw I420.
fn through_vp8(input_args: &[&str]) -> Vec<Vec<u8>> {
    let webm = temp("stream.webm");
    let mut args: Vec<&str> = input_args.to_vec();
    args.extend([
        "-an", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M",
        "-g", "3000", "-f", "webm",
    ]);
    let path = webm.to_string_lossy().to_string();
    args.push(&path);
    ffmpeg(&args);
    let mut child = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-i", &path])
        .args(["-vf", "select=not(mod(n\\,4))", "-fps_mode", "passthrough"])
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut frames = Vec::new();
    loop {
        let mut f = vec![0u8; FRAME_BYTES];
        if stdout.read_exact(&mut f).is_err() {
            break;
        }
        frames.push(f);
    }
    assert!(child.wait().unwrap().success());
    let _ = std::fs::remove_file(&webm);
    frames
}

fn clip() -> String {
    common::fixture("sequences/ibm_max_Bryan.mp4").to_string_lossy().to_string()
}

/// The clip played once, made once per test binary (two tests use it).
fn clip_once() -> &'static Vec<Vec<u8>> {
    static ONCE: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    ONCE.get_or_init(|| clip_stream(1))
}

/// The challenge clip played `times` times in a row, as the fake camera does.
fn clip_stream(times: u32) -> Vec<Vec<u8>> {
    let loops = (times - 1).to_string();
    let c = clip();
    through_vp8(&["-stream_loop", &loops, "-i", &c, "-vf", "fps=30,format=yuv420p"])
}

/// A photo shown as the camera for `seconds`.
fn still_stream(photo: &str, seconds: u32) -> Vec<Vec<u8>> {
    let p = common::fixture(photo).to_string_lossy().to_string();
    let t = seconds.to_string();
    through_vp8(&[
        "-loop", "1", "-framerate", "30", "-t", &t, "-i", &p, "-vf",
        "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,format=yuv420p",
    ])
}

/// Timestamps of every 4th frame of a 30 fps capture with Gaussian-ish jitter `sigma_ms`.
fn capture_times(n: usize, sigma_ms: f64, seed: u64) -> Vec<u64> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let u: f64 = (0..12).map(|_| rng.below(1_000_000) as f64 / 1e6).sum::<f64>() - 6.0;
            (500.0 + (4 * i) as f64 * 1000.0 / 30.0 + sigma_ms * u).round() as u64
        })
        .collect()
}

fn start_server() -> std::net::SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    // Every frame is analysed (no drops): the stream's time is its timestamps, not the wall clock.
    std::thread::spawn(move || serve(l, ServerConfig { queue: 4096, ..ServerConfig::default() }).unwrap());
    addr
}

/// Sends the frames through the sidecar; returns every event up to the summary.
fn run_session(frames: &[Vec<u8>], times: &[u64], reference: Option<&str>) -> Vec<Value> {
    let addr = start_server();
    let w = TcpStream::connect(addr).unwrap();
    w.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    let mut r = BufReader::new(w.try_clone().unwrap());
    let mut w = w;
    fn next(r: &mut BufReader<TcpStream>) -> Value {
        let (_, p) = read_message(r).unwrap().expect("connection closed");
        serde_json::from_slice(&p).unwrap()
    }
    assert_eq!(next(&mut r)["type"], "hello");
    // Anti-spoofing is not what these tests look at: run it rarely to keep them quick.
    let start = json!({"type": "start", "session_id": "inj", "antispoof_every": 50});
    write_message(&mut w, KIND_JSON, start.to_string().as_bytes()).unwrap();
    if let Some(rf) = reference {
        write_message(&mut w, KIND_REFERENCE, &std::fs::read(common::fixture(rf)).unwrap()).unwrap();
    }
    // The reader runs concurrently so neither side blocks on a full socket buffer.
    let events = std::thread::spawn(move || {
        let mut all = Vec::new();
        loop {
            let v = next(&mut r);
            let done = v["type"] == "summary";
            all.push(v);
            if done {
                return all;
            }
        }
    });
    for (f, t) in frames.iter().zip(times) {
        write_message(&mut w, KIND_FRAME, &encode_frame(FORMAT_I420, W as u32, H as u32, *t, f)).unwrap();
    }
    write_message(&mut w, KIND_JSON, json!({"type": "end"}).to_string().as_bytes()).unwrap();
    events.join().unwrap()
}

fn hints(events: &[Value]) -> Vec<&Value> {
    events.iter().filter(|e| e["type"] == "injection_hint").collect()
}

/// The loop detector's closest approach on a stream (the smallest repeat/motion ratio seen),
/// computed directly on the same frames, for the report.
fn closest_loop_ratio(frames: &[Vec<u8>], times: &[u64]) -> f32 {
    let mut m = InjectionMonitor::new(MonitorConfig::standard());
    let mut best = f32::MAX;
    for (f, t) in frames.iter().zip(times) {
        let sig = Signature::from_luma(&f[..W * H], W, H).unwrap();
        m.push(*t, W as u32, H as u32, &sig, true);
        if let Some(c) = m.loop_candidate() {
            best = best.min(c.mean_distance / c.motion);
        }
    }
    best
}

#[test]
fn a_looped_clip_is_flagged_within_30_seconds_with_its_period() {
    let frames = clip_stream(3);
    let times = capture_times(frames.len(), 2.0, 11);
    let events = run_session(&frames, &times, None);
    let h = hints(&events);
    eprintln!("{} frames, hints: {h:?}", frames.len());
    let looped = h.iter().find(|e| e["kind"] == "looped_clip").expect("looped clip not flagged");
    let at = looped["ts"].as_u64().unwrap() - times[0];
    assert!(at <= 30_000, "flagged after {at} ms of stream");
    let period = looped["evidence"]["period_ms"].as_u64().unwrap();
    assert!(period.abs_diff(CLIP_MS) <= 300, "period {period} ms, clip {CLIP_MS} ms");
    assert!(looped["evidence"]["repeats_from_ts"].as_u64().unwrap() < looped["evidence"]["window_from_ts"].as_u64().unwrap());
    assert_eq!(looped["models"], json!([]));
    assert!(!h.iter().any(|e| e["kind"] == "still_image"), "moving clip called still: {h:?}");
    let summary = events.last().unwrap();
    assert!(summary["injection_hints"].as_array().unwrap().contains(&json!("looped_clip")));
    eprintln!("looped clip: flagged after {at} ms, ratio {:.3}", closest_loop_ratio(&frames, &times));
}

#[test]
fn the_clip_played_once_raises_no_hint_and_still_matches_its_id_portrait() {
    let frames = clip_once();
    let times = capture_times(frames.len(), 2.0, 12);
    let events = run_session(frames, &times, Some("idcard_sim/ibm_max_Bryan_idcard.jpg"));
    assert_eq!(hints(&events), Vec::<&Value>::new());
    let summary = events.last().unwrap();
    assert_eq!(summary["injection_hints"], json!([]));
    assert_eq!(summary["face_match"]["verdict"], "match", "{summary}");
    eprintln!(
        "clip once: {} frames, closest loop ratio {:.3} (loop needs ≤ {}), face match {}",
        frames.len(),
        closest_loop_ratio(frames, &times),
        MonitorConfig::standard().looped.max_ratio,
        summary["face_match"]
    );
}

#[test]
fn a_still_photo_as_the_camera_is_flagged_as_a_still_image() {
    let frames = still_stream("faces/ibm_max_Chris.jpeg", 20);
    let times = capture_times(frames.len(), 2.0, 13);
    let events = run_session(&frames, &times, None);
    let h = hints(&events);
    eprintln!("{} frames, hints: {h:?}", frames.len());
    let still = h.iter().find(|e| e["kind"] == "still_image").expect("still image not flagged");
    let at = still["ts"].as_u64().unwrap() - times[0];
    assert!(at <= 10_000, "flagged after {at} ms");
    assert!(still["evidence"]["duration_ms"].as_u64().unwrap() >= 6000);
    assert!(!h.iter().any(|e| e["kind"] == "looped_clip"), "a still is not a loop: {h:?}");
    assert_eq!(h.iter().filter(|e| e["kind"] == "still_image").count(), 1, "once per stretch");
}

#[test]
fn timestamps_without_any_jitter_are_flagged_as_regular_timing_only() {
    let frames = clip_once();
    let times: Vec<u64> = (0..frames.len()).map(|i| (500.0 + (4 * i) as f64 * 1000.0 / 30.0).round() as u64).collect();
    let events = run_session(frames, &times, None);
    let kinds: Vec<&Value> = hints(&events).iter().map(|e| &e["kind"]).collect();
    assert_eq!(kinds, [&json!("regular_timing")]);
}
