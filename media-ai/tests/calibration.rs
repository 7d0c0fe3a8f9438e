//! Face-match calibration on the fixtures and anti-spoofing on the presentation-attack samples.
//!
//! Distributions: simulated ID portraits (idcard_sim/) vs the photos (faces/), and photo vs photo.
//! Identities: the two `ibm_max_Paul*` photos are the same person (rudd); all others differ.
//! The operating point lives in `media_ai::matcher::MatchConfig`; this test shows it is
//! consistent with the data and prints the table used in BENCHMARKS.md.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use media_ai::antispoof::{SpoofAggregator, SpoofVerdict};
use media_ai::descriptor::Descriptor;
use media_ai::imageops::{crop, load_image};
use media_ai::matcher::{MatchConfig, MatchVerdict};
use media_ai::Stages;

const PHOTOS: [&str; 6] = [
    "biden_2010.jpg",
    "ibm_max_Bryan.png",
    "ibm_max_Chris.jpeg",
    "ibm_max_Luciano.png",
    "ibm_max_Paul.jpeg",
    "ibm_max_Paul2.jpeg",
];

fn identity(name: &str) -> &'static str {
    if name.contains("Paul") {
        "rudd"
    } else if name.contains("biden") {
        "biden"
    } else if name.contains("Bryan") {
        "bryan"
    } else if name.contains("Chris") {
        "pratt"
    } else {
        "luciano"
    }
}

fn stem(name: &str) -> &str {
    name.split('.').next().unwrap()
}

fn descriptors() -> (
    BTreeMap<&'static str, Descriptor>,
    BTreeMap<&'static str, Descriptor>,
) {
    let mut p = common::pipeline();
    let mut d = |rel: String| {
        let img = load_image(&common::fixture(&rel)).unwrap();
        p.analyze_still(
            &img,
            Stages {
                descriptor: true,
                antispoof: false,
            },
        )
        .unwrap()
        .face
        .unwrap()
        .descriptor
        .unwrap()
    };
    let photos = PHOTOS
        .iter()
        .map(|n| (*n, d(format!("faces/{n}"))))
        .collect();
    let cards = PHOTOS
        .iter()
        .map(|n| (*n, d(format!("idcard_sim/{}_idcard.jpg", stem(n)))))
        .collect();
    (photos, cards)
}

struct Dist {
    name: &'static str,
    values: Vec<(String, f32)>,
}

impl Dist {
    fn min(&self) -> f32 {
        self.values.iter().map(|v| v.1).fold(f32::MAX, f32::min)
    }
    fn max(&self) -> f32 {
        self.values.iter().map(|v| v.1).fold(f32::MIN, f32::max)
    }
    fn mean(&self) -> f32 {
        self.values.iter().map(|v| v.1).sum::<f32>() / self.values.len() as f32
    }
}

#[test]
fn threshold_and_band_separate_genuine_and_impostor_distances() {
    let (photos, cards) = descriptors();
    let mut own = Dist {
        name: "genuine: ID portrait vs its own source photo",
        values: vec![],
    };
    let mut cross = Dist {
        name: "genuine: ID portrait vs another photo of the same person",
        values: vec![],
    };
    let mut pp_gen = Dist {
        name: "genuine: photo vs another photo of the same person",
        values: vec![],
    };
    let mut imp_card = Dist {
        name: "impostor: ID portrait vs photo of another person",
        values: vec![],
    };
    let mut imp_pp = Dist {
        name: "impostor: photo vs photo of another person",
        values: vec![],
    };
    for (c, cd) in &cards {
        for (ph, pd) in &photos {
            let v = (format!("{}_idcard | {ph}", stem(c)), cd.distance(pd));
            if c == ph {
                own.values.push(v);
            } else if identity(c) == identity(ph) {
                cross.values.push(v);
            } else {
                imp_card.values.push(v);
            }
        }
    }
    for (i, a) in PHOTOS.iter().enumerate() {
        for b in &PHOTOS[i + 1..] {
            let v = (format!("{a} | {b}"), photos[a].distance(&photos[b]));
            if identity(a) == identity(b) {
                pp_gen.values.push(v);
            } else {
                imp_pp.values.push(v);
            }
        }
    }
    let cfg = MatchConfig::default();
    println!("| distribution | pairs | min | mean | max |\n|---|---|---|---|---|");
    for d in [&own, &cross, &pp_gen, &imp_card, &imp_pp] {
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} |",
            d.name,
            d.values.len(),
            d.min(),
            d.mean(),
            d.max()
        );
    }
    let closest = imp_card
        .values
        .iter()
        .chain(&imp_pp.values)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    println!(
        "closest impostor: {} = {:.3}; operating threshold {} (match below), no-match from {}",
        closest.0, closest.1, cfg.match_below, cfg.no_match_from
    );
    for (pair, d) in cross.values.iter().chain(&pp_gen.values) {
        println!("cross-photo genuine {pair} = {d:.3} → {:?}", cfg.decide(*d));
    }

    // Every simulated ID portrait matches its own source photo …
    for (pair, d) in &own.values {
        assert_eq!(cfg.decide(*d), MatchVerdict::Match, "{pair} = {d}");
    }
    // … and no other identity's photo is ever accepted.
    for (pair, d) in imp_card.values.iter().chain(&imp_pp.values) {
        assert_ne!(
            cfg.decide(*d),
            MatchVerdict::Match,
            "impostor accepted: {pair} = {d}"
        );
    }
    // The operating threshold leaves a margin on both sides of the automated decision.
    assert!(
        own.max() + 0.05 < cfg.match_below && closest.1 > cfg.match_below + 0.05,
        "margins around the threshold"
    );
    // A genuine pair across different photos is never rejected outright: it lands in the band
    // (human review) or matches.
    for (pair, d) in cross.values.iter().chain(&pp_gen.values) {
        assert_ne!(
            cfg.decide(*d),
            MatchVerdict::NoMatch,
            "genuine rejected: {pair} = {d}"
        );
    }
}

/// p(real) over 9 slightly shifted crops of a sample (the framing jitter of consecutive frames).
fn aggregate(rel: &str) -> (SpoofVerdict, f32) {
    let img = load_image(&common::fixture(rel)).unwrap();
    let mut p = common::pipeline();
    let mut agg = SpoofAggregator::default();
    agg.min_frames = 9;
    for dx in [0u32, 6, 12] {
        for dy in [0u32, 6, 12] {
            let frame = crop(&img, dx, dy, img.width() - 12 + dx, img.height() - 12 + dy);
            let pr = p
                .analyze_still(
                    &frame,
                    Stages {
                        descriptor: false,
                        antispoof: true,
                    },
                )
                .unwrap()
                .face
                .unwrap()
                .p_real
                .unwrap();
            agg.push(pr);
        }
    }
    let s = agg.summary();
    eprintln!(
        "{rel}: mean p(real) {:.4} over {} frames → {:?}",
        s.mean_p_real, s.frames, s.verdict
    );
    (s.verdict, s.mean_p_real)
}

#[test]
fn printed_photo_and_screen_replay_score_as_attacks_and_live_face_as_live() {
    assert_eq!(
        aggregate("pad_samples/image_F1.jpg").0,
        SpoofVerdict::Attack
    );
    assert_eq!(
        aggregate("pad_samples/image_F2.jpg").0,
        SpoofVerdict::Attack
    );
    assert_eq!(aggregate("pad_samples/image_T1.jpg").0, SpoofVerdict::Live);
}
