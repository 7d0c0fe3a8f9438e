//! Counters of the load generator, shared by all parties, and the latency histogram.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::OnceLock;
use std::time::Instant;

/// Latency buckets of 50 µs up to 2 s; slower packets land in the last bucket.
const BUCKET_US: u64 = 50;
const BUCKETS: usize = 40_000;

pub fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds since the process epoch, never 0 (0 marks "never sent").
pub fn stamp(now: Instant) -> u64 {
    now.saturating_duration_since(epoch()).as_nanos() as u64 | 1
}

pub struct Stats {
    pub sent: AtomicU64,
    pub received: AtomicU64,
    pub received_bytes: AtomicU64,
    pub probed: AtomicU64,
    pub legs_connected: AtomicU64,
    pub legs_failed: AtomicU64,
    latency: Vec<AtomicU64>,
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            sent: AtomicU64::new(0),
            received: AtomicU64::new(0),
            received_bytes: AtomicU64::new(0),
            probed: AtomicU64::new(0),
            legs_connected: AtomicU64::new(0),
            legs_failed: AtomicU64::new(0),
            latency: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        }
    }
}

impl Stats {
    pub fn record_latency(&self, nanos: u64) {
        let b = ((nanos / 1000) / BUCKET_US).min(BUCKETS as u64 - 1) as usize;
        self.latency[b].fetch_add(1, Relaxed);
        self.probed.fetch_add(1, Relaxed);
    }

    pub fn histogram(&self) -> Vec<u64> {
        self.latency.iter().map(|b| b.load(Relaxed)).collect()
    }
}

/// Percentile (0..1) in milliseconds of the samples between two histogram snapshots.
pub fn percentile_ms(before: &[u64], after: &[u64], q: f64) -> Option<f64> {
    let diff: Vec<u64> = after.iter().zip(before).map(|(a, b)| a - b).collect();
    let total: u64 = diff.iter().sum();
    if total == 0 {
        return None;
    }
    let target = ((total as f64) * q).ceil().max(1.0) as u64;
    let mut seen = 0;
    for (i, n) in diff.iter().enumerate() {
        seen += n;
        if seen >= target {
            return Some((i as f64 + 0.5) * BUCKET_US as f64 / 1000.0);
        }
    }
    None
}

/// The name and utime+stime in seconds (clock ticks of 1/100 s) of a `/proc/…/stat` text.
fn stat_cpu(stat: &str) -> Option<(&str, f64)> {
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(').map_or("", |(_, n)| n);
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some((name, (f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0))
}

/// utime+stime of a process in seconds.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    stat_cpu(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?).map(|(_, cpu)| cpu)
}

/// utime+stime in seconds of our server's forwarding path: the media loop's thread (`media`).
/// With the `webrtc` engine (no such thread) it is the async runtime's worker threads (the
/// engine's per-connection drivers and the forwarding tasks) and the main thread. The rest of
/// the process is signaling, the AI link, the media-tap thread and the recorder's thread.
pub fn forwarding_cpu_seconds(pid: u32) -> Option<f64> {
    let mut media = 0.0;
    let mut runtime = 0.0;
    let mut has_media = false;
    for t in std::fs::read_dir(format!("/proc/{pid}/task")).ok()?.flatten() {
        let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else { continue };
        let Some((name, cpu)) = stat_cpu(&stat) else { continue };
        if name == "media" {
            has_media = true;
            media += cpu;
        } else if name.starts_with("tokio-r") || name == "signaling" {
            runtime += cpu;
        }
    }
    Some(if has_media { media } else { runtime })
}

/// Resident set size of a process in KiB.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

impl Stats {
    /// The cumulative counters as one JSON line (the histogram in full: the orchestrator diffs).
    pub fn snapshot(&self) -> Value {
        json!({
            "sent": self.sent.load(Relaxed),
            "received": self.received.load(Relaxed),
            "received_bytes": self.received_bytes.load(Relaxed),
            "probed": self.probed.load(Relaxed),
            "legs_connected": self.legs_connected.load(Relaxed),
            "legs_failed": self.legs_failed.load(Relaxed),
            "cpu": cpu_seconds(std::process::id()).unwrap_or(0.0),
            "latency": sparse(&self.histogram()),
        })
    }
}

fn sparse(h: &[u64]) -> Value {
    Value::Array(
        h.iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| json!([i, n]))
            .collect(),
    )
}

pub fn dense(v: &Value) -> Vec<u64> {
    let mut h = vec![0; BUCKETS];
    for pair in v.as_array().into_iter().flatten() {
        if let (Some(i), Some(n)) = (pair[0].as_u64(), pair[1].as_u64()) {
            h[i as usize] = n;
        }
    }
    h
}
