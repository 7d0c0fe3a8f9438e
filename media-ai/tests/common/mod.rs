//! Shared test helpers: fixture paths and one pipeline per test binary.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use media_ai::{Pipeline, PipelineOptions};

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("fixtures")
}

pub fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

/// Loads the models once per test binary. Panics with a clear message when ONNX Runtime is
/// missing: these tests must fail, never pass silently, on a machine without the runtime.
pub fn pipeline() -> MutexGuard<'static, Pipeline> {
    static P: OnceLock<Mutex<Pipeline>> = OnceLock::new();
    P.get_or_init(|| {
        let p = Pipeline::load(PipelineOptions::default()).unwrap_or_else(|e| {
            panic!("cannot load the media-ai pipeline: {e}\nRun `media-ai/setup-onnxruntime.sh` (or `make setup`) first.")
        });
        Mutex::new(p)
    })
    .lock()
    .unwrap_or_else(|e| e.into_inner())
}

pub fn reference() -> serde_json::Value {
    let text = std::fs::read_to_string(fixture("reference_values.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}
pub mod pose_eval;
