// What a timeline event means to a person: which lane of the event track it sits in, the
// message that names it (with its values), and whether it is good or bad news. Pure, so the
// wording of every kind is tested without rendering.
import type { Args } from '../i18n/i18n';
import type { TimelineEvent } from './api';

export const LANES = ['challenge', 'face', 'liveness', 'injection', 'quality', 'stills', 'call'] as const;
export type Lane = (typeof LANES)[number];

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export interface EventView {
  lane: Lane;
  /** Fluent message id and its arguments. */
  id: string;
  args: Args;
  tone: Tone;
}

const STEPS = ['centre', 'left', 'right', 'up', 'down'];
const STILLS = ['face', 'id_front', 'id_back'];
const PROMPTS = ['show_id_front', 'show_id_back', 'tilt_document', 'turn_head', 'read_digits', 'move_to_light', 'switch_camera'];
const ACTIONS = [
  'joined', 'left', 'session_ended', 'challenge_started', 'prompt_shown', 'read_aloud_started', 'read_aloud_judged',
  'decision_recorded', 'decision_reviewed', 'result_final', 'playback_issued',
];
const FACE_VERDICTS = ['match', 'no_match', 'inconclusive', 'not_enough_frames'];
const LIVENESS_VERDICTS = ['live', 'attack', 'not_enough_frames'];
const HINTS = ['looped_clip', 'still_image', 'regular_timing', 'source_switch'];
const QUALITY_FLAGS = ['no_face', 'multiple_faces', 'face_too_small', 'too_dark', 'too_bright', 'blurred'];

/** Every message id a view can name, for the catalogue test. */
export const EVENT_MESSAGE_IDS: readonly string[] = [
  ...STEPS.map((s) => `tl-step-${s}`),
  'tl-step-other',
  ...STILLS.map((s) => `tl-still-${s}`),
  ...PROMPTS.map((p) => `tl-prompt-${p}`),
  ...ACTIONS.map((a) => `tl-action-${a}`),
  ...FACE_VERDICTS.map((v) => `tl-face-${v}`),
  ...LIVENESS_VERDICTS.map((v) => `tl-liveness-${v}`),
  ...HINTS.map((h) => `tl-hint-${h}`),
  ...QUALITY_FLAGS.map((f) => `tl-quality-${f}`),
  'tl-quality-other',
  ...LANES.map((l) => `tl-lane-${l}`),
];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const known = (list: string[], v: string, prefix: string, fallback: string) => (list.includes(v) ? `${prefix}${v}` : fallback);

/** A step's name (`left`) as its message (`Turn left`). */
export function stepText(step: string): string {
  return known(STEPS, step, 'tl-step-', 'tl-step-other');
}

export function qualityFlagsText(flags: unknown, translate: (id: string) => string): string {
  return (Array.isArray(flags) ? flags : []).map((f) => translate(known(QUALITY_FLAGS, str(f), 'tl-quality-', 'tl-quality-other'))).join(', ');
}

/** The view of an event; `tr` translates the parts that are messages themselves (step names). */
export function viewOf(e: TimelineEvent, tr: (id: string) => string): EventView {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  switch (e.kind) {
    case 'challenge':
      if (e.label === 'challenge_step') {
        const passed = d.passed === true;
        return { lane: 'challenge', id: passed ? 'tl-challenge-step-passed' : 'tl-challenge-step-failed', args: { step: tr(stepText(str(d.step))), reason: str(d.reason) || '-' }, tone: passed ? 'good' : 'bad' };
      }
      if (e.label === 'challenge_done') {
        const passed = d.passed === true;
        return { lane: 'challenge', id: passed ? 'tl-challenge-passed' : 'tl-challenge-failed', args: {}, tone: passed ? 'good' : 'bad' };
      }
      return { lane: 'challenge', id: 'tl-challenge-started', args: { steps: Array.isArray(d.steps) ? d.steps.length : 0 }, tone: 'neutral' };
    case 'ai':
      switch (e.label) {
        case 'face_match': {
          const verdict = str(d.verdict);
          const tone: Tone = verdict === 'match' ? 'good' : verdict === 'no_match' ? 'bad' : 'warn';
          return { lane: 'face', id: known(FACE_VERDICTS, verdict, 'tl-face-', 'tl-face-other'), args: { distance: num(d.distance) ?? '-' }, tone };
        }
        case 'antispoof': {
          const verdict = str(d.verdict);
          const tone: Tone = verdict === 'live' ? 'good' : verdict === 'attack' ? 'bad' : 'warn';
          return { lane: 'liveness', id: known(LIVENESS_VERDICTS, verdict, 'tl-liveness-', 'tl-liveness-other'), args: { score: num(d.mean_p_real) ?? '-' }, tone };
        }
        case 'injection_hint':
          return { lane: 'injection', id: known(HINTS, str(d.kind), 'tl-hint-', 'tl-hint-other'), args: {}, tone: 'bad' };
        case 'reference':
          return { lane: 'quality', id: d.face === false ? 'tl-reference-no-face' : 'tl-reference', args: {}, tone: d.face === false ? 'bad' : 'neutral' };
        default: {
          const flags = Array.isArray(d.flags) ? d.flags : [];
          return { lane: 'quality', id: flags.length ? 'tl-quality-warning' : 'tl-quality-ok', args: { flags: qualityFlagsText(flags, tr) }, tone: flags.length ? 'warn' : 'good' };
        }
      }
    case 'still':
      return { lane: 'stills', id: known(STILLS, e.label, 'tl-still-', 'tl-still-other'), args: {}, tone: 'neutral' };
    case 'prompt':
      return { lane: 'call', id: known(PROMPTS, e.label, 'tl-prompt-', 'tl-prompt-other'), args: {}, tone: 'neutral' };
    case 'read_aloud':
      return { lane: 'call', id: e.label === 'passed' ? 'tl-read-aloud-passed' : e.label === 'failed' ? 'tl-read-aloud-failed' : 'tl-read-aloud-open', args: {}, tone: e.label === 'failed' ? 'bad' : e.label === 'passed' ? 'good' : 'neutral' };
    case 'check':
      return { lane: 'call', id: 'tl-check', args: { item: e.label }, tone: 'good' };
    case 'action':
      return { lane: 'call', id: known(ACTIONS, e.label, 'tl-action-', 'tl-action-other'), args: { action: e.label }, tone: 'neutral' };
    case 'recording_gap':
      return { lane: 'quality', id: 'tl-recording-gap', args: { seconds: Math.round((num(d.duration_ms) ?? 0) / 100) / 10 }, tone: 'warn' };
    case 'segment':
      return { lane: 'quality', id: 'tl-segment', args: {}, tone: 'warn' };
  }
}

/** A face-match event's distance with its thresholds, for the distance curve. */
export interface DistancePoint {
  offsetMs: number;
  distance: number;
  threshold: number | null;
  noMatchFrom: number | null;
}

export function distancePoints(events: TimelineEvent[]): DistancePoint[] {
  return events.flatMap((e) => {
    if (e.kind !== 'ai' || e.label !== 'face_match') return [];
    const d = (e.detail ?? {}) as Record<string, unknown>;
    const distance = num(d.distance);
    return distance === null ? [] : [{ offsetMs: e.offset_ms, distance, threshold: num(d.threshold), noMatchFrom: num(d.no_match_from) }];
  });
}
