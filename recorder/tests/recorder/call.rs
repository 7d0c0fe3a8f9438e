//! A whole call: both participants, both media, sync anchors, finish latency,
//! malformed input.

use std::time::{Duration, Instant, SystemTime};

use recorder::{Medium, Recorder, RecorderConfig, Status};

use crate::common::{decodes, feed_fast, probe, sha256_file, stitch, twenty_seconds, video, with_ssrc};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_twenty_second_two_party_call_gives_four_playable_files_in_sync() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rec = Recorder::new(RecorderConfig::new(dir.path())).expect("recorder");
    // The media first, then the recording: making the test media (once per test binary) takes
    // seconds on a busy machine, and the recording's health counts from `start`: media made
    // in between was a leading gap the call did not have (2.5 s on the agent's audio under load).
    let customer = twenty_seconds();
    let agent = with_ssrc(customer, 0x5a);
    // The agent joins 1.3 s after the customer.
    let agent_offset = Duration::from_millis(1_300);
    let recording = rec.start("sess-call-20s").expect("start");
    let t0 = SystemTime::now();
    let slowest = feed_fast(
        &recording,
        &[("customer", customer, Duration::ZERO), ("agent", &agent, agent_offset)],
        t0,
    );
    let health = recording.health();
    assert_eq!(recording.failure(), None);
    let t = Instant::now();
    let m = recording.finish().await.expect("finish");
    let finish_ms = t.elapsed().as_millis();
    println!("finish->manifest: {finish_ms} ms; slowest push_rtp {slowest:?}");

    assert_eq!(m.status, Status::Complete);
    assert_eq!(m.segments.len(), 1);
    let files = &m.segments[0].files;
    assert_eq!(files.len(), 4, "{files:#?}");
    let session = dir.path().join("sess-call-20s");
    let t0_ms = t0.duration_since(SystemTime::UNIX_EPOCH).expect("epoch").as_millis() as u64;
    for f in files {
        let path = session.join(&f.path);
        let (kind, secs) = probe(&path);
        let want = if f.medium == Medium::Video { "video" } else { "audio" };
        assert_eq!(kind, want, "{}", f.path);
        assert!((secs - 20.0).abs() < 0.5, "{} lasts {secs} s", f.path);
        assert!((f.duration_ms as f64 / 1000.0 - 20.0).abs() < 0.5, "{f:?}");
        assert!(f.seekable && f.error.is_none(), "{f:?}");
        assert!(decodes(&path), "{} does not decode cleanly", f.path);
        assert_eq!(f.sha256, sha256_file(&path));
        let offset = if f.participant == "agent" { agent_offset.as_millis() as u64 } else { 0 };
        // The anchor is the first packet's arrival; media time 0 within 100 ms of it.
        assert_eq!(f.first_rtp_wallclock_ms, t0_ms + offset, "{f:?}");
        let start = f.start_wallclock_ms as i64 - (t0_ms + offset) as i64;
        assert!((0..100).contains(&start), "{} starts {start} ms after its anchor", f.path);
        assert!(!f.path.contains(".."), "ids only");
    }
    // Cross-participant offset from the manifest alone (what a player would use).
    let start = |p: &str, md: Medium| {
        files
            .iter()
            .find(|f| f.participant == p && f.medium == md)
            .map(|f| f.start_wallclock_ms as i64)
            .expect("file")
    };
    let skew = start("agent", Medium::Video) - start("customer", Medium::Video);
    assert!((skew - 1_300).abs() < 100, "agent video starts {skew} ms after customer's");
    let av = start("customer", Medium::Audio) - start("customer", Medium::Video);
    assert!(av.abs() < 100, "customer audio/video anchors differ by {av} ms");
    for t in &health.tracks {
        // The customer's media ends 1.3 s before the agent's: a trailing gap.
        assert!(t.share > 0.9, "{t:?}");
        assert!(t.gaps.len() <= 1, "{t:?}");
    }
    assert!(m.keep_until >= m.started_at + 3650 * 86_400_000);
    assert!(!session.join("journal.json").exists());
    let on_disk = rec.manifest("sess-call-20s").expect("manifest on disk");
    assert_eq!(on_disk, m);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finish_after_the_last_packet_returns_a_closed_hashed_recording_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-finish").expect("start");
    let ten: Vec<_> = twenty_seconds()
        .iter()
        .filter(|p| p.at < Duration::from_secs(10))
        .cloned()
        .collect();
    feed_fast(&recording, &[("customer", &ten, Duration::ZERO)], SystemTime::now());
    let t = Instant::now();
    let m = recording.finish().await.expect("finish");
    let ms = t.elapsed().as_millis();
    println!("finish->manifest for 10 s, 2 files: {ms} ms");
    assert!(ms < 5_000, "finish took {ms} ms");
    assert_eq!(m.status, Status::Complete);
    for f in &m.segments[0].files {
        let path = dir.path().join("sess-finish").join(&f.path);
        assert_eq!(f.bytes, std::fs::metadata(&path).expect("file").len());
        assert_eq!(f.sha256, sha256_file(&path));
        assert!((f.duration_ms as i64 - 10_000).abs() < 500, "{f:?}");
    }
    assert_eq!(rec.stats().recordings_active, 0);
    assert_eq!(rec.stats().recordings_finished, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_rtp_is_dropped_and_counted_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-malformed").expect("start");
    let three: Vec<_> = twenty_seconds()
        .iter()
        .filter(|p| p.at < Duration::from_secs(3))
        .cloned()
        .collect();
    let t0 = SystemTime::now();
    feed_fast(&recording, &[("customer", &three[..100], Duration::ZERO)], t0);
    let now = t0 + Duration::from_millis(500);
    let good = &three[100].data;
    let mut wrong_pt = good.clone();
    wrong_pt[1] = (wrong_pt[1] & 0x80) | 100; // dynamic, but not the file's PT
    let mut static_pt = good.clone();
    static_pt[1] &= 0x80; // PT 0 (PCMU)
    let mut v1 = good.clone();
    v1[0] = 0x40;
    // A bare header is a padding-only probe, valid; one announcing 15 CSRCs it lacks is not.
    let mut csrcs = good[..12].to_vec();
    csrcs[0] |= 0x0f;
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("customer", vec![]),
        ("customer", good[..5].to_vec()),
        ("customer", csrcs),
        ("customer", static_pt),
        ("customer", v1),
        ("customer", vec![0xff; 1500]),
        ("../../etc", good.clone()),
        ("customer with spaces", good.clone()),
    ];
    for (who, data) in &bad {
        recording.push_rtp(who, Medium::Video, data, now);
    }
    // Same wrong-PT packet for whichever medium it belongs to: dropped by the thread.
    recording.push_rtp("customer", three[100].medium, &wrong_pt, now);
    feed_fast(&recording, &[("customer", &three[100..], Duration::ZERO)], t0);
    let m = recording.finish().await.expect("finish");
    assert_eq!(m.health.dropped_malformed, bad.len() as u64 + 1, "{:?}", m.health);
    assert_eq!(m.status, Status::Complete);
    assert_eq!(rec.stats().dropped_malformed, bad.len() as u64 + 1);
    assert_eq!(m.segments[0].files.len(), 2);
    for f in &m.segments[0].files {
        assert!((f.duration_ms as i64 - 3_000).abs() < 500, "{f:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resolution_change_mid_call_keeps_recording_into_the_same_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec![];
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-resize").expect("start");
    // Browsers adapt resolution to bandwidth: 320x240 for 3 s, then 160x120 for 3 s.
    let pkts = stitch(&video(320, 240, 90), &video(160, 120, 90));
    feed_fast(&recording, &[("customer", &pkts, Duration::ZERO)], SystemTime::now());
    let m = recording.finish().await.expect("finish");
    assert_eq!(m.status, Status::Complete, "{:?}", m.status);
    let f = &m.segments[0].files[0];
    let path = dir.path().join("sess-resize").join(&f.path);
    let (_, secs) = probe(&path);
    assert!((secs - 6.0).abs() < 0.5, "{secs} s; {f:?}");
    assert!(decodes(&path));
}
