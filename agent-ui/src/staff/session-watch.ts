// Notices the end of a session without waiting for the next click: at the idle or absolute
// deadline the server gave, and whenever the person comes back to the tab, the session is
// checked again, so an expired one lands on the sign-in page with the reason.
import { effect } from '@preact/signals';
import { checkSession, session } from './session';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Check just after the deadline, so the server already considers the session over. */
const GRACE_MS = 1000;

/** Milliseconds from `now` until the session's first deadline (Unix ms) has passed. */
export function msUntilDeadline(expiresAt: number, idleExpiresAt: number, now: number): number {
  const deadline = Math.min(expiresAt, idleExpiresAt);
  if (!Number.isFinite(deadline)) return MAX_DELAY_MS;
  return Math.min(MAX_DELAY_MS, Math.max(0, deadline - now) + GRACE_MS);
}

/** Starts watching; returns a function that stops it. */
export function watchSession(clock: Clock = browserClock, doc: Document = document): () => void {
  let timer: unknown = null;
  const stopEffect = effect(() => {
    const s = session.value;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (s.kind === 'signed_in') {
      timer = clock.setTimeout(() => void checkSession(), msUntilDeadline(s.user.expires_at, s.user.idle_expires_at, clock.now()));
    }
  });
  const onVisible = () => {
    if (doc.visibilityState === 'visible' && session.peek().kind === 'signed_in') void checkSession();
  };
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    stopEffect();
    if (timer !== null) clock.clearTimeout(timer);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}
