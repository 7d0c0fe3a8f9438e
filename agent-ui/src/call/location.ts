// Where the call page finds its join credential and its signaling socket.
import type { SessionId } from '../api/generated/SessionId';

/** Who joins: a customer by their link's token, a signed-in agent by the session id. */
export type Credential = { token: string } | { session_id: SessionId };

/** The protocol version this client speaks (docs/signaling-protocol.md). */
export const PROTOCOL_VERSION = 1;

/**
 * The credential from the URL fragment, which browsers never send to servers: `#t=<token>` on a
 * customer's link, `#s=<session id>` on the agent page (the agent is the signed-in staff member).
 */
export function credentialFromLocation(): Credential | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('t');
  if (token) return { token };
  const session = params.get('s');
  return session ? { session_id: session } : null;
}

export function signalingUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
