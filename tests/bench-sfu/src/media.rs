//! The media every party sends: a real face clip as VP8 at about 1 Mbit/s and Opus, encoded
//! once with GStreamer's command-line tools, packetised once into RTP payloads, then replayed in
//! a loop. Replaying pre-packetised payloads keeps the load generator cheap, so one core of
//! clients can drive many calls.
//!
//! Latency probe: payloads are forwarded unchanged by both SFUs, so a hash of the payload finds
//! the packet's index in the clip, and the sender's log of when it last sent that index gives the
//! one-way time through the SFU (sender and receiver share one process and clock). The media stay
//! byte-exact, so decoders and the recorder see a normal stream.

use bytes::Bytes;
use rtc::media::io::ivf_reader::IVFReader;
use rtc::rtp::codec::vp8::Vp8Payloader;
use rtc::rtp::packetizer::Payloader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// RTP payload size limit: 1200-byte datagrams after the RTP header and SRTP tag.
const MTU: usize = 1160;
pub const VIDEO_FPS: u32 = 30;
pub const VIDEO_BITRATE: u32 = 1_000_000;
pub const AUDIO_BITRATE: u32 = 32_000;

pub struct ClipPacket {
    /// Send time within one loop of its stream.
    pub at: Duration,
    /// RTP timestamp within one loop.
    pub ts: u32,
    pub marker: bool,
    pub payload: Bytes,
}

pub struct Stream {
    pub packets: Vec<ClipPacket>,
    pub period: Duration,
    pub ts_period: u32,
    /// Index of this stream's first packet in the clip-wide numbering.
    pub base: usize,
}

pub struct Clip {
    pub video: Stream,
    pub audio: Stream,
    /// Payload hash → clip-wide packet index; payloads that occur twice are left out.
    index: HashMap<u64, u32>,
}

/// FNV-1a over the length, the first 64 and the last 16 bytes: enough to tell every packet of
/// the clip apart (the VP8 descriptor carries a picture id), at a fraction of hashing it all.
pub fn payload_hash(p: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    };
    for b in (p.len() as u32).to_le_bytes() {
        eat(b);
    }
    for &b in p.iter().take(64) {
        eat(b);
    }
    for &b in p.iter().skip(p.len().saturating_sub(16)) {
        eat(b);
    }
    h
}

impl Clip {
    pub fn len(&self) -> usize {
        self.video.packets.len() + self.audio.packets.len()
    }

    pub fn index_of(&self, payload: &[u8]) -> Option<u32> {
        self.index.get(&payload_hash(payload)).copied()
    }

    /// Packets per second and bits per second of one party's send stream.
    pub fn rates(&self) -> (f64, f64) {
        let per = |s: &Stream| {
            let secs = s.period.as_secs_f64();
            let bytes: usize = s.packets.iter().map(|p| p.payload.len() + 12).sum();
            (s.packets.len() as f64 / secs, bytes as f64 * 8.0 / secs)
        };
        let (vp, vb) = per(&self.video);
        let (ap, ab) = per(&self.audio);
        (vp + ap, vb + ab)
    }
}

/// The packets of an Ogg stream: each page's segment table says where packets end (a segment
/// shorter than 255 bytes closes one); a packet may continue on the next page.
fn ogg_packets(data: &[u8]) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut packets = Vec::new();
    let mut current = Vec::new();
    let mut at = 0;
    while at + 27 <= data.len() {
        anyhow::ensure!(&data[at..at + 4] == b"OggS", "not an Ogg page at byte {at}");
        let nseg = data[at + 26] as usize;
        let table = &data[at + 27..at + 27 + nseg];
        let mut body = at + 27 + nseg;
        for &len in table {
            current.extend_from_slice(&data[body..body + len as usize]);
            body += len as usize;
            if len < 255 {
                packets.push(std::mem::take(&mut current));
            }
        }
        at = body;
    }
    Ok(packets)
}

fn gst(args: &[&str], out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        return Ok(());
    }
    let tmp = out.with_extension("tmp");
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("OUT", &tmp.to_string_lossy()))
        .collect();
    let status = Command::new("gst-launch-1.0")
        .arg("-q")
        .args(&args)
        .status()?;
    anyhow::ensure!(
        status.success(),
        "gst-launch-1.0 failed: {}",
        args.join(" ")
    );
    std::fs::rename(&tmp, out)?;
    Ok(())
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Encodes the media (once per checkout, cached under var/bench-sfu/).
pub fn prepare() -> anyhow::Result<(PathBuf, PathBuf)> {
    let dir = repo_root().join("var/bench-sfu");
    std::fs::create_dir_all(&dir)?;
    let clip = repo_root().join("tests/fixtures/sequences/ibm_max_Bryan.mp4");
    let ivf = dir.join("bryan-640x480-30fps-1mbit.ivf");
    let ogg = dir.join("pinknoise-48k-32kbit.ogg");
    let clip_loc = format!("location={}", clip.display());
    let rate = format!("target-bitrate={VIDEO_BITRATE}");
    gst(
        &[
            "filesrc",
            &clip_loc,
            "!",
            "decodebin",
            "!",
            "videoconvert",
            "!",
            "videorate",
            "!",
            "video/x-raw,format=I420,width=640,height=480,framerate=30/1",
            "!",
            "vp8enc",
            "end-usage=cbr",
            &rate,
            "keyframe-max-dist=300",
            "deadline=1",
            "cpu-used=4",
            "!",
            "avmux_ivf",
            "!",
            "filesink",
            "location=OUT",
        ],
        &ivf,
    )?;
    let abr = format!("bitrate={AUDIO_BITRATE}");
    gst(
        &[
            "audiotestsrc",
            "num-buffers=480",
            "samplesperbuffer=960",
            "wave=pink-noise",
            "volume=0.3",
            "!",
            "audio/x-raw,rate=48000,channels=2",
            "!",
            "opusenc",
            &abr,
            "frame-size=20",
            "!",
            "oggmux",
            "max-delay=20000000",
            "max-page-delay=20000000",
            "!",
            "filesink",
            "location=OUT",
        ],
        &ogg,
    )?;
    Ok((ivf, ogg))
}

/// Reads and packetises the prepared media.
pub fn load() -> anyhow::Result<Clip> {
    let (ivf, ogg) = prepare()?;
    let (mut reader, _) = IVFReader::new(std::io::BufReader::new(std::fs::File::open(&ivf)?))?;
    let mut payloader = Vp8Payloader::default();
    payloader.enable_picture_id = true;
    let frame_time = Duration::from_secs(1) / VIDEO_FPS;
    let mut video = Vec::new();
    let mut frames = 0u32;
    while let Ok((frame, _)) = reader.parse_next_frame() {
        let payloads = payloader.payload(MTU, &frame.freeze())?;
        let n = payloads.len();
        for (i, payload) in payloads.into_iter().enumerate() {
            video.push(ClipPacket {
                at: frame_time * frames,
                ts: frames * (90_000 / VIDEO_FPS),
                marker: i + 1 == n,
                payload,
            });
        }
        frames += 1;
    }
    anyhow::ensure!(frames >= 250, "video clip too short: {frames} frames");

    let mut audio = Vec::new();
    let mut samples = 0u64;
    for packet in ogg_packets(&std::fs::read(&ogg)?)?.into_iter().skip(2) {
        // The first two packets are the Opus headers; each later one is 20 ms of audio.
        audio.push(ClipPacket {
            at: Duration::from_micros(samples * 1_000_000 / 48_000),
            ts: samples as u32,
            marker: false,
            payload: Bytes::from(packet),
        });
        samples += 960;
    }
    let granule = samples;
    anyhow::ensure!(
        audio.len() >= 400,
        "audio clip too short: {} packets",
        audio.len()
    );

    let video = Stream {
        period: frame_time * frames,
        ts_period: frames * (90_000 / VIDEO_FPS),
        base: 0,
        packets: video,
    };
    let audio = Stream {
        period: Duration::from_micros(granule * 1_000_000 / 48_000),
        ts_period: granule as u32,
        base: video.packets.len(),
        packets: audio,
    };
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut dup = std::collections::HashSet::new();
    for (i, p) in video.packets.iter().chain(audio.packets.iter()).enumerate() {
        let h = payload_hash(&p.payload);
        if index.insert(h, i as u32).is_some() {
            dup.insert(h);
        }
    }
    for h in dup {
        index.remove(&h);
    }
    Ok(Clip {
        video,
        audio,
        index,
    })
}
