//! The media side of one session: its taps and its id (both engines), and for the `webrtc`
//! engine which tracks each role publishes and receives and the packet forwarding between them
//! (the media loop keeps that state in its own thread).

use super::rewrite::StreamRewriter;
use super::keyframe::KeyframeWait;
use super::tap::{MediaTap, Pending, TapQueue, TAP_BURST};
use super::{clock_rate, vp8};
use crate::metrics::Metrics;
use domain::{MediaKind, Party};
use rtc::rtcp::payload_feedbacks::picture_loss_indication::PictureLossIndication;
use rtc::rtp_transceiver::rtp_sender::RtpCodecKind;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use futures::FutureExt;
use rtc::rtp;
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

/// What a role receives: an output track on its current peer connection.
struct Output {
    generation: u64,
    track: Arc<TrackLocalStaticRTP>,
    ssrc: u32,
    rewriter: StreamRewriter,
    /// Video only: the subscriber has no decodable picture until a keyframe is forwarded.
    keyframe: Option<KeyframeWait>,
}

/// What a role publishes: the remote track on its current peer connection.
struct Input {
    generation: u64,
    track: Arc<dyn TrackRemote>,
    ssrc: u32,
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
    /// Unique in the process: the media loop's key for this room.
    pub(super) id: u64,
    tracks: Mutex<Tracks>,
    taps: Mutex<Vec<Arc<TapQueue>>>,
    pub(super) metrics: Arc<Metrics>,
}

impl MediaRoom {
    pub fn new(metrics: Arc<Metrics>) -> MediaRoom {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        MediaRoom { inner: Arc::new(RoomInner { id, tracks: Mutex::new(Tracks::default()), taps: Mutex::new(Vec::new()), metrics }) }
    }

    /// Sends a copy of all media published from now on to `tap` (add taps before anyone joins).
    /// The tap is called from the tap thread, behind a queue (`tap.rs`).
    pub fn add_tap(&self, tap: Arc<dyn MediaTap>) {
        self.inner.taps.lock().unwrap_or_else(|e| e.into_inner()).push(TapQueue::new(tap));
    }
}

impl Drop for RoomInner {
    fn drop(&mut self) {
        self.flush_taps();
    }
}

impl RoomInner {
    /// Delivers what the taps have waiting, on this thread (a peer closed: its last packets
    /// reach the recorder before the call can end).
    pub(super) fn flush_taps(&self) {
        for q in self.taps().iter() {
            q.flush();
        }
    }

    fn taps(&self) -> MutexGuard<'_, Vec<Arc<TapQueue>>> {
        self.taps.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn has_taps(&self) -> bool {
        !self.taps().is_empty()
    }

    /// Queues a batch for every tap (one short lock per tap).
    pub(super) fn push_taps(&self, packets: &[Pending]) {
        if packets.is_empty() {
            return;
        }
        for q in self.taps().iter() {
            q.push(packets);
        }
    }

    /// Tells every tap, in order with the packets, that `publisher` started publishing `kind`.
    pub(super) fn started(&self, publisher: Party, kind: MediaKind) {
        for q in self.taps().iter() {
            q.started(publisher, kind);
        }
    }

    /// Whether a tap asked for a keyframe from `publisher` since the last call.
    pub(super) fn tap_wants_keyframe(&self, publisher: Party) -> bool {
        // Not `any`: every tap's wish is taken (and cleared), not only the first one's.
        self.taps().iter().fold(false, |any, q| q.take_keyframe_wish(publisher) || any)
    }

    fn lock(&self) -> MutexGuard<'_, Tracks> {
        // A panic while holding this lock leaves plain maps behind; they are still consistent.
        self.tracks.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn set_output(&self, role: Party, kind: MediaKind, generation: u64, track: Arc<TrackLocalStaticRTP>, ssrc: u32) {
        self.lock().outputs.insert(
            (role, kind),
            Output { generation, track, ssrc, rewriter: StreamRewriter::default(), keyframe: None },
        );
    }

    /// Forgets everything a participant's peer connection of `generation` published or received.
    /// A newer connection of the same role (a rejoin that overtook the old close) is left alone.
    pub(super) fn remove_generation(&self, role: Party, generation: u64) {
        let mut t = self.lock();
        t.outputs.retain(|(r, _), o| !(*r == role && o.generation == generation));
        t.inputs.retain(|(r, _), i| !(*r == role && i.generation == generation));
    }

    /// A subscriber's connection came up: it needs a keyframe, asked for now and again until
    /// one is forwarded.
    pub(super) async fn subscriber_connected(&self, subscriber: Party) {
        if let Some(o) = self.lock().outputs.get_mut(&(subscriber, MediaKind::Video)) {
            o.keyframe = Some(KeyframeWait::asked(Instant::now()));
        }
        self.request_keyframe(subscriber.other()).await;
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
        let taps = self.taps().clone();
        for tap in &taps {
            tap.started(role, kind);
        }
        // Packets for the taps, handed over once per burst: the publisher's channel is drained
        // without waiting (`now_or_never`), so one lock per tap covers everything that arrived
        // together. Reused: no allocation per packet once it has grown.
        let mut batch: Vec<Pending> = Vec::with_capacity(if taps.is_empty() { 0 } else { TAP_BURST });
        let mut next = track.poll().await;
        while let Some(event) = next {
            if let TrackRemoteEvent::OnRtpPacket(packet) = event {
                if !taps.is_empty() {
                    batch.push(Pending::new(role, kind, &packet, SystemTime::now()));
                }
                self.forward(role, subscriber, kind, packet).await;
            }
            next = if batch.len() < TAP_BURST { track.poll().now_or_never() } else { None }.flatten();
            if next.is_none() {
                if !batch.is_empty() {
                    for tap in &taps {
                        tap.push(&batch);
                    }
                    batch.clear();
                    if kind == MediaKind::Video && taps.iter().any(|t| t.take_keyframe_wish(role)) {
                        self.request_keyframe(role).await;
                    }
                }
                next = track.poll().await;
            }
        }
        for tap in &taps {
            tap.push(&batch);
        }
    }

    /// Rewrites one packet onto the subscriber's output stream and sends it; asks the publisher
    /// again for a keyframe while the subscriber still waits for one.
    async fn forward(&self, role: Party, subscriber: Party, kind: MediaKind, mut packet: rtp::Packet) {
        self.metrics.rtp_received(kind.as_ref(), packet.payload.len());
        let keyframe = kind == MediaKind::Video && vp8::starts_keyframe(&packet.payload);
        let mut ask_again = false;
        let out = {
            let mut t = self.lock();
            t.outputs.get_mut(&(subscriber, kind)).map(|o| {
                if let Some(wait) = o.keyframe.as_mut() {
                    if !keyframe {
                        ask_again = wait.due(Instant::now());
                    }
                }
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
                (o.track.clone(), o.generation)
            })
        };
        if ask_again {
            self.request_keyframe(role).await;
        }
        if let Some((out, generation)) = out {
            let bytes = packet.payload.len();
            // Fails only while the subscriber's connection is not yet bound; dropping is right,
            // but a dropped keyframe leaves the subscriber waiting (the retry asks again).
            if out.write_rtp(packet).await.is_ok() {
                self.metrics.rtp_forwarded(kind.as_ref(), bytes);
                if keyframe {
                    self.keyframe_delivered(subscriber, generation);
                }
            }
        }
    }

    /// The subscriber's connection of `generation` got a keyframe: it can decode from here on.
    fn keyframe_delivered(&self, subscriber: Party, generation: u64) {
        if let Some(o) = self.lock().outputs.get_mut(&(subscriber, MediaKind::Video)) {
            if o.generation == generation {
                o.keyframe = None;
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
