//! The media-ai sidecar's input side, as its connection loop runs it: length-prefixed messages
//! read from the socket, then per kind the JSON command decoder, the reference-image decoder,
//! the frame header + pixel conversion and the RTP message header (the VP8 decoding behind it
//! is `recorder_decode_rtp`'s target). Whatever the bytes, nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use media_ai::imageops::{decode_image, i420_to_rgb, rgb_from_raw};
use media_ai::sidecar::protocol::{
    decode_frame, read_message, Command, FORMAT_I420, FORMAT_RGB24, KIND_FRAME, KIND_JSON, KIND_REFERENCE, KIND_RTP,
};
use media_ai::sidecar::video::split;

/// Frames above this many pixels are not converted here: the sidecar would, but a fuzz input
/// claiming 4K costs seconds of memset without new coverage.
const MAX_PIXELS: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let mut r = std::io::Cursor::new(data);
    while let Ok(Some((kind, payload))) = read_message(&mut r) {
        match kind {
            KIND_JSON => {
                let _ = serde_json::from_slice::<Command>(&payload);
            }
            KIND_REFERENCE => {
                let _ = decode_image(&payload);
            }
            KIND_FRAME => {
                if let Ok((h, px)) = decode_frame(&payload) {
                    if u64::from(h.width) * u64::from(h.height) <= MAX_PIXELS {
                        match h.format {
                            FORMAT_I420 => {
                                let _ = i420_to_rgb(h.width, h.height, px);
                            }
                            FORMAT_RGB24 => {
                                let _ = rgb_from_raw(h.width, h.height, px.to_vec());
                            }
                            _ => {}
                        }
                    }
                }
            }
            KIND_RTP => {
                let _ = split(&payload);
            }
            _ => {}
        }
    }
});
