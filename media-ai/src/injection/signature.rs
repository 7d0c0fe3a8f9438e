//! A frame's signature for the injection hints: small area-averaged luma thumbnails of the whole
//! frame. The call's frames are lossy VP8 re-encodings, so a repeated frame never comes back
//! bit-exact; averaging 20×20-pixel blocks removes the coding noise while keeping the picture's
//! layout, and a signature is independent of the frame's resolution.

/// Coarse grid for matching sequences (loops, cuts): 16×12 cells, contrast-normalised.
pub const MATCH_W: usize = 16;
pub const MATCH_H: usize = 12;
/// Fine grid for the frozen-frame check: 32×24 cells in raw luma levels (0..255).
pub const FINE_W: usize = 32;
pub const FINE_H: usize = 24;

/// Signature of one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// 16×12 mean luma, minus its mean, divided by its standard deviation (all zero for a flat
    /// frame): insensitive to exposure and gain changes.
    pub shape: Vec<f32>,
    /// 32×24 mean luma levels.
    pub fine: Vec<f32>,
}

/// Area average of a `w`×`h` luma plane onto a `gw`×`gh` grid (each cell the mean of the pixels
/// whose centre falls in it).
fn grid(luma: &[u8], w: usize, h: usize, gw: usize, gh: usize) -> Vec<f32> {
    let mut sum = vec![0u32; gw * gh];
    let mut count = vec![0u32; gw * gh];
    let col: Vec<usize> = (0..w).map(|x| (x * gw / w).min(gw - 1)).collect();
    for y in 0..h {
        let gy = (y * gh / h).min(gh - 1);
        let row = &luma[y * w..(y + 1) * w];
        let base = gy * gw;
        for (x, &v) in row.iter().enumerate() {
            sum[base + col[x]] += u32::from(v);
            count[base + col[x]] += 1;
        }
    }
    sum.iter()
        .zip(&count)
        .map(|(&s, &c)| if c > 0 { s as f32 / c as f32 } else { 0.0 })
        .collect()
}

impl Signature {
    /// From a luma plane (the Y plane of I420, or BT.601 luma of RGB), `w`×`h`, row-major.
    /// `None` when the plane is smaller than the grid or the length does not match.
    pub fn from_luma(luma: &[u8], w: usize, h: usize) -> Option<Self> {
        if w < FINE_W || h < FINE_H || luma.len() != w * h {
            return None;
        }
        let fine = grid(luma, w, h, FINE_W, FINE_H);
        // Each coarse cell is the mean of 2×2 fine cells (exact when the frame divides evenly,
        // as 640×480 and every common camera size do; close enough otherwise).
        let mut shape: Vec<f32> = (0..MATCH_H)
            .flat_map(|y| (0..MATCH_W).map(move |x| (x, y)))
            .map(|(x, y)| {
                let f = |dx: usize, dy: usize| fine[(2 * y + dy) * FINE_W + 2 * x + dx];
                (f(0, 0) + f(1, 0) + f(0, 1) + f(1, 1)) / 4.0
            })
            .collect();
        let n = shape.len() as f32;
        let mean = shape.iter().sum::<f32>() / n;
        let sd = (shape.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n).sqrt();
        for v in &mut shape {
            *v = if sd > 0.5 { (*v - mean) / sd } else { 0.0 };
        }
        Some(Signature { shape, fine })
    }

    /// Distance between two frames' layouts: RMS difference of the normalised 16×12 grids
    /// (0 = same picture; √(2·(1 − ρ)) for correlation ρ, so 1.0 means ρ = 0.5).
    pub fn shape_distance(&self, other: &Signature) -> f32 {
        rms_diff(&self.shape, &other.shape)
    }

    /// Largest change of any 32×24 cell, in luma levels.
    pub fn max_cell_change(&self, other: &Signature) -> f32 {
        self.fine
            .iter()
            .zip(&other.fine)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max)
    }
}

pub(crate) fn rms_diff(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().max(1) as f32;
    (a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f32>() / n).sqrt()
}

/// BT.601 luma of packed RGB (for frames that arrive as RGB24).
pub fn luma_of_rgb(rgb: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3)
        .map(|p| {
            let y = 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
            y.round().clamp(0.0, 255.0) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(w: usize, h: usize, f: impl Fn(usize, usize) -> u8) -> Vec<u8> {
        (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).map(|(x, y)| f(x, y)).collect()
    }

    #[test]
    fn signature_ignores_resolution_and_gain_but_not_layout() {
        let a = frame(640, 480, |x, _| if x < 320 { 40 } else { 200 });
        let b = frame(320, 240, |x, _| if x < 160 { 60 } else { 180 }); // half size, less contrast
        let c = frame(640, 480, |_, y| if y < 240 { 40 } else { 200 });
        let (sa, sb, sc) = (
            Signature::from_luma(&a, 640, 480).unwrap_or_else(|| panic!("a")),
            Signature::from_luma(&b, 320, 240).unwrap_or_else(|| panic!("b")),
            Signature::from_luma(&c, 640, 480).unwrap_or_else(|| panic!("c")),
        );
        assert!(sa.shape_distance(&sb) < 1e-4);
        assert!(sa.shape_distance(&sc) > 0.9);
        assert!((sa.max_cell_change(&sb) - 20.0).abs() < 1e-3);
        assert!(Signature::from_luma(&a, 640, 479).is_none());
    }
}
