import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeJourneyServer } from '../test/fake-journey-server';
import { renderJourney } from '../test/render-journey';

describe('the details form', () => {
  it('starts from what the bank prefilled, and says so at those fields', async () => {
    fakeJourneyServer({ consent: true, applicant: { email: 'elodie@example.org', phone: '+33612345678' } });
    await renderJourney('details');
    const email = (await screen.findByLabelText('E-mail address')) as HTMLInputElement;
    expect(email.value).toBe('elodie@example.org');
    expect(email.getAttribute('aria-describedby')).toContain('f-email-note');
    expect(document.getElementById('f-email-note')?.textContent).toBe('Filled in by the service that sent you. Check it.');
  });

  it('shows the server’s code for a refused value, translated, once the field is left', async () => {
    fakeJourneyServer({ consent: true });
    const user = userEvent.setup({ delay: null });
    await renderJourney('details');
    const email = await screen.findByLabelText('E-mail address');
    await user.type(email, 'not an address');
    // Not while typing…
    expect(document.getElementById('f-email-error')).toBeNull();
    await user.tab();
    await waitFor(() => expect(document.getElementById('f-email-error')?.textContent).toBe('Enter an e-mail address like name@example.com.'));
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });

  it('continuing with problems lists them, links each to its field, and stays on the form', async () => {
    fakeJourneyServer({ consent: true });
    const user = userEvent.setup({ delay: null });
    await renderJourney('details');
    await user.type(await screen.findByLabelText('Mobile phone number'), '0123');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByText(/Please correct \d+ fields:/);
    const links = [...summary.parentElement!.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['Mobile phone number: Enter the number with its country code, like +44 7700 900123.', '#f-phone']);
    expect(links).toContainEqual(['Street and number: Enter your street and house number.', '#f-address-line1']);
    // The fields the document will fill in may stay empty.
    expect(links.some(([text]) => text?.startsWith('Surname'))).toBe(false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your details');
  });

  it('a complete form moves on to the document, having saved it', async () => {
    const server = fakeJourneyServer({ consent: true });
    const user = userEvent.setup({ delay: null });
    await renderJourney('details');
    await user.type(await screen.findByLabelText('Street and number'), '12 rue de la Paix');
    await user.type(screen.getByLabelText('Town or city'), 'Paris');
    await user.selectOptions(screen.getByLabelText('Country'), 'FRA');
    await user.type(screen.getByLabelText('E-mail address'), 'elodie@example.org');
    await user.type(screen.getByLabelText('Mobile phone number'), '+33 6 12 34 56 78');
    await user.type(screen.getByLabelText('Day'), '28');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Your ID document' });
    expect(server.state.applicant).toEqual({
      date_of_birth: '1990-02-28',
      email: 'elodie@example.org',
      phone: '+33 6 12 34 56 78',
      address: { line1: '12 rue de la Paix', city: 'Paris', country: 'FRA' },
    });
  }, 20_000);

  it('countries are named in the page’s language', async () => {
    fakeJourneyServer({ consent: true });
    await renderJourney('details');
    const select = (await screen.findByLabelText('Nationality')) as HTMLSelectElement;
    expect([...select.options].find((o) => o.value === 'VNM')?.textContent).toBe('Vietnam');
    expect([...select.options].find((o) => o.value === 'DEU')?.textContent).toBe('Germany');
  });
});
