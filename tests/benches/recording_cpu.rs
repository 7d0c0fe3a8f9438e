//! Recording cost, measured on the release server binary: CPU seconds the server spends per
//! call-minute with recording on versus off (same run, same media), and the time from hang-up
//! to a closed, hashed recording. Writes its section of BENCHMARKS.md.
//!
//! Run: `make bench-record` (builds `target/release/signaling`, then `cargo bench -p tests --bench recording_cpu`).

use serde_json::json;
use std::time::{Duration, Instant};
use tests::client::CallClient;
use tests::bench::{cpu_seconds, env_or, load_average, utc_now, write_section};
use tests::process::ServerProcess;

const CALL: Duration = Duration::from_secs(60);

/// CPU seconds per thread of a process, by thread name (`/proc/<pid>/task/*/stat`).
fn thread_cpu(pid: u32) -> Vec<(String, f64)> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Vec::new() };
    tasks
        .flatten()
        .filter_map(|t| {
            let stat = std::fs::read_to_string(t.path().join("stat")).ok()?;
            let (head, rest) = stat.rsplit_once(')')?;
            let name = head.split_once('(')?.1.to_owned();
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((name, (f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0))
        })
        .collect()
}

/// The forwarding path: the async runtime's workers (the webrtc drivers and the per-track
/// forwarding tasks run there) and the main thread. Everything else is the taps (`media-taps`),
/// the recorder's thread (`rec-…`), which depayloads, muxes and writes.
fn forwarding_cpu(threads: &[(String, f64)]) -> f64 {
    threads.iter().filter(|(n, _)| n.starts_with("tokio-r") || n == "signaling").map(|(_, c)| c).sum()
}

/// CPU of the threads that exist at the end, minus what the same threads had at the start.
fn cpu_delta(before: &[(String, f64)], after: &[(String, f64)]) -> (f64, f64) {
    let total = |t: &[(String, f64)]| t.iter().map(|(_, c)| c).sum::<f64>();
    // Threads that ended during the call are missing from `after`; the process total covers them.
    (forwarding_cpu(after) - forwarding_cpu(before), total(after) - total(before))
}

struct Measured {
    process: f64,
    forwarding: f64,
    closed: Option<Duration>,
}

async fn one_call(recording: bool) -> Measured {
    let server = ServerProcess::start_with("release", &[("VKYC_RECORDING__ENABLED", if recording { "true" } else { "false" })]).await;
    let (s, ct, at) = server.new_call().await;
    let mut customer = CallClient::join(&server.ws_url(), &ct).await.expect("join");
    let mut agent = CallClient::join(&server.ws_url(), &at).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    let cpu0 = cpu_seconds(server.pid());
    let threads0 = thread_cpu(server.pid());
    tokio::time::sleep(CALL).await;
    let cpu = cpu_seconds(server.pid()) - cpu0;
    let (forwarding, _) = cpu_delta(&threads0, &thread_cpu(server.pid()));
    agent.send(json!({"type": "hangup"}));
    let hung_up = Instant::now();
    let mut closed = None;
    if recording {
        for _ in 0..300 {
            let v = server.get(&format!("/api/v1/sessions/{s}/recording")).await;
            if v["state"] == "closed" {
                closed = Some(hung_up.elapsed());
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    customer.drop_abruptly().await;
    agent.drop_abruptly().await;
    Measured { process: cpu, forwarding, closed }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    // Rounds interleaved off/on, so a change in the shared machine's load hits both alike.
    let rounds: usize = env_or("BENCH_ROUNDS", 3);
    let load_before = load_average();
    let (mut off, mut on) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        off.push(one_call(false).await);
        on.push(one_call(true).await);
        println!("round: off {:.2}/{:.2} s, on {:.2}/{:.2} s (process/forwarding); load {}", off.last().map_or(0.0, |m| m.process), off.last().map_or(0.0, |m| m.forwarding), on.last().map_or(0.0, |m| m.process), on.last().map_or(0.0, |m| m.forwarding), load_average());
    }
    let load_after = load_average();
    let med = |v: &[Measured], f: fn(&Measured) -> f64| median(v.iter().map(f).collect());
    let per_round = |v: &[Measured], f: fn(&Measured) -> f64| v.iter().map(|m| format!("{:.2}", f(m))).collect::<Vec<_>>().join(", ");
    let (p_off, p_on) = (med(&off, |m| m.process), med(&on, |m| m.process));
    let (f_off, f_on) = (med(&off, |m| m.forwarding), med(&on, |m| m.forwarding));
    let closed: Vec<f64> = on.iter().filter_map(|m| m.closed).map(|d| d.as_millis() as f64).collect();
    let closed_ms = if closed.is_empty() { f64::NAN } else { median(closed) };
    let date = utc_now();
    let section = format!(
        "<!-- recording-cpu:start -->\n## Recording cost in the server (`make bench-record`)\n\
         Run {date}: {rounds} rounds of one 60-second two-party call each with recording off and on, interleaved (Rust test clients,\n\
         VP8 640×480 ~600 kbit/s + Opus each way), release server. Load average before {load_before}, after {load_after}\n\
         (2 cores shared with other people's builds). CPU = utime+stime during the call: the whole process, and the forwarding\n\
         path alone (the async runtime's threads, `tokio-rt-worker`: the engine's drivers and the forwarding tasks); the rest is the tap thread,\n\
         the recorder's thread (depayloading, muxing, writing). Median (per round).\n\n\
         | recording | process CPU per call-minute | ratio | forwarding-path CPU per call-minute | ratio |\n|---|---|---|---|---|\n\
         | off | {p_off:.2} s ({}) | 1.00 | {f_off:.2} s ({}) | 1.00 |\n| on | {p_on:.2} s ({}) | {:.2} | {f_on:.2} s ({}) | {:.2} |\n\n\
         Hang-up to a closed, remuxed and hashed recording (4 files): {closed_ms:.0} ms (median).\n<!-- recording-cpu:end -->",
        per_round(&off, |m| m.process), per_round(&off, |m| m.forwarding), per_round(&on, |m| m.process),
        p_on / p_off.max(0.001), per_round(&on, |m| m.forwarding), f_on / f_off.max(0.001)
    );
    println!("{section}");
    write_section("recording-cpu", &section);
}
