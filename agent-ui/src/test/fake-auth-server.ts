// A stand-in for the server's auth API in component tests: answers `fetch` the way the agreed
// contract says, records what it was sent, and lets a test change its answers.
import { vi } from 'vitest';
import type { StaffRole, StaffSession } from '../api/auth';

export interface Sent {
  method: string;
  path: string;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export type Handler = (method: string, path: string, body: any) => Response | undefined;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  const body = { type: `urn:videokyc:problem:${code}`, title: 'Error', status, code, detail: `SERVER DETAIL ${code}`, ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

export function staff(roles: StaffRole[], name = 'Ada Lovelace'): StaffSession {
  return {
    id: 'u-1',
    username: 'ada',
    display_name: name,
    roles,
    expires_at: Date.parse('2030-01-01T08:00:00Z'),
    idle_expires_at: Date.parse('2030-01-01T00:30:00Z'),
    reauth_valid_until: Date.parse('2030-01-01T00:00:00Z'),
  };
}

/**
 * Installs the fake as `fetch`. Default behaviour: one account `ada` / `pw` / code `123456`
 * with `roles`; no session until a successful login. `extra` handlers run first.
 */
export function fakeAuthServer(roles: StaffRole[] = ['agent'], signedIn = false) {
  const sent: Sent[] = [];
  const handlers: Handler[] = [];
  const state = { user: signedIn ? staff(roles) : null as StaffSession | null };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path, body, credentials: init?.credentials });
    for (const h of handlers) {
      const r = h(method, path, body);
      if (r) return r;
    }
    switch (`${method} ${path}`) {
      case 'GET /api/v1/auth/me':
        return state.user ? json(200, state.user) : problem(401, 'unauthenticated');
      case 'POST /api/v1/auth/login':
        if (body.username !== 'ada' || body.password !== 'pw') return problem(401, 'invalid_credentials');
        if (body.code !== '123456' && body.code !== 'abcd-efgh-ijkl') return problem(401, 'invalid_code');
        state.user = staff(roles);
        return json(200, state.user);
      case 'POST /api/v1/auth/logout':
      case 'POST /api/v1/auth/logout-all':
        state.user = null;
        return new Response(null, { status: 204 });
      case 'POST /api/v1/auth/reauth':
        return body.code === '123456' ? new Response(null, { status: 204 }) : problem(401, 'invalid_code');
    }
    return problem(404, 'not_found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    sent,
    state,
    /** Adds a handler that answers before the defaults (return undefined to pass). */
    on(h: Handler) {
      handlers.unshift(h);
    },
    calls: (method: string, path: string) => sent.filter((s) => s.method === method && s.path === path),
  };
}
