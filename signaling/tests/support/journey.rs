//! Outside processes the journey's tests talk to: an SMTP server (Python `aiosmtpd`), a webhook
//! receiver that verifies with the `standardwebhooks` package, an iCalendar reader (Python
//! `icalendar`), and the media-ai sidecar. Python comes from the venv `tests/py/setup-venv.sh`
//! makes (idempotently, on first use). Every process is killed when its handle drops.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn py_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py")
}

/// The venv's python, set up on first use.
pub fn python() -> PathBuf {
    let st = Command::new(py_dir().join("setup-venv.sh")).status().expect("runs tests/py/setup-venv.sh");
    assert!(st.success(), "tests/py/setup-venv.sh failed (needs python3 and PyPI)");
    repo().join(".cache/py-tests/bin/python")
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A child process killed on drop.
pub struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cmd` and waits (at most 60 s) for a line on its stdout or stderr containing `ready`.
fn start(mut cmd: Command, ready: &'static str, stderr: bool) -> Proc {
    cmd.stdin(Stdio::null());
    if stderr {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    } else {
        cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    }
    let mut child = cmd.spawn().expect("spawns");
    let out: Box<dyn std::io::Read + Send> = if stderr { Box::new(child.stderr.take().unwrap()) } else { Box::new(child.stdout.take().unwrap()) };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(out).lines();
        let mut told = false;
        while let Some(Ok(l)) = lines.next() {
            if !told && l.contains(ready) {
                let _ = tx.send(());
                told = true;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("{cmd:?} did not say `{ready}`"));
    Proc(child)
}

/// An SMTP server writing each message it accepts to `dir/<n>.eml`.
pub fn smtp_sink(dir: &Path, port: u16) -> Proc {
    let mut cmd = Command::new(python());
    cmd.arg(py_dir().join("smtp_sink.py")).arg(dir).arg(port.to_string());
    start(cmd, "listening", false)
}

/// The e-mails in `dir`, parsed by Python's `email` and `icalendar` (see read_mail.py).
pub fn read_mail(dir: &Path) -> Vec<Value> {
    let out = Command::new(python()).arg(py_dir().join("read_mail.py")).arg(dir).output().expect("runs read_mail.py");
    assert!(out.status.success(), "read_mail.py: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// A webhook receiver on `port` verifying with the secrets of `secrets` (path → secret).
pub fn webhook_receiver(port: u16, secrets: &Path, log: &Path, fail_first: bool) -> Proc {
    let mut cmd = Command::new(python());
    cmd.arg(py_dir().join("webhook_receiver.py")).arg(port.to_string()).arg(secrets).arg(log);
    if fail_first {
        cmd.arg("--fail-first");
    }
    start(cmd, "listening", false)
}

/// What the receiver recorded, one object per request.
pub fn received(log: &Path) -> Vec<Value> {
    std::fs::read_to_string(log).unwrap_or_default().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The media-ai sidecar (`target/debug/media-ai serve`) with a fresh secret: `(process, address, secret)`.
pub fn sidecar() -> (Proc, std::net::SocketAddr, String) {
    let bin = repo().join("target/debug/media-ai");
    assert!(bin.is_file(), "{} is missing: build it first (`cargo build -p media-ai`; `make test` does)", bin.display());
    let port = free_port();
    let secret = format!("{:032x}", rand::random::<u128>());
    let mut cmd = Command::new(bin);
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")]).env("MEDIA_AI_SECRET", &secret);
    let p = start(cmd, "listening", true);
    (p, format!("127.0.0.1:{port}").parse().unwrap(), secret)
}

/// A test fixture of the workspace (`tests/fixtures/…`) or of this crate (`signaling/tests/fixtures/…`).
pub fn fixture(rel: &str) -> Vec<u8> {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel);
    let path = if own.is_file() { own } else { repo().join("tests/fixtures").join(rel) };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
