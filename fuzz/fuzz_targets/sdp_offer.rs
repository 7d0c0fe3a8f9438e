//! The SDP path of a client's offer as the call socket runs it: a fresh server-side peer
//! connection (`sfu::Peer::connect`) on the server's default media engine (the media loop) is
//! given the offer (`Peer::answer`: the loop's offer parser, the answer it writes, the
//! negotiated streams applied in the loop). Whatever the text, nothing may panic, and an offer
//! that is accepted gets an answer that is SDP.
#![no_main]

use domain::Party;
use libfuzzer_sys::fuzz_target;
use signaling::metrics::Metrics;
use signaling::sfu::{Media, MediaConfig, MediaRoom, Peer};
use std::sync::{Arc, OnceLock};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"))
}

fn media() -> &'static Media {
    static MEDIA: OnceLock<Media> = OnceLock::new();
    MEDIA.get_or_init(|| {
        let config = MediaConfig {
            udp_ips: vec!["127.0.0.1".parse().expect("ip")],
            nat_1to1_ips: vec![],
            port: 0,
            engine: Default::default(),
        };
        Media::start(config, Arc::new(Metrics::default())).expect("the media engine starts")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    runtime().block_on(async {
        let room = MediaRoom::new(Arc::new(Metrics::default()));
        let (events, _rx) = tokio::sync::mpsc::unbounded_channel();
        let peer = Peer::connect(&room, Party::Customer, media(), events).await.expect("a peer connection");
        if let Ok(answer) = peer.answer(text.to_owned()).await {
            assert!(answer.starts_with("v=0"), "an answer is SDP: {answer:?}");
        }
        peer.close().await;
    });
});
