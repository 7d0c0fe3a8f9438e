//! `media-ai document FILE...`: the command-line contract (one JSON object per line, `mrz: null`
//! with exit 0 without an MRZ, non-zero exit with a stable error code on unreadable input).
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Output};

fn media_ai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_media-ai"))
        .args(args)
        .current_dir(common::fixtures().join("../.."))
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("MEDIA_AI_MODELS")
        .output()
        .unwrap()
}

#[test]
fn a_passport_photo_prints_its_fields_in_the_documented_order() {
    let o = media_ai(&["document", "tests/fixtures/documents/doc_002.jpg"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let line = out.lines().next().unwrap();
    // Key order is part of the contract's readability: file, mrz, check_digits_ok, lines.
    let keys = [
        "\"file\"",
        "\"mrz\"",
        "\"check_digits_ok\"",
        "\"lines\"",
        "\"quality\"",
    ];
    let pos: Vec<usize> = keys.iter().map(|k| line.find(k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{line}");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["file"], "tests/fixtures/documents/doc_002.jpg");
    assert_eq!(v["mrz"]["format"], "TD3");
    assert_eq!(v["mrz"]["surname"], "GARCIA MARQUEZ");
    assert_eq!(v["mrz"]["given_names"], "MARIA JOSE");
    assert_eq!(v["mrz"]["birth_date"], "1945-10-06");
    assert_eq!(v["check_digits_ok"], true);
    assert_eq!(v["lines"].as_array().unwrap().len(), 2);
}

#[test]
fn an_image_without_an_mrz_prints_null_and_exits_zero() {
    let o = media_ai(&["document", "tests/fixtures/documents/doc_037.jpg"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["mrz"], serde_json::Value::Null);
    assert_eq!(v["check_digits_ok"], serde_json::Value::Null);
    assert_eq!(v["lines"], serde_json::json!([]));
    assert_eq!(v["quality"]["retake_hint"], "no_document");
}

#[test]
fn a_file_that_is_not_an_image_exits_non_zero_with_its_error_code() {
    let o = media_ai(&["document", "tests/fixtures/documents/ground_truth.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not_an_image"));
}

#[test]
fn a_missing_file_exits_non_zero_and_the_other_files_are_still_read() {
    let o = media_ai(&[
        "document",
        "tests/fixtures/documents/no_such_file.jpg",
        "tests/fixtures/documents/doc_037.jpg",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no_such_file.jpg"));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    // A real PNG header declaring 60000 × 60000 pixels, then a few bytes of data.
    let dir = std::env::temp_dir().join(format!("media-ai-bomb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut png = Vec::new();
    image::RgbImage::new(8, 8)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    let path = dir.join("bomb.png");
    std::fs::write(&path, &png).unwrap();
    let o = media_ai(&["document", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("image_dimensions_too_large"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn document_without_files_is_a_usage_error() {
    assert_eq!(media_ai(&["document"]).status.code(), Some(2));
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
