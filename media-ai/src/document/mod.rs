//! Identity documents: reading the ICAO Doc 9303 machine-readable zone (TD1, TD2, TD3) from a
//! photo or scan, and judging the capture's quality (document found, cut off, blurred, glare).
//!
//! | module | what |
//! |---|---|
//! | [`input`] | safe decoding of uploads (size, format, decompression-bomb checks) |
//! | [`ocr`] | PP-OCRv4 text detection and line recognition through ONNX Runtime |
//! | [`geometry`] | text regions, oriented boxes, rectifying crops |
//! | [`reader`] | finding the MRZ lines and reading them (both directions, three crops each) |
//! | [`ctc`] | CTC decoding under the MRZ grammar (exact length, positional classes) |
//! | [`select`] | check digits choosing between close alternatives; filler repair in names |
//! | [`mrz`] | formats, character classes, check digits, fields, the birth-century rule |
//! | [`quality`] | capture-quality flags and the retake hint |

pub mod ctc;
pub mod geometry;
pub mod input;
pub mod mrz;
pub mod ocr;
pub mod quality;
pub mod reader;
pub mod select;

use std::path::Path;

use image::RgbImage;
use serde::Serialize;

use crate::error::Result;
use crate::models::{ModelSpec, ModelStamp};
use crate::runtime::{find_models_dir, open_model};
use geometry::{crop_box, OrientedBox};
use mrz::{parse, Mrz};
use ocr::{TextDetector, TextRecognizer, REC_HEIGHT};
use quality::{assess, CaptureQuality, Evidence};

/// The OCR models (files in `media-ai/models/`, provenance in its README).
pub const OCR_DETECTOR: ModelSpec = ModelSpec {
    name: "pp-ocrv4-det",
    version: "ch_PP-OCRv4_det/rapidocr-onnxruntime-1.4.4",
    file: "ch_PP-OCRv4_det_infer.onnx",
};
pub const OCR_RECOGNIZER: ModelSpec = ModelSpec {
    name: "pp-ocrv4-rec",
    version: "ch_PP-OCRv4_rec/rapidocr-onnxruntime-1.4.4",
    file: "ch_PP-OCRv4_rec_infer.onnx",
};

/// Reader settings.
#[derive(Debug, Clone, Copy)]
pub struct DocumentOptions {
    /// ORT intra-op threads per model.
    pub threads: usize,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions { threads: 1 }
    }
}

/// The result for one image (the CLI's JSON object without `file`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    /// `null` when the image shows no readable MRZ.
    pub mrz: Option<Mrz>,
    /// Whether every check digit holds; `null` without an MRZ.
    pub check_digits_ok: Option<bool>,
    /// The MRZ lines as read (printed characters, fillers as `<`); empty without an MRZ.
    pub lines: Vec<String>,
    pub quality: CaptureQuality,
}

/// The loaded OCR models.
pub struct DocumentReader {
    det: TextDetector,
    rec: TextRecognizer,
    stamps: [ModelStamp; 2],
}

impl DocumentReader {
    /// Loads the models from the model directory (see [`crate::runtime`]).
    pub fn load(options: DocumentOptions) -> Result<Self> {
        Self::load_from(&find_models_dir()?, options)
    }

    pub fn load_from(dir: &Path, options: DocumentOptions) -> Result<Self> {
        let t = options.threads;
        let (det, det_stamp) = open_model(dir, &OCR_DETECTOR, t)?;
        let (rec, rec_stamp) = open_model(dir, &OCR_RECOGNIZER, t)?;
        Ok(DocumentReader {
            det: TextDetector::new(det),
            rec: TextRecognizer::new(rec)?,
            stamps: [det_stamp, rec_stamp],
        })
    }

    /// Name, version and SHA-256 of the two models, as loaded (for the sidecar's `models`).
    pub fn stamps(&self) -> &[ModelStamp; 2] {
        &self.stamps
    }

    /// Reads the MRZ of `img` and assesses the capture. `current_year` decides the birth
    /// century (`YY` above its last two digits ⇒ 19YY).
    pub fn read(&mut self, img: &RgbImage, current_year: i32) -> Result<DocumentReport> {
        let (found, layout) = reader::find_mrz(&mut self.det, &mut self.rec, img)?;
        let (mrz, check_digits_ok, lines) = match &found {
            Some(r) => (
                Some(parse(r.format, &r.lines, current_year)),
                Some(r.checks.iter().all(|&b| b)),
                r.lines
                    .iter()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .collect(),
            ),
            None => (None, None, Vec::new()),
        };
        let crops: Vec<RgbImage> = match &found {
            Some(r) => r.crops.clone(),
            None => longest_text_crops(img, &layout.regions, 5),
        };
        let mrz_char_height = found.as_ref().map_or(0.0, |r| {
            let q = r.quad;
            let side = ((q[3].0 - q[0].0).hypot(q[3].1 - q[0].1)) / r.format.line_count() as f32;
            side * 0.5
        });
        let quality = assess(&Evidence {
            image: img,
            regions: &layout.regions,
            mrz_quad: found.as_ref().map(|r| r.quad),
            mrz_char_height,
            text_crops: &crops,
        });
        Ok(DocumentReport {
            mrz,
            check_digits_ok,
            lines,
            quality,
        })
    }
}

/// Crops of the `n` longest text regions at the recogniser's scale (for sharpness without MRZ).
fn longest_text_crops(img: &RgbImage, regions: &[OrientedBox], n: usize) -> Vec<RgbImage> {
    let mut long: Vec<&OrientedBox> = regions
        .iter()
        .filter(|b| b.length() > 4.0 * b.thickness())
        .collect();
    long.sort_by(|a, b| b.length().total_cmp(&a.length()));
    long.into_iter()
        .take(n)
        .map(|b| {
            let th = b.thickness().max(1.0);
            let r = OrientedBox {
                n0: b.n0 - th,
                n1: b.n1 + th,
                ..*b
            };
            crop_box(img, &r, REC_HEIGHT)
        })
        .collect()
}

/// The current year from the system clock (UTC), for the CLI and the sidecar.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_unix_day((secs / 86_400) as i64)
}

/// Proleptic Gregorian year of a day count since 1970-01-01 (H. Hinnant's civil-from-days).
pub fn year_of_unix_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_map_to_their_calendar_year() {
        assert_eq!(year_of_unix_day(0), 1970);
        assert_eq!(year_of_unix_day(20_453), 2025); // 2025-12-31
        assert_eq!(year_of_unix_day(20_454), 2026); // 2026-01-01
        assert_eq!(year_of_unix_day(11_016), 2000); // 2000-02-29
    }
}
