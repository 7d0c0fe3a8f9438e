// The checks before a call, framework-free: browser support, the microphone's level, the
// server's reachability (HTTP and the socket the call uses) and the TURN relay. Each answers a
// stable code the page translates along with its fix.

export type CheckState = { kind: 'running' } | { kind: 'ok'; detail?: Record<string, number | string> } | { kind: 'warn' | 'fail'; code: string };

/** What a browser needs for the call; the missing ones, by name. */
export function missingFeatures(w: Pick<typeof globalThis, 'isSecureContext' | 'RTCPeerConnection' | 'navigator' | 'WebSocket'> = globalThis): string[] {
  const out: string[] = [];
  if (!w.isSecureContext) out.push('secure_context');
  if (typeof w.RTCPeerConnection !== 'function') out.push('webrtc');
  if (!w.navigator?.mediaDevices?.getUserMedia) out.push('camera_access');
  if (typeof w.WebSocket !== 'function') out.push('websocket');
  return out;
}

/** The loudness of a stream's audio, 0–1 (RMS of the waveform), read as often as wanted. */
export class LevelMeter {
  private ctx: AudioContext;
  private analyser: AnalyserNode;
  private buf: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.ctx = new AudioContext();
    const src = this.ctx.createMediaStreamSource(stream);
    this.analyser = this.ctx.createAnalyser();
    this.analyser.fftSize = 1024;
    this.buf = new Float32Array(this.analyser.fftSize);
    src.connect(this.analyser);
    // Autoplay policies may start the context suspended; the check runs after a tap anyway.
    void this.ctx.resume().catch(() => undefined);
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.buf);
    let sum = 0;
    for (const x of this.buf) sum += x * x;
    // Speech at a normal distance is about 0.02–0.2 RMS; scale so it fills most of the meter.
    return Math.min(1, Math.sqrt(sum / this.buf.length) * 4);
  }

  close(): void {
    void this.ctx.close().catch(() => undefined);
  }
}

/** Median round trip of a few requests to the server, in ms; throws when none succeeded. */
export async function serverRoundTrip(fetchFn: typeof fetch = fetch, tries = 3, now: () => number = () => performance.now()): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    const t0 = now();
    try {
      const r = await fetchFn(`/readyz?probe=${i}`, { cache: 'no-store' });
      if (r.ok) times.push(now() - t0);
    } catch {
      /* counted as missing */
    }
  }
  if (!times.length) throw new Error('server unreachable');
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

/** Whether the call's socket opens (proxies that block WebSockets fail here, not in the call). */
export function socketOpens(url: string, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      return resolve(false);
    }
    const timer = setTimeout(() => {
      ws.close();
      resolve(false);
    }, timeoutMs);
    ws.onopen = () => {
      clearTimeout(timer);
      ws.close();
      resolve(true);
    };
    ws.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

export type RelayResult = 'ok' | 'not_configured' | 'failed';

/**
 * Whether the TURN relay answers: a peer connection that may only use relayed candidates
 * gathers one within the time limit (no call, nothing sent but the allocation).
 */
export async function relayReachable(iceServers: RTCIceServer[], timeoutMs = 6000): Promise<RelayResult> {
  const turn = iceServers.filter((s) => [s.urls].flat().some((u) => /^turns?:/.test(u)));
  if (!turn.length) return 'not_configured';
  const pc = new RTCPeerConnection({ iceServers: turn, iceTransportPolicy: 'relay' });
  try {
    pc.createDataChannel('probe');
    const found = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      pc.onicecandidate = (e) => {
        if (e.candidate?.candidate.includes(' typ relay')) {
          clearTimeout(timer);
          resolve(true);
        } else if (!e.candidate) {
          clearTimeout(timer);
          resolve(false);
        }
      };
    });
    await pc.setLocalDescription(await pc.createOffer());
    return (await found) ? 'ok' : 'failed';
  } catch {
    return 'failed';
  } finally {
    pc.close();
  }
}
