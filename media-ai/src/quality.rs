//! Per-frame capture quality: is there exactly one usable face?
//!
//! Thresholds (documented defaults, tuned on the fixtures; see `QualityThresholds`):
//! - face too small: larger side of the mesh box < 80 px (descriptor chips get upsampled below
//!   that, and the 40 px faces of the IBM team photos are exactly the case we want to flag);
//! - too dark: mean luma of the face box < 50 (of 255);
//! - too bright: mean luma > 230 (blown out);
//! - blurred: variance of the 4-neighbour Laplacian of the face resized to 128×128 grey < 25.
//!   Resizing first makes the number independent of the face's pixel size. Measured: sharp
//!   photos 230–630, the PAD samples 110–370, the simulated ID-card scans (blurred on purpose)
//!   21–33, the test clip (re-rendered from a 44-px face, soft) 27–170.

use image::RgbImage;

use crate::detect::BBox;
use crate::imageops::{crop, luma, resize_area};

/// One quality problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityFlag {
    NoFace,
    MultipleFaces,
    FaceTooSmall,
    TooDark,
    TooBright,
    Blurred,
}

/// Thresholds for [`assess`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct QualityThresholds {
    pub min_face_px: f32,
    pub min_luma: f32,
    pub max_luma: f32,
    pub min_laplacian_var: f32,
}

impl Default for QualityThresholds {
    fn default() -> Self {
        QualityThresholds {
            min_face_px: 80.0,
            min_luma: 50.0,
            max_luma: 230.0,
            min_laplacian_var: 25.0,
        }
    }
}

/// Measurements and the flags derived from them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QualityReport {
    pub flags: Vec<QualityFlag>,
    pub face_px: f32,
    pub mean_luma: f32,
    pub laplacian_var: f32,
}

impl QualityReport {
    pub fn ok(&self) -> bool {
        self.flags.is_empty()
    }
    pub fn no_face() -> Self {
        QualityReport {
            flags: vec![QualityFlag::NoFace],
            face_px: 0.0,
            mean_luma: 0.0,
            laplacian_var: 0.0,
        }
    }
}

/// Variance of the Laplacian of a grey image (`w` × `h`, row-major).
pub fn laplacian_variance(g: &[f32], w: usize, h: usize) -> f32 {
    if w < 3 || h < 3 {
        return 0.0;
    }
    let mut vals = Vec::with_capacity((w - 2) * (h - 2));
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let i = y * w + x;
            vals.push(g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4.0 * g[i]);
        }
    }
    let n = vals.len() as f32;
    let mean = vals.iter().sum::<f32>() / n;
    vals.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n
}

/// Quality of the main face (`face` = its mesh box) given how many faces the detector saw.
pub fn assess(
    img: &RgbImage,
    face: Option<&BBox>,
    faces_detected: usize,
    t: &QualityThresholds,
) -> QualityReport {
    let Some(b) = face else {
        return QualityReport::no_face();
    };
    let mut flags = Vec::new();
    if faces_detected > 1 {
        flags.push(QualityFlag::MultipleFaces);
    }
    let face_px = b.width().max(b.height());
    if face_px < t.min_face_px {
        flags.push(QualityFlag::FaceTooSmall);
    }
    let x0 = b.x0.max(0.0) as u32;
    let y0 = b.y0.max(0.0) as u32;
    let x1 = (b.x1.max(0.0) as u32).min(img.width());
    let y1 = (b.y1.max(0.0) as u32).min(img.height());
    if x1 <= x0 + 2 || y1 <= y0 + 2 {
        flags.push(QualityFlag::FaceTooSmall);
        return QualityReport {
            flags,
            face_px,
            mean_luma: 0.0,
            laplacian_var: 0.0,
        };
    }
    let patch = resize_area(&crop(img, x0, y0, x1, y1), 128, 128);
    let g = luma(&patch);
    let mean_luma = g.iter().sum::<f32>() / g.len() as f32;
    let laplacian_var = laplacian_variance(&g, 128, 128);
    if mean_luma < t.min_luma {
        flags.push(QualityFlag::TooDark);
    }
    if mean_luma > t.max_luma {
        flags.push(QualityFlag::TooBright);
    }
    if laplacian_var < t.min_laplacian_var {
        flags.push(QualityFlag::Blurred);
    }
    QualityReport {
        flags,
        face_px,
        mean_luma,
        laplacian_var,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn flat_dark_face_is_flagged_dark_and_blurred() {
        let img = RgbImage::from_pixel(200, 200, image::Rgb([20, 20, 20]));
        let r = assess(
            &img,
            Some(&BBox {
                x0: 10.0,
                y0: 10.0,
                x1: 150.0,
                y1: 150.0,
            }),
            1,
            &QualityThresholds::default(),
        );
        assert!(r.flags.contains(&QualityFlag::TooDark) && r.flags.contains(&QualityFlag::Blurred));
    }

    #[test]
    fn checkerboard_is_sharp_and_two_faces_are_flagged() {
        let img = RgbImage::from_fn(200, 200, |x, y| {
            if (x / 4 + y / 4) % 2 == 0 {
                image::Rgb([200, 200, 200])
            } else {
                image::Rgb([60, 60, 60])
            }
        });
        let r = assess(
            &img,
            Some(&BBox {
                x0: 0.0,
                y0: 0.0,
                x1: 200.0,
                y1: 200.0,
            }),
            2,
            &QualityThresholds::default(),
        );
        assert_eq!(r.flags, vec![QualityFlag::MultipleFaces]);
    }

    #[test]
    fn missing_face_is_flagged() {
        let img = RgbImage::new(10, 10);
        assert_eq!(
            assess(&img, None, 0, &QualityThresholds::default()).flags,
            vec![QualityFlag::NoFace]
        );
    }
}
