//! The SDP path of a client's offer as the call socket runs it: a fresh server-side peer
//! connection (`sfu::Peer::connect`) is given the offer (`Peer::answer`: the `webrtc` crate's
//! SDP parser, `set_remote_description`, `create_answer`). Whatever the text, nothing may
//! panic, and an offer that is accepted gets an answer that is SDP.
#![no_main]

use domain::Party;
use libfuzzer_sys::fuzz_target;
use signaling::metrics::Metrics;
use signaling::sfu::{MediaConfig, MediaRoom, Peer};
use std::sync::{Arc, OnceLock};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    runtime().block_on(async {
        let config = MediaConfig { udp_ips: vec!["127.0.0.1".parse().expect("ip")], nat_1to1_ips: vec![] };
        let room = MediaRoom::new(Arc::new(Metrics::default()));
        let (events, _rx) = tokio::sync::mpsc::unbounded_channel();
        let peer = Peer::connect(&room, Party::Customer, &config, events).await.expect("a peer connection");
        if let Ok(answer) = peer.answer(text.to_owned()).await {
            assert!(answer.starts_with("v=0"), "an answer is SDP: {answer:?}");
        }
        peer.close().await;
    });
});
