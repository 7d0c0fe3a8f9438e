//! Passive anti-spoofing with MiniFASNetV2 (Silent-Face-Anti-Spoofing, 80 px, scale 2.7).
//!
//! Crop: the mesh bounding box enlarged 2.7× per axis (less if it would not fit), shifted back
//! inside the frame, resized to 80×80, **BGR** 0..255. Output softmax; p(real) = `prob[1]`.
//! One frame is never enough: see [`SpoofAggregator`].

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use crate::detect::BBox;
use crate::error::{Error, Result};
use crate::imageops::{crop, resize_bilinear};

const MODEL: &str = "minifasnet_v2";
const INPUT: u32 = 80;
const CROP_SCALE: f32 = 2.7;

/// The enlarged crop box, Silent-Face's `CropImage._get_new_box` (integer pixel bounds, inclusive).
pub fn crop_box(img_w: u32, img_h: u32, b: &BBox) -> (u32, u32, u32, u32) {
    let (sw, sh) = (img_w as f32, img_h as f32);
    let (bw, bh) = (b.width().max(1.0), b.height().max(1.0));
    let scale = CROP_SCALE.min((sh - 1.0) / bh).min((sw - 1.0) / bw);
    let (nw, nh) = (bw * scale, bh * scale);
    let (cx, cy) = (b.x0 + bw / 2.0, b.y0 + bh / 2.0);
    let (mut x0, mut y0) = (cx - nw / 2.0, cy - nh / 2.0);
    let (mut x1, mut y1) = (cx + nw / 2.0, cy + nh / 2.0);
    if x0 < 0.0 {
        x1 -= x0;
        x0 = 0.0;
    }
    if y0 < 0.0 {
        y1 -= y0;
        y0 = 0.0;
    }
    if x1 > sw - 1.0 {
        x0 -= x1 - sw + 1.0;
        x1 = sw - 1.0;
    }
    if y1 > sh - 1.0 {
        y0 -= y1 - sh + 1.0;
        y1 = sh - 1.0;
    }
    (
        x0.max(0.0) as u32,
        y0.max(0.0) as u32,
        x1.max(0.0) as u32,
        y1.max(0.0) as u32,
    )
}

/// MiniFASNet wrapper.
pub struct SpoofDetector {
    session: Session,
    input: Vec<f32>,
}

impl SpoofDetector {
    pub fn new(session: Session) -> Self {
        SpoofDetector {
            session,
            input: vec![0.0; (INPUT * INPUT * 3) as usize],
        }
    }

    /// p(real) for the face in `face_box` (the mesh bounding box).
    pub fn p_real(&mut self, img: &RgbImage, face_box: &BBox) -> Result<f32> {
        let (x0, y0, x1, y1) = crop_box(img.width(), img.height(), face_box);
        let patch = resize_bilinear(&crop(img, x0, y0, x1 + 1, y1 + 1), INPUT, INPUT);
        for (d, s) in self
            .input
            .chunks_exact_mut(3)
            .zip(patch.as_raw().chunks_exact(3))
        {
            d[0] = f32::from(s[2]);
            d[1] = f32::from(s[1]);
            d[2] = f32::from(s[0]);
        }
        let shape = [1usize, INPUT as usize, INPUT as usize, 3];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(MODEL, e))?;
        let out = self
            .session
            .run(ort::inputs!["input" => tensor])
            .map_err(|e| Error::ort(MODEL, e))?;
        let (_, p) = out["prob"]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(MODEL, e))?;
        if p.len() != 3 {
            return Err(Error::BadOutput {
                model: MODEL,
                message: format!("prob has {} values", p.len()),
            });
        }
        Ok(p[1])
    }
}

/// Verdict of the multi-frame anti-spoofing aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpoofVerdict {
    Live,
    Attack,
    NotEnoughFrames,
}

/// Aggregate over frames: the mean p(real) and the share of frames below 0.5.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SpoofSummary {
    pub frames: usize,
    pub mean_p_real: f32,
    pub attack_share: f32,
    pub verdict: SpoofVerdict,
}

/// Collects per-frame p(real). Decision: mean p(real) ≥ `live_threshold` over at least
/// `min_frames` frames. A mean is used rather than a vote because single frames flicker on motion
/// blur while a print/screen replay reads low (≈0.01) on almost all frames.
#[derive(Debug, Clone)]
pub struct SpoofAggregator {
    scores: Vec<f32>,
    pub min_frames: usize,
    pub live_threshold: f32,
}

impl Default for SpoofAggregator {
    fn default() -> Self {
        SpoofAggregator {
            scores: Vec::new(),
            min_frames: 10,
            live_threshold: 0.5,
        }
    }
}

impl SpoofAggregator {
    pub fn push(&mut self, p_real: f32) {
        if p_real.is_finite() {
            self.scores.push(p_real.clamp(0.0, 1.0));
        }
    }

    pub fn summary(&self) -> SpoofSummary {
        let n = self.scores.len();
        let mean = if n > 0 {
            self.scores.iter().sum::<f32>() / n as f32
        } else {
            0.0
        };
        let attack = if n > 0 {
            self.scores.iter().filter(|&&p| p < 0.5).count() as f32 / n as f32
        } else {
            0.0
        };
        let verdict = if n < self.min_frames.max(1) {
            SpoofVerdict::NotEnoughFrames
        } else if mean >= self.live_threshold {
            SpoofVerdict::Live
        } else {
            SpoofVerdict::Attack
        };
        SpoofSummary {
            frames: n,
            mean_p_real: mean,
            attack_share: attack,
            verdict,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn crop_box_is_shifted_back_inside_the_frame() {
        let (x0, y0, x1, y1) = crop_box(
            640,
            480,
            &BBox {
                x0: 0.0,
                y0: 0.0,
                x1: 100.0,
                y1: 100.0,
            },
        );
        assert_eq!((x0, y0), (0, 0));
        assert_eq!((x1, y1), (270, 270));
        let (_, _, x1, _) = crop_box(
            640,
            480,
            &BBox {
                x0: 600.0,
                y0: 100.0,
                x1: 640.0,
                y1: 140.0,
            },
        );
        assert_eq!(x1, 639);
    }

    #[test]
    fn spoof_aggregate_needs_enough_frames_and_uses_the_mean() {
        let mut a = SpoofAggregator::default();
        for _ in 0..9 {
            a.push(0.9);
        }
        assert_eq!(a.summary().verdict, SpoofVerdict::NotEnoughFrames);
        a.push(0.9);
        assert_eq!(a.summary().verdict, SpoofVerdict::Live);
        for _ in 0..20 {
            a.push(0.01);
        }
        assert_eq!(a.summary().verdict, SpoofVerdict::Attack);
    }
}
