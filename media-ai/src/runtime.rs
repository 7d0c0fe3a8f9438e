//! Locating and loading ONNX Runtime and the model files.
//!
//! The ORT shared library is loaded at run time (`ort` feature `load-dynamic`) so the build needs
//! no network. Lookup order for the library: `ORT_DYLIB_PATH`, then `.cache/onnxruntime/libonnxruntime.so`
//! in the executable's directory or any parent, then the same walking up from the current directory.
//! Models: `MEDIA_AI_MODELS`, then `media-ai/models` (or `models`) found the same way, then the
//! crate's own `models/` directory as compiled in (works for `cargo test`/`cargo run`).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;

use crate::error::{Error, Result};
use crate::models::{read_stamped, ModelSpec, ModelStamp};

const ORT_REL: &str = ".cache/onnxruntime/libonnxruntime.so";

/// ORT allows one environment per process, so it is created once and shared by every pipeline.
static ENV: OnceLock<std::result::Result<ort::environment::Environment, String>> = OnceLock::new();

fn ancestors_of_exe_and_cwd() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe.parent() {
            roots.extend(dir.ancestors().map(Path::to_path_buf));
        }
    }
    if let Ok(cwd) = std::env::current_dir() {
        roots.extend(cwd.ancestors().map(Path::to_path_buf));
    }
    roots
}

/// Where the ONNX Runtime library would be loaded from, if it can be found.
pub fn find_ort_library() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let mut candidates: Vec<PathBuf> = ancestors_of_exe_and_cwd()
        .into_iter()
        .map(|d| d.join(ORT_REL))
        .collect();
    // The workspace root as seen at compile time: makes `cargo test` work from any directory.
    candidates.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(ORT_REL),
    );
    candidates.into_iter().find(|p| p.is_file())
}

/// Directory holding the `.onnx` files and the canonical face model.
pub fn find_models_dir() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("MEDIA_AI_MODELS") {
        let p = PathBuf::from(p);
        return if p.join("facemesh.onnx").is_file() {
            Ok(p)
        } else {
            Err(Error::ModelMissing(p))
        };
    }
    let mut candidates = Vec::new();
    for d in ancestors_of_exe_and_cwd() {
        candidates.push(d.join("media-ai").join("models"));
        candidates.push(d.join("models"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("models"));
    candidates
        .into_iter()
        .find(|p| p.join("facemesh.onnx").is_file() && p.join("blazeface-back.onnx").is_file())
        .ok_or_else(|| Error::ModelMissing(PathBuf::from("media-ai/models/facemesh.onnx")))
}

/// The process-wide ORT environment (loads the shared library on first use).
pub fn environment() -> Result<&'static ort::environment::Environment> {
    let env = ENV.get_or_init(|| {
        let lib = find_ort_library().ok_or_else(|| match std::env::var_os("ORT_DYLIB_PATH") {
            Some(p) => format!(
                "ORT_DYLIB_PATH={} is not a file",
                PathBuf::from(p).display()
            ),
            None => format!("{ORT_REL} not found near the executable or current directory"),
        })?;
        let builder = ort::init_from(&lib).map_err(|e| e.to_string())?;
        builder
            .with_name("media-ai")
            .with_telemetry(false)
            .build()
            .map_err(|e| e.to_string())
    });
    env.as_ref().map_err(|m| Error::RuntimeMissing(m.clone()))
}

/// Opens one model with `threads` intra-op threads and spinning off: with several sessions
/// run back to back, spinning threads steal the core from the next session (models.md: 38 vs 20 ms).
/// Returns the session and the stamp (name, version, SHA-256) of the exact bytes it was built from.
pub fn open_model(models_dir: &Path, spec: &ModelSpec, threads: usize) -> Result<(Session, ModelStamp)> {
    let env = environment()?;
    let (bytes, stamp) = read_stamped(models_dir, spec)?;
    let model = spec.name;
    let e = |e: ort::Error<ort::session::builder::SessionBuilder>| Error::ort(model, e);
    let mut builder = Session::builder(env)
        .map_err(|e| Error::ort(model, e))?
        .with_optimization_level(GraphOptimizationLevel::Level3)
        .map_err(e)?
        .with_intra_threads(threads.max(1))
        .map_err(e)?
        .with_inter_threads(1)
        .map_err(e)?
        .with_intra_op_spinning(false)
        .map_err(e)?
        .with_inter_op_spinning(false)
        .map_err(e)?;
    let session = builder
        .commit_from_memory(&bytes)
        .map_err(|e| Error::ort(model, e))?;
    Ok((session, stamp))
}
