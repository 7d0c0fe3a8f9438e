//! Per-frame quality flags on real images: no face, several faces, face too small, too dark,
//! blurred — and none on a good photo.
#![allow(clippy::unwrap_used)]

mod common;

use image::RgbImage;
use media_ai::imageops::load_image;
use media_ai::quality::QualityFlag;
use media_ai::Stages;

fn flags(img: &RgbImage) -> Vec<QualityFlag> {
    common::pipeline()
        .analyze_still(img, Stages::POSE_ONLY)
        .unwrap()
        .quality
        .flags
}

#[test]
fn quality_flags_report_missing_small_multiple_dark_and_blurred_faces() {
    let good = load_image(&common::fixture("pad_samples/image_T1.jpg")).unwrap();
    assert_eq!(flags(&good), vec![], "good live frame");

    assert_eq!(
        flags(&RgbImage::from_pixel(640, 480, image::Rgb([90, 120, 150]))),
        vec![QualityFlag::NoFace]
    );

    let small = load_image(&common::fixture("faces/ibm_max_Bryan.png")).unwrap();
    assert!(flags(&small).contains(&QualityFlag::FaceTooSmall));

    let blurred = load_image(&common::fixture("idcard_sim/ibm_max_Chris_idcard.jpg")).unwrap();
    assert!(flags(&blurred).contains(&QualityFlag::Blurred));

    let mut dark = good.clone();
    dark.pixels_mut().for_each(|p| p.0 = p.0.map(|c| c / 6));
    assert!(
        flags(&dark).contains(&QualityFlag::TooDark),
        "{:?}",
        flags(&dark)
    );

    // Two people side by side.
    let a = load_image(&common::fixture(
        "synthetic_pose/ibm_max_Paul/y+00_p+00_r+00.jpg",
    ))
    .unwrap();
    let b = load_image(&common::fixture(
        "synthetic_pose/ibm_max_Chris/y+00_p+00_r+00.jpg",
    ))
    .unwrap();
    let mut two = RgbImage::new(a.width() + b.width(), a.height().max(b.height()));
    image::imageops::replace(&mut two, &a, 0, 0);
    image::imageops::replace(&mut two, &b, i64::from(a.width()), 0);
    assert!(flags(&two).contains(&QualityFlag::MultipleFaces));
}
