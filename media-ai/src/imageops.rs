//! Small image primitives (OpenCV-compatible where the reference pipeline used OpenCV):
//! bilinear affine warp with a black border, bilinear and area resize, letterboxing,
//! I420 → RGB conversion and luma. Pure Rust so the crate links nothing but ONNX Runtime.

use image::RgbImage;

use crate::error::{Error, Result};

/// Affine map from destination pixel (u, v) to source pixel (x, y), pixel centres on integers
/// (the OpenCV convention): `x = a·u + b·v + tx`, `y = c·u + d·v + ty`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub tx: f32,
    pub ty: f32,
}

impl Affine {
    /// Square crop of `side` source pixels centred on (cx, cy), rotated by `angle` (radians, the
    /// direction of the crop's x axis in the source image), sampled into `out` × `out` pixels.
    pub fn rotated_square(cx: f32, cy: f32, side: f32, angle: f32, out: u32) -> Self {
        let s = side / out as f32;
        let (sin, cos) = angle.sin_cos();
        // OpenCV recipe (getRotationMatrix2D + shift to out/2): the crop centre lands on pixel out/2.
        let half = out as f32 / 2.0;
        // src = c + R(angle)·(dst − half)·s
        let a = cos * s;
        let b = -sin * s;
        let c = sin * s;
        let d = cos * s;
        Affine {
            a,
            b,
            c,
            d,
            tx: cx - a * half - b * half,
            ty: cy - c * half - d * half,
        }
    }

    /// Destination → source.
    pub fn apply(&self, u: f32, v: f32) -> (f32, f32) {
        (
            self.a * u + self.b * v + self.tx,
            self.c * u + self.d * v + self.ty,
        )
    }

    /// Scale of the map (source pixels per destination pixel).
    pub fn scale(&self) -> f32 {
        (self.a * self.d - self.b * self.c).abs().sqrt()
    }
}

#[inline]
fn px(img: &RgbImage, x: i64, y: i64) -> [f32; 3] {
    if x < 0 || y < 0 || x >= i64::from(img.width()) || y >= i64::from(img.height()) {
        return [0.0; 3];
    }
    let i = (y as usize * img.width() as usize + x as usize) * 3;
    let r = img.as_raw();
    [f32::from(r[i]), f32::from(r[i + 1]), f32::from(r[i + 2])]
}

/// Bilinear sample with a constant black border (cv2.warpAffine defaults).
#[inline]
fn sample(img: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let x0 = x.floor();
    let y0 = y.floor();
    let fx = x - x0;
    let fy = y - y0;
    let (xi, yi) = (x0 as i64, y0 as i64);
    let p00 = px(img, xi, yi);
    let p10 = px(img, xi + 1, yi);
    let p01 = px(img, xi, yi + 1);
    let p11 = px(img, xi + 1, yi + 1);
    let mut o = [0.0; 3];
    for k in 0..3 {
        let top = p00[k] + (p10[k] - p00[k]) * fx;
        let bot = p01[k] + (p11[k] - p01[k]) * fx;
        o[k] = top + (bot - top) * fy;
    }
    o
}

/// Warps `img` into a `w` × `h` image through `m` (destination → source).
pub fn warp_affine(img: &RgbImage, m: &Affine, w: u32, h: u32) -> RgbImage {
    let mut out = vec![0u8; (w * h * 3) as usize];
    for v in 0..h {
        for u in 0..w {
            let (x, y) = m.apply(u as f32, v as f32);
            let p = sample(img, x, y);
            let i = ((v * w + u) * 3) as usize;
            for k in 0..3 {
                out[i + k] = p[k].round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_default()
}

/// Bilinear resize with edge replication (cv2.INTER_LINEAR).
pub fn resize_bilinear(img: &RgbImage, w: u32, h: u32) -> RgbImage {
    let (sw, sh) = (img.width() as f32, img.height() as f32);
    let (sx, sy) = (sw / w as f32, sh / h as f32);
    let mut out = vec![0u8; (w * h * 3) as usize];
    for v in 0..h {
        let y = ((v as f32 + 0.5) * sy - 0.5).clamp(0.0, sh - 1.0);
        for u in 0..w {
            let x = ((u as f32 + 0.5) * sx - 0.5).clamp(0.0, sw - 1.0);
            let p = sample_clamped(img, x, y);
            let i = ((v * w + u) * 3) as usize;
            for k in 0..3 {
                out[i + k] = p[k].round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_default()
}

fn sample_clamped(img: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let maxx = i64::from(img.width()) - 1;
    let maxy = i64::from(img.height()) - 1;
    let x0 = x.floor() as i64;
    let y0 = y.floor() as i64;
    let fx = x - x0 as f32;
    let fy = y - y0 as f32;
    let c = |xx: i64, yy: i64| px(img, xx.clamp(0, maxx), yy.clamp(0, maxy));
    let (p00, p10, p01, p11) = (c(x0, y0), c(x0 + 1, y0), c(x0, y0 + 1), c(x0 + 1, y0 + 1));
    let mut o = [0.0; 3];
    for k in 0..3 {
        let top = p00[k] + (p10[k] - p00[k]) * fx;
        let bot = p01[k] + (p11[k] - p01[k]) * fx;
        o[k] = top + (bot - top) * fy;
    }
    o
}

/// Area-averaging resize (cv2.INTER_AREA) for shrinking; falls back to bilinear when enlarging.
pub fn resize_area(img: &RgbImage, w: u32, h: u32) -> RgbImage {
    if img.width() < w || img.height() < h {
        return resize_bilinear(img, w, h);
    }
    area_resample(img, img.width(), img.height(), w, h)
}

/// Area resampling of `img` placed top-left on a black `canvas_w` × `canvas_h` canvas
/// (the canvas is never allocated: pixels outside `img` contribute zero).
fn area_resample(img: &RgbImage, canvas_w: u32, canvas_h: u32, w: u32, h: u32) -> RgbImage {
    let wx = area_weights(canvas_w, w);
    let wy = area_weights(canvas_h, h);
    let src = img.as_raw();
    let (sw, sh) = (img.width() as usize, img.height() as usize);
    let mut out = vec![0u8; (w * h * 3) as usize];
    for (v, ys) in wy.iter().enumerate() {
        for (u, xs) in wx.iter().enumerate() {
            let mut acc = [0f32; 3];
            for &(y, fy) in ys.iter().filter(|(y, _)| *y < sh) {
                for &(x, fx) in xs.iter().filter(|(x, _)| *x < sw) {
                    let i = (y * sw + x) * 3;
                    let f = fx * fy;
                    acc[0] += f * f32::from(src[i]);
                    acc[1] += f * f32::from(src[i + 1]);
                    acc[2] += f * f32::from(src[i + 2]);
                }
            }
            let o = (v * w as usize + u) * 3;
            for k in 0..3 {
                out[o + k] = acc[k].round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_default()
}

/// For each destination index, the source indices and normalised overlap weights.
fn area_weights(src: u32, dst: u32) -> Vec<Vec<(usize, f32)>> {
    let scale = f64::from(src) / f64::from(dst);
    (0..dst)
        .map(|d| {
            let start = f64::from(d) * scale;
            let end = start + scale;
            let mut v = Vec::new();
            let mut s = start.floor() as usize;
            while (s as f64) < end && s < src as usize {
                let lo = start.max(s as f64);
                let hi = end.min(s as f64 + 1.0);
                if hi > lo {
                    v.push((s, ((hi - lo) / scale) as f32));
                }
                s += 1;
            }
            v
        })
        .collect()
}

/// Pads right/bottom to a square (black) and area-resizes it to `out` × `out`.
/// Returns the image and the square's side in source pixels. Area averaging (not bilinear)
/// matters: on a 2000-px photo bilinear aliasing moves the detector box by 1–2 px, and the
/// reference implementation's boxes are reproduced to 0.1 px only with area averaging.
pub fn letterbox(img: &RgbImage, out: u32) -> (RgbImage, f32) {
    let side = img.width().max(img.height());
    if side < out {
        let mut sq = RgbImage::new(side, side);
        image::imageops::replace(&mut sq, img, 0, 0);
        return (resize_bilinear(&sq, out, out), side as f32);
    }
    (area_resample(img, side, side, out, out), side as f32)
}

/// Crops an axis-aligned rectangle (clamped to the image).
pub fn crop(img: &RgbImage, x0: u32, y0: u32, x1: u32, y1: u32) -> RgbImage {
    let x1 = x1.min(img.width()).max(x0 + 1);
    let y1 = y1.min(img.height()).max(y0 + 1);
    image::imageops::crop_imm(img, x0, y0, x1 - x0, y1 - y0).to_image()
}

/// Converts a tightly packed I420 (YUV 4:2:0 planar, BT.601 limited range) buffer to RGB.
pub fn i420_to_rgb(width: u32, height: u32, data: &[u8]) -> Result<RgbImage> {
    let (w, h) = (width as usize, height as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let need = w * h + 2 * cw * ch;
    if w == 0 || h == 0 || data.len() != need {
        return Err(Error::InvalidFrame(format!(
            "I420 {width}x{height} needs {need} bytes, got {}",
            data.len()
        )));
    }
    let (yp, rest) = data.split_at(w * h);
    let (up, vp) = rest.split_at(cw * ch);
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            let yy = 1.164 * (f32::from(yp[y * w + x]) - 16.0);
            let ci = (y / 2) * cw + x / 2;
            let u = f32::from(up[ci]) - 128.0;
            let v = f32::from(vp[ci]) - 128.0;
            let o = (y * w + x) * 3;
            out[o] = (yy + 1.596 * v).round().clamp(0.0, 255.0) as u8;
            out[o + 1] = (yy - 0.392 * u - 0.813 * v).round().clamp(0.0, 255.0) as u8;
            out[o + 2] = (yy + 2.017 * u).round().clamp(0.0, 255.0) as u8;
        }
    }
    RgbImage::from_raw(width, height, out)
        .ok_or_else(|| Error::InvalidFrame("I420 conversion".into()))
}

/// Converts RGB to tightly packed I420 (BT.601 limited range, 2×2 chroma averaging): the
/// inverse of [`i420_to_rgb`], for clients and tests that must send I420 frames.
pub fn rgb_to_i420(img: &RgbImage) -> Vec<u8> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let mut out = vec![0u8; w * h + 2 * cw * ch];
    let raw = img.as_raw();
    let px = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
        (f32::from(raw[i]), f32::from(raw[i + 1]), f32::from(raw[i + 2]))
    };
    for y in 0..h {
        for x in 0..w {
            let (r, g, b) = px(x, y);
            out[y * w + x] = (16.0 + 0.257 * r + 0.504 * g + 0.098 * b).round().clamp(0.0, 255.0) as u8;
        }
    }
    let (up, vp) = out[w * h..].split_at_mut(cw * ch);
    for cy in 0..ch {
        for cx in 0..cw {
            let (mut r, mut g, mut b, mut n) = (0.0, 0.0, 0.0, 0.0);
            for (x, y) in [(2 * cx, 2 * cy), (2 * cx + 1, 2 * cy), (2 * cx, 2 * cy + 1), (2 * cx + 1, 2 * cy + 1)] {
                if x < w && y < h {
                    let p = px(x, y);
                    r += p.0;
                    g += p.1;
                    b += p.2;
                    n += 1.0;
                }
            }
            let (r, g, b) = (r / n, g / n, b / n);
            up[cy * cw + cx] = (128.0 - 0.148 * r - 0.291 * g + 0.439 * b).round().clamp(0.0, 255.0) as u8;
            vp[cy * cw + cx] = (128.0 + 0.439 * r - 0.368 * g - 0.071 * b).round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// Wraps packed RGB bytes, checking the length.
pub fn rgb_from_raw(width: u32, height: u32, data: Vec<u8>) -> Result<RgbImage> {
    let need = width as usize * height as usize * 3;
    if width == 0 || height == 0 || data.len() != need {
        return Err(Error::InvalidFrame(format!(
            "RGB {width}x{height} needs {need} bytes, got {}",
            data.len()
        )));
    }
    RgbImage::from_raw(width, height, data).ok_or_else(|| Error::InvalidFrame("RGB buffer".into()))
}

/// BT.601 luma of every pixel as f32.
pub fn luma(img: &RgbImage) -> Vec<f32> {
    img.as_raw()
        .chunks_exact(3)
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect()
}

/// Decodes JPEG/PNG bytes to RGB, applying the EXIF orientation (phone photos and some
/// samples are stored sideways; OpenCV's imread rotates them too).
/// The largest side and pixel count of an image we decode (a 50-megapixel phone photo fits).
const MAX_SIDE: u32 = 12_000;
const MAX_PIXELS: u64 = 50_000_000;

pub fn decode_image(bytes: &[u8]) -> Result<RgbImage> {
    use image::ImageDecoder;
    let err = |e: image::ImageError| Error::ImageDecode {
        path: None,
        message: e.to_string(),
    };
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::ImageDecode {
            path: None,
            message: e.to_string(),
        })?;
    let mut decoder = reader.into_decoder().map_err(err)?;
    // The header's claimed size is checked before anything is allocated: a 74-byte PNG can
    // claim billions of pixels (found by fuzzing the sidecar's framing).
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Error::ImageDecode { path: None, message: format!("image of {w}x{h} pixels is larger than allowed") });
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    decoder.set_limits(limits).map_err(err)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(err)?;
    img.apply_orientation(orientation);
    Ok(img.to_rgb8())
}

/// Reads and decodes an image file.
pub fn load_image(path: &std::path::Path) -> Result<RgbImage> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    decode_image(&bytes).map_err(|e| match e {
        Error::ImageDecode { message, .. } => Error::ImageDecode {
            path: Some(path.to_path_buf()),
            message,
        },
        other => other,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {

    #[test]
    fn an_image_claiming_billions_of_pixels_is_refused_before_any_allocation() {
        // A PNG header that declares 1 x 4,294,443,009 pixels (the fuzzer's find).
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(1u32.to_be_bytes());
        png.extend(4_294_443_009u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        assert!(matches!(super::decode_image(&png), Err(crate::error::Error::ImageDecode { .. })));
    }

    use super::*;

    #[test]
    fn i420_round_trip_keeps_colours_within_a_few_levels() {
        let img = RgbImage::from_fn(5, 3, |x, y| image::Rgb([(x * 50) as u8, (y * 100) as u8, 128]));
        let flat = RgbImage::from_pixel(6, 4, image::Rgb([200, 120, 40]));
        let back = i420_to_rgb(6, 4, &rgb_to_i420(&flat)).unwrap();
        for (a, b) in back.as_raw().iter().zip(flat.as_raw()) {
            assert!((i16::from(*a) - i16::from(*b)).abs() <= 3, "{a} vs {b}");
        }
        assert_eq!(rgb_to_i420(&img).len(), 15 + 2 * 3 * 2);
        assert!(i420_to_rgb(5, 3, &rgb_to_i420(&img)).is_ok());
    }

    #[test]
    fn area_resize_averages_blocks_and_letterbox_pads_black() {
        let img = RgbImage::from_fn(4, 4, |x, _| if x < 2 { image::Rgb([0, 0, 0]) } else { image::Rgb([200, 200, 200]) });
        let small = resize_area(&img, 2, 2);
        assert_eq!(small.get_pixel(0, 0).0, [0, 0, 0]);
        assert_eq!(small.get_pixel(1, 1).0, [200, 200, 200]);
        let wide = RgbImage::from_pixel(512, 256, image::Rgb([100, 100, 100]));
        let (lb, side) = letterbox(&wide, 256);
        assert_eq!(side, 512.0);
        assert_eq!(lb.get_pixel(10, 10).0, [100, 100, 100]);
        assert_eq!(lb.get_pixel(10, 200).0, [0, 0, 0]);
    }
}
