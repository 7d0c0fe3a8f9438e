// The console's own paths under /staff/console: the shift view, and a call by its session id
// (so a reload rejoins the same call).
import type { SessionId } from '../api/generated/SessionId';

export const CONSOLE = '/staff/console';

export function callPath(session: SessionId): string {
  return `${CONSOLE}/call/${encodeURIComponent(session)}`;
}

/** The session of a call path, or null for any other console path. */
export function callOf(path: string): SessionId | null {
  const m = /^\/staff\/console\/call\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}
