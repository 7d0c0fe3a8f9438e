import { describe, expect, it } from 'vitest';
import { FACE_HISTORY_MAX, INITIAL_AI, reduceAi, stepDurations, suggestedFix, type AiState } from './ai-state';

const fold = (events: Record<string, unknown>[], at = 1000): AiState =>
  events.reduce<AiState>((s, e, i) => reduceAi(s, e as { type: string }, at + i * 100), INITIAL_AI);

describe('the live analysis state', () => {
  it('keeps the latest face-match verdict and its distances over time', () => {
    const s = fold([
      { type: 'face_match', verdict: 'not_enough_frames', distance: null, frames_used: 2 },
      { type: 'face_match', verdict: 'match', distance: 0.31, threshold: 0.55, no_match_from: 0.637, frames_used: 15, models: [{ name: 'sface', version: '2021dec-fast', sha256: 'x' }] },
    ]);
    expect(s.face).toMatchObject({ verdict: 'match', distance: 0.31, threshold: 0.55, noMatchFrom: 0.637, framesUsed: 15 });
    expect(s.faceHistory.map((p) => p.distance)).toEqual([0.31]);
    expect(s.models).toEqual(['sface 2021dec-fast']);
  });

  it('bounds the face-match history', () => {
    const events = Array.from({ length: FACE_HISTORY_MAX + 30 }, (_, i) => ({ type: 'face_match', verdict: 'match', distance: i / 1000 }));
    const s = fold(events);
    expect(s.faceHistory).toHaveLength(FACE_HISTORY_MAX);
    expect(s.faceHistory.at(-1)?.distance).toBe((FACE_HISTORY_MAX + 29) / 1000);
  });

  it('follows a challenge step by step, with the current step and the timings', () => {
    const s = fold(
      [
        { type: 'challenge_started', steps: ['centre', 'left', 'centre'], step_timeout_ms: 5000 },
        { type: 'challenge_step', index: 0, step: 'centre', passed: true, reason: null },
        { type: 'challenge_step', index: 1, step: 'left', passed: false, reason: 'wrong_move:right' },
      ],
      10_000,
    );
    expect(s.challenge?.steps.map((x) => x.state)).toEqual(['passed', 'failed', 'current']);
    expect(s.challenge?.steps[1].reason).toBe('wrong_move:right');
    expect(stepDurations(s.challenge!)).toEqual([100, 100, null]);
    const done = reduceAi(s, { type: 'challenge_done', passed: false }, 20_000);
    expect(done.challenge?.passed).toBe(false);
    expect(done.challenge?.steps[2]).toMatchObject({ state: 'failed', reason: 'not_reached' });
  });

  it('ignores a step of a challenge it never saw start', () => {
    expect(reduceAi(INITIAL_AI, { type: 'challenge_step', index: 0, passed: true }, 0)).toBe(INITIAL_AI);
  });

  it('shows the head pose, and no pose without a face', () => {
    expect(fold([{ type: 'pose', face: true, yaw: -12.5, pitch: 3, roll: 0.4 }]).pose).toEqual({ face: true, yaw: -12.5, pitch: 3, roll: 0.4 });
    expect(fold([{ type: 'pose', face: false, yaw: null, pitch: null, roll: null }]).pose?.face).toBe(false);
  });

  it('keeps one injection hint per kind, the latest', () => {
    const s = fold([
      { type: 'injection_hint', kind: 'looped_clip', evidence: { period_ms: 10_000 } },
      { type: 'injection_hint', kind: 'still_image', evidence: {} },
      { type: 'injection_hint', kind: 'looped_clip', evidence: { period_ms: 14_000 } },
    ]);
    expect(s.hints.map((h) => [h.kind, h.evidence.period_ms])).toEqual([
      ['still_image', undefined],
      ['looped_clip', 14_000],
    ]);
  });

  it('suggests light for a dark or bright picture and another camera for a blurred one', () => {
    expect(suggestedFix(['too_dark'])).toBe('move_to_light');
    expect(suggestedFix(['blurred', 'too_bright'])).toBe('move_to_light');
    expect(suggestedFix(['blurred'])).toBe('switch_camera');
    expect(suggestedFix(['no_face'])).toBeNull();
    expect(suggestedFix(null)).toBeNull();
  });
});
