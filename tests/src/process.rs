//! The server binary as a separate process, for tests that measure the server alone
//! (memory, tasks, sockets) without the test client's own resources mixed in.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct ServerProcess {
    child: Child,
    pub base: String,
    /// Database and recordings; kept across `restart` like a real server's disk.
    pub dir: std::sync::Arc<tempfile::TempDir>,
    api_key: String,
    port: u16,
}

impl ServerProcess {
    /// Starts `target/<profile>/signaling` (built by `make test` before the tests run).
    pub async fn start(api_key: &str) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        Self::start_on(api_key, port, std::sync::Arc::new(tempfile::tempdir().expect("tempdir"))).await
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts it again on the
    /// same port, database and recordings directory.
    pub async fn crash_and_restart(mut self) -> ServerProcess {
        let _ = self.child.kill();
        let _ = self.child.wait();
        Self::start_on(&self.api_key.clone(), self.port, self.dir.clone()).await
    }

    async fn start_on(api_key: &str, port: u16, dir: std::sync::Arc<tempfile::TempDir>) -> ServerProcess {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let bin = root.join("target/debug/signaling");
        assert!(bin.exists(), "{} is missing: run `cargo build -p signaling` first (make test does)", bin.display());
        let child = Command::new(bin)
            .env("VKYC_LISTEN", format!("127.0.0.1:{port}"))
            .env("VKYC_API_KEY", api_key)
            .env("DATABASE_URL", format!("sqlite://{}/leak.db?mode=rwc", dir.path().display()))
            .env("VKYC_LOG", "warn")
            .env("VKYC_RECORDING__DIR", dir.path().join("recordings"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{base}/readyz")).await.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        ServerProcess { child, base, dir, api_key: api_key.to_owned(), port }
    }

    pub fn ws_url(&self) -> String {
        format!("{}/ws", self.base.replacen("http", "ws", 1))
    }

    /// Reads one unlabelled gauge from `/metrics`.
    pub async fn gauge(&self, name: &str) -> f64 {
        let text = reqwest::get(format!("{}/metrics", self.base)).await.expect("metrics").text().await.expect("body");
        text.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')).and_then(|v| v.trim().parse().ok()))
            .unwrap_or_else(|| panic!("metric {name} missing"))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
