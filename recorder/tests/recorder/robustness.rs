//! Network reality: reordering, loss, duplicates; and tracks that never arrive.

use std::time::{Duration, SystemTime};

use recorder::{Recorder, RecorderConfig, RtpIn, Status};

use crate::common::{decodes, probe, twenty_seconds};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reordered_duplicated_and_lost_packets_still_give_decodable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    // Media first (see call.rs): the recording's health counts from `start`.
    let pkts: Vec<_> = twenty_seconds()
        .iter()
        .filter(|p| p.at < Duration::from_secs(8))
        .cloned()
        .collect();
    let recording = rec.start("sess-lossy").expect("start");
    let t0 = SystemTime::now();
    let mut sent = 0;
    let mut i = 0;
    while i < pkts.len() {
        let p = &pkts[i];
        if i % 97 == 50 {
            i += 1; // lost
            continue;
        }
        if i % 31 == 0 && i + 1 < pkts.len() {
            // The next packet overtakes this one by 5 ms.
            let q = &pkts[i + 1];
            recording.push_rtp("customer", q.medium, &q.data, t0 + q.at);
            recording.push_rtp("customer", p.medium, &p.data, t0 + q.at + Duration::from_millis(5));
            sent += 2;
            i += 2;
            continue;
        }
        recording.push_rtp("customer", p.medium, &p.data, t0 + p.at);
        if i % 53 == 0 {
            recording.push_rtp("customer", p.medium, &p.data, t0 + p.at); // duplicate
        }
        sent += 1;
        i += 1;
    }
    let m = recording.finish().await.expect("finish");
    assert_eq!(m.status, Status::Complete);
    assert!(m.health.dropped_late > 0, "duplicates are counted: {:?}", m.health);
    assert!(sent > 0);
    for f in &m.segments[0].files {
        let path = dir.path().join("sess-lossy").join(&f.path);
        let (_, secs) = probe(&path);
        assert!((secs - 8.0).abs() < 0.5, "{} lasts {secs}", f.path);
        assert!(decodes(&path), "{}", f.path);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expected_participant_who_never_sends_is_reported_missing_and_fails_the_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.missing_track_after = Duration::from_secs(2);
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-missing").expect("start");
    let t0 = SystemTime::now();
    for p in twenty_seconds().iter().filter(|p| p.at < Duration::from_secs(4)) {
        recording.push_rtp("customer", p.medium, &p.data, t0 + p.at);
    }
    let reason = recording.failure().expect("missing agent reported");
    assert!(reason.contains("missing track") && reason.contains("agent"), "{reason}");
    let m = recording.finish().await.expect("finish");
    match &m.status {
        Status::Failed { reason } => assert!(reason.contains("agent audio, agent video"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // The customer's files are complete and listed all the same: nothing stalled.
    assert_eq!(m.segments[0].files.len(), 2);
    assert!(m.segments[0].files.iter().all(|f| f.seekable && f.duration_ms > 3_500));
    let agent: Vec<_> = m.health.tracks.iter().filter(|t| t.participant == "agent").collect();
    assert_eq!(agent.len(), 2);
    assert!(agent.iter().all(|t| t.share == 0.0 && t.packets == 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn video_joined_between_keyframes_is_anchored_at_its_first_keyframe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec![];
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-midjoin").expect("start");
    // Keyframes every 60 frames (2 s); the tap starts at 1.0 s, mid-GOP.
    let video = crate::common::video(160, 120, 240);
    let from = Duration::from_millis(1_000);
    let t0 = SystemTime::now();
    for p in video.iter().filter(|p| p.at >= from) {
        recording.push_rtp("customer", p.medium, &p.data, t0 + (p.at - from));
    }
    let m = recording.finish().await.expect("finish");
    let f = &m.segments[0].files[0];
    let lead = f.start_wallclock_ms as i64 - f.first_rtp_wallclock_ms as i64;
    // Frames before the keyframe at 2.0 s cannot be decoded and are not written; the
    // manifest says the file's time 0 is 1 s after the first packet arrived.
    assert!((lead - 1_000).abs() < 50, "file starts {lead} ms after first packet; {f:?}");
    assert!((f.duration_ms as i64 - 6_000).abs() < 100, "{f:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_are_recorded_like_single_packets_and_one_beyond_the_queue_bound_is_dropped_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.queue_packets = 200;
    cfg.expected_participants = vec!["customer".into()];
    let rec = Recorder::new(cfg).expect("recorder");
    let pkts: Vec<_> = twenty_seconds().iter().filter(|p| p.at < Duration::from_secs(8)).cloned().collect();
    let recording = rec.start("sess-batches").expect("start");
    let t0 = SystemTime::now();
    fn as_in(p: &crate::common::Pkt, t0: SystemTime) -> RtpIn<'_> {
        RtpIn { participant: "customer", medium: p.medium, rtp: &p.data, arrival: t0 + p.at }
    }
    // More than the queue holds at once: refused whole, counted per packet.
    let too_many: Vec<_> = pkts.iter().take(250).map(|p| as_in(p, t0)).collect();
    recording.push_rtp_batch(too_many);
    assert_eq!(recording.health().dropped_overload, 250);
    // A malformed packet in a batch is counted; the rest of the batch is recorded.
    let garbage = [0u8; 4];
    for chunk in pkts.chunks(20) {
        let batch = chunk.iter().map(|p| as_in(p, t0)).chain([RtpIn { participant: "customer", medium: chunk[0].medium, rtp: &garbage, arrival: t0 }]);
        recording.push_rtp_batch(batch);
        // The recording thread keeps up with 20-packet batches (no real-time pacing here).
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let m = recording.finish().await.expect("finish");
    assert_eq!(m.status, Status::Complete);
    assert_eq!(m.health.dropped_malformed, pkts.chunks(20).count() as u64, "{:?}", m.health);
    assert_eq!(m.health.dropped_overload, 250, "only the oversized batch: {:?}", m.health);
    for f in &m.segments[0].files {
        let path = dir.path().join("sess-batches").join(&f.path);
        let (_, secs) = probe(&path);
        assert!((secs - 8.0).abs() < 0.5, "{} lasts {secs}", f.path);
        assert!(decodes(&path), "{}", f.path);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn padding_only_probes_between_frames_are_neither_malformed_nor_media_nor_a_loss() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = RecorderConfig::new(dir.path());
    cfg.expected_participants = vec![];
    let rec = Recorder::new(cfg).expect("recorder");
    let recording = rec.start("sess-probes").expect("start");
    // A browser probing for bandwidth after every frame: the tap passes each probe on as a
    // header without payload, and the packets behind it are numbered on.
    let video = crate::common::video(320, 240, 90);
    let mut shift = 0u16;
    let t0 = SystemTime::now();
    for p in &video {
        let mut data = p.data.clone();
        let seq = u16::from_be_bytes([data[2], data[3]]).wrapping_add(shift);
        data[2..4].copy_from_slice(&seq.to_be_bytes());
        recording.push_rtp("customer", p.medium, &data, t0 + p.at);
        if data[1] & 0x80 != 0 {
            shift = shift.wrapping_add(1);
            let mut probe = data[..12].to_vec();
            probe[1] &= 0x7f;
            probe[2..4].copy_from_slice(&seq.wrapping_add(1).to_be_bytes());
            recording.push_rtp("customer", p.medium, &probe, t0 + p.at);
        }
    }
    let m = recording.finish().await.expect("finish");
    assert!(shift >= 90, "a probe after every frame: {shift}");
    assert_eq!((m.health.dropped_malformed, m.health.dropped_late), (0, 0), "{:?}", m.health);
    assert_eq!(m.health.tracks[0].packets, video.len() as u64, "probes are not media");
    let f = &m.segments[0].files[0];
    let path = dir.path().join("sess-probes").join(&f.path);
    let (_, secs) = probe(&path);
    assert!((secs - 3.0).abs() < 0.3, "{secs} s; {f:?}");
    assert!(decodes(&path));
}
