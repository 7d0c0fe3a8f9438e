//! MRZ reading and capture quality on the synthetic document set (`tests/fixtures/documents/`,
//! 40 phone photos and scans with ground truth) and on degradations made here.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

use image::{Rgb, RgbImage};
use media_ai::document::input::load_upload;
use media_ai::document::quality::RetakeHint;
use media_ai::document::{DocumentOptions, DocumentReader, DocumentReport};
use serde_json::Value;

/// The ground truth's birth-century rule is "YY > 26 ⇒ 19YY": the set was made in 2026.
const YEAR: i32 = 2026;

fn reader() -> MutexGuard<'static, DocumentReader> {
    static R: OnceLock<Mutex<DocumentReader>> = OnceLock::new();
    R.get_or_init(|| {
        let r = DocumentReader::load(DocumentOptions { threads: 2 }).unwrap_or_else(|e| {
            panic!("cannot load the OCR models: {e}\nRun `media-ai/setup-onnxruntime.sh` (or `make setup`) first.")
        });
        Mutex::new(r)
    })
    .lock()
    .unwrap_or_else(|e| e.into_inner())
}

struct Case {
    file: String,
    category: String,
    expected: Value,
    got: Value,
}

impl Case {
    fn fully_right(&self) -> bool {
        self.got["mrz"] == self.expected["mrz"]
            && self.got["check_digits_ok"] == self.expected["check_digits_ok"]
    }
}

/// Every image of the set read once per test binary.
fn results() -> &'static [Case] {
    static C: OnceLock<Vec<Case>> = OnceLock::new();
    C.get_or_init(|| {
        let dir = common::fixture("documents");
        let gt: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("ground_truth.json")).unwrap())
                .unwrap();
        gt["images"]
            .as_array()
            .unwrap()
            .iter()
            .map(|im| {
                let file = im["file"].as_str().unwrap().to_string();
                let img = load_upload(&dir.join(&file)).unwrap();
                let report = reader().read(&img, YEAR).unwrap();
                Case {
                    file,
                    category: im["category"].as_str().unwrap().to_string(),
                    expected: im["expected"].clone(),
                    got: serde_json::to_value(&report).unwrap(),
                }
            })
            .collect()
    })
}

fn describe(c: &Case) -> String {
    format!(
        "{} ({}): got {} {} expected {}",
        c.file, c.category, c.got["lines"], c.got["check_digits_ok"], c.expected["lines"]
    )
}

#[test]
fn at_least_95_percent_of_the_document_set_is_read_fully_right() {
    let r = results();
    assert_eq!(r.len(), 40);
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in r {
        let e = per.entry(c.category.as_str()).or_default();
        e.0 += usize::from(c.fully_right());
        e.1 += 1;
    }
    let right = r.iter().filter(|c| c.fully_right()).count();
    let wrong: Vec<String> = r
        .iter()
        .filter(|c| !c.fully_right())
        .map(describe)
        .collect();
    eprintln!("fully right {right}/40 per category {per:?}");
    assert!(
        right * 100 >= 95 * r.len(),
        "{right}/40 right; wrong: {wrong:#?}"
    );
}

#[test]
fn every_clean_scan_is_read_fully_right() {
    for c in results().iter().filter(|c| c.category == "scan") {
        assert!(c.fully_right(), "{}", describe(c));
    }
}

#[test]
fn every_corrupted_check_digit_is_flagged_with_the_fields_as_printed() {
    let corrupted: Vec<&Case> = results()
        .iter()
        .filter(|c| c.category == "corrupted_check_digit")
        .collect();
    assert_eq!(corrupted.len(), 3);
    for c in corrupted {
        assert_eq!(
            c.got["check_digits_ok"],
            Value::Bool(false),
            "{}",
            describe(c)
        );
        assert_eq!(c.got["mrz"], c.expected["mrz"], "{}", describe(c));
    }
}

#[test]
fn no_mrz_is_invented_on_card_fronts_or_pictures_without_a_document() {
    for c in results()
        .iter()
        .filter(|c| c.category == "id_front" || c.category == "no_document")
    {
        assert_eq!(c.got["mrz"], Value::Null, "{}", describe(c));
        assert_eq!(c.got["lines"], Value::Array(vec![]), "{}", describe(c));
    }
}

#[test]
fn readable_captures_get_no_retake_hint_and_pictures_without_text_ask_for_a_document() {
    for c in results() {
        let hint = &c.got["quality"]["retake_hint"];
        match c.category.as_str() {
            "scan" | "corrupted_check_digit" => assert_eq!(hint, &Value::Null, "{}", c.file),
            _ => {}
        }
    }
    // The person and the empty table: nothing that looks like a document.
    for f in ["doc_027.jpg", "doc_037.jpg"] {
        let c = results().iter().find(|c| c.file == f).unwrap();
        assert_eq!(c.got["quality"]["retake_hint"], "no_document", "{f}");
    }
}

// ---- capture quality on degradations made here ----

fn load(file: &str) -> RgbImage {
    load_upload(&common::fixture("documents").join(file)).unwrap()
}

fn read(img: &RgbImage) -> DocumentReport {
    reader().read(img, YEAR).unwrap()
}

/// Three passes of a horizontal and vertical box blur of radius `r` (≈ Gaussian σ ≈ r).
fn blur(img: &RgbImage, r: i64) -> RgbImage {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let mut cur = img.clone();
    for _ in 0..3 {
        for horizontal in [true, false] {
            let src = cur.clone();
            for y in 0..h {
                for x in 0..w {
                    let mut acc = [0u32; 3];
                    let mut n = 0;
                    for k in -r..=r {
                        let (xx, yy) = if horizontal {
                            ((x + k).clamp(0, w - 1), y)
                        } else {
                            (x, (y + k).clamp(0, h - 1))
                        };
                        let p = src.get_pixel(xx as u32, yy as u32).0;
                        for c in 0..3 {
                            acc[c] += u32::from(p[c]);
                        }
                        n += 1;
                    }
                    cur.put_pixel(
                        x as u32,
                        y as u32,
                        Rgb([(acc[0] / n) as u8, (acc[1] / n) as u8, (acc[2] / n) as u8]),
                    );
                }
            }
        }
    }
    cur
}

#[test]
fn a_clean_capture_needs_no_retake() {
    let r = read(&load("doc_039.jpg"));
    assert!(r.mrz.is_some());
    assert_eq!(r.quality.retake_hint, None, "{:?}", r.quality);
}

#[test]
fn a_capture_with_the_document_cut_by_the_frame_edge_asks_for_a_retake() {
    // A TD1 card back photographed too close: the frame ends inside the MRZ.
    let img = load("doc_036.jpg");
    let (w, h) = (img.width(), img.height());
    let cut = image::imageops::crop_imm(&img, 0, 0, w * 62 / 100, h).to_image();
    let r = read(&cut);
    assert!(r.quality.cut_off, "{:?}", r.quality);
    assert_eq!(r.quality.retake_hint, Some(RetakeHint::DocumentCutOff));
}

#[test]
fn a_heavily_blurred_capture_asks_for_a_retake() {
    let img = load("doc_039.jpg");
    let r = read(&blur(&img, 6));
    assert!(r.quality.blurred, "{:?}", r.quality);
    assert!(matches!(
        r.quality.retake_hint,
        Some(RetakeHint::Blurred | RetakeHint::NoDocument)
    ));
}

#[test]
fn a_reflection_washing_out_the_text_is_reported_as_glare() {
    let mut img = load("doc_039.jpg");
    let (w, h) = (img.width() as f32, img.height() as f32);
    // A large white specular patch over the lower half of the page.
    let (cx, cy, rx, ry) = (w * 0.5, h * 0.62, w * 0.32, h * 0.2);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let d = ((x as f32 - cx) / rx).powi(2) + ((y as f32 - cy) / ry).powi(2);
        if d < 1.0 {
            *p = Rgb([255, 255, 255]);
        }
    }
    let r = read(&img);
    assert!(r.quality.glare, "{:?}", r.quality);
}

#[test]
fn a_booklet_photographed_sideways_or_upside_down_is_read_the_same() {
    let case = results().iter().find(|c| c.file == "doc_012.jpg").unwrap();
    let img = load("doc_012.jpg");
    for turned in [
        image::imageops::rotate90(&img),
        image::imageops::rotate180(&img),
    ] {
        let got = serde_json::to_value(read(&turned)).unwrap();
        assert_eq!(got["mrz"], case.expected["mrz"], "{}", got["lines"]);
        assert_eq!(got["check_digits_ok"], case.expected["check_digits_ok"]);
    }
}
