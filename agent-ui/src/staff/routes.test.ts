import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../api/auth';
import { staff } from '../test/fake-auth-server';
import { resolveRoute, safeNext } from './routes';
import type { SessionState } from './session';

const signedIn = (roles: StaffRole[]): SessionState => ({ kind: 'signed_in', user: staff(roles) });
const signedOut: SessionState = { kind: 'signed_out', notice: null };

describe('staff routes', () => {
  it('shows nothing but a loading line while the session is being checked', () => {
    expect(resolveRoute('/staff/console', '', { kind: 'checking' })).toEqual({ kind: 'checking' });
  });

  it('sends a signed-out visitor to sign in, remembering where they were going', () => {
    expect(resolveRoute('/staff/review', '?id=7', signedOut)).toEqual({ kind: 'redirect', to: '/staff/login?next=%2Fstaff%2Freview%3Fid%3D7' });
    expect(resolveRoute('/staff/', '', signedOut)).toEqual({ kind: 'redirect', to: '/staff/login' });
    expect(resolveRoute('/staff', '', signedOut)).toEqual({ kind: 'redirect', to: '/staff/login' });
  });

  it('shows the sign-in page with the reason the session ended', () => {
    expect(resolveRoute('/staff/login', '', { kind: 'signed_out', notice: 'session_expired' })).toEqual({ kind: 'login', notice: 'session_expired' });
  });

  it('after sign-in goes to the remembered page, else to the first section of the person’s roles', () => {
    expect(resolveRoute('/staff/login', '?next=%2Fstaff%2Freview', signedIn(['supervisor']))).toEqual({ kind: 'redirect', to: '/staff/review' });
    expect(resolveRoute('/staff/login', '', signedIn(['supervisor']))).toEqual({ kind: 'redirect', to: '/staff/' });
    expect(resolveRoute('/staff/', '', signedIn(['agent']))).toEqual({ kind: 'redirect', to: '/staff/console' });
    expect(resolveRoute('/staff/', '', signedIn(['auditor']))).toEqual({ kind: 'redirect', to: '/staff/review' });
    expect(resolveRoute('/staff/', '', signedIn(['admin']))).toEqual({ kind: 'redirect', to: '/staff/admin' });
  });

  it('never follows a next parameter off this app', () => {
    for (const next of ['https://evil.example/', '//evil.example/staff/', '/call/', '/staff/login', 'javascript:alert(1)']) {
      expect(safeNext(`?next=${encodeURIComponent(next)}`)).toBeNull();
    }
    expect(safeNext('?next=%2Fstaff%2Fadmin%2Fusers')).toBe('/staff/admin/users');
  });

  it('opens each section only to its roles', () => {
    expect(resolveRoute('/staff/console', '', signedIn(['agent']))).toEqual({ kind: 'section', section: 'console' });
    expect(resolveRoute('/staff/review/', '', signedIn(['auditor']))).toEqual({ kind: 'section', section: 'review' });
    expect(resolveRoute('/staff/review/call/9', '', signedIn(['supervisor']))).toEqual({ kind: 'section', section: 'review' });
    // Supervisors and auditors see the staff list read-only; agents do not see it at all.
    expect(resolveRoute('/staff/admin', '', signedIn(['agent', 'supervisor']))).toEqual({ kind: 'section', section: 'admin' });
    expect(resolveRoute('/staff/admin', '', signedIn(['agent']))).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/staff/api-keys', '', signedIn(['supervisor']))).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/staff/audit', '', signedIn(['auditor']))).toEqual({ kind: 'section', section: 'audit' });
    expect(resolveRoute('/staff/account', '', signedIn(['agent']))).toEqual({ kind: 'section', section: 'account' });
    expect(resolveRoute('/staff/review', '', signedIn(['agent']))).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/staff/console', '', signedIn(['admin']))).toEqual({ kind: 'forbidden' });
  });

  it('says so when a person has no role, and when a path matches no page', () => {
    expect(resolveRoute('/staff/', '', signedIn([]))).toEqual({ kind: 'no_roles' });
    expect(resolveRoute('/staff/nowhere', '', signedIn(['agent']))).toEqual({ kind: 'not_found' });
    expect(resolveRoute('/staff/consoles', '', signedIn(['agent']))).toEqual({ kind: 'not_found' });
  });
});
