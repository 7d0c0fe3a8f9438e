import { act, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeAuthServer, json } from '../test/fake-auth-server';
import { FakeSocket, fakeSocketFactory } from '../test/fake-socket';
import { where } from '../staff/router';
import { ConsoleHome } from './ConsoleHome';
import { consoleDeps } from './deps';
import { stopShift } from './shift';

function boot() {
  fakeAuthServer(['agent'], true).on((method, path) => (method === 'GET' && path === '/api/v1/me/appointments' ? json(200, []) : undefined));
  consoleDeps.socket = fakeSocketFactory;
  // No camera in the test: the call view says so instead of joining.
  consoleDeps.call = { getUserMedia: () => Promise.reject(new Error('no camera')), client: () => { throw new Error('not joined'); }, now: () => Date.now() };
  window.history.replaceState(null, '', '/staff/console');
  where.value = { path: '/staff/console', search: '' };
  render(<ConsoleHome />);
  const ws = FakeSocket.all[0];
  act(() => {
    ws.open();
    ws.receive({ type: 'agent_ready', presence: 'offline' });
    ws.receive({ type: 'queue_stats', stats: { waiting: 2, oldest_joined_at: Date.now() - 65_000 } });
  });
  return ws;
}

beforeEach(() => {
  FakeSocket.all = [];
});
afterEach(() => {
  stopShift();
  consoleDeps.socket = undefined;
  consoleDeps.call = undefined;
});

describe('the agent console', () => {
  it('shows presence and the queue at a glance, and goes available', async () => {
    const ws = boot();
    const user = userEvent.setup();
    expect(screen.getByRole('status', { name: '' }).textContent).toContain('Offline');
    expect(screen.getByText('2')).toBeTruthy();
    expect(screen.getByText(/^1:0[5-6]$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Available' }));
    expect(ws.sent.at(-1)).toEqual({ type: 'presence', state: 'available' });
    act(() => ws.receive({ type: 'presence', state: 'available', wrap_up_until: null }));
    expect(await screen.findByText('You are available. The next customer will ring here.')).toBeTruthy();
  });

  it('rings an offer with Accept focused, accepts with the A key and opens the call', async () => {
    const ws = boot();
    const user = userEvent.setup();
    act(() => ws.receive({ type: 'offer', offer_id: 'o1', entry_id: 'e1', session_id: 's1', needs: ['lang:de'], expires_at: Date.now() + 20_000 }));
    const offer = await screen.findByRole('alert');
    expect(offer.textContent).toContain('A customer is waiting');
    expect(offer.textContent).toContain('Needs: lang:de');
    const accept = screen.getByRole('button', { name: 'Accept' });
    await waitFor(() => expect(document.activeElement).toBe(accept));
    await user.keyboard('a');
    expect(ws.sent.at(-1)).toEqual({ type: 'accept', offer_id: 'o1' });
    act(() => ws.receive({ type: 'accepted', offer_id: 'o1', session_id: 's1' }));
    await waitFor(() => expect(window.location.pathname).toBe('/staff/console/call/s1'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Identification call' })).toBeTruthy();
    expect(await screen.findAllByText('Your camera or microphone is not available. Allow access and reload.')).not.toHaveLength(0);
  });

  it('says why an offer went away', async () => {
    const ws = boot();
    act(() => ws.receive({ type: 'offer', offer_id: 'o1', entry_id: 'e1', session_id: 's1', needs: [], expires_at: Date.now() + 20_000 }));
    act(() => ws.receive({ type: 'offer_expired', offer_id: 'o1', reason: 'timed_out' }));
    expect(await screen.findByText('The offer was not answered in time, so your status is now “Away”.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists the shortcuts on "?" and closes the list with Escape', async () => {
    boot();
    const user = userEvent.setup();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('Take a photo of the ID back');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
