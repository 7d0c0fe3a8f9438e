// What each /staff/… path shows for the current session: the guards, as one pure function, so
// every rule ("agents cannot open review", "signed-out visitors go to sign-in and come back")
// is tested without a browser.
import type { StaffRole } from '../api/auth';
import type { Notice, SessionState } from './session';

export const BASE = '/staff';
export const HOME = `${BASE}/`;
export const LOGIN = `${BASE}/login`;
/** Where an invited person sets up their sign-in (the token follows in the fragment). */
export const ACTIVATE = `${BASE}/activate`;

export type Section = 'console' | 'review' | 'admin' | 'keys' | 'audit' | 'account';

const EVERY_ROLE: readonly StaffRole[] = ['agent', 'supervisor', 'admin', 'auditor'];

/**
 * The sections in navigation order, and who may open each (as the server's policy allows:
 * supervisors and auditors list staff read-only, auditors list keys). `nav: false` sections are
 * reached from the person's menu instead of the main navigation.
 */
export const SECTIONS: readonly { section: Section; path: string; roles: readonly StaffRole[]; nav?: false }[] = [
  { section: 'console', path: `${BASE}/console`, roles: ['agent'] },
  { section: 'review', path: `${BASE}/review`, roles: ['supervisor', 'auditor'] },
  { section: 'admin', path: `${BASE}/admin`, roles: ['admin', 'supervisor', 'auditor'] },
  { section: 'keys', path: `${BASE}/api-keys`, roles: ['admin', 'auditor'] },
  { section: 'audit', path: `${BASE}/audit`, roles: ['admin', 'auditor'] },
  { section: 'account', path: `${BASE}/account`, roles: EVERY_ROLE, nav: false },
];

export type Resolution =
  | { kind: 'checking' }
  | { kind: 'login'; notice: Notice | null }
  | { kind: 'activate' }
  | { kind: 'redirect'; to: string }
  | { kind: 'section'; section: Section }
  | { kind: 'no_roles' }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

export function sectionsFor(roles: readonly StaffRole[]) {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/** The sections in the main navigation for these roles. */
export function navSectionsFor(roles: readonly StaffRole[]) {
  return sectionsFor(roles).filter((s) => s.nav !== false);
}

/** Where a person lands after signing in: their first section. */
export function homeFor(roles: readonly StaffRole[]): string | null {
  return navSectionsFor(roles)[0]?.path ?? null;
}

/** A `next` parameter is followed only to a page of this app, never to another site. */
export function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  // A path that starts with /staff/ is always on this origin, whatever follows.
  if (!next || !next.startsWith(`${BASE}/`)) return null;
  return normalise(next.split(/[?#]/)[0]) === LOGIN ? null : next;
}

function normalise(path: string): string {
  if (path === BASE) return HOME;
  return path.length > 1 && path.endsWith('/') && path !== HOME ? path.slice(0, -1) : path;
}

export function resolveRoute(rawPath: string, search: string, state: SessionState): Resolution {
  const path = normalise(rawPath);
  // The activation link works whoever is (or is not) signed in in this browser.
  if (path === ACTIVATE) return { kind: 'activate' };
  if (state.kind === 'checking') return { kind: 'checking' };
  if (path === LOGIN) {
    if (state.kind === 'signed_out') return { kind: 'login', notice: state.notice };
    return { kind: 'redirect', to: safeNext(search) ?? HOME };
  }
  if (path !== HOME && !path.startsWith(`${BASE}/`)) return { kind: 'not_found' };
  if (state.kind === 'signed_out') {
    const back = path === HOME ? '' : `?next=${encodeURIComponent(path + search)}`;
    return { kind: 'redirect', to: LOGIN + back };
  }
  const roles = state.user.roles;
  if (path === HOME) {
    const home = homeFor(roles);
    return home ? { kind: 'redirect', to: home } : { kind: 'no_roles' };
  }
  const match = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
  if (!match) return { kind: 'not_found' };
  return match.roles.some((r) => roles.includes(r)) ? { kind: 'section', section: match.section } : { kind: 'forbidden' };
}
