//! The head-movement challenge on the recorded clip (tests/fixtures/sequences/ibm_max_Bryan.mp4:
//! centre, left, centre, right, centre, up, centre, down, centre at 15 fps).
//!
//! The clip is decoded and analysed once (tracking between frames); the pure challenge state
//! machine is then replayed on the per-frame poses for each expected order.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::OnceLock;

use media_ai::challenge::{parse_steps, Challenge, ChallengeConfig, ChallengeState, StepResult};
use media_ai::cli::{run_challenge, video_frames};
use media_ai::pose::Pose;
use media_ai::track::Tracker;
use media_ai::Stages;

const REAL_ORDER: &str = "centre,left,centre,right,centre,up,centre,down,centre";

fn clip_poses() -> &'static Vec<(u64, Option<Pose>, bool)> {
    static POSES: OnceLock<Vec<(u64, Option<Pose>, bool)>> = OnceLock::new();
    POSES.get_or_init(|| {
        let mut p = common::pipeline();
        let mut tracker = Tracker::default();
        let mut out = Vec::new();
        for f in video_frames(&common::fixture("sequences/ibm_max_Bryan.mp4")).unwrap() {
            let (t, img) = f.unwrap();
            let a = p
                .analyze_tracked(&img, &mut tracker, Stages::POSE_ONLY)
                .unwrap();
            out.push((t, a.face.and_then(|f| f.pose), a.detector_ran));
        }
        out
    })
}

fn replay(order: &str) -> (ChallengeState, Vec<StepResult>) {
    let mut ch = Challenge::new(parse_steps(order).unwrap(), ChallengeConfig::default());
    for (t, pose, _) in clip_poses() {
        ch.observe(*t, *pose);
    }
    let last = clip_poses().last().map(|x| x.0).unwrap_or(0);
    ch.finish(last);
    (ch.state(), ch.results().to_vec())
}

#[test]
fn clip_is_decoded_tracked_and_close_to_ground_truth_yaw() {
    let poses = clip_poses();
    assert_eq!(poses.len(), 151, "frames decoded");
    assert!(poses.iter().all(|p| p.1.is_some()), "face in every frame");
    let detector_runs = poses.iter().filter(|p| p.2).count();
    assert!(
        detector_runs <= 20,
        "tracking should skip the detector on most frames, ran {detector_runs}×"
    );
    let gt = std::fs::read_to_string(common::fixture("sequences/ibm_max_Bryan_gt.csv")).unwrap();
    let mut err = 0.0;
    for (line, (_, pose, _)) in gt.lines().skip(1).zip(poses) {
        let c: Vec<&str> = line.split(',').collect();
        err += (pose.unwrap().yaw - c[2].parse::<f32>().unwrap()).abs();
    }
    let mae = err / poses.len() as f32;
    eprintln!(
        "clip: yaw MAE vs ground truth {mae:.2}°, detector ran on {detector_runs} of 151 frames"
    );
    assert!(mae < 6.0, "clip yaw MAE {mae}");
}

#[test]
fn challenge_clip_passes_with_its_real_step_order() {
    let (state, steps) = replay(REAL_ORDER);
    for s in &steps {
        eprintln!(
            "{:>6} passed={} at_ms={:?} reason={:?}",
            s.step.as_str(),
            s.passed,
            s.at_ms,
            s.reason
        );
    }
    assert_eq!(state, ChallengeState::Passed);
    // The segments are ≈1.1 s long; every step must complete in order and in time.
    let times: Vec<u64> = steps.iter().map(|s| s.at_ms.unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn challenge_clip_fails_with_a_different_order() {
    for order in [
        "centre,right,centre,left,centre,up,centre,down,centre",
        "centre,down,centre,up,centre",
        "centre,left,centre,left,centre",
    ] {
        let (state, steps) = replay(order);
        assert_eq!(
            state,
            ChallengeState::Failed,
            "{order} must fail: {steps:?}"
        );
    }
}

#[test]
fn still_photo_repeated_fails_every_movement_step() {
    let img =
        media_ai::imageops::load_image(&common::fixture("faces/ibm_max_Luciano.png")).unwrap();
    let frames = (0..120u64).map(|i| Ok((i * 66, img.clone())));
    let mut p = common::pipeline();
    let (state, steps) = run_challenge(
        &mut p,
        frames,
        parse_steps(REAL_ORDER).unwrap(),
        ChallengeConfig::default(),
    )
    .unwrap();
    assert_eq!(state, ChallengeState::Failed);
    for s in steps
        .iter()
        .filter(|s| s.step != media_ai::challenge::Step::Centre)
    {
        assert!(
            !s.passed,
            "movement step {} passed on a still photo",
            s.step
        );
    }
}
