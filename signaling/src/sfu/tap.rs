//! Media taps (the recorder, the face-analysis decoder) and the queue that keeps them off the
//! forwarding path.
//!
//! The forwarding path hands each tap a batch of packets by appending [`Pending`] entries (the
//! header's few fields and the payload's refcounted `Bytes`) to the tap's buffer under one short
//! lock per batch — no copy, no serialisation, no allocation once the buffers have grown, no
//! wake-up. One drainer thread for the whole process takes the buffers every [`DRAIN_EVERY`],
//! writes the packets out and calls the taps there, so a slow tap (GStreamer, a full disk)
//! costs the forwarding path nothing.

use super::party_index;
use bytes::Bytes;
use domain::{MediaKind, Party};
use rtc::rtp;
use rtc::shared::marshal::Marshal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, SystemTime};

/// One RTP packet a participant published, SRTP removed, as it arrived (header included).
#[derive(Debug, Clone)]
pub struct TapPacket {
    pub publisher: Party,
    pub kind: MediaKind,
    /// The whole RTP packet; clones share the buffer.
    pub packet: Bytes,
    pub arrival: SystemTime,
}

/// Receives a copy of every RTP packet a participant publishes. Called from the tap drainer
/// thread, never from the forwarding path, in arrival order; must still not block for long
/// (every tap of the process shares that thread). The calls run inside the Tokio runtime that
/// added the tap, so a tap may spawn tasks (the face-analysis feed starts the session's
/// sidecar link on the customer's first video).
pub trait MediaTap: Send + Sync {
    /// Packets in arrival order since the last call.
    fn rtp(&self, packets: &[TapPacket]);
    /// A new connection of `publisher` started publishing `kind` (first join or a rejoin);
    /// ordered with the packets around it.
    fn publisher_started(&self, publisher: Party, kind: MediaKind);
    /// Asked after each batch that held video of `publisher` (`arrival` is the batch's last
    /// video packet's): whether the tap needs a keyframe from `publisher` now, e.g. its decoder
    /// lost a packet. The room then sends the publisher a PLI, as it does for a subscriber's
    /// request, with the next packets it forwards.
    fn wants_keyframe(&self, _publisher: Party, _arrival: SystemTime) -> bool {
        false
    }
}

/// A packet as the forwarding path queues it.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    publisher: Party,
    kind: MediaKind,
    body: Body,
    arrival: SystemTime,
}

#[derive(Debug, Clone)]
enum Body {
    /// From the `webrtc` engine, which hands over parsed packets: the header without its
    /// extensions (nothing a tap reads; keeping them would allocate) and the payload, shared
    /// with the forwarded packet. Written out on the drainer thread.
    Parts(rtp::Header, Bytes),
    /// From the media loop: the decrypted packet as it arrived, shared.
    Whole(Bytes),
}

impl Pending {
    pub(super) fn new(publisher: Party, kind: MediaKind, packet: &rtp::Packet, arrival: SystemTime) -> Pending {
        let h = &packet.header;
        let header = rtp::Header {
            version: 2,
            marker: h.marker,
            payload_type: h.payload_type,
            sequence_number: h.sequence_number,
            timestamp: h.timestamp,
            ssrc: h.ssrc,
            // Empty unless a mixer contributed (never for a browser): cloning allocates nothing.
            csrc: h.csrc.clone(),
            ..Default::default()
        };
        Pending { publisher, kind, body: Body::Parts(header, packet.payload.clone()), arrival }
    }

    /// A whole RTP packet (header included).
    pub(super) fn whole(publisher: Party, kind: MediaKind, packet: Bytes, arrival: SystemTime) -> Pending {
        Pending { publisher, kind, body: Body::Whole(packet), arrival }
    }

    /// The whole RTP packet, written on the drainer thread.
    fn into_tap_packet(self) -> Option<TapPacket> {
        let packet = match self.body {
            Body::Parts(header, payload) => rtp::Packet { header, payload }.marshal().ok()?.freeze(),
            Body::Whole(packet) => packet,
        };
        Some(TapPacket { publisher: self.publisher, kind: self.kind, packet, arrival: self.arrival })
    }
}

/// The most packets the forwarding path collects before handing them to the taps.
pub(super) const TAP_BURST: usize = 64;

/// How often the drainer hands buffered packets to the taps. Each hand-over wakes the recorder's
/// thread and writes to the sidecar's socket; at 20 ms those wake-ups cost more than the
/// recorder's work on the packets they carried (profile of 2026-11-30). A tenth of a second
/// keeps them at ten per second per call, and keyframe requests and the face analysis still see
/// the video within 0.1 s.
pub const DRAIN_EVERY: Duration = Duration::from_millis(100);

/// Packets a tap may have waiting; more are dropped and counted (a tap that stopped draining
/// must not grow the server's memory). 2 s of a call's media at ≈ 350 packets/s.
const MAX_WAITING: usize = 700;

enum Item {
    Packets(Vec<Pending>),
    Started(Party, MediaKind),
}

enum Delivery {
    Packets(Vec<TapPacket>),
    Started(Party, MediaKind),
}

/// The buffer in front of one tap.
pub(super) struct TapQueue {
    tap: Arc<dyn MediaTap>,
    /// The runtime the tap was added from, entered while it is called: taps ran inside it when
    /// they were called on the forwarding path, and spawning needs it (none outside a runtime).
    runtime: Option<tokio::runtime::Handle>,
    waiting: Mutex<Waiting>,
    /// Held while delivering, so two flushes (the drainer's, a closing peer's) keep the order.
    delivering: Mutex<()>,
    pub(super) dropped: AtomicU64,
    /// Per publisher (customer, agent): the tap asked for a keyframe; the forwarding path takes it.
    keyframe_wanted: [AtomicBool; 2],
}

#[derive(Default)]
struct Waiting {
    items: Vec<Item>,
    packets: usize,
}

impl TapQueue {
    /// Puts `tap` behind a queue drained by the process's drainer thread.
    pub(super) fn new(tap: Arc<dyn MediaTap>) -> Arc<TapQueue> {
        let q = Self::detached(tap);
        drainer().register(&q);
        q
    }

    /// A queue only [`TapQueue::flush`] empties.
    fn detached(tap: Arc<dyn MediaTap>) -> Arc<TapQueue> {
        Arc::new(TapQueue {
            tap,
            runtime: tokio::runtime::Handle::try_current().ok(),
            waiting: Mutex::default(),
            delivering: Mutex::new(()),
            dropped: AtomicU64::new(0),
            keyframe_wanted: [AtomicBool::new(false), AtomicBool::new(false)],
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Appends a batch (one lock for the whole batch).
    pub(super) fn push(&self, packets: &[Pending]) {
        if packets.is_empty() {
            return;
        }
        let mut w = self.lock();
        let room = MAX_WAITING.saturating_sub(w.packets);
        let take = packets.len().min(room);
        if take < packets.len() {
            self.dropped.fetch_add((packets.len() - take) as u64, Ordering::Relaxed);
        }
        if take == 0 {
            return;
        }
        w.packets += take;
        match w.items.last_mut() {
            Some(Item::Packets(v)) => v.extend_from_slice(&packets[..take]),
            _ => w.items.push(Item::Packets(packets[..take].to_vec())),
        }
    }

    /// Whether the tap asked for a keyframe from `publisher` since the last call.
    pub(super) fn take_keyframe_wish(&self, publisher: Party) -> bool {
        let flag = &self.keyframe_wanted[party_index(publisher)];
        // A load first: the common case (no wish) costs no write to a shared cache line.
        flag.load(Ordering::Relaxed) && flag.swap(false, Ordering::Relaxed)
    }

    pub(super) fn started(&self, publisher: Party, kind: MediaKind) {
        self.lock().items.push(Item::Started(publisher, kind));
    }

    /// Delivers what is waiting to the tap, on the calling thread.
    pub(super) fn flush(&self) {
        let _order = self.delivering.lock().unwrap_or_else(|e| e.into_inner());
        let _runtime = self.runtime.as_ref().map(tokio::runtime::Handle::enter);
        let items = std::mem::take(&mut *self.lock()).items;
        for item in items {
            let last_video = match &item {
                Item::Packets(p) => p.iter().rev().find(|p| p.kind == MediaKind::Video).map(|p| (p.publisher, p.arrival)),
                Item::Started(..) => None,
            };
            let item = match item {
                Item::Packets(p) => Delivery::Packets(p.into_iter().filter_map(Pending::into_tap_packet).collect()),
                Item::Started(who, kind) => Delivery::Started(who, kind),
            };
            // A panicking tap must not take the drainer (and every other tap) down with it.
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &item {
                Delivery::Packets(p) => self.tap.rtp(p),
                Delivery::Started(who, kind) => self.tap.publisher_started(*who, *kind),
            }));
            if r.is_err() {
                tracing::error!("a media tap panicked; its batch is dropped");
            }
            if let Some((publisher, arrival)) = last_video {
                if self.tap.wants_keyframe(publisher, arrival) {
                    self.keyframe_wanted[party_index(publisher)].store(true, Ordering::Relaxed);
                }
            }
        }
    }
}

struct Drainer {
    queues: Mutex<Vec<Weak<TapQueue>>>,
}

impl Drainer {
    fn register(&self, q: &Arc<TapQueue>) {
        self.queues.lock().unwrap_or_else(|e| e.into_inner()).push(Arc::downgrade(q));
    }

    fn run(&self) {
        loop {
            std::thread::sleep(DRAIN_EVERY);
            let live: Vec<Arc<TapQueue>> = {
                let mut qs = self.queues.lock().unwrap_or_else(|e| e.into_inner());
                qs.retain(|w| w.strong_count() > 0);
                qs.iter().filter_map(Weak::upgrade).collect()
            };
            for q in live {
                q.flush();
            }
        }
    }
}

fn drainer() -> &'static Drainer {
    static DRAINER: OnceLock<&'static Drainer> = OnceLock::new();
    DRAINER.get_or_init(|| {
        let d: &'static Drainer = Box::leak(Box::new(Drainer { queues: Mutex::new(Vec::new()) }));
        let spawned = std::thread::Builder::new().name("media-taps".into()).spawn(move || d.run());
        if let Err(e) = spawned {
            tracing::error!(error = %e, "the media tap thread did not start; taps get nothing");
        }
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Log(Mutex<Vec<String>>);

    impl MediaTap for Log {
        fn rtp(&self, packets: &[TapPacket]) {
            let mut l = self.0.lock().unwrap_or_else(|e| e.into_inner());
            for p in packets {
                l.push(format!("{}-{}", p.publisher.as_ref(), p.packet.len()));
            }
        }
        fn publisher_started(&self, publisher: Party, kind: MediaKind) {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).push(format!("start {} {}", publisher.as_ref(), kind.as_ref()));
        }
    }

    /// A packet whose whole RTP form is `len` bytes (12 of header).
    fn packet(len: usize) -> Pending {
        let p = rtp::Packet { header: rtp::Header { version: 2, ..Default::default() }, payload: Bytes::from(vec![0u8; len - 12]) };
        Pending::new(Party::Customer, MediaKind::Video, &p, SystemTime::now())
    }

    #[test]
    fn a_start_is_delivered_between_the_packets_around_it() {
        let log = Arc::new(Log::default());
        let q = TapQueue::detached(log.clone());
        q.push(&[packet(20)]);
        q.started(Party::Customer, MediaKind::Video);
        q.push(&[packet(21), packet(22)]);
        q.flush();
        let got = log.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        assert_eq!(got, ["customer-20", "start customer video", "customer-21", "customer-22"]);
    }

    #[test]
    fn a_tap_that_is_not_drained_drops_and_counts_beyond_its_limit() {
        let log = Arc::new(Log::default());
        let q = TapQueue::detached(log.clone());
        let batch: Vec<Pending> = (0..100).map(|_| packet(30)).collect();
        for _ in 0..8 {
            q.push(&batch);
        }
        assert_eq!(q.dropped.load(Ordering::Relaxed), 100);
    }

    /// A tap whose decoder has lost its reference after every batch.
    struct WantsKeyframes;

    impl MediaTap for WantsKeyframes {
        fn rtp(&self, _packets: &[TapPacket]) {}
        fn publisher_started(&self, _publisher: Party, _kind: MediaKind) {}
        fn wants_keyframe(&self, publisher: Party, _arrival: SystemTime) -> bool {
            publisher == Party::Customer
        }
    }

    #[test]
    fn a_tap_s_keyframe_wish_reaches_the_forwarding_path_once_per_delivered_video_batch() {
        let q = TapQueue::detached(Arc::new(WantsKeyframes));
        assert!(!q.take_keyframe_wish(Party::Customer), "nothing delivered yet");
        q.push(&[packet(40)]);
        q.flush();
        assert!(q.take_keyframe_wish(Party::Customer));
        assert!(!q.take_keyframe_wish(Party::Customer), "taken once");
        assert!(!q.take_keyframe_wish(Party::Agent));
    }

    #[test]
    fn a_packet_reaches_the_tap_whole_and_unchanged_in_its_header_fields() {
        let log = Arc::new(Collect::default());
        let q = TapQueue::detached(log.clone());
        let header = rtp::Header { version: 2, marker: true, payload_type: 96, sequence_number: 7, timestamp: 9000, ssrc: 42, ..Default::default() };
        let p = rtp::Packet { header, payload: Bytes::from_static(&[0x10, 0x50, 1, 2, 3]) };
        q.push(&[Pending::new(Party::Agent, MediaKind::Video, &p, SystemTime::now())]);
        q.flush();
        let got = log.0.lock().unwrap_or_else(|e| e.into_inner());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].publisher, Party::Agent);
        assert_eq!(got[0].packet.as_ref(), [0x80, 0x80 | 96, 0, 7, 0, 0, 0x23, 0x28, 0, 0, 0, 42, 0x10, 0x50, 1, 2, 3]);
    }

    #[derive(Default)]
    struct Collect(Mutex<Vec<TapPacket>>);

    impl MediaTap for Collect {
        fn rtp(&self, packets: &[TapPacket]) {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(packets);
        }
        fn publisher_started(&self, _publisher: Party, _kind: MediaKind) {}
    }

    /// A tap that spawns a task when a publisher starts, as the face-analysis feed does.
    struct Spawns(tokio::sync::mpsc::UnboundedSender<Party>);

    impl MediaTap for Spawns {
        fn rtp(&self, _packets: &[TapPacket]) {}
        fn publisher_started(&self, publisher: Party, _kind: MediaKind) {
            let tx = self.0.clone();
            tokio::spawn(async move {
                let _ = tx.send(publisher);
            });
        }
    }

    #[tokio::test]
    async fn a_tap_called_on_the_drainer_thread_can_spawn_tasks_on_the_runtime_that_added_it() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let q = TapQueue::new(Arc::new(Spawns(tx)));
        q.started(Party::Customer, MediaKind::Video);
        let spawned = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await;
        assert_eq!(spawned.ok().flatten(), Some(Party::Customer), "the tap's task ran");
    }

    #[test]
    fn the_drainer_delivers_without_an_explicit_flush() {
        let log = Arc::new(Log::default());
        let q = TapQueue::new(log.clone());
        q.push(&[packet(40)]);
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while log.0.lock().unwrap_or_else(|e| e.into_inner()).is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(log.0.lock().unwrap_or_else(|e| e.into_inner()).as_slice(), ["customer-40"]);
    }
}
