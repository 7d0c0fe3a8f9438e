//! Source switch: the stream's resolution changes, or the picture cuts to a different scene from
//! one frame to the next, mid-call.
//!
//! WebRTC itself scales the resolution down and up with bandwidth and CPU (same aspect ratio,
//! same picture), so a resolution change is reported only when the aspect ratio changes or the
//! picture is not the same across the change. A cut is a jump between two consecutive frames
//! much larger than any head movement (layout correlation below ≈0.5), with a steady picture
//! before it and after it; turning the camera to show the ID document also does this, which is
//! why it is a hint for the agent, who knows whether they asked for it.

use super::signature::Signature;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SwitchConfig {
    /// Consecutive-frame layout distance that counts as a cut (1.0 ⇔ correlation 0.5).
    pub cut_distance: f32,
    /// Before and after the cut, consecutive frames stay below this distance …
    pub steady_distance: f32,
    /// … for this many frames on each side.
    pub steady_frames: usize,
    /// Relative aspect-ratio change that is not WebRTC's own scaling.
    pub aspect_change: f32,
}

impl Default for SwitchConfig {
    fn default() -> Self {
        SwitchConfig {
            cut_distance: 1.0,
            steady_distance: 0.45,
            steady_frames: 3,
            aspect_change: 0.02,
        }
    }
}

/// Evidence of a switch.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SwitchEvidence {
    /// `resolution` or `scene_cut`.
    pub change: &'static str,
    /// Timestamps of the last frame before and the first frame after.
    pub before_ts: u64,
    pub after_ts: u64,
    /// Frame sizes before and after.
    pub from: [u32; 2],
    pub to: [u32; 2],
    /// Layout distance across the change.
    pub distance: f32,
}

#[derive(Debug, Clone)]
struct Frame {
    ts: u64,
    size: [u32; 2],
    sig: Signature,
}

#[derive(Debug, Clone)]
pub struct SwitchDetector {
    pub config: SwitchConfig,
    /// The last frames (enough for the steady checks).
    recent: Vec<Frame>,
    /// A cut waiting for the steady frames after it: index of its first frame in `recent`.
    pending: Option<usize>,
}

impl SwitchDetector {
    pub fn new(config: SwitchConfig) -> Self {
        SwitchDetector {
            config,
            recent: Vec::new(),
            pending: None,
        }
    }

    pub fn reset(&mut self) {
        self.recent.clear();
        self.pending = None;
    }

    fn steady(&self, frames: &[Frame]) -> bool {
        frames
            .windows(2)
            .all(|p| p[0].sig.shape_distance(&p[1].sig) < self.config.steady_distance)
    }

    /// Adds a frame; returns evidence when a switch is established.
    pub fn push(&mut self, ts: u64, width: u32, height: u32, sig: &Signature) -> Option<SwitchEvidence> {
        let c = self.config;
        let frame = Frame {
            ts,
            size: [width, height],
            sig: sig.clone(),
        };
        let mut found = None;
        if let Some(prev) = self.recent.last() {
            if prev.size != frame.size {
                let aspect = |s: [u32; 2]| s[0] as f32 / s[1].max(1) as f32;
                let ratio = aspect(frame.size) / aspect(prev.size);
                let distance = prev.sig.shape_distance(&frame.sig);
                if (ratio - 1.0).abs() > c.aspect_change || distance >= c.cut_distance {
                    found = Some(SwitchEvidence {
                        change: "resolution",
                        before_ts: prev.ts,
                        after_ts: ts,
                        from: prev.size,
                        to: frame.size,
                        distance,
                    });
                }
                self.pending = None;
            } else if self.pending.is_none()
                && prev.sig.shape_distance(&frame.sig) >= c.cut_distance
                && self.recent.len() > c.steady_frames
                && self.steady(&self.recent[self.recent.len() - 1 - c.steady_frames..])
            {
                self.pending = Some(self.recent.len());
            }
        }
        self.recent.push(frame);
        if let Some(at) = self.pending {
            if self.recent.len() >= at + c.steady_frames {
                self.pending = None;
                let after = &self.recent[at..at + c.steady_frames];
                if self.steady(after) {
                    let (b, a) = (&self.recent[at - 1], &self.recent[at]);
                    found = Some(SwitchEvidence {
                        change: "scene_cut",
                        before_ts: b.ts,
                        after_ts: a.ts,
                        from: b.size,
                        to: a.size,
                        distance: b.sig.shape_distance(&a.sig),
                    });
                }
            }
        }
        let keep = 2 * c.steady_frames + 2;
        if self.recent.len() > keep && self.pending.is_none() {
            self.recent.drain(..self.recent.len() - keep);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(pattern: usize, jitter: f32) -> Signature {
        let shape: Vec<f32> = (0..192)
            .map(|i| if (i / (pattern + 1)).is_multiple_of(2) { 1.0 } else { -1.0 } + jitter * ((i * 7) % 3) as f32)
            .collect();
        Signature {
            shape,
            fine: vec![0.0; 768],
        }
    }

    #[test]
    fn a_cut_to_another_steady_scene_and_an_aspect_change_are_switches_but_scaling_is_not() {
        let mut d = SwitchDetector::new(SwitchConfig::default());
        let mut hits = Vec::new();
        for k in 0..20u64 {
            let s = if k < 10 { sig(0, 0.01 * (k % 2) as f32) } else { sig(5, 0.01 * (k % 2) as f32) };
            hits.extend(d.push(k * 125, 640, 480, &s));
        }
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!((hits[0].change, hits[0].before_ts, hits[0].after_ts), ("scene_cut", 1125, 1250));
        // WebRTC halves the resolution: same picture, same aspect ratio: nothing to report.
        assert_eq!(d.push(2500, 320, 240, &sig(5, 0.0)), None);
        // A 16:9 source replaces the 4:3 camera.
        let e = d.push(2625, 1280, 720, &sig(5, 0.0));
        assert_eq!(e.map(|e| e.change), Some("resolution"));
    }

    #[test]
    fn a_single_glitch_frame_is_not_a_cut() {
        let mut d = SwitchDetector::new(SwitchConfig::default());
        let found: Vec<_> = (0..20u64)
            .filter_map(|k| d.push(k * 125, 640, 480, &if k == 10 { sig(5, 0.0) } else { sig(0, 0.0) }))
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }
}
