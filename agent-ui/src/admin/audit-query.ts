// The audit log's filter in the page address, so a filtered log can be linked to (a staff
// member's page links to their actions: `?actor=staff:<id>`), bookmarked and reloaded. Times are
// Unix milliseconds, as the API takes them; unknown actions and malformed numbers are dropped.
import type { AuditAction, AuditFilter } from './api';
import { AUDIT_ACTIONS } from './audit-actions';

export const AUDIT_BASE = '/staff/audit';

function ms(v: string | null): number | undefined {
  if (v === null || !/^\d{1,15}$/.test(v)) return undefined;
  return Number(v);
}

export function auditFilterFromSearch(search: string): AuditFilter {
  const p = new URLSearchParams(search);
  const action = p.get('action');
  const f: AuditFilter = {
    actor: p.get('actor')?.trim() || undefined,
    action: action && (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : undefined,
    session_id: p.get('session_id')?.trim() || undefined,
    from: ms(p.get('from')),
    to: ms(p.get('to')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditFilter;
}

/** The search part (without `?`) for a filter; empty for none. */
export function searchFromAuditFilter(f: AuditFilter): string {
  const p = new URLSearchParams();
  for (const k of ['actor', 'action', 'session_id', 'from', 'to'] as const) {
    const v = f[k];
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  return p.toString();
}

/** The page that lists what one staff member did. */
export function auditOfStaff(id: string): string {
  return `${AUDIT_BASE}?${searchFromAuditFilter({ actor: `staff:${id}` })}`;
}
