// One call as the console runs it: the agent's side of the WebRTC call (the framework-free
// CallClient), the live AI state, the stills, the connection quality, the checklist and the
// decision, each in a signal the call view renders. Actions go to the call socket (capture,
// prompts, challenges) or the HTTP API (checklist ticks, decision).
import { signal } from '@preact/signals';
import { consoleApi, type Checklist, type Decision, type DecideRequest, type Profile, type Session, type Still } from '../api/console';
import type { PromptKind } from '../api/generated/PromptKind';
import type { ReadAloud } from '../api/generated/ReadAloud';
import type { SessionId } from '../api/generated/SessionId';
import type { StillKind } from '../api/generated/StillKind';
import { ApiError, isApiError } from '../api/problem';
import { CallClient, type CallEvents, type CallStatus } from '../call/call';
import type { AiEvent } from '../call/ai-event';
import { INITIAL_AI, reduceAi, type AiState } from './ai-state';
import { inboundVideo, sample, type InboundVideo, type QualitySample } from './quality';

declare global {
  interface Window { __call?: CallClient }
}

/** Where the call stands for the agent. */
export type CallPhase = 'starting' | 'no_camera' | CallStatus | 'ended';

/** A still asked for and not yet arrived: when, to say "waiting" and give up after a while. */
export type PendingCaptures = Partial<Record<StillKind, number>>;

/** After this long without the still, the request is shown as failed (the customer's camera or upload did not answer). */
export const CAPTURE_TIMEOUT_MS = 30_000;

export interface CallDeps {
  getUserMedia(c: MediaStreamConstraints): Promise<MediaStream>;
  client(credential: { session_id: SessionId }, local: MediaStream, events: CallEvents): CallClient;
  now(): number;
}

const browserDeps: CallDeps = {
  getUserMedia: (c) => navigator.mediaDevices.getUserMedia(c),
  client: (cred, local, events) => new CallClient(cred, local, events),
  now: () => Date.now(),
};

/** Events after which the checklist may have changed (a verdict, a result, a still). */
const CHECKLIST_EVENTS = new Set(['face_match', 'antispoof', 'challenge_done']);

export class CallSession {
  readonly phase = signal<CallPhase>('starting');
  readonly endReason = signal<string | null>(null);
  readonly joinError = signal<string | null>(null);
  /** The last refused action on the call socket (e.g. `ai_busy`), to show once. */
  readonly actionError = signal<string | null>(null);
  readonly customerPresent = signal(false);
  readonly local = signal<MediaStream | null>(null);
  readonly remote = signal<MediaStream | null>(null);
  readonly muted = signal(false);
  readonly ai = signal<AiState>(INITIAL_AI);
  readonly recording = signal<{ ok: boolean; reason: string | null } | null>(null);
  readonly stills = signal<Still[]>([]);
  readonly pending = signal<PendingCaptures>({});
  readonly readAloud = signal<ReadAloud | null>(null);
  readonly quality = signal<QualitySample | null>(null);
  readonly session = signal<Session | null>(null);
  readonly profile = signal<Profile | null>(null);
  readonly checklist = signal<Checklist | null>(null);
  readonly decision = signal<Decision | null>(null);

  private client: CallClient | null = null;
  private statsTimer: number | undefined;
  private pollTimer: number | undefined;
  private refreshTimer: number | undefined;
  private lastInbound: InboundVideo | null = null;
  private stopped = false;
  /** Checklist requests asked and the newest one shown: an older answer arriving late is dropped. */
  private checklistAsked = 0;
  private checklistShown = 0;

  constructor(readonly id: SessionId, private readonly deps: CallDeps = browserDeps) {}

  /** Opens the camera, joins the call and loads the session's evidence. */
  async start(): Promise<void> {
    void this.loadEvidence();
    let local: MediaStream;
    try {
      local = await this.deps.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    } catch {
      this.phase.value = 'no_camera';
      return;
    }
    if (this.stopped) {
      local.getTracks().forEach((tr) => tr.stop());
      return;
    }
    this.local.value = local;
    const client = this.deps.client({ session_id: this.id }, local, this.events());
    this.client = client;
    window.__call = client;
    this.phase.value = 'joining';
    client.join();
    this.statsTimer = window.setInterval(() => void this.sampleStats(), 1000);
    // The recording's health has no event of its own when it becomes healthy: look now and then.
    this.pollTimer = window.setInterval(() => void this.refreshChecklist(), 15_000);
  }

  /** Leaves the page (not the session): media off, timers stopped; the session goes on. */
  stop(): void {
    this.stopped = true;
    window.clearInterval(this.statsTimer);
    window.clearInterval(this.pollTimer);
    window.clearTimeout(this.refreshTimer);
    this.client?.leave();
    this.local.value?.getTracks().forEach((tr) => tr.stop());
  }

  private events(): CallEvents {
    return {
      status: (s) => {
        if (this.phase.value !== 'ended') this.phase.value = s;
        if (s === 'in_call') this.refreshSoon(3000);
      },
      joined: () => {
        this.joinError.value = null;
      },
      remoteStream: (stream) => (this.remote.value = stream),
      peerPresent: (p) => (this.customerPresent.value = p),
      ended: (reason) => {
        this.phase.value = 'ended';
        this.endReason.value = reason;
        this.finishMedia();
        this.refreshSoon(500);
      },
      error: (code) => {
        if (this.phase.value === 'joining' || this.phase.value === 'reconnecting') this.joinError.value = code;
        else this.actionError.value = code;
      },
      ai: (event: AiEvent) => {
        const before = this.ai.peek();
        this.ai.value = reduceAi(before, event, this.deps.now());
        const changed = event.type === 'challenge_done' || (event.type === 'face_match' && before.face?.verdict !== this.ai.peek().face?.verdict) ||
          (event.type === 'antispoof' && before.liveness?.verdict !== this.ai.peek().liveness?.verdict);
        if (CHECKLIST_EVENTS.has(event.type) && changed) this.refreshSoon(300);
      },
      aiStatus: (available) => (this.ai.value = { ...this.ai.peek(), available }),
      recordingStatus: (ok, reason) => {
        this.recording.value = { ok, reason };
        this.refreshSoon(300);
      },
      still: (still) => {
        this.stills.value = [...this.stills.peek().filter((s) => s.id !== still.id), still];
        const { [still.kind]: _, ...rest } = this.pending.peek();
        this.pending.value = rest;
        this.refreshSoon(200);
      },
      readAloud: (r) => (this.readAloud.value = r),
    };
  }

  private finishMedia(): void {
    window.clearInterval(this.statsTimer);
    window.clearInterval(this.pollTimer);
    this.local.value?.getTracks().forEach((tr) => tr.stop());
  }

  async loadEvidence(): Promise<void> {
    const [session, profiles, stills, decision] = await Promise.allSettled([
      consoleApi.session(this.id),
      consoleApi.profiles(),
      consoleApi.stills(this.id),
      consoleApi.decision(this.id),
    ]);
    if (session.status === 'fulfilled') {
      this.session.value = session.value;
      if (profiles.status === 'fulfilled') this.profile.value = profiles.value.find((p) => p.id === session.value.profile) ?? null;
      if (session.value.status === 'ended' && this.phase.peek() === 'starting') this.phase.value = 'ended';
    }
    if (stills.status === 'fulfilled') this.stills.value = stills.value;
    if (decision.status === 'fulfilled') this.decision.value = decision.value;
    await this.refreshChecklist();
  }

  /** Fetches the checklist again `delayMs` from now (several triggers close together fetch once). */
  refreshSoon(delayMs: number): void {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.refreshChecklist(), delayMs);
  }

  async refreshChecklist(): Promise<void> {
    if (this.decision.peek()) return;
    try {
      await this.latestChecklist(() => consoleApi.checklist(this.id));
    } catch {
      /* the next trigger or poll tries again */
    }
  }

  /**
   * Shows the checklist `request` answers, unless a request asked later was answered first: a
   * refresh that set out before a tick must not undo the tick when it comes back after it.
   */
  private async latestChecklist(request: () => Promise<Checklist>): Promise<void> {
    const ticket = ++this.checklistAsked;
    const list = await request();
    if (ticket > this.checklistShown) {
      this.checklistShown = ticket;
      this.checklist.value = list;
    }
  }

  private async sampleStats(): Promise<void> {
    const pc = this.client?.peerConnection;
    if (!pc) return;
    const cur = inboundVideo(await pc.getStats());
    if (!cur) return;
    const s = sample(this.lastInbound, cur);
    this.lastInbound = cur;
    if (s) this.quality.value = s;
  }

  // ---- actions ------------------------------------------------------------------------

  /** Asks the customer's browser for a still; false when the call is not connected. */
  capture(kind: StillKind): boolean {
    if (!this.client?.connected) return false;
    this.client.capture(kind);
    this.pending.value = { ...this.pending.peek(), [kind]: this.deps.now() };
    return true;
  }

  prompt(kind: PromptKind, direction?: string): void {
    this.client?.prompt(kind, direction);
    // A tilt prompt is part of the evidence of its check.
    if (kind === 'tilt_document') this.refreshSoon(500);
  }

  startChallenge(moves = 4): void {
    this.actionError.value = null;
    this.client?.startChallenge({ moves, step_timeout_ms: 8000 });
  }

  startReadAloud(): void {
    this.client?.startReadAloud();
  }

  judgeReadAloud(passed: boolean): void {
    const r = this.readAloud.peek();
    if (!r) return;
    this.client?.readAloudResult(r.id, passed);
    this.readAloud.value = { ...r, passed };
    this.refreshSoon(500);
  }

  setMuted(muted: boolean): void {
    this.muted.value = muted;
    this.client?.setMuted(muted);
  }

  hangup(): void {
    this.client?.hangup();
  }

  /** Ticks (or unticks) a confirmable check; rejects with the server's `ApiError`. */
  async confirm(item: string, confirmed: boolean, note?: string): Promise<void> {
    await this.latestChecklist(() => consoleApi.confirm(this.id, item, confirmed, note));
  }

  /**
   * Records the decision. Resolves with the decision, or with the server's refusal: the
   * blockers of an approval (`approval_blocked`), or another code.
   */
  async decide(body: DecideRequest): Promise<{ ok: true; decision: Decision } | { ok: false; error: ApiError }> {
    try {
      const decision = await consoleApi.decide(this.id, body);
      this.decision.value = decision;
      return { ok: true, decision };
    } catch (e) {
      if (isApiError(e)) {
        if (e.code === 'approval_blocked') void this.refreshChecklist();
        return { ok: false, error: e };
      }
      return { ok: false, error: new ApiError(0, 'generic') };
    }
  }

  dismissActionError(): void {
    this.actionError.value = null;
  }
}
