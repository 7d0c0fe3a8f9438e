//! Face detection with MediaPipe BlazeFace (back-camera model, 256 px input).
//!
//! Letterbox (pad right/bottom) → 256×256 → `x/127.5 − 1`; 896 anchors (16×16×2 at stride 16,
//! then 8×8×6 at stride 32); sigmoid scores > 0.5; greedy NMS at IoU 0.3.

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use crate::error::{Error, Result};
use crate::imageops::letterbox;

const MODEL: &str = "blazeface";
const INPUT: u32 = 256;
/// Minimum face probability (models.md).
pub const SCORE_THRESHOLD: f32 = 0.5;
/// NMS overlap (models.md).
pub const NMS_IOU: f32 = 0.3;

/// An axis-aligned box in image pixels.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    pub fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
    pub fn area(&self) -> f32 {
        self.width().max(0.0) * self.height().max(0.0)
    }
    pub fn iou(&self, o: &BBox) -> f32 {
        let ix = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let iy = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        let inter = ix * iy;
        let union = self.area() + o.area() - inter;
        if union > 0.0 {
            inter / union
        } else {
            0.0
        }
    }
}

/// One detected face.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub bbox: BBox,
    pub score: f32,
    /// Right eye, left eye (the subject's), nose tip, mouth, right tragion, left tragion.
    pub keypoints: [(f32, f32); 6],
}

impl Detection {
    /// Angle (radians) of the line from the subject's right eye to their left eye, image coordinates.
    pub fn eye_angle(&self) -> f32 {
        let (r, l) = (self.keypoints[0], self.keypoints[1]);
        (l.1 - r.1).atan2(l.0 - r.0)
    }
}

/// Anchor centres in 256-px units, in model output order.
fn anchors() -> Vec<(f32, f32)> {
    let mut v = Vec::with_capacity(896);
    for (grid, stride, n) in [(16u32, 16.0f32, 2usize), (8, 32.0, 6)] {
        for y in 0..grid {
            for x in 0..grid {
                for _ in 0..n {
                    v.push(((x as f32 + 0.5) * stride, (y as f32 + 0.5) * stride));
                }
            }
        }
    }
    v
}

/// BlazeFace wrapper.
pub struct Detector {
    session: Session,
    anchors: Vec<(f32, f32)>,
    input: Vec<f32>,
}

impl Detector {
    pub fn new(session: Session) -> Self {
        Detector {
            session,
            anchors: anchors(),
            input: vec![0.0; (INPUT * INPUT * 3) as usize],
        }
    }

    /// All faces above the score threshold after NMS, best first.
    pub fn detect(&mut self, img: &RgbImage) -> Result<Vec<Detection>> {
        let (sq, side) = letterbox(img, INPUT);
        for (d, s) in self.input.iter_mut().zip(sq.as_raw()) {
            *d = f32::from(*s) / 127.5 - 1.0;
        }
        let shape = [1usize, INPUT as usize, INPUT as usize, 3];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(MODEL, e))?;
        let out = self
            .session
            .run(ort::inputs!["input:0" => tensor])
            .map_err(|e| Error::ort(MODEL, e))?;
        let get = |name: &str, rows: usize, cols: usize| -> Result<Vec<f32>> {
            let (_, data) = out[name]
                .try_extract_tensor::<f32>()
                .map_err(|e| Error::ort(MODEL, e))?;
            if data.len() != rows * cols {
                return Err(Error::BadOutput {
                    model: MODEL,
                    message: format!("{name} has {} values", data.len()),
                });
            }
            Ok(data.to_vec())
        };
        let mut scores = get("Identity:0", 512, 1)?;
        scores.extend(get("Identity_1:0", 384, 1)?);
        let mut regs = get("Identity_2:0", 512, 16)?;
        regs.extend(get("Identity_3:0", 384, 16)?);
        drop(out);
        let k = side / INPUT as f32;
        let mut cands = Vec::new();
        for (i, (&logit, &(ax, ay))) in scores.iter().zip(&self.anchors).enumerate() {
            let score = 1.0 / (1.0 + (-logit.clamp(-80.0, 80.0)).exp());
            if score <= SCORE_THRESHOLD {
                continue;
            }
            let r = &regs[i * 16..i * 16 + 16];
            let (cx, cy, w, h) = (r[0] + ax, r[1] + ay, r[2], r[3]);
            let bbox = BBox {
                x0: (cx - w / 2.0) * k,
                y0: (cy - h / 2.0) * k,
                x1: (cx + w / 2.0) * k,
                y1: (cy + h / 2.0) * k,
            };
            let mut keypoints = [(0.0, 0.0); 6];
            for (j, kp) in keypoints.iter_mut().enumerate() {
                *kp = ((r[4 + 2 * j] + ax) * k, (r[5 + 2 * j] + ay) * k);
            }
            cands.push(Detection {
                bbox,
                score,
                keypoints,
            });
        }
        Ok(nms(cands, NMS_IOU))
    }
}

/// Greedy non-maximum suppression, highest score first.
pub fn nms(mut cands: Vec<Detection>, iou: f32) -> Vec<Detection> {
    cands.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut keep: Vec<Detection> = Vec::new();
    for c in cands {
        if keep.iter().all(|k| k.bbox.iou(&c.bbox) <= iou) {
            keep.push(c);
        }
    }
    keep
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_two_grids() {
        let a = anchors();
        assert_eq!(a.len(), 896);
        assert_eq!(a[0], (8.0, 8.0));
        assert_eq!(a[1], (8.0, 8.0));
        assert_eq!(a[2], (24.0, 8.0));
        assert_eq!(a[512], (16.0, 16.0));
        assert_eq!(a[895], (240.0, 240.0));
    }

    #[test]
    fn nms_drops_overlapping_weaker_boxes() {
        let d = |x: f32, s: f32| Detection {
            bbox: BBox {
                x0: x,
                y0: 0.0,
                x1: x + 10.0,
                y1: 10.0,
            },
            score: s,
            keypoints: [(0.0, 0.0); 6],
        };
        let kept = nms(vec![d(0.0, 0.6), d(1.0, 0.9), d(50.0, 0.7)], 0.3);
        assert_eq!(kept.len(), 2);
        assert!((kept[0].score - 0.9).abs() < 1e-6);
    }
}
