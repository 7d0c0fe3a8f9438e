import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n';
import { fakeJourneyServer, problem } from '../test/fake-journey-server';
import { renderJourney } from '../test/render-journey';

describe('the customer journey', () => {
  it('welcomes a first visit, then asks for the three consents before anything else', async () => {
    const server = fakeJourneyServer();
    const user = userEvent.setup({ delay: null });
    await renderJourney();
    expect(screen.getByRole('heading', { level: 1, name: 'Confirm your identity by video' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await screen.findByRole('heading', { level: 1, name: 'Your consent' });
    expect(screen.getByText('Step 1 of 6')).toBeTruthy();

    // One box short: nothing is sent, and the page says why.
    await screen.findByRole('checkbox', { name: /processing of my personal data/ });
    await user.click(screen.getByRole('checkbox', { name: /processing of my personal data/ }));
    await user.click(screen.getByRole('checkbox', { name: /recording of the video call/ }));
    await user.click(screen.getByRole('button', { name: 'Agree and continue' }));
    expect(screen.getByRole('alert').textContent).toMatch(/needs all three consents/);
    expect(server.calls('POST', '/api/v1/sessions/sess-1/consents')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /comparison of my face/ }));
    await user.click(screen.getByRole('button', { name: 'Agree and continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Your details' });
    // Each kind separately, naming the version of the text that was shown.
    expect(server.calls('POST', '/api/v1/sessions/sess-1/consents').map((c) => c.body)).toEqual([
      { kind: 'processing', decision: 'given', text_version: 'p'.repeat(64) },
      { kind: 'recording', decision: 'given', text_version: 'r'.repeat(64) },
      { kind: 'biometrics', decision: 'given', text_version: 'b'.repeat(64) },
    ]);
  });

  it('declining the consent says that there is no identification without it', async () => {
    fakeJourneyServer();
    const user = userEvent.setup({ delay: null });
    await renderJourney('consent');
    await user.click(await screen.findByRole('button', { name: 'I do not agree' }));
    expect(screen.getByRole('heading', { level: 1, name: 'No identification without your consent' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the service that sent you' }).getAttribute('href')).toBe('https://bank.example/done');
  });

  it('the consent texts follow the language, and a box ticked under another text is unticked', async () => {
    const server = fakeJourneyServer();
    const user = userEvent.setup({ delay: null });
    await renderJourney('consent');
    const box = await screen.findByRole('checkbox', { name: /processing of my personal data/ });
    await user.click(box);
    setLocale('fr');
    await screen.findByRole('heading', { level: 1, name: 'Votre consentement' });
    await waitFor(() => expect(server.calls('GET', '/api/v1/consent-texts').at(-1)?.path).toContain('lang=fr'));
    const french = await screen.findByRole('checkbox', { name: /traitement de mes données personnelles/ });
    await waitFor(() => expect((french as HTMLInputElement).checked).toBe(false));
    // The server learns the language too: its e-mails follow it.
    await waitFor(() => expect(server.calls('PUT', '/api/v1/sessions/sess-1/journey').at(-1)?.body).toEqual({ language: 'fr' }));
  });

  it('an expired link says so, in the customer’s words', async () => {
    const server = fakeJourneyServer();
    server.on((_m, p) => (p === '/api/v1/journey' ? problem(401, 'token_expired') : undefined));
    await renderJourney();
    expect(await screen.findByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('This link has expired. Ask the service that sent you for a new one.');
  });

  it('consent can be withdrawn from any later step, which stops the identification', async () => {
    const server = fakeJourneyServer({ consent: true });
    const user = userEvent.setup({ delay: null });
    await renderJourney('details');
    await user.click(await screen.findByRole('button', { name: 'Your consent and privacy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your consent' });
    const withdraw = await screen.findAllByRole('button', { name: 'Withdraw' });
    expect(dialog.textContent).toMatch(/Recording of the video call/);
    await user.click(withdraw[1]);
    await user.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    await screen.findByRole('heading', { level: 1, name: 'You withdrew your consent' });
    expect(server.calls('POST', '/api/v1/sessions/sess-1/consents').at(-1)?.body).toEqual({ kind: 'recording', decision: 'withdrawn', text_version: 'r'.repeat(64) });
  });
});
