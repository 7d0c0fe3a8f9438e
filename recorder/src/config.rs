//! Configuration and the two media kinds the SFU taps.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Settings of a [`crate::Recorder`]. `RecorderConfig::new(dir)` gives production defaults.
#[derive(Debug, Clone)]
pub struct RecorderConfig {
    /// Root directory of all recordings (one sub-directory per session id).
    pub dir: PathBuf,
    /// How long recordings must be kept; written as `keep_until` into every manifest.
    pub retention_days: u32,
    /// Roles whose audio and video must be present; a role/medium without any packet
    /// is reported by `failure()` after `missing_track_after` and fails the manifest.
    pub expected_participants: Vec<String>,
    /// Grace period before an expected but silent track counts as missing.
    pub missing_track_after: Duration,
    /// How long (in arrival time) a missing packet is waited for before the packets
    /// behind it are written without it.
    pub jitter_latency: Duration,
    /// Packets queued between `push_rtp` and the recording thread; beyond it packets
    /// are dropped and counted (the SFU's packet loop must never wait for us).
    pub queue_packets: usize,
    /// Space reserved at start (a `.reserve` file) and released at finish, so the
    /// manifest can still be written when media filled the disk.
    pub reserve_bytes: u64,
    /// How long the offline remux of one closed file may take before it is given up.
    pub remux_timeout: Duration,
}

impl RecorderConfig {
    /// Production defaults: 10 years retention (regulators ask for 5+; tune per
    /// jurisdiction), customer + agent expected, 200 ms jitter latency.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecorderConfig {
            dir: dir.into(),
            retention_days: 3650,
            expected_participants: vec!["customer".into(), "agent".into()],
            missing_track_after: Duration::from_secs(10),
            jitter_latency: Duration::from_millis(200),
            queue_packets: 8192,
            reserve_bytes: 64 * 1024,
            remux_timeout: Duration::from_secs(30),
        }
    }
}

/// The two media of a participant. Audio is Opus (48 kHz), video VP8 (90 kHz); the
/// payload type is taken from the first packet of each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Audio,
    Video,
}

impl Medium {
    /// Name used in file names and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Audio => "audio",
            Medium::Video => "video",
        }
    }

    /// RTP clock rate fixed by the codec (RFC 7587 for Opus, RFC 7741 for VP8).
    pub fn clock_rate(self) -> u32 {
        match self {
            Medium::Audio => 48_000,
            Medium::Video => 90_000,
        }
    }
}
