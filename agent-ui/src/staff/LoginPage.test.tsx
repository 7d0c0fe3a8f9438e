import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { fakeAuthServer, problem } from '../test/fake-auth-server';
import { LoginForm } from './LoginForm';
import { LoginPage } from './LoginPage';
import { session } from './session';

const NOW = () => new Date('2030-01-01T10:00:00Z');

async function fill(user: ReturnType<typeof userEvent.setup>, username: string, password: string, code: string) {
  if (username) await user.type(screen.getByLabelText('Username'), username);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  if (code) await user.type(screen.getByLabelText(/Authenticator code|Recovery code/), code);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in form', () => {
  it('has labelled fields, a one-time-code field with a numeric keypad, and starts in the username', () => {
    render(<LoginForm />);
    const code = screen.getByLabelText('Authenticator code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
  });

  it('marks empty fields, focuses the first, and sends nothing', async () => {
    const server = fakeAuthServer();
    const user = userEvent.setup();
    render(<LoginForm />);
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your password.').id).toBe('login-password-error');
    expect(password.getAttribute('aria-describedby')).toContain('login-password-error');
    expect(screen.getByText('Enter the 6-digit code from your authenticator app.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(server.sent).toEqual([]);
  });

  it('signs in with username, password and code, with the cookie credentials', async () => {
    const server = fakeAuthServer(['agent']);
    const user = userEvent.setup();
    render(<LoginForm />);
    await fill(user, 'ada', 'pw', '123 456');
    await waitFor(() => expect(session.value.kind).toBe('signed_in'));
    expect(server.calls('POST', '/api/v1/auth/login')).toEqual([
      { method: 'POST', path: '/api/v1/auth/login', body: { username: 'ada', password: 'pw', code: '123456' }, credentials: 'same-origin' },
    ]);
  });

  it('a wrong code is announced, the code emptied, marked and focused', async () => {
    fakeAuthServer();
    const user = userEvent.setup();
    render(<LoginForm now={NOW} />);
    await fill(user, 'ada', 'pw', '654321');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/This code is not correct/));
    const code = screen.getByLabelText('Authenticator code') as HTMLInputElement;
    expect(code.value).toBe('');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-describedby')).toContain('login-alert');
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('pw');
  });

  it('a replayed code says so, not merely "wrong"', async () => {
    const server = fakeAuthServer();
    server.on((_m, p) => (p === '/api/v1/auth/login' ? problem(401, 'code_already_used') : undefined));
    const user = userEvent.setup();
    render(<LoginForm />);
    await fill(user, 'ada', 'pw', '123456');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/already been used/));
  });

  it('a wrong password clears password and code and points at the password', async () => {
    fakeAuthServer();
    const user = userEvent.setup();
    render(<LoginForm />);
    await fill(user, 'ada', 'nope', '123456');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The username or password is not correct.'));
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Authenticator code') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Password')));
  });

  it('a locked account says how long until it can try again, in the chosen language', async () => {
    const server = fakeAuthServer();
    server.on((_m, p) => (p === '/api/v1/auth/login' ? problem(423, 'account_locked', { retry_after_seconds: 900 }) : undefined));
    const user = userEvent.setup();
    render(<LoginForm now={NOW} />);
    await fill(user, 'ada', 'pw', '123456');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/locked after too many failed attempts\. Try again in 15 minutes, at /));
    locale.value = 'vi';
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/bị khóa .* thử lại sau 15 phút/));
  });

  it('never shows the server’s own English detail', async () => {
    const server = fakeAuthServer();
    server.on((_m, p) => (p === '/api/v1/auth/login' ? problem(429, 'too_many_requests') : undefined));
    const user = userEvent.setup();
    render(<LoginForm />);
    await fill(user, 'ada', 'pw', '123456');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many attempts. Wait a moment, then try again.'));
    expect(document.body.textContent).not.toContain('SERVER DETAIL');
  });

  it('accepts a recovery code instead of the authenticator code', async () => {
    const server = fakeAuthServer();
    const user = userEvent.setup();
    render(<LoginForm />);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    const field = screen.getByLabelText('Recovery code');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.getAttribute('inputmode')).toBeNull();
    await fill(user, 'ada', 'pw', 'ABCD EFGH IJKL');
    await waitFor(() => expect(session.value.kind).toBe('signed_in'));
    expect(server.calls('POST', '/api/v1/auth/login')[0].body).toMatchObject({ code: 'abcd-efgh-ijkl' });
    expect(screen.getByRole('button', { name: 'Use the authenticator code instead' })).toBeTruthy();
  });

  it('does not send twice while the first attempt is on its way', async () => {
    const server = fakeAuthServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = globalThis.fetch;
    globalThis.fetch = (async (...a: Parameters<typeof fetch>) => {
      await gate;
      return original(...a);
    }) as typeof fetch;
    const user = userEvent.setup();
    render(<LoginForm />);
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.type(screen.getByLabelText('Authenticator code'), '123456');
    const button = screen.getByRole('button', { name: 'Sign in' });
    fireEvent.submit(button.closest('form')!);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Signing in…' }).getAttribute('aria-disabled')).toBe('true'));
    fireEvent.submit(button.closest('form')!);
    release();
    await waitFor(() => expect(session.value.kind).toBe('signed_in'));
    expect(server.calls('POST', '/api/v1/auth/login')).toHaveLength(1);
  });
});

describe('the sign-in page', () => {
  it('says the session expired when that is why it shows, as an alert', () => {
    render(<LoginPage notice="session_expired" />);
    expect(screen.getByText('Your session expired. Please sign in again.').getAttribute('role')).toBe('alert');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('confirms a chosen sign-out politely', () => {
    render(<LoginPage notice="signed_out_everywhere" />);
    expect(screen.getByRole('status').textContent).toBe('You are signed out on all your devices.');
  });

  it('switches language from its own picker and remembers it', async () => {
    const user = userEvent.setup();
    render(<LoginPage notice={null} />);
    await user.selectOptions(screen.getByLabelText('Language'), 'fr');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Connexion');
    expect(screen.getByLabelText('Nom d’utilisateur')).toBeTruthy();
    expect(localStorage.getItem('vkyc.locale')).toBe('fr');
  });
});
