//! Test media encoded at test time: a moving VP8 picture (IVF) and an Opus tone (Ogg).

use bytes::Bytes;
use rtc::media::io::ivf_reader::IVFReader;
use rtc::media::io::ogg_reader::OggReader;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

pub struct TestMedia {
    /// VP8 frames at 30 fps, a keyframe every 10 frames.
    pub video: Vec<Bytes>,
    /// Opus Ogg pages with their durations in 48 kHz samples.
    pub audio: Vec<(Bytes, u64)>,
}

fn encode(pipeline: &str, out: &PathBuf) {
    if out.exists() {
        return;
    }
    let tmp = out.with_extension("tmp");
    let status = Command::new("gst-launch-1.0")
        .arg("-q")
        .args(pipeline.replace("OUT", &tmp.to_string_lossy()).split_whitespace())
        .status()
        .expect("gst-launch-1.0 runs (make setup installs GStreamer)");
    assert!(status.success(), "encoding test media failed: {pipeline}");
    std::fs::rename(&tmp, out).expect("rename encoded media");
}

/// Encodes once per process (and once per checkout, cached under var/).
pub fn test_media() -> &'static TestMedia {
    static MEDIA: OnceLock<TestMedia> = OnceLock::new();
    MEDIA.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../var/test-media");
        std::fs::create_dir_all(&dir).expect("create var/test-media");
        // A keyframe every third of a second: this client ignores keyframe requests, so a
        // subscriber or the recorder joining mid-stream waits at most that long.
        let ivf = dir.join("ball-640x480-30fps-kf10.ivf");
        let ogg = dir.join("tone-48k.ogg");
        encode("videotestsrc num-buffers=300 pattern=ball ! video/x-raw,width=640,height=480,framerate=30/1 ! vp8enc keyframe-max-dist=10 deadline=1 target-bitrate=600000 ! avmux_ivf ! filesink location=OUT", &ivf);
        encode("audiotestsrc num-buffers=500 freq=440 ! audio/x-raw,rate=48000,channels=2 ! opusenc frame-size=20 ! oggmux max-delay=20000000 max-page-delay=20000000 ! filesink location=OUT", &ogg);

        let file = std::io::BufReader::new(std::fs::File::open(&ivf).expect("open ivf"));
        let (mut reader, _) = IVFReader::new(file).expect("ivf header");
        let mut video = Vec::new();
        while let Ok((frame, _)) = reader.parse_next_frame() {
            video.push(frame.freeze());
        }
        let file = std::io::BufReader::new(std::fs::File::open(&ogg).expect("open ogg"));
        let (mut reader, _) = OggReader::new(file, true).expect("ogg header");
        let mut audio = Vec::new();
        let mut last = 0u64;
        while let Ok((page, header)) = reader.parse_next_page() {
            // The first two pages are the Opus headers (granule 0); they carry no audio.
            if header.granule_position > last {
                audio.push((page.freeze(), header.granule_position - last));
                last = header.granule_position;
            }
        }
        assert!(video.len() >= 290 && audio.len() > 100, "test media too short: {} video, {} audio", video.len(), audio.len());
        TestMedia { video, audio }
    })
}
