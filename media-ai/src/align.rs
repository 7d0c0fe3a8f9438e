//! Five-point face alignment onto the 112×112 ArcFace template (the input SFace was trained on).
//!
//! The five points come from the FaceMesh landmarks the pipeline already computes: the centres of
//! the eyes (mean of the two corners 33/133 and 362/263), the nose tip (1) and the mouth corners
//! (61, 291). A least-squares similarity transform (rotation, uniform scale, translation; no
//! shear, no reflection) maps them onto the template, the same estimate OpenCV's
//! `FaceRecognizerSF::alignCrop` makes (Umeyama), and the face is sampled bilinearly.

use image::RgbImage;

use crate::imageops::{warp_affine, Affine};
use crate::mesh::Mesh;

/// Side of the aligned chip.
pub const CHIP: u32 = 112;

/// The ArcFace/InsightFace 5-point template for 112×112 chips, in image order: the subject's right
/// eye (image left), left eye, nose tip, right mouth corner, left mouth corner.
pub const ARCFACE_TEMPLATE: [[f32; 2]; 5] = [
    [38.2946, 51.6963],
    [73.5318, 51.5014],
    [56.0252, 71.7366],
    [41.5493, 92.3655],
    [70.7299, 92.2041],
];

/// FaceMesh indices: (subject's right eye corners, left eye corners, nose tip, mouth corners).
const RIGHT_EYE: [usize; 2] = [33, 133];
const LEFT_EYE: [usize; 2] = [362, 263];
const NOSE_TIP: usize = 1;
const MOUTH_RIGHT: usize = 61;
const MOUTH_LEFT: usize = 291;

/// The five alignment points of a mesh, in template order, frame pixels.
pub fn five_points(mesh: &Mesh) -> [[f32; 2]; 5] {
    let p = |i: usize| [mesh.points[i][0], mesh.points[i][1]];
    let mid = |[a, b]: [usize; 2]| {
        let (pa, pb) = (p(a), p(b));
        [(pa[0] + pb[0]) / 2.0, (pa[1] + pb[1]) / 2.0]
    };
    [
        mid(RIGHT_EYE),
        mid(LEFT_EYE),
        p(NOSE_TIP),
        p(MOUTH_RIGHT),
        p(MOUTH_LEFT),
    ]
}

/// Least-squares similarity `dst ≈ s·R·src + t`, returned as the map from `dst` back to `src`
/// (what [`warp_affine`] needs). Closed form in 2-D: with centred points, `s·cos θ = Σ x·y / Σ|x|²`
/// and `s·sin θ = Σ x×y / Σ|x|²`. `None` when the source points coincide.
pub fn similarity_inverse(src: &[[f32; 2]; 5], dst: &[[f32; 2]; 5]) -> Option<Affine> {
    let n = src.len() as f64;
    let mean = |pts: &[[f32; 2]; 5]| {
        let (sx, sy) = pts.iter().fold((0.0f64, 0.0f64), |(x, y), p| {
            (x + f64::from(p[0]), y + f64::from(p[1]))
        });
        (sx / n, sy / n)
    };
    let (mx, my) = mean(src);
    let (nx, ny) = mean(dst);
    let (mut dot, mut cross, mut norm) = (0.0f64, 0.0f64, 0.0f64);
    for (s, d) in src.iter().zip(dst) {
        let (x0, x1) = (f64::from(s[0]) - mx, f64::from(s[1]) - my);
        let (y0, y1) = (f64::from(d[0]) - nx, f64::from(d[1]) - ny);
        dot += x0 * y0 + x1 * y1;
        cross += x0 * y1 - x1 * y0;
        norm += x0 * x0 + x1 * x1;
    }
    if norm < 1e-9 {
        return None;
    }
    // Forward: dst = A·src + t with A = [[a, −b], [b, a]].
    let (a, b) = (dot / norm, cross / norm);
    let det = a * a + b * b;
    if det < 1e-18 {
        return None;
    }
    let t = (nx - (a * mx - b * my), ny - (b * mx + a * my));
    // Inverse: src = A⁻¹·(dst − t), A⁻¹ = [[a, b], [−b, a]] / det.
    let (ia, ib, ic, id) = (a / det, b / det, -b / det, a / det);
    Some(Affine {
        a: ia as f32,
        b: ib as f32,
        c: ic as f32,
        d: id as f32,
        tx: (-(ia * t.0 + ib * t.1)) as f32,
        ty: (-(ic * t.0 + id * t.1)) as f32,
    })
}

/// The aligned 112×112 RGB chip of the face described by `mesh` (`None` for a degenerate mesh).
pub fn chip(img: &RgbImage, mesh: &Mesh) -> Option<RgbImage> {
    let m = similarity_inverse(&five_points(mesh), &ARCFACE_TEMPLATE)?;
    Some(warp_affine(img, &m, CHIP, CHIP))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_recovers_a_rotated_scaled_shifted_template() {
        // src = template rotated by 20°, scaled 2.5×, shifted: the inverse map must bring every
        // template point back onto its source point.
        let (s, th) = (2.5f32, 20f32.to_radians());
        let src = ARCFACE_TEMPLATE.map(|[x, y]| {
            [
                s * (th.cos() * x - th.sin() * y) + 300.0,
                s * (th.sin() * x + th.cos() * y) + 120.0,
            ]
        });
        let Some(m) = similarity_inverse(&src, &ARCFACE_TEMPLATE) else {
            panic!("degenerate")
        };
        for (t, s) in ARCFACE_TEMPLATE.iter().zip(&src) {
            let (x, y) = m.apply(t[0], t[1]);
            assert!((x - s[0]).abs() < 1e-3 && (y - s[1]).abs() < 1e-3, "{x},{y} vs {s:?}");
        }
        assert!((m.scale() - s).abs() < 1e-4);
    }

    #[test]
    fn coincident_points_have_no_alignment() {
        assert!(similarity_inverse(&[[5.0, 5.0]; 5], &ARCFACE_TEMPLATE).is_none());
    }
}
