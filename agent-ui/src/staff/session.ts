// The signed-in state of the staff app: one signal, changed only by the functions below.
// The server owns the session (HttpOnly cookie); this store only mirrors what it last said.
import { signal } from '@preact/signals';
import { authApi, type LoginRequest, type StaffSession } from '../api/auth';
import type { SessionLostCode } from '../api/client';
import { isApiError } from '../api/problem';

/** Why the sign-in page is showing, when there is something to say. */
export type Notice = SessionLostCode | 'signed_out' | 'signed_out_everywhere';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed_out'; notice: Notice | null }
  | { kind: 'signed_in'; user: StaffSession };

export const session = signal<SessionState>({ kind: 'checking' });

/**
 * Asks the server who we are (page load, returning to the tab, idle deadline reached).
 * A first visit without a session is silent; an expired one says so.
 */
export async function checkSession(): Promise<void> {
  try {
    signedIn(await authApi.me());
  } catch (e) {
    if (isApiError(e, 'session_expired')) sessionLost('session_expired');
    else if (isApiError(e, 'unauthenticated')) {
      // Signed out elsewhere while this tab showed the app: say so. On page load: nothing to say.
      session.value = { kind: 'signed_out', notice: session.value.kind === 'signed_in' ? 'unauthenticated' : null };
    } else if (session.value.kind === 'checking') session.value = { kind: 'signed_out', notice: null };
    // Other failures (network) while signed in leave the state alone; the next call will tell.
  }
}

/** Signs in; rejects with the server's `ApiError` so the form can show its code. */
export async function signIn(req: LoginRequest): Promise<StaffSession> {
  const user = await authApi.login(req);
  signedIn(user);
  return user;
}

export function signedIn(user: StaffSession): void {
  session.value = { kind: 'signed_in', user };
}

/** The server says the session is gone; the router then shows the sign-in page with why. */
export function sessionLost(code: SessionLostCode): void {
  session.value = { kind: 'signed_out', notice: code };
}

export async function signOut(): Promise<void> {
  await endSession(authApi.logout, 'signed_out');
}

export async function signOutEverywhere(): Promise<void> {
  await endSession(authApi.logoutAll, 'signed_out_everywhere');
}

async function endSession(call: () => Promise<void>, notice: Notice): Promise<void> {
  try {
    await call();
  } catch (e) {
    // Already gone on the server: the outcome the person asked for.
    if (!(isApiError(e) && e.status === 401)) throw e;
  }
  session.value = { kind: 'signed_out', notice };
}

/** The signed-in person, or null. */
export function currentUser(): StaffSession | null {
  const s = session.value;
  return s.kind === 'signed_in' ? s.user : null;
}
