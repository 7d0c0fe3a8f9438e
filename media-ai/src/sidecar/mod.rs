//! Sidecar server: one TCP connection per call session, length-prefixed binary messages
//! (protocol in `media-ai/PROTOCOL.md`, framing in [`protocol`]).
//!
//! Per connection a reader thread parses messages and a worker thread owns the models and the
//! session. Frames go through an [`inbox::Inbox`] where **the newest wins**: when the worker is
//! behind, the oldest waiting frame is dropped (reported in a `frames_dropped` event), so a slow
//! CPU never makes the analysis lag behind the call and always judges the current pose. Commands
//! are never dropped. A malformed message yields an `error` event and the connection continues;
//! only a broken length prefix (the stream cannot be resynchronised) closes it.
//!
//! Protocol 2: when the sidecar has a secret, the server's first message must be an `auth`
//! command carrying it; anything else, a wrong secret or silence closes the connection with a
//! fatal `error` (codes `auth_required`, `auth_failed`, `auth_timeout`) before anything is
//! processed.
//!
//! Protocol 3: the call's video may arrive as VP8 RTP (kind 4), decoded here ([`video`]).

pub mod auth;
pub mod document;
pub mod inbox;
pub mod protocol;
pub mod session;
pub mod video;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::challenge::ChallengeConfig;
use crate::error::Result;
use crate::imageops::{i420_to_rgb, rgb_from_raw};
use crate::injection::signature::{luma_of_rgb, Signature};
use crate::pipeline::{Pipeline, PipelineOptions};
use auth::Secret;
use inbox::{Inbox, Next};
use protocol::{
    decode_frame, error_event, read_message, read_message_limited, write_message, Command,
    ErrorCode, FORMAT_I420, KIND_FRAME, KIND_JSON, KIND_REFERENCE, KIND_RTP, MAX_AUTH_MESSAGE,
};
use session::Session;

/// How long a new connection may take to authenticate.
const AUTH_TIMEOUT: Duration = Duration::from_secs(10);

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// ORT threads per model and connection.
    pub threads: usize,
    /// Frames waiting for analysis per connection; a new frame replaces the oldest beyond this.
    pub queue: usize,
    /// Concurrent connections; more are refused with an error event.
    pub max_connections: usize,
    /// The shared secret the server must present first; `None` only with `--insecure-no-secret`
    /// (local development).
    pub secret: Option<Secret>,
    /// Print each session's frame throughput (received, analysed, dropped, analysis time)
    /// to stderr every few seconds of media time: for finding where a busy machine loses frames.
    pub log_throughput: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            threads: 1,
            queue: 1,
            max_connections: 8,
            secret: None,
            log_throughput: false,
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
    document::configure(options.threads);
    let pool = Pool {
        free: Arc::new(Mutex::new(vec![Pipeline::load(options)?])),
        options,
    };
    let active = Arc::new(AtomicUsize::new(0));
    let config = Arc::new(config);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (pool, active, config) = (pool.clone(), active.clone(), config.clone());
        if active.fetch_add(1, Ordering::SeqCst) >= config.max_connections {
            active.fetch_sub(1, Ordering::SeqCst);
            let mut s = stream;
            let _ = send(
                &mut s,
                &error_event(ErrorCode::TooManySessions, "too many sessions", true),
            );
            continue;
        }
        std::thread::spawn(move || {
            handle(stream, &pool, &config);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// With a secret, reads the first message, which must be an `auth` command carrying it (small,
/// within [`AUTH_TIMEOUT`]). Without a secret there is nothing to wait for.
fn authenticate(
    reader: &mut BufReader<TcpStream>,
    secret: Option<&Secret>,
) -> std::result::Result<(), (ErrorCode, &'static str)> {
    let Some(secret) = secret else {
        return Ok(());
    };
    const FIRST: &str = "the first message must be {\"type\":\"auth\",\"secret\":…}";
    let _ = reader.get_ref().set_read_timeout(Some(AUTH_TIMEOUT));
    let first = read_message_limited(reader, MAX_AUTH_MESSAGE);
    let _ = reader.get_ref().set_read_timeout(None);
    let (kind, payload) = match first {
        Ok(Some(m)) => m,
        Ok(None) => return Err((ErrorCode::AuthRequired, FIRST)),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            return Err((ErrorCode::AuthTimeout, "no auth command within 10 s"))
        }
        Err(_) => return Err((ErrorCode::AuthRequired, FIRST)),
    };
    match (kind, serde_json::from_slice::<Command>(&payload)) {
        // Constant-time comparison (`Secret`'s equality).
        (KIND_JSON, Ok(Command::Auth { secret: offered })) if &offered == secret => Ok(()),
        (KIND_JSON, Ok(Command::Auth { .. })) => Err((ErrorCode::AuthFailed, "wrong secret")),
        _ => Err((ErrorCode::AuthRequired, FIRST)),
    }
}

fn send(w: &mut TcpStream, v: &Value) -> std::io::Result<()> {
    write_message(w, KIND_JSON, v.to_string().as_bytes())
}

/// Writer shared by the reader (errors) and the worker (results).
#[derive(Clone)]
struct Out(Arc<Mutex<TcpStream>>);

impl Out {
    /// Closes our side, then reads and discards what the peer already sent (a server pipelines
    /// `start` and the reference after `auth`): closing with unread data would reset the
    /// connection and could destroy the error event before the peer reads it.
    fn close_after_draining(&self, mut reader: BufReader<TcpStream>) {
        if let Ok(s) = self.0.lock() {
            let _ = s.shutdown(std::net::Shutdown::Write);
        }
        let _ = reader.get_ref().set_read_timeout(Some(Duration::from_secs(1)));
        let mut sink = [0u8; 1 << 16];
        let mut left: usize = 64 << 20;
        while left > 0 {
            match std::io::Read::read(&mut reader, &mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n),
            }
        }
    }

    fn close(&self) {
        if let Ok(s) = self.0.lock() {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }

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

fn handle(stream: TcpStream, pool: &Pool, config: &ServerConfig) {
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let out = Out(Arc::new(Mutex::new(write_half)));
    let mut pipeline = match pool.take() {
        Ok(p) => p,
        Err(e) => {
            out.send(&error_event(ErrorCode::ModelsUnavailable, e.to_string(), true));
            return;
        }
    };
    let auth_mode = if config.secret.is_some() { "secret" } else { "none" };
    out.send(&json!({"type": "hello", "protocol": protocol::PROTOCOL_VERSION,
        "version": env!("CARGO_PKG_VERSION"), "auth": auth_mode, "models": pipeline.event_stamps.all}));
    let mut reader = BufReader::with_capacity(1 << 20, stream);
    if let Err((code, message)) = authenticate(&mut reader, config.secret.as_ref()) {
        out.send(&error_event(code, message, true));
        pool.give(pipeline);
        out.close_after_draining(reader);
        return;
    }
    if config.secret.is_some() {
        out.send(&json!({"type": "authenticated"}));
    }
    let inbox = Arc::new(Inbox::<Work, Work>::new(config.queue));
    let received = Arc::new(AtomicU64::new(0));
    let worker = {
        let (out, received, inbox) = (out.clone(), received.clone(), inbox.clone());
        // Session ids are not logged: connections are numbered instead.
        static CONNECTIONS: AtomicU64 = AtomicU64::new(0);
        let log = config.log_throughput.then(|| CONNECTIONS.fetch_add(1, Ordering::Relaxed) + 1);
        std::thread::spawn(move || {
            work(&mut pipeline, &inbox, &out, &received, log);
            pipeline
        })
    };
    // RTP video is decoded on the decoder's own thread; its frames join the inbox like sent ones.
    let mut video = {
        let (inbox, received, out) = (inbox.clone(), received.clone(), out.clone());
        video::RtpVideo::new(
            move |f| {
                received.fetch_add(1, Ordering::Relaxed);
                inbox.frame(Work::Frame { ts: f.pts_ms, format: FORMAT_I420, width: f.width, height: f.height, pixels: f.i420 });
            },
            // The server rate-limits what it asks of the browser; this only says the decoder wants one.
            move || out.send(&json!({"type": "keyframe_wanted"})),
        )
    };
    loop {
        let (kind, payload) = match read_message(&mut reader) {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => {
                out.send(&error_event(ErrorCode::BadFraming, format!("connection: {e}"), true));
                break;
            }
        };
        let item = match kind {
            KIND_JSON => match serde_json::from_slice::<Command>(&payload) {
                // Already authenticated (or no secret configured): a repeated `auth` is answered.
                Ok(Command::Auth { .. }) => {
                    out.send(&json!({"type": "authenticated"}));
                    continue;
                }
                Ok(c) => {
                    if let Command::Start { video_fps: Some(fps), .. } = &c {
                        video.set_fps(*fps);
                    }
                    Work::Command(c)
                }
                Err(e) => {
                    out.send(&error_event(ErrorCode::BadCommand, format!("bad command: {e}"), false));
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
                    out.send(&error_event(ErrorCode::BadFrame, format!("bad frame: {e}"), false));
                    continue;
                }
            },
            KIND_RTP => {
                if let Err(e) = video.feed(&payload) {
                    out.send(&error_event(ErrorCode::BadRtp, format!("bad RTP message: {e}"), false));
                }
                continue;
            }
            other => {
                out.send(&error_event(
                    ErrorCode::UnknownKind,
                    format!("unknown message kind {other}"),
                    false,
                ));
                continue;
            }
        };
        let is_end = matches!(item, Work::Command(Command::End));
        match item {
            // Frames never wait: when the worker is behind, the oldest waiting one is dropped.
            f @ Work::Frame { .. } => inbox.frame(f),
            other => inbox.command(other),
        }
        if is_end || worker.is_finished() {
            break;
        }
    }
    // The decoder stops before the inbox closes, so no frame arrives after the worker's last.
    drop(video);
    inbox.close();
    if let Ok(p) = worker.join() {
        pool.give(p);
    }
    out.close();
}

/// The frame's pixels as RGB and its signature for the injection hints (from the Y plane of
/// I420 directly, or the luma of RGB).
fn decode_pixels(
    format: u8,
    width: u32,
    height: u32,
    pixels: Vec<u8>,
) -> Result<(image::RgbImage, Option<Signature>)> {
    let (w, h) = (width as usize, height as usize);
    if format == FORMAT_I420 {
        let img = i420_to_rgb(width, height, &pixels)?;
        Ok((img, Signature::from_luma(&pixels[..w * h], w, h)))
    } else {
        let sig = Signature::from_luma(&luma_of_rgb(&pixels), w, h);
        Ok((rgb_from_raw(width, height, pixels)?, sig))
    }
}

/// Per-session frame counts over a stretch of media time, for `log_throughput`.
struct Throughput {
    since_ts: Option<u64>,
    received: u64,
    dropped: u64,
    analysed: u64,
    busy: Duration,
}

/// How much media time one throughput line covers.
const THROUGHPUT_EVERY_MS: u64 = 5_000;
/// `frames_dropped` is reported at most this often (media time).
const DROP_REPORT_EVERY_MS: u64 = 5_000;

impl Throughput {
    /// After an analysed frame: prints a line when the stretch is over.
    fn frame(&mut self, connection: u64, ts: u64, busy: Duration, received: u64, dropped: u64) {
        let since = *self.since_ts.get_or_insert(ts);
        self.analysed += 1;
        self.busy += busy;
        let span = ts.saturating_sub(since);
        if span >= THROUGHPUT_EVERY_MS {
            let per_s = |n: u64| n as f64 * 1000.0 / span as f64;
            eprintln!(
                "media-ai: connection {connection}: {:.1} frames/s received, {:.1} analysed, {:.1} dropped; {:.1} ms per analysed frame",
                per_s(received - self.received),
                per_s(self.analysed),
                per_s(dropped - self.dropped),
                self.busy.as_secs_f64() * 1000.0 / self.analysed as f64,
            );
            *self = Throughput { since_ts: Some(ts), received, dropped, analysed: 0, busy: Duration::ZERO };
        }
    }
}

fn work(
    p: &mut Pipeline,
    inbox: &Inbox<Work, Work>,
    out: &Out,
    received: &AtomicU64,
    log_throughput: Option<u64>,
) {
    let mut session: Option<Session> = None;
    let mut pending_document: Option<document::Pending> = None;
    let mut reported_drops = 0;
    let mut last_drop_report: Option<u64> = None;
    let mut throughput = Throughput { since_ts: None, received: 0, dropped: 0, analysed: 0, busy: Duration::ZERO };
    let no_session = || {
        error_event(
            ErrorCode::NoSession,
            "no session: send {\"type\":\"start\"} first",
            false,
        )
    };
    while let Some(Next::Command(item) | Next::Frame(item)) = inbox.next() {
        match item {
            Work::Command(Command::Start {
                session_id,
                descriptor_every,
                antispoof_every,
                video_fps: _,
            }) => {
                out.send(&json!({"type": "session_started", "session_id": session_id}));
                session = Some(Session::new(
                    session_id,
                    descriptor_every,
                    antispoof_every,
                    p.event_stamps.clone(),
                ));
            }
            Work::Command(Command::Auth { .. }) => out.send(&json!({"type": "authenticated"})),
            Work::Command(Command::Ping) => out.send(&json!({"type": "pong"})),
            Work::Command(Command::Document { request_id, year }) => {
                pending_document = Some(document::Pending { request_id, year });
            }
            // The image after a `document` command is the document, not the face reference.
            Work::Reference(bytes) if pending_document.is_some() => {
                if let Some(p) = pending_document.take() {
                    out.send(&document::answer(&p, &bytes));
                }
            }
            Work::Command(Command::Summary | Command::End) => match &session {
                Some(s) => out.send(&s.summary(received.load(Ordering::Relaxed), inbox.dropped())),
                None => out.send(&no_session()),
            },
            Work::Command(Command::Challenge {
                steps,
                moves,
                seed,
                step_timeout_ms,
                hold_frames,
                hold_ms,
                mirrored,
            }) => match session.as_mut() {
                Some(s) => {
                    let d = ChallengeConfig::default();
                    let cfg = ChallengeConfig {
                        step_timeout_ms: step_timeout_ms.unwrap_or(d.step_timeout_ms),
                        hold_frames: hold_frames.unwrap_or(d.hold_frames),
                        hold_ms: hold_ms.unwrap_or(d.hold_ms),
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
                // Wall time spent on this frame, for the throughput log only (never in a result).
                let began = Instant::now();
                match decode_pixels(format, width, height, pixels) {
                    Ok((img, sig)) => s
                        .on_frame(p, ts, &img, sig.as_ref())
                        .iter()
                        .for_each(|e| out.send(e)),
                    Err(e) => {
                        let mut ev = error_event(ErrorCode::BadFrame, e.to_string(), false);
                        ev["ts"] = json!(ts);
                        out.send(&ev);
                    }
                }
                let d = inbox.dropped();
                if let Some(connection) = log_throughput {
                    throughput.frame(connection, ts, began.elapsed(), received.load(Ordering::Relaxed), d);
                }
                // On a busy machine frames are dropped all the time: one report per stretch of
                // media time, not one per analysed frame (each is relayed and stored).
                let due = last_drop_report.is_none_or(|t| ts.saturating_sub(t) >= DROP_REPORT_EVERY_MS);
                if d > reported_drops && due {
                    out.send(
                        &json!({"type": "frames_dropped", "count": d - reported_drops, "total": d, "ts": ts}),
                    );
                    reported_drops = d;
                    last_drop_report = Some(ts);
                }
            }
        }
    }
}
