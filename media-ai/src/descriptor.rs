//! Face descriptor: SFace (OpenCV Zoo, 2021dec, an ArcFace-class margin-loss model on a
//! MobileFaceNet-style backbone), 128-D, compared by cosine similarity.
//!
//! Input: the 112×112 chip aligned on the ArcFace 5-point template ([`crate::align`]), float32
//! **NCHW**, RGB 0..255 (the graph normalises itself). Output `fc1` [1,128], L2-normalised here.
//! The session score is reported as a distance, `1 − cosine`, so "smaller = more alike" keeps
//! holding for every consumer of the face match.

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use crate::align::{self, CHIP};
use crate::error::{Error, Result};
use crate::mesh::Mesh;

const MODEL: &str = "sface";
const INPUT_NAME: &str = "data";
const OUTPUT_NAME: &str = "fc1";
/// Length of a descriptor.
pub const DIM: usize = 128;

/// An L2-normalised face descriptor.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor(pub Vec<f32>);

impl Descriptor {
    /// Normalises a raw embedding; `None` for an all-zero or non-finite one.
    pub fn from_raw(v: &[f32]) -> Option<Self> {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        (norm.is_finite() && norm > 1e-12).then(|| Descriptor(v.iter().map(|x| x / norm).collect()))
    }

    /// Cosine similarity in [−1, 1] (1 = identical direction).
    pub fn cosine(&self, other: &Descriptor) -> f32 {
        self.0.iter().zip(&other.0).map(|(a, b)| a * b).sum()
    }

    /// `1 − cosine`, in [0, 2]: the distance the face match reports.
    pub fn distance(&self, other: &Descriptor) -> f32 {
        1.0 - self.cosine(other)
    }
}

/// SFace model wrapper.
pub struct Describer {
    session: Session,
    input: Vec<f32>,
}

impl Describer {
    pub fn new(session: Session) -> Self {
        Describer {
            session,
            input: vec![0.0; (3 * CHIP * CHIP) as usize],
        }
    }

    /// Descriptor of the face described by `mesh`, or `None` if the landmarks are degenerate.
    pub fn describe(&mut self, img: &RgbImage, mesh: &Mesh) -> Result<Option<Descriptor>> {
        match align::chip(img, mesh) {
            Some(c) => self.describe_chip(&c).map(Some),
            None => Ok(None),
        }
    }

    /// Descriptor of an already aligned 112×112 chip.
    pub fn describe_chip(&mut self, c: &RgbImage) -> Result<Descriptor> {
        if c.width() != CHIP || c.height() != CHIP {
            return Err(Error::InvalidArgument(format!(
                "descriptor chip must be {CHIP}x{CHIP}"
            )));
        }
        // HWC → CHW.
        let plane = (CHIP * CHIP) as usize;
        for (i, px) in c.as_raw().chunks_exact(3).enumerate() {
            self.input[i] = f32::from(px[0]);
            self.input[plane + i] = f32::from(px[1]);
            self.input[2 * plane + i] = f32::from(px[2]);
        }
        let shape = [1usize, 3, CHIP as usize, CHIP as usize];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(MODEL, e))?;
        let out = self
            .session
            .run(ort::inputs![INPUT_NAME => tensor])
            .map_err(|e| Error::ort(MODEL, e))?;
        let (_, d) = out[OUTPUT_NAME]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(MODEL, e))?;
        if d.len() != DIM {
            return Err(Error::BadOutput {
                model: MODEL,
                message: format!("descriptor has {} values", d.len()),
            });
        }
        Descriptor::from_raw(d).ok_or(Error::BadOutput {
            model: MODEL,
            message: "descriptor is zero or not finite".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_unit_length_and_distance_is_one_minus_cosine() {
        let a = Descriptor::from_raw(&[3.0, 4.0]).unwrap_or(Descriptor(vec![]));
        let b = Descriptor::from_raw(&[4.0, 3.0]).unwrap_or(Descriptor(vec![]));
        assert!((a.cosine(&a) - 1.0).abs() < 1e-6);
        assert!((a.cosine(&b) - 0.96).abs() < 1e-6);
        assert!((a.distance(&b) - 0.04).abs() < 1e-6);
        assert!(Descriptor::from_raw(&[0.0, 0.0]).is_none());
    }
}
