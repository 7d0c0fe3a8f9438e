//! Engine micro-benchmark (`bench-sfu engine`): what one forwarded packet costs inside a WebRTC
//! engine, without sockets. Two instances of an engine are wired in memory; the sender writes
//! the bench clip's RTP packets, the receiver takes them in. An SFU does exactly one receive
//! (decrypt, parse) and one send (build, encrypt) per forwarded packet, so the CPU time spent in
//! both sides' calls, per packet, is the engine's share of an SFU's cost per forwarded packet.
//! Timed with this thread's CPU clock (`/proc/thread-self/schedstat`), so other processes on the
//! shared machine do not count.
//!
//! Engines: `rtc` 0.21 without interceptors, `rtc` 0.21 with its default interceptors (NACK,
//! reports, TWCC: what our server registers), and `str0m` 0.25 in RTP mode.

use crate::media::Clip;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// Nanoseconds this thread has run on a CPU.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

pub struct Result {
    pub engine: &'static str,
    pub packets: u64,
    pub delivered: u64,
    pub send_ns: u64,
    pub recv_ns: u64,
}

impl Result {
    fn line(&self) -> String {
        let p = self.packets.max(1) as f64;
        format!(
            "engine {:<22} {:>6} packets ({} delivered): send {:.2} µs + receive {:.2} µs = {:.2} µs per forwarded packet",
            self.engine,
            self.packets,
            self.delivered,
            self.send_ns as f64 / p / 1000.0,
            self.recv_ns as f64 / p / 1000.0,
            (self.send_ns + self.recv_ns) as f64 / p / 1000.0
        )
    }
}

mod with_rtc {
    use super::*;
    use rtc::interceptor::Registry;
    use rtc::media_stream::MediaStreamTrack;
    use rtc::peer_connection::configuration::interceptor_registry::register_default_interceptors;
    use rtc::peer_connection::configuration::media_engine::{MediaEngine, MIME_TYPE_VP8};
    use rtc::peer_connection::configuration::RTCConfigurationBuilder;
    use rtc::peer_connection::event::RTCPeerConnectionEvent;
    use rtc::peer_connection::message::RTCMessage;
    use rtc::peer_connection::sdp::RTCSessionDescription;
    use rtc::peer_connection::state::RTCPeerConnectionState;
    use rtc::peer_connection::transport::{
        CandidateConfig, CandidateHostConfig, RTCIceCandidate, RTCIceCandidateInit,
    };
    use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
    use rtc::rtp::header::Header;
    use rtc::rtp::packet::Packet;
    use rtc::rtp_transceiver::rtp_sender::{
        RTCPFeedback, RTCRtpCodec, RTCRtpCodecParameters, RTCRtpCodingParameters,
        RTCRtpEncodingParameters, RtpCodecKind,
    };
    use rtc::sansio::Protocol;
    use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};

    fn codec() -> RTCRtpCodecParameters {
        let fb = |t: &str, p: &str| RTCPFeedback {
            typ: t.into(),
            parameter: p.into(),
        };
        RTCRtpCodecParameters {
            rtp_codec: RTCRtpCodec {
                mime_type: MIME_TYPE_VP8.into(),
                clock_rate: 90_000,
                channels: 0,
                sdp_fmtp_line: String::new(),
                rtcp_feedback: vec![fb("nack", ""), fb("nack", "pli"), fb("transport-cc", "")],
            },
            payload_type: 96,
        }
    }

    fn pc(interceptors: bool, addr: SocketAddr) -> anyhow::Result<RTCPeerConnection> {
        let mut media = MediaEngine::default();
        media.register_codec(codec(), RtpCodecKind::Video)?;
        let registry = if interceptors {
            register_default_interceptors(Registry::new(), &mut media)?
        } else {
            Registry::new()
        };
        let mut pc = RTCPeerConnectionBuilder::new()
            .with_configuration(RTCConfigurationBuilder::new().build())
            .with_media_engine(media)
            .with_interceptor_registry(registry)
            .build(Instant::now())?;
        let c = CandidateHostConfig {
            base_config: CandidateConfig {
                network: "udp".into(),
                address: addr.ip().to_string(),
                port: addr.port(),
                component: 1,
                ..Default::default()
            },
            ..Default::default()
        }
        .new_candidate_host()?;
        pc.add_local_candidate(RTCIceCandidate::from(&c).to_json()?)?;
        pc.add_local_candidate(RTCIceCandidateInit::default())?;
        Ok(pc)
    }

    fn ctx(local: SocketAddr, peer: SocketAddr) -> TransportContext {
        TransportContext {
            local_addr: local,
            peer_addr: peer,
            ecn: None,
            transport_protocol: TransportProtocol::UDP,
        }
    }

    /// Moves every pending datagram of `from` into `to`; returns how many RTP packets `to` read.
    fn pump(
        from: &mut RTCPeerConnection,
        fa: SocketAddr,
        to: &mut RTCPeerConnection,
        ta: SocketAddr,
        now: Instant,
        q: &mut VecDeque<bytes::BytesMut>,
    ) -> u64 {
        while let Some(m) = from.poll_write() {
            q.push_back(m.message);
        }
        let mut n = 0;
        while let Some(d) = q.pop_front() {
            let _ = to.handle_read(TaggedBytesMut {
                now,
                transport: ctx(ta, fa),
                message: d,
            });
            while let Some(m) = to.poll_read() {
                if matches!(m.message, RTCMessage::RtpPacket(..)) {
                    n += 1;
                }
            }
        }
        n
    }

    fn connected(pc: &mut RTCPeerConnection, flag: &mut bool) {
        while let Some(e) = pc.poll_event() {
            if let RTCPeerConnectionEvent::OnConnectionStateChangeEvent(
                RTCPeerConnectionState::Connected,
            ) = e
            {
                *flag = true;
            }
        }
    }

    pub fn run(clip: &Clip, interceptors: bool, packets: u64) -> anyhow::Result<Result> {
        let (aa, ba): (SocketAddr, SocketAddr) =
            ("10.0.0.1:1000".parse()?, "10.0.0.2:2000".parse()?);
        let mut a = pc(interceptors, aa)?;
        let mut b = pc(interceptors, ba)?;
        let ssrc = 0x1234_5678;
        let track = MediaStreamTrack::new(
            "s".into(),
            "v".into(),
            "video".into(),
            RtpCodecKind::Video,
            vec![RTCRtpEncodingParameters {
                rtp_coding_parameters: RTCRtpCodingParameters {
                    ssrc: Some(ssrc),
                    ..Default::default()
                },
                codec: codec().rtp_codec,
                ..Default::default()
            }],
        );
        let sender = a.add_track(track)?;
        let offer = a.create_offer(None)?;
        a.set_local_description(Instant::now(), offer)?;
        let offer = a
            .local_description()
            .map(|d| d.sdp.clone())
            .unwrap_or_default();
        b.set_remote_description(Instant::now(), RTCSessionDescription::offer(offer)?)?;
        let answer = b.create_answer(None)?;
        b.set_local_description(Instant::now(), answer)?;
        let answer = b
            .local_description()
            .map(|d| d.sdp.clone())
            .unwrap_or_default();
        a.set_remote_description(Instant::now(), RTCSessionDescription::answer(answer)?)?;
        let mut q = VecDeque::new();
        let (mut ca, mut cb) = (false, false);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !(ca && cb) {
            anyhow::ensure!(Instant::now() < deadline, "rtc pair did not connect");
            let now = Instant::now();
            for p in [&mut a, &mut b] {
                if p.poll_timeout().is_some_and(|t| t <= now) {
                    let _ = p.handle_timeout(now);
                }
            }
            pump(&mut a, aa, &mut b, ba, now, &mut q);
            pump(&mut b, ba, &mut a, aa, now, &mut q);
            connected(&mut a, &mut ca);
            connected(&mut b, &mut cb);
            std::thread::sleep(Duration::from_millis(1));
        }
        let (mut send_ns, mut recv_ns, mut delivered) = (0, 0, 0);
        let mut seq: u16 = 1;
        let start = Instant::now();
        for i in 0..packets {
            let p = &clip.video.packets[i as usize % clip.video.packets.len()];
            // Media time advances with the clip; `now` is simulated so timers fire as in a call.
            let now = start + Duration::from_micros(i * 1_000_000 / 125);
            let t0 = thread_cpu_ns();
            let packet = Packet {
                header: Header {
                    version: 2,
                    marker: p.marker,
                    payload_type: 96,
                    sequence_number: seq,
                    timestamp: p.ts,
                    ssrc,
                    ..Default::default()
                },
                payload: p.payload.clone(),
            };
            if let Some(mut s) = a.rtp_sender(sender) {
                let _ = s.write_rtp(now, packet);
            }
            while let Some(m) = a.poll_write() {
                q.push_back(m.message);
            }
            let t1 = thread_cpu_ns();
            while let Some(d) = q.pop_front() {
                let _ = b.handle_read(TaggedBytesMut {
                    now,
                    transport: ctx(ba, aa),
                    message: d,
                });
                while let Some(m) = b.poll_read() {
                    if matches!(m.message, RTCMessage::RtpPacket(..)) {
                        delivered += 1;
                    }
                }
            }
            let t2 = thread_cpu_ns();
            send_ns += t1 - t0;
            recv_ns += t2 - t1;
            seq = seq.wrapping_add(1);
            // Timers (reports, NACK scans) and RTCP back to the sender, outside the timing.
            for p in [&mut a, &mut b] {
                if p.poll_timeout().is_some_and(|t| t <= now) {
                    let _ = p.handle_timeout(now);
                }
            }
            pump(&mut b, ba, &mut a, aa, now, &mut q);
            while a.poll_event().is_some() {}
            while b.poll_event().is_some() {}
        }
        Ok(Result {
            engine: if interceptors {
                "rtc 0.21 + interceptors"
            } else {
                "rtc 0.21"
            },
            packets,
            delivered,
            send_ns,
            recv_ns,
        })
    }
}

mod with_str0m {
    use super::*;
    use str0m::media::MediaKind;
    use str0m::net::{Protocol as Proto, Receive};
    use str0m::rtp::{RtpWrite, Ssrc};
    use str0m::{Candidate, Event, Input, Output, Rtc};

    struct Side {
        rtc: Rtc,
        addr: SocketAddr,
    }

    /// Drains `from` to its timeout; datagrams go to `q`, RTP events are counted.
    fn drain(
        from: &mut Side,
        q: &mut VecDeque<(SocketAddr, SocketAddr, Vec<u8>)>,
    ) -> anyhow::Result<(Instant, u64)> {
        let mut n = 0;
        loop {
            match from.rtc.poll_output()? {
                Output::Timeout(t) => return Ok((t, n)),
                Output::Transmit(t) => q.push_back((t.source, t.destination, t.contents.to_vec())),
                Output::Event(Event::RtpPacket(_)) => n += 1,
                Output::Event(e) => {
                    if std::env::var("ENGINE_DEBUG").is_ok() {
                        eprintln!("str0m event: {e:?}");
                    }
                }
            }
        }
    }

    fn deliver(to: &mut Side, now: Instant, from: SocketAddr, data: &[u8]) -> anyhow::Result<()> {
        let input = Input::Receive(
            now,
            Receive {
                proto: Proto::Udp,
                source: from,
                destination: to.addr,
                contents: data.try_into()?,
            },
        );
        to.rtc.handle_input(input)?;
        Ok(())
    }

    pub fn run(clip: &Clip, packets: u64) -> anyhow::Result<Result> {
        str0m::crypto::from_feature_flags().install_process_default();
        let t0 = Instant::now();
        let mut l = Side {
            rtc: Rtc::builder().set_rtp_mode(true).build(t0),
            addr: "10.0.0.1:1000".parse()?,
        };
        let mut r = Side {
            rtc: Rtc::builder().set_rtp_mode(true).build(t0),
            addr: "10.0.0.2:2000".parse()?,
        };
        let (hl, hr) = (
            Candidate::host(l.addr, "udp")?,
            Candidate::host(r.addr, "udp")?,
        );
        l.rtc.add_local_candidate(hl.clone());
        l.rtc.add_remote_candidate(hr.clone());
        r.rtc.add_local_candidate(hr);
        r.rtc.add_remote_candidate(hl);
        let (fl, fr) = (
            l.rtc.direct_api().local_dtls_fingerprint().clone(),
            r.rtc.direct_api().local_dtls_fingerprint().clone(),
        );
        l.rtc.direct_api().set_remote_fingerprint(fr);
        r.rtc.direct_api().set_remote_fingerprint(fl);
        let (cl, cr) = (
            l.rtc.direct_api().local_ice_credentials(),
            r.rtc.direct_api().local_ice_credentials(),
        );
        l.rtc.direct_api().set_remote_ice_credentials(cr);
        r.rtc.direct_api().set_remote_ice_credentials(cl);
        l.rtc.direct_api().set_ice_controlling(true);
        r.rtc.direct_api().set_ice_controlling(false);
        l.rtc.direct_api().start_dtls(true)?;
        r.rtc.direct_api().start_dtls(false)?;
        let mid = "vid".into();
        let ssrc: Ssrc = 42.into();
        l.rtc.direct_api().declare_media(mid, MediaKind::Video);
        l.rtc.direct_api().declare_stream_tx(ssrc, None, mid, None);
        r.rtc.direct_api().declare_media(mid, MediaKind::Video);
        r.rtc.direct_api().expect_stream_rx(ssrc, None, mid, None);
        let mut q = VecDeque::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut now = t0;
        while !(l.rtc.is_connected() && r.rtc.is_connected()) {
            anyhow::ensure!(Instant::now() < deadline, "str0m pair did not connect");
            now += Duration::from_millis(5);
            l.rtc.handle_input(Input::Timeout(now))?;
            drain(&mut l, &mut q)?;
            r.rtc.handle_input(Input::Timeout(now))?;
            let mut qr = VecDeque::new();
            drain(&mut r, &mut qr)?;
            // Ping-pong until neither side has anything more to send.
            while !(q.is_empty() && qr.is_empty()) {
                while let Some((src, _, d)) = q.pop_front() {
                    deliver(&mut r, now, src, &d)?;
                    drain(&mut r, &mut qr)?;
                }
                while let Some((src, _, d)) = qr.pop_front() {
                    deliver(&mut l, now, src, &d)?;
                    drain(&mut l, &mut q)?;
                }
            }
        }
        let pt = l
            .rtc
            .codec_config()
            .find(|p| p.spec().codec == str0m::format::Codec::Vp8)
            .map(|p| p.pt())
            .ok_or_else(|| anyhow::anyhow!("no VP8 pt"))?;
        let (mut send_ns, mut recv_ns, mut delivered) = (0, 0, 0);
        let start = now;
        let mut back = VecDeque::new();
        for i in 0..packets {
            let p = &clip.video.packets[i as usize % clip.video.packets.len()];
            now = start + Duration::from_micros(i * 1_000_000 / 125);
            let t0 = thread_cpu_ns();
            if let Some(tx) = l.rtc.direct_api().stream_tx(&ssrc) {
                tx.write_rtp(
                    RtpWrite::new(pt, (i + 1).into(), p.ts, now, p.payload.to_vec())
                        .marker(p.marker)
                        .nackable(true),
                );
            }
            drain(&mut l, &mut q)?;
            // str0m paces: the packet leaves on the timeout that follows the write.
            l.rtc.handle_input(Input::Timeout(now))?;
            drain(&mut l, &mut q)?;
            let t1 = thread_cpu_ns();
            while let Some((src, _, d)) = q.pop_front() {
                deliver(&mut r, now, src, &d)?;
                delivered += drain(&mut r, &mut back)?.1;
            }
            let t2 = thread_cpu_ns();
            send_ns += t1 - t0;
            recv_ns += t2 - t1;
            // Timers and RTCP back to the sender, outside the timing.
            r.rtc.handle_input(Input::Timeout(now))?;
            drain(&mut r, &mut back)?;
            while let Some((src, _, d)) = back.pop_front() {
                deliver(&mut l, now, src, &d)?;
                drain(&mut l, &mut VecDeque::new())?;
            }
        }
        Ok(Result {
            engine: "str0m 0.24",
            packets,
            delivered,
            send_ns,
            recv_ns,
        })
    }
}

pub fn run() -> anyhow::Result<()> {
    let clip = crate::media::load()?;
    let packets: u64 = std::env::var("ENGINE_PACKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    for r in [
        with_rtc::run(&clip, false, packets)?,
        with_rtc::run(&clip, true, packets)?,
        with_str0m::run(&clip, packets)?,
    ] {
        println!("{}", r.line());
    }
    Ok(())
}
