//! MRZ reading on the document set (`tests/fixtures/documents/`): milliseconds per image
//! (decode + find + read + quality, models loaded once) and how many images are fully right
//! (every field and the check-digit verdict), at 1 and 2 ORT threads.
//! Run through `media-ai/bench/bench-mrz.sh` (also runs PassportEye on the same images), or
//! `cargo bench -p media-ai --bench document`. Prints one markdown table row per configuration.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use media_ai::document::input::load_upload;
use media_ai::document::{DocumentOptions, DocumentReader};
use serde_json::Value;

/// The ground truth's birth-century rule was made in 2026.
const YEAR: i32 = 2026;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/documents");
    let gt: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground_truth.json")).unwrap())
            .unwrap();
    let images = gt["images"].as_array().unwrap();
    for threads in [1usize, 2] {
        let mut reader = DocumentReader::load(DocumentOptions { threads }).unwrap();
        // Warm-up: first runs allocate ORT's buffers for new shapes.
        for im in images.iter().take(2) {
            let img = load_upload(&dir.join(im["file"].as_str().unwrap())).unwrap();
            reader.read(&img, YEAR).unwrap();
        }
        let mut ms = Vec::new();
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for im in images {
            let t = Instant::now();
            let img = load_upload(&dir.join(im["file"].as_str().unwrap())).unwrap();
            let r = reader.read(&img, YEAR).unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            let got = serde_json::to_value(&r).unwrap();
            let right = got["mrz"] == im["expected"]["mrz"]
                && got["check_digits_ok"] == im["expected"]["check_digits_ok"];
            let e = per
                .entry(im["category"].as_str().unwrap().to_string())
                .or_default();
            e.0 += usize::from(right);
            e.1 += 1;
        }
        let mean = ms.iter().sum::<f64>() / ms.len() as f64;
        ms.sort_by(f64::total_cmp);
        let median = ms[ms.len() / 2];
        let right: usize = per.values().map(|v| v.0).sum();
        let cats: Vec<String> = per
            .iter()
            .map(|(k, v)| format!("{k} {}/{}", v.0, v.1))
            .collect();
        println!(
            "| media-ai document, {threads} thread{} | {mean:.0} | {median:.0} | {right}/{} | {} |",
            if threads == 1 { "" } else { "s" },
            images.len(),
            cats.join(", ")
        );
    }
}
