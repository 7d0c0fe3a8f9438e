//! The queue socket's decoder (`queue_ws::protocol::decode`) with hostile text: never a panic,
//! and an accepted message survives a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signaling::queue_ws::protocol::decode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(msg) = decode(text) {
        let again = serde_json::to_string(&msg).expect("a decoded message encodes");
        assert_eq!(decode(&again), Ok(msg), "round trip of {text:?}");
    }
});
