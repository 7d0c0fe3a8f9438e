//! Which model files produced a score: every AI event carries a `models` list of
//! `{name, version, sha256}` so a decision can be traced to the exact weights ("which model said
//! this"). The SHA-256 is computed once at load time from the very bytes handed to ONNX Runtime,
//! never hard-coded, so a swapped file shows up in the record. The JSON lists are built once per
//! pipeline and shared (cloning them per event is cheap).

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A model file the crate knows: its stable name, the upstream version and the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelSpec {
    pub name: &'static str,
    pub version: &'static str,
    pub file: &'static str,
}

pub const BLAZEFACE: ModelSpec = ModelSpec {
    name: "blazeface-back",
    version: "mediapipe-blazeface-back/human-models-3.0.4",
    file: "blazeface-back.onnx",
};
pub const FACEMESH: ModelSpec = ModelSpec {
    name: "facemesh",
    version: "mediapipe-facemesh-v1/human-models-3.0.4",
    file: "facemesh.onnx",
};
pub const FACE_GEOMETRY: ModelSpec = ModelSpec {
    name: "face-geometry",
    version: "mediapipe-face_mesh-0.4.1657299874",
    file: "geometry_pipeline_metadata_landmarks.pbtxt",
};
pub const SFACE: ModelSpec = ModelSpec {
    name: "sface",
    version: "2021dec-fast",
    file: "sface_2021dec_fast.onnx",
};
pub const MINIFASNET: ModelSpec = ModelSpec {
    name: "minifasnet-v2",
    version: "silent-face-2.7_80x80",
    file: "minifasnet_v2.onnx",
};
/// The previous face descriptor: not used by the product, loaded only by the benchmark and the
/// calibration comparison so both descriptors are measured in the same run.
pub const FACEAPI: ModelSpec = ModelSpec {
    name: "faceapi-recognition",
    version: "dlib-resnet29/face-api-1.7.15",
    file: "faceapi_recognition.onnx",
};

/// One loaded model file as it appears in events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelStamp {
    pub name: &'static str,
    pub version: &'static str,
    pub sha256: String,
}

impl ModelStamp {
    pub fn of_bytes(spec: &ModelSpec, bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        ModelStamp {
            name: spec.name,
            version: spec.version,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// Reads a model file and stamps it. The caller loads the returned bytes, so the hash is of
/// exactly what runs.
pub fn read_stamped(dir: &Path, spec: &ModelSpec) -> Result<(Vec<u8>, ModelStamp)> {
    let path = dir.join(spec.file);
    if !path.is_file() {
        return Err(Error::ModelMissing(path));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let stamp = ModelStamp::of_bytes(spec, &bytes);
    Ok((bytes, stamp))
}

/// The `models` lists attached to each kind of event, built once per pipeline.
#[derive(Debug, Clone)]
pub struct EventStamps {
    /// Every loaded model (`hello`, `summary`).
    pub all: Value,
    /// Face box + landmarks + head pose: `pose`, `challenge_*`.
    pub pose: Value,
    /// Face box + landmarks: `quality`.
    pub quality: Value,
    /// Face box + landmarks + pose gate + descriptor: `face_match`.
    pub face_match: Value,
    /// Face box + landmarks + descriptor: `reference`.
    pub reference: Value,
    /// Face box + landmarks + anti-spoofing: `antispoof`.
    pub antispoof: Value,
}

/// The stamps of the product pipeline's models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineStamps {
    pub detector: ModelStamp,
    pub landmarks: ModelStamp,
    pub geometry: ModelStamp,
    pub descriptor: ModelStamp,
    pub antispoof: ModelStamp,
}

impl PipelineStamps {
    /// The per-event lists (shared: cloning the `Arc` costs nothing).
    pub fn events(&self) -> Arc<EventStamps> {
        let list = |m: &[&ModelStamp]| serde_json::to_value(m).unwrap_or(Value::Array(vec![]));
        let (d, l, g) = (&self.detector, &self.landmarks, &self.geometry);
        Arc::new(EventStamps {
            all: list(&[d, l, g, &self.descriptor, &self.antispoof]),
            pose: list(&[d, l, g]),
            quality: list(&[d, l]),
            face_match: list(&[d, l, g, &self.descriptor]),
            reference: list(&[d, l, &self.descriptor]),
            antispoof: list(&[d, l, &self.antispoof]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_is_the_sha256_of_the_bytes() {
        let s = ModelStamp::of_bytes(&SFACE, b"abc");
        assert_eq!(
            s.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!((s.name, s.version), ("sface", "2021dec-fast"));
    }
}
