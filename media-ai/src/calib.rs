//! Per-session pitch calibration and the seedable step generator.
//!
//! The landmark model reads a frontal head about 3° low (models.md) and people hold their phone or
//! webcam at different heights, so "look up/down" is judged relative to the subject's own neutral
//! pitch: the median pitch of the first few near-frontal frames.

/// Learns the neutral pitch from the first `frames_needed` frames with |yaw| < `max_yaw`.
#[derive(Debug, Clone)]
pub struct PitchCalibration {
    samples: Vec<f32>,
    pub frames_needed: usize,
    pub max_yaw: f32,
    /// Ignore frames pitched further than this from zero (someone already looking up/down).
    pub max_abs_pitch: f32,
    /// Offset used until calibrated (models.md: frontal renders read about −3°).
    pub default_offset: f32,
    offset: Option<f32>,
}

impl Default for PitchCalibration {
    fn default() -> Self {
        PitchCalibration {
            samples: Vec::new(),
            frames_needed: 5,
            max_yaw: 8.0,
            max_abs_pitch: 15.0,
            default_offset: -3.0,
            offset: None,
        }
    }
}

impl PitchCalibration {
    /// Feeds one frame's raw angles (degrees).
    pub fn observe(&mut self, yaw: f32, pitch: f32) {
        if self.offset.is_some() || yaw.abs() >= self.max_yaw || pitch.abs() >= self.max_abs_pitch {
            return;
        }
        self.samples.push(pitch);
        if self.samples.len() >= self.frames_needed.max(1) {
            self.offset = Some(median(&mut self.samples.clone()));
        }
    }

    pub fn is_calibrated(&self) -> bool {
        self.offset.is_some()
    }

    /// The neutral pitch currently assumed.
    pub fn offset(&self) -> f32 {
        self.offset.unwrap_or(self.default_offset)
    }

    /// Pitch relative to the subject's neutral pose.
    pub fn correct(&self, pitch: f32) -> f32 {
        pitch - self.offset()
    }
}

/// Median of a non-empty slice (0 for an empty one).
pub fn median(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// SplitMix64: tiny, fast, and bit-for-bit reproducible across platforms and crate versions,
/// which a seeded challenge needs (an audit must be able to regenerate the exact sequence).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        // Rejection sampling avoids modulo bias.
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn calibration_uses_the_median_of_the_first_frontal_frames() {
        let mut c = PitchCalibration::default();
        assert_eq!(c.offset(), -3.0);
        c.observe(30.0, -6.0); // turned: ignored
        for p in [-6.0, -5.0, -7.0, -6.5, -5.5] {
            c.observe(1.0, p);
        }
        assert!(c.is_calibrated());
        assert!((c.offset() + 6.0).abs() < 1e-6);
        assert!((c.correct(8.0) - 14.0).abs() < 1e-6);
    }

    #[test]
    fn splitmix_is_reproducible() {
        let a: Vec<u64> = {
            let mut r = SplitMix64::new(7);
            (0..4).map(|_| r.below(10)).collect()
        };
        let b: Vec<u64> = {
            let mut r = SplitMix64::new(7);
            (0..4).map(|_| r.below(10)).collect()
        };
        assert_eq!(a, b);
    }
}
