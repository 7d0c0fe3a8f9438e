//! The media loop: one thread, one UDP socket per configured address, every peer connection of
//! the process on it.
//!
//! Per datagram: demultiplex (RFC 7983) and find the peer — by remote address, or for a STUN
//! check by the USERNAME's server ufrag — then STUN (ICE-lite answer), DTLS (handshake, then the
//! SRTP keys), or SRTP/SRTCP. Established media takes the short path: decrypt in the publisher's
//! context, hand the packet (refcounted `Bytes`) to the room's taps, rewrite SSRC / sequence /
//! timestamp / payload type for the subscriber and encrypt in its context — a function call in
//! the same loop turn, no task, no channel. Datagrams go out batched (GSO) after each receive
//! batch. Signaling talks to the loop only through [`Command`]s (offer applied, peer closed).

mod dtls;
mod handle;
mod io;
mod peer;
mod reception;
mod rtcp;
mod rtp;
pub mod sdp;
mod stream;
mod stun;

use super::room::RoomInner;
use super::tap::Pending;
use super::{clock_rate, party_index, vp8, MediaConfig, MediaState, PeerEvent};
use crate::metrics::Metrics;
use bytes::Bytes;
use domain::{MediaKind, Party};
use dtls::{Dtls, DtlsEvent, Identity};
pub(crate) use handle::PeerHandle;
use io::{Outgoing, RecvBatch, Sockets};
use peer::{EnginePeer, Path, MAX_ADDRS};
use reception::Reception;
use sdp::Negotiated;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use stream::{index, KINDS};
use tokio::sync::{mpsc, oneshot};

type PeerId = u64;

/// How often timers run: DTLS retransmits, keyframe retries, reports, consent.
const TICK: Duration = Duration::from_millis(50);
/// Receiver reports and REMB to each publisher.
const REPORT_EVERY: Duration = Duration::from_secs(1);
/// The most a publisher is told it may send (REMB), whatever its subscriber estimates.
const REMB_CAP: u64 = 2_000_000;
/// Keyframe requests relayed from one subscriber at most this often.
const PLI_MIN_GAP: Duration = Duration::from_millis(100);
/// Receive batches per socket before the loop looks at commands and timers again.
const FAIR_BATCHES: usize = 64;

const WAKER: mio::Token = mio::Token(usize::MAX);

enum Command {
    Add { id: PeerId, room: Arc<RoomInner>, role: Party, events: mpsc::UnboundedSender<PeerEvent>, ssrcs: [u32; 2] },
    Remote { id: PeerId, remote: Remote, reply: oneshot::Sender<Result<(), String>> },
    Close { id: PeerId, reply: Option<oneshot::Sender<()>> },
}

/// What an applied offer/answer settled for one peer.
struct Remote {
    local_ufrag: String,
    local_pwd: String,
    remote_ufrag: String,
    fingerprint: String,
    dtls_client: bool,
    negotiated: Vec<Negotiated>,
}

/// The process's media engine: a handle to the loop thread. The loop ends (and its sockets
/// close) when the last handle and the last peer handle are gone.
pub(crate) struct Engine {
    commands: Sender<Command>,
    waker: Arc<mio::Waker>,
    pub(crate) fingerprint: String,
    /// Host candidates to advertise, one per socket.
    pub(crate) candidates: Vec<SocketAddr>,
}

impl Engine {
    pub(crate) fn start(config: &MediaConfig, metrics: Arc<Metrics>) -> std::io::Result<Engine> {
        let identity = Arc::new(Identity::generate().map_err(std::io::Error::other)?);
        let mut sockets = Sockets::bind(&config.udp_ips, config.port)?;
        let poll = mio::Poll::new()?;
        for (i, s) in sockets.list.iter_mut().enumerate() {
            poll.registry().register(&mut s.io, mio::Token(i), mio::Interest::READABLE)?;
        }
        let waker = Arc::new(mio::Waker::new(poll.registry(), WAKER)?);
        let candidates = sockets
            .list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let ip = config.nat_1to1_ips.get(i).or(config.nat_1to1_ips.first()).copied().unwrap_or(s.local.ip());
                SocketAddr::new(ip, s.local.port())
            })
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let fingerprint = identity.fingerprint.clone();
        let mut lp = Loop {
            identity,
            sockets,
            poll,
            commands: rx,
            peers: HashMap::new(),
            by_path: HashMap::new(),
            by_ufrag: HashMap::new(),
            rooms: HashMap::new(),
            out: Vec::new(),
            taps_due: Vec::new(),
            counts: Counts::default(),
            batch: Some(RecvBatch::new()),
            metrics,
            origin: Instant::now(),
            scratch: Vec::with_capacity(1500),
        };
        std::thread::Builder::new().name("media".into()).spawn(move || lp.run())?;
        Ok(Engine { commands: tx, waker, fingerprint, candidates })
    }

    fn send(commands: &Sender<Command>, waker: &mio::Waker, c: Command) {
        if commands.send(c).is_ok() {
            let _ = waker.wake();
        }
    }
}

struct Room {
    inner: Arc<RoomInner>,
    /// The newest connection of each party (index: customer 0, agent 1).
    current: [Option<PeerId>; 2],
    members: usize,
    /// Whether the room has taps, read once per join: taps are added before anyone joins, and
    /// asking the room would lock its tap list for every packet.
    has_taps: bool,
    /// Tap packets of this loop turn.
    taps: Vec<Pending>,
    /// The bandwidth each party's client estimated for what it receives (REMB).
    remb: [Option<u64>; 2],
}

impl Room {
    /// Queues this turn's tap packets for the room's taps.
    fn hand_over_taps(&mut self) {
        self.inner.push_taps(&self.taps);
        self.taps.clear();
    }
}

/// What DTLS has queued for `peer`, on its selected path (nothing goes out before there is one).
fn queue_dtls(peer: &mut EnginePeer, out: &mut Vec<Outgoing>) {
    let Some(d) = peer.dtls.as_mut() else { return };
    while let Some(p) = d.poll_transmit() {
        if let Some((socket, to)) = peer.selected {
            out.push(Outgoing { socket, to, data: p.freeze() });
        }
    }
}

/// Per-turn counters, published to the metrics once per turn.
#[derive(Default)]
struct Counts {
    /// Per kind: (packets, payload bytes).
    received: [(u64, u64); 2],
    forwarded: [(u64, u64); 2],
    keyframe_requests: u64,
    send_failed: u64,
}

struct Loop {
    identity: Arc<Identity>,
    sockets: Sockets,
    poll: mio::Poll,
    commands: Receiver<Command>,
    peers: HashMap<PeerId, EnginePeer>,
    by_path: HashMap<Path, PeerId>,
    by_ufrag: HashMap<String, PeerId>,
    rooms: HashMap<u64, Room>,
    out: Vec<Outgoing>,
    taps_due: Vec<u64>,
    counts: Counts,
    /// Receive buffers (taken out while a batch is processed).
    batch: Option<RecvBatch>,
    metrics: Arc<Metrics>,
    /// The clock origin for jitter.
    origin: Instant,
    scratch: Vec<u8>,
}

impl Loop {
    fn run(&mut self) {
        let mut events = mio::Events::with_capacity(64);
        let mut next_tick = Instant::now() + TICK;
        // Sockets not yet drained to WouldBlock (edge-triggered readiness).
        let mut pending: Vec<usize> = Vec::new();
        loop {
            let now = Instant::now();
            let timeout = if pending.is_empty() { next_tick.saturating_duration_since(now) } else { Duration::ZERO };
            if let Err(e) = self.poll.poll(&mut events, Some(timeout)) {
                if e.kind() != std::io::ErrorKind::Interrupted {
                    tracing::error!(error = %e, "media loop poll failed");
                    std::thread::sleep(TICK);
                }
            }
            for ev in events.iter() {
                if ev.token() != WAKER && !pending.contains(&ev.token().0) {
                    pending.push(ev.token().0);
                }
            }
            if !self.commands() {
                tracing::debug!("media loop ends: no handles left");
                return;
            }
            pending.retain(|&i| self.drain(i));
            let now = Instant::now();
            if now >= next_tick {
                self.tick(now);
                self.flush();
                next_tick = now + TICK;
            }
        }
    }

    /// Runs queued commands. `false` once every handle is gone.
    fn commands(&mut self) -> bool {
        loop {
            match self.commands.try_recv() {
                Ok(c) => self.command(c),
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => return false,
            }
        }
    }

    /// Reads socket `i` for a while; `true` if it may have more.
    fn drain(&mut self, i: usize) -> bool {
        let Some(mut batch) = self.batch.take() else { return false };
        let mut more = true;
        for _ in 0..FAIR_BATCHES {
            let n = match self.sockets.recv(i, &mut batch) {
                Ok(0) => {
                    more = false;
                    break;
                }
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "media socket read failed");
                    more = false;
                    break;
                }
            };
            let now = Instant::now();
            let wall = SystemTime::now();
            for (from, data) in batch.datagrams() {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.datagram(i, from, data, now, wall)));
                if r.is_err() {
                    tracing::error!("a datagram made the media loop panic; dropped");
                }
            }
            self.flush();
            if n < batch.capacity() {
                // A short batch emptied the socket's queue, and on Linux every datagram queued
                // after it raises a new readiness event: asking again would only read
                // `WouldBlock` — one system call per wake-up saved, most of them at low load.
                more = false;
                break;
            }
        }
        self.batch = Some(batch);
        more
    }

    fn flush(&mut self) {
        let mut wishes = Vec::new();
        for id in std::mem::take(&mut self.taps_due) {
            if let Some(room) = self.rooms.get_mut(&id) {
                room.hand_over_taps();
                // A tap (the face analysis' decoder) that lost a packet asks for a keyframe.
                for role in [Party::Customer, Party::Agent] {
                    if room.inner.tap_wants_keyframe(role) {
                        wishes.push((id, role));
                    }
                }
            }
        }
        for (room, role) in wishes {
            self.request_keyframe(room, role);
        }
        self.counts.send_failed += self.sockets.send_all(&mut self.out);
        let c = std::mem::take(&mut self.counts);
        let m = &self.metrics;
        for (k, kind) in KINDS.into_iter().enumerate() {
            let (rp, rb) = c.received[k];
            let (fp, fb) = c.forwarded[k];
            let (recv_p, recv_b, fwd_p, fwd_b) = match kind {
                MediaKind::Audio => (&m.rtp_packets_received.audio, &m.rtp_bytes_received.audio, &m.rtp_packets_forwarded.audio, &m.rtp_bytes_forwarded.audio),
                MediaKind::Video => (&m.rtp_packets_received.video, &m.rtp_bytes_received.video, &m.rtp_packets_forwarded.video, &m.rtp_bytes_forwarded.video),
            };
            if rp > 0 {
                recv_p.add(rp);
                recv_b.add(rb);
            }
            if fp > 0 {
                fwd_p.add(fp);
                fwd_b.add(fb);
            }
        }
        if c.keyframe_requests > 0 {
            m.keyframe_requests.add(c.keyframe_requests);
        }
        if c.send_failed > 0 {
            m.datagrams_unsent.add(c.send_failed);
        }
    }

    fn datagram(&mut self, sock: usize, from: SocketAddr, data: &[u8], now: Instant, wall: SystemTime) {
        if stun::is_stun(data) {
            return self.stun(sock, from, data, now);
        }
        let Some(&id) = self.by_path.get(&(sock, from)) else { return };
        match data.first() {
            Some(20..=63) => self.dtls(id, data, now),
            Some(128..=191) if rtcp::is_rtcp(data) => self.rtcp(id, data, now),
            Some(128..=191) => self.rtp(id, data, now, wall),
            _ => {}
        }
    }

    fn send_to(&mut self, path: Option<Path>, data: Bytes) {
        if let Some((socket, to)) = path {
            self.out.push(Outgoing { socket, to, data });
        }
    }

    fn stun(&mut self, sock: usize, from: SocketAddr, data: &[u8], now: Instant) {
        let Some(mut req) = stun::BindingRequest::parse(data) else { return };
        let Some(&id) = self.by_ufrag.get(&req.local_ufrag) else { return };
        let Some(peer) = self.peers.get_mut(&id) else { return };
        if peer.remote_ufrag.as_deref() != Some(req.remote_ufrag.as_str()) {
            return; // credentials of an earlier ICE generation
        }
        let crypto = self.identity.crypto.crypto();
        if !req.authentic(&peer.local_pwd, crypto) {
            return;
        }
        let Some(response) = req.success(from, &peer.local_pwd, crypto) else { return };
        let path = (sock, from);
        peer.heard(now);
        if !peer.paths.contains(&path) {
            if peer.paths.len() >= MAX_ADDRS {
                let old = peer.paths.remove(0);
                if self.by_path.get(&old) == Some(&id) {
                    self.by_path.remove(&old);
                }
            }
            peer.paths.push(path);
            self.by_path.insert(path, id);
        }
        if req.use_candidate || peer.selected.is_none() || !peer.nominated {
            peer.selected = Some(path);
            peer.nominated |= req.use_candidate;
        }
        if peer.state == MediaState::New {
            peer.set_state(MediaState::Connecting);
        }
        if let Some(d) = peer.dtls.as_mut() {
            d.start(now);
        }
        self.out.push(Outgoing { socket: sock, to: from, data: Bytes::from(response) });
        self.dtls_transmit(id);
    }

    /// Sends what DTLS has queued for peer `id`.
    fn dtls_transmit(&mut self, id: PeerId) {
        if let Some(peer) = self.peers.get_mut(&id) {
            queue_dtls(peer, &mut self.out);
        }
    }

    fn dtls(&mut self, id: PeerId, data: &[u8], now: Instant) {
        let Some(peer) = self.peers.get_mut(&id) else { return };
        peer.heard(now);
        let event = peer.dtls.as_mut().and_then(|d| d.read(now, data));
        self.dtls_transmit(id);
        match event {
            Some(DtlsEvent::Connected) => self.dtls_connected(id, now),
            Some(DtlsEvent::Closed) => {
                if let Some(peer) = self.peers.get_mut(&id) {
                    peer.set_state(MediaState::Closed);
                }
            }
            None => {}
        }
    }

    fn dtls_connected(&mut self, id: PeerId, now: Instant) {
        let Some(peer) = self.peers.get_mut(&id) else { return };
        let keys = peer.dtls.as_ref().map(|d| d.srtp(&self.identity));
        match keys {
            Some(Ok(contexts)) => {
                peer.srtp = Some(contexts);
                peer.set_state(MediaState::Connected);
            }
            Some(Err(e)) => {
                tracing::warn!(error = %e, "no SRTP keys from the DTLS handshake");
                peer.set_state(MediaState::Failed);
                return;
            }
            None => return,
        }
        // A subscriber that (re)connects needs a keyframe to start decoding.
        let video = &mut peer.outbound[index(MediaKind::Video)];
        if video.client_receives {
            video.keyframe = Some(super::keyframe::KeyframeWait::asked(now));
        }
        let (room, publisher) = (peer.room, peer.role.other());
        self.request_keyframe(room, publisher);
    }

    /// Asks the current publisher of `role` in `room` for a keyframe.
    fn request_keyframe(&mut self, room: u64, role: Party) {
        let Some(id) = self.rooms.get(&room).and_then(|r| r.current[party_index(role)]) else { return };
        let Some(peer) = self.peers.get(&id) else { return };
        let Some(media_ssrc) = peer.inbound[index(MediaKind::Video)].reception.as_ref().map(|r| r.ssrc) else { return };
        let sender = peer.feedback_ssrc();
        if self.send_rtcp(id, &[rtcp::pli(sender, media_ssrc)]) {
            self.counts.keyframe_requests += 1;
        }
    }

    /// Encrypts and queues RTCP for peer `id`; `false` if it has no keys or path yet.
    fn send_rtcp(&mut self, id: PeerId, packets: &[Box<dyn rtc::rtcp::packet::Packet>]) -> bool {
        let Some(peer) = self.peers.get_mut(&id) else { return false };
        let (Some((local, _)), Some(path)) = (peer.srtp.as_mut(), peer.selected) else { return false };
        let Ok(plain) = rtc::rtcp::packet::marshal(packets) else { return false };
        let Ok(sealed) = local.encrypt_rtcp(&plain) else { return false };
        self.out.push(Outgoing { socket: path.0, to: path.1, data: sealed.freeze() });
        true
    }

    fn rtp(&mut self, id: PeerId, data: &[u8], now: Instant, wall: SystemTime) {
        // The publisher: decrypt, account, classify.
        let Some(peer) = self.peers.get_mut(&id) else { return };
        peer.heard(now);
        let Some((_, remote)) = peer.srtp.as_mut() else { return };
        let Ok(plain) = remote.decrypt_rtp(data) else { return };
        let plain = plain.freeze();
        // Malformed headers (CSRC or extension lengths past the end) are dropped here.
        let Some(at) = rtp::payload_offset(&plain) else { return };
        let payload = (plain.len() - at) as u64;
        let pt = plain[1] & 0x7f;
        let seq = u16::from_be_bytes([plain[2], plain[3]]);
        let ts = u32::from_be_bytes([plain[4], plain[5], plain[6], plain[7]]);
        let ssrc = u32::from_be_bytes([plain[8], plain[9], plain[10], plain[11]]);
        let Some(kind) = peer.kind_of_pt(pt) else { return };
        let k = index(kind);
        let inbound = &mut peer.inbound[k];
        match inbound.reception.as_mut() {
            Some(r) if r.ssrc == ssrc => r.packet(seq, ts, now, self.origin),
            _ => inbound.reception = Some(Reception::new(ssrc, seq, clock_rate(kind))),
        }
        let first = !std::mem::replace(&mut inbound.started, true);
        let (room_id, role) = (peer.room, peer.role);
        self.counts.received[k].0 += 1;
        self.counts.received[k].1 += payload;

        // The room: only the newest connection of a party publishes; the taps get a copy.
        let Some(room) = self.rooms.get_mut(&room_id) else { return };
        if room.current[party_index(role)] != Some(id) {
            return;
        }
        if room.has_taps {
            if first {
                // Packets before the start are the previous connection's: deliver them first.
                room.hand_over_taps();
                room.inner.started(role, kind);
            }
            if room.taps.is_empty() {
                self.taps_due.push(room_id);
            }
            room.taps.push(Pending::whole(role, kind, plain.clone(), wall));
        }
        let subscriber = room.current[party_index(role.other())];
        if first && kind == MediaKind::Video {
            // A new source: the subscriber's decoder needs a keyframe of it.
            if let Some(sub) = subscriber.and_then(|s| self.peers.get_mut(&s)) {
                let out = &mut sub.outbound[k];
                if out.client_receives {
                    out.keyframe = Some(super::keyframe::KeyframeWait::asked(now));
                }
            }
            self.request_keyframe(room_id, role);
        }

        // The subscriber: rewrite onto its stream, encrypt, queue.
        let Some(sub) = subscriber.and_then(|s| self.peers.get_mut(&s)) else { return };
        let out = &mut sub.outbound[k];
        let (Some(out_pt), true, Some(path)) = (out.pt, out.client_receives, sub.selected) else { return };
        let Some((local, _)) = sub.srtp.as_mut() else { return };
        let (out_seq, out_ts) = out.rewriter.map(ssrc, seq, ts, clock_rate(kind), now);
        if out.keyframe.is_some() && kind == MediaKind::Video && vp8::starts_keyframe(&plain[at..]) {
            out.keyframe = None;
        }
        let s = &mut self.scratch;
        s.clear();
        s.extend_from_slice(&plain);
        s[1] = (s[1] & 0x80) | out_pt;
        s[2..4].copy_from_slice(&out_seq.to_be_bytes());
        s[4..8].copy_from_slice(&out_ts.to_be_bytes());
        s[8..12].copy_from_slice(&out.ssrc.to_be_bytes());
        let Ok(sealed) = local.encrypt_rtp(s) else { return };
        let sealed = sealed.freeze();
        out.packets = out.packets.wrapping_add(1);
        out.octets = out.octets.wrapping_add(payload as u32);
        if let Some(ring) = out.ring.as_mut() {
            ring.put(out_seq, sealed.clone());
        }
        self.counts.forwarded[k].0 += 1;
        self.counts.forwarded[k].1 += payload;
        self.out.push(Outgoing { socket: path.0, to: path.1, data: sealed });
    }

    fn rtcp(&mut self, id: PeerId, data: &[u8], now: Instant) {
        let Some(peer) = self.peers.get_mut(&id) else { return };
        peer.heard(now);
        let Some((_, remote)) = peer.srtp.as_mut() else { return };
        let Ok(plain) = remote.decrypt_rtcp(data) else { return };
        let Ok(packets) = rtc::rtcp::packet::unmarshal(&mut &plain[..]) else { return };
        let fb = rtcp::read(&packets);
        let (room_id, role) = (peer.room, peer.role);

        // As publisher: its sender reports, for our receiver reports and the subscriber's SR.
        let mut translated = Vec::new();
        for (ssrc, ntp, rtp_time) in &fb.sender_reports {
            if let Some(kind) = peer.inbound_kind(*ssrc) {
                if let Some(r) = peer.inbound[index(kind)].reception.as_mut() {
                    r.sender_report(*ntp, now);
                }
                translated.push((kind, *ssrc, *ntp, *rtp_time));
            }
        }
        // As subscriber: retransmissions from the ring, the rest relayed upstream.
        let mut resend = Vec::new();
        let mut upstream: HashMap<u32, Vec<u16>> = HashMap::new();
        for (media_ssrc, seqs) in &fb.nacks {
            if peer.outbound_kind(*media_ssrc) != Some(MediaKind::Video) {
                continue;
            }
            let out = &peer.outbound[index(MediaKind::Video)];
            for seq in seqs {
                match out.ring.as_ref().and_then(|r| r.get(*seq)) {
                    Some(p) => resend.push(p.clone()),
                    None => {
                        if let Some((src, src_seq)) = out.rewriter.source_seq(*seq) {
                            upstream.entry(src).or_default().push(src_seq);
                        }
                    }
                }
            }
        }
        let mut keyframe = false;
        for ssrc in &fb.keyframe_for {
            if peer.outbound_kind(*ssrc) == Some(MediaKind::Video) {
                let out = &mut peer.outbound[index(MediaKind::Video)];
                if out.last_pli.is_none_or(|t| now.saturating_duration_since(t) >= PLI_MIN_GAP) {
                    out.last_pli = Some(now);
                    keyframe = true;
                }
            }
        }
        let path = peer.selected;
        for p in resend {
            self.send_to(path, p);
        }
        if let (Some(bitrate), Some(room)) = (fb.remb, self.rooms.get_mut(&room_id)) {
            room.remb[party_index(role)] = Some(bitrate);
        }
        let Some(other) = self.rooms.get(&room_id).and_then(|r| r.current[party_index(role.other())]) else { return };
        if keyframe {
            self.request_keyframe(room_id, role.other());
        }
        if !upstream.is_empty() {
            if let Some(publisher) = self.peers.get(&other) {
                let sender = publisher.feedback_ssrc();
                let packets: Vec<_> = upstream.iter().map(|(ssrc, seqs)| rtcp::nack(sender, *ssrc, seqs)).collect();
                self.send_rtcp(other, &packets);
            }
        }
        // The publisher's sender reports, on the subscriber's timeline.
        let mut reports = Vec::new();
        if let Some(sub) = self.peers.get(&other) {
            for (kind, ssrc, ntp, rtp_time) in translated {
                let out = &sub.outbound[index(kind)];
                if let (true, Some(ts)) = (out.client_receives, out.rewriter.output_ts(ssrc, rtp_time)) {
                    reports.push(rtcp::sender_report(out.ssrc, ntp, ts, out.packets, out.octets));
                }
            }
        }
        if !reports.is_empty() {
            self.send_rtcp(other, &reports);
        }
    }

    fn tick(&mut self, now: Instant) {
        let ids: Vec<PeerId> = self.peers.keys().copied().collect();
        let mut keyframes = Vec::new();
        let mut reports = Vec::new();
        for id in ids {
            let Some(peer) = self.peers.get_mut(&id) else { continue };
            peer.check_silence(now);
            if let Some(d) = peer.dtls.as_mut() {
                if d.poll_timeout().is_some_and(|t| now >= t) {
                    if let Err(e) = d.handle_timeout(now) {
                        tracing::debug!(error = %e, "dtls handshake gave up");
                        peer.set_state(MediaState::Failed);
                    }
                }
            }
            let video = &mut peer.outbound[index(MediaKind::Video)];
            if video.keyframe.as_mut().is_some_and(|w| w.due(now)) {
                keyframes.push((peer.room, peer.role.other()));
            }
            if peer.srtp.is_some() && now >= peer.next_report {
                peer.next_report = now + REPORT_EVERY;
                reports.push(id);
            }
            self.dtls_transmit(id);
        }
        for (room, role) in keyframes {
            self.request_keyframe(room, role);
        }
        for id in reports {
            self.report(id, now);
        }
    }

    /// Receiver reports and the bandwidth cap to a publisher.
    fn report(&mut self, id: PeerId, now: Instant) {
        let Some(peer) = self.peers.get_mut(&id) else { return };
        let sender = peer.feedback_ssrc();
        let blocks: Vec<_> = peer.inbound.iter_mut().filter_map(|i| i.reception.as_mut()).map(|r| r.report(now)).collect();
        if blocks.is_empty() {
            return;
        }
        let video = peer.inbound[index(MediaKind::Video)].reception.as_ref().map(|r| r.ssrc);
        let role = peer.role;
        let mut packets = vec![rtcp::receiver_report(sender, blocks)];
        if let Some(v) = video {
            let estimate = self.rooms.get(&peer.room).and_then(|r| r.remb[party_index(role.other())]);
            packets.push(rtcp::remb(sender, estimate.map_or(REMB_CAP, |e| e.min(REMB_CAP)), vec![v]));
        }
        self.send_rtcp(id, &packets);
    }

    fn command(&mut self, c: Command) {
        let now = Instant::now();
        match c {
            Command::Add { id, room, role, events, ssrcs } => {
                let room_id = room.id;
                let r = self.rooms.entry(room_id).or_insert_with(|| Room {
                    inner: room,
                    current: [None, None],
                    members: 0,
                    has_taps: false,
                    taps: Vec::new(),
                    remb: [None, None],
                });
                r.has_taps = r.inner.has_taps();
                r.members += 1;
                r.current[party_index(role)] = Some(id);
                self.peers.insert(id, EnginePeer::new(room_id, role, events, ssrcs, now));
            }
            Command::Remote { id, remote, reply } => {
                let _ = reply.send(self.remote(id, remote));
            }
            Command::Close { id, reply } => {
                self.close(id, now);
                if let Some(reply) = reply {
                    let _ = reply.send(());
                }
            }
        }
    }

    fn remote(&mut self, id: PeerId, remote: Remote) -> Result<(), String> {
        let peer = self.peers.get_mut(&id).ok_or("the peer connection is closed")?;
        if peer.dtls.is_none() {
            peer.dtls = Some(Dtls::new(&self.identity, remote.fingerprint, remote.dtls_client)?);
        }
        if let Some(old) = peer.local_ufrag.replace(remote.local_ufrag.clone()) {
            if old != remote.local_ufrag && self.by_ufrag.get(&old) == Some(&id) {
                self.by_ufrag.remove(&old);
            }
        }
        self.by_ufrag.insert(remote.local_ufrag, id);
        peer.local_pwd = remote.local_pwd;
        peer.remote_ufrag = Some(remote.remote_ufrag);
        peer.negotiated(&remote.negotiated);
        Ok(())
    }

    fn close(&mut self, id: PeerId, now: Instant) {
        let Some(mut peer) = self.peers.remove(&id) else { return };
        if let Some(d) = peer.dtls.as_mut() {
            d.close(now);
        }
        queue_dtls(&mut peer, &mut self.out);
        for path in &peer.paths {
            if self.by_path.get(path) == Some(&id) {
                self.by_path.remove(path);
            }
        }
        if let Some(u) = &peer.local_ufrag {
            if self.by_ufrag.get(u) == Some(&id) {
                self.by_ufrag.remove(u);
            }
        }
        if let Some(room) = self.rooms.get_mut(&peer.room) {
            // Its last packets reach the taps before the close is acknowledged.
            room.hand_over_taps();
            if room.current[party_index(peer.role)] == Some(id) {
                room.current[party_index(peer.role)] = None;
            }
            room.members -= 1;
            if room.members == 0 {
                self.rooms.remove(&peer.room);
            }
        }
        self.flush();
    }
}
