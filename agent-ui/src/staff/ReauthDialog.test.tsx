import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { fakeAuthServer, json, problem, staff } from '../test/fake-auth-server';
import { Shell } from './Shell';
import { requestReauth } from './reauth';

/** A sensitive endpoint that wants a re-authentication until one happened. */
function sensitiveServer() {
  const server = fakeAuthServer(['supervisor'], true);
  let reauthed = false;
  server.on((_m, p, body) => {
    if (p === '/api/v1/auth/reauth' && body?.code === '123456') {
      reauthed = true;
      return new Response(null, { status: 204 });
    }
    if (p === '/api/v1/decisions') return reauthed ? json(200, { decided: true }) : problem(401, 'reauth_required');
    return undefined;
  });
  return server;
}

function renderShell() {
  api.hooks = { reauthenticate: requestReauth };
  render(
    <Shell user={staff(['supervisor'])}>
      <button type="button">Page button</button>
    </Shell>,
  );
}

describe('confirming identity before a sensitive action', () => {
  it('asks for a code in a dialog, then retries the action', async () => {
    const server = sensitiveServer();
    const user = userEvent.setup();
    renderShell();
    const pageButton = screen.getByRole('button', { name: 'Page button' });
    pageButton.focus();
    const decision = api.request('POST', '/api/v1/decisions', { body: { verdict: 'approved' } });
    const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const code = screen.getByLabelText('Authenticator code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await decision).toEqual({ decided: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('POST', '/api/v1/decisions')).toHaveLength(2);
    await waitFor(() => expect(document.activeElement).toBe(pageButton));
  });

  it('a wrong code keeps the dialog open with the translated reason', async () => {
    sensitiveServer();
    const user = userEvent.setup();
    renderShell();
    void api.request('POST', '/api/v1/decisions').catch(() => {});
    await user.type(await screen.findByLabelText('Authenticator code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toMatch(/This code is not correct/));
    expect(screen.getByLabelText('Authenticator code').getAttribute('aria-invalid')).toBe('true');
  });

  it('cancelling, by button or Escape, fails the action with reauth_cancelled', async () => {
    sensitiveServer();
    const user = userEvent.setup();
    renderShell();
    const first = expect(api.request('POST', '/api/v1/decisions')).rejects.toMatchObject({ code: 'reauth_cancelled' });
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await first;
    const second = expect(api.request('POST', '/api/v1/decisions')).rejects.toMatchObject({ code: 'reauth_cancelled' });
    const code = await screen.findByLabelText('Authenticator code');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.keyboard('{Escape}');
    await second;
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('two actions waiting at once share one prompt', async () => {
    sensitiveServer();
    const user = userEvent.setup();
    renderShell();
    const a = api.request('POST', '/api/v1/decisions');
    const b = api.request('POST', '/api/v1/decisions');
    await user.type(await screen.findByLabelText('Authenticator code'), '123456');
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await Promise.all([a, b])).toEqual([{ decided: true }, { decided: true }]);
  });

  it('keeps the page behind it out of reach while it is open', async () => {
    sensitiveServer();
    renderShell();
    void api.request('POST', '/api/v1/decisions').catch(() => {});
    await screen.findByRole('dialog');
    expect(document.querySelector('.shell')?.hasAttribute('inert')).toBe(true);
  });
});
