//! Video file decoding for the CLI through a `gst-launch-1.0` subprocess.
//!
//! media-ai must not link GStreamer or FFmpeg (only the `recorder` crate does), so the decoder runs
//! as a child process that writes a Y4M stream (I420 frames with a self-describing header carrying
//! width, height and frame rate) to its stdout:
//! `gst-launch-1.0 -q filesrc location=F ! decodebin ! videoconvert ! video/x-raw,format=Y444 ! videoconvert ! video/x-raw,format=I420 ! y4menc ! fdsink fd=1`.
//! The detour through Y444 forces a freshly packed I420 buffer: y4menc copies decoder buffers
//! verbatim, and libav's H.264 buffers carry padding between the planes (observed: 1920 extra
//! bytes per 640×480 frame), which would shift every plane.
//! Timestamps are `frame index × 1000 / fps` ms.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use image::RgbImage;

use crate::error::{Error, Result};
use crate::imageops::i420_to_rgb;

/// A decoded frame.
pub struct VideoFrame {
    pub index: u64,
    pub timestamp_ms: u64,
    pub image: RgbImage,
}

/// Streaming reader of a video file.
pub struct VideoReader {
    path: PathBuf,
    child: Child,
    out: BufReader<ChildStdout>,
    pub width: u32,
    pub height: u32,
    pub fps_num: u64,
    pub fps_den: u64,
    index: u64,
    buf: Vec<u8>,
}

fn verr(path: &Path, message: impl Into<String>) -> Error {
    Error::VideoDecode {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

impl VideoReader {
    pub fn open(path: &Path) -> Result<Self> {
        std::fs::File::open(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let location = format!("location={}", path.display());
        let mut child = Command::new("gst-launch-1.0")
            .args([
                "-q",
                "filesrc",
                &location,
                "!",
                "decodebin",
                "!",
                "videoconvert",
                "!",
                "video/x-raw,format=Y444",
                "!",
                "videoconvert",
                "!",
                "video/x-raw,format=I420",
                "!",
                "y4menc",
                "!",
                "fdsink",
                "fd=1",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                verr(
                    path,
                    format!("cannot start gst-launch-1.0 (GStreamer tools installed?): {e}"),
                )
            })?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| verr(path, "no stdout from gst-launch-1.0"))?;
        let mut out = BufReader::with_capacity(1 << 20, stdout);
        let mut header = String::new();
        let header_ok = out.read_line(&mut header).is_ok() && header.starts_with("YUV4MPEG2 ");
        if !header_ok {
            let _ = child.kill();
            let mut stderr = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut stderr);
            }
            let _ = child.wait();
            let first = stderr
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no video stream found");
            return Err(verr(
                path,
                format!("not a decodable video: {}", first.trim()),
            ));
        }
        let (mut width, mut height, mut fps_num, mut fps_den) = (0u32, 0u32, 0u64, 1u64);
        for tok in header.split_whitespace().skip(1) {
            let (tag, val) = tok.split_at(1);
            match tag {
                "W" => width = val.parse().unwrap_or(0),
                "H" => height = val.parse().unwrap_or(0),
                "F" => {
                    if let Some((n, d)) = val.split_once(':') {
                        fps_num = n.parse().unwrap_or(0);
                        fps_den = d.parse().unwrap_or(1);
                    }
                }
                "C" if !val.starts_with("420") => {
                    return Err(verr(path, format!("unexpected Y4M chroma {val}")))
                }
                _ => {}
            }
        }
        if fps_num == 0 {
            let _ = child.kill();
            let _ = child.wait();
            return Err(verr(path, "no frame rate: a still image, not a video"));
        }
        if width == 0 || height == 0 || fps_den == 0 {
            let _ = child.kill();
            let _ = child.wait();
            return Err(verr(path, format!("bad Y4M header: {}", header.trim())));
        }
        let frame_len = width as usize * height as usize
            + 2 * (width as usize).div_ceil(2) * (height as usize).div_ceil(2);
        Ok(VideoReader {
            path: path.to_path_buf(),
            child,
            out,
            width,
            height,
            fps_num,
            fps_den,
            index: 0,
            buf: vec![0; frame_len],
        })
    }

    /// Frames per second.
    pub fn fps(&self) -> f64 {
        self.fps_num as f64 / self.fps_den as f64
    }

    /// Next frame, or `None` at the end of the stream.
    pub fn next_frame(&mut self) -> Result<Option<VideoFrame>> {
        let mut line = String::new();
        let n = self
            .out
            .read_line(&mut line)
            .map_err(|e| verr(&self.path, e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.starts_with("FRAME") {
            return Err(verr(&self.path, "corrupt Y4M stream"));
        }
        self.out
            .read_exact(&mut self.buf)
            .map_err(|e| verr(&self.path, format!("truncated frame: {e}")))?;
        let image = i420_to_rgb(self.width, self.height, &self.buf)?;
        let index = self.index;
        self.index += 1;
        let timestamp_ms = index * 1000 * self.fps_den / self.fps_num;
        Ok(Some(VideoFrame {
            index,
            timestamp_ms,
            image,
        }))
    }
}

impl Drop for VideoReader {
    fn drop(&mut self) {
        // Stop the decoder if we quit early; it is our own child process.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
