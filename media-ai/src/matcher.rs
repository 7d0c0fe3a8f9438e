//! Face match of the live face against the ID-document photo over many frames.
//!
//! Only near-frontal frames count (|yaw| < 20° and |pitch| < 20°: SFace scores of a genuine pair
//! drop from ≈0.8 to ≈0.45 at 30° of pitch) and only frames without quality flags. The session
//! score is the **median** distance (1 − cosine of SFace descriptors) of the used frames, so a
//! few bad frames (blur, expression, a landmark glitch) cannot flip the verdict.
//!
//! Operating point (calibration in `tests/calibration.rs`, tables and reasoning in BENCHMARKS.md):
//! - cosine ≥ 0.45 (distance < [`MatchConfig::match_below`] = 0.55) → `Match`;
//! - cosine < 0.363 (distance ≥ [`MatchConfig::no_match_from`] = 0.637) → `NoMatch`: below the
//!   threshold OpenCV publishes for SFace on LFW (an accuracy-maximising, permissive operating
//!   point), even that calls the pair two people;
//! - in between → `Inconclusive`: a human agent decides.
//!
//! On the fixtures genuine stills score ≥ 0.60 and live genuine frames ≥ 0.52, impostor stills
//! ≤ 0.33 and single impostor frames ≤ 0.40; the automated match sits above every impostor frame
//! seen, the band covers the LFW-to-KYC gap. Six identities are no FMR estimate (see BENCHMARKS.md).

use crate::calib::median;
use crate::descriptor::Descriptor;
use crate::pose::Pose;

/// Verdict of the session face match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchVerdict {
    Match,
    NoMatch,
    Inconclusive,
    NotEnoughFrames,
}

/// Thresholds of the matcher.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MatchConfig {
    pub match_below: f32,
    pub no_match_from: f32,
    pub max_abs_yaw: f32,
    pub max_abs_pitch: f32,
    pub min_frames: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            match_below: 0.55,
            no_match_from: 0.637,
            max_abs_yaw: 20.0,
            max_abs_pitch: 20.0,
            min_frames: 5,
        }
    }
}

impl MatchConfig {
    /// Whether a frame with this head pose is frontal enough to be matched.
    pub fn frontal(&self, pose: &Pose) -> bool {
        pose.yaw.abs() < self.max_abs_yaw && pose.pitch.abs() < self.max_abs_pitch
    }

    /// Verdict for one distance (single-image verification, or the session median).
    pub fn decide(&self, distance: f32) -> MatchVerdict {
        if distance < self.match_below {
            MatchVerdict::Match
        } else if distance >= self.no_match_from {
            MatchVerdict::NoMatch
        } else {
            MatchVerdict::Inconclusive
        }
    }
}

/// Current state of the session match.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MatchSummary {
    pub frames_used: usize,
    pub frames_seen: usize,
    /// Median distance of the used frames (None before the first one).
    pub distance: Option<f32>,
    pub best_distance: Option<f32>,
    pub verdict: MatchVerdict,
}

/// Pure state machine: feed frames, read the summary.
#[derive(Debug, Clone)]
pub struct FaceMatcher {
    reference: Descriptor,
    pub config: MatchConfig,
    distances: Vec<f32>,
    seen: usize,
}

impl FaceMatcher {
    pub fn new(reference: Descriptor, config: MatchConfig) -> Self {
        FaceMatcher {
            reference,
            config,
            distances: Vec::new(),
            seen: 0,
        }
    }

    /// Feeds a frame; returns the distance if the frame was used.
    pub fn observe(
        &mut self,
        pose: Option<Pose>,
        descriptor: Option<&Descriptor>,
        quality_ok: bool,
    ) -> Option<f32> {
        self.seen += 1;
        let (p, d) = (pose?, descriptor?);
        if !quality_ok || !self.config.frontal(&p) {
            return None;
        }
        let dist = self.reference.distance(d);
        dist.is_finite().then(|| {
            self.distances.push(dist);
            dist
        })
    }

    pub fn summary(&self) -> MatchSummary {
        let n = self.distances.len();
        let distance = (n > 0).then(|| median(&mut self.distances.clone()));
        let best = self.distances.iter().cloned().reduce(f32::min);
        let verdict = match distance {
            Some(d) if n >= self.config.min_frames.max(1) => self.config.decide(d),
            _ => MatchVerdict::NotEnoughFrames,
        };
        MatchSummary {
            frames_used: n,
            frames_seen: self.seen,
            distance,
            best_distance: best,
            verdict,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(x: f32) -> Descriptor {
        // Unit vectors at angle θ from the reference: distance = 1 − cos θ = x.
        let c = 1.0 - x;
        Descriptor(vec![c, (1.0 - c * c).max(0.0).sqrt()])
    }

    #[test]
    fn matcher_uses_frontal_frames_and_the_median() {
        let mut m = FaceMatcher::new(d(0.0), MatchConfig::default());
        let frontal = Some(Pose {
            yaw: 5.0,
            pitch: 0.0,
            roll: 0.0,
        });
        let turned = Some(Pose {
            yaw: 35.0,
            pitch: 0.0,
            roll: 0.0,
        });
        assert_eq!(m.observe(turned, Some(&d(0.1)), true), None);
        assert_eq!(m.observe(frontal, Some(&d(0.1)), false), None);
        for x in [0.3, 0.35, 0.9, 0.32] {
            m.observe(frontal, Some(&d(x)), true);
        }
        let pitched = Some(Pose {
            yaw: 0.0,
            pitch: 28.0,
            roll: 0.0,
        });
        assert_eq!(m.observe(pitched, Some(&d(0.1)), true), None, "looking up: not used");
        assert_eq!(m.summary().verdict, MatchVerdict::NotEnoughFrames);
        m.observe(frontal, Some(&d(0.31)), true);
        let s = m.summary();
        assert_eq!(
            s.verdict,
            MatchVerdict::Match,
            "one outlier does not flip the median"
        );
        assert!((s.distance.unwrap_or(1.0) - 0.32).abs() < 1e-5);
    }

    #[test]
    fn distances_between_thresholds_are_inconclusive() {
        let c = MatchConfig::default();
        assert_eq!(c.decide(0.45), MatchVerdict::Match);
        assert_eq!(c.decide(0.60), MatchVerdict::Inconclusive);
        assert_eq!(c.decide(0.70), MatchVerdict::NoMatch);
    }
}
