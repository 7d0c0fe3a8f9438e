import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { fakeAuthServer, problem } from '../test/fake-auth-server';
import { App } from './App';
import { navigate, where } from './router';
import { checkSession, sessionLost } from './session';

/** Starts the app at `path` the way main.tsx does, against the fake server. */
async function boot(path: string) {
  window.history.replaceState(null, '', path);
  where.value = { path: window.location.pathname, search: window.location.search };
  api.hooks = { sessionLost };
  render(<App />);
  await checkSession();
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Username'), 'ada');
  await user.type(screen.getByLabelText('Password'), 'pw');
  await user.type(screen.getByLabelText('Authenticator code'), '123456');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the staff app', () => {
  it('sends a signed-out visitor to sign in and then to the page they asked for', async () => {
    fakeAuthServer(['supervisor']);
    const user = userEvent.setup();
    await boot('/staff/review');
    await waitFor(() => expect(window.location.pathname).toBe('/staff/login'));
    expect(window.location.search).toBe('?next=%2Fstaff%2Freview');
    expect(screen.queryByRole('alert', { name: /expired/ })).toBeNull();
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Review' })).toBeTruthy();
    expect(window.location.pathname).toBe('/staff/review');
  });

  it('shows each person only the sections of their roles', async () => {
    fakeAuthServer(['supervisor', 'auditor', 'admin'], true);
    await boot('/staff/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Review', 'Staff', 'API keys', 'Audit log']);
    await waitFor(() => expect(window.location.pathname).toBe('/staff/review'));
    expect(within(nav).getByRole('link', { name: 'Review' }).getAttribute('aria-current')).toBe('page');
  });

  it('lands an agent in the console and refuses them the admin pages', async () => {
    fakeAuthServer(['agent'], true);
    await boot('/staff/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Agent console' })).toBeTruthy();
    navigate('/staff/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'No access' })).toBeTruthy();
  });

  it('follows in-app links without reloading and moves focus to the new page', async () => {
    fakeAuthServer(['agent', 'admin'], true);
    const user = userEvent.setup();
    await boot('/staff/console');
    await user.click(await screen.findByRole('link', { name: 'Staff' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff' })).toBeTruthy();
    expect(window.location.pathname).toBe('/staff/admin');
    await waitFor(() => expect(document.activeElement?.id).toBe('main'));
  });

  it('on an expired session anywhere, returns to sign-in and says why', async () => {
    const server = fakeAuthServer(['agent'], true);
    await boot('/staff/console');
    await screen.findByRole('heading', { level: 1, name: 'Agent console' });
    server.on((_m, p) => (p === '/api/v1/queue' ? problem(401, 'session_expired') : undefined));
    await expect(api.request('GET', '/api/v1/queue')).rejects.toMatchObject({ code: 'session_expired' });
    expect(await screen.findByText('Your session expired. Please sign in again.')).toBeTruthy();
    expect(window.location.pathname).toBe('/staff/login');
    expect(window.location.search).toBe('?next=%2Fstaff%2Fconsole');
  });

  it('on return to an expired session, the first check lands on sign-in with the message', async () => {
    const server = fakeAuthServer(['agent'], true);
    server.on((_m, p) => (p === '/api/v1/auth/me' ? problem(401, 'session_expired') : undefined));
    await boot('/staff/console');
    expect(await screen.findByText('Your session expired. Please sign in again.')).toBeTruthy();
  });

  it('signs out, and signs out everywhere, each saying what happened', async () => {
    const server = fakeAuthServer(['agent'], true);
    const user = userEvent.setup();
    await boot('/staff/console');
    await user.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You are signed out.')).toBeTruthy();
    expect(server.calls('POST', '/api/v1/auth/logout')).toHaveLength(1);

    await signIn(user);
    await user.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    const everywhere = screen.getByRole('button', { name: 'Sign out everywhere' });
    expect(everywhere.getAttribute('aria-describedby')).toBe('sign-out-everywhere-hint');
    await user.click(everywhere);
    expect(await screen.findByText('You are signed out on all your devices.')).toBeTruthy();
    expect(server.calls('POST', '/api/v1/auth/logout-all')).toHaveLength(1);
  });

  it('the person menu opens and closes from the keyboard', async () => {
    fakeAuthServer(['agent'], true);
    const user = userEvent.setup();
    await boot('/staff/console');
    const button = await screen.findByRole('button', { name: /Ada Lovelace/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByLabelText('Language')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('says there is nothing to show when a person has no role yet', async () => {
    fakeAuthServer([], true);
    await boot('/staff/');
    expect(await screen.findByRole('heading', { level: 1, name: 'No role assigned' })).toBeTruthy();
  });
});
