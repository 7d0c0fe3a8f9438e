// Staff sign-in, sessions and re-authentication (POST/GET /api/v1/auth/…). The types are the
// server's, generated from its OpenAPI document into schema.ts: a wire change breaks the build.
import { api } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type StaffRole = Schemas['StaffRole'];
/** The signed-in person, as the login and `me` routes return them (times in Unix ms). */
export type StaffSession = Schemas['Me'];
export type LoginRequest = Schemas['LoginRequest'];
type ReauthRequest = Schemas['ReauthRequest'];

/** Every role, in the order the interface lists them; the compiler checks it is the whole set. */
export const STAFF_ROLES = ['agent', 'supervisor', 'admin', 'auditor'] as const satisfies readonly StaffRole[];
// Fails to compile when the server adds a role this list lacks.
const _allRoles: Exclude<StaffRole, (typeof STAFF_ROLES)[number]> extends never ? true : never = true;
void _allRoles;

export const authApi = {
  login: (req: LoginRequest) => api.request<StaffSession>('POST', '/api/v1/auth/login', { body: req, authProbe: true }),
  me: () => api.request<StaffSession>('GET', '/api/v1/auth/me', { authProbe: true }),
  logout: () => api.request<void>('POST', '/api/v1/auth/logout'),
  logoutAll: () => api.request<void>('POST', '/api/v1/auth/logout-all'),
  reauth: (code: string) => api.request<void>('POST', '/api/v1/auth/reauth', { body: { code } satisfies ReauthRequest }),
};
