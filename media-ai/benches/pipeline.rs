//! Per-stage and full-pipeline timings on one 640×480 frame, 1 and 2 ORT threads.
//! Run: `cargo bench -p media-ai --bench pipeline` (release). Prints a markdown table.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use media_ai::imageops::load_image;
use media_ai::mesh::Roi;
use media_ai::quality::assess;
use media_ai::track::Tracker;
use media_ai::{Pipeline, PipelineOptions, Stages};

const ITERS: usize = 60;

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
    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    for threads in [1usize, 2] {
        let mut p = Pipeline::load(PipelineOptions {
            threads,
            second_pass: false,
        })
        .unwrap();
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
            "descriptor (incl. chip)".into(),
            median_ms(|| {
                black_box(p.describer.describe(&img, &mesh).unwrap());
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
        let desc = Stages {
            descriptor: true,
            antispoof: false,
        };
        r.push((
            "detect + landmarks + pose + descriptor".into(),
            median_ms(|| {
                black_box(p.analyze_still(&img, desc).unwrap());
            }),
        ));
        let mut tracker = Tracker::with_redetect_every(u32::MAX);
        p.analyze_tracked(&img, &mut tracker, desc).unwrap();
        r.push((
            "tracking (no detector) + landmarks + pose + descriptor".into(),
            median_ms(|| {
                black_box(p.analyze_tracked(&img, &mut tracker, desc).unwrap());
            }),
        ));
        p.options.second_pass = true;
        r.push((
            "all stages: detect + 2-pass landmarks + pose + descriptor + anti-spoofing + quality"
                .into(),
            median_ms(|| {
                black_box(p.analyze_still(&img, Stages::ALL).unwrap());
            }),
        ));
        let mut tracker = Tracker::default();
        p.analyze_tracked(&img, &mut tracker, Stages::ALL).unwrap();
        r.push((
            "video, all stages (tracking, detector every 10th frame, 2-pass)".into(),
            median_ms(|| {
                black_box(p.analyze_tracked(&img, &mut tracker, Stages::ALL).unwrap());
            }),
        ));
        for (i, (name, ms)) in r.into_iter().enumerate() {
            if rows.len() <= i {
                rows.push((name, Vec::new()));
            }
            rows[i].1.push(ms);
        }
    }
    println!("| stage (640×480 frame, median of {ITERS}) | 1 thread | 2 threads, spinning off |");
    println!("|---|---|---|");
    for (i, (name, ms)) in rows.into_iter().enumerate() {
        let cell = |m: f64| {
            if i >= 6 {
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
