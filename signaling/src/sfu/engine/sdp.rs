//! The SDP an SFU needs: reading a client's offer and writing the answer.
//!
//! The server is an ICE-lite, BUNDLE-only, rtcp-mux-only endpoint that forwards one Opus and one
//! VP8 stream each way. The offer is read line by line for what that needs (ICE credentials, DTLS
//! fingerprint and role, per media section its mid, direction, the payload type of Opus or VP8 and
//! its feedback); anything else is ignored. The answer accepts the first audio and the first
//! video section and rejects the rest (port 0).

use domain::MediaKind;
use std::fmt::Write as _;
use std::net::SocketAddr;

/// Why an offer cannot be answered (the text goes to the client as the `bad_offer` message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfferError {
    #[error("not an SDP session description")]
    NotSdp,
    #[error("the offer has no ICE credentials")]
    NoIceCredentials,
    #[error("the offer has no sha-256 DTLS fingerprint")]
    NoFingerprint,
    #[error("the offer has no audio or video section this server can accept (Opus, VP8)")]
    NothingToAccept,
    #[error("the offer is too large")]
    TooLarge,
}

/// What the remote end does with a media section, from its own point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::AsRefStr)]
#[strum(serialize_all = "lowercase")]
pub enum Direction {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl Direction {
    /// The answer's direction for a section offered with this one.
    fn answered(self) -> Direction {
        match self {
            Direction::SendRecv => Direction::SendRecv,
            Direction::SendOnly => Direction::RecvOnly,
            Direction::RecvOnly => Direction::SendOnly,
            Direction::Inactive => Direction::Inactive,
        }
    }

    /// Whether the side with this direction sends media.
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }

    /// Whether the side with this direction receives media.
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }
}

/// The DTLS role the offerer asked for (`a=setup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum Setup {
    ActPass,
    Active,
    Passive,
}

/// One `m=` section of the offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `audio`, `video`, `application`, … as written.
    pub media: String,
    pub mid: Option<String>,
    pub port_zero: bool,
    pub protocol: String,
    pub formats: Vec<String>,
    pub direction: Direction,
    rtpmaps: Vec<(u8, String)>,
    fmtps: Vec<(u8, String)>,
    feedback: Vec<(u8, String)>,
    pub rtcp_rsize: bool,
}

impl Section {
    pub fn kind(&self) -> Option<MediaKind> {
        match self.media.as_str() {
            "audio" => Some(MediaKind::Audio),
            "video" => Some(MediaKind::Video),
            _ => None,
        }
    }

    /// The payload type the offer gives our codec of this section's kind.
    fn codec_pt(&self) -> Option<u8> {
        let want = match self.kind()? {
            MediaKind::Audio => "opus/48000",
            MediaKind::Video => "vp8/90000",
        };
        self.rtpmaps
            .iter()
            .find(|(pt, enc)| enc.to_ascii_lowercase().starts_with(want) && self.formats.iter().any(|f| f == &pt.to_string()))
            .map(|(pt, _)| *pt)
    }

    /// Whether this section can be accepted at all (the answer takes the first of each kind).
    fn acceptable(&self) -> Option<(MediaKind, u8)> {
        if self.port_zero || self.mid.is_none() {
            return None;
        }
        Some((self.kind()?, self.codec_pt()?))
    }

    fn offers_feedback(&self, pt: u8, fb: &str) -> bool {
        self.feedback.iter().any(|(p, f)| (*p == pt) && f == fb)
    }
}

/// A parsed offer: only what answering it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub ice_ufrag: String,
    pub ice_pwd: String,
    /// The `sha-256` fingerprint, lower-case hex with colons.
    pub fingerprint: String,
    pub setup: Setup,
    pub sections: Vec<Section>,
}

/// Offers larger than this are refused before parsing (browsers' offers are 3–8 KiB).
const MAX_OFFER: usize = 64 * 1024;

impl Offer {
    pub fn parse(sdp: &str) -> Result<Offer, OfferError> {
        if sdp.len() > MAX_OFFER {
            return Err(OfferError::TooLarge);
        }
        let mut lines = sdp.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).filter(|l| !l.is_empty());
        if lines.next() != Some("v=0") {
            return Err(OfferError::NotSdp);
        }
        let mut session = Attrs::default();
        let mut sections: Vec<(Section, Attrs)> = Vec::new();
        for line in lines {
            let Some((kind, value)) = line.split_once('=') else { return Err(OfferError::NotSdp) };
            if kind.len() != 1 {
                return Err(OfferError::NotSdp);
            }
            match kind {
                "m" => {
                    let mut parts = value.split(' ');
                    let media = parts.next().unwrap_or_default().to_owned();
                    let port = parts.next().unwrap_or_default();
                    let protocol = parts.next().unwrap_or_default().to_owned();
                    let formats: Vec<String> = parts.map(str::to_owned).collect();
                    if media.is_empty() || protocol.is_empty() || port.split('/').next().and_then(|p| p.parse::<u16>().ok()).is_none() {
                        return Err(OfferError::NotSdp);
                    }
                    sections.push((
                        Section {
                            media,
                            mid: None,
                            port_zero: port == "0",
                            protocol,
                            formats,
                            direction: Direction::SendRecv,
                            rtpmaps: Vec::new(),
                            fmtps: Vec::new(),
                            feedback: Vec::new(),
                            rtcp_rsize: false,
                        },
                        Attrs::default(),
                    ));
                }
                "a" => {
                    let target = match sections.last_mut() {
                        Some((section, attrs)) => {
                            section.attribute(value);
                            attrs
                        }
                        None => &mut session,
                    };
                    target.attribute(value);
                }
                _ => {}
            }
        }
        if sections.is_empty() {
            return Err(OfferError::NotSdp);
        }
        // BUNDLE: one transport, so one set of credentials; the first section that has them wins.
        let pick = |f: fn(&Attrs) -> Option<&String>| {
            sections.iter().find_map(|(_, a)| f(a)).or_else(|| f(&session)).cloned()
        };
        let ice_ufrag = pick(|a| a.ice_ufrag.as_ref()).ok_or(OfferError::NoIceCredentials)?;
        let ice_pwd = pick(|a| a.ice_pwd.as_ref()).ok_or(OfferError::NoIceCredentials)?;
        let fingerprint = pick(|a| a.fingerprint.as_ref()).ok_or(OfferError::NoFingerprint)?;
        let setup = sections.iter().find_map(|(_, a)| a.setup).or(session.setup).unwrap_or(Setup::ActPass);
        let sections: Vec<Section> = sections.into_iter().map(|(s, _)| s).collect();
        if !sections.iter().any(|s| s.acceptable().is_some()) {
            return Err(OfferError::NothingToAccept);
        }
        Ok(Offer { ice_ufrag, ice_pwd, fingerprint, setup, sections })
    }
}

/// Transport attributes, at session or media level.
#[derive(Default)]
struct Attrs {
    ice_ufrag: Option<String>,
    ice_pwd: Option<String>,
    fingerprint: Option<String>,
    setup: Option<Setup>,
}

impl Attrs {
    fn attribute(&mut self, value: &str) {
        let (name, arg) = value.split_once(':').unwrap_or((value, ""));
        match name {
            "ice-ufrag" if valid_ice_chars(arg) => self.ice_ufrag = Some(arg.to_owned()),
            "ice-pwd" if valid_ice_chars(arg) => self.ice_pwd = Some(arg.to_owned()),
            "fingerprint" => {
                if let Some((alg, fp)) = arg.split_once(' ') {
                    if alg.eq_ignore_ascii_case("sha-256") && fp.len() == 95 {
                        self.fingerprint = Some(fp.to_ascii_lowercase());
                    }
                }
            }
            "setup" => {
                self.setup = arg.parse().ok().or(self.setup);
            }
            _ => {}
        }
    }
}

/// RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/", and a sane length.
fn valid_ice_chars(s: &str) -> bool {
    (4..=256).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

impl Section {
    fn attribute(&mut self, value: &str) {
        let (name, arg) = value.split_once(':').unwrap_or((value, ""));
        if let Ok(d) = name.parse::<Direction>() {
            self.direction = d;
            return;
        }
        let pt_and = |arg: &str| -> Option<(u8, String)> {
            let (pt, rest) = arg.split_once(' ')?;
            Some((pt.parse().ok()?, rest.trim().to_owned()))
        };
        match name {
            "mid" if !arg.is_empty() && arg.len() <= 32 && arg.bytes().all(|b| b.is_ascii_graphic()) => {
                self.mid = Some(arg.to_owned())
            }
            "rtpmap" => self.rtpmaps.extend(pt_and(arg)),
            "fmtp" => self.fmtps.extend(pt_and(arg)),
            "rtcp-fb" => self.feedback.extend(pt_and(arg)),
            "rtcp-rsize" => self.rtcp_rsize = true,
            _ => {}
        }
    }
}

/// How one accepted section was negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated {
    pub kind: MediaKind,
    /// The payload type both sides use for the codec in this section.
    pub pt: u8,
    /// The client sends media in this section (we receive).
    pub client_sends: bool,
    /// The client receives media in this section (we send).
    pub client_receives: bool,
}

/// Our side of the answer.
pub struct Local<'a> {
    pub ice_ufrag: &'a str,
    pub ice_pwd: &'a str,
    pub fingerprint: &'a str,
    /// Session id and version for the `o=` line.
    pub session: (u64, u64),
    /// Per kind: our outgoing SSRC, and the MediaStream and track ids the client sees.
    pub audio: Outgoing<'a>,
    pub video: Outgoing<'a>,
    pub cname: &'a str,
    pub candidates: &'a [SocketAddr],
}

pub struct Outgoing<'a> {
    pub ssrc: u32,
    pub stream: &'a str,
    pub track: &'a str,
}

/// The answer text and what it settled, per accepted section.
pub struct Answer {
    pub sdp: String,
    pub negotiated: Vec<Negotiated>,
    /// The DTLS role we take: `true` = client (the offer said `passive`).
    pub dtls_client: bool,
}

/// Host candidate priority for a local preference (RFC 8445 §5.1.2.1, component 1).
fn host_priority(local_pref: u32) -> u32 {
    (126 << 24) | (local_pref << 8) | 255
}

pub fn answer(offer: &Offer, local: &Local<'_>) -> Answer {
    let dtls_client = offer.setup == Setup::Passive;
    let mut accepted: Vec<(usize, Negotiated)> = Vec::new();
    for (i, s) in offer.sections.iter().enumerate() {
        let Some((kind, pt)) = s.acceptable() else { continue };
        if accepted.iter().any(|(_, n)| n.kind == kind) {
            continue;
        }
        accepted.push((
            i,
            Negotiated { kind, pt, client_sends: s.direction.sends(), client_receives: s.direction.receives() },
        ));
    }
    let mut sdp = String::with_capacity(2048);
    let _ = write!(sdp, "v=0\r\no=- {} {} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n", local.session.0, local.session.1);
    let mids: Vec<&str> = accepted.iter().filter_map(|(i, _)| offer.sections[*i].mid.as_deref()).collect();
    if !mids.is_empty() {
        let _ = write!(sdp, "a=group:BUNDLE {}\r\n", mids.join(" "));
    }
    sdp.push_str("a=msid-semantic:WMS *\r\n");
    for (i, s) in offer.sections.iter().enumerate() {
        let Some((_, n)) = accepted.iter().find(|(j, _)| *j == i) else {
            // Rejected: port 0, same media and protocol, one of the offered formats.
            let _ = write!(sdp, "m={} 0 {} {}\r\nc=IN IP4 0.0.0.0\r\n", s.media, s.protocol, s.formats.first().map_or("0", |f| f.as_str()));
            if let Some(mid) = &s.mid {
                let _ = write!(sdp, "a=mid:{mid}\r\n");
            }
            sdp.push_str("a=inactive\r\n");
            continue;
        };
        let pt = n.pt;
        let _ = write!(sdp, "m={} 9 UDP/TLS/RTP/SAVPF {pt}\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n", s.media);
        let _ = write!(sdp, "a=ice-ufrag:{}\r\na=ice-pwd:{}\r\n", local.ice_ufrag, local.ice_pwd);
        let _ = write!(sdp, "a=fingerprint:sha-256 {}\r\n", local.fingerprint);
        let _ = write!(sdp, "a=setup:{}\r\n", if dtls_client { "active" } else { "passive" });
        if let Some(mid) = &s.mid {
            let _ = write!(sdp, "a=mid:{mid}\r\n");
        }
        let direction = s.direction.answered();
        let _ = write!(sdp, "a={}\r\na=rtcp-mux\r\n", direction.as_ref());
        if s.rtcp_rsize {
            sdp.push_str("a=rtcp-rsize\r\n");
        }
        match n.kind {
            MediaKind::Audio => {
                let _ = write!(sdp, "a=rtpmap:{pt} opus/48000/2\r\na=fmtp:{pt} minptime=10;useinbandfec=1\r\n");
            }
            MediaKind::Video => {
                let _ = write!(sdp, "a=rtpmap:{pt} VP8/90000\r\n");
                for fb in ["goog-remb", "ccm fir", "nack", "nack pli"] {
                    if s.offers_feedback(pt, fb) {
                        let _ = write!(sdp, "a=rtcp-fb:{pt} {fb}\r\n");
                    }
                }
            }
        }
        if direction.sends() {
            let out = match n.kind {
                MediaKind::Audio => &local.audio,
                MediaKind::Video => &local.video,
            };
            let _ = write!(sdp, "a=msid:{} {}\r\n", out.stream, out.track);
            let _ = write!(sdp, "a=ssrc:{} cname:{}\r\n", out.ssrc, local.cname);
            let _ = write!(sdp, "a=ssrc:{} msid:{} {}\r\n", out.ssrc, out.stream, out.track);
        }
        for (k, c) in local.candidates.iter().enumerate() {
            let ip = c.ip();
            let _ = write!(
                sdp,
                "a=candidate:{} 1 udp {} {} {} typ host\r\n",
                k + 1,
                host_priority(65535u32.saturating_sub(k as u32)),
                ip,
                c.port()
            );
        }
        sdp.push_str("a=end-of-candidates\r\n");
    }
    Answer { sdp, negotiated: accepted.into_iter().map(|(_, n)| n).collect(), dtls_client }
}

/// Checks a trickled candidate's syntax (`candidate:<foundation> <component> <transport>
/// <priority> <address> <port> typ <type> …`). An ICE-lite server never uses remote candidates
/// (it answers the client's checks), so this is validation only.
pub fn check_candidate(line: &str) -> Result<(), &'static str> {
    let body = line.strip_prefix("a=").unwrap_or(line);
    let body = body.strip_prefix("candidate:").ok_or("not a candidate line")?;
    let f: Vec<&str> = body.split_ascii_whitespace().collect();
    if f.len() < 8 {
        return Err("too few fields");
    }
    f[1].parse::<u16>().map_err(|_| "bad component")?;
    f[3].parse::<u32>().map_err(|_| "bad priority")?;
    f[5].parse::<u16>().map_err(|_| "bad port")?;
    if f[6] != "typ" || !["host", "srflx", "prflx", "relay"].contains(&f[7]) {
        return Err("bad candidate type");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Chromium offer of the shape the agent page makes: audio + video, sendrecv, BUNDLE,
    /// many codecs, RTX, header extensions.
    const CHROME_OFFER: &str = include_str!("testdata/chrome-offer.sdp");

    const FINGERPRINT: &str = "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99";

    fn local<'a>(candidates: &'a [SocketAddr]) -> Local<'a> {
        Local {
            ice_ufrag: "srvUfrag",
            ice_pwd: "serverpasswordserverpassword",
            fingerprint: FINGERPRINT,
            session: (42, 1),
            audio: Outgoing { ssrc: 1111, stream: "customer-stream", track: "customer-audio" },
            video: Outgoing { ssrc: 2222, stream: "customer-stream", track: "customer-video" },
            cname: "sfu",
            candidates,
        }
    }

    #[test]
    fn a_chromium_offer_is_read_for_credentials_fingerprint_and_codecs() {
        let o = Offer::parse(CHROME_OFFER).expect("parses");
        assert_eq!(o.ice_ufrag, "Vq3E");
        assert_eq!(o.ice_pwd, "Yk0e1mY8wZQ0fYH2Ypq8kq3G");
        assert!(o.fingerprint.starts_with("6b:8b:5d"));
        assert_eq!(o.setup, Setup::ActPass);
        assert_eq!(o.sections.len(), 2);
        assert_eq!(o.sections[0].codec_pt(), Some(111));
        assert_eq!(o.sections[1].codec_pt(), Some(96));
    }

    #[test]
    fn the_answer_accepts_opus_and_vp8_ice_lite_passive_with_our_streams_and_candidates() {
        let o = Offer::parse(CHROME_OFFER).expect("parses");
        let cands = ["127.0.0.1:40000".parse().expect("addr")];
        let a = answer(&o, &local(&cands));
        assert!(!a.dtls_client);
        assert_eq!(
            a.negotiated,
            vec![
                Negotiated { kind: MediaKind::Audio, pt: 111, client_sends: true, client_receives: true },
                Negotiated { kind: MediaKind::Video, pt: 96, client_sends: true, client_receives: true },
            ]
        );
        let sdp = &a.sdp;
        for line in [
            "a=ice-lite",
            "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=setup:passive",
            "a=rtcp-rsize",
            "a=rtcp-fb:96 nack pli",
            "a=ssrc:2222 msid:customer-stream customer-video",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
        ] {
            assert!(sdp.lines().any(|l| l == line), "{line} in\n{sdp}");
        }
        assert!(!sdp.contains("transport-cc") && !sdp.contains("rtx") && !sdp.contains("extmap"), "{sdp}");
        // What we answer parses as an offer would (same grammar, our credentials).
        let again = Offer::parse(sdp).expect("the answer is valid SDP");
        assert_eq!(again.ice_ufrag, "srvUfrag");
    }

    #[test]
    fn extra_and_unknown_sections_are_rejected_with_port_zero() {
        let mut sdp = CHROME_OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2 3");
        sdp.push_str("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:2\r\na=rtpmap:96 VP8/90000\r\na=sendrecv\r\n");
        sdp.push_str("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:3\r\n");
        let o = Offer::parse(&sdp).expect("parses");
        let a = answer(&o, &local(&[]));
        assert_eq!(a.negotiated.len(), 2);
        assert!(a.sdp.contains("m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n"));
        assert!(a.sdp.contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel"));
        assert!(a.sdp.contains("a=group:BUNDLE 0 1\r\n"));
    }

    #[test]
    fn a_send_only_offer_is_answered_receive_only_without_our_stream() {
        let sdp = CHROME_OFFER.replace("a=sendrecv", "a=sendonly");
        let a = answer(&Offer::parse(&sdp).expect("parses"), &local(&[]));
        assert!(a.sdp.contains("a=recvonly"));
        assert!(!a.sdp.contains("a=ssrc:"));
        assert!(a.negotiated.iter().all(|n| n.client_sends && !n.client_receives));
    }

    #[test]
    fn a_passive_offerer_makes_us_the_dtls_client() {
        let sdp = CHROME_OFFER.replace("a=setup:actpass", "a=setup:passive");
        let a = answer(&Offer::parse(&sdp).expect("parses"), &local(&[]));
        assert!(a.dtls_client);
        assert!(a.sdp.contains("a=setup:active"));
    }

    #[test]
    fn what_is_not_an_answerable_offer_is_refused_with_a_reason() {
        assert_eq!(Offer::parse("this is not sdp"), Err(OfferError::NotSdp));
        assert_eq!(Offer::parse("v=0\r\n"), Err(OfferError::NotSdp));
        assert_eq!(
            Offer::parse(&CHROME_OFFER.replace("a=ice-pwd:", "a=x-ice-pwd:")),
            Err(OfferError::NoIceCredentials)
        );
        assert_eq!(Offer::parse(&CHROME_OFFER.replace("a=fingerprint:sha-256", "a=fingerprint:sha-1")), Err(OfferError::NoFingerprint));
        let h264_only = CHROME_OFFER.replace("VP8/90000", "VP9/90000").replace("opus/48000/2", "ISAC/16000");
        assert_eq!(Offer::parse(&h264_only), Err(OfferError::NothingToAccept));
        assert_eq!(Offer::parse(&"v=0\r\n".repeat(20_000)), Err(OfferError::TooLarge));
    }

    #[test]
    fn trickled_candidates_are_checked_for_syntax_only() {
        assert!(check_candidate("candidate:842163049 1 udp 1677729535 203.0.113.7 54321 typ srflx raddr 0.0.0.0 rport 0 generation 0").is_ok());
        assert!(check_candidate("candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host").is_ok());
        assert!(check_candidate("candidate:1 1 udp x 127.0.0.1 40000 typ host").is_err());
        assert!(check_candidate("nonsense").is_err());
    }
}
