import { describe, expect, it } from 'vitest';
import { hasMessage, t } from '../i18n/i18n';
import type { TimelineEvent } from './api';
import { axisOf, onAxis, percentOf } from './axis';
import { distancePoints, EVENT_MESSAGE_IDS, viewOf } from './timeline-events';

const ev = (kind: TimelineEvent['kind'], label: string, detail: Record<string, unknown> = {}, offset_ms = 1000): TimelineEvent => ({ at: 1_700_000_000_000 + offset_ms, offset_ms, kind, label, detail });
const text = (e: TimelineEvent) => {
  const v = viewOf(e, (id) => t(id));
  return t(v.id, v.args);
};

describe('timeline events as people read them', () => {
  it('names a challenge step by its movement and whether it passed', () => {
    expect(text(ev('challenge', 'challenge_step', { step: 'left', passed: true }))).toBe('Turn left: passed');
    const failed = ev('challenge', 'challenge_step', { step: 'up', passed: false, reason: 'timeout' });
    expect(text(failed)).toBe('Look up: failed (timeout)');
    expect(viewOf(failed, t).tone).toBe('bad');
  });

  it('gives the face-match verdict with its distance, in the face lane', () => {
    const e = ev('ai', 'face_match', { verdict: 'no_match', distance: 0.71, threshold: 0.55 });
    expect(viewOf(e, t).lane).toBe('face');
    expect(viewOf(e, t).tone).toBe('bad');
    expect(text(e)).toBe('Face match: no match (distance 0.71)');
  });

  it('puts liveness, injection hints, quality, stills and actions in their own lanes', () => {
    expect(viewOf(ev('ai', 'antispoof', { verdict: 'live', mean_p_real: 0.97 }), t).lane).toBe('liveness');
    expect(text(ev('ai', 'injection_hint', { kind: 'looped_clip' }))).toBe('Injection hint: the video repeats in a loop');
    expect(text(ev('ai', 'quality', { flags: ['blurred', 'too_dark'] }))).toBe('Picture quality: blurred, too dark');
    expect(text(ev('still', 'id_front'))).toBe('Still: ID front');
    expect(text(ev('action', 'decision_recorded'))).toBe('Decision recorded');
    expect(text(ev('action', 'something_new'))).toBe('something_new');
  });

  it('has a message for every id it can name, in every catalogue', () => {
    expect(EVENT_MESSAGE_IDS.filter((id) => !hasMessage(id))).toEqual([]);
  });

  it('draws the distance curve only from face-match events that carry a distance', () => {
    const pts = distancePoints([ev('ai', 'face_match', { distance: 0.3, threshold: 0.55, no_match_from: 0.637 }, 2000), ev('ai', 'face_match', { verdict: 'not_enough_frames' }), ev('ai', 'antispoof', { mean_p_real: 0.9 })]);
    expect(pts).toEqual([{ offsetMs: 2000, distance: 0.3, threshold: 0.55, noMatchFrom: 0.637 }]);
  });
});

describe('the time axis', () => {
  it('spans the recording; events before or after it are off the track', () => {
    const axis = axisOf({
      session_id: 's',
      origin: 0,
      recording: 'complete',
      segments: [{ index: 0, offset_ms: 0, end_offset_ms: 40_000, gap_before_ms: 0, reason: 'start' }],
      files: [{ segment: 0, participant: 'customer', medium: 'video', path: '0/c.webm', offset_ms: 200, duration_ms: 39_900 }],
      events: [],
    });
    expect(axis).toEqual({ startMs: 0, endMs: 40_100 });
    expect(onAxis(axis, { offset_ms: -5_000 })).toBe(false);
    expect(onAxis(axis, { offset_ms: 50_000 })).toBe(false);
    expect(percentOf(axis, 20_050)).toBeCloseTo(50, 5);
  });
});
