//! Head-movement challenge: a sequence of steps (left, right, up, down, centre), each of which
//! must be reached and held within `step_timeout_ms`: seen on `hold_frames` consecutive analysed
//! frames spanning at least `hold_ms` of media time.
//!
//! The hold is measured in media time, not in frames, because the analysed frame rate is not
//! known in advance: a busy sidecar analyses fewer frames, and a hold of "3 frames" would then
//! ask the customer to keep a pose three times as long as on an idle machine, or miss a brief
//! movement altogether.
//!
//! Pure state machine: feed it `(timestamp_ms, pose)` per frame; it never reads a clock.
//!
//! **Direction convention.** Steps are named in the *subject's own* directions, as an agent would
//! say them ("turn to your left"). Turning to one's own left moves the nose toward the viewer's
//! right in the un-mirrored camera image, which is **yaw > 0** ([`crate::pose`]). "Up" is pitch > 0.
//! If the frames come from a mirrored preview, set [`ChallengeConfig::mirrored`].
//!
//! Thresholds (models.md): left/right = |yaw| ≥ 18°, up/down = |pitch − neutral| ≥ 12°,
//! centre = |yaw| < 8° and |pitch − neutral| < 8°, held ≥ 200 ms over ≥ 2 frames. The neutral pitch comes from
//! [`PitchCalibration`] on the first frontal frames.

use std::fmt;
use std::str::FromStr;

use crate::calib::{PitchCalibration, SplitMix64};
use crate::pose::Pose;

/// One challenge step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    #[serde(alias = "center")]
    Centre,
    Left,
    Right,
    Up,
    Down,
}

impl Step {
    pub const MOVES: [Step; 4] = [Step::Left, Step::Right, Step::Up, Step::Down];

    pub fn as_str(&self) -> &'static str {
        match self {
            Step::Centre => "centre",
            Step::Left => "left",
            Step::Right => "right",
            Step::Up => "up",
            Step::Down => "down",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Step {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "centre" | "center" => Ok(Step::Centre),
            "left" => Ok(Step::Left),
            "right" => Ok(Step::Right),
            "up" => Ok(Step::Up),
            "down" => Ok(Step::Down),
            other => Err(format!(
                "unknown challenge step {other:?} (expected centre, left, right, up, down)"
            )),
        }
    }
}

/// Parses `centre,left,centre` into steps.
pub fn parse_steps(s: &str) -> Result<Vec<Step>, String> {
    let v: Result<Vec<Step>, String> = s
        .split(',')
        .filter(|t| !t.trim().is_empty())
        .map(Step::from_str)
        .collect();
    match v {
        Ok(v) if v.is_empty() => Err("empty challenge step list".into()),
        other => other,
    }
}

/// A random challenge: centre, then `moves` movements each followed by centre. Movements are drawn
/// from a reshuffled bag of the four directions so no direction repeats until all were used.
pub fn random_steps(seed: u64, moves: usize) -> Vec<Step> {
    let mut rng = SplitMix64::new(seed);
    let mut out = vec![Step::Centre];
    let mut bag: Vec<Step> = Vec::new();
    for _ in 0..moves {
        if bag.is_empty() {
            bag = Step::MOVES.to_vec();
            for i in (1..bag.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                bag.swap(i, j);
            }
        }
        if let Some(m) = bag.pop() {
            out.push(m);
            out.push(Step::Centre);
        }
    }
    out
}

/// Tunables. Defaults follow models.md.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChallengeConfig {
    pub turn_yaw_deg: f32,
    pub look_pitch_deg: f32,
    pub centre_deg: f32,
    /// Consecutive analysed frames that must show the pose (default 2: one frame is no hold).
    pub hold_frames: u32,
    /// Media time from the first to the last of those frames.
    pub hold_ms: u64,
    /// Time allowed per step, from the end of the previous step (or the first frame).
    pub step_timeout_ms: u64,
    /// Frames are a mirrored (selfie-preview) image: flip the yaw sign.
    pub mirrored: bool,
    /// Fail a movement step at once when a different movement (not the previous step's) is held
    /// instead: replayed videos and random head-wagging do not pass by luck.
    pub fail_on_wrong_move: bool,
}

impl Default for ChallengeConfig {
    fn default() -> Self {
        ChallengeConfig {
            turn_yaw_deg: 18.0,
            look_pitch_deg: 12.0,
            centre_deg: 8.0,
            hold_frames: 2,
            hold_ms: 200,
            step_timeout_ms: 5000,
            mirrored: false,
            fail_on_wrong_move: true,
        }
    }
}

/// Outcome of one step.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StepResult {
    pub step: Step,
    pub passed: bool,
    /// When the hold completed (passed) or the step failed, ms on the caller's clock.
    pub at_ms: Option<u64>,
    pub started_ms: u64,
    /// Why it failed: `timeout`, `wrong_move:<step>`, `no_face`, `not_reached`.
    pub reason: Option<String>,
}

/// Overall state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeState {
    Running,
    Passed,
    Failed,
}

/// The challenge state machine.
#[derive(Debug, Clone)]
pub struct Challenge {
    steps: Vec<Step>,
    config: ChallengeConfig,
    calibration: PitchCalibration,
    results: Vec<StepResult>,
    step_started: Option<u64>,
    /// The expected pose so far on consecutive frames: since when, on how many.
    hold: Option<Held>,
    /// A wrong movement so far on consecutive frames.
    wrong: Option<(Step, Held)>,
}

/// A pose seen on consecutive analysed frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    since_ms: u64,
    frames: u32,
}

impl Held {
    fn start(t_ms: u64) -> Held {
        Held { since_ms: t_ms, frames: 1 }
    }

    fn extend(self, t_ms: u64) -> Held {
        Held { since_ms: self.since_ms.min(t_ms), frames: self.frames + 1 }
    }

    fn long_enough(&self, t_ms: u64, c: &ChallengeConfig) -> bool {
        self.frames >= c.hold_frames.max(1) && t_ms.saturating_sub(self.since_ms) >= c.hold_ms
    }
}

impl Challenge {
    pub fn new(steps: Vec<Step>, config: ChallengeConfig) -> Self {
        Challenge {
            steps,
            config,
            calibration: PitchCalibration::default(),
            results: Vec::new(),
            step_started: None,
            hold: None,
            wrong: None,
        }
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn results(&self) -> &[StepResult] {
        &self.results
    }

    pub fn calibration(&self) -> &PitchCalibration {
        &self.calibration
    }

    pub fn state(&self) -> ChallengeState {
        if self.results.len() < self.steps.len() {
            ChallengeState::Running
        } else if self.results.iter().all(|r| r.passed) {
            ChallengeState::Passed
        } else {
            ChallengeState::Failed
        }
    }

    /// What a pose shows, after calibration (None = in between / ambiguous).
    pub fn classify(&self, yaw: f32, pitch: f32) -> Option<Step> {
        let c = &self.config;
        let yaw = if c.mirrored { -yaw } else { yaw };
        let pitch = self.calibration.correct(pitch);
        // Normalise by each axis's threshold so a 20° turn with some pitch still counts as a turn.
        let (ny, np) = (yaw.abs() / c.turn_yaw_deg, pitch.abs() / c.look_pitch_deg);
        if ny >= 1.0 && ny >= np {
            return Some(if yaw > 0.0 { Step::Left } else { Step::Right });
        }
        if np >= 1.0 {
            return Some(if pitch > 0.0 { Step::Up } else { Step::Down });
        }
        (yaw.abs() < c.centre_deg && pitch.abs() < c.centre_deg).then_some(Step::Centre)
    }

    /// Feeds one frame. `pose` is `None` when no face was found. Returns the steps completed
    /// (passed or failed) by this frame, in order.
    pub fn observe(&mut self, t_ms: u64, pose: Option<Pose>) -> Vec<StepResult> {
        let mut done = Vec::new();
        if self.state() != ChallengeState::Running {
            return done;
        }
        let started = *self.step_started.get_or_insert(t_ms);
        if let Some(p) = pose {
            self.calibration
                .observe(if self.config.mirrored { -p.yaw } else { p.yaw }, p.pitch);
        }
        let expected = self.steps[self.results.len()];
        let seen = pose.and_then(|p| self.classify(p.yaw, p.pitch));
        if seen == Some(expected) {
            self.hold = Some(self.hold.map_or(Held::start(t_ms), |h| h.extend(t_ms)));
            self.wrong = None;
        } else {
            self.hold = None;
            // A wrong movement only counts while a movement is expected, and lingering in the
            // previous step's pose (on the way back) is not wrong.
            let previous = self.results.last().map(|r| r.step);
            let wrong = seen
                .filter(|s| expected != Step::Centre && *s != Step::Centre && Some(*s) != previous);
            self.wrong = match (wrong, self.wrong) {
                (Some(s), Some((w, h))) if s == w => Some((w, h.extend(t_ms))),
                (Some(s), _) => Some((s, Held::start(t_ms))),
                _ => None,
            };
        }
        let c = self.config;
        let outcome = if self.hold.is_some_and(|h| h.long_enough(t_ms, &c)) {
            Some((true, None))
        } else if let Some((w, _)) = self
            .wrong
            .filter(|(_, h)| c.fail_on_wrong_move && h.long_enough(t_ms, &c))
        {
            Some((false, Some(format!("wrong_move:{w}"))))
        } else if t_ms.saturating_sub(started) > self.config.step_timeout_ms {
            Some((
                false,
                Some(if pose.is_none() {
                    "no_face".to_string()
                } else {
                    "timeout".to_string()
                }),
            ))
        } else {
            None
        };
        if let Some((passed, reason)) = outcome {
            let r = StepResult {
                step: expected,
                passed,
                at_ms: Some(t_ms),
                started_ms: started,
                reason,
            };
            self.results.push(r.clone());
            done.push(r);
            self.step_started = Some(t_ms);
            self.hold = None;
            self.wrong = None;
        }
        done
    }

    /// Ends the challenge (e.g. the video ended): every unfinished step fails.
    pub fn finish(&mut self, t_ms: u64) -> Vec<StepResult> {
        let mut done = Vec::new();
        while self.results.len() < self.steps.len() {
            let r = StepResult {
                step: self.steps[self.results.len()],
                passed: false,
                at_ms: None,
                started_ms: self.step_started.unwrap_or(t_ms),
                reason: Some("not_reached".into()),
            };
            self.results.push(r.clone());
            done.push(r);
        }
        done
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pose(yaw: f32, pitch: f32) -> Option<Pose> {
        Some(Pose {
            yaw,
            pitch,
            roll: 0.0,
        })
    }

    #[test]
    fn left_means_positive_yaw_in_the_unmirrored_frame() {
        let c = Challenge::new(vec![Step::Left], ChallengeConfig::default());
        assert_eq!(c.classify(25.0, -3.0), Some(Step::Left));
        assert_eq!(c.classify(-25.0, -3.0), Some(Step::Right));
        let m = Challenge::new(
            vec![Step::Left],
            ChallengeConfig {
                mirrored: true,
                ..ChallengeConfig::default()
            },
        );
        assert_eq!(m.classify(25.0, -3.0), Some(Step::Right));
    }

    #[test]
    fn steps_need_a_held_pose_and_time_out() {
        let mut c = Challenge::new(
            vec![Step::Centre, Step::Left, Step::Up],
            ChallengeConfig::default(),
        );
        // 10 frames a second: three frames span the 200 ms hold.
        let mut t = 0;
        for _ in 0..3 {
            c.observe(t, pose(0.0, -3.0));
            t += 100;
        }
        assert_eq!(c.results().len(), 1);
        c.observe(t, pose(25.0, -3.0));
        c.observe(t + 100, pose(0.0, -3.0)); // hold broken
        c.observe(t + 200, pose(25.0, -3.0));
        c.observe(t + 300, pose(25.0, -3.0));
        let r = c.observe(t + 400, pose(25.0, -3.0));
        assert!(r[0].passed && r[0].at_ms == Some(t + 400));
        let r = c.observe(t + 6000, pose(0.0, -3.0));
        assert_eq!(r[0].reason.as_deref(), Some("timeout"));
        assert_eq!(c.state(), ChallengeState::Failed);
    }

    #[test]
    fn the_hold_is_media_time_so_fewer_analysed_frames_need_no_longer_pose() {
        // 15 frames a second: 133 ms after three frames is not yet a hold, the fourth makes it.
        let mut fast = Challenge::new(vec![Step::Left], ChallengeConfig::default());
        for i in 0..3 {
            assert!(fast.observe(i * 66, pose(25.0, -3.0)).is_empty());
        }
        assert!(fast.observe(200, pose(25.0, -3.0))[0].passed);
        // A busy analyser seeing 3 frames a second: two frames a third of a second apart.
        let mut slow = Challenge::new(vec![Step::Left], ChallengeConfig::default());
        assert!(slow.observe(0, pose(25.0, -3.0)).is_empty());
        let r = slow.observe(333, pose(25.0, -3.0));
        assert!(r[0].passed && r[0].at_ms == Some(333));
        // One frame is never a hold, however long the step has run.
        let mut one = Challenge::new(vec![Step::Centre, Step::Left], ChallengeConfig::default());
        one.observe(0, pose(0.0, -3.0));
        one.observe(250, pose(0.0, -3.0));
        assert_eq!(one.results().len(), 1);
        assert!(one.observe(2_000, pose(25.0, -3.0)).is_empty());
        assert!(one.observe(2_100, pose(0.0, -3.0)).is_empty(), "hold broken");
        assert!(one.observe(2_400, pose(25.0, -3.0)).is_empty());
    }

    #[test]
    fn holding_the_wrong_movement_fails_the_step() {
        let mut c = Challenge::new(vec![Step::Right], ChallengeConfig::default());
        let mut r = Vec::new();
        for i in 0..3 {
            r.extend(c.observe(i * 100, pose(25.0, -3.0)));
        }
        assert_eq!(r[0].reason.as_deref(), Some("wrong_move:left"));
    }

    #[test]
    fn random_challenges_are_seeded_and_alternate_with_centre() {
        let a = random_steps(42, 4);
        assert_eq!(a, random_steps(42, 4));
        assert_eq!(a.len(), 9);
        assert!(a.iter().step_by(2).all(|s| *s == Step::Centre));
        let moves: std::collections::HashSet<_> = a.iter().skip(1).step_by(2).collect();
        assert_eq!(moves.len(), 4, "each direction once: {a:?}");
        assert!((0..20).any(|s| random_steps(s, 4) != a));
    }

    #[test]
    fn step_names_parse_in_both_spellings() {
        assert_eq!(
            parse_steps("center,Left, right ,up,down,centre")
                .unwrap()
                .len(),
            6
        );
        assert!(parse_steps("sideways").is_err());
    }
}
