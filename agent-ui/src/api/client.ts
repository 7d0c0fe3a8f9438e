// The thin HTTP client every page uses: same-origin cookies, JSON in and out, failures as
// `ApiError` with the server's stable code. Two cross-cutting reactions live here so no page
// repeats them: a lost session (401 `session_expired` / `unauthenticated`) is reported to
// whoever owns the session, and a `reauth_required` answer asks for a re-authentication and
// retries the request once.
import { ApiError, errorFromResponse } from './problem';

/** 401 codes that mean "this browser no longer has a session". */
export const SESSION_LOST_CODES = ['session_expired', 'unauthenticated'] as const;
export type SessionLostCode = (typeof SESSION_LOST_CODES)[number];

export function isSessionLost(code: string): code is SessionLostCode {
  return (SESSION_LOST_CODES as readonly string[]).includes(code);
}

export interface ApiHooks {
  /** The session ended under the page (expired, revoked elsewhere). */
  sessionLost?(code: SessionLostCode): void;
  /** Asks the person to re-authenticate; true when they did, so the request is retried. */
  reauthenticate?(): Promise<boolean>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (an image), with its content type, instead of JSON. */
  raw?: Blob;
  /**
   * A 401 here is an answer, not a lost session: the session probe on page load and the
   * sign-in itself. Such requests never trigger `sessionLost`.
   */
  authProbe?: boolean;
  /** Resolve with the `Response` itself (a file download) instead of its parsed JSON. */
  asResponse?: boolean;
}

export class ApiClient {
  hooks: ApiHooks = {};

  /**
   * @param authorization the `Authorization` header of every request, if any: customers present
   *   their link's token as a bearer token (staff use the same-origin cookie instead).
   */
  constructor(
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
    private readonly authorization: (() => string | null) | null = null,
  ) {}

  /** Sends one request; resolves with the parsed JSON body (undefined for 204). */
  async request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    try {
      return await this.once<T>(method, path, opts);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 401 && e.code === 'reauth_required' && this.hooks.reauthenticate) {
        if (!(await this.hooks.reauthenticate())) throw new ApiError(401, 'reauth_cancelled', e.problem);
        return this.once<T>(method, path, opts);
      }
      throw e;
    }
  }

  private async once<T>(method: Method, path: string, opts: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (opts.raw) headers['content-type'] = opts.raw.type || 'application/octet-stream';
    else if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const auth = this.authorization?.();
    if (auth) headers.authorization = auth;
    let res: Response;
    try {
      res = await this.fetchFn(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      });
    } catch {
      throw new ApiError(0, 'network_error');
    }
    if (!res.ok) {
      const err = await errorFromResponse(res);
      if (err.status === 401 && isSessionLost(err.code) && !opts.authProbe) this.hooks.sessionLost?.(err.code);
      throw err;
    }
    if (opts.asResponse) return res as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The one client of this page; the page's shell sets its hooks. */
export const api = new ApiClient();
