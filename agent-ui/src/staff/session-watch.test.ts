import { describe, expect, it, vi } from 'vitest';
import { fakeAuthServer, problem, staff } from '../test/fake-auth-server';
import { session } from './session';
import { msUntilDeadline, watchSession, type Clock } from './session-watch';

function manualClock(now: number) {
  const timers: { at: number; fn: () => void; handle: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, handle: next });
      return next++;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.handle === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return { clock, timers };
}

describe('noticing the end of a session', () => {
  it('waits until just after the earlier of the idle and absolute deadlines', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(msUntilDeadline(Date.parse('2030-01-01T08:00:00Z'), Date.parse('2030-01-01T00:30:00Z'), now)).toBe(30 * 60_000 + 1000);
    expect(msUntilDeadline(Date.parse('2030-01-01T00:10:00Z'), Date.parse('2030-01-01T00:30:00Z'), now)).toBe(10 * 60_000 + 1000);
    expect(msUntilDeadline(Date.parse('2029-12-31T00:00:00Z'), Date.parse('2029-12-31T00:00:00Z'), now)).toBe(1000);
    expect(msUntilDeadline(Date.parse('2031-06-01T00:00:00Z'), Date.parse('2031-06-01T00:00:00Z'), now)).toBe(2 ** 31 - 1);
  });

  it('checks the session at the idle deadline and lands on sign-in when it has expired', async () => {
    const server = fakeAuthServer(['agent'], true);
    const { clock, timers } = manualClock(Date.parse('2030-01-01T00:00:00Z'));
    const stop = watchSession(clock, document);
    session.value = { kind: 'signed_in', user: staff(['agent']) };
    expect(timers.map((t) => t.at - clock.now())).toEqual([30 * 60_000 + 1000]);
    server.on((_m, p) => (p === '/api/v1/auth/me' ? problem(401, 'session_expired') : undefined));
    timers[0].fn();
    await vi.waitFor(() => expect(session.value).toEqual({ kind: 'signed_out', notice: 'session_expired' }));
    expect(timers).toEqual([]);
    stop();
  });

  it('checks again when the person comes back to the tab', async () => {
    const server = fakeAuthServer(['agent'], true);
    const { clock } = manualClock(Date.parse('2030-01-01T00:00:00Z'));
    const stop = watchSession(clock, document);
    session.value = { kind: 'signed_in', user: staff(['agent']) };
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(server.calls('GET', '/api/v1/auth/me')).toHaveLength(1));
    stop();
  });
});
