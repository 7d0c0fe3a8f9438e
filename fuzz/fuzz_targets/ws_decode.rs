//! The call socket's decoder (`ws::protocol::decode`) with hostile text: it must never panic,
//! and what it accepts must survive a round trip (encoding the decoded message and decoding it
//! again gives the same message), so the server never acts on something it cannot restate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signaling::ws::protocol::decode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(msg) = decode(text) {
        let again = serde_json::to_string(&msg).expect("a decoded message encodes");
        assert_eq!(decode(&again), Ok(msg), "round trip of {text:?}");
    }
});
