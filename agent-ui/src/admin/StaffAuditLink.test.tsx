import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../api/auth';
import { api } from '../api/client';
import { App } from '../staff/App';
import { where } from '../staff/router';
import { checkSession, sessionLost } from '../staff/session';
import { fakeAuthServer, json } from '../test/fake-auth-server';

function server(roles: StaffRole[]) {
  const s = fakeAuthServer(roles, true);
  s.on((method, path) => {
    if (method === 'GET' && path === '/api/v1/staff') return json(200, [{ id: 'anna', display_name: 'Anna Novak', roles: ['agent'], state: 'active', created_at: 0 }]);
    if (method === 'GET' && path.startsWith('/api/v1/audit?')) {
      return json(200, [{ seq: 3, at: Date.UTC(2030, 0, 1), actor: 'staff:anna', action: 'stats_read', session_id: null, target: null, detail: null, prev_hash: '0', hash: '1' }]);
    }
    return undefined;
  });
  return s;
}

async function boot(path: string) {
  window.history.replaceState(null, '', path);
  where.value = { path: window.location.pathname, search: window.location.search };
  api.hooks = { sessionLost };
  render(<App />);
  await checkSession();
}

describe('a staff member’s access log', () => {
  it('is linked from their page for auditors, and opens the audit log filtered to them', async () => {
    const s = server(['auditor']);
    const user = userEvent.setup();
    await boot('/staff/admin/anna');
    const link = await screen.findByRole('link', { name: 'Access log of this person' });
    expect(link.getAttribute('href')).toBe('/staff/audit?actor=staff%3Aanna');
    await user.click(link);
    await screen.findByRole('table', { name: 'Audit log' });
    expect(s.sent.some((r) => r.path.startsWith('/api/v1/audit?') && new URLSearchParams(r.path.split('?')[1]).get('actor') === 'staff:anna')).toBe(true);
    expect((screen.getByLabelText('Who') as HTMLInputElement).value).toBe('staff:anna');
  });

  it('is not offered to a supervisor, who cannot read the audit log', async () => {
    server(['supervisor']);
    await boot('/staff/admin/anna');
    await screen.findByRole('heading', { level: 1, name: 'Anna Novak' });
    expect(screen.queryByRole('link', { name: 'Access log of this person' })).toBeNull();
  });

  it('keeps a filter chosen on the audit page in the address', async () => {
    const s = server(['admin']);
    const user = userEvent.setup();
    await boot('/staff/audit');
    await screen.findByRole('table', { name: 'Audit log' });
    await user.type(screen.getByLabelText('Session'), 'sess-1');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(window.location.search).toBe('?session_id=sess-1'));
    await waitFor(() => expect(s.sent.some((r) => r.path.includes('session_id=sess-1'))).toBe(true));
  });
});
