//! A WebRTC test client that joins a call the way the browser page does: signaling over the
//! WebSocket, one peer connection with the server, VP8 + Opus sent from encoded test media,
//! and counters of what arrives.

use crate::media::test_media;
use futures::{SinkExt, StreamExt};
use rtc::interceptor::Registry;
use rtc::media::Sample;
use rtc::media_stream::{MediaStreamId, MediaStreamTrack, MediaStreamTrackId};
use rtc::peer_connection::configuration::interceptor_registry::register_default_interceptors;
use rtc::peer_connection::configuration::media_engine::{MIME_TYPE_OPUS, MIME_TYPE_VP8, MediaEngine};
use rtc::rtp_transceiver::rtp_sender::{
    RTCPFeedback, RTCRtpCodec, RTCRtpCodecParameters, RTCRtpCodingParameters, RTCRtpEncodingParameters, RtpCodecKind,
};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_local::static_sample::TrackLocalStaticSample;
use webrtc::media_stream::track_remote::{TrackRemote, TrackRemoteEvent};
use webrtc::peer_connection::{
    PeerConnection, PeerConnectionBuilder, PeerConnectionEventHandler, RTCConfigurationBuilder, RTCIceCandidateInit,
    RTCPeerConnectionIceEvent, RTCPeerConnectionState, RTCSessionDescription, SettingEngineBuilder,
};

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The origin the test servers accept (their `public_url`); browsers send it, so we do too.
pub const ORIGIN: &str = "http://kyc.test";

/// Who joins a call: a customer by their link's token, or a signed-in agent by the session id
/// (the agent is whoever the staff cookie belongs to).
#[derive(Debug, Clone)]
pub enum Credential {
    Customer(String),
    Agent { session: String, cookie: String },
}

impl Credential {
    fn join_message(&self) -> Value {
        match self {
            Credential::Customer(token) => json!({"type": "join", "token": token, "protocol": 1}),
            Credential::Agent { session, .. } => json!({"type": "join", "session_id": session, "protocol": 1}),
        }
    }

    fn cookie(&self) -> Option<&str> {
        match self {
            Credential::Customer(_) => None,
            Credential::Agent { cookie, .. } => Some(cookie),
        }
    }
}

/// Opens a WebSocket with our `Origin` and, for agents, the staff cookie.
pub async fn open_socket(url: &str, cookie: Option<&str>) -> anyhow::Result<Ws> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = url.into_client_request()?;
    req.headers_mut().insert("origin", ORIGIN.parse()?);
    if let Some(c) = cookie {
        req.headers_mut().insert("cookie", format!("vkyc_staff={c}").parse()?);
    }
    Ok(tokio_tungstenite::connect_async(req).await?.0)
}

/// A bare signaling connection, for protocol tests that need no media.
pub struct Signal {
    ws: Ws,
}

impl Signal {
    pub async fn connect(url: &str) -> Signal {
        Signal { ws: open_socket(url, None).await.expect("websocket connects") }
    }

    pub async fn connect_as(url: &str, credential: &Credential) -> Signal {
        Signal { ws: open_socket(url, credential.cookie()).await.expect("websocket connects") }
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::Text(text.into())).await.expect("send");
    }

    pub async fn send(&mut self, v: Value) {
        self.send_text(&v.to_string()).await;
    }

    /// The next JSON message within `secs`, or None if the socket closed or stayed silent.
    pub async fn recv(&mut self, secs: u64) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let frame = tokio::time::timeout_at(deadline, self.ws.next()).await.ok()??;
            match frame.ok()? {
                Message::Text(t) => return serde_json::from_str(t.as_str()).ok(),
                Message::Close(_) => return None,
                _ => continue,
            }
        }
    }

    /// Skips messages until one of type `t` arrives.
    pub async fn recv_type(&mut self, t: &str, secs: u64) -> Option<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            let left = deadline.saturating_duration_since(Instant::now()).as_secs().max(1);
            let m = self.recv(left).await?;
            if m["type"] == t {
                return Some(m);
            }
        }
        None
    }

    pub async fn join(&mut self, credential: &Credential) -> Value {
        self.send(credential.join_message()).await;
        self.recv(10).await.expect("a reply to join")
    }
}

/// What the client has received from the other party.
#[derive(Default)]
pub struct Received {
    pub video_packets: AtomicU64,
    /// Completed video frames (RTP marker bit).
    pub video_frames: AtomicU64,
    pub audio_packets: AtomicU64,
    pub first_frame_at: Mutex<Option<Instant>>,
    /// The incoming video track, to send keyframe requests on.
    video_track: Mutex<Option<Arc<dyn TrackRemote>>>,
}

impl Received {
    pub fn frames(&self) -> u64 {
        self.video_frames.load(Ordering::Relaxed)
    }
    pub fn audio(&self) -> u64 {
        self.audio_packets.load(Ordering::Relaxed)
    }
}

struct Handler {
    out: mpsc::UnboundedSender<String>,
    received: Arc<Received>,
    state: mpsc::UnboundedSender<RTCPeerConnectionState>,
}

#[async_trait::async_trait]
impl PeerConnectionEventHandler for Handler {
    async fn on_ice_candidate(&self, event: RTCPeerConnectionIceEvent) {
        if let Ok(c) = event.candidate.to_json() {
            let msg = json!({"type": "candidate", "candidate": {"candidate": c.candidate, "sdpMid": c.sdp_mid, "sdpMLineIndex": c.sdp_mline_index}});
            let _ = self.out.send(msg.to_string());
        }
    }

    async fn on_connection_state_change(&self, state: RTCPeerConnectionState) {
        let _ = self.state.send(state);
    }

    async fn on_track(&self, track: Arc<dyn TrackRemote>) {
        let received = self.received.clone();
        tokio::spawn(async move {
            let video = track.kind().await == RtpCodecKind::Video;
            if video {
                *received.video_track.lock().unwrap_or_else(|e| e.into_inner()) = Some(track.clone());
            }
            while let Some(event) = track.poll().await {
                let TrackRemoteEvent::OnRtpPacket(p) = event else { continue };
                if video {
                    received.video_packets.fetch_add(1, Ordering::Relaxed);
                    if p.header.marker {
                        received.video_frames.fetch_add(1, Ordering::Relaxed);
                        let mut first = received.first_frame_at.lock().unwrap_or_else(|e| e.into_inner());
                        first.get_or_insert_with(Instant::now);
                    }
                } else {
                    received.audio_packets.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
    }
}

/// A participant in a call.
pub struct CallClient {
    pub received: Arc<Received>,
    /// Server messages other than answer/candidate, in order.
    pub messages: mpsc::UnboundedReceiver<Value>,
    pub joined: Value,
    out: mpsc::UnboundedSender<String>,
    pc: Arc<dyn PeerConnection>,
    states: mpsc::UnboundedReceiver<RTCPeerConnectionState>,
    tasks: Vec<JoinHandle<()>>,
    pub started: Instant,
}

fn codecs() -> (RTCRtpCodecParameters, RTCRtpCodecParameters) {
    let fb = |t: &str, p: &str| RTCPFeedback { typ: t.into(), parameter: p.into() };
    let video = RTCRtpCodecParameters {
        rtp_codec: RTCRtpCodec {
            mime_type: MIME_TYPE_VP8.into(),
            clock_rate: 90_000,
            channels: 0,
            sdp_fmtp_line: String::new(),
            rtcp_feedback: vec![fb("ccm", "fir"), fb("nack", ""), fb("nack", "pli")],
        },
        payload_type: 96,
    };
    let audio = RTCRtpCodecParameters {
        rtp_codec: RTCRtpCodec {
            mime_type: MIME_TYPE_OPUS.into(),
            clock_rate: 48_000,
            channels: 2,
            sdp_fmtp_line: "minptime=10;useinbandfec=1".into(),
            rtcp_feedback: vec![],
        },
        payload_type: 111,
    };
    (video, audio)
}

fn sample_track(kind: RtpCodecKind, codec: &RTCRtpCodecParameters, ssrc: u32) -> Arc<TrackLocalStaticSample> {
    let label = if kind == RtpCodecKind::Video { "video" } else { "audio" };
    let track = MediaStreamTrack::new(
        MediaStreamId::from("test-client".to_owned()),
        MediaStreamTrackId::from(format!("test-{label}")),
        label.to_owned(),
        kind,
        vec![RTCRtpEncodingParameters {
            rtp_coding_parameters: RTCRtpCodingParameters { ssrc: Some(ssrc), ..Default::default() },
            codec: codec.rtp_codec.clone(),
            ..Default::default()
        }],
    );
    Arc::new(TrackLocalStaticSample::new(Instant::now(), track).expect("sample track"))
}

/// How the client connects its media.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientOptions {
    /// Use only TURN relay candidates, with the ICE servers the server handed out in `joined`
    /// (as a browser behind a strict firewall would).
    pub relay_only: bool,
}

fn ice_servers_from(joined: &Value) -> Vec<webrtc::peer_connection::RTCIceServer> {
    joined["ice_servers"]
        .as_array()
        .map(|servers| {
            servers
                .iter()
                .map(|s| webrtc::peer_connection::RTCIceServer {
                    urls: s["urls"].as_array().map(|u| u.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default(),
                    username: s["username"].as_str().unwrap_or_default().to_owned(),
                    credential: s["credential"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

impl CallClient {
    /// Joins with `credential`, negotiates media and starts sending. Returns once the server
    /// has answered `joined`; media connects in the background.
    pub async fn join(ws_url: &str, credential: &Credential) -> anyhow::Result<CallClient> {
        Self::join_with(ws_url, credential, ClientOptions::default()).await
    }

    pub async fn join_with(ws_url: &str, credential: &Credential, options: ClientOptions) -> anyhow::Result<CallClient> {
        let ws = open_socket(ws_url, credential.cookie()).await?;
        let (mut sink, mut stream) = ws.split();
        let (out, mut out_rx) = mpsc::unbounded_channel::<String>();
        let (msg_tx, mut messages) = mpsc::unbounded_channel::<Value>();
        let (sdp_tx, mut sdp_rx) = mpsc::unbounded_channel::<Value>();
        let mut tasks = Vec::new();
        tasks.push(tokio::spawn(async move {
            while let Some(text) = out_rx.recv().await {
                if sink.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            let _ = sink.close().await;
        }));
        tasks.push(tokio::spawn(async move {
            while let Some(Ok(frame)) = stream.next().await {
                let Message::Text(t) = frame else { continue };
                let Ok(v) = serde_json::from_str::<Value>(t.as_str()) else { continue };
                let to = if v["type"] == "answer" || v["type"] == "candidate" { &sdp_tx } else { &msg_tx };
                let _ = to.send(v);
            }
        }));
        out.send(credential.join_message().to_string())?;
        let joined = tokio::time::timeout(Duration::from_secs(10), messages.recv())
            .await?
            .ok_or_else(|| anyhow::anyhow!("socket closed before joined"))?;
        if joined["type"] != "joined" {
            anyhow::bail!("join refused: {joined}");
        }

        let (video_codec, audio_codec) = codecs();
        let mut media = MediaEngine::default();
        media.register_codec(video_codec.clone(), RtpCodecKind::Video)?;
        media.register_codec(audio_codec.clone(), RtpCodecKind::Audio)?;
        let registry = register_default_interceptors(Registry::new(), &mut media)?;
        let received = Arc::new(Received::default());
        let (state_tx, states) = mpsc::unbounded_channel();
        let handler = Arc::new(Handler { out: out.clone(), received: received.clone(), state: state_tx });
        let mut configuration = RTCConfigurationBuilder::new().with_ice_servers(ice_servers_from(&joined));
        if options.relay_only {
            configuration = configuration.with_ice_transport_policy(webrtc::peer_connection::RTCIceTransportPolicy::Relay);
        }
        let pc = PeerConnectionBuilder::new()
            .with_configuration(configuration.build())
            .with_media_engine(media)
            .with_interceptor_registry(registry)
            .with_setting_engine(SettingEngineBuilder::default().with_include_loopback_candidate(true).build())
            .with_handler(handler)
            .with_udp_addrs(vec!["127.0.0.1:0".to_owned()])
            .build()
            .await?;
        let pc: Arc<dyn PeerConnection> = Arc::new(pc);
        let video_ssrc: u32 = rand::random();
        let audio_ssrc: u32 = rand::random();
        let video = sample_track(RtpCodecKind::Video, &video_codec, video_ssrc);
        let audio = sample_track(RtpCodecKind::Audio, &audio_codec, audio_ssrc);
        pc.add_track(video.clone() as Arc<dyn TrackLocal>).await?;
        pc.add_track(audio.clone() as Arc<dyn TrackLocal>).await?;

        let offer = pc.create_offer(None).await?;
        pc.set_local_description(offer).await?;
        let sdp = pc.local_description().await.map(|d| d.sdp).unwrap_or_default();
        out.send(json!({"type": "offer", "sdp": sdp}).to_string())?;

        let pc2 = pc.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(v) = sdp_rx.recv().await {
                if v["type"] == "answer" {
                    if let Ok(answer) = RTCSessionDescription::answer(v["sdp"].as_str().unwrap_or_default().to_owned()) {
                        let _ = pc2.set_remote_description(answer).await;
                    }
                } else if let Some(c) = v["candidate"]["candidate"].as_str() {
                    let init = RTCIceCandidateInit {
                        candidate: c.to_owned(),
                        sdp_mid: v["candidate"]["sdpMid"].as_str().map(str::to_owned),
                        sdp_mline_index: v["candidate"]["sdpMLineIndex"].as_u64().map(|i| i as u16),
                        ..Default::default()
                    };
                    let _ = pc2.add_ice_candidate(init).await;
                }
            }
        }));
        tasks.push(tokio::spawn(send_video(video, video_ssrc)));
        tasks.push(tokio::spawn(send_audio(audio, audio_ssrc)));
        Ok(CallClient { received, messages, joined, out, pc, states, tasks, started: Instant::now() })
    }

    /// Waits until the media connection reaches `connected`.
    pub async fn connected(&mut self, secs: u64) -> bool {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        while let Ok(Some(state)) = tokio::time::timeout_at(deadline, self.states.recv()).await {
            if state == RTCPeerConnectionState::Connected {
                return true;
            }
        }
        false
    }

    /// Waits until at least `frames` video frames have arrived; returns the time waited.
    pub async fn wait_frames(&self, frames: u64, secs: u64) -> Option<Duration> {
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(secs) {
            if self.received.frames() >= frames {
                return Some(t0.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// Sends a picture loss indication for the incoming video, as a decoder that lost sync does.
    pub async fn request_keyframe(&self) -> anyhow::Result<()> {
        let track = self.received.video_track.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let track = track.ok_or_else(|| anyhow::anyhow!("no incoming video yet"))?;
        let media_ssrc = track.ssrcs().await.first().copied().unwrap_or_default();
        let pli = rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication { sender_ssrc: 0, media_ssrc };
        track.write_rtcp(vec![Box::new(pli)]).await?;
        Ok(())
    }

    /// Next non-media server message of type `t`.
    pub async fn message(&mut self, t: &str, secs: u64) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        while let Ok(Some(m)) = tokio::time::timeout_at(deadline, self.messages.recv()).await {
            if m["type"] == t {
                return Some(m);
            }
        }
        None
    }

    /// Restarts ICE the way a browser's `restartIce()` does: a new offer with fresh credentials.
    /// Returns the ICE username fragment the new offer carries.
    pub async fn restart_ice(&self) -> anyhow::Result<String> {
        self.pc.restart_ice().await?;
        let offer = self.pc.create_offer(None).await?;
        self.pc.set_local_description(offer).await?;
        let sdp = self.pc.local_description().await.map(|d| d.sdp).unwrap_or_default();
        let ufrag = sdp.lines().find_map(|l| l.strip_prefix("a=ice-ufrag:")).unwrap_or_default().to_owned();
        self.send(json!({"type": "offer", "sdp": sdp}));
        Ok(ufrag)
    }

    /// The ICE username fragment of the server's current answer.
    pub async fn remote_ufrag(&self) -> Option<String> {
        let sdp = self.pc.remote_description().await?.sdp;
        sdp.lines().find_map(|l| l.strip_prefix("a=ice-ufrag:")).map(str::to_owned)
    }

    pub fn send(&self, v: Value) {
        let _ = self.out.send(v.to_string());
    }

    /// Leaves politely (the session stays open for a rejoin).
    pub async fn leave(self) {
        self.send(json!({"type": "leave"}));
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.shutdown().await;
    }

    /// Dies without a goodbye: media and socket vanish as in a network drop or a killed tab.
    pub async fn drop_abruptly(self) {
        self.shutdown().await;
    }

    async fn shutdown(self) {
        for t in &self.tasks {
            t.abort();
        }
        let _ = self.pc.close().await;
    }
}

async fn send_video(track: Arc<TrackLocalStaticSample>, ssrc: u32) {
    let media = test_media();
    let mut tick = tokio::time::interval(Duration::from_millis(33));
    for frame in media.video.iter().cycle() {
        tick.tick().await;
        let sample = Sample { data: frame.clone(), duration: Duration::from_millis(33), ..Sample::new(Instant::now()) };
        // Fails until the connection is up; a real camera also just drops those frames.
        let _ = track.sample_writer(ssrc, 96).write_sample(&sample).await;
    }
}

async fn send_audio(track: Arc<TrackLocalStaticSample>, ssrc: u32) {
    let media = test_media();
    // Pace against a running deadline, not sleep-per-packet: sleeps overshoot, and the drift
    // would make the RTP clock run slower than the wall clock, as no real sender does.
    let mut deadline = tokio::time::Instant::now();
    for (page, samples) in media.audio.iter().cycle() {
        let duration = Duration::from_micros(samples * 1_000_000 / 48_000);
        let sample = Sample { data: page.clone(), duration, ..Sample::new(Instant::now()) };
        let _ = track.sample_writer(ssrc, 111).write_sample(&sample).await;
        deadline += duration;
        tokio::time::sleep_until(deadline).await;
    }
}
