//! ICE-lite (RFC 8445 §2.5): the server never sends connectivity checks; it answers the
//! client's binding requests, authenticated with our password, and follows the client's
//! nomination (`USE-CANDIDATE`).

use rtc::crypto::RTCCrypto;
use rtc::stun::attributes::{ATTR_USERNAME, ATTR_USE_CANDIDATE};
use rtc::stun::fingerprint::FINGERPRINT;
use rtc::stun::integrity::MessageIntegrity;
use rtc::stun::message::{Message, Setter, BINDING_REQUEST, BINDING_SUCCESS};
use rtc::stun::textattrs::TextAttribute;
use rtc::stun::xoraddr::XorMappedAddress;
use std::net::SocketAddr;

/// A binding request, decoded but not yet authenticated.
pub(super) struct BindingRequest {
    msg: Message,
    /// Our username fragment (the first half of USERNAME): which peer it is for.
    pub local_ufrag: String,
    /// The client's username fragment (the second half).
    pub remote_ufrag: String,
    /// The client nominates the pair this request travels on.
    pub use_candidate: bool,
}

/// Whether a datagram is STUN (RFC 7983 demultiplexing: first byte 0–3).
pub(super) fn is_stun(data: &[u8]) -> bool {
    data.first().is_some_and(|b| *b < 4)
}

impl BindingRequest {
    /// Decodes `data` if it is a binding request with a `local:remote` USERNAME.
    pub(super) fn parse(data: &[u8]) -> Option<BindingRequest> {
        let mut msg = Message::new();
        msg.unmarshal_binary(data).ok()?;
        if msg.typ != BINDING_REQUEST {
            return None;
        }
        let username = TextAttribute::get_from_as(&msg, ATTR_USERNAME).ok()?;
        let (local, remote) = username.text.split_once(':')?;
        let (local_ufrag, remote_ufrag) = (local.to_owned(), remote.to_owned());
        let use_candidate = msg.contains(ATTR_USE_CANDIDATE);
        Some(BindingRequest { msg, local_ufrag, remote_ufrag, use_candidate })
    }

    /// Checks MESSAGE-INTEGRITY with our password (short-term credentials) and FINGERPRINT.
    pub(super) fn authentic(&mut self, local_pwd: &str, crypto: &dyn RTCCrypto) -> bool {
        FINGERPRINT.check(&self.msg).is_ok() && MessageIntegrity::check(&mut self.msg, local_pwd.as_bytes(), crypto).is_ok()
    }

    /// The success response telling the client the address we saw it at.
    pub(super) fn success(&self, from: SocketAddr, local_pwd: &str, crypto: &dyn RTCCrypto) -> Option<Vec<u8>> {
        let mut out = Message::new();
        let setters: [Box<dyn Setter + '_>; 5] = [
            Box::new(self.msg.clone()),
            Box::new(BINDING_SUCCESS),
            Box::new(XorMappedAddress { ip: from.ip(), port: from.port() }),
            Box::new(MessageIntegrity::new_short_term_integrity_with_provider(local_pwd.to_owned(), crypto)),
            Box::new(FINGERPRINT),
        ];
        out.build(&setters).ok()?;
        Some(out.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rtc::stun::attributes::ATTR_PRIORITY;
    use rtc::stun::message::Getter;

    fn crypto() -> std::sync::Arc<dyn rtc::crypto::RTCCryptoProvider> {
        rtc::crypto::default_provider().expect("crypto")
    }

    /// A request as a full ICE agent sends it: USERNAME, PRIORITY, USE-CANDIDATE, integrity
    /// with the server's password, fingerprint.
    fn request(username: &str, pwd: &str, nominate: bool) -> Vec<u8> {
        let p = crypto();
        let mut m = Message::new();
        let mut setters: Vec<Box<dyn Setter>> = vec![
            Box::new(BINDING_REQUEST),
            Box::new(rtc::stun::message::TransactionId::new()),
            Box::new(TextAttribute::new(ATTR_USERNAME, username.to_owned())),
        ];
        if nominate {
            setters.push(Box::new(rtc::stun::attributes::RawAttribute { typ: ATTR_USE_CANDIDATE, length: 0, value: vec![] }));
        }
        setters.push(Box::new(rtc::stun::attributes::RawAttribute { typ: ATTR_PRIORITY, length: 4, value: vec![0x6e, 0, 0x1e, 0xff] }));
        setters.push(Box::new(MessageIntegrity::new_short_term_integrity_with_provider(pwd.to_owned(), p.crypto())));
        setters.push(Box::new(FINGERPRINT));
        m.build(&setters).expect("build");
        m.raw
    }

    #[test]
    fn an_authentic_nominating_request_is_answered_with_the_address_it_came_from() {
        let p = crypto();
        let data = request("srv1:cli1", "serverpassword1234567890", true);
        assert!(is_stun(&data));
        let mut req = BindingRequest::parse(&data).expect("a binding request");
        assert_eq!((req.local_ufrag.as_str(), req.remote_ufrag.as_str(), req.use_candidate), ("srv1", "cli1", true));
        assert!(req.authentic("serverpassword1234567890", p.crypto()));
        let from: SocketAddr = "192.0.2.10:5555".parse().expect("addr");
        let resp = req.success(from, "serverpassword1234567890", p.crypto()).expect("response");
        let mut m = Message::new();
        m.unmarshal_binary(&resp).expect("decodes");
        assert_eq!(m.typ, BINDING_SUCCESS);
        let mut mapped = XorMappedAddress::default();
        mapped.get_from(&m).expect("xor-mapped-address");
        assert_eq!(SocketAddr::new(mapped.ip, mapped.port), from);
        assert!(MessageIntegrity::check(&mut m, b"serverpassword1234567890", p.crypto()).is_ok());
    }

    #[test]
    fn a_request_with_the_wrong_password_or_no_username_is_not_authentic() {
        let p = crypto();
        let mut req = BindingRequest::parse(&request("srv1:cli1", "wrongpassword", false)).expect("parses");
        assert!(!req.use_candidate);
        assert!(!req.authentic("serverpassword1234567890", p.crypto()));
        assert!(BindingRequest::parse(&request("nocolon", "x", false)).is_none());
        assert!(BindingRequest::parse(&[0, 1, 0, 0]).is_none());
        assert!(!is_stun(&[0x80, 0]));
    }
}
