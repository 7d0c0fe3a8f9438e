//! Test helpers: real RTP produced by GStreamer encoders + payloaders, fed to the
//! recorder with arrival times derived from the packets' own timestamps.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use recorder::{Medium, Recording};

#[derive(Clone)]
pub struct Pkt {
    pub medium: Medium,
    pub data: Vec<u8>,
    /// Media time of the packet since the start of its stream.
    pub at: Duration,
}

fn pull(desc: &str, medium: Medium) -> Vec<Pkt> {
    gst::init().expect("gst init");
    let pipeline = gst::parse::launch(desc)
        .expect("test pipeline")
        .downcast::<gst::Pipeline>()
        .expect("pipeline");
    let sink = pipeline
        .by_name("out")
        .expect("appsink")
        .downcast::<gst_app::AppSink>()
        .expect("appsink type");
    pipeline.set_state(gst::State::Playing).expect("play");
    let mut out = Vec::new();
    let mut base = None;
    while let Ok(sample) = sink.pull_sample() {
        let buf = sample.buffer().expect("buffer");
        let pts = Duration::from_nanos(buf.pts().map(|p| p.nseconds()).unwrap_or(0));
        let base = *base.get_or_insert(pts);
        let map = buf.map_readable().expect("map");
        out.push(Pkt {
            medium,
            data: map.as_slice().to_vec(),
            at: pts.saturating_sub(base),
        });
    }
    pipeline.set_state(gst::State::Null).expect("stop");
    out
}

/// `secs` seconds of one participant: VP8 160x120@30 (PT 96) and Opus 20 ms (PT 111),
/// merged in time order.
pub fn participant(secs: u32) -> Vec<Pkt> {
    let video = pull(
        &format!(
            "videotestsrc num-buffers={} pattern=ball ! video/x-raw,width=160,height=120,framerate=30/1 \
             ! vp8enc deadline=1 keyframe-max-dist=60 ! rtpvp8pay pt=96 mtu=1200 ssrc=1111 ! appsink name=out sync=false",
            secs * 30
        ),
        Medium::Video,
    );
    let audio = pull(
        &format!(
            "audiotestsrc num-buffers={} samplesperbuffer=960 wave=ticks ! audio/x-raw,rate=48000,channels=1 \
             ! opusenc ! rtpopuspay pt=111 ssrc=2222 ! appsink name=out sync=false",
            secs * 50
        ),
        Medium::Audio,
    );
    let mut all: Vec<Pkt> = video.into_iter().chain(audio).collect();
    all.sort_by_key(|p| p.at);
    all
}

/// `frames` of VP8 video at the given size (SSRC 1111, PT 96).
pub fn video(width: u32, height: u32, frames: u32) -> Vec<Pkt> {
    pull(
        &format!(
            "videotestsrc num-buffers={frames} pattern=ball ! video/x-raw,width={width},height={height},framerate=30/1 \
             ! vp8enc deadline=1 keyframe-max-dist=60 ! rtpvp8pay pt=96 mtu=1200 ssrc=1111 ! appsink name=out sync=false"
        ),
        Medium::Video,
    )
}

/// `b` continued after `a` on the wire: same SSRC, sequence numbers and RTP
/// timestamps carry on (what a sender changing resolution mid-call produces).
pub fn stitch(a: &[Pkt], b: &[Pkt]) -> Vec<Pkt> {
    let last = a.last().expect("a not empty");
    let seq0 = u16::from_be_bytes([last.data[2], last.data[3]]);
    let ts0 = u32::from_be_bytes([last.data[4], last.data[5], last.data[6], last.data[7]]);
    let b_ts0 = u32::from_be_bytes([b[0].data[4], b[0].data[5], b[0].data[6], b[0].data[7]]);
    let mut out = a.to_vec();
    for (i, p) in b.iter().enumerate() {
        let mut p = p.clone();
        let seq = seq0.wrapping_add(1 + i as u16);
        let ts_b = u32::from_be_bytes([p.data[4], p.data[5], p.data[6], p.data[7]]);
        let ts = ts0.wrapping_add(3_000).wrapping_add(ts_b.wrapping_sub(b_ts0));
        p.data[2..4].copy_from_slice(&seq.to_be_bytes());
        p.data[4..8].copy_from_slice(&ts.to_be_bytes());
        p.at += last.at + Duration::from_millis(33);
        out.push(p);
    }
    out
}

/// 20 s of one participant, generated once per test binary.
pub fn twenty_seconds() -> &'static [Pkt] {
    static P: OnceLock<Vec<Pkt>> = OnceLock::new();
    P.get_or_init(|| participant(20))
}

/// The same media with another SSRC (so two participants differ on the wire).
pub fn with_ssrc(pkts: &[Pkt], salt: u8) -> Vec<Pkt> {
    pkts.iter()
        .cloned()
        .map(|mut p| {
            p.data[11] ^= salt;
            p
        })
        .collect()
}

/// Pushes both participants in arrival order, arrival = `t0 + offset + at`, without
/// sleeping (arrival times drive the media timestamps). Returns the slowest push.
pub fn feed_fast(rec: &Recording, parts: &[(&str, &[Pkt], Duration)], t0: SystemTime) -> Duration {
    let mut all: Vec<(SystemTime, &str, &Pkt)> = parts
        .iter()
        .flat_map(|(who, pkts, off)| pkts.iter().map(move |p| (t0 + *off + p.at, *who, p)))
        .collect();
    all.sort_by_key(|x| x.0);
    let mut slowest = Duration::ZERO;
    for (arrival, who, p) in all {
        let t = std::time::Instant::now();
        rec.push_rtp(who, p.medium, &p.data, arrival);
        slowest = slowest.max(t.elapsed());
    }
    slowest
}

/// (codec_type, duration in seconds) from ffprobe; duration is the container's.
pub fn probe(path: &Path) -> (String, f64) {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "csv=p=0"])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let kind = lines.next().unwrap_or_default().trim().to_string();
    let dur = lines.next().unwrap_or_default().trim().parse().unwrap_or(0.0);
    (kind, dur)
}

/// Decodes the whole file; true when ffmpeg reports no error.
pub fn decodes(path: &Path) -> bool {
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-xerror", "-i"])
        .arg(path)
        .args(["-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    out.status.success() && out.stderr.is_empty()
}

pub fn sha256_file(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(std::fs::read(path).expect("read file")))
}
