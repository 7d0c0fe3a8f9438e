//! The face-analysis decode branch (`recorder::decode`, run by the media-ai sidecar): hostile RTP
//! into the VP8 depayloader and decoder that turn the customer's video into frames. Input: `[u16 length][bytes]…`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recorder::decode::FrameDecoder;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

fn decoder() -> &'static FrameDecoder {
    static DECODER: OnceLock<FrameDecoder> = OnceLock::new();
    DECODER.get_or_init(|| FrameDecoder::new(8, |_frame| {}, || {}).expect("decoder"))
}

/// Arrival times as a receiving socket gives them: never backwards, 5 ms apart, continuing
/// across inputs (the decoder is shared), independent of the wall clock so a case replays alike.
fn next_arrival() -> SystemTime {
    static PACKETS: AtomicU64 = AtomicU64::new(0);
    SystemTime::UNIX_EPOCH + Duration::from_millis(1_700_000_000_000 + 5 * PACKETS.fetch_add(1, Ordering::Relaxed))
}

fuzz_target!(|data: &[u8]| {
    let d = decoder();
    let mut rest = data;
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        d.push_rtp(&rest[2..2 + len], next_arrival());
        rest = &rest[2 + len..];
    }
});
