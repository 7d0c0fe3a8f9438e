//! Safe decoding of an uploaded document image.
//!
//! The upload is untrusted: its size is capped, the format must be JPEG or PNG, and the pixel
//! dimensions are read from the header and checked **before** decoding, so a small file that
//! declares a huge image (a decompression bomb) is refused without allocating it. The decoder
//! also runs with `image` crate limits as a second fence.

use image::{ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use crate::error::{Error, Result};

/// Largest accepted file (a 48-MP phone JPEG is about 15 MB).
pub const MAX_BYTES: usize = 30 << 20;
/// Largest accepted side and pixel count (a 50-MP photo is 8660 × 5773).
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_PIXELS: u64 = 50_000_000;

fn bad(code: &'static str, message: String) -> Error {
    Error::BadImage { code, message }
}

/// Decodes an uploaded image (EXIF orientation applied). Errors carry a stable code:
/// `image_too_large` (bytes), `not_an_image`, `image_dimensions_too_large`, `image_decode_failed`.
pub fn decode_upload(bytes: &[u8]) -> Result<RgbImage> {
    if bytes.len() > MAX_BYTES {
        return Err(bad(
            "image_too_large",
            format!("{} bytes, at most {MAX_BYTES}", bytes.len()),
        ));
    }
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| bad("not_an_image", e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png) => {}
        _ => return Err(bad("not_an_image", "not a JPEG or PNG file".to_string())),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Decoded RGBA at the pixel cap, plus the decoder's working memory.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| bad("image_decode_failed", e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err(bad(
            "image_dimensions_too_large",
            format!("{w}×{h} pixels, at most {MAX_SIDE} per side and {MAX_PIXELS} in all"),
        ));
    }
    decoder
        .set_limits(limits)
        .map_err(|e| bad("image_dimensions_too_large", e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder)
        .map_err(|e| bad("image_decode_failed", e.to_string()))?;
    img.apply_orientation(orientation);
    Ok(img.to_rgb8())
}

/// Reads and decodes an image file with [`decode_upload`]'s checks.
pub fn load_upload(path: &std::path::Path) -> Result<RgbImage> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if meta.len() > MAX_BYTES as u64 {
        return Err(bad(
            "image_too_large",
            format!("{} bytes, at most {MAX_BYTES}", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    decode_upload(&bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn code(r: Result<RgbImage>) -> &'static str {
        match r {
            Err(Error::BadImage { code, .. }) => code,
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => "ok",
        }
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        RgbImage::new(w, h)
            .write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn text_bytes_are_not_an_image() {
        assert_eq!(code(decode_upload(b"%PDF-1.7 hello")), "not_an_image");
        assert_eq!(code(decode_upload(b"")), "not_an_image");
    }

    #[test]
    fn a_truncated_jpeg_fails_to_decode() {
        let mut jpeg = Vec::new();
        RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 0]))
            .write_to(&mut std::io::Cursor::new(&mut jpeg), ImageFormat::Jpeg)
            .unwrap();
        jpeg.truncate(jpeg.len() / 3);
        assert_eq!(code(decode_upload(&jpeg)), "image_decode_failed");
    }

    #[test]
    fn a_header_declaring_a_huge_image_is_refused_before_decoding() {
        // A valid PNG whose IHDR is rewritten to 60000 × 60000 (CRC fixed): a bomb's header.
        let mut p = png(8, 8);
        p[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        p[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&p[12..29]);
        p[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(code(decode_upload(&p)), "image_dimensions_too_large");
    }

    #[test]
    fn too_many_bytes_are_refused_unread() {
        let big = vec![0u8; MAX_BYTES + 1];
        assert_eq!(code(decode_upload(&big)), "image_too_large");
    }

    #[test]
    fn a_small_png_decodes() {
        let img = decode_upload(&png(10, 7)).unwrap();
        assert_eq!((img.width(), img.height()), (10, 7));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
