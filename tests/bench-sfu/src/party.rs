//! One participant of a call: drives its legs (one peer connection with our SFU; a publishing
//! and a subscribing one with Janus VideoRoom), replays the clip on the publishing leg and
//! measures what arrives on the others.

use crate::media::{Clip, Stream};
use crate::peer::{Leg, Tx, AUDIO_PT, VIDEO_PT};
use crate::stats::{stamp, Stats};
use rtc::peer_connection::event::RTCPeerConnectionEvent;
use rtc::peer_connection::message::RTCMessage;
use rtc::peer_connection::state::RTCPeerConnectionState;
use rtc::peer_connection::transport::RTCIceCandidateInit;
use rtc::rtp::header::Header;
use rtc::rtp::packet::Packet;
use rtc::sansio::Protocol;
use rtc::shared::{TaggedBytesMut, TransportContext, TransportProtocol};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc;

/// When each clip packet was last sent by one party (see `media.rs`).
pub struct SendLog(Vec<AtomicU64>);

impl SendLog {
    pub fn new(len: usize) -> Arc<SendLog> {
        Arc::new(SendLog((0..len).map(|_| AtomicU64::new(0)).collect()))
    }
}

/// What signaling tells a running party.
pub enum Control {
    Candidate {
        leg: usize,
        candidate: RTCIceCandidateInit,
    },
    /// A further leg to drive (a Janus subscription, set up once the publisher is up).
    AddLeg(Box<Leg>),
    Stop,
}

struct Cursor {
    loop_no: u32,
    i: usize,
    seq: u16,
    ts_base: u32,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor {
            loop_no: 0,
            i: 0,
            seq: rand::random(),
            ts_base: rand::random(),
        }
    }
    fn due(&self, s: &Stream, start: Instant) -> Instant {
        start + s.period * self.loop_no + s.packets[self.i].at
    }
    fn advance(&mut self, s: &Stream) {
        self.i += 1;
        self.seq = self.seq.wrapping_add(1);
        if self.i == s.packets.len() {
            self.i = 0;
            self.loop_no += 1;
        }
    }
}

pub struct Party {
    pub legs: Vec<Leg>,
    pub clip: Arc<Clip>,
    pub mine: Arc<SendLog>,
    pub theirs: Arc<SendLog>,
    pub stats: Arc<Stats>,
    pub control: mpsc::UnboundedReceiver<Control>,
}

impl Party {
    pub async fn run(mut self) {
        let start = Instant::now();
        let (mut video, mut audio) = (Cursor::new(), Cursor::new());
        let mut bufs = [vec![0u8; 2048], vec![0u8; 2048]];
        loop {
            self.flush_and_poll();
            let now = Instant::now();
            let mut deadline = video
                .due(&self.clip.video, start)
                .min(audio.due(&self.clip.audio, start));
            for leg in &mut self.legs {
                if let Some(t) = leg.pc.poll_timeout() {
                    deadline = deadline.min(t);
                }
            }
            if deadline > now {
                let (first, rest) = self.legs.split_first_mut().expect("a party has a leg");
                let [b0, b1] = &mut bufs;
                let got = tokio::select! {
                    _ = tokio::time::sleep_until(deadline.into()) => None,
                    r = first.sock.recv_from(b0) => r.ok().map(|(n, from)| (0, n, from)),
                    r = async { rest[0].sock.recv_from(b1).await }, if !rest.is_empty() => r.ok().map(|(n, from)| (1, n, from)),
                    c = self.control.recv() => match c {
                        Some(Control::Candidate { leg, candidate }) => {
                            if let Some(l) = self.legs.get_mut(leg) {
                                let _ = l.pc.add_remote_candidate(candidate);
                            }
                            continue;
                        }
                        Some(Control::AddLeg(leg)) => {
                            self.legs.push(*leg);
                            continue;
                        }
                        Some(Control::Stop) | None => break,
                    },
                };
                if let Some((k, n, from)) = got {
                    self.read(k, &bufs[k][..n], from);
                    // Drain what else is queued on that socket before polling again.
                    while let Ok((n, from)) = self.legs[k].sock.try_recv_from(&mut bufs[k]) {
                        self.read(k, &bufs[k][..n], from);
                    }
                    continue;
                }
            }
            let now = Instant::now();
            for leg in &mut self.legs {
                if leg.pc.poll_timeout().is_some_and(|t| t <= now) {
                    let _ = leg.pc.handle_timeout(now);
                }
            }
            self.send_due(&mut video, true, start, now);
            self.send_due(&mut audio, false, start, now);
        }
        for leg in &mut self.legs {
            let _ = leg.pc.close();
        }
        self.flush_and_poll();
    }

    fn read(&mut self, k: usize, data: &[u8], from: SocketAddr) {
        let leg = &mut self.legs[k];
        let msg = TaggedBytesMut {
            now: Instant::now(),
            transport: TransportContext {
                local_addr: leg.local,
                peer_addr: from,
                ecn: None,
                transport_protocol: TransportProtocol::UDP,
            },
            message: bytes::BytesMut::from(data),
        };
        let _ = leg.pc.handle_read(msg);
        self.poll_reads(k);
    }

    fn poll_reads(&mut self, k: usize) {
        let leg = &mut self.legs[k];
        while let Some(m) = leg.pc.poll_read() {
            if let RTCMessage::RtpPacket(_, p) = m.message {
                self.stats.received.fetch_add(1, Relaxed);
                self.stats
                    .received_bytes
                    .fetch_add(p.payload.len() as u64, Relaxed);
                if let Some(i) = self.clip.index_of(&p.payload) {
                    let sent = self.theirs.0[i as usize].load(Relaxed);
                    let now = stamp(Instant::now());
                    if sent != 0 && now > sent && now - sent < 2_000_000_000 {
                        self.stats.record_latency(now - sent);
                    }
                }
            }
        }
    }

    fn flush_and_poll(&mut self) {
        for k in 0..self.legs.len() {
            let leg = &mut self.legs[k];
            while let Some(out) = leg.pc.poll_write() {
                if let Err(e) = leg.sock.try_send_to(&out.message, out.transport.peer_addr) {
                    if e.kind() != std::io::ErrorKind::WouldBlock {
                        break;
                    }
                }
            }
            while let Some(ev) = leg.pc.poll_event() {
                if let RTCPeerConnectionEvent::OnConnectionStateChangeEvent(s) = ev {
                    match s {
                        RTCPeerConnectionState::Connected if !leg.connected => {
                            leg.connected = true;
                            self.stats.legs_connected.fetch_add(1, Relaxed);
                        }
                        RTCPeerConnectionState::Failed if !leg.failed => {
                            leg.failed = true;
                            self.stats.legs_failed.fetch_add(1, Relaxed);
                        }
                        _ => {}
                    }
                }
            }
            self.poll_reads(k);
        }
    }

    /// Sends every packet of one stream that is due; before the leg connects, the clip runs on
    /// unsent (a camera does not wait either).
    fn send_due(&mut self, cur: &mut Cursor, video: bool, start: Instant, now: Instant) {
        let clip = self.clip.clone();
        let stream = if video { &clip.video } else { &clip.audio };
        let leg = &mut self.legs[0];
        let tx: Option<Tx> = if video { leg.video } else { leg.audio };
        while cur.due(stream, start) <= now {
            let p = &stream.packets[cur.i];
            if let (true, Some(tx)) = (leg.connected, tx) {
                let packet = Packet {
                    header: Header {
                        version: 2,
                        marker: p.marker,
                        payload_type: if video { VIDEO_PT } else { AUDIO_PT },
                        sequence_number: cur.seq,
                        timestamp: cur
                            .ts_base
                            .wrapping_add(stream.ts_period.wrapping_mul(cur.loop_no))
                            .wrapping_add(p.ts),
                        ssrc: tx.ssrc,
                        ..Default::default()
                    },
                    payload: p.payload.clone(),
                };
                if let Some(mut sender) = leg.pc.rtp_sender(tx.sender) {
                    if sender.write_rtp(now, packet).is_ok() {
                        self.mine.0[stream.base + cur.i].store(stamp(now), Relaxed);
                        self.stats.sent.fetch_add(1, Relaxed);
                    }
                }
            }
            cur.advance(stream);
        }
    }
}
