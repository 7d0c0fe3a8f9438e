//! Error type of the crate: one variant per domain cause, so the server can map
//! them to metrics and operator messages without string matching.

use std::io;

/// Everything that can go wrong while recording, finishing or recovering.
#[derive(Debug, thiserror::Error)]
pub enum RecorderError {
    /// The storage ran out of space (ENOSPC from the file system, or GStreamer's
    /// `NoSpaceLeft` resource error).
    #[error("disk full: no space left on device ({0})")]
    DiskFull(String),
    /// GStreamer could not be initialised, an element is missing, or a pipeline failed.
    #[error("pipeline: {0}")]
    Pipeline(String),
    /// Any other I/O error from the storage.
    #[error("io: {0}")]
    Io(#[source] io::Error),
    /// Manifest or journal could not be (de)serialised.
    #[error("manifest: {0}")]
    Manifest(#[from] serde_json::Error),
    /// A session id or participant role contains characters that are not allowed in
    /// paths (ids only: ASCII letters, digits, `-` and `_`).
    #[error("invalid id {0:?}: only [A-Za-z0-9_-], 1..=128 characters")]
    InvalidId(String),
    /// `finish()` was called on a recording whose worker already stopped.
    #[error("recording {0} is already finished")]
    AlreadyFinished(String),
    /// Configuration rejected by `Recorder::new`.
    #[error("config: {0}")]
    Config(String),
}

impl From<io::Error> for RecorderError {
    fn from(e: io::Error) -> Self {
        // ENOSPC (and EDQUOT, a full quota) are the one I/O failure an operator must
        // react to differently, so they get their own variant.
        match e.raw_os_error() {
            Some(28) | Some(122) => RecorderError::DiskFull(e.to_string()),
            _ => RecorderError::Io(e),
        }
    }
}

/// Checks that `id` can be used as a path component and carries no personal data
/// by construction (no spaces, dots, slashes, `@`).
pub(crate) fn validate_id(id: &str) -> Result<(), RecorderError> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(RecorderError::InvalidId(id.chars().take(40).collect()))
    }
}
