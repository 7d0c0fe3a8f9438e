//! Disk full: recording into a tiny tmpfs must fail cleanly, never block the tap.

use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use recorder::{Recorder, RecorderConfig, Status};

use crate::common::{twenty_seconds, with_ssrc};

struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_the_recording_with_a_reason_and_push_rtp_stays_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=300k", "tmpfs"])
        .arg(dir.path())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
        return;
    }
    let _mount = Mount(dir.path().to_path_buf());
    let rec = Recorder::new(RecorderConfig::new(dir.path())).expect("recorder");
    // Media first (see call.rs): the recording's health counts from `start`.
    let customer = twenty_seconds();
    let agent = with_ssrc(customer, 0x21);
    let recording = rec.start("sess-full").expect("start");
    let t0 = SystemTime::now();
    let mut all: Vec<_> = customer
        .iter()
        .map(|p| ("customer", p))
        .chain(agent.iter().map(|p| ("agent", p)))
        .collect();
    all.sort_by_key(|(_, p)| p.at);
    let mut slowest = Duration::ZERO;
    let mut failed_at = None;
    for (i, (who, p)) in all.iter().enumerate() {
        let t = Instant::now();
        recording.push_rtp(who, p.medium, &p.data, t0 + p.at);
        slowest = slowest.max(t.elapsed());
        if i % 200 == 0 {
            // Give the recording thread a moment, as real-time pacing would.
            std::thread::sleep(Duration::from_millis(20));
            if failed_at.is_none() && recording.failure().is_some() {
                failed_at = Some(p.at);
            }
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    let reason = recording.failure().expect("failure reported");
    println!("failure after {failed_at:?} of media: {reason}; slowest push_rtp {slowest:?}");
    assert!(reason.contains("space"), "{reason}");
    assert!(slowest < Duration::from_millis(50), "push_rtp took {slowest:?}");
    let m = recording.finish().await.expect("manifest still written (reserve)");
    match &m.status {
        Status::Failed { reason } => assert!(reason.contains("space"), "{reason}"),
        other => panic!("status {other:?}"),
    }
    assert!(rec.stats().disk_full_errors >= 1);
    assert!(dir.path().join("sess-full/manifest.json").exists());
    // What was written before the disk filled up is listed and hashed.
    let files: Vec<_> = m.segments.iter().flat_map(|s| &s.files).collect();
    assert!(!files.is_empty());
    assert!(files.iter().any(|f| f.bytes > 0 && f.sha256.len() == 64), "{files:?}");
}
