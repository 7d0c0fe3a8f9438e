//! # media-ai
//!
//! Face analysis for video identification (video KYC) sessions, on CPU with ONNX Runtime.
//!
//! ## Module map
//! | module | what |
//! |---|---|
//! | [`runtime`] | finds and loads the ONNX Runtime library and the model directory |
//! | [`imageops`] | warps, resizes, letterbox, I420→RGB, image decoding |
//! | [`detect`] | BlazeFace face detector (boxes + 6 keypoints, NMS) |
//! | [`mesh`] | FaceMesh 468 landmarks from an eye-level rotated crop |
//! | [`pose`] | head pose by weighted Umeyama on MediaPipe's canonical face; angle conventions |
//! | [`align`] | five FaceMesh points → similarity transform onto the 112×112 ArcFace template |
//! | [`descriptor`] | SFace 128-D face descriptor, cosine similarity (distance = 1 − cosine) |
//! | [`faceapi`] | the previous 128-D descriptor, kept only for same-run comparisons (bench, calibration) |
//! | [`models`] | model stamps: name, version and SHA-256 of each loaded file, attached to every event |
//! | [`antispoof`] | MiniFASNetV2 p(real) and its multi-frame aggregate |
//! | [`injection`] | injection hints: looped clip, still image, regular timing, source switch (evidence, not verdicts) |
//! | [`quality`] | per-frame quality flags (no face, several faces, small, dark, blurred) |
//! | [`track`] | reuse of the previous mesh ROI between video frames |
//! | [`pipeline`] | the per-frame pipeline tying the above together |
//! | [`matcher`] | session face-match state machine against the ID-photo reference |
//! | [`challenge`] | head-movement challenge state machine (steps, thresholds, direction convention) |
//! | [`calib`] | per-session pitch calibration, median, seedable SplitMix64 RNG |
//! | [`video`] | video file decoding through a `gst-launch-1.0` subprocess (Y4M on a pipe) |
//! | [`document`] | ID documents: MRZ reading (PP-OCRv4 through ORT) and capture quality |
//! | [`cli`] | the `media-ai` command line (verify, pose, challenge, serve) |
//! | [`sidecar`] | TCP sidecar server: protocol, per-connection session, bounded frame queue |
//!
//! The session logic ([`matcher`], [`challenge`], [`antispoof::SpoofAggregator`], [`track`]) is
//! pure: it takes timestamps and per-frame measurements as input and never reads a clock.
//!
//! Direction convention: "left"/"right" are the **subject's own** directions. Turning to their own
//! left moves the nose toward the viewer's right in the un-mirrored camera frame, which is
//! **yaw > 0** (see [`pose`]).

pub mod align;
pub mod antispoof;
pub mod calib;
pub mod challenge;
pub mod cli;
pub mod descriptor;
pub mod detect;
pub mod document;
pub mod error;
pub mod faceapi;
pub mod imageops;
pub mod injection;
pub mod matcher;
pub mod mesh;
pub mod models;
pub mod pipeline;
pub mod pose;
pub mod quality;
pub mod runtime;
pub mod sidecar;
pub mod track;
pub mod video;

pub use error::{Error, Result};
pub use pipeline::{FrameAnalysis, Pipeline, PipelineOptions, Stages};
