import { describe, expect, it } from 'vitest';
import { fakeAuthServer, json } from '../test/fake-auth-server';
import { INITIAL_SHIFT, offerCountdown, presenceChoices, readyAfterDecision, reduceShift, shift, type ShiftState } from './shift';

const offer = { type: 'offer' as const, offer_id: 'o1', entry_id: 'e1', session_id: 's1', needs: ['lang:de'], expires_at: 21_000 };

describe('the shift state', () => {
  it('rings an offer and counts it down from its arrival', () => {
    const s = reduceShift(INITIAL_SHIFT, offer, 1_000);
    expect(s.offer).toEqual({ offerId: 'o1', sessionId: 's1', needs: ['lang:de'], expiresAt: 21_000, receivedAt: 1_000 });
    expect(offerCountdown(s.offer!, 11_000)).toEqual({ seconds: 10, share: 0.5 });
    expect(offerCountdown(s.offer!, 30_000)).toEqual({ seconds: 0, share: 0 });
  });

  it('opens the call of an accepted offer', () => {
    const s = reduceShift(reduceShift(INITIAL_SHIFT, offer, 0), { type: 'accepted', offer_id: 'o1', session_id: 's1' }, 0);
    expect([s.offer, s.accepted]).toEqual([null, 's1']);
  });

  it('says why an offer went away, but not for another offer', () => {
    const ringing = reduceShift(INITIAL_SHIFT, offer, 0);
    expect(reduceShift(ringing, { type: 'offer_expired', offer_id: 'other', reason: 'timed_out' }, 0)).toBe(ringing);
    const gone = reduceShift(ringing, { type: 'offer_expired', offer_id: 'o1', reason: 'timed_out' }, 0);
    expect([gone.offer, gone.notice]).toEqual([null, { kind: 'offer_gone', reason: 'timed_out' }]);
  });

  it('follows presence with the wrap-up end, and the queue at a glance', () => {
    let s: ShiftState = reduceShift(INITIAL_SHIFT, { type: 'agent_ready', presence: 'offline' }, 0);
    s = reduceShift(s, { type: 'presence', state: 'wrap_up', wrap_up_until: 600_000 }, 0);
    s = reduceShift(s, { type: 'queue_stats', stats: { waiting: 3, oldest_joined_at: 5 } }, 0);
    expect([s.presence, s.wrapUpUntil, s.stats?.waiting]).toEqual(['wrap_up', 600_000, 3]);
  });

  it('lets the agent choose only free states, and not the one they are in', () => {
    expect(presenceChoices('offline').map((c) => [c.target, c.enabled])).toEqual([['available', true], ['away', true], ['offline', false]]);
    expect(presenceChoices('in_call').every((c) => !c.enabled)).toBe(true);
    expect(presenceChoices('offered').every((c) => !c.enabled)).toBe(true);
    expect(presenceChoices('wrap_up').every((c) => c.enabled)).toBe(true);
  });
});

describe('back to the queue after a decision', () => {
  it('ends a wrap-up still running, and leaves any other state alone', async () => {
    const server = fakeAuthServer(['agent'], true);
    server.on((method, path) => (method === 'POST' && path === '/api/v1/me/wrap-up-done' ? json(200, { state: 'available', since: 0 }) : undefined));
    shift.value = { ...INITIAL_SHIFT, presence: 'available' };
    await readyAfterDecision();
    expect(server.calls('POST', '/api/v1/me/wrap-up-done')).toHaveLength(0);
    shift.value = { ...INITIAL_SHIFT, presence: 'wrap_up', wrapUpUntil: 600_000 };
    await readyAfterDecision();
    expect(server.calls('POST', '/api/v1/me/wrap-up-done')).toHaveLength(1);
    expect(shift.value.presence).toBe('available');
  });
});
