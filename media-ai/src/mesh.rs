//! 468-point face landmarks with MediaPipe FaceMesh v1 (192 px input).
//!
//! The crop is a square of 1.5 × the face box's larger side, rotated so the eye line is level;
//! landmarks come back in crop pixels and are mapped to the frame with the inverse affine.

use image::RgbImage;
use ort::session::Session;
use ort::value::TensorRef;

use crate::detect::BBox;
use crate::error::{Error, Result};
use crate::imageops::{warp_affine, Affine};

const MODEL: &str = "facemesh";
const INPUT: u32 = 192;
/// Crop side relative to the face box (MediaPipe's ROI scale).
pub const CROP_SCALE: f32 = 1.5;
/// Number of landmarks.
pub const N_LANDMARKS: usize = 468;
/// Outer eye corners (subject's right, subject's left): define the eye line when tracking.
pub const RIGHT_EYE_OUTER: usize = 33;
pub const LEFT_EYE_OUTER: usize = 263;

/// Where to crop for the landmark model: centre, side (source pixels), eye-line angle (radians).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roi {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
    pub angle: f32,
}

impl Roi {
    /// ROI from a face box and an eye-line angle.
    pub fn from_box(b: &BBox, angle: f32) -> Self {
        let (cx, cy) = b.center();
        Roi {
            cx,
            cy,
            side: CROP_SCALE * b.width().max(b.height()),
            angle,
        }
    }
}

/// Landmarks of one face, frame pixel coordinates (x right, y down, z negative toward the camera,
/// same scale as x).
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    pub points: Vec<[f32; 3]>,
    /// Face presence probability from the model.
    pub faceflag: f32,
}

impl Mesh {
    /// Axis-aligned bounding box of all landmarks.
    pub fn bbox(&self) -> BBox {
        let mut b = BBox {
            x0: f32::MAX,
            y0: f32::MAX,
            x1: f32::MIN,
            y1: f32::MIN,
        };
        for p in &self.points {
            b.x0 = b.x0.min(p[0]);
            b.y0 = b.y0.min(p[1]);
            b.x1 = b.x1.max(p[0]);
            b.y1 = b.y1.max(p[1]);
        }
        b
    }

    /// Angle of the line between the outer eye corners (subject's right → left).
    pub fn eye_angle(&self) -> f32 {
        let r = self.points[RIGHT_EYE_OUTER];
        let l = self.points[LEFT_EYE_OUTER];
        (l[1] - r[1]).atan2(l[0] - r[0])
    }

    /// ROI for the next landmark pass (2nd pass or next video frame).
    pub fn roi(&self) -> Roi {
        Roi::from_box(&self.bbox(), self.eye_angle())
    }
}

/// FaceMesh wrapper.
pub struct Landmarker {
    session: Session,
    input: Vec<f32>,
}

impl Landmarker {
    pub fn new(session: Session) -> Self {
        Landmarker {
            session,
            input: vec![0.0; (INPUT * INPUT * 3) as usize],
        }
    }

    /// Runs the landmark model on one ROI.
    pub fn landmarks(&mut self, img: &RgbImage, roi: &Roi) -> Result<Mesh> {
        let m = Affine::rotated_square(roi.cx, roi.cy, roi.side, roi.angle, INPUT);
        let chip = warp_affine(img, &m, INPUT, INPUT);
        for (d, s) in self.input.iter_mut().zip(chip.as_raw()) {
            *d = f32::from(*s) / 255.0;
        }
        let shape = [1usize, INPUT as usize, INPUT as usize, 3];
        let tensor = TensorRef::from_array_view((shape, self.input.as_slice()))
            .map_err(|e| Error::ort(MODEL, e))?;
        let out = self
            .session
            .run(ort::inputs!["input_1" => tensor])
            .map_err(|e| Error::ort(MODEL, e))?;
        let (_, mesh) = out["output_mesh"]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(MODEL, e))?;
        let (_, flag) = out["output_faceflag"]
            .try_extract_tensor::<f32>()
            .map_err(|e| Error::ort(MODEL, e))?;
        if mesh.len() != N_LANDMARKS * 3 || flag.is_empty() {
            return Err(Error::BadOutput {
                model: MODEL,
                message: format!("mesh has {} values", mesh.len()),
            });
        }
        let zscale = m.scale();
        let points = mesh
            .chunks_exact(3)
            .map(|p| {
                let (x, y) = m.apply(p[0], p[1]);
                [x, y, p[2] * zscale]
            })
            .collect();
        Ok(Mesh {
            points,
            faceflag: flag[0],
        })
    }
}
