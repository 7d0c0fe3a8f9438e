//! Error type shared by the whole crate.

use std::path::PathBuf;

/// Everything that can go wrong in media-ai. Messages never contain image content or
/// biometric data, only paths, sizes and model names.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ONNX Runtime shared library could not be found or loaded.
    #[error("ONNX Runtime library not available: {0} (run `media-ai/setup-onnxruntime.sh` or set ORT_DYLIB_PATH)")]
    RuntimeMissing(String),
    /// A model file or the model directory is missing.
    #[error(
        "model file not found: {0} (expected in media-ai/models; set MEDIA_AI_MODELS to override)"
    )]
    ModelMissing(PathBuf),
    /// ONNX Runtime reported an error while loading or running a model.
    #[error("onnx runtime error in {model}: {message}")]
    Inference {
        model: &'static str,
        message: String,
    },
    /// A model produced an output with an unexpected shape.
    #[error("unexpected output from {model}: {message}")]
    BadOutput {
        model: &'static str,
        message: String,
    },
    /// An input file does not exist or cannot be read.
    #[error("cannot read {path}: {message}")]
    Io { path: PathBuf, message: String },
    /// The bytes are not a decodable image.
    #[error("not a decodable image{}: {message}", path.as_ref().map(|p| format!(" ({})", p.display())).unwrap_or_default())]
    ImageDecode {
        path: Option<PathBuf>,
        message: String,
    },
    /// The file is not a decodable video, or the decoder failed.
    #[error("cannot decode video {path}: {message}")]
    VideoDecode { path: PathBuf, message: String },
    /// A raw frame's byte length does not match its declared size/format.
    #[error("invalid frame: {0}")]
    InvalidFrame(String),
    /// Invalid argument or configuration.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// An uploaded image was refused before or while decoding; `code` is stable snake_case
    /// (`not_an_image`, `image_too_large`, `image_dimensions_too_large`, `image_decode_failed`).
    #[error("{code}: {message}")]
    BadImage { code: &'static str, message: String },
}

/// Crate-wide result alias.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn ort(model: &'static str, e: impl std::fmt::Display) -> Self {
        Error::Inference {
            model,
            message: e.to_string(),
        }
    }
}
