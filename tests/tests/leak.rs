//! Joining and leaving must not leak: 300 full join/connect/leave cycles against the server
//! binary, whose memory, tasks and open sockets must return to where they were.

use tests::client::{CallClient, Credential};
use tests::process::ServerProcess;

async fn cycle(server: &ServerProcess, token: &Credential) {
    let mut c = CallClient::join(&server.ws_url(), token).await.expect("join");
    assert!(c.connected(10).await, "media connects");
    c.leave().await;
}

async fn snapshot(server: &ServerProcess) -> (f64, f64, f64) {
    (
        server.gauge("process_resident_memory_bytes").await,
        server.gauge("tokio_alive_tasks").await,
        server.gauge("process_open_sockets").await,
    )
}

/// Cycles run four at a time (four sessions), so 300 cycles fit in a CI budget.
const PARALLEL: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_join_leave_cycles_leave_memory_tasks_and_sockets_where_they_were() {
    // Recording off: this measures the SFU and signaling. With recording on, every cycle adds a
    // segment to the session's recording, whose manifest legitimately grows. The public request
    // budget is lifted: every cycle's customer comes from this one address, faster than a person
    // rejoins (the budget has tests of its own).
    let server = ServerProcess::start_with(
        "debug",
        &[
            ("VKYC_RECORDING__ENABLED", "false"),
            ("VKYC_LIMITS__PUBLIC_PER_SECOND", "10000"),
            ("VKYC_LIMITS__PUBLIC_BURST", "10000"),
        ],
    )
    .await;
    let mut tokens = Vec::new();
    for _ in 0..PARALLEL {
        tokens.push(server.new_call().await.1);
    }
    let rounds = |n: usize| {
        let server = &server;
        let tokens = &tokens;
        async move {
            for _ in 0..n / PARALLEL {
                futures::future::join_all(tokens.iter().map(|t| cycle(server, t))).await;
            }
        }
    };
    // Warm-up: allocator arenas, lazily built pools and caches reach their working size.
    rounds(20).await;
    server.settle().await;
    let (rss0, tasks0, fds0) = snapshot(&server).await;
    let t0 = std::time::Instant::now();
    rounds(300).await;
    let took = t0.elapsed();
    server.settle().await;
    let (rss1, tasks1, fds1) = snapshot(&server).await;
    println!("300 cycles in {took:?}; after warm-up: rss {rss0} tasks {tasks0} sockets {fds0}; after: rss {rss1} tasks {tasks1} sockets {fds1}");
    assert!(rss1 <= rss0 * 1.05, "RSS grew from {rss0} to {rss1}");
    assert!(tasks1 <= (tasks0 * 1.05).max(tasks0 + 1.0), "tasks grew from {tasks0} to {tasks1}");
    assert!(fds1 <= (fds0 * 1.05).max(fds0 + 1.0), "open sockets grew from {fds0} to {fds1}");
}
