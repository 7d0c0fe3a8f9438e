//! Independent checks of recorded files with ffprobe (FFmpeg), not with the GStreamer that wrote them.

use std::path::Path;
use std::process::Command;

/// Duration in seconds and the codec of the file's single stream.
pub fn probe(file: &Path) -> (f64, String) {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "default=nw=1:nk=1"])
        .arg(file)
        .output()
        .expect("ffprobe runs (make setup installs ffmpeg)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    let codec = lines.next().unwrap_or_default().to_owned();
    let duration = lines.next().and_then(|d| d.parse().ok()).unwrap_or(0.0);
    (duration, codec)
}

/// Decodes the whole file; true if FFmpeg reports no error.
pub fn decodes_cleanly(file: &Path) -> bool {
    Command::new("ffmpeg")
        .args(["-v", "error", "-xerror", "-i"])
        .arg(file)
        .args(["-f", "null", "-"])
        .output()
        .map(|o| o.status.success() && o.stderr.is_empty())
        .unwrap_or(false)
}
