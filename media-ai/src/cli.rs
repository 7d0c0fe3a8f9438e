//! The `media-ai` command line. `main.rs` only calls [`run`].
//!
//! ```text
//! media-ai verify --reference <image> --probe <image>
//! media-ai pose <image>...
//! media-ai challenge --video <file> --expect centre,left,centre,... [--hold-frames N] [--hold-ms MS] [--step-timeout-ms MS] [--mirrored]
//! media-ai serve --listen 127.0.0.1:PORT [--threads N] [--queue N]   (MEDIA_AI_LOG=debug: throughput lines)
//!                [--secret-file PATH | env MEDIA_AI_SECRET | --insecure-no-secret] [--allow-remote]
//! media-ai document [--threads N] <image>...
//! ```
//! Output is one JSON object per line on stdout. Exit status: 0 when the command ran (whatever the
//! verdict), 1 on an unreadable input or runtime failure, 2 on a usage error.

use std::path::{Path, PathBuf};

use image::RgbImage;
use serde::Serialize;

use crate::challenge::{parse_steps, Challenge, ChallengeConfig, ChallengeState, Step, StepResult};
use crate::error::{Error, Result};
use crate::imageops::load_image;
use crate::matcher::{MatchConfig, MatchVerdict};
use crate::pipeline::{Pipeline, PipelineOptions, Stages};
use crate::sidecar::auth::{Secret, SECRET_ENV};
use crate::track::Tracker;
use crate::video::VideoReader;

const USAGE: &str = "usage:
  media-ai verify --reference <image> --probe <image>
  media-ai pose <image>...
  media-ai challenge --video <file> --expect centre,left,centre,right,... [--hold-frames N] [--hold-ms MS] [--step-timeout-ms MS] [--mirrored]
  media-ai serve --listen 127.0.0.1:PORT [--threads N] [--queue N]
                 [--secret-file PATH | (env MEDIA_AI_SECRET) | --insecure-no-secret] [--allow-remote]
  media-ai document [--threads N] <image>...";

/// Runs the CLI with `args` (without the program name); returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let result = match args.first().map(String::as_str) {
        Some("verify") => verify(&args[1..]),
        Some("pose") => pose(&args[1..]),
        Some("challenge") => challenge(&args[1..]),
        Some("serve") => serve(&args[1..]),
        Some("document") => document(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(CliError::Usage("missing or unknown command".into())),
    };
    match result {
        Ok(()) => 0,
        Err(CliError::Usage(m)) => {
            eprintln!("media-ai: {m}\n{USAGE}");
            2
        }
        Err(CliError::Run(e)) => {
            eprintln!("media-ai: {e}");
            1
        }
    }
}

enum CliError {
    Usage(String),
    Run(Error),
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Run(e)
    }
}

type CliResult = std::result::Result<(), CliError>;

/// `--name value` options and positional arguments.
struct Args {
    opts: Vec<(String, Option<String>)>,
    positional: Vec<String>,
}

const FLAGS: [&str; 3] = ["--mirrored", "--allow-remote", "--insecure-no-secret"];

fn parse(args: &[String]) -> std::result::Result<Args, CliError> {
    let mut opts = Vec::new();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if FLAGS.contains(&a.as_str()) {
            opts.push((a.clone(), None));
        } else if a.starts_with("--") {
            let v = it
                .next()
                .ok_or_else(|| CliError::Usage(format!("{a} needs a value")))?;
            opts.push((a.clone(), Some(v.clone())));
        } else {
            positional.push(a.clone());
        }
    }
    Ok(Args { opts, positional })
}

impl Args {
    fn get(&self, name: &str) -> Option<&str> {
        self.opts
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
    }
    fn has(&self, name: &str) -> bool {
        self.opts.iter().any(|(k, _)| k == name)
    }
    fn required(&self, name: &str) -> std::result::Result<&str, CliError> {
        self.get(name)
            .ok_or_else(|| CliError::Usage(format!("missing {name}")))
    }
    fn number<T: std::str::FromStr>(
        &self,
        name: &str,
        default: T,
    ) -> std::result::Result<T, CliError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| CliError::Usage(format!("{name}: not a number: {v}"))),
        }
    }
    fn check_known(&self, known: &[&str]) -> CliResult {
        match self.opts.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            Some((k, _)) => Err(CliError::Usage(format!("unknown option {k}"))),
            None => Ok(()),
        }
    }
}

// Output records: structs (not `json!`) so the keys print in the documented order.
#[derive(Serialize)]
struct VerifyOut {
    reference_face: bool,
    probe_face: bool,
    /// `null` when either image has no face.
    distance: Option<f64>,
    threshold: f64,
    #[serde(rename = "match")]
    is_match: bool,
    /// `match` / `no_match` / `inconclusive` (between the thresholds: a human decides), or
    /// `no_face`.
    verdict: &'static str,
    no_match_from: f64,
    /// The model files that produced the score (name, version, SHA-256).
    models: serde_json::Value,
}

#[derive(Serialize)]
struct PoseOut {
    file: String,
    face: bool,
    yaw: Option<f64>,
    pitch: Option<f64>,
    roll: Option<f64>,
}

#[derive(Serialize)]
struct StepOut {
    step: Step,
    passed: bool,
    at_ms: Option<u64>,
}

#[derive(Serialize)]
struct ChallengeOut {
    passed: bool,
    steps: Vec<StepOut>,
}

fn print_json(v: &impl Serialize) -> CliResult {
    let s = serde_json::to_string(v)
        .map_err(|e| CliError::Run(Error::InvalidArgument(e.to_string())))?;
    println!("{s}");
    Ok(())
}

fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn verify(args: &[String]) -> CliResult {
    let a = parse(args)?;
    a.check_known(&["--reference", "--probe"])?;
    // Decode both before loading models, so a bad path fails fast with a clear message.
    let reference = load_image(Path::new(a.required("--reference")?))?;
    let probe = load_image(Path::new(a.required("--probe")?))?;
    let mut p = Pipeline::load(PipelineOptions::default())?;
    let cfg = MatchConfig::default();
    let r = p.analyze_still(
        &reference,
        Stages {
            descriptor: true,
            antispoof: false,
        },
    )?;
    let q = p.analyze_still(
        &probe,
        Stages {
            descriptor: true,
            antispoof: false,
        },
    )?;
    let rd = r.face.and_then(|f| f.descriptor);
    let qd = q.face.and_then(|f| f.descriptor);
    let distance = match (&rd, &qd) {
        (Some(x), Some(y)) => Some(x.distance(y)),
        _ => None,
    };
    print_json(&VerifyOut {
        reference_face: rd.is_some(),
        probe_face: qd.is_some(),
        distance: distance.map(round3),
        threshold: round3(cfg.match_below),
        is_match: distance.is_some_and(|d| d < cfg.match_below),
        verdict: match distance.map(|d| cfg.decide(d)) {
            None => "no_face",
            Some(MatchVerdict::Match) => "match",
            Some(MatchVerdict::NoMatch) => "no_match",
            Some(MatchVerdict::Inconclusive | MatchVerdict::NotEnoughFrames) => "inconclusive",
        },
        no_match_from: round3(cfg.no_match_from),
        models: p.event_stamps.reference.clone(),
    })
}

fn pose(args: &[String]) -> CliResult {
    let a = parse(args)?;
    a.check_known(&[])?;
    if a.positional.is_empty() {
        return Err(CliError::Usage("pose needs at least one image".into()));
    }
    let images: Vec<(String, RgbImage)> = a
        .positional
        .iter()
        .map(|f| load_image(Path::new(f)).map(|i| (f.clone(), i)))
        .collect::<Result<_>>()?;
    let mut p = Pipeline::load(PipelineOptions::default())?;
    for (file, img) in images {
        let r = p.analyze_still(&img, Stages::POSE_ONLY)?;
        let pose = r.face.and_then(|f| f.pose);
        print_json(&PoseOut {
            file,
            face: pose.is_some(),
            yaw: pose.map(|p| round3(p.yaw)),
            pitch: pose.map(|p| round3(p.pitch)),
            roll: pose.map(|p| round3(p.roll)),
        })?;
    }
    Ok(())
}

/// Runs a challenge over timestamped frames (tracking between frames, pose only).
pub fn run_challenge<I>(
    p: &mut Pipeline,
    frames: I,
    steps: Vec<Step>,
    config: ChallengeConfig,
) -> Result<(ChallengeState, Vec<StepResult>)>
where
    I: IntoIterator<Item = Result<(u64, RgbImage)>>,
{
    let mut tracker = Tracker::default();
    let mut ch = Challenge::new(steps, config);
    let mut last = 0;
    for f in frames {
        let (t, img) = f?;
        last = t;
        let a = p.analyze_tracked(&img, &mut tracker, Stages::POSE_ONLY)?;
        ch.observe(t, a.face.and_then(|f| f.pose));
        if ch.state() != ChallengeState::Running {
            break;
        }
    }
    ch.finish(last);
    Ok((ch.state(), ch.results().to_vec()))
}

/// Frames of a video file as `(timestamp_ms, image)`.
pub fn video_frames(path: &Path) -> Result<impl Iterator<Item = Result<(u64, RgbImage)>>> {
    let mut reader = VideoReader::open(path)?;
    Ok(std::iter::from_fn(move || match reader.next_frame() {
        Ok(Some(f)) => Some(Ok((f.timestamp_ms, f.image))),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }))
}

fn challenge(args: &[String]) -> CliResult {
    let a = parse(args)?;
    a.check_known(&[
        "--video",
        "--expect",
        "--hold-frames",
        "--hold-ms",
        "--step-timeout-ms",
        "--mirrored",
    ])?;
    let video = PathBuf::from(a.required("--video")?);
    let steps = parse_steps(a.required("--expect")?).map_err(CliError::Usage)?;
    let d = ChallengeConfig::default();
    let config = ChallengeConfig {
        hold_frames: a.number("--hold-frames", d.hold_frames)?,
        hold_ms: a.number("--hold-ms", d.hold_ms)?,
        step_timeout_ms: a.number("--step-timeout-ms", d.step_timeout_ms)?,
        mirrored: a.has("--mirrored"),
        ..d
    };
    // Open the video first: a missing or non-video file fails before the models load.
    let frames = video_frames(&video)?;
    let mut p = Pipeline::load(PipelineOptions::default())?;
    let (state, results) = run_challenge(&mut p, frames, steps, config)?;
    print_json(&ChallengeOut {
        passed: state == ChallengeState::Passed,
        steps: results
            .iter()
            .map(|r| StepOut {
                step: r.step,
                passed: r.passed,
                at_ms: r.at_ms,
            })
            .collect(),
    })
}

/// Where the sidecar's secret comes from: `--secret-file`, else `MEDIA_AI_SECRET`, else nothing
/// (allowed only with `--insecure-no-secret`).
fn serve_secret(a: &Args) -> std::result::Result<Option<Secret>, CliError> {
    let insecure = a.has("--insecure-no-secret");
    let secret = match (a.get("--secret-file"), std::env::var(SECRET_ENV).ok()) {
        (Some(path), _) => Some(Secret::from_file(Path::new(path))?),
        (None, Some(text)) => Some(Secret::new(&text)?),
        (None, None) => None,
    };
    match (secret, insecure) {
        (Some(_), true) => Err(CliError::Usage(
            "--insecure-no-secret contradicts a configured secret".into(),
        )),
        (None, false) => Err(CliError::Usage(format!(
            "serve needs a shared secret: --secret-file PATH or {SECRET_ENV} (or --insecure-no-secret for local development only)"
        ))),
        (s, _) => Ok(s),
    }
}

fn serve(args: &[String]) -> CliResult {
    let a = parse(args)?;
    a.check_known(&[
        "--listen",
        "--threads",
        "--queue",
        "--secret-file",
        "--allow-remote",
        "--insecure-no-secret",
    ])?;
    let listen = a.required("--listen")?;
    let addrs: Vec<std::net::SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(listen)
        .map_err(|e| CliError::Usage(format!("--listen {listen}: {e}")))?
        .collect();
    // The stream carries biometric data: only loopback unless the operator says otherwise.
    if !a.has("--allow-remote") && addrs.iter().any(|s| !s.ip().is_loopback()) {
        return Err(CliError::Usage(format!(
            "--listen {listen} is not a loopback address; add --allow-remote to serve other hosts"
        )));
    }
    let secret = serve_secret(&a)?;
    if secret.is_none() {
        eprintln!("media-ai: WARNING: running without a secret (--insecure-no-secret): local development only");
    }
    let config = crate::sidecar::ServerConfig {
        threads: a.number("--threads", 1usize)?,
        queue: a.number("--queue", 1usize)?,
        secret,
        log_throughput: std::env::var("MEDIA_AI_LOG").is_ok_and(|v| v == "debug"),
        ..crate::sidecar::ServerConfig::default()
    };
    let listener = std::net::TcpListener::bind(&addrs[..]).map_err(|e| {
        CliError::Run(Error::Io {
            path: PathBuf::from(listen),
            message: e.to_string(),
        })
    })?;
    eprintln!(
        "media-ai: listening on {}",
        listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default()
    );
    crate::sidecar::serve(listener, config)?;
    Ok(())
}

/// `document`: one JSON object per image, `{"file", "mrz", "check_digits_ok", "lines", "quality"}`.
/// An image without an MRZ is a result (`mrz: null`); an unreadable one is reported on stderr
/// with its error code, the other images are still read, and the exit status is 1.
fn document(args: &[String]) -> CliResult {
    use crate::document::{current_year, input::load_upload, DocumentOptions, DocumentReader};
    #[derive(Serialize)]
    struct DocumentOut {
        file: String,
        #[serde(flatten)]
        report: crate::document::DocumentReport,
    }
    let a = parse(args)?;
    a.check_known(&["--threads"])?;
    if a.positional.is_empty() {
        return Err(CliError::Usage("document needs at least one image".into()));
    }
    let threads = a.number("--threads", DocumentOptions::default().threads)?;
    let year = current_year();
    let mut reader: Option<DocumentReader> = None;
    let mut failed: Option<Error> = None;
    for file in &a.positional {
        let img = match load_upload(Path::new(file)) {
            Ok(img) => img,
            Err(e) => {
                eprintln!("media-ai: {file}: {e}");
                failed = Some(e);
                continue;
            }
        };
        // Models load on the first readable image, so bad input alone fails fast.
        let r = match reader.as_mut() {
            Some(r) => r,
            None => reader.insert(DocumentReader::load(DocumentOptions { threads })?),
        };
        let report = r.read(&img, year)?;
        print_json(&DocumentOut {
            file: file.clone(),
            report,
        })?;
    }
    match failed {
        Some(e) => Err(CliError::Run(e)),
        None => Ok(()),
    }
}
