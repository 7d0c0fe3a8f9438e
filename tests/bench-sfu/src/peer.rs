//! One client-side peer connection ("leg"), on the sans-IO `rtc` crate with its own UDP socket.
//!
//! The load generator runs every party of every call on one thread, so each leg is just state
//! plus a socket; the party task (`party.rs`) drives the legs it owns. No interceptors are
//! registered: the clients neither retransmit nor send reports, which keeps them cheap and is
//! the same for both SFUs.

use rtc::interceptor::Registry;
use rtc::media_stream::MediaStreamTrack;
use rtc::peer_connection::configuration::media_engine::{
    MediaEngine, MIME_TYPE_OPUS, MIME_TYPE_VP8,
};
use rtc::peer_connection::configuration::RTCConfigurationBuilder;
use rtc::peer_connection::sdp::RTCSessionDescription;
use rtc::peer_connection::transport::{
    CandidateConfig, CandidateHostConfig, RTCIceCandidate, RTCIceCandidateInit,
};
use rtc::peer_connection::{RTCPeerConnection, RTCPeerConnectionBuilder};
use rtc::rtp_transceiver::rtp_sender::{
    RTCPFeedback, RTCRtpCodec, RTCRtpCodecParameters, RTCRtpCodingParameters,
    RTCRtpEncodingParameters, RtpCodecKind,
};
use rtc::rtp_transceiver::RTCRtpSenderId;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;
use tokio::net::UdpSocket;

pub const VIDEO_PT: u8 = 96;
pub const AUDIO_PT: u8 = 111;

fn video_codec() -> RTCRtpCodecParameters {
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
            rtcp_feedback: vec![fb("ccm", "fir"), fb("nack", ""), fb("nack", "pli")],
        },
        payload_type: VIDEO_PT,
    }
}

fn audio_codec() -> RTCRtpCodecParameters {
    RTCRtpCodecParameters {
        rtp_codec: RTCRtpCodec {
            mime_type: MIME_TYPE_OPUS.into(),
            clock_rate: 48_000,
            channels: 2,
            sdp_fmtp_line: "minptime=10;useinbandfec=1".into(),
            rtcp_feedback: vec![],
        },
        payload_type: AUDIO_PT,
    }
}

/// What a leg sends on: the sender and the SSRC of one medium.
#[derive(Clone, Copy)]
pub struct Tx {
    pub sender: RTCRtpSenderId,
    pub ssrc: u32,
}

pub struct Leg {
    pub pc: RTCPeerConnection,
    pub sock: UdpSocket,
    pub local: SocketAddr,
    pub video: Option<Tx>,
    pub audio: Option<Tx>,
    pub connected: bool,
    pub failed: bool,
}

impl Leg {
    /// A leg bound to `ip`; with `publish`, it carries an audio and a video track.
    pub async fn new(ip: IpAddr, publish: bool) -> anyhow::Result<Leg> {
        let sock = UdpSocket::bind(SocketAddr::new(ip, 0)).await?;
        let local = sock.local_addr()?;
        let mut media = MediaEngine::default();
        media.register_codec(video_codec(), RtpCodecKind::Video)?;
        media.register_codec(audio_codec(), RtpCodecKind::Audio)?;
        let mut pc = RTCPeerConnectionBuilder::new()
            .with_configuration(RTCConfigurationBuilder::new().build())
            .with_media_engine(media)
            .with_interceptor_registry(Registry::new())
            .build(Instant::now())?;
        let (mut video, mut audio) = (None, None);
        if publish {
            for (kind, codec) in [
                (RtpCodecKind::Audio, audio_codec()),
                (RtpCodecKind::Video, video_codec()),
            ] {
                let ssrc: u32 = rand::random();
                let label = if kind == RtpCodecKind::Video {
                    "video"
                } else {
                    "audio"
                };
                let track = MediaStreamTrack::new(
                    "bench".to_owned(),
                    format!("bench-{label}"),
                    label.to_owned(),
                    kind,
                    vec![RTCRtpEncodingParameters {
                        rtp_coding_parameters: RTCRtpCodingParameters {
                            ssrc: Some(ssrc),
                            ..Default::default()
                        },
                        codec: codec.rtp_codec.clone(),
                        ..Default::default()
                    }],
                );
                let sender = pc.add_track(track)?;
                let tx = Some(Tx { sender, ssrc });
                if kind == RtpCodecKind::Video {
                    video = tx
                } else {
                    audio = tx
                }
            }
        }
        let mut leg = Leg {
            pc,
            sock,
            local,
            video,
            audio,
            connected: false,
            failed: false,
        };
        let candidate = leg.local_candidate()?;
        leg.pc.add_local_candidate(candidate)?;
        leg.pc.add_local_candidate(RTCIceCandidateInit::default())?;
        Ok(leg)
    }

    /// The leg's one host candidate, for trickling.
    pub fn local_candidate(&self) -> anyhow::Result<RTCIceCandidateInit> {
        let c = CandidateHostConfig {
            base_config: CandidateConfig {
                network: "udp".to_owned(),
                address: self.local.ip().to_string(),
                port: self.local.port(),
                component: 1,
                ..Default::default()
            },
            ..Default::default()
        }
        .new_candidate_host()?;
        Ok(RTCIceCandidate::from(&c).to_json()?)
    }

    pub fn offer(&mut self) -> anyhow::Result<String> {
        let offer = self.pc.create_offer(None)?;
        self.pc.set_local_description(Instant::now(), offer)?;
        Ok(self
            .pc
            .local_description()
            .map(|d| d.sdp.clone())
            .unwrap_or_default())
    }

    pub fn accept_answer(&mut self, sdp: &str) -> anyhow::Result<()> {
        self.pc.set_remote_description(
            Instant::now(),
            RTCSessionDescription::answer(sdp.to_owned())?,
        )?;
        Ok(())
    }

    pub fn answer(&mut self, offer_sdp: &str) -> anyhow::Result<String> {
        self.pc.set_remote_description(
            Instant::now(),
            RTCSessionDescription::offer(offer_sdp.to_owned())?,
        )?;
        let answer = self.pc.create_answer(None)?;
        self.pc.set_local_description(Instant::now(), answer)?;
        Ok(self
            .pc
            .local_description()
            .map(|d| d.sdp.clone())
            .unwrap_or_default())
    }
}
