//! The media side of one session: which tracks each role publishes and receives, and the
//! packet forwarding between them.

use super::rewrite::StreamRewriter;
use crate::metrics::Metrics;
use domain::{MediaKind, Party};
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtp_transceiver::rtp_sender::RtpCodecKind;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use rtc::shared::marshal::Marshal;
use std::time::{Instant, SystemTime};
use webrtc::media_stream::track_local::TrackLocal;
use webrtc::media_stream::track_local::static_rtp::TrackLocalStaticRTP;
use webrtc::media_stream::track_remote::{TrackRemote, TrackRemoteEvent};

/// The medium of an engine codec kind.
pub(super) fn kind_of(k: RtpCodecKind) -> Option<MediaKind> {
    match k {
        RtpCodecKind::Audio => Some(MediaKind::Audio),
        RtpCodecKind::Video => Some(MediaKind::Video),
        _ => None,
    }
}

fn clock_rate(kind: MediaKind) -> u32 {
    match kind {
        MediaKind::Audio => 48_000,
        MediaKind::Video => 90_000,
    }
}

/// What a role receives: an output track on its current peer connection.
struct Output {
    generation: u64,
    track: Arc<TrackLocalStaticRTP>,
    ssrc: u32,
    rewriter: StreamRewriter,
}

/// What a role publishes: the remote track on its current peer connection.
struct Input {
    generation: u64,
    track: Arc<dyn TrackRemote>,
    ssrc: u32,
}

/// Receives a copy of every RTP packet a participant publishes: the recorder and the AI
/// decoder hang off this. Called on the forwarding path, so implementations must not block.
pub trait MediaTap: Send + Sync {
    /// One RTP packet as it arrived (serialized, SRTP already removed).
    fn rtp(&self, publisher: Party, kind: MediaKind, packet: &[u8], arrival: SystemTime);
    /// A new connection of `publisher` started publishing `kind` (first join or a rejoin).
    fn publisher_started(&self, publisher: Party, kind: MediaKind);
    /// Asked after each video packet handed to the tap (`arrival` is that packet's): whether the
    /// tap needs a keyframe from `publisher` now, e.g. its decoder lost a packet. The room then
    /// sends the publisher a PLI, as it does for a subscriber's request.
    fn wants_keyframe(&self, _publisher: Party, _arrival: SystemTime) -> bool {
        false
    }
}

#[derive(Default)]
struct Tracks {
    outputs: HashMap<(Party, MediaKind), Output>,
    inputs: HashMap<(Party, MediaKind), Input>,
}

/// Cheap-clone handle to one session's media. A plain mutex guards the track maps: critical
/// sections are a few map operations and never span an `.await`.
#[derive(Clone)]
pub struct MediaRoom {
    pub(super) inner: Arc<RoomInner>,
}

pub(super) struct RoomInner {
    tracks: Mutex<Tracks>,
    taps: Mutex<Vec<Arc<dyn MediaTap>>>,
    pub(super) metrics: Arc<Metrics>,
}

impl MediaRoom {
    pub fn new(metrics: Arc<Metrics>) -> MediaRoom {
        MediaRoom { inner: Arc::new(RoomInner { tracks: Mutex::new(Tracks::default()), taps: Mutex::new(Vec::new()), metrics }) }
    }

    /// Sends a copy of all media published from now on to `tap` (add taps before anyone joins).
    pub fn add_tap(&self, tap: Arc<dyn MediaTap>) {
        self.inner.taps.lock().unwrap_or_else(|e| e.into_inner()).push(tap);
    }
}

impl RoomInner {
    fn lock(&self) -> MutexGuard<'_, Tracks> {
        // A panic while holding this lock leaves plain maps behind; they are still consistent.
        self.tracks.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn set_output(&self, role: Party, kind: MediaKind, generation: u64, track: Arc<TrackLocalStaticRTP>, ssrc: u32) {
        self.lock().outputs.insert(
            (role, kind),
            Output { generation, track, ssrc, rewriter: StreamRewriter::default() },
        );
    }

    /// Forgets everything a participant's peer connection of `generation` published or received.
    /// A newer connection of the same role (a rejoin that overtook the old close) is left alone.
    pub(super) fn remove_generation(&self, role: Party, generation: u64) {
        let mut t = self.lock();
        t.outputs.retain(|(r, _), o| !(*r == role && o.generation == generation));
        t.inputs.retain(|(r, _), i| !(*r == role && i.generation == generation));
    }

    /// Asks the publisher of `role` for a keyframe (a subscriber joined or asked for one).
    pub(super) async fn request_keyframe(&self, publisher: Party) {
        let target = {
            let t = self.lock();
            t.inputs.get(&(publisher, MediaKind::Video)).map(|i| (i.track.clone(), i.ssrc))
        };
        if let Some((track, media_ssrc)) = target {
            let pli = PictureLossIndication { sender_ssrc: 0, media_ssrc };
            if track.write_rtcp(vec![Box::new(pli)]).await.is_ok() {
                self.metrics.keyframe_requests.inc();
            }
        }
    }

    /// Runs for the life of one published track: forwards every RTP packet to the other role's
    /// output track of the same kind.
    pub(super) async fn publish(self: Arc<Self>, role: Party, generation: u64, track: Arc<dyn TrackRemote>) {
        let Some(kind) = kind_of(track.kind().await) else { return };
        let Some(ssrc) = track.ssrcs().await.first().copied() else { return };
        self.lock().inputs.insert((role, kind), Input { generation, track: track.clone(), ssrc });
        if kind == MediaKind::Video {
            self.request_keyframe(role).await;
        }
        let subscriber = role.other();
        let taps = self.taps.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for tap in &taps {
            tap.publisher_started(role, kind);
        }
        while let Some(event) = track.poll().await {
            let TrackRemoteEvent::OnRtpPacket(mut packet) = event else { continue };
            self.metrics.rtp_received(kind.as_ref(), packet.payload.len());
            if !taps.is_empty() {
                if let Ok(bytes) = packet.marshal() {
                    let now = SystemTime::now();
                    for tap in &taps {
                        tap.rtp(role, kind, &bytes, now);
                    }
                    if kind == MediaKind::Video && taps.iter().any(|t| t.wants_keyframe(role, now)) {
                        self.request_keyframe(role).await;
                    }
                }
            }
            let out = {
                let mut t = self.lock();
                t.outputs.get_mut(&(subscriber, kind)).map(|o| {
                    let (seq, ts) = o.rewriter.map(
                        packet.header.ssrc,
                        packet.header.sequence_number,
                        packet.header.timestamp,
                        clock_rate(kind),
                        Instant::now(),
                    );
                    packet.header.sequence_number = seq;
                    packet.header.timestamp = ts;
                    packet.header.ssrc = o.ssrc;
                    o.track.clone()
                })
            };
            if let Some(out) = out {
                let bytes = packet.payload.len();
                // Fails only while the subscriber's connection is not yet bound; dropping is right.
                if out.write_rtp(packet).await.is_ok() {
                    self.metrics.rtp_forwarded(kind.as_ref(), bytes);
                }
            }
        }
    }

    /// Runs for the life of one output track: relays the subscriber's keyframe requests.
    pub(super) async fn relay_feedback(self: Arc<Self>, subscriber: Party, track: Arc<TrackLocalStaticRTP>) {
        while let Some(_event) = track.poll().await {
            // The filter interceptor only lets PLI and FIR through, so every event is one.
            self.request_keyframe(subscriber.other()).await;
        }
    }
}
