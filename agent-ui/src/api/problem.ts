// RFC 9457 problem details as our server sends them, turned into one error type that carries
// the stable `code`. The UI shows errors by translating the code, never the server's `detail`.
import type { components } from './schema';

/**
 * The problem+json body as the server documents it (standard members, our stable `code`,
 * `retry_after_seconds` where it applies), open to further extension members.
 * `detail` is English text for logs and API users; it is never shown to people.
 */
export type Problem = components['schemas']['Problem'] & { [extension: string]: unknown };

/** Codes the client itself produces, for failures that never reached a problem body. */
export type ClientErrorCode = 'network_error' | 'http_error' | 'reauth_cancelled';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Problem | null = null,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }

  /** A numeric extension member of the problem body (e.g. `retry_after_seconds`), if present. */
  number(member: string): number | null {
    const v = this.problem?.[member];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

/** The error a failed response stands for; the body is read as problem+json when it is one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON (a proxy's HTML page, an empty body): no code to show */
  }
  return isProblem(body) ? new ApiError(res.status, body.code, body) : new ApiError(res.status, 'http_error');
}
