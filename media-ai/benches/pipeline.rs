//! Per-stage and full-pipeline timings on one 640×480 frame, 1 and 2 ORT threads, with the SFace
//! descriptor and, measured in the same run for comparison, the previous face-api descriptor.
//! Run: `cargo bench -p media-ai --bench pipeline` (release). Prints a markdown table.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use media_ai::faceapi::FaceApiDescriber;
use media_ai::imageops::{load_image, rgb_to_i420};
use media_ai::injection::{InjectionMonitor, MonitorConfig, Signature};
use media_ai::mesh::Roi;
use media_ai::quality::assess;
use media_ai::runtime::find_models_dir;
use media_ai::track::Tracker;
use media_ai::{Pipeline, PipelineOptions, Stages};

const ITERS: usize = 60;
/// The sidecar's default cadence: descriptor and anti-spoofing on every 3rd frame.
const EVERY: usize = 3;

fn median_ms(mut f: impl FnMut()) -> f64 {
    for _ in 0..5 {
        f();
    }
    let mut v: Vec<f64> = (0..ITERS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let frame = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/synthetic_pose/ibm_max_Chris/y+10_p+00_r+00.jpg");
    let img = load_image(&frame).unwrap();
    assert_eq!((img.width(), img.height()), (640, 480));
    let i420 = rgb_to_i420(&img);
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    for threads in [1usize, 2] {
        let mut p = Pipeline::load(PipelineOptions {
            threads,
            second_pass: false,
        })
        .unwrap();
        let mut old = FaceApiDescriber::load(&find_models_dir().unwrap(), threads).unwrap();
        let det = p.detector.detect(&img).unwrap();
        let d = det[0].clone();
        let roi = Roi::from_box(&d.bbox, d.eye_angle());
        let mesh = p.landmarker.landmarks(&img, &roi).unwrap();
        let mesh_box = mesh.bbox();
        let mut r: Vec<(String, f64)> = Vec::new();
        r.push((
            "detect (incl. letterbox, NMS)".into(),
            median_ms(|| {
                black_box(p.detector.detect(&img).unwrap());
            }),
        ));
        r.push((
            "landmarks, 1 pass (incl. warp)".into(),
            median_ms(|| {
                black_box(p.landmarker.landmarks(&img, &roi).unwrap());
            }),
        ));
        r.push((
            "pose (Umeyama + Euler)".into(),
            median_ms(|| {
                black_box(p.canonical.pose(&mesh));
            }),
        ));
        r.push((
            "descriptor: **SFace** (incl. 5-point alignment)".into(),
            median_ms(|| {
                black_box(p.describer.describe(&img, &mesh).unwrap());
            }),
        ));
        r.push((
            "descriptor: previous face-api (incl. chip)".into(),
            median_ms(|| {
                black_box(old.describe(&img, &mesh).unwrap());
            }),
        ));
        r.push((
            "anti-spoofing (incl. crop)".into(),
            median_ms(|| {
                black_box(p.spoof.p_real(&img, &mesh_box).unwrap());
            }),
        ));
        r.push((
            "quality flags".into(),
            median_ms(|| {
                black_box(assess(&img, Some(&mesh_box), 1, &p.quality));
            }),
        ));
        let mut monitor = InjectionMonitor::new(MonitorConfig::standard());
        let mut t = 0u64;
        r.push((
            "injection hints (signature from I420 + monitor, 2-min history)".into(),
            median_ms(|| {
                t += 125;
                let sig = Signature::from_luma(&i420[..w * h], w, h).unwrap();
                black_box(monitor.push(t, 640, 480, &sig, true));
            }),
        ));
        // Worst case for the loop search: two minutes of history from a moving, looping stream
        // (the challenge clip, cycled), every candidate delay close enough to be scanned.
        let clip: Vec<Signature> = media_ai::cli::video_frames(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sequences/ibm_max_Bryan.mp4"),
        )
        .unwrap()
        .step_by(2)
        .map(|f| {
            let (_, im) = f.unwrap();
            let luma = media_ai::injection::signature::luma_of_rgb(im.as_raw());
            Signature::from_luma(&luma, im.width() as usize, im.height() as usize).unwrap()
        })
        .collect();
        let mut monitor = InjectionMonitor::new(MonitorConfig::standard());
        let mut k = 0usize;
        for _ in 0..960 {
            k += 1;
            monitor.push(k as u64 * 125, 640, 480, &clip[k % clip.len()], true);
        }
        r.push((
            "injection hints, worst case (2 min of looping, moving history)".into(),
            median_ms(|| {
                k += 1;
                black_box(monitor.push(k as u64 * 125, 640, 480, &clip[k % clip.len()], true));
            }),
        ));
        let desc = Stages {
            descriptor: true,
            antispoof: false,
        };
        r.push((
            "detect + landmarks + pose + descriptor: **SFace**".into(),
            median_ms(|| {
                black_box(p.analyze_still(&img, desc).unwrap());
            }),
        ));
        r.push((
            "detect + landmarks + pose + descriptor: previous".into(),
            median_ms(|| {
                let a = p.analyze_still(&img, Stages::POSE_ONLY).unwrap();
                black_box(old.describe(&img, &a.face.unwrap().mesh).unwrap());
            }),
        ));
        let mut tracker = Tracker::with_redetect_every(u32::MAX);
        p.analyze_tracked(&img, &mut tracker, desc).unwrap();
        r.push((
            "tracking (no detector) + landmarks + pose + descriptor: **SFace**".into(),
            median_ms(|| {
                black_box(p.analyze_tracked(&img, &mut tracker, desc).unwrap());
            }),
        ));
        r.push((
            "tracking (no detector) + landmarks + pose + descriptor: previous".into(),
            median_ms(|| {
                let a = p.analyze_tracked(&img, &mut tracker, Stages::POSE_ONLY).unwrap();
                black_box(old.describe(&img, &a.face.unwrap().mesh).unwrap());
            }),
        ));
        p.options.second_pass = true;
        r.push((
            "all stages, still: detect + 2-pass landmarks + pose + SFace + anti-spoofing + quality"
                .into(),
            median_ms(|| {
                black_box(p.analyze_still(&img, Stages::ALL).unwrap());
            }),
        ));
        let mut tracker = Tracker::default();
        p.analyze_tracked(&img, &mut tracker, Stages::ALL).unwrap();
        r.push((
            "video, every stage on every frame (tracking, detector every 10th, 2-pass): **SFace**".into(),
            median_ms(|| {
                black_box(p.analyze_tracked(&img, &mut tracker, Stages::ALL).unwrap());
            }),
        ));
        // The sidecar's per-frame work at its default cadence (descriptor and anti-spoofing on
        // every 3rd frame, injection hints on every frame), as a mean over the cycle. The three
        // variants are interleaved cycle by cycle so the shared machine's load hits them alike.
        let mut trackers = [Tracker::default(), Tracker::default(), Tracker::default()];
        let mut monitor = InjectionMonitor::new(MonitorConfig::standard());
        let mut t = 0u64;
        let mut total = [0f64; 3];
        for round in 0..ITERS + 2 {
            for (v, tracker) in trackers.iter_mut().enumerate() {
                let start = Instant::now();
                for i in 0..EVERY {
                    let due = i == 0;
                    match v {
                        0 | 1 => {
                            let st = Stages { descriptor: due, antispoof: due };
                            black_box(p.analyze_tracked(&img, tracker, st).unwrap());
                            if v == 0 {
                                t += 125;
                                let sig = Signature::from_luma(&i420[..w * h], w, h).unwrap();
                                black_box(monitor.push(t, 640, 480, &sig, true));
                            }
                        }
                        _ => {
                            let st = Stages { descriptor: false, antispoof: due };
                            let a = p.analyze_tracked(&img, tracker, st).unwrap();
                            if due {
                                black_box(old.describe(&img, &a.face.unwrap().mesh).unwrap());
                            }
                        }
                    }
                }
                if round >= 2 {
                    total[v] += start.elapsed().as_secs_f64() * 1000.0;
                }
            }
        }
        let per_frame = |x: f64| x / (ITERS * EVERY) as f64;
        r.push((
            "**sidecar per frame**: video + descriptor & anti-spoofing every 3rd frame + injection hints: **SFace**".into(),
            per_frame(total[0]),
        ));
        r.push((
            "**sidecar per frame**, same cadence without injection hints: **SFace**".into(),
            per_frame(total[1]),
        ));
        r.push((
            "**sidecar per frame**, same cadence without injection hints: previous descriptor".into(),
            per_frame(total[2]),
        ));
        p.options.second_pass = false;
        for (i, (name, ms)) in r.into_iter().enumerate() {
            if rows.len() <= i {
                rows.push((name, Vec::new()));
            }
            rows[i].1.push(ms);
        }
    }
    println!("| stage (640×480 frame, median of {ITERS}; cadence rows: mean) | 1 thread | 2 threads, spinning off |");
    println!("|---|---|---|");
    for (name, ms) in rows {
        let combined = name.contains(" + ") && !name.starts_with("pose") && !name.starts_with("injection");
        let cell = |m: f64| {
            if combined {
                format!("{m:.1} ms (≈{:.0} fps)", 1000.0 / m)
            } else if m < 1.0 {
                format!("{m:.3} ms")
            } else {
                format!("{m:.1} ms")
            }
        };
        println!("| {name} | {} | {} |", cell(ms[0]), cell(ms[1]));
    }
}
