//! Looped-clip detection: the last couple of seconds of the stream repeat an earlier stretch,
//! frame for frame, at one fixed delay (the loop's period).
//!
//! Every few frames the recent window (16 frames ≈ 2 s at 8 fps) is slid along the history
//! (up to two minutes): for each delay, each window frame is compared with the history frame
//! nearest to its own time minus the delay (or that frame's neighbour, because the server samples
//! the loop at a different phase each time round). The best delay's mean distance is judged
//! against the window's own motion (the distance between its frames half a second apart):
//!
//! - a replayed clip comes back as the same pictures → distance ≪ motion;
//! - a person sitting still has no motion → nothing to judge (the still-image check covers a
//!   frozen stream, a real person is simply not flagged);
//! - a person repeating a movement never repeats *every* frame of two seconds at one delay to the
//!   precision of coding noise.
//!
//! A delay must be confirmed by several consecutive evaluations before it is reported.

use std::collections::VecDeque;

use super::signature::rms_diff;

/// Tuning of [`LoopDetector`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoopConfig {
    /// Frames compared per evaluation.
    pub window: usize,
    /// Shortest delay considered (ms); a loop shorter than this is also a still-ish stream.
    pub min_period_ms: u64,
    /// History kept (ms): loops longer than this are not seen.
    pub history_ms: u64,
    /// Evaluate every n-th frame.
    pub every: usize,
    /// Frames compared for the window's motion are this many frames apart (≈0.5 s at 8 fps).
    pub motion_step: usize,
    /// Below this motion the window says nothing about loops. A person sitting still moves the
    /// layout by ≈0.01–0.05 between frames half a second apart (breathing is nearly periodic, so
    /// such windows must not be judged); head movements 0.2–0.6.
    pub min_motion: f32,
    /// Repeat distance must be at most this fraction of the motion …
    pub max_ratio: f32,
    /// … and at most this absolute distance. A replay through VP8 measured 0.002 when the server
    /// sampled the same source frames again and ≈0.05–0.07 when it sampled two source frames off
    /// during head turns; the best repeat within one unrepeated pass of the clip was ≥ 0.49.
    pub max_distance: f32,
    /// Consecutive agreeing evaluations before a loop is reported.
    pub confirmations: usize,
}

impl Default for LoopConfig {
    fn default() -> Self {
        LoopConfig {
            window: 16,
            min_period_ms: 3000,
            history_ms: 120_000,
            every: 2,
            motion_step: 4,
            min_motion: 0.12,
            max_ratio: 0.35,
            max_distance: 0.15,
            confirmations: 3,
        }
    }
}

/// What a detected loop looks like: enough to check it by hand in the recording.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LoopEvidence {
    /// The delay at which the stream repeats itself.
    pub period_ms: u64,
    /// The recent stretch (frame timestamps) …
    pub window_from_ts: u64,
    pub window_to_ts: u64,
    /// … and the earlier stretch it repeats.
    pub repeats_from_ts: u64,
    pub repeats_to_ts: u64,
    pub frames_compared: usize,
    /// Mean distance between the repeated frames (0 = identical pictures).
    pub mean_distance: f32,
    /// Mean distance between the window's own frames half a second apart.
    pub motion: f32,
    /// Consecutive evaluations that agreed on this period.
    pub confirmations: usize,
}

/// Pure state machine: feed frame signatures with their timestamps.
#[derive(Debug, Clone)]
pub struct LoopDetector {
    pub config: LoopConfig,
    history: VecDeque<(u64, Vec<f32>)>,
    since_eval: usize,
    streak: Option<(LoopEvidence, usize)>,
    /// The best repeat of the last evaluation, accepted or not (for diagnostics and tests:
    /// how close a stream came to being called a loop).
    pub last_candidate: Option<LoopEvidence>,
}

impl LoopDetector {
    pub fn new(config: LoopConfig) -> Self {
        LoopDetector {
            config,
            history: VecDeque::new(),
            since_eval: 0,
            streak: None,
            last_candidate: None,
        }
    }

    /// Forgets the history (a new stream started: its timestamps restarted).
    pub fn reset(&mut self) {
        self.history.clear();
        self.streak = None;
        self.since_eval = 0;
    }

    /// Adds a frame; returns the evidence when a loop is confirmed on this frame.
    pub fn push(&mut self, ts: u64, shape: &[f32]) -> Option<LoopEvidence> {
        self.history.push_back((ts, shape.to_vec()));
        while self
            .history
            .front()
            .is_some_and(|(t, _)| t + self.config.history_ms < ts)
        {
            self.history.pop_front();
        }
        self.since_eval += 1;
        if self.since_eval < self.config.every.max(1) {
            return None;
        }
        self.since_eval = 0;
        let candidate = self.best_repeat();
        let c = &self.config;
        let found = candidate
            .clone()
            .filter(|e| e.mean_distance <= c.max_distance && e.mean_distance <= c.max_ratio * e.motion);
        self.last_candidate = candidate;
        let agreed = match (&self.streak, found) {
            (Some((prev, n)), Some(e)) => {
                let tol = (prev.period_ms / 20).max(250);
                let n = if prev.period_ms.abs_diff(e.period_ms) <= tol { n + 1 } else { 1 };
                Some((e, n))
            }
            (None, Some(e)) => Some((e, 1)),
            (_, None) => None,
        };
        self.streak = agreed;
        match &self.streak {
            Some((e, n)) if *n >= c.confirmations.max(1) => Some(LoopEvidence {
                confirmations: *n,
                ..e.clone()
            }),
            _ => None,
        }
    }

    /// Best delay for the current window, when the window moves enough to judge.
    fn best_repeat(&self) -> Option<LoopEvidence> {
        let c = &self.config;
        let n = self.history.len();
        if n < c.window + 2 {
            return None;
        }
        let hist: Vec<(u64, &[f32])> = self.history.iter().map(|(t, s)| (*t, s.as_slice())).collect();
        let win = &hist[n - c.window..];
        let motion = window_motion(win, c.motion_step)?;
        if motion < c.min_motion {
            return None;
        }
        // Typical frame spacing, to know when a history frame is too far from its target time.
        let mut gaps: Vec<u64> = hist.windows(2).map(|p| p[1].0.saturating_sub(p[0].0)).collect();
        gaps.sort_unstable();
        let spacing = gaps.get(gaps.len() / 2).copied().unwrap_or(125).max(1);
        let max_offset = (spacing * 3 / 4).max(60);
        let (w0, wlast) = (win[0].0, win[win.len() - 1].0);
        let span = wlast - w0;
        let prune = 2.0 * c.max_distance;
        let mut best: Option<(f32, usize, u64, usize)> = None; // (mean, start index, lag, matched)
        for j in 0..n - c.window {
            let lag = w0.saturating_sub(hist[j].0);
            // The repeated stretch must lie wholly before the window.
            if lag < c.min_period_ms || lag <= span {
                continue;
            }
            if near_min(&hist, j, win[0].1) > prune {
                continue;
            }
            let mut k = j;
            let (mut sum, mut matched) = (0.0f32, 0usize);
            for (t, s) in win {
                let target = t - lag;
                while k + 1 < n && hist[k + 1].0.abs_diff(target) <= hist[k].0.abs_diff(target) {
                    k += 1;
                }
                if hist[k].0.abs_diff(target) > max_offset || hist[k].0 >= w0 {
                    continue;
                }
                sum += near_min(&hist, k, s);
                matched += 1;
            }
            if matched * 4 < c.window * 3 {
                continue;
            }
            let mean = sum / matched as f32;
            if best.is_none_or(|b| mean < b.0) {
                best = Some((mean, j, lag, matched));
            }
        }
        let (mean, j, lag, matched) = best?;
        Some(LoopEvidence {
            period_ms: lag,
            window_from_ts: w0,
            window_to_ts: wlast,
            repeats_from_ts: hist[j].0,
            repeats_to_ts: wlast - lag,
            frames_compared: matched,
            mean_distance: mean,
            motion,
            confirmations: 0,
        })
    }
}

/// Smallest distance from `s` to history frame `k` or its direct neighbours.
fn near_min(hist: &[(u64, &[f32])], k: usize, s: &[f32]) -> f32 {
    let lo = k.saturating_sub(1);
    let hi = (k + 1).min(hist.len() - 1);
    (lo..=hi)
        .map(|i| rms_diff(hist[i].1, s))
        .fold(f32::MAX, f32::min)
}

/// Mean distance between window frames `step` apart.
fn window_motion(win: &[(u64, &[f32])], step: usize) -> Option<f32> {
    let step = step.max(1);
    if win.len() <= step {
        return None;
    }
    let d: Vec<f32> = (0..win.len() - step)
        .map(|i| rms_diff(win[i].1, win[i + step].1))
        .collect();
    Some(d.iter().sum::<f32>() / d.len() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A "scene" whose layout drifts smoothly with time and never comes back: random layouts
    /// every half second, blended linearly in between.
    fn scene(t: f32) -> Vec<f32> {
        let key = |k: u64| {
            let mut r = crate::calib::SplitMix64::new(k + 1);
            (0..192).map(move |_| r.below(2001) as f32 / 1000.0 - 1.0)
        };
        let k = (t / 0.5).floor();
        let f = t / 0.5 - k;
        key(k as u64).zip(key(k as u64 + 1)).map(|(a, b)| a + (b - a) * f).collect()
    }

    fn run(frames: impl Iterator<Item = (u64, Vec<f32>)>) -> Option<(u64, LoopEvidence)> {
        let mut d = LoopDetector::new(LoopConfig::default());
        for (t, s) in frames {
            if let Some(e) = d.push(t, &s) {
                return Some((t, e));
            }
        }
        None
    }

    #[test]
    fn a_replayed_sequence_is_found_at_its_period_and_a_fresh_one_is_not() {
        // 8 fps with the sampling phase shifting each time round a 7.3 s loop.
        let looped = (0..400u64).map(|k| {
            let t = k * 125;
            (t, scene((t % 7300) as f32 / 1000.0))
        });
        let (at, e) = run(looped).unwrap_or_else(|| panic!("loop not found"));
        assert!(e.period_ms.abs_diff(7300) <= 130, "{e:?}");
        assert!(at < 7300 + 6000, "found late: {at}");
        let fresh = (0..400u64).map(|k| (k * 125, scene(k as f32 * 0.125)));
        assert_eq!(run(fresh), None);
    }

    #[test]
    fn a_motionless_stream_is_never_called_a_loop() {
        let still = (0..400u64).map(|k| (k * 125, scene(1.0)));
        assert_eq!(run(still), None);
    }
}
