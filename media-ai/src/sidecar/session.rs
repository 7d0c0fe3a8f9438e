//! One call session inside the sidecar: the face-match, challenge, anti-spoofing and
//! injection-hint state machines fed by the pipeline, turning measurements into events. No
//! clocks: frame timestamps come from the server. Every event that carries a score carries the
//! `models` that produced it (see [`crate::models`]).

use std::sync::Arc;

use image::RgbImage;
use serde_json::{json, Value};

use crate::antispoof::{SpoofAggregator, SpoofVerdict};
use crate::challenge::{
    random_steps, Challenge, ChallengeConfig, ChallengeState, Step, StepResult,
};
use crate::imageops::decode_image;
use crate::injection::{InjectionMonitor, MonitorConfig, Signature};
use crate::matcher::{FaceMatcher, MatchConfig, MatchVerdict};
use crate::models::EventStamps;
use crate::pipeline::{Pipeline, Stages};
use crate::pose::Pose;
use crate::quality::QualityFlag;
use crate::sidecar::protocol::{error_event, ErrorCode};
use crate::track::Tracker;

/// Re-send match / anti-spoof aggregates at least this often (used frames).
const REPORT_EVERY: usize = 15;

/// `pose` events: at most every `POSE_EVERY`-th processed frame, when an angle moved by at least
/// `POSE_CHANGE_DEG` since the last one or the face appeared/disappeared (that one at once), and
/// at least every `POSE_HEARTBEAT` processed frames (≈2 s at 8 fps) so the display never stalls.
const POSE_EVERY: u64 = 2;
const POSE_CHANGE_DEG: f32 = 2.0;
const POSE_HEARTBEAT: u64 = 16;

/// The last `pose` event sent: processed-frame number and pose (None = no face).
#[derive(Debug, Clone, Copy)]
struct PoseSent {
    frame: u64,
    pose: Option<Pose>,
}

fn round1(x: f32) -> f64 {
    (f64::from(x) * 10.0).round() / 10.0
}

/// Session state.
pub struct Session {
    pub id: String,
    matcher: Option<FaceMatcher>,
    challenge: Option<Challenge>,
    spoof: SpoofAggregator,
    tracker: Tracker,
    descriptor_every: u32,
    antispoof_every: u32,
    frames: u64,
    frames_since_descriptor: u64,
    last_flags: Option<Vec<QualityFlag>>,
    last_match: Option<(MatchVerdict, usize)>,
    last_spoof: Option<(SpoofVerdict, usize)>,
    last_pose: Option<PoseSent>,
    injection: InjectionMonitor,
    stamps: Arc<EventStamps>,
}

/// A challenge step; `models` on the standalone event, not inside `challenge_done`/`summary`
/// (those carry the list once for all steps).
fn step_json(index: usize, r: &StepResult, models: Option<&Value>) -> Value {
    let mut v = json!({"type": "challenge_step", "index": index, "step": r.step, "passed": r.passed, "at_ms": r.at_ms, "reason": r.reason});
    if let Some(m) = models {
        v["models"] = m.clone();
    }
    v
}

impl Session {
    pub fn new(
        id: String,
        descriptor_every: Option<u32>,
        antispoof_every: Option<u32>,
        stamps: Arc<EventStamps>,
    ) -> Self {
        Session {
            id,
            matcher: None,
            challenge: None,
            spoof: SpoofAggregator::default(),
            tracker: Tracker::default(),
            descriptor_every: descriptor_every.unwrap_or(3).max(1),
            antispoof_every: antispoof_every.unwrap_or(3).max(1),
            frames: 0,
            frames_since_descriptor: u64::MAX / 2,
            last_flags: None,
            last_match: None,
            last_spoof: None,
            last_pose: None,
            injection: InjectionMonitor::new(MonitorConfig::standard()),
            stamps,
        }
    }

    /// Sets the ID-photo reference from JPEG/PNG bytes.
    pub fn set_reference(&mut self, p: &mut Pipeline, bytes: &[u8]) -> Vec<Value> {
        let img = match decode_image(bytes) {
            Ok(i) => i,
            Err(e) => {
                return vec![error_event(ErrorCode::BadReference, format!("reference: {e}"), false)]
            }
        };
        match p.analyze_still(
            &img,
            Stages {
                descriptor: true,
                antispoof: false,
            },
        ) {
            Ok(a) => {
                let flags = a.quality.flags.clone();
                let desc = a.face.and_then(|f| f.descriptor);
                let face = desc.is_some();
                if let Some(d) = desc {
                    self.matcher = Some(FaceMatcher::new(d, MatchConfig::default()));
                    self.last_match = None;
                }
                // ID portraits are small and blurred by design: report flags but use the face anyway.
                vec![
                    json!({"type": "reference", "face": face, "faces_detected": a.faces_detected, "quality": flags,
                        "models": self.stamps.reference}),
                ]
            }
            Err(e) => vec![error_event(ErrorCode::AnalysisFailed, format!("reference: {e}"), false)],
        }
    }

    /// Starts a challenge.
    pub fn start_challenge(
        &mut self,
        steps: Option<Vec<Step>>,
        moves: Option<usize>,
        seed: Option<u64>,
        config: ChallengeConfig,
    ) -> Vec<Value> {
        let steps = match (steps, moves) {
            (Some(s), _) if !s.is_empty() => s,
            (Some(_), _) => {
                return vec![error_event(ErrorCode::BadChallenge, "challenge: empty step list", false)]
            }
            (None, m) => random_steps(seed.unwrap_or(0), m.unwrap_or(4).clamp(1, 8)),
        };
        let ev = json!({"type": "challenge_started", "steps": steps, "seed": seed, "step_timeout_ms": config.step_timeout_ms,
            "hold_frames": config.hold_frames, "hold_ms": config.hold_ms});
        self.challenge = Some(Challenge::new(steps, config));
        vec![ev]
    }

    /// Processes one frame (`signature`: its injection-hint signature, if it could be computed).
    pub fn on_frame(
        &mut self,
        p: &mut Pipeline,
        ts: u64,
        img: &RgbImage,
        signature: Option<&Signature>,
    ) -> Vec<Value> {
        let n = self.frames;
        self.frames += 1;
        let mut events = Vec::new();
        // While a challenge runs, every frame's budget goes to the head pose: the steps are
        // brief movements, and a busy machine that spends time on descriptors and anti-spoofing
        // analyses fewer frames and can miss one. Both resume when the challenge is over.
        let challenge_running = self
            .challenge
            .as_ref()
            .is_some_and(|c| c.state() == ChallengeState::Running);
        // The descriptor (the costliest model) runs only on frames the matcher will use, at most
        // every `descriptor_every` frames: a turned head or a flagged frame costs nothing.
        let stages = Stages {
            descriptor: false,
            antispoof: !challenge_running && n.is_multiple_of(u64::from(self.antispoof_every)),
        };
        let analysis = p.analyze_tracked(img, &mut self.tracker, stages);
        let descriptor_due = !challenge_running
            && self.matcher.is_some()
            && self.frames_since_descriptor + 1 >= u64::from(self.descriptor_every);
        self.frames_since_descriptor += 1;
        let analysis = analysis.and_then(|mut a| {
            let usable = a.quality.ok()
                && self.matcher.as_ref().zip(a.face.as_ref().and_then(|f| f.pose)).is_some_and(|(m, pose)| m.config.frontal(&pose));
            if let (true, true, Some(f)) = (descriptor_due, usable, a.face.as_mut()) {
                f.descriptor = p.describer.describe(img, &f.mesh)?;
                self.frames_since_descriptor = 0;
            }
            Ok(a)
        });
        if let Some(sig) = signature {
            let face = analysis.as_ref().is_ok_and(|a| a.face.is_some());
            for h in self.injection.push(ts, img.width(), img.height(), sig, face) {
                // Signal processing on the frames, no model: an empty `models` list.
                events.push(json!({"type": "injection_hint", "ts": ts, "kind": h.kind(), "evidence": h.evidence(),
                    "models": []}));
            }
        }
        let a = match analysis {
            Ok(a) => a,
            Err(e) => {
                let mut ev = error_event(ErrorCode::AnalysisFailed, format!("frame {ts}: {e}"), false);
                ev["ts"] = json!(ts);
                events.push(ev);
                return events;
            }
        };
        if self.last_flags.as_ref() != Some(&a.quality.flags) {
            events.push(json!({"type": "quality", "ts": ts, "face": a.face.is_some(), "faces": a.faces_detected,
                "flags": a.quality.flags, "face_px": a.quality.face_px.round(), "luma": a.quality.mean_luma.round(), "sharpness": a.quality.laplacian_var.round(),
                "models": self.stamps.quality}));
            self.last_flags = Some(a.quality.flags.clone());
        }
        let pose = a.face.as_ref().and_then(|f| f.pose);
        events.extend(self.pose_event(n, ts, pose));
        if let (Some(m), Some(f)) = (self.matcher.as_mut(), a.face.as_ref()) {
            if f.descriptor.is_some()
                && m.observe(pose, f.descriptor.as_ref(), a.quality.ok())
                    .is_some()
            {
                let s = m.summary();
                let due = self
                    .last_match
                    .is_none_or(|(v, k)| v != s.verdict || s.frames_used >= k + REPORT_EVERY);
                if due {
                    events.push(json!({"type": "face_match", "ts": ts, "frames_used": s.frames_used, "distance": s.distance,
                        "best_distance": s.best_distance, "threshold": m.config.match_below, "no_match_from": m.config.no_match_from, "verdict": s.verdict,
                        "models": self.stamps.face_match}));
                    self.last_match = Some((s.verdict, s.frames_used));
                }
            }
        }
        if let Some(pr) = a.face.as_ref().and_then(|f| f.p_real) {
            self.spoof.push(pr);
            let s = self.spoof.summary();
            if self
                .last_spoof
                .is_none_or(|(v, k)| v != s.verdict || s.frames >= k + REPORT_EVERY)
            {
                events.push(json!({"type": "antispoof", "ts": ts, "frames": s.frames, "mean_p_real": s.mean_p_real, "attack_share": s.attack_share, "verdict": s.verdict,
                    "models": self.stamps.antispoof}));
                self.last_spoof = Some((s.verdict, s.frames));
            }
        }
        if let Some(ch) = self.challenge.as_mut() {
            if ch.state() == ChallengeState::Running {
                let before = ch.results().len();
                for (i, r) in ch.observe(ts, pose).iter().enumerate() {
                    events.push(step_json(before + i, r, Some(&self.stamps.pose)));
                }
                if ch.state() != ChallengeState::Running {
                    events.push(self.challenge_done());
                }
            }
        }
        events
    }

    /// A `pose` event when due (see [`POSE_EVERY`]).
    fn pose_event(&mut self, frame: u64, ts: u64, pose: Option<Pose>) -> Option<Value> {
        let due = match self.last_pose {
            None => true,
            Some(last) => {
                let since = frame - last.frame;
                match (last.pose, pose) {
                    (Some(_), None) | (None, Some(_)) => true,
                    (Some(a), Some(b)) => {
                        let moved = (a.yaw - b.yaw).abs().max((a.pitch - b.pitch).abs()).max((a.roll - b.roll).abs());
                        since >= POSE_HEARTBEAT || (since >= POSE_EVERY && moved >= POSE_CHANGE_DEG)
                    }
                    (None, None) => since >= POSE_HEARTBEAT,
                }
            }
        };
        if !due {
            return None;
        }
        self.last_pose = Some(PoseSent { frame, pose });
        Some(json!({"type": "pose", "ts": ts, "face": pose.is_some(),
            "yaw": pose.map(|p| round1(p.yaw)), "pitch": pose.map(|p| round1(p.pitch)), "roll": pose.map(|p| round1(p.roll)),
            "models": self.stamps.pose}))
    }

    fn challenge_done(&self) -> Value {
        match &self.challenge {
            Some(ch) => {
                json!({"type": "challenge_done", "passed": ch.state() == ChallengeState::Passed,
                "steps": ch.results().iter().enumerate().map(|(i, r)| step_json(i, r, None)).collect::<Vec<_>>(),
                "models": self.stamps.pose})
            }
            None => Value::Null,
        }
    }

    /// Aggregate state of the session.
    pub fn summary(&self, received: u64, dropped: u64) -> Value {
        let m = self.matcher.as_ref().map(|m| {
            let s = m.summary();
            json!({"frames_used": s.frames_used, "distance": s.distance, "best_distance": s.best_distance, "verdict": s.verdict,
                "threshold": m.config.match_below, "no_match_from": m.config.no_match_from})
        });
        let c = self.challenge.as_ref().map(|ch| {
            json!({"state": ch.state(), "steps": ch.results().iter().enumerate().map(|(i, r)| step_json(i, r, None)).collect::<Vec<_>>(),
                "pitch_offset": ch.calibration().offset()})
        });
        let s = self.spoof.summary();
        json!({"type": "summary", "session_id": self.id, "frames_received": received, "frames_processed": self.frames,
            "frames_dropped": dropped, "face_match": m, "challenge": c,
            "antispoof": {"frames": s.frames, "mean_p_real": s.mean_p_real, "attack_share": s.attack_share, "verdict": s.verdict},
            "injection_hints": self.injection.raised_kinds(),
            "models": self.stamps.all})
    }
}
