//! Sidecar server: one TCP connection per call session, length-prefixed binary messages
//! (protocol in `media-ai/PROTOCOL.md`, framing in [`protocol`]).
//!
//! Per connection a reader thread parses messages and a worker thread owns the models and the
//! session. Frames go through a bounded queue and are **dropped when it is full** (reported in a
//! `frames_dropped` event), so a slow CPU never makes the analysis lag behind the call. Commands
//! are never dropped. A malformed message yields an `error` event and the connection continues;
//! only a broken length prefix (the stream cannot be resynchronised) closes it.

pub mod protocol;
pub mod session;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::challenge::ChallengeConfig;
use crate::error::Result;
use crate::imageops::{i420_to_rgb, rgb_from_raw};
use crate::pipeline::{Pipeline, PipelineOptions};
use protocol::{
    decode_frame, read_message, write_message, Command, FORMAT_I420, KIND_FRAME, KIND_JSON,
    KIND_REFERENCE,
};
use session::Session;

/// Server settings.
#[derive(Debug, Clone, Copy)]
pub struct ServerConfig {
    /// ORT threads per model and connection.
    pub threads: usize,
    /// Frames waiting for analysis per connection before new ones are dropped.
    pub queue: usize,
    /// Concurrent connections; more are refused with an error event.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            threads: 1,
            queue: 2,
            max_connections: 8,
        }
    }
}

/// Loaded pipelines are reused across connections (loading takes ≈0.3 s and 30 MB).
#[derive(Clone)]
struct Pool {
    free: Arc<Mutex<Vec<Pipeline>>>,
    options: PipelineOptions,
}

impl Pool {
    fn take(&self) -> Result<Pipeline> {
        let cached = self.free.lock().ok().and_then(|mut v| v.pop());
        match cached {
            Some(p) => Ok(p),
            None => Pipeline::load(self.options),
        }
    }
    fn give(&self, p: Pipeline) {
        if let Ok(mut v) = self.free.lock() {
            v.push(p);
        }
    }
}

/// Serves connections until the listener fails. Loads one pipeline up front so a missing
/// runtime or model is reported at start-up rather than on the first call.
pub fn serve(listener: TcpListener, config: ServerConfig) -> Result<()> {
    let options = PipelineOptions {
        threads: config.threads.max(1),
        ..PipelineOptions::default()
    };
    let pool = Pool {
        free: Arc::new(Mutex::new(vec![Pipeline::load(options)?])),
        options,
    };
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (pool, active) = (pool.clone(), active.clone());
        if active.fetch_add(1, Ordering::SeqCst) >= config.max_connections {
            active.fetch_sub(1, Ordering::SeqCst);
            let mut s = stream;
            let _ = send(
                &mut s,
                &json!({"type": "error", "message": "too many sessions", "fatal": true}),
            );
            continue;
        }
        std::thread::spawn(move || {
            handle(stream, &pool, config);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

fn send(w: &mut TcpStream, v: &Value) -> std::io::Result<()> {
    write_message(w, KIND_JSON, v.to_string().as_bytes())
}

/// Writer shared by the reader (errors) and the worker (results).
#[derive(Clone)]
struct Out(Arc<Mutex<TcpStream>>);

impl Out {
    fn send(&self, v: &Value) {
        if v.is_null() {
            return;
        }
        if let Ok(mut s) = self.0.lock() {
            let _ = send(&mut s, v);
        }
    }
}

enum Work {
    Frame {
        ts: u64,
        format: u8,
        width: u32,
        height: u32,
        pixels: Vec<u8>,
    },
    Reference(Vec<u8>),
    Command(Command),
}

fn handle(stream: TcpStream, pool: &Pool, config: ServerConfig) {
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let out = Out(Arc::new(Mutex::new(write_half)));
    let mut pipeline = match pool.take() {
        Ok(p) => p,
        Err(e) => {
            out.send(&json!({"type": "error", "message": e.to_string(), "fatal": true}));
            return;
        }
    };
    out.send(&json!({"type": "hello", "protocol": protocol::PROTOCOL_VERSION, "version": env!("CARGO_PKG_VERSION")}));
    let (tx, rx) = sync_channel::<Work>(config.queue.max(1));
    let received = Arc::new(AtomicU64::new(0));
    let dropped = Arc::new(AtomicU64::new(0));
    let worker = {
        let (out, received, dropped) = (out.clone(), received.clone(), dropped.clone());
        std::thread::spawn(move || {
            work(&mut pipeline, rx, &out, &received, &dropped);
            pipeline
        })
    };
    let mut reader = BufReader::with_capacity(1 << 20, stream);
    loop {
        let (kind, payload) = match read_message(&mut reader) {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => {
                out.send(
                    &json!({"type": "error", "message": format!("connection: {e}"), "fatal": true}),
                );
                break;
            }
        };
        let item = match kind {
            KIND_JSON => match serde_json::from_slice::<Command>(&payload) {
                Ok(c) => Work::Command(c),
                Err(e) => {
                    out.send(&json!({"type": "error", "message": format!("bad command: {e}")}));
                    continue;
                }
            },
            KIND_REFERENCE => Work::Reference(payload),
            KIND_FRAME => match decode_frame(&payload) {
                Ok((h, px)) => {
                    received.fetch_add(1, Ordering::Relaxed);
                    Work::Frame {
                        ts: h.timestamp_ms,
                        format: h.format,
                        width: h.width,
                        height: h.height,
                        pixels: px.to_vec(),
                    }
                }
                Err(e) => {
                    out.send(&json!({"type": "error", "message": format!("bad frame: {e}")}));
                    continue;
                }
            },
            other => {
                out.send(
                    &json!({"type": "error", "message": format!("unknown message kind {other}")}),
                );
                continue;
            }
        };
        let is_end = matches!(item, Work::Command(Command::End));
        let sent = match item {
            // Frames never wait: when the worker is behind, this one is dropped.
            f @ Work::Frame { .. } => match tx.try_send(f) {
                Ok(()) => true,
                Err(TrySendError::Full(_)) => {
                    dropped.fetch_add(1, Ordering::Relaxed);
                    true
                }
                Err(TrySendError::Disconnected(_)) => false,
            },
            other => tx.send(other).is_ok(),
        };
        if !sent || is_end {
            break;
        }
    }
    drop(tx);
    if let Ok(p) = worker.join() {
        pool.give(p);
    }
    let closed = out
        .0
        .lock()
        .map(|s| s.shutdown(std::net::Shutdown::Both).is_ok());
    let _ = closed;
}

fn work(
    p: &mut Pipeline,
    rx: Receiver<Work>,
    out: &Out,
    received: &AtomicU64,
    dropped: &AtomicU64,
) {
    let mut session: Option<Session> = None;
    let mut reported_drops = 0;
    let no_session =
        || json!({"type": "error", "message": "no session: send {\"type\":\"start\"} first"});
    for item in rx {
        match item {
            Work::Command(Command::Start {
                session_id,
                descriptor_every,
                antispoof_every,
            }) => {
                out.send(&json!({"type": "session_started", "session_id": session_id}));
                session = Some(Session::new(session_id, descriptor_every, antispoof_every));
            }
            Work::Command(Command::Ping) => out.send(&json!({"type": "pong"})),
            Work::Command(Command::Summary | Command::End) => match &session {
                Some(s) => out.send(&s.summary(
                    received.load(Ordering::Relaxed),
                    dropped.load(Ordering::Relaxed),
                )),
                None => out.send(&no_session()),
            },
            Work::Command(Command::Challenge {
                steps,
                moves,
                seed,
                step_timeout_ms,
                hold_frames,
                mirrored,
            }) => match session.as_mut() {
                Some(s) => {
                    let d = ChallengeConfig::default();
                    let cfg = ChallengeConfig {
                        step_timeout_ms: step_timeout_ms.unwrap_or(d.step_timeout_ms),
                        hold_frames: hold_frames.unwrap_or(d.hold_frames),
                        mirrored: mirrored.unwrap_or(d.mirrored),
                        ..d
                    };
                    for e in s.start_challenge(steps, moves, seed, cfg) {
                        out.send(&e);
                    }
                }
                None => out.send(&no_session()),
            },
            Work::Reference(bytes) => match session.as_mut() {
                Some(s) => s.set_reference(p, &bytes).iter().for_each(|e| out.send(e)),
                None => out.send(&no_session()),
            },
            Work::Frame {
                ts,
                format,
                width,
                height,
                pixels,
            } => {
                let Some(s) = session.as_mut() else {
                    out.send(&no_session());
                    continue;
                };
                let img = if format == FORMAT_I420 {
                    i420_to_rgb(width, height, &pixels)
                } else {
                    rgb_from_raw(width, height, pixels)
                };
                match img {
                    Ok(img) => s.on_frame(p, ts, &img).iter().for_each(|e| out.send(e)),
                    Err(e) => {
                        out.send(&json!({"type": "error", "message": e.to_string(), "ts": ts}))
                    }
                }
                let d = dropped.load(Ordering::Relaxed);
                if d > reported_drops {
                    out.send(
                        &json!({"type": "frames_dropped", "count": d - reported_drops, "total": d}),
                    );
                    reported_drops = d;
                }
            }
        }
    }
}
