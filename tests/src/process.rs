//! The server binary as a separate process, for tests that measure the server alone
//! (memory, tasks, sockets) without the test client's own resources mixed in.

use crate::client::{Credential, ORIGIN};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Server environment for load benchmarks: every client comes from 127.0.0.1, so the
/// per-address limits a public server keeps are lifted.
pub const LOAD_LIMITS: [(&str, &str); 3] = [
    ("VKYC_LIMITS__MAX_SOCKETS_PER_IP", "1000000"),
    ("VKYC_LIMITS__PUBLIC_PER_SECOND", "1000000"),
    ("VKYC_LIMITS__PUBLIC_BURST", "1000000"),
];

pub struct ServerProcess {
    child: Child,
    pub base: String,
    /// Database and recordings; kept across `restart` like a real server's disk.
    pub dir: std::sync::Arc<tempfile::TempDir>,
    /// The integrator key, made on the command line before the server started.
    api_key: String,
    port: u16,
    profile: String,
    env: Vec<(String, String)>,
    agents: std::sync::atomic::AtomicU64,
}

const PASSWORD: &str = "correct horse battery staple";

impl ServerProcess {
    /// Starts `target/debug/signaling` (built by `make test` before the tests run).
    pub async fn start() -> ServerProcess {
        Self::start_with("debug", &[]).await
    }

    /// Starts `target/<profile>/signaling` with extra environment variables.
    pub async fn start_with(profile: &str, env: &[(&str, &str)]) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let dir = std::sync::Arc::new(tempfile::tempdir().expect("tempdir"));
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let key = Self::cli(profile, &dir, &env, &["admin", "create-api-key", "--name", "tests", "--scopes", "all"], None);
        Self::spawn(key.trim(), port, dir, profile, env).await
    }

    fn binary(profile: &str) -> std::path::PathBuf {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let bin = root.join("target").join(profile).join("signaling");
        assert!(bin.exists(), "{} is missing: run `cargo build -p signaling` first (make test does)", bin.display());
        bin
    }

    fn base_env(port: u16, dir: &tempfile::TempDir) -> Vec<(String, String)> {
        vec![
            ("VKYC_LISTEN".into(), format!("127.0.0.1:{port}")),
            ("VKYC_PUBLIC_URL".into(), ORIGIN.into()),
            ("DATABASE_URL".into(), format!("sqlite://{}/leak.db?mode=rwc", dir.path().display())),
            ("VKYC_KEYS__MASTER_KEY_FILE".into(), dir.path().join("master.key").display().to_string()),
            ("VKYC_LOG".into(), "warn".into()),
            ("VKYC_RECORDING__DIR".into(), dir.path().join("recordings").display().to_string()),
        ]
    }

    /// Runs an administration command against this server's database and key; its stdout.
    fn cli(profile: &str, dir: &tempfile::TempDir, env: &[(String, String)], args: &[&str], stdin: Option<&str>) -> String {
        use std::io::Write;
        let mut child = Command::new(Self::binary(profile))
            .args(args)
            .envs(Self::base_env(0, dir))
            .envs(env.iter().cloned())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the command line runs");
        if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
            let _ = pipe.write_all(input.as_bytes());
        }
        let out = child.wait_with_output().expect("the command finishes");
        assert!(out.status.success(), "signaling {args:?} failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
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

    /// A staff request with the cookie of a signed-in agent.
    async fn as_staff(&self, cookie: &str, method: reqwest::Method, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
        let mut req = reqwest::Client::new().request(method, format!("{}{path}", self.base)).header("cookie", format!("vkyc_staff={cookie}")).header("origin", ORIGIN);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request").json().await.unwrap_or(serde_json::Value::Null)
    }

    /// A new agent account on the roster, signed in (password + TOTP from the command line).
    pub async fn new_agent(&self) -> String {
        let n = self.agents.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let id = format!("agent-{n}");
        Self::cli(&self.profile, &self.dir, &self.env, &["admin", "create-user", "--id", &id, "--roles", "agent", "--password-stdin"], Some(PASSWORD));
        let r = reqwest::Client::new().put(format!("{}/api/v1/agents/{id}", self.base)).bearer_auth(&self.api_key).json(&serde_json::json!({"tz": "UTC", "skills": []})).send().await.expect("roster");
        assert!(r.status().is_success());
        let code = Self::cli(&self.profile, &self.dir, &self.env, &["admin", "totp-code", "--id", &id], None);
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&serde_json::json!({"username": id, "password": PASSWORD, "code": code.trim()}))
            .send()
            .await
            .expect("login");
        assert!(r.status().is_success(), "login {}", r.status());
        let cookie = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie");
        cookie.split(';').next().and_then(|kv| kv.split_once('=')).map(|(_, v)| v.to_owned()).expect("value")
    }

    /// The customer of `token` gives the three consents with the texts the server publishes
    /// (no media before them).
    pub async fn consent(&self, session: &str, token: &str) {
        let texts: serde_json::Value = reqwest::get(format!("{}/api/v1/consent-texts?lang=en", self.base)).await.expect("texts").json().await.expect("json");
        for t in texts.as_array().expect("texts") {
            let body = serde_json::json!({"kind": t["kind"], "decision": "given", "text_version": t["version"]});
            reqwest::Client::new().post(format!("{}/api/v1/sessions/{session}/consents", self.base)).bearer_auth(token).json(&body).send().await.expect("consent");
        }
    }

    /// Waits until the server has closed every peer connection and signaling socket (after
    /// clients left), then half a second more for the last tasks to end.
    pub async fn settle(&self) {
        for _ in 0..100 {
            if self.gauge("sfu_peer_connections").await == 0.0 && self.gauge("signaling_ws_connections").await == 0.0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    /// A new session with a customer link and an agent who took it the real way:
    /// (session id, customer, agent).
    pub async fn new_call(&self) -> (String, Credential, Credential) {
        let s = self.post("/api/v1/sessions", serde_json::json!({})).await["id"].as_str().expect("id").to_owned();
        let customer = self.post(&format!("/api/v1/sessions/{s}/links"), serde_json::json!({"role": "customer"})).await["token"].as_str().expect("token").to_owned();
        self.consent(&s, &customer).await;
        let cookie = self.new_agent().await;
        self.post("/api/v1/queue", serde_json::json!({"session_id": s})).await;
        self.as_staff(&cookie, reqwest::Method::PUT, "/api/v1/me/presence", Some(serde_json::json!({"state": "available"}))).await;
        let mut accepted = false;
        for _ in 0..100 {
            let offers = self.as_staff(&cookie, reqwest::Method::GET, "/api/v1/me/offers", None).await;
            if let Some(o) = offers.as_array().and_then(|a| a.first()) {
                let path = format!("/api/v1/me/offers/{}/accept", o["offer_id"].as_str().expect("offer"));
                accepted = self.as_staff(&cookie, reqwest::Method::POST, &path, None).await["session_id"] == s.as_str();
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(accepted, "the agent took the session");
        (s.clone(), Credential::Customer(customer), Credential::Agent { session: s, cookie })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts it again on the
    /// same port, database and recordings directory.
    pub async fn crash_and_restart(mut self) -> ServerProcess {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (profile, env) = (self.profile.clone(), std::mem::take(&mut self.env));
        Self::spawn(&self.api_key.clone(), self.port, self.dir.clone(), &profile, env).await
    }

    /// Where the server's JSON logs go (appended across restarts).
    fn log_file(dir: &tempfile::TempDir) -> Stdio {
        std::fs::OpenOptions::new().create(true).append(true).open(dir.path().join("server.log")).map(Stdio::from).unwrap_or_else(|_| Stdio::null())
    }

    /// The integrator key.
    pub fn key(&self) -> &str {
        &self.api_key
    }

    /// Runs `signaling ARGS…` against this server's database and key: (success, stdout).
    pub fn command(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new(Self::binary(&self.profile))
            .args(args)
            .envs(Self::base_env(0, &self.dir))
            .envs(self.env.iter().cloned())
            .output()
            .expect("the command line runs");
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Starts the server again (after [`ServerProcess::terminate`]) on the same port and disk.
    pub async fn restart(mut self) -> ServerProcess {
        let (profile, env) = (self.profile.clone(), std::mem::take(&mut self.env));
        Self::spawn(&self.api_key.clone(), self.port, self.dir.clone(), &profile, env).await
    }

    /// Everything the server has logged so far.
    pub fn logs(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Asks the server to shut down (SIGTERM) and waits for it to exit; true if it exited 0.
    pub fn terminate(&mut self) -> bool {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        self.child.wait().map(|s| s.success()).unwrap_or(false)
    }

    async fn spawn(api_key: &str, port: u16, dir: std::sync::Arc<tempfile::TempDir>, profile: &str, env: Vec<(String, String)>) -> ServerProcess {
        let child = Command::new(Self::binary(profile))
            .envs(Self::base_env(port, &dir))
            .envs(env.iter().cloned())
            .stdout(Self::log_file(&dir))
            .stderr(Self::log_file(&dir))
            .spawn()
            .expect("server starts");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{base}/readyz")).await.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        ServerProcess { child, base, dir, api_key: api_key.to_owned(), port, profile: profile.to_owned(), env, agents: Default::default() }
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
