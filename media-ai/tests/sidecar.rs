//! The sidecar server end to end over TCP: session start with an ID photo, frames of the
//! challenge clip, a challenge command, events back; malformed input yields error events
//! without closing the connection; a full queue drops frames instead of lagging.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use media_ai::cli::video_frames;
use media_ai::sidecar::protocol::{
    encode_frame, read_message, write_message, FORMAT_I420, FORMAT_RGB24, KIND_FRAME, KIND_JSON,
    KIND_REFERENCE,
};
use media_ai::sidecar::{serve, ServerConfig};
use serde_json::{json, Value};

fn start_server(queue: usize) -> std::net::SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        serve(
            l,
            ServerConfig {
                queue,
                ..ServerConfig::default()
            },
        )
        .unwrap()
    });
    addr
}

struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
}

impl Client {
    fn connect(addr: std::net::SocketAddr) -> Self {
        let w = TcpStream::connect(addr).unwrap();
        w.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let r = BufReader::new(w.try_clone().unwrap());
        let mut c = Client { w, r };
        assert_eq!(c.next()["type"], "hello");
        c
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
    let mut c = Client::connect(addr);
    c.cmd(json!({"type": "start", "session_id": "test-1"}));
    assert_eq!(c.next()["type"], "session_started");
    c.raw(
        KIND_REFERENCE,
        &std::fs::read(common::fixture("idcard_sim/ibm_max_Bryan_idcard.jpg")).unwrap(),
    );
    assert_eq!(c.next()["face"], true);
    c.cmd(json!({"type": "challenge", "steps": ["centre", "left", "centre", "right", "centre", "up", "centre", "down", "centre"]}));
    assert_eq!(c.next()["type"], "challenge_started");
    for f in video_frames(&common::fixture("sequences/ibm_max_Bryan.mp4")).unwrap() {
        let (t, img) = f.unwrap();
        c.raw(
            KIND_FRAME,
            &encode_frame(FORMAT_RGB24, img.width(), img.height(), t, img.as_raw()),
        );
    }
    let (done, events) = c.until("challenge_done");
    assert_eq!(done["passed"], true, "{done}");
    let steps: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "challenge_step")
        .collect();
    assert_eq!(steps.len(), 9);
    assert!(events.iter().any(|e| e["type"] == "quality"));
    c.cmd(json!({"type": "end"}));
    let (summary, _) = c.until("summary");
    eprintln!("{summary}");
    assert_eq!(summary["frames_dropped"], 0);
    assert_eq!(summary["frames_processed"], 151);
    let m = &summary["face_match"];
    assert!(m["frames_used"].as_u64().unwrap() >= 5, "{m}");
    assert_eq!(
        m["verdict"], "match",
        "ID portrait vs the same person live: {m}"
    );
    assert!(summary["antispoof"]["frames"].as_u64().unwrap() >= 40);
}

#[test]
fn malformed_messages_yield_errors_and_the_connection_survives() {
    let addr = start_server(2);
    let mut c = Client::connect(addr);
    c.cmd(json!({"type": "challenge", "steps": ["left"]}));
    assert!(c.next()["message"].as_str().unwrap().contains("no session"));
    c.raw(KIND_JSON, b"{not json");
    assert_eq!(c.next()["type"], "error");
    c.cmd(json!({"type": "start", "session_id": "test-2"}));
    assert_eq!(c.next()["type"], "session_started");
    c.raw(
        KIND_FRAME,
        &encode_frame(FORMAT_I420, 640, 480, 0, &[0; 100]),
    );
    assert!(c.next()["message"].as_str().unwrap().contains("I420"));
    c.raw(KIND_FRAME, &[1, 2, 3]);
    assert_eq!(c.next()["type"], "error");
    c.raw(KIND_REFERENCE, b"definitely not a jpeg");
    assert_eq!(c.next()["type"], "error");
    c.raw(9, b"?");
    assert_eq!(c.next()["type"], "error");
    c.cmd(json!({"type": "ping"}));
    assert_eq!(c.next()["type"], "pong");
}

#[test]
fn i420_frames_are_analysed_like_rgb_frames() {
    let addr = start_server(64);
    let mut c = Client::connect(addr);
    c.cmd(json!({"type": "start", "session_id": "test-4", "antispoof_every": 1}));
    assert_eq!(c.next()["type"], "session_started");
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
    let addr = start_server(1);
    let mut c = Client::connect(addr);
    c.cmd(json!({"type": "start", "session_id": "test-3"}));
    assert_eq!(c.next()["type"], "session_started");
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
