//! Reconnects: one logical recording, several segments with gap markers.

use std::time::{Duration, SystemTime};

use recorder::{Recorder, RecorderConfig, Status};

use crate::common::{feed_fast, twenty_seconds, with_ssrc};

fn first(secs: u64) -> Vec<crate::common::Pkt> {
    twenty_seconds()
        .iter()
        .filter(|p| p.at < Duration::from_secs(secs))
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_segment_yields_one_recording_with_two_segments_and_a_gap_marker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rec = Recorder::new(RecorderConfig::new(dir.path())).expect("recorder");
    // Media first (see call.rs): the recording's health counts from `start`.
    let customer = first(5);
    let agent = with_ssrc(&customer, 0x33);
    let recording = rec.start("sess-segments").expect("start");
    let t0 = SystemTime::now();
    feed_fast(&recording, &[("customer", &customer, Duration::ZERO), ("agent", &agent, Duration::ZERO)], t0);
    recording.new_segment("agent reconnected");
    // Media resumes 3 s after the last packet of segment 0 (which is at ~5 s).
    let agent2 = with_ssrc(&customer, 0x44);
    let t1 = t0 + customer.last().expect("pkts").at + Duration::from_secs(3);
    feed_fast(&recording, &[("customer", &customer, Duration::ZERO), ("agent", &agent2, Duration::ZERO)], t1);
    let m = recording.finish().await.expect("finish");

    assert_eq!(m.status, Status::Complete);
    assert_eq!(m.segments.len(), 2);
    assert_eq!(m.segments[0].reason, "start");
    assert_eq!(m.segments[1].reason, "agent reconnected");
    assert_eq!(m.segments[0].gap_before_ms, 0);
    assert!((m.segments[1].gap_before_ms as i64 - 3_000).abs() < 100, "{:?}", m.segments[1]);
    for (i, s) in m.segments.iter().enumerate() {
        assert_eq!(s.index, i as u32);
        assert_eq!(s.files.len(), 4, "{s:?}");
        for f in &s.files {
            assert!(f.path.starts_with(&format!("seg-{i:04}/")), "{}", f.path);
            assert!((f.duration_ms as i64 - 5_000).abs() < 500, "{f:?}");
        }
    }
    // The silence shows up in health as a gap for every track.
    for t in &m.health.tracks {
        assert_eq!(t.gaps.len(), 1, "{t:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_a_finished_session_again_appends_a_resume_segment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    let two = first(2);
    let r1 = rec.start("sess-resume").expect("start");
    assert_eq!(rec.start("sess-resume").expect("same").session_id(), "sess-resume");
    let t0 = SystemTime::now();
    feed_fast(&r1, &[("customer", &two, Duration::ZERO)], t0);
    let m1 = r1.finish().await.expect("finish 1");
    let r2 = rec.start("sess-resume").expect("resume");
    feed_fast(&r2, &[("customer", &two, Duration::ZERO)], t0 + Duration::from_secs(10));
    let m2 = r2.finish().await.expect("finish 2");
    assert_eq!(m2.started_at, m1.started_at);
    assert_eq!(m2.segments.len(), 2);
    assert_eq!(m2.segments[0], m1.segments[0]);
    assert_eq!(m2.segments[1].reason, "resume");
    assert!(m2.segments[1].gap_before_ms >= 7_000, "{:?}", m2.segments[1]);
    assert!(m2.segments[1].files.iter().all(|f| f.path.starts_with("seg-0001/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_left_behind_after_the_manifest_was_written_is_not_recovered_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    let r = rec.start("sess-late-crash").expect("start");
    // Keep a copy of the journal as it was while recording.
    let journal = dir.path().join("sess-late-crash/journal.json");
    feed_fast(&r, &[("customer", &first(2), Duration::ZERO)], SystemTime::now());
    r.new_segment("snapshot journal"); // rewritten synchronously by the thread
    std::thread::sleep(Duration::from_millis(300));
    let saved = std::fs::read(&journal).expect("journal while open");
    let m = r.finish().await.expect("finish");
    // Simulate a crash after the manifest write but before the journal removal.
    std::fs::write(&journal, saved).expect("restore journal");
    let recovered = rec.recover_interrupted().expect("recover");
    assert_eq!(recovered, vec![m.clone()], "the written manifest wins");
    assert_eq!(recovered[0].status, Status::Complete);
    assert!(!journal.exists());
}
