import { describe, expect, it } from 'vitest';
import { clearedByStill, PROMPT_LINGER_MS, promptTitleId, remainingMs, shown, stillShowing } from './call-steps';

const msg = (kind: string, extra: Partial<{ direction: string | null; digits: string | null; countdown_ms: number | null }> = {}) =>
  ({ type: 'prompt', kind, direction: null, digits: null, countdown_ms: null, ...extra }) as Parameters<typeof shown>[0];

describe("the customer's step prompt", () => {
  it('counts a timed step down and ends it', () => {
    const p = shown(msg('read_digits', { digits: '482913', countdown_ms: 30_000 }), 1_000);
    expect(remainingMs(p, 11_000)).toBe(20_000);
    expect(stillShowing(p, 30_999)).toBe(true);
    expect(stillShowing(p, 31_000)).toBe(false);
    expect(remainingMs(p, 40_000)).toBe(0);
  });

  it('never shows more than the whole countdown, even with a clock reading from before it arrived', () => {
    const p = shown(msg('turn_head', { direction: 'left', countdown_ms: 30_000 }), 1_000);
    expect(remainingMs(p, 800)).toBe(30_000);
  });

  it('keeps an untimed step a while, then lets it go', () => {
    const p = shown(msg('move_to_light'), 0);
    expect(remainingMs(p, 5)).toBeNull();
    expect(stillShowing(p, PROMPT_LINGER_MS - 1)).toBe(true);
    expect(stillShowing(p, PROMPT_LINGER_MS)).toBe(false);
  });

  it('clears a document prompt once the photo of that side is taken', () => {
    expect(clearedByStill(shown(msg('show_id_front'), 0), 'id_front')).toBe(true);
    expect(clearedByStill(shown(msg('show_id_front'), 0), 'id_back')).toBe(false);
    expect(clearedByStill(null, 'face')).toBe(false);
  });

  it('names a head turn by its direction', () => {
    expect(promptTitleId({ kind: 'turn_head', direction: 'left' })).toBe('prompt-turn_head-left');
    expect(promptTitleId({ kind: 'turn_head', direction: null })).toBe('prompt-turn_head-centre');
    expect(promptTitleId({ kind: 'tilt_document', direction: null })).toBe('prompt-tilt_document');
  });
});
