//! Shared evaluation of head pose on the synthetic renders (used by the fast subset test and
//! the full-set test).
#![allow(dead_code, clippy::unwrap_used)]

use media_ai::imageops::load_image;
use media_ai::Stages;

use super as common;

pub struct PoseStats {
    pub n: usize,
    pub missed: usize,
    pub mae: [f32; 3],
    pub frontal_mae: [f32; 3],
    pub wrong_direction: Vec<String>,
}

/// Per-render result: file, ground truth, estimate (None = no face).
type Row = (String, [f32; 3], Option<[f32; 3]>);

fn run_rows(lines: &[&str], p: &mut media_ai::Pipeline) -> Vec<Row> {
    lines
        .iter()
        .map(|line| {
            let c: Vec<&str> = line.split(',').collect();
            let gt = [
                c[2].parse::<f32>().unwrap(),
                c[3].parse::<f32>().unwrap(),
                c[4].parse::<f32>().unwrap(),
            ];
            let img = load_image(&common::fixture(&format!("synthetic_pose/{}", c[0]))).unwrap();
            let a = p.analyze_still(&img, Stages::POSE_ONLY).unwrap();
            (
                c[0].to_string(),
                gt,
                a.face
                    .and_then(|f| f.pose)
                    .map(|p| [p.yaw, p.pitch, p.roll]),
            )
        })
        .collect()
}

/// Runs the pipeline on every `step`-th render of ground_truth.csv, on `workers` threads
/// (each with its own pipeline: image decoding dominates in debug builds and parallelises).
pub fn evaluate(step: usize, workers: usize) -> PoseStats {
    let csv = std::fs::read_to_string(common::fixture("synthetic_pose/ground_truth.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().skip(1).step_by(step.max(1)).collect();
    let chunk = lines.len().div_ceil(workers.max(1));
    let rows: Vec<Row> = if workers <= 1 {
        run_rows(&lines, &mut common::pipeline())
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        let mut p = media_ai::Pipeline::load(media_ai::PipelineOptions::default())
                            .unwrap_or_else(|e| panic!("cannot load the media-ai pipeline: {e}"));
                        run_rows(part, &mut p)
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        })
    };
    let (mut sum, mut fsum, mut n, mut fn_, mut missed) = ([0f32; 3], [0f32; 3], 0, 0, 0);
    let mut wrong = Vec::new();
    for (file, gt, est) in rows {
        let Some(est) = est else {
            missed += 1;
            continue;
        };
        for k in 0..3 {
            sum[k] += (est[k] - gt[k]).abs();
        }
        n += 1;
        if gt[0].abs() <= 10.0 && gt[1].abs() <= 15.0 {
            for k in 0..3 {
                fsum[k] += (est[k] - gt[k]).abs();
            }
            fn_ += 1;
        }
        if gt[0].abs() >= 20.0 && est[0].signum() != gt[0].signum() {
            wrong.push(format!("{file}: yaw {:.1} vs {}", est[0], gt[0]));
        }
    }
    let div = |s: [f32; 3], d: usize| s.map(|x| x / d.max(1) as f32);
    PoseStats {
        n,
        missed,
        mae: div(sum, n),
        frontal_mae: div(fsum, fn_),
        wrong_direction: wrong,
    }
}

pub fn check(s: &PoseStats) {
    eprintln!(
        "synthetic pose: {} renders ({} without face), MAE yaw {:.2} pitch {:.2} roll {:.2}; near-frontal {:.2} / {:.2} / {:.2}",
        s.n, s.missed, s.mae[0], s.mae[1], s.mae[2], s.frontal_mae[0], s.frontal_mae[1], s.frontal_mae[2]
    );
    assert!(
        s.missed * 20 <= s.n + s.missed,
        "too many renders without a face: {}",
        s.missed
    );
    assert!(s.mae[0] <= 5.0, "yaw MAE {:.2} > 5°", s.mae[0]);
    assert!(s.mae[1] <= 4.5, "pitch MAE {:.2} > 4.5°", s.mae[1]);
    assert!(
        s.wrong_direction.is_empty(),
        "turn direction wrong: {:?}",
        s.wrong_direction
    );
}
