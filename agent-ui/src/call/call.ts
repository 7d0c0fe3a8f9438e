// One participant's side of a verification call: signaling socket + peer connection with the
// server's SFU. The client always offers and the server answers, so renegotiation and ICE
// restarts need no glare handling. A dropped socket rejoins with the same link.
import type { CallClientMsg } from '../api/generated/CallClientMsg';
import type { CallServerMsg } from '../api/generated/CallServerMsg';
import type { Candidate } from '../api/generated/Candidate';
import type { IceServer } from '../api/generated/IceServer';
import type { Party } from '../api/generated/Party';
import { asAiEvent, type AiEvent } from './ai-event';
import { PROTOCOL_VERSION, signalingUrl, type Credential } from './location';

export interface CallEvents {
  status(text: string): void;
  remoteStream(stream: MediaStream): void;
  peerPresent(present: boolean): void;
  ended(reason: string): void;
  error(code: string, message: string): void;
  /** Agent only: face-analysis events and availability. */
  ai?(event: AiEvent): void;
  aiStatus?(available: boolean): void;
}

export class CallClient {
  private ws: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private finished = false;
  private pingTimer: number | undefined;
  private restartTimer: number | undefined;
  private retryDelay = 250;
  role: Party | null = null;
  joinedAt = 0;
  /** Milestones of the latest join, in ms since the socket opened (diagnostics, benchmarks). */
  timeline: Record<string, number> = {};
  /** Every face-analysis event received (agent), for the console and for tests. */
  aiEvents: AiEvent[] = [];

  constructor(private credential: Credential, private local: MediaStream, private events: CallEvents) {}

  join(): void {
    const ws = new WebSocket(signalingUrl());
    this.ws = ws;
    ws.onopen = () => {
      this.joinedAt = performance.now();
      this.timeline = {};
      this.send({ type: 'join', ...this.credential, protocol: PROTOCOL_VERSION });
    };
    ws.onmessage = (e) => this.onMessage(JSON.parse(e.data as string) as CallServerMsg);
    ws.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.ws === ws && !this.finished) {
        this.events.status('Connection lost, reconnecting…');
        // Quick first retry (a blip), then back off so a dead server is not hammered.
        window.setTimeout(() => this.join(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, 5000);
      }
    };
    this.pingTimer = window.setInterval(() => this.send({ type: 'ping', id: Date.now() }), 10_000);
  }

  hangup(): void {
    this.send({ type: 'hangup' });
  }

  setMuted(audioMuted: boolean): void {
    this.local.getAudioTracks().forEach((t) => (t.enabled = !audioMuted));
    this.send({ type: 'mute', audio: audioMuted, video: false });
  }

  /** Agent only: asks the server to run a head-movement challenge on the customer's video. */
  startChallenge(opts: { steps?: string[]; moves?: number; step_timeout_ms?: number }): void {
    this.send({ type: 'start_challenge', ...opts });
  }

  /** For tests and diagnostics: the live peer connection. */
  get peerConnection(): RTCPeerConnection | null {
    return this.pc;
  }

  /** Simulates a network drop: both the socket and the media connection die without a goodbye. */
  simulateDrop(): void {
    this.pc?.close();
    this.pc = null;
    this.ws?.close();
  }

  private send(msg: CallClientMsg): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private mark(name: string): void {
    if (!(name in this.timeline)) this.timeline[name] = Math.round(performance.now() - this.joinedAt);
  }

  private onMessage(msg: CallServerMsg): void {
    this.mark(msg.type);
    switch (msg.type) {
      case 'joined':
        this.retryDelay = 250;
        this.role = msg.role;
        this.events.peerPresent(msg.peer_present);
        this.events.status(msg.peer_present ? 'Connecting media…' : 'Waiting for the other party…');
        this.startPeer(msg.ice_servers);
        break;
      case 'answer':
        this.pc?.setRemoteDescription({ type: 'answer', sdp: msg.sdp }).catch((e) => this.events.error('answer', String(e)));
        break;
      case 'candidate':
        if (msg.candidate.candidate) this.pc?.addIceCandidate(msg.candidate).catch(() => undefined);
        break;
      case 'peer_joined':
        this.events.peerPresent(true);
        this.events.status('Connecting media…');
        break;
      case 'peer_left':
        this.events.peerPresent(false);
        this.events.status('The other party left; waiting for them to come back…');
        break;
      case 'media_state':
        if (msg.state === 'connected') this.events.status('In call');
        break;
      case 'ended':
        this.finish(msg.reason);
        break;
      case 'server_closing':
        // The server restarts; the socket's close triggers the usual rejoin.
        this.events.status('The service is restarting, reconnecting…');
        break;
      case 'ai': {
        const event = asAiEvent(msg.event);
        if (!event) break;
        this.aiEvents.push(event);
        this.events.ai?.(event);
        break;
      }
      case 'ai_status':
        this.events.aiStatus?.(msg.available);
        break;
      case 'error':
        this.events.error(msg.code, msg.message);
        if (['invalid_token', 'token_expired', 'token_revoked', 'session_ended', 'role_taken', 'replaced'].includes(msg.code)) {
          this.finished = true;
          this.events.status(`Cannot join: ${msg.message}`);
        }
        break;
      default:
        break;
    }
  }

  private startPeer(iceServers: IceServer[]): void {
    this.pc?.close();
    const pc = new RTCPeerConnection({ iceServers: iceServers.map(toRtcIceServer), bundlePolicy: 'max-bundle' });
    this.pc = pc;
    for (const track of this.local.getTracks()) {
      const { sender } = pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.local] });
      if (track.kind === 'video') keepResolution(sender);
    }
    const remote = new MediaStream();
    pc.onconnectionstatechange = () => this.mark(`pc_${pc.connectionState}`);
    pc.ontrack = (e) => {
      remote.addTrack(e.track);
      this.events.remoteStream(remote);
    };
    pc.onicecandidate = (e) => {
      if (e.candidate) this.send({ type: 'candidate', candidate: toWireCandidate(e.candidate) });
    };
    pc.onnegotiationneeded = async () => {
      await pc.setLocalDescription();
      if (pc.localDescription) this.send({ type: 'offer', sdp: pc.localDescription.sdp });
    };
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      this.mark(`ice_${state}`);
      window.clearTimeout(this.restartTimer);
      if (state === 'failed') pc.restartIce();
      // 'disconnected' often heals by itself; restart only if it lasts.
      if (state === 'disconnected') this.restartTimer = window.setTimeout(() => pc.restartIce(), 2000);
    };
  }

  private finish(reason: string): void {
    this.finished = true;
    window.clearInterval(this.pingTimer);
    this.pc?.close();
    this.pc = null;
    this.ws?.close();
    this.events.ended(reason);
  }
}

function toRtcIceServer(s: IceServer): RTCIceServer {
  return { urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined };
}

function toWireCandidate(c: RTCIceCandidate): Candidate {
  return { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment };
}

/**
 * An identification needs a legible face and document more than a fluid picture: under CPU or
 * bandwidth pressure, drop frames rather than resolution.
 */
function keepResolution(sender: RTCRtpSender): void {
  const params = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  params.degradationPreference = 'maintain-resolution';
  sender.setParameters(params).catch(() => undefined);
}
