// What the customer's call page shows besides the videos: the agent's current step prompt and
// the state of a still being taken. Pure transitions (time as input) plus one signal store.
import { signal } from '@preact/signals';
import type { PromptKind } from '../api/generated/PromptKind';
import type { StillKind } from '../api/generated/StillKind';
import type { PromptMsg } from '../call/call';

/** A prompt without a countdown stays this long unless another step replaces it. */
export const PROMPT_LINGER_MS = 20_000;
/** "Photo sent" stays this long. */
export const CAPTURE_DONE_MS = 4_000;

export interface ShownPrompt {
  kind: PromptKind;
  direction: string | null;
  digits: string | null;
  countdownMs: number | null;
  /** Client clock (ms) when it arrived. */
  shownAt: number;
}

export type CaptureState =
  | { phase: 'taking'; kind: StillKind }
  | { phase: 'sent'; kind: StillKind; at: number }
  | { phase: 'failed'; kind: StillKind; code: string };

export function shown(msg: PromptMsg, now: number): ShownPrompt {
  return { kind: msg.kind, direction: msg.direction, digits: msg.digits, countdownMs: msg.countdown_ms, shownAt: now };
}

/** Milliseconds left on the prompt's countdown (0 when over), or null when it has none. */
export function remainingMs(p: ShownPrompt, now: number): number | null {
  // `now` may be from a tick just before the prompt arrived: never more than the whole countdown.
  return p.countdownMs === null ? null : Math.min(p.countdownMs, Math.max(0, p.shownAt + p.countdownMs - now));
}

/** Whether the prompt still shows at `now`: a countdown shows until it ends, others for a while. */
export function stillShowing(p: ShownPrompt, now: number): boolean {
  const until = p.shownAt + (p.countdownMs ?? PROMPT_LINGER_MS);
  return now < until;
}

/** A document prompt is done once the still of that side arrived. */
export function clearedByStill(p: ShownPrompt | null, kind: StillKind): boolean {
  return (p?.kind === 'show_id_front' && kind === 'id_front') || (p?.kind === 'show_id_back' && kind === 'id_back');
}

/** The message id of a prompt's headline: `prompt-turn_head-left`, `prompt-show_id_front`, … */
export function promptTitleId(p: Pick<ShownPrompt, 'kind' | 'direction'>): string {
  return p.kind === 'turn_head' ? `prompt-turn_head-${p.direction ?? 'centre'}` : `prompt-${p.kind}`;
}

export const prompt = signal<ShownPrompt | null>(null);
export const capture = signal<CaptureState | null>(null);
