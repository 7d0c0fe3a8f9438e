//! The sidecar server end to end over TCP: session start with an ID photo, frames of the
//! challenge clip, a challenge command, events back (each stamped with the models that made
//! it); malformed input yields error events with stable codes without closing the connection;
//! a full queue drops frames instead of lagging; with a secret, nothing is processed before the
//! server authenticates; the call's VP8 RTP is decoded and analysed like frames, and a lost
//! packet makes the sidecar ask for a keyframe.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use media_ai::cli::video_frames;
use media_ai::sidecar::protocol::{
    encode_frame, read_message, write_message, FORMAT_I420, FORMAT_RGB24, KIND_FRAME, KIND_JSON,
    KIND_REFERENCE, KIND_RTP,
};
use media_ai::sidecar::video::encode_rtp;
use media_ai::sidecar::auth::Secret;
use media_ai::sidecar::{serve, ServerConfig};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const SECRET: &str = "test secret, 32 bytes long......";

fn start_server_with(queue: usize, secret: Option<&str>) -> std::net::SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let secret = secret.map(|s| Secret::new(s).unwrap());
    std::thread::spawn(move || {
        serve(
            l,
            ServerConfig {
                queue,
                secret,
                ..ServerConfig::default()
            },
        )
        .unwrap()
    });
    addr
}

fn start_server(queue: usize) -> std::net::SocketAddr {
    start_server_with(queue, None)
}

fn file_sha256(name: &str) -> String {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join(name)).unwrap();
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The names in an event's `models` list.
fn model_names(e: &Value) -> Vec<&str> {
    e["models"].as_array().unwrap_or_else(|| panic!("no models on {e}")).iter().map(|m| m["name"].as_str().unwrap()).collect()
}

struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
}

impl Client {
    /// Connects and reads the `hello`.
    fn open(addr: std::net::SocketAddr) -> (Self, Value) {
        let w = TcpStream::connect(addr).unwrap();
        w.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let r = BufReader::new(w.try_clone().unwrap());
        let mut c = Client { w, r };
        let hello = c.next();
        assert_eq!(hello["type"], "hello");
        (c, hello)
    }
    fn connect(addr: std::net::SocketAddr) -> Self {
        Self::open(addr).0
    }
    /// Connects and starts a session with `start` (a `start` command).
    fn started(addr: std::net::SocketAddr, start: Value) -> Self {
        let mut c = Self::connect(addr);
        c.cmd(start);
        assert_eq!(c.next()["type"], "session_started");
        c
    }
    /// The next message, or None when the sidecar closed the connection.
    fn try_next(&mut self) -> Option<Value> {
        let (_, payload) = read_message(&mut self.r).ok().flatten()?;
        Some(serde_json::from_slice(&payload).unwrap())
    }
    fn cmd(&mut self, v: Value) {
        write_message(&mut self.w, KIND_JSON, v.to_string().as_bytes()).unwrap();
    }
    fn raw(&mut self, kind: u8, payload: &[u8]) {
        write_message(&mut self.w, kind, payload).unwrap();
    }
    fn next(&mut self) -> Value {
        let (kind, payload) = read_message(&mut self.r)
            .unwrap()
            .expect("connection closed");
        assert_eq!(kind, KIND_JSON);
        serde_json::from_slice(&payload).unwrap()
    }
    fn until(&mut self, ty: &str) -> (Value, Vec<Value>) {
        let mut seen = Vec::new();
        loop {
            let v = self.next();
            if v["type"] == ty {
                return (v, seen);
            }
            seen.push(v);
        }
    }
}

#[test]
fn sidecar_session_reports_match_challenge_and_antispoof_events() {
    let addr = start_server(256);
    let (mut c, hello) = Client::open(addr);
    assert_eq!(hello["protocol"], 3);
    assert_eq!(hello["auth"], "none");
    assert_eq!(model_names(&hello), ["blazeface-back", "facemesh", "face-geometry", "sface", "minifasnet-v2"]);
    // The stamps are the hashes of the files actually loaded.
    assert_eq!(hello["models"][3]["sha256"], file_sha256("sface_2021dec_fast.onnx"));
    assert_eq!(hello["models"][2]["sha256"], file_sha256("geometry_pipeline_metadata_landmarks.pbtxt"));
    assert_eq!(hello["models"][3]["version"], "2021dec-fast");
    c.cmd(json!({"type": "start", "session_id": "test-1"}));
    assert_eq!(c.next()["type"], "session_started");
    c.raw(
        KIND_REFERENCE,
        &std::fs::read(common::fixture("idcard_sim/ibm_max_Bryan_idcard.jpg")).unwrap(),
    );
    let reference = c.next();
    assert_eq!(reference["face"], true);
    assert_eq!(model_names(&reference), ["blazeface-back", "facemesh", "sface"]);
    c.cmd(json!({"type": "challenge", "steps": ["centre", "left", "centre", "right", "centre", "up", "centre", "down", "centre"]}));
    let started = c.next();
    assert_eq!(started["type"], "challenge_started");
    assert_eq!((started["hold_frames"].as_u64(), started["hold_ms"].as_u64()), (Some(2), Some(200)));
    let clip: Vec<(u64, image::RgbImage)> =
        video_frames(&common::fixture("sequences/ibm_max_Bryan.mp4")).unwrap().map(Result::unwrap).collect();
    let play = |c: &mut Client, offset_ms: u64| {
        for (t, img) in &clip {
            c.raw(KIND_FRAME, &encode_frame(FORMAT_RGB24, img.width(), img.height(), t + offset_ms, img.as_raw()));
        }
    };
    play(&mut c, 0);
    let (done, during) = c.until("challenge_done");
    assert_eq!(done["passed"], true, "{done}");
    // While the challenge runs, frames are analysed for the head pose only.
    assert!(
        !during.iter().any(|e| e["type"] == "face_match" || e["type"] == "antispoof"),
        "no descriptor or anti-spoofing during the challenge"
    );
    // Then face match and anti-spoofing resume: the clip once more, ten seconds later.
    play(&mut c, 10_100);
    c.cmd(json!({"type": "summary"}));
    let (_, after) = c.until("summary");
    let events: Vec<Value> = during.into_iter().chain(after).collect();
    let steps: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "challenge_step")
        .collect();
    assert_eq!(steps.len(), 9);
    assert_eq!(model_names(steps[0]), ["blazeface-back", "facemesh", "face-geometry"]);
    assert_eq!(model_names(&done), ["blazeface-back", "facemesh", "face-geometry"]);
    assert!(events.iter().any(|e| e["type"] == "quality"));
    let matches: Vec<&Value> = events.iter().filter(|e| e["type"] == "face_match").collect();
    assert!(!matches.is_empty());
    for m in &matches {
        assert_eq!(model_names(m), ["blazeface-back", "facemesh", "face-geometry", "sface"]);
        assert_eq!(m["models"][3]["sha256"], hello["models"][3]["sha256"]);
    }
    for a in events.iter().filter(|e| e["type"] == "antispoof") {
        assert_eq!(model_names(a), ["blazeface-back", "facemesh", "minifasnet-v2"]);
    }
    // Live head pose for the agent: at a modest rate, following the turns.
    let poses: Vec<&Value> = events.iter().filter(|e| e["type"] == "pose").collect();
    eprintln!("{} pose events for {} frames", poses.len(), 302);
    assert!(poses.len() >= 40 && poses.len() <= 151, "{} pose events", poses.len());
    assert!(poses.iter().all(|p| p["face"] == true && model_names(p).len() == 3));
    let max_yaw = poses.iter().map(|p| p["yaw"].as_f64().unwrap()).fold(f64::MIN, f64::max);
    let min_yaw = poses.iter().map(|p| p["yaw"].as_f64().unwrap()).fold(f64::MAX, f64::min);
    assert!(max_yaw > 25.0 && min_yaw < -25.0, "turns visible in pose events: {min_yaw}..{max_yaw}");
    // The clip's file timestamps are exactly 1/15 s apart, which is the one thing a camera would
    // not do; played twice, it may also be recognised as a loop.
    let hints: Vec<&Value> = events.iter().filter(|e| e["type"] == "injection_hint").map(|e| &e["kind"]).collect();
    assert_eq!(hints.first(), Some(&&json!("regular_timing")), "{hints:?}");
    assert!(hints.iter().all(|h| *h == "regular_timing" || *h == "looped_clip"), "{hints:?}");
    c.cmd(json!({"type": "end"}));
    let (summary, _) = c.until("summary");
    eprintln!("{summary}");
    assert_eq!(summary["frames_dropped"], 0);
    assert_eq!(summary["frames_processed"], 302);
    let m = &summary["face_match"];
    assert!(m["frames_used"].as_u64().unwrap() >= 5, "{m}");
    assert_eq!(
        m["verdict"], "match",
        "ID portrait vs the same person live: {m}"
    );
    assert_eq!(summary["models"], hello["models"]);
    assert!(summary["antispoof"]["frames"].as_u64().unwrap() >= 40);
}

#[test]
fn malformed_messages_yield_errors_and_the_connection_survives() {
    let addr = start_server(2);
    let mut c = Client::connect(addr);
    let expect = |c: &mut Client, code: &str| {
        let e = c.next();
        assert_eq!((e["type"].as_str(), e["code"].as_str(), e["fatal"].as_bool()), (Some("error"), Some(code), Some(false)), "{e}");
        e
    };
    c.cmd(json!({"type": "challenge", "steps": ["left"]}));
    assert!(expect(&mut c, "no_session")["message"].as_str().unwrap().contains("no session"));
    c.raw(KIND_JSON, b"{not json");
    expect(&mut c, "bad_command");
    c.cmd(json!({"type": "start", "session_id": "test-2"}));
    assert_eq!(c.next()["type"], "session_started");
    c.cmd(json!({"type": "challenge", "steps": []}));
    expect(&mut c, "bad_challenge");
    c.raw(
        KIND_FRAME,
        &encode_frame(FORMAT_I420, 640, 480, 0, &[0; 100]),
    );
    assert!(expect(&mut c, "bad_frame")["message"].as_str().unwrap().contains("I420"));
    c.raw(KIND_FRAME, &[1, 2, 3]);
    expect(&mut c, "bad_frame");
    c.raw(KIND_REFERENCE, b"definitely not a jpeg");
    expect(&mut c, "bad_reference");
    c.raw(9, b"?");
    expect(&mut c, "unknown_kind");
    c.cmd(json!({"type": "ping"}));
    assert_eq!(c.next()["type"], "pong");
}

#[test]
fn i420_frames_are_analysed_like_rgb_frames() {
    let mut c = Client::started(start_server(64), json!({"type": "start", "session_id": "test-4", "antispoof_every": 1}));
    let img = media_ai::imageops::load_image(&common::fixture("pad_samples/image_T1.jpg")).unwrap();
    let i420 = media_ai::imageops::rgb_to_i420(&img);
    for i in 0..12u64 {
        c.raw(KIND_FRAME, &encode_frame(FORMAT_I420, img.width(), img.height(), i * 66, &i420));
    }
    let (q, _) = c.until("quality");
    assert_eq!(q["face"], true, "{q}");
    let (a, _) = c.until("antispoof");
    assert_eq!(a["verdict"], "not_enough_frames");
    c.cmd(json!({"type": "summary"}));
    let (s, _) = c.until("summary");
    assert_eq!(s["antispoof"]["verdict"], "live", "{s}");
}

#[test]
fn frames_arriving_faster_than_analysis_are_dropped_not_queued() {
    let mut c = Client::started(start_server(1), json!({"type": "start", "session_id": "test-3"}));
    let img = media_ai::imageops::load_image(&common::fixture("pad_samples/image_T1.jpg")).unwrap();
    let payload = encode_frame(FORMAT_RGB24, img.width(), img.height(), 0, img.as_raw());
    for _ in 0..30 {
        c.raw(KIND_FRAME, &payload);
    }
    c.cmd(json!({"type": "summary"}));
    let (s, _) = c.until("summary");
    assert_eq!(s["frames_received"], 30);
    assert!(s["frames_dropped"].as_u64().unwrap() > 0, "{s}");
    assert_eq!(
        s["frames_processed"].as_u64().unwrap() + s["frames_dropped"].as_u64().unwrap(),
        30
    );
}

#[test]
fn with_a_secret_nothing_is_processed_before_auth_and_wrong_secrets_are_refused() {
    let addr = start_server_with(8, Some(SECRET));
    // A session start (and a frame) before auth: refused, nothing processed, connection closed.
    let (mut c, hello) = Client::open(addr);
    assert_eq!((hello["protocol"].as_u64(), hello["auth"].as_str()), (Some(3), Some("secret")));
    c.cmd(json!({"type": "start", "session_id": "sneaky"}));
    c.raw(KIND_FRAME, &encode_frame(FORMAT_RGB24, 2, 2, 0, &[0; 12]));
    let e = c.next();
    assert_eq!((e["code"].as_str(), e["fatal"].as_bool()), (Some("auth_required"), Some(true)), "{e}");
    assert_eq!(c.try_next(), None, "closed after the fatal error");
    // A wrong secret.
    let (mut c, _) = Client::open(addr);
    c.cmd(json!({"type": "auth", "secret": "test secret, 32 bytes long.....!"}));
    c.cmd(json!({"type": "start", "session_id": "guess"}));
    let e = c.next();
    assert_eq!((e["code"].as_str(), e["fatal"].as_bool()), (Some("auth_failed"), Some(true)), "{e}");
    assert!(!e.to_string().contains("32 bytes"), "the secret is never echoed");
    assert_eq!(c.try_next(), None);
    // A binary message first.
    let (mut c, _) = Client::open(addr);
    c.raw(KIND_REFERENCE, b"\xff\xd8 not an auth");
    assert_eq!(c.next()["code"], "auth_required");
    // The right secret: authenticated, then the session works as usual.
    let (mut c, _) = Client::open(addr);
    c.cmd(json!({"type": "auth", "secret": SECRET}));
    assert_eq!(c.next()["type"], "authenticated");
    c.cmd(json!({"type": "start", "session_id": "ok"}));
    assert_eq!(c.next()["type"], "session_started");
    c.cmd(json!({"type": "ping"}));
    assert_eq!(c.next()["type"], "pong");
}

/// `frames` of the ID-photo face held still, as a browser would send it: VP8 640×480@30 RTP
/// (PT 96, a keyframe every 60 frames), each packet with its media time.
fn face_rtp(frames: u32) -> Vec<(Duration, Vec<u8>)> {
    use gstreamer as gst;
    use gstreamer::prelude::*;
    gst::init().unwrap();
    let photo = common::fixture("pad_samples/image_T1.jpg");
    let desc = format!(
        "filesrc location={} ! jpegdec ! videoconvert ! videoscale ! video/x-raw,format=I420,width=640,height=480 \
         ! imagefreeze num-buffers={frames} ! video/x-raw,framerate=30/1 \
         ! vp8enc deadline=1 keyframe-max-dist=60 target-bitrate=1000000 ! rtpvp8pay pt=96 mtu=1200 ssrc=4242 \
         ! appsink name=out sync=false",
        photo.display()
    );
    let pipeline = gst::parse::launch(&desc).unwrap().downcast::<gst::Pipeline>().unwrap();
    let sink = pipeline.by_name("out").unwrap().downcast::<gstreamer_app::AppSink>().unwrap();
    pipeline.set_state(gst::State::Playing).unwrap();
    let mut out = Vec::new();
    while let Ok(sample) = sink.pull_sample() {
        let buf = sample.buffer().unwrap();
        let at = Duration::from_nanos(buf.pts().map(|p| p.nseconds()).unwrap_or(0));
        out.push((at, buf.map_readable().unwrap().as_slice().to_vec()));
    }
    pipeline.set_state(gst::State::Null).unwrap();
    out
}

/// Sends packets as kind-4 messages, arriving at their media time after a fixed epoch.
fn send_rtp(c: &mut Client, packets: &[(Duration, Vec<u8>)]) {
    let epoch = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_480_000);
    for (at, p) in packets {
        c.raw(KIND_RTP, &encode_rtp(epoch + *at, p));
    }
}

#[test]
fn the_calls_vp8_rtp_is_decoded_and_analysed_at_the_requested_rate() {
    let mut c = Client::started(start_server(64), json!({"type": "start", "session_id": "test-rtp", "video_fps": 10}));
    // Two seconds at 30 fps; at 10 fps about 20 frames reach the analysis.
    send_rtp(&mut c, &face_rtp(60));
    let (q, seen) = c.until("quality");
    assert_eq!(q["face"], true, "{q}");
    assert!(seen.iter().all(|e| e["type"] != "error"), "{seen:?}");
    // A malformed RTP message is refused with its code; the connection carries on.
    c.raw(KIND_RTP, &[0; 5]);
    let (e, _) = c.until("error");
    assert_eq!(e["code"], "bad_rtp", "{e}");
    assert_eq!(e["fatal"], false);
    std::thread::sleep(Duration::from_millis(500)); // the decoder thread hands over its last frames
    c.cmd(json!({"type": "summary"}));
    let (s, _) = c.until("summary");
    let received = s["frames_received"].as_u64().unwrap();
    assert!((12..=22).contains(&received), "frames at 10 fps from 2 s of video: {s}");
}

#[test]
fn a_packet_lost_mid_stream_makes_the_sidecar_ask_for_a_keyframe() {
    let mut c = Client::started(start_server(64), json!({"type": "start", "session_id": "test-rtp-loss"}));
    let packets = face_rtp(90);
    let at = |ms| packets.iter().position(|(at, _)| *at >= Duration::from_millis(ms)).unwrap();
    let (one_s, two_s, lost) = (at(1_000), at(2_000), at(2_500));
    // The decoder asks once as it starts (GStreamer treats the first packet as a discontinuity).
    send_rtp(&mut c, &packets[..one_s]);
    let (_, seen) = c.until("keyframe_wanted");
    assert!(seen.iter().all(|e| e["type"] != "error"), "{seen:?}");
    // A second that arrives whole asks for nothing.
    send_rtp(&mut c, &packets[one_s..two_s]);
    std::thread::sleep(Duration::from_millis(300));
    c.cmd(json!({"type": "summary"}));
    let (_, seen) = c.until("summary");
    assert!(seen.iter().all(|e| e["type"] != "keyframe_wanted" && e["type"] != "error"), "{seen:?}");
    // Then one packet of a delta frame goes missing (the keyframe was at 2 s).
    send_rtp(&mut c, &packets[two_s..lost]);
    send_rtp(&mut c, &packets[lost + 1..]);
    let (k, seen) = c.until("keyframe_wanted");
    assert_eq!(k, json!({"type": "keyframe_wanted"}));
    assert!(seen.iter().all(|e| e["type"] != "error"), "{seen:?}");
}

/// Inserts after every frame's last packet a padding-only probe, as the server's tap passes a
/// browser's bandwidth probe on (a header alone), renumbering the packets behind it.
fn with_probes(packets: &[(Duration, Vec<u8>)]) -> Vec<(Duration, Vec<u8>)> {
    let mut out = Vec::new();
    let mut shift = 0u16;
    for (at, p) in packets {
        let mut p = p.clone();
        let seq = u16::from_be_bytes([p[2], p[3]]).wrapping_add(shift);
        p[2..4].copy_from_slice(&seq.to_be_bytes());
        let last_of_frame = p[1] & 0x80 != 0;
        let mut probe = p[..12].to_vec();
        out.push((*at, p));
        if last_of_frame {
            shift = shift.wrapping_add(1);
            probe[1] &= 0x7f;
            probe[2..4].copy_from_slice(&seq.wrapping_add(1).to_be_bytes());
            out.push((*at, probe));
        }
    }
    out
}

#[test]
fn padding_only_probes_between_frames_are_no_loss_and_ask_for_no_keyframe() {
    let mut c = Client::started(start_server(64), json!({"type": "start", "session_id": "test-rtp-probes", "video_fps": 10}));
    let packets = face_rtp(60);
    let one_s = packets.iter().position(|(at, _)| *at >= Duration::from_millis(1_000)).unwrap();
    // The decoder asks once as it starts (GStreamer treats the first packet as a discontinuity).
    send_rtp(&mut c, &packets[..one_s]);
    let (_, seen) = c.until("keyframe_wanted");
    assert!(seen.iter().all(|e| e["type"] != "error"), "{seen:?}");
    // A second in which the browser probes for bandwidth after every frame.
    send_rtp(&mut c, &with_probes(&packets[one_s..]));
    std::thread::sleep(Duration::from_millis(500));
    c.cmd(json!({"type": "summary"}));
    let (s, seen) = c.until("summary");
    assert!(seen.iter().all(|e| e["type"] != "keyframe_wanted" && e["type"] != "error"), "{seen:?}");
    let received = s["frames_received"].as_u64().unwrap();
    assert!((12..=22).contains(&received), "frames at 10 fps from 2 s of video: {s}");
}
