//! The two PP-OCRv4 models (PaddleOCR, as shipped in the `rapidocr-onnxruntime` wheel):
//! DB text detection (a per-pixel text probability map) and CRNN/SVTR line recognition
//! (CTC over a 6623-character dictionary, stored in the model's `character` metadata).
//!
//! Both take NCHW float32 in BGR channel order scaled to `(x/255 − 0.5)/0.5`, as PaddleOCR does.

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use super::ctc::{LineProbs, COLUMNS};
use super::mrz::CHARSET;
use crate::error::{Error, Result};
use crate::imageops::{resize_area, resize_bilinear};

const DET: &str = "pp-ocrv4-det";
const REC: &str = "pp-ocrv4-rec";
/// Recogniser input height.
pub const REC_HEIGHT: u32 = 48;

fn to_nchw_bgr(img: &RgbImage, buf: &mut Vec<f32>) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    buf.clear();
    buf.resize(3 * w * h, 0.0);
    let plane = w * h;
    for (i, p) in img.as_raw().chunks_exact(3).enumerate() {
        // BGR planes.
        buf[i] = f32::from(p[2]) / 127.5 - 1.0;
        buf[plane + i] = f32::from(p[1]) / 127.5 - 1.0;
        buf[2 * plane + i] = f32::from(p[0]) / 127.5 - 1.0;
    }
}

/// Text probability map: `w` × `h` values in 0..1; map pixel (x, y) covers image point
/// (x·sx, y·sy).
pub struct ProbMap {
    pub w: usize,
    pub h: usize,
    pub data: Vec<f32>,
    pub sx: f32,
    pub sy: f32,
}

/// DB text detector.
pub struct TextDetector {
    session: Session,
    input: Vec<f32>,
}

impl TextDetector {
    pub fn new(session: Session) -> Self {
        TextDetector {
            session,
            input: Vec::new(),
        }
    }

    /// Runs the detector on `img` scaled by `scale` (sides rounded to multiples of 32).
    pub fn probability_map(&mut self, img: &RgbImage, scale: f32) -> Result<ProbMap> {
        let round32 = |v: u32| ((v as f32 * scale / 32.0).round() as u32).max(1) * 32;
        let (nw, nh) = (round32(img.width()), round32(img.height()));
        let resized = if scale < 1.0 {
            resize_area(img, nw, nh)
        } else {
            resize_bilinear(img, nw, nh)
        };
        to_nchw_bgr(&resized, &mut self.input);
        let shape = [1usize, 3, nh as usize, nw as usize];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(DET, e))?;
        let out = self
            .session
            .run(ort::inputs!["x" => tensor])
            .map_err(|e| Error::ort(DET, e))?;
        let (_, data) = out[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(DET, e))?;
        if data.len() != (nw * nh) as usize {
            return Err(Error::BadOutput {
                model: DET,
                message: format!("{} values for a {nw}×{nh} input", data.len()),
            });
        }
        Ok(ProbMap {
            w: nw as usize,
            h: nh as usize,
            data: data.to_vec(),
            sx: img.width() as f32 / nw as f32,
            sy: img.height() as f32 / nh as f32,
        })
    }
}

/// Line recogniser restricted to the MRZ characters.
pub struct TextRecognizer {
    session: Session,
    /// Output column of blank, then of each [`CHARSET`] character.
    columns: [usize; COLUMNS],
    classes: usize,
    input: Vec<f32>,
}

impl TextRecognizer {
    /// Finds the MRZ characters in the model's dictionary (metadata `character`, one per line;
    /// output column = line index + 1, column 0 = CTC blank).
    pub fn new(session: Session) -> Result<Self> {
        let dict = session
            .metadata()
            .map_err(|e| Error::ort(REC, e))?
            .custom("character")
            .ok_or_else(|| Error::BadOutput {
                model: REC,
                message: "no `character` dictionary in the model metadata".into(),
            })?;
        let entries: Vec<&str> = dict.split('\n').collect();
        let mut columns = [0usize; COLUMNS];
        for (k, &c) in CHARSET.iter().enumerate() {
            let want = char::from(c).to_string();
            let i = entries
                .iter()
                .position(|e| *e == want)
                .ok_or_else(|| Error::BadOutput {
                    model: REC,
                    message: format!("dictionary lacks {want:?}"),
                })?;
            columns[k + 1] = i + 1;
        }
        Ok(TextRecognizer {
            session,
            columns,
            // blank + dictionary + the space PaddleOCR appends.
            classes: entries.len() + 2,
            input: Vec::new(),
        })
    }

    /// Reads one line crop (already [`REC_HEIGHT`] pixels high).
    pub fn read(&mut self, crop: &RgbImage) -> Result<LineProbs> {
        let crop = if crop.height() == REC_HEIGHT {
            crop.clone()
        } else {
            let w = ((crop.width() * REC_HEIGHT) as f32 / crop.height() as f32).ceil() as u32;
            resize_bilinear(crop, w.max(8), REC_HEIGHT)
        };
        to_nchw_bgr(&crop, &mut self.input);
        let shape = [1usize, 3, REC_HEIGHT as usize, crop.width() as usize];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(REC, e))?;
        let out = self
            .session
            .run(ort::inputs!["x" => tensor])
            .map_err(|e| Error::ort(REC, e))?;
        let (_, data) = out[0]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(REC, e))?;
        if data.is_empty() || data.len() % self.classes != 0 {
            return Err(Error::BadOutput {
                model: REC,
                message: format!("{} values, not a multiple of {}", data.len(), self.classes),
            });
        }
        let t = data.len() / self.classes;
        let mut logp = Vec::with_capacity(t * COLUMNS);
        for row in data.chunks_exact(self.classes) {
            // Renormalise over blank + MRZ characters: what is left of the probability mass
            // decides between the MRZ readings (a '«' or lowercase shape counts for nothing).
            let sum: f32 = self.columns.iter().map(|&c| row[c]).sum::<f32>().max(1e-12);
            for &c in &self.columns {
                logp.push((row[c] / sum).max(1e-12).ln());
            }
        }
        Ok(LineProbs { t, logp })
    }
}
