//! The media loop's UDP sockets: one per configured address, all peers on it. Reads are
//! batched (`recvmmsg`, and GRO where the kernel coalesces), writes go out per destination with
//! UDP GSO (one `sendmsg` for a run of equal-size packets to one address), both via `quinn-udp`.

use bytes::Bytes;
use quinn_udp::{RecvMeta, Transmit, UdpSockRef, UdpSocketState, BATCH_SIZE};
use std::io::{self, IoSliceMut};
use std::net::{IpAddr, SocketAddr};

/// Socket buffers: a burst of video frames for many peers must not overflow them.
const SOCKET_BUFFER: usize = 4 << 20;
/// One receive buffer: a GRO batch can carry up to 64 KiB.
const RECV_BUFFER: usize = 64 * 1024;
/// The most segments one GSO send carries (the kernel allows 64).
const MAX_SEGMENTS: usize = 32;

pub(super) struct Socket {
    pub io: mio::net::UdpSocket,
    state: UdpSocketState,
    pub local: SocketAddr,
}

/// A datagram to send.
pub(super) struct Outgoing {
    pub socket: usize,
    pub to: SocketAddr,
    pub data: Bytes,
}

/// Buffers for one receive batch (kept apart from `Sockets` so the loop can read the batch
/// while it sends).
pub(super) struct RecvBatch {
    bufs: Vec<Vec<u8>>,
    metas: Vec<RecvMeta>,
    n: usize,
}

impl RecvBatch {
    pub(super) fn new() -> RecvBatch {
        RecvBatch { bufs: (0..BATCH_SIZE).map(|_| vec![0u8; RECV_BUFFER]).collect(), metas: vec![RecvMeta::default(); BATCH_SIZE], n: 0 }
    }

    /// The most messages one receive returns.
    pub(super) fn capacity(&self) -> usize {
        self.bufs.len()
    }

    /// The datagrams of the last receive, with their senders (GRO batches split up).
    pub(super) fn datagrams(&self) -> impl Iterator<Item = (SocketAddr, &[u8])> {
        self.metas.iter().zip(self.bufs.iter()).take(self.n).flat_map(|(meta, buf)| {
            let stride = meta.stride.max(1);
            buf[..meta.len].chunks(stride).map(move |chunk| (meta.addr, chunk))
        })
    }
}

pub(super) struct Sockets {
    pub list: Vec<Socket>,
    gso: Vec<u8>,
}

impl Sockets {
    pub(super) fn bind(ips: &[IpAddr], port: u16) -> io::Result<Sockets> {
        let mut list = Vec::new();
        for ip in ips {
            let std_sock = std::net::UdpSocket::bind(SocketAddr::new(*ip, port))?;
            std_sock.set_nonblocking(true)?;
            let state = UdpSocketState::new(UdpSockRef::from(&std_sock))?;
            // Best effort: the kernel caps these at net.core.{r,w}mem_max.
            let _ = state.set_send_buffer_size(UdpSockRef::from(&std_sock), SOCKET_BUFFER);
            let _ = state.set_recv_buffer_size(UdpSockRef::from(&std_sock), SOCKET_BUFFER);
            let local = std_sock.local_addr()?;
            list.push(Socket { io: mio::net::UdpSocket::from_std(std_sock), state, local });
        }
        Ok(Sockets { list, gso: Vec::with_capacity(MAX_SEGMENTS * 1500) })
    }

    /// Reads one batch from socket `idx` into `batch`. Returns how many messages arrived (0 =
    /// nothing waiting).
    pub(super) fn recv(&self, idx: usize, batch: &mut RecvBatch) -> io::Result<usize> {
        let sock = &self.list[idx];
        batch.n = 0;
        let mut slices: Vec<IoSliceMut<'_>> = batch.bufs.iter_mut().map(|b| IoSliceMut::new(b)).collect();
        match sock.state.recv(UdpSockRef::from(&sock.io), &mut slices, &mut batch.metas) {
            Ok(n) => {
                batch.n = n;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(0),
            Err(e) => Err(e),
        }
    }

    /// Sends everything in `out` (emptied), grouping runs of equal-size datagrams to the same
    /// address into one GSO send. The order between different destinations is not kept.
    /// Returns how many datagrams could not be sent (a full send buffer or a send error): they
    /// are counted, not logged per packet, and not retried (media is late by then).
    pub(super) fn send_all(&mut self, out: &mut Vec<Outgoing>) -> u64 {
        let mut failed = 0;
        out.sort_by_key(|o| (o.socket, o.to));
        let mut i = 0;
        while i < out.len() {
            let first = &out[i];
            let sock = &self.list[first.socket];
            let max = sock.state.max_gso_segments().min(MAX_SEGMENTS);
            // A run: same socket and destination, equal sizes, the last may be shorter.
            let size = first.data.len();
            let mut j = i + 1;
            while j < out.len() && j - i < max && out[j].socket == first.socket && out[j].to == first.to && out[j].data.len() <= size {
                let shorter = out[j].data.len() < size;
                j += 1;
                if shorter {
                    break;
                }
            }
            let result = if j - i == 1 {
                let t = Transmit { destination: first.to, ecn: None, contents: &first.data, segment_size: None, src_ip: None };
                sock.state.try_send(UdpSockRef::from(&sock.io), &t)
            } else {
                self.gso.clear();
                for o in &out[i..j] {
                    self.gso.extend_from_slice(&o.data);
                }
                let t = Transmit { destination: first.to, ecn: None, contents: &self.gso, segment_size: Some(size), src_ip: None };
                sock.state.try_send(UdpSockRef::from(&sock.io), &t)
            };
            if result.is_err() {
                failed += (j - i) as u64;
            }
            i = j;
        }
        out.clear();
        failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_batch_to_one_address_arrives_whole_and_in_order() {
        let mut s = Sockets::bind(&["127.0.0.1".parse().expect("ip")], 0).expect("bind");
        let rx = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
        rx.set_read_timeout(Some(Duration::from_secs(2))).expect("timeout");
        let to = rx.local_addr().expect("addr");
        let mut out: Vec<Outgoing> = (0..5u8)
            .map(|i| Outgoing { socket: 0, to, data: Bytes::from(vec![i; if i == 4 { 300 } else { 1000 }]) })
            .collect();
        s.send_all(&mut out);
        assert!(out.is_empty());
        let mut buf = [0u8; 2000];
        for i in 0..5u8 {
            let (n, _) = rx.recv_from(&mut buf).expect("datagram");
            assert_eq!(n, if i == 4 { 300 } else { 1000 });
            assert!(buf[..n].iter().all(|b| *b == i));
        }
    }

    #[test]
    fn received_datagrams_come_with_their_sender() {
        let s = Sockets::bind(&["127.0.0.1".parse().expect("ip")], 0).expect("bind");
        let tx = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
        let server = s.list[0].local;
        for i in 0..3u8 {
            tx.send_to(&[i; 10], server).expect("send");
        }
        let mut got = Vec::new();
        let mut batch = RecvBatch::new();
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while got.len() < 3 && std::time::Instant::now() < deadline {
            s.recv(0, &mut batch).expect("recv");
            got.extend(batch.datagrams().map(|(from, d)| (from, d.to_vec())));
        }
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|(from, _)| *from == tx.local_addr().expect("addr")));
        assert_eq!(got[2].1, vec![2u8; 10]);
    }
}
