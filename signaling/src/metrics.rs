//! Prometheus metrics, rendered in the text exposition format at `/metrics`.
//!
//! A handful of atomics is all the server needs; a metrics framework would add more code than
//! it saves. Labels are fixed (media kind), never user data.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

#[derive(Default)]
pub struct Counter(AtomicU64);

impl Counter {
    pub fn inc(&self) {
        self.add(1);
    }
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Default)]
pub struct Gauge(AtomicI64);

impl Gauge {
    pub fn inc(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    pub fn dec(&self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
    pub fn get(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Default)]
pub struct PerKind {
    pub audio: Counter,
    pub video: Counter,
}

impl PerKind {
    fn get(&self, kind: &str) -> &Counter {
        if kind == "audio" { &self.audio } else { &self.video }
    }
}

#[derive(Default)]
pub struct Metrics {
    pub rtp_packets_received: PerKind,
    pub rtp_bytes_received: PerKind,
    pub rtp_packets_forwarded: PerKind,
    pub rtp_bytes_forwarded: PerKind,
    pub keyframe_requests: Counter,
    /// Datagrams the media loop could not send (a full socket buffer or a send error).
    pub datagrams_unsent: Counter,
    pub peer_connections: Gauge,
    pub ws_connections: Gauge,
    pub sessions_created: Counter,
    pub joins: Counter,
    pub joins_refused: Counter,
    pub signaling_errors: Counter,
    pub recordings_failed: Counter,
}

impl Metrics {
    pub fn rtp_received(&self, kind: &str, bytes: usize) {
        self.rtp_packets_received.get(kind).inc();
        self.rtp_bytes_received.get(kind).add(bytes as u64);
    }

    pub fn rtp_forwarded(&self, kind: &str, bytes: usize) {
        self.rtp_packets_forwarded.get(kind).inc();
        self.rtp_bytes_forwarded.get(kind).add(bytes as u64);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let per_kind = |out: &mut String, name: &str, help: &str, v: &PerKind| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            let _ = writeln!(out, "{name}{{kind=\"audio\"}} {}", v.audio.get());
            let _ = writeln!(out, "{name}{{kind=\"video\"}} {}", v.video.get());
        };
        per_kind(&mut out, "sfu_rtp_packets_received_total", "RTP packets received from publishers.", &self.rtp_packets_received);
        per_kind(&mut out, "sfu_rtp_bytes_received_total", "RTP payload bytes received from publishers.", &self.rtp_bytes_received);
        per_kind(&mut out, "sfu_rtp_packets_forwarded_total", "RTP packets forwarded to subscribers.", &self.rtp_packets_forwarded);
        per_kind(&mut out, "sfu_rtp_bytes_forwarded_total", "RTP payload bytes forwarded to subscribers.", &self.rtp_bytes_forwarded);
        let scalar = |out: &mut String, name: &str, kind: &str, help: &str, v: i128| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}");
        };
        scalar(&mut out, "sfu_keyframe_requests_total", "counter", "Keyframe requests sent to publishers.", self.keyframe_requests.get().into());
        scalar(&mut out, "sfu_datagrams_unsent_total", "counter", "Datagrams the media loop could not send (socket buffer full or a send error).", self.datagrams_unsent.get().into());
        scalar(&mut out, "sfu_peer_connections", "gauge", "Open peer connections.", self.peer_connections.get().into());
        scalar(&mut out, "signaling_ws_connections", "gauge", "Open signaling WebSockets.", self.ws_connections.get().into());
        scalar(&mut out, "sessions_created_total", "counter", "Verification sessions created.", self.sessions_created.get().into());
        scalar(&mut out, "signaling_joins_total", "counter", "Accepted joins.", self.joins.get().into());
        scalar(&mut out, "signaling_joins_refused_total", "counter", "Refused joins (bad, expired or misused tokens).", self.joins_refused.get().into());
        scalar(&mut out, "signaling_errors_total", "counter", "Error replies sent on signaling sockets.", self.signaling_errors.get().into());
        scalar(&mut out, "recordings_failed_total", "counter", "Recordings that failed (disk full, pipeline error, missing track).", self.recordings_failed.get().into());
        render_process(&mut out);
        out
    }
}

/// Process-level gauges the leak test and operators watch: resident memory, open file
/// descriptors (sockets included) and live tokio tasks.
fn render_process(out: &mut String) {
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
        .map(|pages| pages * 4096)
        .unwrap_or(0);
    let links: Vec<String> = std::fs::read_dir("/proc/self/fd")
        .map(|d| d.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_link(e.path()).ok()).map(|p| p.to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let fds = links.len();
    let sockets = links.iter().filter(|l| l.starts_with("socket:")).count();
    let tasks = tokio::runtime::Handle::try_current().map(|h| h.metrics().num_alive_tasks()).unwrap_or(0);
    let _ = writeln!(out, "# HELP process_resident_memory_bytes Resident memory.\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {rss}");
    let _ = writeln!(out, "# HELP process_open_fds Open file descriptors.\n# TYPE process_open_fds gauge\nprocess_open_fds {fds}");
    let _ = writeln!(out, "# HELP process_open_sockets Open sockets (UDP media, TCP, Unix).\n# TYPE process_open_sockets gauge\nprocess_open_sockets {sockets}");
    let _ = writeln!(out, "# HELP tokio_alive_tasks Live tokio tasks.\n# TYPE tokio_alive_tasks gauge\ntokio_alive_tasks {tasks}");
}
