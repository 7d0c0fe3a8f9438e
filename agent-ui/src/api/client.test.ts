import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';

function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ type: 'urn:x', title: 'T', status, code, detail: 'English detail', ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

function clientAnswering(...responses: (Response | Error)[]) {
  const fetchFn = vi.fn(async () => {
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  return { client: new ApiClient(fetchFn as unknown as typeof fetch), fetchFn };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

describe('ApiClient', () => {
  it('sends JSON with same-origin credentials and parses the JSON answer', async () => {
    const { client, fetchFn } = clientAnswering(new Response('{"ok":true}', { status: 200 }));
    expect(await client.request('POST', '/api/v1/x', { body: { a: 1 } })).toEqual({ ok: true });
    const [path, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/x');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('resolves a 204 with undefined', async () => {
    const { client } = clientAnswering(new Response(null, { status: 204 }));
    expect(await client.request('POST', '/api/v1/auth/logout')).toBeUndefined();
  });

  it('turns problem+json into an ApiError carrying the code and extension members', async () => {
    const { client } = clientAnswering(problem(423, 'account_locked', { retry_after_seconds: 600 }));
    const e = await failure(client.request('POST', '/api/v1/auth/login', { body: {} }));
    expect(e.status).toBe(423);
    expect(e.code).toBe('account_locked');
    expect(e.number('retry_after_seconds')).toBe(600);
    expect(e.number('absent')).toBeNull();
  });

  it('gives a code to failures without a problem body and to network failures', async () => {
    const { client } = clientAnswering(new Response('<html>Bad gateway</html>', { status: 502 }), new TypeError('Failed to fetch'));
    expect((await failure(client.request('GET', '/a'))).code).toBe('http_error');
    const offline = await failure(client.request('GET', '/a'));
    expect([offline.status, offline.code]).toEqual([0, 'network_error']);
  });

  it('reports a lost session to its owner, except from a request that probes the session', async () => {
    const { client } = clientAnswering(problem(401, 'session_expired'), problem(401, 'unauthenticated'), problem(401, 'invalid_code'));
    const sessionLost = vi.fn();
    client.hooks = { sessionLost };
    await failure(client.request('GET', '/api/v1/sessions'));
    await failure(client.request('GET', '/api/v1/auth/me', { authProbe: true }));
    await failure(client.request('POST', '/api/v1/auth/login', { body: {}, authProbe: true }));
    expect(sessionLost.mock.calls).toEqual([['session_expired']]);
  });

  it('on reauth_required asks for a re-authentication and retries the request once', async () => {
    const { client, fetchFn } = clientAnswering(problem(401, 'reauth_required'), new Response('{"exported":true}', { status: 200 }));
    const reauthenticate = vi.fn(async () => true);
    client.hooks = { reauthenticate };
    expect(await client.request('POST', '/api/v1/sessions/s1/export')).toEqual({ exported: true });
    expect(reauthenticate).toHaveBeenCalledTimes(1);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('fails with reauth_cancelled when the person cancels the re-authentication', async () => {
    const { client, fetchFn } = clientAnswering(problem(401, 'reauth_required'));
    client.hooks = { reauthenticate: async () => false };
    expect((await failure(client.request('POST', '/x'))).code).toBe('reauth_cancelled');
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('does not loop when the retried request asks for re-authentication again', async () => {
    const { client, fetchFn } = clientAnswering(problem(401, 'reauth_required'), problem(401, 'reauth_required'));
    client.hooks = { reauthenticate: async () => true };
    expect((await failure(client.request('POST', '/x'))).code).toBe('reauth_required');
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });
});
