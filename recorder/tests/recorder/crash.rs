//! Crash safety: a child process records in real time and is killed with SIGKILL;
//! recovery must yield playable, hashed files missing at most ~1 s.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use recorder::{Recorder, RecorderConfig, Status};

use crate::common::{decodes, participant, probe, sha256_file, with_ssrc};

const CHILD_ENV: &str = "RECORDER_TEST_CHILD_DIR";
const KILL_AFTER: Duration = Duration::from_secs(15);

/// The child side: records two participants at real-time pace until killed.
/// Ignored in normal runs; the parent test re-executes this binary to run it.
#[test]
#[ignore = "run as the child of the crash test"]
fn child_records_in_real_time_until_killed() {
    let Ok(dir) = std::env::var(CHILD_ENV) else { return };
    let customer = participant(30);
    let agent = with_ssrc(&customer, 0x77);
    let rec = Recorder::new(RecorderConfig::new(dir)).expect("recorder");
    let recording = rec.start("sess-crash").expect("start");
    let mut all: Vec<_> = customer
        .iter()
        .map(|p| ("customer", p))
        .chain(agent.iter().map(|p| ("agent", p)))
        .collect();
    all.sort_by_key(|(_, p)| p.at);
    let start = Instant::now();
    let wall0 = SystemTime::now();
    println!("STARTED {}", wall0.duration_since(SystemTime::UNIX_EPOCH).expect("epoch").as_millis());
    for (who, p) in all {
        if let Some(wait) = p.at.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
        recording.push_rtp(who, p.medium, &p.data, SystemTime::now());
    }
    std::thread::sleep(Duration::from_secs(60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recording_killed_with_sigkill_is_recovered_playable_and_hashed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "crash::child_records_in_real_time_until_killed", "--nocapture"])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut started = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(ms) = line.strip_prefix("STARTED ") {
            started = Some(Instant::now());
            println!("child started at {ms}");
            break;
        }
    }
    let started = started.expect("child reported start");
    tokio::time::sleep(KILL_AFTER.saturating_sub(started.elapsed())).await;
    child.kill().expect("SIGKILL"); // std's kill() is SIGKILL on Unix
    let _ = child.wait();
    let killed_after = started.elapsed().as_secs_f64();

    let rec = Recorder::new(RecorderConfig::new(dir.path())).expect("recorder");
    let t = Instant::now();
    let manifests = rec.recover_interrupted().expect("recover");
    println!("recovery of 4 files took {} ms", t.elapsed().as_millis());
    assert_eq!(manifests.len(), 1);
    let m = &manifests[0];
    assert_eq!(m.status, Status::Interrupted);
    assert_eq!(m.segments.len(), 1);
    assert_eq!(m.segments[0].files.len(), 4, "{:?}", m.segments[0]);
    let session = dir.path().join("sess-crash");
    for f in &m.segments[0].files {
        let path = session.join(&f.path);
        let (_, secs) = probe(&path);
        println!("{}: {secs:.3} s recovered, killed after {killed_after:.3} s", f.path);
        assert!(secs >= 14.0, "{} holds only {secs} s", f.path);
        assert!(f.seekable && f.error.is_none(), "{f:?}");
        assert!(decodes(&path), "{} does not decode", f.path);
        assert_eq!(f.sha256, sha256_file(&path));
        assert_eq!(f.bytes, std::fs::metadata(&path).expect("meta").len());
    }
    assert!(!session.join("journal.json").exists());
    assert_eq!(rec.manifest("sess-crash").expect("on disk"), *m);
    // A second pass finds nothing left open.
    assert!(rec.recover_interrupted().expect("again").is_empty());
}
