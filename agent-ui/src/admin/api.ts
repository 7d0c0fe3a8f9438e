// The administration's calls: staff accounts, integrator keys, the audit log. Types are the
// server's, generated from its OpenAPI document into schema.ts.
import { api } from '../api/client';
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type StaffAccount = Schemas['StaffAccount'];
export type StaffState = Schemas['StaffState'];
export type Invitation = Schemas['Invitation'];
export type InvitedStaff = Schemas['InvitedStaff'];
export type CreateStaff = Schemas['CreateStaff'];
export type UpdateStaff = Schemas['UpdateStaff'];
export type ApiKey = Schemas['ApiKey'];
export type ApiScope = Schemas['ApiScope'];
export type CreateKey = Schemas['CreateKey'];
export type CreatedKey = Schemas['CreatedKey'];
export type AuditRow = Schemas['AuditRow'];
export type AuditAction = Schemas['AuditAction'];
export type ChainVerdict = Schemas['ChainVerdict'];

/** Every scope, in the order the form lists them; the compiler checks it is the whole set. */
export const API_SCOPES = ['sessions:read', 'sessions:write', 'results:read', 'roster:read', 'roster:write'] as const satisfies readonly ApiScope[];
const _allScopes: Exclude<ApiScope, (typeof API_SCOPES)[number]> extends never ? true : never = true;
void _allScopes;

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  session_id?: string;
  /** Unix ms, inclusive. */
  from?: number;
  /** Unix ms, exclusive. */
  to?: number;
}

const enc = encodeURIComponent;

export const adminApi = {
  listStaff: () => api.request<StaffAccount[]>('GET', '/api/v1/staff'),
  createStaff: (body: CreateStaff) => api.request<InvitedStaff>('POST', '/api/v1/staff', { body }),
  updateStaff: (id: string, body: UpdateStaff) => api.request<StaffAccount>('PATCH', `/api/v1/staff/${enc(id)}`, { body }),
  resetSignIn: (id: string) => api.request<Invitation>('POST', `/api/v1/staff/${enc(id)}/reset-sign-in`),
  unlock: (id: string) => api.request<StaffAccount>('POST', `/api/v1/staff/${enc(id)}/unlock`),

  listKeys: () => api.request<ApiKey[]>('GET', '/api/v1/api-keys'),
  createKey: (body: CreateKey) => api.request<CreatedKey>('POST', '/api/v1/api-keys', { body }),
  revokeKey: (id: string) => api.request<ApiKey>('DELETE', `/api/v1/api-keys/${enc(id)}`),

  /** One page, newest first: rows older than `before` (a `seq`), at most `limit`. */
  audit: (filter: AuditFilter, before: number | null, limit: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
    if (before !== null) q.set('before', String(before));
    q.set('limit', String(limit));
    return api.request<AuditRow[]>('GET', `/api/v1/audit?${q}`);
  },
  verifyChain: () => api.request<ChainVerdict>('GET', '/api/v1/audit/verify'),
};
