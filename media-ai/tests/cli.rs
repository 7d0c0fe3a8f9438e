//! The `media-ai` binary: JSON output of verify / pose / challenge, and clear non-zero exits on
//! bad input.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Output};

fn media_ai(args: &[&str]) -> Output {
    // Run from the workspace root like a user would: no environment variables needed.
    Command::new(env!("CARGO_BIN_EXE_media-ai"))
        .args(args)
        .current_dir(common::fixtures().join("../.."))
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("MEDIA_AI_MODELS")
        .output()
        .unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    assert!(
        o.status.success(),
        "exit {:?}, stderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn verify_prints_match_for_same_person_and_no_match_for_another() {
    let o = media_ai(&[
        "verify",
        "--reference",
        "tests/fixtures/idcard_sim/ibm_max_Chris_idcard.jpg",
        "--probe",
        "tests/fixtures/faces/ibm_max_Chris.jpeg",
    ]);
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        text.starts_with("{\"reference_face\":true,\"probe_face\":true,\"distance\":"),
        "{text}"
    );
    let v = &json_lines(&o)[0];
    assert_eq!(v["match"], true);
    assert!(v["distance"].as_f64().unwrap() < 0.35 && v["threshold"].as_f64().unwrap() == 0.55);
    assert_eq!(v["verdict"], "match");
    let models: Vec<&str> = v["models"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(models, ["blazeface-back", "facemesh", "sface"]);
    assert_eq!(v["models"][2]["sha256"].as_str().unwrap().len(), 64);
    let o = media_ai(&[
        "verify",
        "--reference",
        "tests/fixtures/idcard_sim/ibm_max_Chris_idcard.jpg",
        "--probe",
        "tests/fixtures/faces/biden_2010.jpg",
    ]);
    assert_eq!(json_lines(&o)[0]["match"], false);
    assert_eq!(json_lines(&o)[0]["verdict"], "no_match");
}

#[test]
fn pose_prints_one_line_per_image_with_reference_angles() {
    let o = media_ai(&[
        "pose",
        "tests/fixtures/faces/ibm_max_Paul2.jpeg",
        "tests/fixtures/pad_samples/image_F1.jpg",
    ]);
    let v = json_lines(&o);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["file"], "tests/fixtures/faces/ibm_max_Paul2.jpeg");
    assert_eq!(v[0]["face"], true);
    assert!((v[0]["yaw"].as_f64().unwrap() + 12.61).abs() < 2.0);
    assert!(
        (v[1]["yaw"].as_f64().unwrap() + 33.29).abs() < 2.0,
        "EXIF-rotated sample"
    );
}

#[test]
fn challenge_command_passes_the_clip_in_its_real_order() {
    let o = media_ai(&[
        "challenge",
        "--video",
        "tests/fixtures/sequences/ibm_max_Bryan.mp4",
        "--expect",
        "centre,left,centre,right,centre,up,centre,down,centre",
    ]);
    let v = &json_lines(&o)[0];
    assert_eq!(v["passed"], true, "{v}");
    assert_eq!(v["steps"].as_array().unwrap().len(), 9);
    assert_eq!(v["steps"][1]["step"], "left");
    assert!(v["steps"][1]["at_ms"].as_u64().unwrap() > 500);
}

#[test]
fn missing_unreadable_or_wrong_type_inputs_exit_non_zero_with_a_message() {
    let cases: [&[&str]; 6] = [
        &["pose", "tests/fixtures/faces/does_not_exist.jpg"],
        &["pose", "tests/fixtures/synthetic_pose/ground_truth.csv"],
        &[
            "verify",
            "--reference",
            "tests/fixtures/faces/nope.png",
            "--probe",
            "tests/fixtures/faces/ibm_max_Chris.jpeg",
        ],
        &[
            "challenge",
            "--video",
            "tests/fixtures/nope.mp4",
            "--expect",
            "centre",
        ],
        &[
            "challenge",
            "--video",
            "tests/fixtures/reference_values.json",
            "--expect",
            "centre",
        ],
        &[
            "challenge",
            "--video",
            "tests/fixtures/sequences/ibm_max_Bryan.mp4",
            "--expect",
            "sideways",
        ],
    ];
    for args in cases {
        let o = media_ai(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{args:?} should fail");
        assert!(o.stdout.is_empty(), "{args:?} printed a result");
        assert!(
            err.starts_with("media-ai: ") && err.len() > 20,
            "{args:?}: unclear message {err:?}"
        );
    }
    let o = media_ai(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2), "usage error");
}

#[test]
fn serve_refuses_remote_addresses_and_missing_secrets_and_starts_with_a_secret_file() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_media-ai"))
            .args(args)
            .env_remove("MEDIA_AI_SECRET")
            .output()
            .unwrap()
    };
    let o = run(&["serve", "--listen", "0.0.0.0:0", "--insecure-no-secret"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--allow-remote"));
    let o = run(&["serve", "--listen", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("secret"));
    let dir = std::env::temp_dir().join(format!("media-ai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let short = dir.join("short");
    std::fs::write(&short, "abc\n").unwrap();
    let o = run(&["serve", "--listen", "127.0.0.1:0", "--secret-file", short.to_str().unwrap()]);
    assert!(!o.status.success(), "a 3-byte secret is refused");
    // A good secret file: the sidecar starts and asks for authentication.
    let good = dir.join("secret");
    std::fs::write(&good, "0123456789abcdef0123456789abcdef\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_media-ai"))
        .args(["serve", "--listen", "127.0.0.1:0", "--secret-file", good.to_str().unwrap()])
        .env_remove("MEDIA_AI_SECRET")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    let addr = line.trim().rsplit(' ').next().unwrap().to_owned();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    let (_, hello) = media_ai::sidecar::protocol::read_message(&mut s).unwrap().unwrap();
    let hello: serde_json::Value = serde_json::from_slice(&hello).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!((hello["protocol"].as_u64(), hello["auth"].as_str()), (Some(3), Some("secret")), "{line}: {hello}");
}
