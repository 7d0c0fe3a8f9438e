//! The Rust pipeline reproduces the independent reference implementation's numbers
//! (tests/fixtures/reference_values.json) within ±2° on angles, ±0.02 on distances and ±0.05 on p(real).
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use media_ai::faceapi::{FaceApiDescriber, FaceApiDescriptor};
use media_ai::imageops::load_image;
use media_ai::runtime::find_models_dir;
use media_ai::Stages;

struct Measured {
    face: bool,
    yaw: f32,
    pitch: f32,
    roll: f32,
    p_real: f32,
    /// The previous descriptor: the reference implementation's distances are face-api ones.
    descriptor: Option<FaceApiDescriptor>,
}

fn measure_all() -> BTreeMap<String, Measured> {
    let reference = common::reference();
    let mut p = common::pipeline();
    let mut faceapi = FaceApiDescriber::load(&find_models_dir().unwrap(), 1).unwrap();
    let mut out = BTreeMap::new();
    for name in reference["per_image"].as_object().unwrap().keys() {
        let img = load_image(&common::fixture(name)).unwrap();
        let a = p.analyze_still(&img, Stages::ALL).unwrap();
        let m = match a.face {
            Some(f) => {
                let pose = f.pose.unwrap();
                Measured {
                    face: true,
                    yaw: pose.yaw,
                    pitch: pose.pitch,
                    roll: pose.roll,
                    p_real: f.p_real.unwrap(),
                    descriptor: Some(faceapi.describe(&img, &f.mesh).unwrap()),
                }
            }
            None => Measured {
                face: false,
                yaw: 0.0,
                pitch: 0.0,
                roll: 0.0,
                p_real: 0.0,
                descriptor: None,
            },
        };
        out.insert(name.clone(), m);
    }
    out
}

#[test]
fn pose_distances_and_p_real_match_reference_values() {
    let reference = common::reference();
    let measured = measure_all();
    let (mut max_angle, mut max_p, mut max_dist) = (0f32, 0f32, 0f32);
    for (name, r) in reference["per_image"].as_object().unwrap() {
        let m = &measured[name];
        assert_eq!(
            m.face,
            r["face_found"].as_bool().unwrap(),
            "{name}: face found"
        );
        if !m.face {
            continue;
        }
        let f = |k: &str| r[k].as_f64().unwrap() as f32;
        let da = [
            (m.yaw - f("yaw")).abs(),
            (m.pitch - f("pitch")).abs(),
            (m.roll - f("roll")).abs(),
        ];
        let dp = (m.p_real - f("minifasnet_p_real")).abs();
        eprintln!(
            "{name}: yaw {:.2}/{:.2} pitch {:.2}/{:.2} roll {:.2}/{:.2} p_real {:.4}/{:.4}",
            m.yaw,
            f("yaw"),
            m.pitch,
            f("pitch"),
            m.roll,
            f("roll"),
            m.p_real,
            f("minifasnet_p_real")
        );
        max_angle = max_angle.max(da.iter().cloned().fold(0.0, f32::max));
        max_p = max_p.max(dp);
        assert!(
            da.iter().all(|d| *d <= 2.0),
            "{name}: angle error {da:?} > 2°"
        );
        assert!(dp <= 0.05, "{name}: p(real) error {dp} > 0.05");
    }
    let mut bad = Vec::new();
    for (pair, d) in reference["faceapi_euclidean_distance"].as_object().unwrap() {
        let (a, b) = pair.split_once(" | ").unwrap();
        let (da, db) = (
            measured[a].descriptor.as_ref().unwrap(),
            measured[b].descriptor.as_ref().unwrap(),
        );
        let ours = da.distance(db);
        let err = (ours - d.as_f64().unwrap() as f32).abs();
        if err > 0.01 {
            eprintln!("{pair}: distance {ours:.4} vs {d}");
        }
        max_dist = max_dist.max(err);
        if err > 0.02 {
            bad.push(format!("{pair}: distance {ours:.4} vs reference {d}"));
        }
    }
    eprintln!("max errors: angle {max_angle:.3}°, distance {max_dist:.4}, p_real {max_p:.4}");
    assert!(
        bad.is_empty(),
        "distances off by more than 0.02:\n{}",
        bad.join("\n")
    );
}
