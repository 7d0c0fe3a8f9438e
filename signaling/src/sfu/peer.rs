//! One participant's peer connection with the server.

use super::room::{MediaRoom, RoomInner};
use domain::MediaKind;
use super::rtcp_filter::KeyframeRequestFilter;
use super::{MediaConfig, PeerEvent, SfuError, to_candidate};
use super::Candidate;
use domain::Party;
use rtc::interceptor::{Registry, Slot};
use rtc::media_stream::{MediaStreamTrack, MediaStreamTrackId, MediaStreamId};
use rtc::peer_connection::configuration::interceptor_registry::register_default_interceptors;
use rtc::peer_connection::configuration::media_engine::{MIME_TYPE_OPUS, MIME_TYPE_VP8, MediaEngine};
use rtc::rtp_transceiver::rtp_sender::{
    RTCPFeedback, RTCRtpCodec, RTCRtpCodecParameters, RTCRtpCodingParameters, RTCRtpEncodingParameters,
    RtpCodecKind,
};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use tokio::sync::mpsc;
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_remote::TrackRemote;
use webrtc::peer_connection::{
    PeerConnection, PeerConnectionBuilder, PeerConnectionEventHandler, RTCConfigurationBuilder,
    RTCIceCandidateInit, RTCIceCandidateType, RTCPeerConnectionIceEvent, RTCPeerConnectionState,
    RTCSessionDescription, SettingEngineBuilder,
};

static GENERATION: AtomicU64 = AtomicU64::new(1);

/// A participant's peer connection on the `webrtc` crate. Dropping it without `close` still
/// closes the connection (the crate's driver ends when the last handle goes), but `close` is
/// prompt.
pub(super) struct WebrtcPeer {
    pc: Arc<dyn PeerConnection>,
    role: Party,
    generation: u64,
    room: Arc<RoomInner>,
}

fn video_codec() -> RTCRtpCodecParameters {
    let fb = |typ: &str, parameter: &str| RTCPFeedback { typ: typ.to_owned(), parameter: parameter.to_owned() };
    RTCRtpCodecParameters {
        rtp_codec: RTCRtpCodec {
            mime_type: MIME_TYPE_VP8.to_owned(),
            clock_rate: 90_000,
            channels: 0,
            sdp_fmtp_line: String::new(),
            rtcp_feedback: vec![fb("goog-remb", ""), fb("ccm", "fir"), fb("nack", ""), fb("nack", "pli"), fb("transport-cc", "")],
        },
        payload_type: 96,
    }
}

fn audio_codec() -> RTCRtpCodecParameters {
    RTCRtpCodecParameters {
        rtp_codec: RTCRtpCodec {
            mime_type: MIME_TYPE_OPUS.to_owned(),
            clock_rate: 48_000,
            channels: 2,
            sdp_fmtp_line: "minptime=10;useinbandfec=1".to_owned(),
            rtcp_feedback: vec![],
        },
        payload_type: 111,
    }
}

fn engine_err(e: impl std::fmt::Display) -> SfuError {
    SfuError::Engine(e.to_string())
}

struct Handler {
    role: Party,
    generation: u64,
    room: Weak<RoomInner>,
    events: mpsc::UnboundedSender<PeerEvent>,
    outputs: Vec<Arc<TrackLocalStaticRTP>>,
    feedback_started: AtomicBool,
}

#[async_trait::async_trait]
impl PeerConnectionEventHandler for Handler {
    async fn on_ice_candidate(&self, event: RTCPeerConnectionIceEvent) {
        if let Ok(init) = event.candidate.to_json() {
            let _ = self.events.send(PeerEvent::LocalCandidate(to_candidate(init)));
        }
    }

    async fn on_connection_state_change(&self, state: RTCPeerConnectionState) {
        let _ = self.events.send(PeerEvent::State(super::MediaState::from_engine(state)));
        if state != RTCPeerConnectionState::Connected {
            return;
        }
        let Some(room) = self.room.upgrade() else { return };
        // Output tracks are bound only now; their feedback stream exists from here on.
        if !self.feedback_started.swap(true, Ordering::SeqCst) {
            for track in &self.outputs {
                tokio::spawn(room.clone().relay_feedback(self.role, track.clone()));
            }
        }
        // A subscriber that (re)connects needs a keyframe to start decoding.
        room.subscriber_connected(self.role).await;
    }

    async fn on_track(&self, track: Arc<dyn TrackRemote>) {
        if let Some(room) = self.room.upgrade() {
            tokio::spawn(room.publish(self.role, self.generation, track));
        }
    }
}

impl WebrtcPeer {
    /// Builds the peer connection of `role` in `room`, with one output track per kind that
    /// carries the other party's media. Events (local candidates, state) go to `events`.
    pub(super) async fn connect(
        room: &MediaRoom,
        role: Party,
        config: &MediaConfig,
        events: mpsc::UnboundedSender<PeerEvent>,
    ) -> Result<WebrtcPeer, SfuError> {
        let generation = GENERATION.fetch_add(1, Ordering::Relaxed);
        let mut media = MediaEngine::default();
        media.register_codec(video_codec(), RtpCodecKind::Video).map_err(engine_err)?;
        media.register_codec(audio_codec(), RtpCodecKind::Audio).map_err(engine_err)?;
        let registry = register_default_interceptors(Registry::new(), &mut media).map_err(engine_err)?;
        // Last in the chain so the built-in interceptors see all RTCP first.
        let registry = registry.with(Slot::from(14_000), KeyframeRequestFilter::default());

        // An SFU never resolves or announces mDNS names (and the per-peer multicast socket fails
        // where no multicast route exists).
        let mut settings = SettingEngineBuilder::default()
            .with_multicast_dns_mode(rtc::ice::mdns::MulticastDnsMode::Disabled)
            .with_include_loopback_candidate(config.udp_ips.iter().any(|ip| ip.is_loopback()))
            // Connectivity checks every 20 ms instead of 200 ms, with as many attempts (70) so a
            // pair still gets 1.4 s: the checks of a fresh connection are what a joiner waits for.
            .with_ice_connection_attempts(Some(std::time::Duration::from_millis(20)), Some(70));
        if !config.nat_1to1_ips.is_empty() {
            settings = settings.with_nat_1to1_ips(
                config.nat_1to1_ips.iter().map(|ip| ip.to_string()).collect(),
                RTCIceCandidateType::Host,
            );
        }

        let mut outputs = Vec::new();
        let mut kinds = Vec::new();
        for (kind, codec) in [(MediaKind::Audio, audio_codec()), (MediaKind::Video, video_codec())] {
            let ssrc: u32 = rand::random();
            let codec_kind = if kind == MediaKind::Audio { RtpCodecKind::Audio } else { RtpCodecKind::Video };
            let track = Arc::new(TrackLocalStaticRTP::new(MediaStreamTrack::new(
                MediaStreamId::from(format!("{}-stream", role.other().as_ref())),
                MediaStreamTrackId::from(format!("{}-{}", role.other().as_ref(), kind.as_ref())),
                format!("{} {}", role.other().as_ref(), kind.as_ref()),
                codec_kind,
                vec![RTCRtpEncodingParameters {
                    rtp_coding_parameters: RTCRtpCodingParameters { ssrc: Some(ssrc), ..Default::default() },
                    codec: codec.rtp_codec.clone(),
                    ..Default::default()
                }],
            )));
            outputs.push(track.clone());
            kinds.push((kind, track, ssrc));
        }

        let handler = Arc::new(Handler {
            role,
            generation,
            room: Arc::downgrade(&room.inner),
            events,
            outputs,
            feedback_started: AtomicBool::new(false),
        });
        let addrs: Vec<String> = config.udp_ips.iter().map(|ip| std::net::SocketAddr::new(*ip, 0).to_string()).collect();
        let pc = PeerConnectionBuilder::new()
            .with_configuration(RTCConfigurationBuilder::new().build())
            .with_media_engine(media)
            .with_interceptor_registry(registry)
            .with_setting_engine(settings.build())
            .with_handler(handler)
            .with_udp_addrs(addrs)
            .build()
            .await
            .map_err(engine_err)?;
        let pc: Arc<dyn PeerConnection> = Arc::new(pc);
        for (kind, track, ssrc) in kinds {
            pc.add_track(track.clone() as Arc<dyn TrackLocal>).await.map_err(engine_err)?;
            room.inner.set_output(role, kind, generation, track, ssrc);
        }
        Ok(WebrtcPeer { pc, role, generation, room: room.inner.clone() })
    }

    /// Applies a client's offer (first, renegotiation or ICE restart) and returns the answer.
    pub(super) async fn answer(&self, offer_sdp: String) -> Result<String, SfuError> {
        let offer = RTCSessionDescription::offer(offer_sdp).map_err(|e| SfuError::BadOffer(e.to_string()))?;
        self.pc.set_remote_description(offer).await.map_err(|e| SfuError::BadOffer(e.to_string()))?;
        let answer = self.pc.create_answer(None).await.map_err(|e| SfuError::BadOffer(e.to_string()))?;
        self.pc.set_local_description(answer).await.map_err(engine_err)?;
        let local = self.pc.local_description().await.ok_or_else(|| engine_err("no local description"))?;
        Ok(local.sdp)
    }

    pub(super) async fn add_candidate(&self, c: Candidate) -> Result<(), SfuError> {
        let init = RTCIceCandidateInit {
            candidate: c.candidate,
            sdp_mid: c.sdp_mid,
            sdp_mline_index: c.sdp_mline_index,
            username_fragment: c.username_fragment,
            ..Default::default()
        };
        self.pc.add_ice_candidate(init).await.map_err(|e| SfuError::BadCandidate(e.to_string()))
    }

    /// Closes the connection and forgets its tracks; the forwarding tasks end with it.
    pub(super) async fn close(self) {
        self.room.remove_generation(self.role, self.generation);
        let _ = self.pc.close().await;
        // The last packets reach the recorder before the call can end.
        self.room.flush_taps();
    }
}
