//! The manifest (written once, when a recording is closed) and the journal (rewritten
//! while it is open). Both are JSON next to the media files; paths inside are relative
//! to the session directory and built from ids only.

use serde::{Deserialize, Serialize};

use crate::config::Medium;
use crate::health::Health;

/// Bumped when a field changes meaning; readers must check it. Version 2: files may be
/// stored encrypted (`encryption`), `bytes` and `sha256` then describe the ciphertext.
pub const MANIFEST_VERSION: u32 = 2;

/// How the recording ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    /// finish() closed every file normally.
    Complete,
    /// The process died while recording; files were repaired by `recover_interrupted`.
    Interrupted,
    /// Recording failed (disk full, pipeline error, missing track); files written
    /// before the failure are still listed and hashed.
    Failed { reason: String },
}

impl Status {
    /// Severity order used when a resumed recording combines earlier parts.
    fn rank(&self) -> u8 {
        match self {
            Status::Complete => 0,
            Status::Interrupted => 1,
            Status::Failed { .. } => 2,
        }
    }

    /// The more severe of two statuses (a recording is only as good as its worst part).
    pub fn worst(self, other: Status) -> Status {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// One closed media file: one participant, one medium, one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    pub participant: String,
    pub medium: Medium,
    /// Relative to the session directory, e.g. `seg-0000/customer-video.webm`.
    pub path: String,
    /// Size of the file as stored (the ciphertext when `encryption` is set).
    pub bytes: u64,
    /// Hex SHA-256 of the file as finally stored (the ciphertext when `encryption` is set, so
    /// the storage can be checked without any key; `encryption.plaintext_sha256` is the WebM).
    pub sha256: String,
    pub payload_type: u8,
    pub ssrc: u32,
    pub clock_rate: u32,
    /// RTP timestamp of the first packet written to this file ...
    pub first_rtp_ts: u32,
    /// ... and the wall clock (unix ms) at which the SFU received it.
    pub first_rtp_wallclock_ms: u64,
    /// Wall clock (unix ms) of media time 0 of the file as a player shows it: align
    /// files of one segment by this value to play participants in sync.
    pub start_wallclock_ms: u64,
    pub duration_ms: u64,
    /// Whether the file was remuxed (duration and cues written, seekable).
    pub seekable: bool,
    /// Set when the file could not be repaired/finalised; it is still listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// How the stored file is encrypted (absent: stored as plain WebM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<FileEncryption>,
}

/// Encryption at rest of one file (see `sealed`): the scheme, its chunk size, and what the
/// plaintext WebM is (length and SHA-256, for playback and the evidence package).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEncryption {
    pub scheme: String,
    pub chunk_bytes: u32,
    pub plaintext_bytes: u64,
    pub plaintext_sha256: String,
}

/// A stretch of the call between two reconnects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub index: u32,
    /// Wall clock (unix ms) when the segment was opened / closed.
    pub started_at: u64,
    pub ended_at: u64,
    /// Gap marker: wall-clock time without recorded media between the last packet of
    /// the previous segment and the first of this one (0 for the first segment).
    pub gap_before_ms: u64,
    /// Why the segment was opened: "start", "resume", or the reason given to new_segment.
    pub reason: String,
    pub files: Vec<FileEntry>,
}

/// The closed, hashed record of one session's recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub session_id: String,
    pub status: Status,
    /// Wall clock (unix ms).
    pub started_at: u64,
    pub ended_at: u64,
    /// Unix ms until which the recording must be retained (started_at + retention).
    pub keep_until: u64,
    pub segments: Vec<Segment>,
    pub health: Health,
}

/// File state while a segment is open; enough for recovery to rebuild the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct OpenFile {
    pub participant: String,
    pub medium: Medium,
    pub path: String,
    pub payload_type: u8,
    pub ssrc: u32,
    pub first_rtp_ts: u32,
    pub first_rtp_wallclock_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct OpenSegment {
    pub index: u32,
    pub started_at: u64,
    pub gap_before_ms: u64,
    pub reason: String,
    pub open_files: Vec<OpenFile>,
}

/// `journal.json`: present exactly while a recording is open. Rewritten atomically at
/// start, on every new file and segment change; removed after the manifest is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Journal {
    pub version: u32,
    pub session_id: String,
    pub started_at: u64,
    pub keep_until: u64,
    /// Status carried over from an earlier part of a resumed recording.
    pub prior_status: Status,
    /// Segments already closed and hashed.
    pub closed: Vec<Segment>,
    pub open: Option<OpenSegment>,
    /// Last health snapshot, so an interrupted manifest still says something.
    pub health: Health,
}
