//! Memory across join/leave churn: test clients join a call (signaling socket, peer
//! connection, ICE and DTLS up), then leave, `CHURN_CYCLES` times (default 10,000), against the
//! release server. The server's resident memory after a warm-up is the baseline; it is read
//! every `CHURN_SAMPLE_EVERY` cycles and must end within ±2% of the baseline (an unbounded leak of a
//! few KiB per cycle shows up as tens of MiB here). Also reports tasks and open sockets, which
//! must come back, and the cycle rate. Writes its section of BENCHMARKS.md and exits non-zero
//! when memory is not flat.
//!
//! Run: `make bench-churn` (`CHURN_CYCLES`, `CHURN_PARALLEL`, `CHURN_WARMUP` tune it).
//! `tests/tests/leak.rs` is the 300-cycle version that runs with the test suite.

use std::time::Instant;
use tests::client::{CallClient, Credential};
use tests::bench::{env_or, load_average, utc_now, write_section};
use tests::process::{ServerProcess, LOAD_LIMITS};

/// One cycle: join, media connected, leave. False when the media did not connect.
async fn cycle(server: &ServerProcess, token: &Credential) -> bool {
    let Ok(mut c) = CallClient::join(&server.ws_url(), token).await else {
        return false;
    };
    let up = c.connected(10).await;
    c.leave().await;
    up
}

/// Runs `n` cycles, `tokens.len()` at a time (one session per token: a customer is in a call
/// once); returns how many did not connect.
async fn rounds(server: &ServerProcess, tokens: &[Credential], n: usize) -> usize {
    let mut failed = 0;
    for _ in 0..n.div_ceil(tokens.len()) {
        let done = futures::future::join_all(tokens.iter().map(|t| cycle(server, t))).await;
        failed += done.iter().filter(|up| !**up).count();
    }
    failed
}

struct Sample {
    cycles: usize,
    rss_mib: f64,
    tasks: f64,
    sockets: f64,
}

async fn sample(server: &ServerProcess, cycles: usize) -> Sample {
    server.settle().await;
    Sample {
        cycles,
        rss_mib: server.gauge("process_resident_memory_bytes").await / 1048576.0,
        tasks: server.gauge("tokio_alive_tasks").await,
        sockets: server.gauge("process_open_sockets").await,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let cycles: usize = env_or("CHURN_CYCLES", 10_000);
    let parallel: usize = env_or("CHURN_PARALLEL", 8);
    let warmup: usize = env_or("CHURN_WARMUP", 400);
    let every: usize = env_or("CHURN_SAMPLE_EVERY", 1_000);
    let date = utc_now();
    // Recording off: every rejoin adds a segment to the session's recording, whose manifest
    // legitimately grows; this measures signaling and the SFU.
    let env: Vec<(&str, &str)> = LOAD_LIMITS.into_iter().chain([("VKYC_RECORDING__ENABLED", "false")]).collect();
    let server = ServerProcess::start_with("release", &env).await;
    let mut tokens = Vec::new();
    for _ in 0..parallel {
        tokens.push(server.new_call().await.1);
    }
    let load_before = load_average();
    let failed_warmup = rounds(&server, &tokens, warmup).await;
    let base = sample(&server, 0).await;
    println!("warm-up {warmup} cycles ({failed_warmup} without media): rss {:.1} MiB, tasks {}, sockets {}", base.rss_mib, base.tasks, base.sockets);
    let mut samples = vec![];
    let mut failed = 0;
    let t0 = Instant::now();
    let mut done = 0;
    while done < cycles {
        let n = every.min(cycles - done);
        failed += rounds(&server, &tokens, n).await;
        done += n.div_ceil(parallel) * parallel;
        let s = sample(&server, done).await;
        println!("{done} cycles: rss {:.1} MiB ({:+.2}%), tasks {}, sockets {}, {:.1} cycles/s", s.rss_mib, (s.rss_mib / base.rss_mib - 1.0) * 100.0, s.tasks, s.sockets, done as f64 / t0.elapsed().as_secs_f64());
        samples.push(s);
    }
    let took = t0.elapsed().as_secs_f64();
    let last = samples.last().expect("at least one sample");
    let drift = (last.rss_mib / base.rss_mib - 1.0) * 100.0;
    let max = samples.iter().map(|s| s.rss_mib).fold(base.rss_mib, f64::max);
    let flat = drift.abs() <= 2.0 && last.tasks <= base.tasks + 1.0 && last.sockets <= base.sockets + 1.0;
    let rows: String = samples
        .iter()
        .map(|s| format!("| {} | {:.1} MiB ({:+.2}%) | {} | {} |\n", s.cycles, s.rss_mib, (s.rss_mib / base.rss_mib - 1.0) * 100.0, s.tasks, s.sockets))
        .collect();
    let section = format!(
        "<!-- churn:start -->\n## Memory across join/leave churn (`make bench-churn`)\n\
         Run {date}: the release server (SQLite, recording off), {parallel} sessions whose customers each join (signaling socket,\n\
         peer connection, ICE + DTLS connected, media flowing) and leave, {parallel} at a time, {done} cycles after a {warmup}-cycle\n\
         warm-up, in {took:.0} s ({:.1} cycles/s; {failed} cycles did not connect). Server RSS, tokio tasks and open sockets read\n\
         from `/metrics` once the server has closed every peer connection. Load average before {load_before}, after {}.\n\n\
         | cycles after warm-up | server RSS | tokio tasks | open sockets |\n|---|---|---|---|\n\
         | 0 (baseline) | {:.1} MiB | {} | {} |\n{rows}\n\
         **RSS after {done} cycles: {drift:+.2}% of the baseline** (target ±2%; highest reading {:.1} MiB), tasks and sockets back to\n\
         {} and {}: {}.\n<!-- churn:end -->",
        done as f64 / took,
        load_average(),
        base.rss_mib,
        base.tasks,
        base.sockets,
        max,
        last.tasks,
        last.sockets,
        if flat { "flat" } else { "NOT flat" },
    );
    println!("{section}");
    write_section("churn", &section);
    std::process::exit(if flat { 0 } else { 1 });
}
