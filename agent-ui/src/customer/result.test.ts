import { describe, expect, it } from 'vitest';
import type { CustomerResult } from '../api/journey';
import { inWrapUp, resultStem, WRAP_UP_MS } from './ResultStep';

const r = (over: Partial<CustomerResult>): CustomerResult => ({ status: 'ended', outcome: null, return_url: null, passkey_enrollment: false, passkeys: 0, ...over }) as CustomerResult;

describe('what the result page says', () => {
  it('a call that just ended is still being decided; long after, an ended session without a decision has ended', () => {
    const ended = 1_000_000;
    expect(resultStem(r({}), inWrapUp(ended, ended + 5_000))).toBe('deciding');
    expect(resultStem(r({}), inWrapUp(ended, ended + WRAP_UP_MS + 1))).toBe('ended');
    expect(resultStem(r({}), inWrapUp(null, ended))).toBe('ended');
  });

  it('a decision shows as soon as it exists, wrap-up or not', () => {
    expect(resultStem(r({ status: 'final', outcome: 'inconclusive' }), true)).toBe('inconclusive');
    expect(resultStem(r({ status: 'pending_review' }), true)).toBe('pending_review');
  });
});
