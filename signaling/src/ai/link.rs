//! One session's connection to the media-ai sidecar: an actor that owns the TCP stream,
//! reconnects when the sidecar goes away, and hands every event to the session's sink.
//! A missing or slow sidecar never touches the call: inputs are dropped, never awaited.

use super::wire;
use bytes::BytesMut;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_util::task::TaskTracker;
use crate::config::Secret;

/// What the server sends to the sidecar for one session.
#[derive(Debug)]
pub enum Input {
    Reference(Vec<u8>),
    Frame { width: u32, height: u32, ts_ms: u64, i420: Vec<u8> },
    Command(Value),
    End,
}

/// What the link reports: sidecar events, and its own availability.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Available(bool),
    Event(Value),
}

/// Frames queued towards the sidecar at most; more are dropped (the sidecar drops too when busy).
const FRAME_BACKLOG: usize = 4;

/// Frames and control travel separately: frames are replaceable and dropped when the sidecar
/// lags; the reference photo and commands are rare and must never be lost behind frames.
#[derive(Clone)]
pub struct Link {
    frames: mpsc::Sender<Input>,
    control: mpsc::UnboundedSender<Input>,
}

impl Link {
    pub fn spawn(addr: SocketAddr, secret: Secret, session_id: String, out: mpsc::UnboundedSender<Output>, tasks: &TaskTracker) -> Link {
        let (frames, frames_rx) = mpsc::channel(FRAME_BACKLOG);
        let (control, control_rx) = mpsc::unbounded_channel();
        tasks.spawn(run(addr, secret, session_id, Inputs { frames: frames_rx, control: control_rx }, out));
        Link { frames, control }
    }

    /// Never waits. Returns false when a frame was dropped (the sidecar is behind) or the link is gone.
    pub fn send(&self, input: Input) -> bool {
        match input {
            Input::Frame { .. } => self.frames.try_send(input).is_ok(),
            other => self.control.send(other).is_ok(),
        }
    }
}

struct Inputs {
    frames: mpsc::Receiver<Input>,
    control: mpsc::UnboundedReceiver<Input>,
}

impl Inputs {
    /// The next input, control first. None when the link was dropped.
    async fn recv(&mut self) -> Option<Input> {
        tokio::select! {
            biased;
            c = self.control.recv() => c,
            f = self.frames.recv() => f,
        }
    }
}

async fn run(addr: SocketAddr, secret: Secret, session_id: String, mut rx: Inputs, out: mpsc::UnboundedSender<Output>) {
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
            wire::json(&json!({"type": "start", "session_id": session_id})),
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
                        Some(Input::Frame { width, height, ts_ms, i420 }) => wire::i420_frame(width, height, ts_ms, &i420),
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
