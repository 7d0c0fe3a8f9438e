//! The SDP path of a client's offer: `Offer::parse` and the answer written from it, with
//! hostile offers. Never a panic; every offer that parses gets an answer that is itself valid
//! SDP carrying our credentials and exactly the sections the answer says it accepted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signaling::sfu::sdp::{answer, Local, Offer, Outgoing};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(offer) = Offer::parse(text) else { return };
    let candidates = ["127.0.0.1:40000".parse().expect("addr")];
    let local = Local {
        ice_ufrag: "srvUfrag",
        ice_pwd: "serverpasswordserverpassword",
        fingerprint: "aa:bb",
        session: (42, 1),
        audio: Outgoing { ssrc: 1, stream: "s", track: "a" },
        video: Outgoing { ssrc: 2, stream: "s", track: "v" },
        cname: "sfu",
        candidates: &candidates,
    };
    let a = answer(&offer, &local);
    assert!(!a.negotiated.is_empty(), "a parsed offer has something to accept");
    assert_eq!(a.sdp.matches("\r\nm=").count(), offer.sections.len(), "one answer section per offered section");
    // Our answer, read back with the same grammar (with a fingerprint of the right shape).
    let fp = ["ab"; 32].join(":");
    let back = Offer::parse(&a.sdp.replace("a=fingerprint:sha-256 aa:bb", &format!("a=fingerprint:sha-256 {fp}")))
        .expect("the answer is valid SDP");
    assert_eq!(back.ice_ufrag, "srvUfrag");
    assert_eq!(back.sections.iter().filter(|s| !s.port_zero).count(), a.negotiated.len());
});
