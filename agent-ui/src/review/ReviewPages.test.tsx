import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../api/auth';
import { api } from '../api/client';
import { App } from '../staff/App';
import { where } from '../staff/router';
import { checkSession, sessionLost } from '../staff/session';
import { fakeAuthServer, json } from '../test/fake-auth-server';
import { archive } from './archive-store';
import { reviewView, row, SID, TIMELINE } from './fixtures';
import { sessionPath } from './paths';

function reviewServer(roles: StaffRole[], { decider = 'agent-1' } = {}) {
  const server = fakeAuthServer(roles, true);
  let view = reviewView(decider);
  server.on((method, path, body) => {
    const url = new URL(path, 'http://x');
    if (method === 'GET' && url.pathname === '/api/v1/sessions') {
      if (url.searchParams.get('cursor') === 'c2') return json(200, { items: [row(3), row(4)], next_cursor: null, names_visible: true });
      if (url.searchParams.has('from') && !url.searchParams.has('review')) return json(200, { items: [row(0)], next_cursor: null, names_visible: true });
      return json(200, { items: [row(0, { customer_name: 'Bryan Max' }), row(1), row(2, { flags: { ...row(2).flags, face_no_match: true } })], next_cursor: 'c2', names_visible: true });
    }
    if (method === 'GET' && path === `/api/v1/sessions/${SID}`) return json(200, { id: SID, created_at: row(0).created_at, status: 'ended', profile: 'rbi-vcip', connected: [] });
    if (method === 'GET' && path === `/api/v1/sessions/${SID}/timeline`) return json(200, TIMELINE);
    if (method === 'GET' && path === `/api/v1/sessions/${SID}/review`) return json(200, view);
    if (method === 'POST' && path === `/api/v1/sessions/${SID}/review`) {
      view = { ...view, decision: { ...view.decision, status: 'final' }, review: { reviewer_id: 'u-1', verdict: body.verdict, outcome_before: 'approved', outcome_after: 'approved', reasons: [], reason: body.reason, reviewed_at: Date.now() } };
      return json(200, view);
    }
    if (method === 'POST' && path === `/api/v1/sessions/${SID}/recording/playback`) {
      return json(200, { expires_at: Date.now() + 60_000, files: TIMELINE.files.map((f) => ({ ...f, url: `/recordings/${SID}/${f.path}?t=x` })) });
    }
    if (method === 'GET' && path.startsWith('/api/v1/audit?')) return json(200, [{ seq: 7, at: Date.now(), actor: 'staff:sv-1', action: 'playback_issued', session_id: SID, target: null, detail: null, prev_hash: '0', hash: '1' }]);
    return undefined;
  });
  return server;
}

async function boot(path: string) {
  archive.search.value = null;
  window.history.replaceState(null, '', path);
  where.value = { path: window.location.pathname, search: window.location.search };
  api.hooks = { sessionLost };
  render(<App />);
  await checkSession();
}

describe('the archive', () => {
  it('lists sessions newest first with their flags and pages on with the server’s cursor', async () => {
    const server = reviewServer(['supervisor']);
    const user = userEvent.setup();
    await boot('/staff/review?review=pending');
    const table = await screen.findByRole('table', { name: 'Identifications matching the filters' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByText('Bryan Max')).toBeTruthy();
    expect(within(table).getByText('Face did not match')).toBeTruthy();
    expect(server.sent.some((s) => s.path.includes('review=pending'))).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(6));
    expect(server.sent.filter((s) => s.path.startsWith('/api/v1/sessions?')).pop()!.path).toContain('cursor=c2');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('puts the chosen filters in the address and asks the server with them', async () => {
    const server = reviewServer(['supervisor']);
    const user = userEvent.setup();
    await boot('/staff/review');
    await screen.findByRole('table');
    await user.click(screen.getByRole('checkbox', { name: 'Liveness failed' }));
    await user.selectOptions(screen.getByLabelText('Decision'), 'rejected');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(window.location.search).toBe('?outcome=rejected&flags=liveness_fail'));
    await waitFor(() => expect(server.sent.some((s) => s.path.includes('outcome=rejected') && s.path.includes('flags=liveness_fail'))).toBe(true));
  });
});

describe('a session’s review page', () => {
  it('lets a second supervisor confirm the decision with a reason', async () => {
    const server = reviewServer(['supervisor']);
    const user = userEvent.setup();
    await boot(sessionPath(SID));
    await user.click(await screen.findByRole('radio', { name: 'Confirm the agent’s decision' }));
    await user.click(screen.getByRole('button', { name: 'Confirm decision' }));
    expect(await screen.findByText('Give a reason: choose one from the list, or write at least 10 characters where asked.')).toBeTruthy();
    await user.type(screen.getByLabelText('Reason'), 'Stills, match and movement checked.');
    await user.click(screen.getByRole('button', { name: 'Confirm decision' }));
    expect(await screen.findByText(/Confirmed by u-1/)).toBeTruthy();
    expect(server.calls('POST', `/api/v1/sessions/${SID}/review`)[0].body).toEqual({ verdict: 'confirm', reason: 'Stills, match and movement checked.' });
    expect(screen.queryByRole('button', { name: 'Confirm decision' })).toBeNull();
  });

  it('shows the supervisor who made the decision the review form disabled, and why', async () => {
    reviewServer(['supervisor'], { decider: 'u-1' });
    await boot(sessionPath(SID));
    expect(await screen.findByText('You made this decision, so another supervisor must review it.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Confirm decision' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('radio', { name: 'Confirm the agent’s decision' }).matches(':disabled')).toBe(true);
  });

  it('moves the players to an event when it is selected on the track', async () => {
    reviewServer(['supervisor']);
    const user = userEvent.setup();
    await boot(sessionPath(SID));
    await user.click(await screen.findByRole('button', { name: 'Play recordings' }));
    const scrubber = await screen.findByRole('slider', { name: 'Position' });
    await user.click(screen.getByRole('button', { name: 'Turn left: passed, 0:23' }));
    await waitFor(() => expect((scrubber as HTMLInputElement).value).toBe('23400'));
    // The arrows jump 5 s from wherever the position is.
    scrubber.focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect((scrubber as HTMLInputElement).value).toBe('28400'));
    const videos = document.querySelectorAll('video');
    expect([...videos].map((v) => v.dataset.participant)).toEqual(['customer', 'agent']);
    // The event before the recording began is listed but has no place on the track.
    expect(screen.queryByRole('button', { name: /Joined the call/ })).toBeNull();
  });

  it('shows an auditor everything read-only: no playback, export, hold or review, but the access log', async () => {
    reviewServer(['auditor']);
    await boot(sessionPath(SID));
    expect(await screen.findByText(/Auditors do not play recordings/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Play recordings' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export evidence package' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Place on legal hold' })).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByText('You can see the review but not make one.')).toBeTruthy();
    const log = await screen.findByRole('region', { name: 'Access log' });
    expect(await within(log).findByText('Opened the recordings for playback')).toBeTruthy();
  });
});
