//! The recorder's packet path with hostile RTP: one live recording (as in a call) receives the
//! packets of every input — header validation, reordering, and the recorder's own VP8/Opus
//! depayloaders and WebM writer behind them. Input: packets as `[medium byte][u16 length][bytes]…`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recorder::{Medium, Recorder, RecorderConfig, Recording};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

struct Live {
    _dir: tempfile::TempDir,
    _recorder: Recorder,
    recording: Recording,
}

fn live() -> &'static Live {
    static LIVE: OnceLock<Live> = OnceLock::new();
    LIVE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = RecorderConfig::new(dir.path());
        config.expected_participants = vec!["customer".into()];
        let recorder = Recorder::new(config).expect("recorder");
        let recording = recorder.start("fuzz").expect("recording");
        Live { _dir: dir, _recorder: recorder, recording }
    })
}

fuzz_target!(|data: &[u8]| {
    let live = live();
    let mut rest = data;
    let mut t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    while rest.len() >= 3 {
        let medium = if rest[0] & 1 == 0 { Medium::Video } else { Medium::Audio };
        let len = usize::from(u16::from_be_bytes([rest[1], rest[2]])).min(rest.len() - 3);
        live.recording.push_rtp("customer", medium, &rest[3..3 + len], t);
        rest = &rest[3 + len..];
        t += Duration::from_millis(10);
    }
});
