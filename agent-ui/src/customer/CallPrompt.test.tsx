import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { CallPrompt } from './CallPrompt';
import { capture, prompt, shown } from './call-steps';

describe("the customer's step prompt", () => {
  it('shows the digits to read, one by one, with the time left, in the customer’s language', () => {
    locale.value = 'vi';
    prompt.value = shown({ type: 'prompt', kind: 'read_digits', direction: null, digits: '482913', countdown_ms: 30_000 }, Date.now());
    render(<CallPrompt />);
    expect(screen.getByText('Hãy đọc to các chữ số này')).toBeTruthy();
    expect(screen.getByLabelText('Các chữ số: 4 8 2 9 1 3').textContent).toBe('482913');
    expect(screen.getByText(/^Còn (30|29) giây$/)).toBeTruthy();
    prompt.value = null;
  });

  it('says when a photo was sent, and why one could not be', () => {
    capture.value = { phase: 'failed', kind: 'face', code: 'consent_required' };
    render(<CallPrompt />);
    expect(screen.getByRole('status').textContent).toBe('The photo could not be sent. The customer has not given their consent yet.');
    capture.value = null;
  });
});
