//! Still-image detection: the picture has not changed for several seconds.
//!
//! A camera never delivers the same picture twice: the person breathes, blinks and sways by a
//! pixel or more, and the sensor adds noise. A still photo injected as the camera (or a frozen
//! virtual camera) does, and a video codec fed identical input converges to identical output.
//! So a run of frames whose 32×24 block means all stay within [`StillConfig::tolerance`] luma
//! levels of the run's first frame, for [`StillConfig::min_duration_ms`], is reported.
//! Block means average ≈400 pixels each, so coding noise stays well below the tolerance,
//! while a 1-pixel movement of an edge with 100 levels of contrast moves its block by ≈5 levels.

use super::signature::Signature;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StillConfig {
    /// Largest block change (luma levels) still counted as "the same picture".
    pub tolerance: f32,
    /// How long the picture must stay the same.
    pub min_duration_ms: u64,
    /// And over at least this many frames.
    pub min_frames: usize,
}

// A frozen picture without a face (an empty room, a covered camera) is left to the quality flags:
// a real camera pointed at a static scene is the one case where sensor noise alone (averaged
// away in the blocks) would look frozen. Frames with a face must be at least half the stretch.

impl Default for StillConfig {
    fn default() -> Self {
        StillConfig {
            tolerance: 3.0,
            min_duration_ms: 6000,
            min_frames: 12,
        }
    }
}

/// Evidence of a frozen stretch.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StillEvidence {
    pub since_ts: u64,
    pub duration_ms: u64,
    pub frames: usize,
    /// Largest block change seen during the stretch (luma levels).
    pub max_change: f32,
    pub tolerance: f32,
    /// Frames of the stretch in which a face was found.
    pub face_frames: usize,
}

#[derive(Debug, Clone)]
pub struct StillDetector {
    pub config: StillConfig,
    anchor: Option<(u64, Signature)>,
    frames: usize,
    face_frames: usize,
    max_change: f32,
    reported: bool,
}

impl StillDetector {
    pub fn new(config: StillConfig) -> Self {
        StillDetector {
            config,
            anchor: None,
            frames: 0,
            face_frames: 0,
            max_change: 0.0,
            reported: false,
        }
    }

    pub fn reset(&mut self) {
        *self = StillDetector::new(self.config);
    }

    /// Adds a frame (`face`: a face was found on it); returns evidence once per frozen stretch,
    /// when it reaches the minimum.
    pub fn push(&mut self, ts: u64, sig: &Signature, face: bool) -> Option<StillEvidence> {
        let change = match &self.anchor {
            Some((t0, a)) if ts >= *t0 => a.max_cell_change(sig),
            _ => f32::MAX,
        };
        if change > self.config.tolerance {
            self.anchor = Some((ts, sig.clone()));
            self.frames = 1;
            self.face_frames = usize::from(face);
            self.max_change = 0.0;
            self.reported = false;
            return None;
        }
        self.frames += 1;
        self.face_frames += usize::from(face);
        self.max_change = self.max_change.max(change);
        let since = self.anchor.as_ref().map(|a| a.0).unwrap_or(ts);
        let duration = ts - since;
        if self.reported
            || duration < self.config.min_duration_ms
            || self.frames < self.config.min_frames
            || self.face_frames * 2 < self.frames
        {
            return None;
        }
        self.reported = true;
        Some(StillEvidence {
            since_ts: since,
            duration_ms: duration,
            frames: self.frames,
            max_change: self.max_change,
            tolerance: self.config.tolerance,
            face_frames: self.face_frames,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(level: f32, wobble: f32) -> Signature {
        Signature {
            shape: vec![0.0; 192],
            fine: (0..768).map(|i| level + if i == 300 { wobble } else { 0.0 }).collect(),
        }
    }

    #[test]
    fn a_frozen_picture_is_reported_once_after_the_minimum_and_movement_resets_it() {
        let mut d = StillDetector::new(StillConfig::default());
        let mut hits = Vec::new();
        for k in 0..100u64 {
            // Coding noise of ±1 level on one block: still the same picture.
            if let Some(e) = d.push(k * 125, &sig(100.0, (k % 3) as f32 - 1.0), true) {
                hits.push((k, e));
            }
        }
        assert_eq!(hits.len(), 1, "once per stretch");
        assert_eq!(hits[0].0, 48, "after 6 s at 8 fps");
        // One block moving by 6 levels every other frame (a blink, a sway): never frozen.
        let mut d = StillDetector::new(StillConfig::default());
        assert!((0..200u64).all(|k| d.push(k * 125, &sig(100.0, 6.0 * (k % 2) as f32), true).is_none()));
        // A frozen picture with nobody in it is left to the quality flags.
        let mut d = StillDetector::new(StillConfig::default());
        assert!((0..200u64).all(|k| d.push(k * 125, &sig(100.0, 0.0), k % 3 == 0).is_none()));
    }
}
