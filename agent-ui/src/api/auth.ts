// Staff sign-in, sessions and re-authentication (POST/GET /api/v1/auth/…).
// Hand-written from the agreed contract until the server's OpenAPI document describes these
// routes; then the types below become aliases of `schema.ts` and a wire change breaks the build.
import { api } from './client';

export const STAFF_ROLES = ['agent', 'supervisor', 'admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in person, as the login and `me` routes return them. */
export interface StaffSession {
  id: string;
  username: string;
  display_name: string;
  roles: StaffRole[];
  /** RFC 3339: the absolute end of the session. */
  expires_at: string;
  /** RFC 3339: the session ends here unless used before. */
  idle_expires_at: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  /** The 6-digit TOTP or a recovery code `xxxx-xxxx-xxxx`. */
  code: string;
}

export const authApi = {
  login: (req: LoginRequest) => api.request<StaffSession>('POST', '/api/v1/auth/login', { body: req, authProbe: true }),
  me: () => api.request<StaffSession>('GET', '/api/v1/auth/me', { authProbe: true }),
  logout: () => api.request<void>('POST', '/api/v1/auth/logout'),
  logoutAll: () => api.request<void>('POST', '/api/v1/auth/logout-all'),
  reauth: (code: string) => api.request<void>('POST', '/api/v1/auth/reauth', { body: { code } }),
};
