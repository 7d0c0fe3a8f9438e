//! The face-analysis decode branch (`recorder::decode`): hostile RTP into the VP8 depayloader
//! and decoder that turn the customer's video into frames. Input: `[u16 length][bytes]…`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recorder::decode::FrameDecoder;
use std::sync::OnceLock;

fn decoder() -> &'static FrameDecoder {
    static DECODER: OnceLock<FrameDecoder> = OnceLock::new();
    DECODER.get_or_init(|| FrameDecoder::new(8, |_frame| {}).expect("decoder"))
}

fuzz_target!(|data: &[u8]| {
    let d = decoder();
    let mut rest = data;
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        d.push_rtp(&rest[2..2 + len]);
        rest = &rest[2 + len..];
    }
});
