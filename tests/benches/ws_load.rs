//! Signaling under load: how many queue/console WebSockets (`/api/v1/queue/ws`) one server
//! process holds, what each costs in memory, and how fast customers can join.
//!
//! A customer waiting for an agent holds this socket for minutes; it is the one a call centre
//! has thousands of at once (the call socket comes with a peer connection per participant and
//! is measured by `make bench-sfu`). Each client here opens the socket and authenticates with
//! its own session's customer token (`{"type":"customer"}` → a database lookup of the token →
//! `customer_ready`), then stays connected.
//!
//! Phases, against the release server: create `N` sessions with a customer link each (the
//! integrator API), read the server's RSS, open and authenticate the `N` sockets at a target
//! rate (`RATE` joins/s, open-loop: one join started every 1/RATE s, however long the earlier
//! ones take), hold them all for `HOLD` seconds while a sample answers a ping, read the RSS
//! again, then close them and read it a third time. Then the call socket (`/ws`): `WS_CALL_JOINS`
//! of the customers (default 5,000) consent and join it at the same rate, each sending a recorded
//! Chromium offer; the server builds a peer connection and answers; the time to the answer is
//! measured and the customer leaves. Writes its section of BENCHMARKS.md.
//!
//! Run: `make bench-ws` (release build; `WS_SOCKETS`, `WS_RATE`, `WS_HOLD_SECS` tune it). The
//! client side holds N sockets too: with the server that is 2N descriptors on the machine,
//! each process under its own `ulimit -n`.

use futures::{SinkExt, StreamExt};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::client::open_socket;
use tests::bench::{cpu_seconds, env_or, load_average, quantile, rss_kib, utc_now, write_section};
use tests::process::{ServerProcess, LOAD_LIMITS};
use tokio::sync::{mpsc, Semaphore};
use tokio_tungstenite::tungstenite::Message;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a queue socket and authenticates as the customer of `token`: the socket and the time
/// from starting the TCP connection to `customer_ready`.
async fn join(url: &str, token: &str) -> anyhow::Result<(Socket, Duration)> {
    let started = Instant::now();
    let mut ws = open_socket(url, None).await?;
    ws.send(Message::text(json!({"type": "customer", "token": token}).to_string())).await?;
    while let Some(m) = ws.next().await {
        if let Message::Text(t) = m? {
            let v: serde_json::Value = serde_json::from_str(&t)?;
            match v["type"].as_str() {
                Some("customer_ready") => return Ok((ws, started.elapsed())),
                Some("error") => anyhow::bail!("refused: {}", v["code"]),
                _ => {}
            }
        }
    }
    anyhow::bail!("closed before customer_ready")
}

/// A held socket, read all the time as a browser does (reading answers the server's keep-alive
/// pings; a socket that never reads is closed as dead after three of them).
struct Held {
    pings: mpsc::Sender<u64>,
    pongs: mpsc::Receiver<()>,
}

fn keep_reading(ws: Socket) -> Held {
    let (pings, mut ping_rx) = mpsc::channel::<u64>(1);
    let (pong_tx, pongs) = mpsc::channel(1);
    tokio::spawn(async move {
        let (mut sink, mut stream) = ws.split();
        loop {
            tokio::select! {
                id = ping_rx.recv() => match id {
                    Some(id) => {
                        if sink.send(Message::text(json!({"type": "ping", "id": id}).to_string())).await.is_err() {
                            break;
                        }
                    }
                    None => {
                        let _ = sink.close().await;
                        break;
                    }
                },
                m = stream.next() => match m {
                    Some(Ok(Message::Text(t))) if t.contains("\"pong\"") => {
                        let _ = pong_tx.try_send(());
                    }
                    Some(Ok(_)) => {}
                    _ => break,
                },
            }
        }
    });
    Held { pings, pongs }
}

/// Sends a ping on a held socket and waits for its pong.
async fn ping(held: &mut Held, id: u64) -> bool {
    if held.pings.send(id).await.is_err() {
        return false;
    }
    tokio::time::timeout(Duration::from_secs(10), held.pongs.recv()).await.ok().flatten().is_some()
}

/// The offer a Chromium customer page sends (a recorded one; `tests/fixtures/chrome-offer.sdp`).
const OFFER: &str = include_str!("../fixtures/chrome-offer.sdp");

/// One customer joining the call socket with an offer: the time from starting the TCP
/// connection to the server's SDP answer (the server has built the peer connection). The
/// socket then closes, as a customer who leaves.
async fn join_call(url: &str, token: &str) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let mut ws = open_socket(url, None).await?;
    ws.send(Message::text(json!({"type": "join", "token": token, "protocol": 1}).to_string())).await?;
    while let Some(m) = ws.next().await {
        if let Message::Text(t) = m? {
            let v: serde_json::Value = serde_json::from_str(&t)?;
            match v["type"].as_str() {
                Some("joined") => ws.send(Message::text(json!({"type": "offer", "sdp": OFFER}).to_string())).await?,
                Some("answer") => {
                    let took = started.elapsed();
                    let _ = ws.close(None).await;
                    return Ok(took);
                }
                Some("error") => anyhow::bail!("refused: {}", v["code"]),
                _ => {}
            }
        }
    }
    anyhow::bail!("closed before the answer")
}

/// What a run of joins gave: the successes, how many failed (and the first error), and how long
/// the run took from the first start to the last answer.
struct Outcome<T> {
    ok: Vec<T>,
    failures: usize,
    first_error: Option<String>,
    window: f64,
}

/// One join per token, started open-loop at `rate` per second (one every 1/rate s, however long
/// the earlier ones take).
async fn open_loop<T, F, Fut>(tokens: Vec<String>, rate: f64, join: F) -> Outcome<T>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let started = Instant::now();
    let mut joins = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.into_iter().enumerate() {
        tokio::time::sleep_until((started + Duration::from_secs_f64(i as f64 / rate)).into()).await;
        joins.push(tokio::spawn(join(token)));
    }
    let mut out = Outcome { ok: Vec::with_capacity(joins.len()), failures: 0, first_error: None, window: 0.0 };
    for j in joins {
        match j.await.expect("join task") {
            Ok(v) => out.ok.push(v),
            Err(e) => {
                out.failures += 1;
                out.first_error.get_or_insert_with(|| e.to_string());
            }
        }
    }
    out.window = started.elapsed().as_secs_f64();
    out
}

/// Call-socket joins at `rate` per second, open-loop, one per session (each customer consents
/// first: no media before consent). Returns the BENCHMARKS.md lines.
async fn call_joins(server: &Arc<ServerProcess>, sessions: &[(String, String)], rate: f64) -> String {
    let gate = Arc::new(Semaphore::new(16));
    let mut consents = Vec::new();
    for (s, token) in sessions.iter().cloned() {
        let (server, gate) = (server.clone(), gate.clone());
        consents.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.expect("semaphore");
            server.consent(&s, &token).await;
        }));
    }
    for c in consents {
        c.await.expect("consent task");
    }
    let pid = server.pid();
    let url = server.ws_url();
    let cpu_before = cpu_seconds(pid);
    let tokens = sessions.iter().map(|(_, t)| t.clone()).collect();
    let outcome = open_loop(tokens, rate, |token| {
        let url = url.clone();
        async move { join_call(&url, &token).await }
    })
    .await;
    let cpu = cpu_seconds(pid) - cpu_before;
    let mut latencies: Vec<f64> = outcome.ok.iter().map(|took| took.as_secs_f64() * 1000.0).collect();
    latencies.sort_by(f64::total_cmp);
    let (n, failures) = (sessions.len(), outcome.failures);
    let line = format!(
        "Call socket (`/ws`): {n} customers, one per session, each joining with its token and sending a recorded Chromium offer\n\
         (`tests/fixtures/chrome-offer.sdp`), started open-loop at {rate:.0} joins/s; the server builds a peer connection\n\
         per join and answers, then the customer leaves. {failures} failed{err}.\n\n\
         | measure | value |\n|---|---|\n\
         | join rate achieved (all {n} answered) | **{:.0} joins/s** (target rate {rate:.0}) |\n\
         | join → SDP answer (TCP connect → `answer`) p50 / p99 / max | {:.1} / **{:.1}** / {:.1} ms |\n\
         | server CPU during the joins | {cpu:.2} s ({:.0} µs per join) |\n",
        n as f64 / outcome.window,
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.99),
        quantile(&latencies, 1.0),
        cpu * 1e6 / n.max(1) as f64,
        err = outcome.first_error.map(|e| format!(" (first: {e})")).unwrap_or_default(),
    );
    println!("{line}");
    line
}

#[tokio::main]
async fn main() {
    let n: usize = env_or("WS_SOCKETS", 10_000);
    let rate: f64 = env_or("WS_RATE", 500.0);
    let hold = Duration::from_secs(env_or("WS_HOLD_SECS", 20));
    let call_joins_n: usize = env_or("WS_CALL_JOINS", 5_000);
    let date = utc_now();
    let env: Vec<(&str, &str)> = LOAD_LIMITS.into_iter().chain([("VKYC_RECORDING__ENABLED", "false")]).collect();
    let server = ServerProcess::start_with("release", &env).await;
    let pid = server.pid();
    let url = format!("{}/api/v1/queue/ws", server.base.replacen("http", "ws", 1));

    // Sessions and customer tokens, 16 requests in flight.
    let t = Instant::now();
    let server = Arc::new(server);
    let gate = Arc::new(Semaphore::new(16));
    let mut made = Vec::with_capacity(n);
    for _ in 0..n {
        let (server, gate) = (server.clone(), gate.clone());
        made.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.expect("semaphore");
            let s = server.post("/api/v1/sessions", json!({})).await["id"].as_str().expect("id").to_owned();
            let token = server.post(&format!("/api/v1/sessions/{s}/links"), json!({"role": "customer"})).await["token"].as_str().expect("token").to_owned();
            (s, token)
        }));
    }
    let mut sessions = Vec::with_capacity(n);
    for m in made {
        sessions.push(m.await.expect("session"));
    }
    let tokens: Vec<String> = sessions.iter().map(|(_, t)| t.clone()).collect();
    println!("{n} sessions with customer links in {:.1} s", t.elapsed().as_secs_f64());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_before = rss_kib(pid);
    let cpu_before = cpu_seconds(pid);
    let load_before = load_average();

    // Joins, open-loop at `rate`.
    let outcome = open_loop(tokens, rate, |token| {
        let url = url.clone();
        async move { join(&url, &token).await }
    })
    .await;
    let (failures, first_error, join_window) = (outcome.failures, outcome.first_error, outcome.window);
    let mut latencies = Vec::with_capacity(n);
    let mut sockets = Vec::with_capacity(n);
    for (ws, took) in outcome.ok {
        sockets.push(keep_reading(ws));
        latencies.push(took.as_secs_f64() * 1000.0);
    }
    let cpu_joins = cpu_seconds(pid) - cpu_before;
    latencies.sort_by(f64::total_cmp);
    println!(
        "{} joined, {failures} failed ({}), in {join_window:.1} s; join p50 {:.1} ms p99 {:.1} ms max {:.1} ms",
        sockets.len(),
        first_error.as_deref().unwrap_or("-"),
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.99),
        quantile(&latencies, 1.0)
    );

    // Hold, then check a sample is alive.
    tokio::time::sleep(hold).await;
    let held = sockets.len();
    let rss_held = rss_kib(pid);
    let cpu_idle = {
        let c0 = cpu_seconds(pid);
        tokio::time::sleep(Duration::from_secs(10)).await;
        (cpu_seconds(pid) - c0) / 10.0
    };
    let step = (held / 100).max(1);
    let mut alive = 0;
    let mut sampled = 0;
    for (i, ws) in sockets.iter_mut().enumerate().step_by(step) {
        sampled += 1;
        if ping(ws, i as u64).await {
            alive += 1;
        }
    }
    println!("held {held} sockets; RSS {rss_before} KiB before → {rss_held} KiB held; {alive}/{sampled} sampled sockets answer a ping");

    // Dropping the ping senders closes every socket.
    drop(sockets);
    tokio::time::sleep(Duration::from_secs(5)).await;
    let rss_after = rss_kib(pid);
    let calls = call_joins(&server, &sessions[..call_joins_n.min(n)], rate).await;
    let load_after = load_average();

    let per_socket = (rss_held.saturating_sub(rss_before)) as f64 * 1024.0 / held.max(1) as f64;
    let section = format!(
        "<!-- ws-load:start -->\n## Signaling under load: concurrent queue sockets and call joins (`make bench-ws`)\n\
         Run {date}: one release server process (SQLite), {n} customers each opening the queue socket (`/api/v1/queue/ws`) and\n\
         authenticating with their own session's token (`customer` → token lookup → `customer_ready`), started open-loop at\n\
         {rate:.0} joins/s from one client process on the same machine (loopback), then all held for {hold_s} s. Load average\n\
         before {load_before}, after {load_after} (2 cores shared with other people's builds; the client process shares them).\n\n\
         | measure | value |\n|---|---|\n\
         | sockets held at once | {held} ({failures} joins failed{err}) |\n\
         | server RSS: before / all held / after closing | {:.1} / {:.1} / {:.1} MiB |\n\
         | **memory per held socket** (RSS growth ÷ sockets) | **{:.1} KiB** |\n\
         | join rate achieved (all {n} joins started and answered) | **{:.0} joins/s** (target rate {rate:.0}) |\n\
         | join latency (TCP connect → `customer_ready`) p50 / p99 / max | {:.1} / **{:.1}** / {:.1} ms |\n\
         | server CPU during the joins | {cpu_joins:.2} s ({:.0} µs per join) |\n\
         | server CPU while holding them idle | {:.1}% of a core |\n\
         | sampled sockets answering a ping after the hold | {alive}/{sampled} |\n\n\
         {calls}\n<!-- ws-load:end -->",
        rss_before as f64 / 1024.0,
        rss_held as f64 / 1024.0,
        rss_after as f64 / 1024.0,
        per_socket / 1024.0,
        n as f64 / join_window,
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.99),
        quantile(&latencies, 1.0),
        cpu_joins * 1e6 / held.max(1) as f64,
        cpu_idle * 100.0,
        hold_s = hold.as_secs(),
        err = first_error.map(|e| format!("; first: {e}")).unwrap_or_default(),
    );
    println!("{section}");
    write_section("ws-load", &section);
}
