//! Recording cost, measured on the release server binary: CPU seconds the server spends per
//! call-minute with recording on versus off (same run, same media), and the time from hang-up
//! to a closed, hashed recording. Writes its section of BENCHMARKS.md.
//!
//! Run: `make bench-record` (builds `target/release/signaling`, then `cargo bench -p tests --bench recording_cpu`).

use serde_json::json;
use std::time::{Duration, Instant};
use tests::client::CallClient;
use tests::process::ServerProcess;

const CALL: Duration = Duration::from_secs(60);

/// utime + stime of a process, in seconds (from /proc/<pid>/stat; clock ticks of 1/100 s).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 = fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
    ticks / 100.0
}

async fn one_call(recording: bool) -> (f64, Option<Duration>) {
    let server = ServerProcess::start_with("release", &[("VKYC_RECORDING__ENABLED", if recording { "true" } else { "false" })]).await;
    let (s, ct, at) = server.new_call().await;
    let mut customer = CallClient::join(&server.ws_url(), &ct).await.expect("join");
    let mut agent = CallClient::join(&server.ws_url(), &at).await.expect("join");
    assert!(customer.connected(10).await && agent.connected(10).await);
    let cpu0 = cpu_seconds(server.pid());
    tokio::time::sleep(CALL).await;
    let cpu = cpu_seconds(server.pid()) - cpu0;
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
    (cpu, closed)
}

#[tokio::main]
async fn main() {
    let (off, _) = one_call(false).await;
    let (on, closed) = one_call(true).await;
    let closed_ms = closed.map(|d| d.as_millis()).unwrap_or(0);
    let section = format!(
        "<!-- recording-cpu:start -->\n## Recording cost in the server (`make bench-record`)\n\
         One 60-second two-party call (Rust test clients, VP8 640×480 ~600 kbit/s + Opus each way), release server,\n\
         server process CPU (utime+stime) during the call, recording off and on in the same run.\n\n\
         | recording | server CPU per call-minute | ratio |\n|---|---|---|\n\
         | off | {off:.2} s | 1.00 |\n| on | {on:.2} s | {:.2} |\n\n\
         Hang-up to a closed, remuxed and hashed recording (4 files): {closed_ms} ms.\n<!-- recording-cpu:end -->",
        on / off.max(0.001)
    );
    println!("{section}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../BENCHMARKS.md");
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let text = match (text.find("<!-- recording-cpu:start -->"), text.find("<!-- recording-cpu:end -->")) {
        (Some(a), Some(b)) => format!("{}{section}{}", &text[..a], &text[b + "<!-- recording-cpu:end -->".len()..]),
        _ => format!("{}\n\n{section}\n", text.trim_end()),
    };
    std::fs::write(path, text).expect("write BENCHMARKS.md");
}
