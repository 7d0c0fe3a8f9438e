//! Geometry of text regions: connected components of the text-probability map, oriented boxes
//! by principal axes, and the rotated-rectangle crop that rectifies a line or a band.

use image::{Rgb, RgbImage};

/// A point in image pixels.
pub type Pt = (f32, f32);

/// A rectangle `[u0, u1] × [n0, n1]` in the frame centred on `c` with unit axes `u` (along the
/// text) and `n` (across it, pointing down the page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrientedBox {
    pub c: Pt,
    pub u: Pt,
    pub n: Pt,
    pub u0: f32,
    pub u1: f32,
    pub n0: f32,
    pub n1: f32,
}

impl OrientedBox {
    pub fn length(&self) -> f32 {
        self.u1 - self.u0
    }
    pub fn thickness(&self) -> f32 {
        self.n1 - self.n0
    }
    /// The point at frame coordinates (a, b).
    pub fn point(&self, a: f32, b: f32) -> Pt {
        (
            self.c.0 + self.u.0 * a + self.n.0 * b,
            self.c.1 + self.u.1 * a + self.n.1 * b,
        )
    }
    /// The four corners (top-left, top-right, bottom-right, bottom-left in the box's frame).
    pub fn corners(&self) -> [Pt; 4] {
        [
            self.point(self.u0, self.n0),
            self.point(self.u1, self.n0),
            self.point(self.u1, self.n1),
            self.point(self.u0, self.n1),
        ]
    }
    /// The same rectangle read the other way round (rotated by 180°).
    pub fn flipped(&self) -> OrientedBox {
        OrientedBox {
            c: self.c,
            u: (-self.u.0, -self.u.1),
            n: (-self.n.0, -self.n.1),
            u0: -self.u1,
            u1: -self.u0,
            n0: -self.n1,
            n1: -self.n0,
        }
    }
    /// Projection of `p` on the frame axes.
    pub fn coords(&self, p: Pt) -> (f32, f32) {
        let (dx, dy) = (p.0 - self.c.0, p.1 - self.c.1);
        (dx * self.u.0 + dy * self.u.1, dx * self.n.0 + dy * self.n.1)
    }
}

/// Principal-axis box around `pts`; `u` points right (or down when vertical), `n` is `u` turned
/// 90° clockwise in image coordinates (y down).
pub fn pca_box(pts: &[Pt]) -> Option<OrientedBox> {
    if pts.is_empty() {
        return None;
    }
    let k = pts.len() as f64;
    let (mx, my) = pts.iter().fold((0.0f64, 0.0f64), |a, p| {
        (a.0 + f64::from(p.0), a.1 + f64::from(p.1))
    });
    let (mx, my) = (mx / k, my / k);
    let (mut sxx, mut sxy, mut syy) = (0.0f64, 0.0f64, 0.0f64);
    for p in pts {
        let (dx, dy) = (f64::from(p.0) - mx, f64::from(p.1) - my);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    // Major axis angle of the 2×2 covariance.
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (mut ux, mut uy) = (angle.cos(), angle.sin());
    if ux < 0.0 || (ux.abs() < 1e-9 && uy < 0.0) {
        ux = -ux;
        uy = -uy;
    }
    let (nx, ny) = (-uy, ux);
    let mut b = OrientedBox {
        c: (mx as f32, my as f32),
        u: (ux as f32, uy as f32),
        n: (nx as f32, ny as f32),
        u0: f32::MAX,
        u1: f32::MIN,
        n0: f32::MAX,
        n1: f32::MIN,
    };
    for &p in pts {
        let (a, n) = b.coords(p);
        b.u0 = b.u0.min(a);
        b.u1 = b.u1.max(a);
        b.n0 = b.n0.min(n);
        b.n1 = b.n1.max(n);
    }
    Some(b)
}

/// One connected region of the probability map above the threshold.
#[derive(Debug, Clone)]
pub struct Region {
    /// Pixel centres mapped to image coordinates.
    pub pts: Vec<Pt>,
    pub bbox: OrientedBox,
    /// Thickness across the text in image pixels (box thickness + one map pixel).
    pub thickness: f32,
}

/// 8-connected regions of `map` (`w` × `h`) above `threshold` with at least `min_pixels`
/// pixels; map pixel (x, y) maps to image point (x·sx, y·sy).
pub fn regions(
    map: &[f32],
    w: usize,
    h: usize,
    threshold: f32,
    min_pixels: usize,
    sx: f32,
    sy: f32,
) -> Vec<Region> {
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || map[start] <= threshold {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut members = Vec::new();
        while let Some(i) = stack.pop() {
            members.push(i);
            let (x, y) = ((i % w) as i64, (i / w) as i64);
            for dy in -1..=1i64 {
                for dx in -1..=1i64 {
                    let (nx, ny) = (x + dx, y + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if !seen[j] && map[j] > threshold {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if members.len() < min_pixels {
            continue;
        }
        let pts: Vec<Pt> = members
            .iter()
            .map(|&i| ((i % w) as f32 * sx, (i / w) as f32 * sy))
            .collect();
        if let Some(bbox) = pca_box(&pts) {
            let thickness = bbox.thickness() + sx.max(sy);
            out.push(Region {
                pts,
                bbox,
                thickness,
            });
        }
    }
    out
}

fn sample_clamped(img: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let x = x.clamp(0.0, w - 1.0);
    let y = y.clamp(0.0, h - 1.0);
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (x0, y0) = (x0 as u32, y0 as u32);
    let x1 = (x0 + 1).min(img.width() - 1);
    let y1 = (y0 + 1).min(img.height() - 1);
    let p = |x: u32, y: u32| img.get_pixel(x, y).0;
    let (a, b, c, d) = (p(x0, y0), p(x1, y0), p(x0, y1), p(x1, y1));
    let mut out = [0.0; 3];
    for k in 0..3 {
        let top = f32::from(a[k]) * (1.0 - fx) + f32::from(b[k]) * fx;
        let bottom = f32::from(c[k]) * (1.0 - fx) + f32::from(d[k]) * fx;
        out[k] = top * (1.0 - fy) + bottom * fy;
    }
    out
}

/// Samples the rectangle `r` into an image `out_h` pixels high (width in proportion), bilinear,
/// edge pixels repeated outside the image. When the rectangle is much larger than the output,
/// the source is averaged over a small grid so thin strokes are not skipped.
pub fn crop_box(img: &RgbImage, r: &OrientedBox, out_h: u32) -> RgbImage {
    let scale = out_h as f32 / r.thickness().max(1.0);
    let out_w = ((r.length() * scale).round() as u32).max(8);
    let step = 1.0 / scale;
    let taps = (step.ceil() as usize).clamp(1, 4);
    let mut out = RgbImage::new(out_w, out_h);
    for y in 0..out_h {
        for x in 0..out_w {
            let mut acc = [0.0f32; 3];
            for ty in 0..taps {
                for tx in 0..taps {
                    let a = r.u0 + (x as f32 + (tx as f32 + 0.5) / taps as f32 - 0.5) * step;
                    let b = r.n0 + (y as f32 + (ty as f32 + 0.5) / taps as f32 - 0.5) * step;
                    let (sx, sy) = r.point(a, b);
                    let v = sample_clamped(img, sx, sy);
                    for k in 0..3 {
                        acc[k] += v[k];
                    }
                }
            }
            let n = (taps * taps) as f32;
            out.put_pixel(
                x,
                y,
                Rgb([
                    (acc[0] / n).round() as u8,
                    (acc[1] / n).round() as u8,
                    (acc[2] / n).round() as u8,
                ]),
            );
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn principal_axes_follow_a_tilted_bar() {
        let pts: Vec<Pt> = (0..100)
            .flat_map(|i| {
                let t = i as f32;
                (0..3).map(move |k| (t, 0.2 * t + k as f32))
            })
            .collect();
        let b = pca_box(&pts).unwrap();
        let angle = b.u.1.atan2(b.u.0).to_degrees();
        assert!((angle - 11.3).abs() < 0.5, "{angle}");
        assert!(b.length() > 95.0 && b.thickness() < 4.0);
    }

    #[test]
    fn separate_blobs_become_separate_regions_and_specks_are_dropped() {
        let (w, h) = (20, 10);
        let mut map = vec![0.0f32; w * h];
        for x in 1..8 {
            map[2 * w + x] = 0.9;
            map[3 * w + x] = 0.9;
        }
        for x in 12..19 {
            map[6 * w + x] = 0.9;
        }
        map[9 * w] = 0.9;
        let r = regions(&map, w, h, 0.3, 3, 2.0, 2.0);
        assert_eq!(r.len(), 2);
        assert!(r.iter().any(|r| r.pts.len() == 14));
    }

    #[test]
    fn a_flipped_box_covers_the_same_corners() {
        let b = OrientedBox {
            c: (50.0, 20.0),
            u: (1.0, 0.0),
            n: (0.0, 1.0),
            u0: -40.0,
            u1: 30.0,
            n0: -5.0,
            n1: 8.0,
        };
        let f = b.flipped();
        assert_eq!(f.corners()[0], b.corners()[2]);
        assert_eq!(f.corners()[2], b.corners()[0]);
    }

    #[test]
    fn cropping_a_rotated_box_reads_the_pixels_inside_it() {
        let img = RgbImage::from_fn(100, 100, |x, _| {
            if x < 50 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        // A box pointing up (u = −y): the left of the crop is the bottom of the image.
        let b = OrientedBox {
            c: (25.0, 50.0),
            u: (0.0, -1.0),
            n: (1.0, 0.0),
            u0: -20.0,
            u1: 20.0,
            n0: -10.0,
            n1: 10.0,
        };
        let c = crop_box(&img, &b, 20);
        assert_eq!(c.width(), 40);
        assert!(c.pixels().all(|p| p.0[0] < 10));
    }
}
