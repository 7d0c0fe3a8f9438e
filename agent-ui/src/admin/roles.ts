// What each role and scope means, as the forms explain them (message ids, translated).
import { STAFF_ROLES, type StaffRole } from '../api/auth';
import { t } from '../i18n/i18n';
import type { CheckboxOption } from '../ui/CheckboxGroup';
import { API_SCOPES, type ApiScope, type StaffState } from './api';

export function roleOptions(): CheckboxOption<StaffRole>[] {
  return STAFF_ROLES.map((r) => ({ value: r, label: t(`role-${r}`), description: t(`admin-role-${r}-desc`) }));
}

/** `sessions:write` → `sessions-write`: Fluent ids take no colon. */
export function scopeId(s: ApiScope): string {
  return s.replace(':', '-');
}

export function scopeOptions(): CheckboxOption<ApiScope>[] {
  return API_SCOPES.map((s) => ({ value: s, label: s, description: t(`admin-scope-${scopeId(s)}-desc`) }));
}

export function stateLabel(s: StaffState): string {
  return t(`admin-state-${s}`);
}
