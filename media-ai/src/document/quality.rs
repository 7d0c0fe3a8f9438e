//! Capture quality of a document photo: is there a document, is it cut off by the frame,
//! blurred, or washed out by glare — and which retake hint to show.
//!
//! Measured on what the reader already found (MRZ line crops, text regions), so it costs a few
//! milliseconds. Sharpness is the **edge width** of text at a normalised scale (line crops are
//! 48 px high, characters about 24 px): the intensity range of the crop divided by twice its
//! strong gradient, in pixels. Glare is the share of clipped white pixels in and around the text
//! lines, where a reflection washes the print out.

use image::RgbImage;
use serde::Serialize;

use super::geometry::{OrientedBox, Pt};

/// Edge width (px at the normalised scale) above which text is too blurred to read reliably.
pub const MAX_EDGE_WIDTH: f32 = 3.2;
/// Share of clipped pixels in the document's text area above which glare hides content.
pub const MAX_GLARE_SHARE: f32 = 0.2;
/// A channel value counted as clipped white.
const CLIPPED: u8 = 245;
/// Text regions needed to call something a document when no MRZ was read.
const MIN_TEXT_REGIONS: usize = 4;

/// Why the customer should take the picture again (most important first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetakeHint {
    /// No document in the picture.
    NoDocument,
    /// Part of the document is outside the frame.
    DocumentCutOff,
    /// Out of focus or moved.
    Blurred,
    /// A reflection hides part of the document.
    Glare,
}

/// Capture-quality flags of one image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureQuality {
    pub document_found: bool,
    pub cut_off: bool,
    pub blurred: bool,
    pub glare: bool,
    /// Median edge width of the text, px at the normalised scale (`null` without text).
    pub edge_width: Option<f32>,
    /// Share of clipped white pixels over the text area.
    pub glare_share: f32,
    /// The hint to show, `null` when the capture is usable.
    pub retake_hint: Option<RetakeHint>,
}

/// Edge width of one text crop: intensity range (5th–95th percentile) over twice the 95th
/// percentile of the gradient magnitude. A sharp step edge gives about 1 px.
pub fn edge_width(crop: &RgbImage) -> Option<f32> {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    if w < 3 || h < 3 {
        return None;
    }
    let g: Vec<f32> = crop
        .as_raw()
        .chunks_exact(3)
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect();
    let mut grads = Vec::with_capacity(w * h);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let gx = (g[y * w + x + 1] - g[y * w + x - 1]) / 2.0;
            let gy = (g[(y + 1) * w + x] - g[(y - 1) * w + x]) / 2.0;
            grads.push((gx * gx + gy * gy).sqrt());
        }
    }
    let mut lum = g;
    let pct = |v: &mut Vec<f32>, q: f32| {
        let k = ((v.len() - 1) as f32 * q).round() as usize;
        v.select_nth_unstable_by(k, f32::total_cmp);
        v[k]
    };
    let range = pct(&mut lum, 0.95) - pct(&mut lum, 0.05);
    let strong = pct(&mut grads, 0.95);
    if range < 20.0 || strong <= 0.0 {
        return None;
    }
    Some(range / (2.0 * strong))
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// Whether the quadrilateral `q`, grown by `margin` px, leaves the `w` × `h` image.
fn leaves_frame(q: &[Pt], margin: f32, w: f32, h: f32) -> bool {
    q.iter()
        .any(|p| p.0 < margin || p.1 < margin || p.0 > w - 1.0 - margin || p.1 > h - 1.0 - margin)
}

/// Share of clipped white pixels inside the quadrilateral `q` (convex, in order), sampled on a
/// grid of about 100 × 100 points.
fn clipped_share(img: &RgbImage, q: &[Pt; 4]) -> f32 {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (mut n, mut hit) = (0u32, 0u32);
    for i in 0..100 {
        for j in 0..100 {
            let (s, t) = ((i as f32 + 0.5) / 100.0, (j as f32 + 0.5) / 100.0);
            // Bilinear point of the quad.
            let top = (
                q[0].0 + (q[1].0 - q[0].0) * s,
                q[0].1 + (q[1].1 - q[0].1) * s,
            );
            let bottom = (
                q[3].0 + (q[2].0 - q[3].0) * s,
                q[3].1 + (q[2].1 - q[3].1) * s,
            );
            let (x, y) = (
                top.0 + (bottom.0 - top.0) * t,
                top.1 + (bottom.1 - top.1) * t,
            );
            if x >= 0.0 && y >= 0.0 && x < w && y < h {
                n += 1;
                if img
                    .get_pixel(x as u32, y as u32)
                    .0
                    .iter()
                    .all(|&c| c >= CLIPPED)
                {
                    hit += 1;
                }
            }
        }
    }
    if n == 0 {
        0.0
    } else {
        hit as f32 / n as f32
    }
}

/// The document's area: from the MRZ (the page above it, about 0.7 MRZ lengths high, as in
/// TD1/TD2/TD3 layouts), else the axis-aligned hull of the text regions.
fn document_area(mrz: Option<[Pt; 4]>, text: &[OrientedBox]) -> Option<[Pt; 4]> {
    if let Some(q) = mrz {
        let len = (q[1].0 - q[0].0).hypot(q[1].1 - q[0].1).max(1.0);
        // Unit vector from the bottom edge to the top edge of the MRZ.
        let (dx, dy) = (q[0].0 - q[3].0, q[0].1 - q[3].1);
        let d = dx.hypot(dy).max(1.0);
        let (ux, uy) = (dx / d * 0.7 * len, dy / d * 0.7 * len);
        return Some([
            (q[3].0 + ux, q[3].1 + uy),
            (q[2].0 + ux, q[2].1 + uy),
            q[2],
            q[3],
        ]);
    }
    if text.is_empty() {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for b in text {
        for p in b.corners() {
            x0 = x0.min(p.0);
            y0 = y0.min(p.1);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
        }
    }
    Some([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
}

/// What the reader found, as input to [`assess`].
pub struct Evidence<'a> {
    pub image: &'a RgbImage,
    /// Text regions of the overview pass (image pixels).
    pub regions: &'a [OrientedBox],
    /// The MRZ corners when one was read.
    pub mrz_quad: Option<[Pt; 4]>,
    /// Character height of the MRZ in image pixels (for the margin around it).
    pub mrz_char_height: f32,
    /// Text crops at the normalised scale (MRZ lines, or the longest text regions).
    pub text_crops: &'a [RgbImage],
}

/// Flags and hint for one capture.
pub fn assess(e: &Evidence<'_>) -> CaptureQuality {
    let (w, h) = (e.image.width() as f32, e.image.height() as f32);
    let text: Vec<OrientedBox> = e
        .regions
        .iter()
        .filter(|b| b.length() > 2.0 * b.thickness() && b.thickness() > 2.0)
        .copied()
        .collect();
    let document_found = e.mrz_quad.is_some() || text.len() >= MIN_TEXT_REGIONS;
    // The MRZ needs its clear margin inside the frame; any text touching the border is cut.
    let mrz_cut = e
        .mrz_quad
        .is_some_and(|q| leaves_frame(&q, e.mrz_char_height, w, h));
    // The detector's regions are the shrunk cores of the text: one thickness of margin.
    let text_cut = text
        .iter()
        .any(|b| leaves_frame(&b.corners(), b.thickness().max(3.0), w, h));
    let cut_off = document_found && (mrz_cut || text_cut);
    let edge = median(e.text_crops.iter().filter_map(edge_width).collect());
    let blurred = edge.is_some_and(|x| x > MAX_EDGE_WIDTH);
    let glare_share = document_area(e.mrz_quad, &text).map_or(0.0, |q| clipped_share(e.image, &q));
    let glare = document_found && glare_share > MAX_GLARE_SHARE;
    let retake_hint = if !document_found {
        Some(RetakeHint::NoDocument)
    } else if cut_off {
        Some(RetakeHint::DocumentCutOff)
    } else if blurred {
        Some(RetakeHint::Blurred)
    } else if glare {
        Some(RetakeHint::Glare)
    } else {
        None
    };
    CaptureQuality {
        document_found,
        cut_off,
        blurred,
        glare,
        edge_width: edge.map(|x| (x * 100.0).round() / 100.0),
        glare_share: (glare_share * 1000.0).round() / 1000.0,
        retake_hint,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use image::Rgb;

    fn bars(blur: u32) -> RgbImage {
        // Black/white vertical bars 8 px wide, then a box blur of `blur` px horizontally.
        let sharp = RgbImage::from_fn(96, 48, |x, _| {
            if (x / 8) % 2 == 0 {
                Rgb([20, 20, 20])
            } else {
                Rgb([230, 230, 230])
            }
        });
        if blur <= 1 {
            return sharp;
        }
        RgbImage::from_fn(96, 48, |x, y| {
            let (mut s, mut n) = (0u32, 0u32);
            for k in 0..blur {
                let xx = (x + k).saturating_sub(blur / 2).min(95);
                s += u32::from(sharp.get_pixel(xx, y).0[0]);
                n += 1;
            }
            let v = (s / n) as u8;
            Rgb([v, v, v])
        })
    }

    #[test]
    fn edge_width_grows_with_blur() {
        let sharp = edge_width(&bars(1)).unwrap();
        let soft = edge_width(&bars(7)).unwrap();
        assert!(sharp < 1.5, "{sharp}");
        assert!(soft > MAX_EDGE_WIDTH, "{soft}");
    }

    #[test]
    fn a_flat_crop_has_no_edge_width() {
        assert_eq!(
            edge_width(&RgbImage::from_pixel(50, 48, Rgb([128, 128, 128]))),
            None
        );
    }

    #[test]
    fn hints_follow_the_order_document_cut_blur_glare() {
        let img = RgbImage::from_pixel(200, 100, Rgb([250, 250, 250]));
        let inside = OrientedBox {
            c: (100.0, 50.0),
            u: (1.0, 0.0),
            n: (0.0, 1.0),
            u0: -50.0,
            u1: 50.0,
            n0: -4.0,
            n1: 4.0,
        };
        let crops = [bars(1)];
        let e = Evidence {
            image: &img,
            regions: &[inside; 4],
            mrz_quad: None,
            mrz_char_height: 0.0,
            text_crops: &crops,
        };
        let q = assess(&e);
        assert!(q.document_found && !q.cut_off && !q.blurred && q.glare);
        assert_eq!(q.retake_hint, Some(RetakeHint::Glare));
        let touching = OrientedBox {
            u0: -120.0,
            ..inside
        };
        let e = Evidence {
            regions: &[inside, inside, inside, touching],
            ..e
        };
        assert_eq!(assess(&e).retake_hint, Some(RetakeHint::DocumentCutOff));
        let e = Evidence { regions: &[], ..e };
        assert_eq!(assess(&e).retake_hint, Some(RetakeHint::NoDocument));
    }
}
