//! The **previous** 128-D face descriptor (dlib ResNet-29 as ported by face-api.js), compared by
//! Euclidean distance. The product uses SFace ([`crate::descriptor`]); this one is kept only so
//! the benchmark and the calibration comparison can measure both in the same run, and so the
//! port stays checked against the reference implementation's distances.
//!
//! Chip: the square around landmarks 234, 454 (cheeks), 152 (chin), 105, 334, 70, 300 (brows),
//! side × 1.25, rotated so the eye line is level, sampled to 150 px, RGB 0..255
//! (the graph subtracts the mean itself).

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use crate::error::{Error, Result};
use crate::imageops::{warp_affine, Affine};
use crate::mesh::Mesh;

const MODEL: &str = "faceapi_recognition";
const INPUT: u32 = 150;
const CHIP_POINTS: [usize; 7] = [234, 454, 152, 105, 334, 70, 300];
const CHIP_SCALE: f32 = 1.25;
/// Length of a descriptor.
pub const DIM: usize = 128;

/// A face-api descriptor (not normalised).
#[derive(Debug, Clone, PartialEq)]
pub struct FaceApiDescriptor(pub Vec<f32>);

impl FaceApiDescriptor {
    /// Euclidean distance (the dlib/face-api metric).
    pub fn distance(&self, other: &FaceApiDescriptor) -> f32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f32>()
            .sqrt()
    }
}

/// Aligned 150×150 chip for the descriptor model.
///
/// The square is centred on the axis-aligned bounding box of the chip landmarks (side = larger
/// extent × 1.25) and rotated by the eye-line angle. It is sampled straight to 150 px
/// bilinearly: the reference implementation asked `cv2.warpAffine` for area interpolation, which
/// OpenCV silently runs as bilinear; matching that keeps distances within 0.01 of the reference
/// (a true area filter moves them by up to 0.04).
pub fn chip(img: &RgbImage, mesh: &Mesh) -> RgbImage {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &i in &CHIP_POINTS {
        let p = mesh.points[i];
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let side = (x1 - x0).max(y1 - y0) * CHIP_SCALE;
    let m = Affine::rotated_square(
        (x0 + x1) / 2.0,
        (y0 + y1) / 2.0,
        side,
        mesh.eye_angle(),
        INPUT,
    );
    warp_affine(img, &m, INPUT, INPUT)
}

/// Descriptor model wrapper.
pub struct FaceApiDescriber {
    session: Session,
    input: Vec<f32>,
}

impl FaceApiDescriber {
    pub fn new(session: Session) -> Self {
        FaceApiDescriber {
            session,
            input: vec![0.0; (INPUT * INPUT * 3) as usize],
        }
    }

    /// Loads `faceapi_recognition.onnx` from the models directory.
    pub fn load(dir: &std::path::Path, threads: usize) -> Result<Self> {
        let (session, _) = crate::runtime::open_model(dir, &crate::models::FACEAPI, threads)?;
        Ok(Self::new(session))
    }

    /// Descriptor of the face described by `mesh`.
    pub fn describe(&mut self, img: &RgbImage, mesh: &Mesh) -> Result<FaceApiDescriptor> {
        self.describe_chip(&chip(img, mesh))
    }

    /// Descriptor of an already aligned 150×150 chip.
    pub fn describe_chip(&mut self, c: &RgbImage) -> Result<FaceApiDescriptor> {
        if c.width() != INPUT || c.height() != INPUT {
            return Err(Error::InvalidArgument(format!(
                "descriptor chip must be {INPUT}x{INPUT}"
            )));
        }
        for (d, s) in self.input.iter_mut().zip(c.as_raw()) {
            *d = f32::from(*s);
        }
        let shape = [1usize, INPUT as usize, INPUT as usize, 3];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(MODEL, e))?;
        let out = self
            .session
            .run(ort::inputs!["input" => tensor])
            .map_err(|e| Error::ort(MODEL, e))?;
        let (_, d) = out["descriptor"]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(MODEL, e))?;
        if d.len() != DIM {
            return Err(Error::BadOutput {
                model: MODEL,
                message: format!("descriptor has {} values", d.len()),
            });
        }
        Ok(FaceApiDescriptor(d.to_vec()))
    }
}
