// One participant's side of a verification call: signaling socket + peer connection with the
// server's SFU. The client always offers and the server answers, so renegotiation and ICE
// restarts need no glare handling. A dropped socket rejoins with the same link.
import type { CallClientMsg } from '../api/generated/CallClientMsg';
import type { CallServerMsg } from '../api/generated/CallServerMsg';
import type { Candidate } from '../api/generated/Candidate';
import type { IceServer } from '../api/generated/IceServer';
import type { Party } from '../api/generated/Party';
import type { PromptKind } from '../api/generated/PromptKind';
import type { ReadAloud } from '../api/generated/ReadAloud';
import type { SessionId } from '../api/generated/SessionId';
import type { Still } from '../api/generated/Still';
import type { StillKind } from '../api/generated/StillKind';
import { asAiEvent, type AiEvent } from './ai-event';
import { PROTOCOL_VERSION, signalingUrl, type Credential } from './location';

/** Where the call stands, for the page to say in its language (`call-status-<code>`). */
export type CallStatus =
  | 'joining'
  | 'waiting_for_peer'
  | 'connecting_media'
  | 'in_call'
  | 'peer_left'
  | 'reconnecting'
  | 'server_restarting'
  | 'cannot_join';

/** A step prompt for the customer's screen, as the server sends it. */
export type PromptMsg = Extract<CallServerMsg, { type: 'prompt' }>;

/** Errors after which the page must not rejoin: the link or the seat is no longer good. */
export const FINAL_JOIN_ERRORS = ['invalid_token', 'token_expired', 'token_revoked', 'session_ended', 'role_taken', 'replaced', 'consent_required', 'forbidden', 'unauthenticated'];

export interface CallEvents {
  status(status: CallStatus): void;
  remoteStream(stream: MediaStream): void;
  peerPresent(present: boolean): void;
  ended(reason: string): void;
  error(code: string, message: string): void;
  /** The join succeeded: the session and this page's role in it. */
  joined?(session: SessionId, role: Party): void;
  /** The server's side of the media connection changed state (`connected`, `failed`, …). */
  mediaState?(state: string): void;
  /** Agent only: face-analysis events and availability. */
  ai?(event: AiEvent): void;
  aiStatus?(available: boolean): void;
  /** Agent only: the recording works or stopped working (with why). */
  recordingStatus?(recording: boolean, reason: string | null): void;
  /** Agent only: a still the customer's camera took arrived. */
  still?(still: Still): void;
  /** Agent only: the digits drawn for the customer to read aloud. */
  readAloud?(readAloud: ReadAloud): void;
  /** Customer only: the agent asks for a full-resolution photo of this kind. */
  capture?(kind: StillKind, requestId: string): void;
  /** Customer only: show this step prompt, or clear it. */
  prompt?(prompt: PromptMsg): void;
  promptClear?(): void;
}

export class CallClient {
  private ws: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private finished = false;
  private pingTimer: number | undefined;
  private restartTimer: number | undefined;
  private retryDelay = 250;
  /** Whether the current socket's join was accepted. */
  private seated = false;
  /** The other party is in the call; our media connection with the server is up. */
  private peerHere = false;
  private mediaUp = false;
  role: Party | null = null;
  /** The session of the latest successful join. */
  sessionId: SessionId | null = null;
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
      this.seated = false;
      this.mediaUp = false;
      this.send({ type: 'join', ...this.credential, protocol: PROTOCOL_VERSION });
    };
    ws.onmessage = (e) => this.onMessage(JSON.parse(e.data as string) as CallServerMsg);
    ws.onclose = () => {
      window.clearInterval(this.pingTimer);
      if (this.ws === ws && !this.finished) {
        this.events.status('reconnecting');
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

  /** Leaves for now (the page closes); the session stays open for a rejoin. No `ended` event. */
  leave(): void {
    this.send({ type: 'leave' });
    this.finished = true;
    window.clearInterval(this.pingTimer);
    this.pc?.close();
    this.pc = null;
    this.ws?.close();
  }

  setMuted(audioMuted: boolean): void {
    this.local.getAudioTracks().forEach((t) => (t.enabled = !audioMuted));
    this.send({ type: 'mute', audio: audioMuted, video: false });
  }

  /** Agent only: asks the server to run a head-movement challenge on the customer's video. */
  startChallenge(opts: { steps?: string[]; moves?: number; step_timeout_ms?: number }): void {
    this.send({ type: 'start_challenge', ...opts });
  }

  /** Agent only: asks the customer's browser for a full-resolution still (answered by `still`). */
  capture(kind: StillKind): void {
    this.send({ type: 'capture', kind });
  }

  /** Agent only: shows a step prompt on the customer's screen. */
  prompt(kind: PromptKind, direction?: string): void {
    this.send(direction ? { type: 'prompt', kind, direction } : { type: 'prompt', kind });
  }

  /** Agent only: draws digits for the customer to read aloud (answered by `read_aloud`). */
  startReadAloud(): void {
    this.send({ type: 'start_read_aloud' });
  }

  /** Agent only: whether the customer read the digits of `id` correctly. */
  readAloudResult(id: string, passed: boolean): void {
    this.send({ type: 'read_aloud_result', id, passed });
  }

  /** Whether the signaling socket is open right now (messages sent otherwise are lost). */
  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** The camera track this page sends (the customer's stills are taken from its source). */
  get localVideoTrack(): MediaStreamTrack | null {
    return this.local.getVideoTracks()[0] ?? null;
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
        this.seated = true;
        this.role = msg.role;
        this.sessionId = msg.session_id;
        this.events.joined?.(msg.session_id, msg.role);
        this.peerHere = msg.peer_present;
        this.events.peerPresent(msg.peer_present);
        this.events.status(this.callStatus());
        this.startPeer(msg.ice_servers);
        break;
      case 'answer':
        this.pc?.setRemoteDescription({ type: 'answer', sdp: msg.sdp }).catch((e) => this.events.error('answer', String(e)));
        break;
      case 'candidate':
        if (msg.candidate.candidate) this.pc?.addIceCandidate(msg.candidate).catch(() => undefined);
        break;
      case 'peer_joined':
        this.peerHere = true;
        this.events.peerPresent(true);
        this.events.status(this.callStatus());
        break;
      case 'peer_left':
        this.peerHere = false;
        this.events.peerPresent(false);
        this.events.status('peer_left');
        break;
      case 'media_state':
        this.events.mediaState?.(msg.state);
        this.mediaUp = msg.state === 'connected';
        if (this.peerHere || this.mediaUp) this.events.status(this.callStatus());
        break;
      case 'ended':
        this.finish(msg.reason);
        break;
      case 'server_closing':
        // The server restarts; the socket's close triggers the usual rejoin.
        this.events.status('server_restarting');
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
      case 'recording_status':
        this.events.recordingStatus?.(msg.recording, msg.reason);
        break;
      case 'still':
        this.events.still?.(msg.still);
        break;
      case 'read_aloud':
        this.events.readAloud?.(msg.read_aloud);
        break;
      case 'capture':
        this.events.capture?.(msg.kind, msg.request_id);
        break;
      case 'prompt':
        this.events.prompt?.(msg);
        break;
      case 'prompt_clear':
        this.events.promptClear?.();
        break;
      case 'error':
        this.events.error(msg.code, msg.message);
        // Refusals of the join are final; errors about a single message are not.
        if (!this.seated || msg.code === 'replaced') {
          if (FINAL_JOIN_ERRORS.includes(msg.code)) {
            this.finished = true;
            this.ws?.close();
            this.events.status('cannot_join');
          }
        }
        break;
      default:
        break;
    }
  }

  /**
   * Where the call stands once joined: waiting while the other party is away, connecting until
   * our own media connection with the server is up, in the call when both hold. (Each side's
   * media runs to the server, so the other party joining later needs nothing new from us.)
   */
  private callStatus(): CallStatus {
    if (!this.peerHere) return 'waiting_for_peer';
    return this.mediaUp ? 'in_call' : 'connecting_media';
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
