// The live face-analysis panel's state, folded from the sidecar's events (media-ai/PROTOCOL.md,
// relayed as `ai` messages on the call socket). Pure: events and the receive time in, state out.
// The AI assists; the agent decides. Injection hints are hints, never verdicts.
import type { AiEvent } from '../call/ai-event';

export type FaceVerdict = 'match' | 'no_match' | 'inconclusive' | 'not_enough_frames';
export type LivenessVerdict = 'live' | 'attack' | 'not_enough_frames';
export type StepState = 'pending' | 'current' | 'passed' | 'failed';

export interface FacePoint {
  /** Receive time, Unix ms. */
  at: number;
  distance: number;
  verdict: FaceVerdict;
}

export interface ChallengeStep {
  step: string;
  state: StepState;
  reason: string | null;
  /** Receive time of its result, Unix ms. */
  at: number | null;
}

export interface Challenge {
  steps: ChallengeStep[];
  startedAt: number;
  stepTimeoutMs: number | null;
  /** null while running. */
  passed: boolean | null;
}

export interface Hint {
  kind: string;
  at: number;
  evidence: Record<string, unknown>;
}

export interface AiState {
  /** null until the server said; false: continue manually. */
  available: boolean | null;
  referenceFace: boolean | null;
  face: { verdict: FaceVerdict; distance: number | null; threshold: number | null; noMatchFrom: number | null; framesUsed: number } | null;
  faceHistory: FacePoint[];
  liveness: { verdict: LivenessVerdict; meanPReal: number | null; frames: number } | null;
  qualityFlags: string[] | null;
  pose: { face: boolean; yaw: number | null; pitch: number | null; roll: number | null } | null;
  hints: Hint[];
  challenge: Challenge | null;
  /** Model names and versions of the latest scored events, for the record. */
  models: string[];
}

export const INITIAL_AI: AiState = {
  available: null,
  referenceFace: null,
  face: null,
  faceHistory: [],
  liveness: null,
  qualityFlags: null,
  pose: null,
  hints: [],
  challenge: null,
  models: [],
};

/** The chart keeps this many face-match points (several minutes at the sidecar's pace). */
export const FACE_HISTORY_MAX = 120;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function modelNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((m) => (typeof m === 'string' ? m : m && typeof m === 'object' ? [str((m as Record<string, unknown>).name), str((m as Record<string, unknown>).version)].filter(Boolean).join(' ') : ''))
    .filter(Boolean);
}

function mergeModels(known: string[], event: AiEvent): string[] {
  const add = modelNames(event.models).filter((m) => !known.includes(m));
  return add.length ? [...known, ...add] : known;
}

export function reduceAi(s: AiState, e: AiEvent, at: number): AiState {
  const next = foldEvent(s, e, at);
  return next === s ? s : { ...next, models: mergeModels(next.models, e) };
}

function foldEvent(s: AiState, e: AiEvent, at: number): AiState {
  switch (e.type) {
    case 'reference':
      return { ...s, referenceFace: e.face === true };
    case 'face_match': {
      const verdict = str(e.verdict, 'not_enough_frames') as FaceVerdict;
      const distance = num(e.distance);
      const face = { verdict, distance, threshold: num(e.threshold), noMatchFrom: num(e.no_match_from), framesUsed: num(e.frames_used) ?? 0 };
      const history = distance === null ? s.faceHistory : [...s.faceHistory, { at, distance, verdict }].slice(-FACE_HISTORY_MAX);
      return { ...s, face, faceHistory: history };
    }
    case 'antispoof':
      return { ...s, liveness: { verdict: str(e.verdict, 'not_enough_frames') as LivenessVerdict, meanPReal: num(e.mean_p_real), frames: num(e.frames) ?? 0 } };
    case 'quality':
      return { ...s, qualityFlags: Array.isArray(e.flags) ? e.flags.filter((f): f is string => typeof f === 'string') : [] };
    case 'pose':
      return { ...s, pose: { face: e.face === true, yaw: num(e.yaw), pitch: num(e.pitch), roll: num(e.roll) } };
    case 'injection_hint': {
      const hint = { kind: str(e.kind, 'unknown'), at, evidence: (e.evidence && typeof e.evidence === 'object' ? e.evidence : {}) as Record<string, unknown> };
      return { ...s, hints: [...s.hints.filter((h) => h.kind !== hint.kind), hint] };
    }
    case 'challenge_started': {
      const steps = Array.isArray(e.steps) ? e.steps.map((x) => str(x)) : [];
      return {
        ...s,
        challenge: {
          steps: steps.map((step, i) => ({ step, state: i === 0 ? 'current' : 'pending', reason: null, at: null })),
          startedAt: at,
          stepTimeoutMs: num(e.step_timeout_ms),
          passed: null,
        },
      };
    }
    case 'challenge_step': {
      const c = s.challenge;
      const i = num(e.index);
      if (!c || i === null || !c.steps[i]) return s;
      const steps = c.steps.map((st, j): ChallengeStep => {
        if (j === i) return { ...st, state: e.passed === true ? 'passed' : 'failed', reason: typeof e.reason === 'string' ? e.reason : null, at };
        if (j === i + 1 && st.state === 'pending') return { ...st, state: 'current' };
        return st;
      });
      return { ...s, challenge: { ...c, steps } };
    }
    case 'challenge_done': {
      const c = s.challenge;
      if (!c) return s;
      const steps = c.steps.map((st): ChallengeStep => (st.state === 'pending' || st.state === 'current' ? { ...st, state: 'failed', reason: st.reason ?? 'not_reached' } : st));
      return { ...s, challenge: { ...c, steps, passed: e.passed === true } };
    }
    default:
      return s;
  }
}

/** How long each step took: from the previous step's result (or the start) to its own. */
export function stepDurations(c: Challenge): (number | null)[] {
  return c.steps.map((st, i) => {
    if (st.at === null) return null;
    const from = i === 0 ? c.startedAt : c.steps[i - 1].at;
    return from === null ? null : Math.max(0, st.at - from);
  });
}

/** The prompt to offer for the quality flags the AI reports: light for dark/bright, a better camera for blur. */
export function suggestedFix(flags: string[] | null): 'move_to_light' | 'switch_camera' | null {
  if (!flags) return null;
  if (flags.includes('too_dark') || flags.includes('too_bright')) return 'move_to_light';
  if (flags.includes('blurred')) return 'switch_camera';
  return null;
}
