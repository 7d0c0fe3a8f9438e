//! One session's connection to the media-ai sidecar: an actor that owns the TCP stream,
//! reconnects when the sidecar goes away, and hands every event to the session's sink.
//! A missing or slow sidecar never touches the call: inputs are dropped, never awaited.

use super::wire;
use bytes::{Bytes, BytesMut};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_util::task::TaskTracker;
use crate::config::Secret;

/// What the server sends to the sidecar for one session.
#[derive(Debug)]
pub enum Input {
    Reference(Vec<u8>),
    /// The customer's video RTP packets since the last batch, with their arrival times.
    Video(Vec<(SystemTime, Bytes)>),
    Command(Value),
    End,
}

/// What the link reports: sidecar events, and its own availability.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Available(bool),
    Event(Value),
}

/// Video batches (one per tap turn, ≈ 100 ms) queued towards the sidecar at most, ≈ 2 s; beyond
/// that they are dropped, and the sidecar's decoder asks for a keyframe to recover.
const VIDEO_BACKLOG: usize = 20;

/// Video and control travel separately: video is dropped when the sidecar lags; the reference
/// photo and commands are rare and must never be lost behind video.
#[derive(Clone)]
pub struct Link {
    video: mpsc::Sender<Input>,
    control: mpsc::UnboundedSender<Input>,
    keyframe_wanted: Arc<AtomicBool>,
}

impl Link {
    /// `video_fps`: decoded frames per second the sidecar analyses.
    pub fn spawn(addr: SocketAddr, secret: Secret, session_id: String, video_fps: u32, out: mpsc::UnboundedSender<Output>, tasks: &TaskTracker) -> Link {
        let (video, video_rx) = mpsc::channel(VIDEO_BACKLOG);
        let (control, control_rx) = mpsc::unbounded_channel();
        let keyframe_wanted = Arc::new(AtomicBool::new(false));
        let session = Session { session_id, video_fps, keyframe_wanted: keyframe_wanted.clone() };
        tasks.spawn(run(addr, secret, session, Inputs { video: video_rx, control: control_rx }, out));
        Link { video, control, keyframe_wanted }
    }

    /// Never waits. Returns false when video was dropped (the sidecar is behind) or the link is gone.
    pub fn send(&self, input: Input) -> bool {
        match input {
            Input::Video(_) => self.video.try_send(input).is_ok(),
            other => self.control.send(other).is_ok(),
        }
    }

    /// Whether the sidecar's decoder lost its reference since the last call (`keyframe_wanted`):
    /// the caller asks the customer's browser for a keyframe.
    pub fn take_keyframe_request(&self) -> bool {
        self.keyframe_wanted.swap(false, Ordering::Relaxed)
    }
}

/// The session a link serves: what it tells the sidecar on every (re)connection, and where the
/// sidecar's keyframe wishes go.
struct Session {
    session_id: String,
    video_fps: u32,
    keyframe_wanted: Arc<AtomicBool>,
}

struct Inputs {
    video: mpsc::Receiver<Input>,
    control: mpsc::UnboundedReceiver<Input>,
}

impl Inputs {
    /// The next input, control first. None when the link was dropped.
    async fn recv(&mut self) -> Option<Input> {
        tokio::select! {
            biased;
            c = self.control.recv() => c,
            v = self.video.recv() => v,
        }
    }
}

async fn run(addr: SocketAddr, secret: Secret, session: Session, mut rx: Inputs, out: mpsc::UnboundedSender<Output>) {
    let mut reference: Option<Vec<u8>> = None;
    let mut available = None;
    loop {
        let stream = match TcpStream::connect(addr).await {
            Ok(s) => s,
            Err(_) => {
                if available != Some(false) {
                    available = Some(false);
                    let _ = out.send(Output::Available(false));
                }
                // Keep draining inputs while waiting, remembering the reference photo.
                let wait = tokio::time::sleep(Duration::from_secs(2));
                tokio::pin!(wait);
                loop {
                    tokio::select! {
                        _ = &mut wait => break,
                        input = rx.recv() => match input {
                            None | Some(Input::End) => return,
                            Some(Input::Reference(r)) => reference = Some(r),
                            Some(_) => {}
                        }
                    }
                }
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (mut reader, mut writer) = stream.into_split();
        // The sidecar introduces itself first; a sidecar of another protocol, or one that
        // admits anybody while we hold a secret, is a configuration error: wait, don't hammer.
        match tokio::time::timeout(Duration::from_secs(5), wire::read_event(&mut reader)).await {
            Ok(Ok(hello)) if hello["type"] == "hello" && hello["protocol"] == wire::PROTOCOL => {
                if hello["auth"] == "none" && !secret.0.is_empty() {
                    tracing::error!("the media-ai sidecar accepts unauthenticated connections; refusing to use it");
                    misconfigured(&mut available, &out, &mut rx, &mut reference).await;
                    continue;
                }
            }
            Ok(Ok(other)) => {
                tracing::error!(protocol = %other["protocol"], "the media-ai sidecar speaks another protocol");
                misconfigured(&mut available, &out, &mut rx, &mut reference).await;
                continue;
            }
            _ => continue,
        }
        // The sidecar processes nothing before the shared secret (PROTOCOL.md, "Authentication").
        let mut hello: Vec<BytesMut> = vec![
            wire::json(&json!({"type": "auth", "secret": secret.0})),
            wire::json(&json!({"type": "start", "session_id": session.session_id, "video_fps": session.video_fps})),
        ];
        if let Some(r) = &reference {
            hello.push(wire::message(wire::KIND_REFERENCE, r));
        }
        let mut ok = true;
        for m in hello {
            ok &= writer.write_all(&m).await.is_ok();
        }
        if !ok {
            continue;
        }
        let _ = out.send(Output::Available(true));
        let (ev_tx, mut ev_rx) = mpsc::unbounded_channel();
        let reader_task = tokio::spawn(async move {
            while let Ok(v) = wire::read_event(&mut reader).await {
                if ev_tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut refused = false;
        let ended = loop {
            tokio::select! {
                ev = ev_rx.recv() => match ev {
                    Some(v) if v["type"] == "authenticated" => {}
                    // A decoder matter between us and the sidecar, not an analysis result.
                    Some(v) if v["type"] == "keyframe_wanted" => session.keyframe_wanted.store(true, Ordering::Relaxed),
                    Some(v) if v["type"] == "error" && v["code"].as_str().is_some_and(|c| c.starts_with("auth_")) => {
                        // Never log the secret; the code says what is wrong.
                        tracing::error!(code = %v["code"], "the media-ai sidecar refused our secret");
                        refused = true;
                    }
                    Some(v) => { let _ = out.send(Output::Event(v)); }
                    None => break false, // sidecar closed or died: reconnect
                },
                input = rx.recv() => {
                    let bytes = match input {
                        None | Some(Input::End) => {
                            let _ = writer.write_all(&wire::json(&json!({"type": "end"}))).await;
                            // The sidecar answers `end` with a summary, then closes.
                            let drain = tokio::time::timeout(Duration::from_secs(2), async {
                                while let Some(v) = ev_rx.recv().await {
                                    let _ = out.send(Output::Event(v));
                                }
                            });
                            let _ = drain.await;
                            break true;
                        }
                        Some(Input::Reference(r)) => { let b = wire::message(wire::KIND_REFERENCE, &r); reference = Some(r); b }
                        Some(Input::Video(packets)) => {
                            let mut b = BytesMut::new();
                            for (arrival, p) in &packets {
                                wire::put_rtp(&mut b, *arrival, p);
                            }
                            b
                        }
                        Some(Input::Command(v)) => wire::json(&v),
                    };
                    if writer.write_all(&bytes).await.is_err() {
                        break false;
                    }
                }
            }
        };
        reader_task.abort();
        if ended {
            return;
        }
        if refused {
            misconfigured(&mut available, &out, &mut rx, &mut reference).await;
            continue;
        }
        available = Some(false);
        let _ = out.send(Output::Available(false));
    }
}

/// How long a misconfigured sidecar (wrong secret, wrong protocol) is left alone.
const MISCONFIGURED_BACKOFF: Duration = Duration::from_secs(30);

/// Reports the sidecar unavailable and waits, still draining inputs (keeping the reference
/// photo), so a configuration error costs one log line per backoff, not a reconnect storm.
async fn misconfigured(available: &mut Option<bool>, out: &mpsc::UnboundedSender<Output>, rx: &mut Inputs, reference: &mut Option<Vec<u8>>) {
    if *available != Some(false) {
        *available = Some(false);
        let _ = out.send(Output::Available(false));
    }
    let wait = tokio::time::sleep(MISCONFIGURED_BACKOFF);
    tokio::pin!(wait);
    loop {
        tokio::select! {
            _ = &mut wait => return,
            input = rx.recv() => match input {
                None | Some(Input::End) => return,
                Some(Input::Reference(r)) => *reference = Some(r),
                Some(_) => {}
            }
        }
    }
}
