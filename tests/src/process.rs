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
    /// Starts `target/debug/signaling` (built by `make test` before the tests run).
    pub async fn start(api_key: &str) -> ServerProcess {
        Self::start_with(api_key, "debug", &[]).await
    }

    /// Starts `target/<profile>/signaling` with extra environment variables.
    pub async fn start_with(api_key: &str, profile: &str, env: &[(&str, &str)]) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let dir = std::sync::Arc::new(tempfile::tempdir().expect("tempdir"));
        Self::spawn(api_key, port, dir, profile, env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).await
    }

    /// POSTs JSON with the API key; returns the JSON reply.
    pub async fn post(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.api_key)
            .json(&body)
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON reply")
    }

    pub async fn get(&self, path: &str) -> serde_json::Value {
        reqwest::Client::new().get(format!("{}{path}", self.base)).bearer_auth(&self.api_key).send().await.expect("request").json().await.expect("JSON reply")
    }

    /// A new session with a customer and an agent token: (session id, customer, agent).
    pub async fn new_call(&self) -> (String, String, String) {
        let s = self.post("/api/v1/sessions", serde_json::json!({})).await["id"].as_str().expect("id").to_owned();
        let token = |role: &'static str| {
            let path = format!("/api/v1/sessions/{s}/links");
            async move { self.post(&path, serde_json::json!({ "role": role })).await["token"].as_str().expect("token").to_owned() }
        };
        let customer = token("customer").await;
        let agent = token("agent").await;
        (s, customer, agent)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts it again on the
    /// same port, database and recordings directory.
    pub async fn crash_and_restart(mut self) -> ServerProcess {
        let _ = self.child.kill();
        let _ = self.child.wait();
        Self::spawn(&self.api_key.clone(), self.port, self.dir.clone(), "debug", Vec::new()).await
    }

    async fn spawn(api_key: &str, port: u16, dir: std::sync::Arc<tempfile::TempDir>, profile: &str, env: Vec<(String, String)>) -> ServerProcess {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let bin = root.join("target").join(profile).join("signaling");
        assert!(bin.exists(), "{} is missing: run `cargo build -p signaling` first (make test does)", bin.display());
        let child = Command::new(bin)
            .env("VKYC_LISTEN", format!("127.0.0.1:{port}"))
            .env("VKYC_API_KEY", api_key)
            .env("DATABASE_URL", format!("sqlite://{}/leak.db?mode=rwc", dir.path().display()))
            .env("VKYC_LOG", "warn")
            .env("VKYC_RECORDING__DIR", dir.path().join("recordings"))
            .envs(env)
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
