//! The per-frame pipeline: detect → landmarks → head pose → descriptor → anti-spoofing,
//! plus the quality check. Stills always run the detector; video frames go through a
//! [`Tracker`] that reuses the previous frame's mesh ROI.

use std::path::Path;
use std::sync::Arc;

use image::RgbImage;

use crate::antispoof::SpoofDetector;
use crate::descriptor::{Describer, Descriptor};
use crate::detect::{BBox, Detection, Detector};
use crate::error::{Error, Result};
use crate::mesh::{Landmarker, Mesh, Roi};
use crate::models::{self, read_stamped, EventStamps, PipelineStamps};
use crate::pose::{CanonicalModel, Pose};
use crate::quality::{assess, QualityReport, QualityThresholds};
use crate::runtime::{find_models_dir, open_model};
use crate::track::{TrackAction, Tracker};

/// How to build a pipeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PipelineOptions {
    /// ORT intra-op threads per model.
    pub threads: usize,
    /// Re-crop from the first mesh's box and run the landmark model again (+≈4 ms, tighter crop).
    pub second_pass: bool,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            threads: 1,
            second_pass: true,
        }
    }
}

/// Which optional stages to run on a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    pub descriptor: bool,
    pub antispoof: bool,
}

impl Stages {
    pub const ALL: Stages = Stages {
        descriptor: true,
        antispoof: true,
    };
    pub const POSE_ONLY: Stages = Stages {
        descriptor: false,
        antispoof: false,
    };
}

/// Results for the main (largest) face of a frame.
#[derive(Debug, Clone)]
pub struct FaceResult {
    /// Detector box when the detector ran on this frame.
    pub detection: Option<Detection>,
    pub mesh: Mesh,
    pub mesh_box: BBox,
    pub pose: Option<Pose>,
    pub descriptor: Option<Descriptor>,
    pub p_real: Option<f32>,
}

/// Everything measured on one frame.
#[derive(Debug, Clone)]
pub struct FrameAnalysis {
    /// Faces the detector found (on tracked frames: the count of the last detector run).
    pub faces_detected: usize,
    pub detector_ran: bool,
    pub face: Option<FaceResult>,
    pub quality: QualityReport,
}

impl FrameAnalysis {
    /// The detector ran and found nobody.
    fn no_face() -> FrameAnalysis {
        FrameAnalysis { faces_detected: 0, detector_ran: true, face: None, quality: QualityReport::no_face() }
    }
}

/// All models, loaded once.
pub struct Pipeline {
    pub detector: Detector,
    pub landmarker: Landmarker,
    pub describer: Describer,
    pub spoof: SpoofDetector,
    pub canonical: CanonicalModel,
    pub options: PipelineOptions,
    pub quality: QualityThresholds,
    /// Name, version and SHA-256 of every loaded model file.
    pub stamps: PipelineStamps,
    /// The `models` lists for each event kind, built once.
    pub event_stamps: Arc<EventStamps>,
}

impl Pipeline {
    /// Loads the models from the default models directory (see [`crate::runtime`]).
    pub fn load(options: PipelineOptions) -> Result<Self> {
        Self::load_from(&find_models_dir()?, options)
    }

    pub fn load_from(dir: &Path, options: PipelineOptions) -> Result<Self> {
        let t = options.threads;
        let (detector, detector_stamp) = open_model(dir, &models::BLAZEFACE, t)?;
        let (landmarker, landmarks_stamp) = open_model(dir, &models::FACEMESH, t)?;
        let (describer, descriptor_stamp) = open_model(dir, &models::SFACE, t)?;
        let (spoof, antispoof_stamp) = open_model(dir, &models::MINIFASNET, t)?;
        let (geometry, geometry_stamp) = read_stamped(dir, &models::FACE_GEOMETRY)?;
        let canonical = CanonicalModel::parse(&String::from_utf8_lossy(&geometry)).map_err(|m| {
            Error::BadOutput {
                model: "canonical face model",
                message: m,
            }
        })?;
        let stamps = PipelineStamps {
            detector: detector_stamp,
            landmarks: landmarks_stamp,
            geometry: geometry_stamp,
            descriptor: descriptor_stamp,
            antispoof: antispoof_stamp,
        };
        Ok(Pipeline {
            detector: Detector::new(detector),
            landmarker: Landmarker::new(landmarker),
            describer: Describer::new(describer),
            spoof: SpoofDetector::new(spoof),
            canonical,
            options,
            quality: QualityThresholds::default(),
            event_stamps: stamps.events(),
            stamps,
        })
    }

    /// Landmarks from a ROI, with the optional second pass.
    pub fn landmarks(&mut self, img: &RgbImage, roi: &Roi) -> Result<Mesh> {
        let first = self.landmarker.landmarks(img, roi)?;
        if self.options.second_pass && first.faceflag >= 0.5 {
            self.landmarker.landmarks(img, &first.roi())
        } else {
            Ok(first)
        }
    }

    /// Pose, descriptor and p(real) for a mesh.
    pub fn finish_face(
        &mut self,
        img: &RgbImage,
        mesh: Mesh,
        detection: Option<Detection>,
        stages: Stages,
    ) -> Result<FaceResult> {
        let mesh_box = mesh.bbox();
        let pose = self.canonical.pose(&mesh);
        let descriptor = if stages.descriptor {
            self.describer.describe(img, &mesh)?
        } else {
            None
        };
        let p_real = if stages.antispoof {
            Some(self.spoof.p_real(img, &mesh_box)?)
        } else {
            None
        };
        Ok(FaceResult {
            detection,
            mesh,
            mesh_box,
            pose,
            descriptor,
            p_real,
        })
    }

    /// A single image: always runs the detector and analyses the largest face.
    pub fn analyze_still(&mut self, img: &RgbImage, stages: Stages) -> Result<FrameAnalysis> {
        let dets = self.detector.detect(img)?;
        let n = dets.len();
        let Some(main) = largest(dets) else {
            return Ok(FrameAnalysis::no_face());
        };
        let mesh = self.landmarks(img, &Roi::from_box(&main.bbox, main.eye_angle()))?;
        let face = self.finish_face(img, mesh, Some(main), stages)?;
        let quality = assess(img, Some(&face.mesh_box), n, &self.quality);
        Ok(FrameAnalysis {
            faces_detected: n,
            detector_ran: true,
            face: Some(face),
            quality,
        })
    }

    /// A video frame: tracks from the previous frame when possible.
    pub fn analyze_tracked(
        &mut self,
        img: &RgbImage,
        tracker: &mut Tracker,
        stages: Stages,
    ) -> Result<FrameAnalysis> {
        if let TrackAction::Track(roi) = tracker.next_action() {
            let mesh = self.landmarks(img, &roi)?;
            if tracker.update(Some(&mesh)) {
                let face = self.finish_face(img, mesh, None, stages)?;
                let n = tracker.last_face_count.max(1);
                let quality = assess(img, Some(&face.mesh_box), n, &self.quality);
                return Ok(FrameAnalysis {
                    faces_detected: n,
                    detector_ran: false,
                    face: Some(face),
                    quality,
                });
            }
        }
        // Lost, never found, or due for a periodic check: run the detector on this frame.
        let dets = self.detector.detect(img)?;
        let n = dets.len();
        tracker.detected(n);
        let Some(main) = largest(dets) else {
            return Ok(FrameAnalysis::no_face());
        };
        let mesh = self.landmarks(img, &Roi::from_box(&main.bbox, main.eye_angle()))?;
        if !tracker.update(Some(&mesh)) {
            return Ok(FrameAnalysis {
                faces_detected: n,
                detector_ran: true,
                face: None,
                quality: QualityReport::no_face(),
            });
        }
        let face = self.finish_face(img, mesh, Some(main), stages)?;
        let quality = assess(img, Some(&face.mesh_box), n, &self.quality);
        Ok(FrameAnalysis {
            faces_detected: n,
            detector_ran: true,
            face: Some(face),
            quality,
        })
    }
}

/// The largest detection (the person in front of the camera, not someone in the background).
pub fn largest(dets: Vec<Detection>) -> Option<Detection> {
    dets.into_iter()
        .max_by(|a, b| a.bbox.area().total_cmp(&b.bbox.area()))
}
