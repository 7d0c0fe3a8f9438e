import { describe, expect, it, vi } from 'vitest';
import { errorMessageId, errorText } from './errors';
import { formattingLocales, initialLocale, locale, setLocale, t } from './i18n';
import { negotiateLocale } from './locales';

describe('choosing the language', () => {
  it('takes the first browser language we have, by primary subtag', () => {
    expect(negotiateLocale(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(negotiateLocale(['vi-VN'])).toBe('vi');
    expect(negotiateLocale(['EN_gb'])).toBe('en');
  });

  it('falls back to English when none of the browser languages is available', () => {
    expect(negotiateLocale(['de', 'ja'])).toBe('en');
    expect(negotiateLocale([])).toBe('en');
  });

  it('prefers the remembered choice over the browser languages', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR']);
    expect(initialLocale()).toBe('fr');
    localStorage.setItem('vkyc.locale', 'vi');
    expect(initialLocale()).toBe('vi');
  });

  it('ignores a remembered value that is not one of our languages', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR']);
    localStorage.setItem('vkyc.locale', 'klingon');
    expect(initialLocale()).toBe('fr');
  });

  it('switching remembers the choice and sets the document language', () => {
    setLocale('vi');
    expect(localStorage.getItem('vkyc.locale')).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
    expect(t('login-title')).toBe('Đăng nhập');
  });
});

describe('formatting numbers and times', () => {
  it('follows the browser’s region for the chosen language, else the language alone', () => {
    expect(formattingLocales('en', ['en-GB', 'fr-FR', 'en-US'])).toEqual(['en-GB', 'en-US', 'en']);
    expect(formattingLocales('vi', ['en-GB', 'fr-FR'])).toEqual(['vi']);
  });
});

describe('t()', () => {
  it('formats a message with its arguments in the current language', () => {
    expect(t('shell-signed-in-as', { name: 'Ada' })).toBe('Signed in as Ada');
    locale.value = 'fr';
    expect(t('shell-signed-in-as', { name: 'Ada' })).toBe('Session de Ada');
  });

  it('chooses the plural form of the language', () => {
    const time = new Date(2030, 0, 1, 14, 5);
    expect(t('error-account_locked-retry', { minutes: 1, time })).toContain('in 1 minute,');
    expect(t('error-account_locked-retry', { minutes: 5, time })).toContain('in 5 minutes,');
    locale.value = 'fr';
    expect(t('error-account_locked-retry', { minutes: 1, time })).toContain('dans 1 minute, à 14:05');
  });

  it('returns the id itself for an unknown message, so a gap is visible rather than blank', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(t('no-such-message')).toBe('no-such-message');
  });
});

describe('server errors shown by code', () => {
  it('uses error-<code> when the catalogue has it', () => {
    expect(errorMessageId('invalid_code')).toBe('error-invalid_code');
    expect(errorText('code_already_used')).toMatch(/already been used/);
  });

  it('uses the generic message for a code it does not know', () => {
    expect(errorMessageId('flux_capacitor_offline')).toBe('error-generic');
    locale.value = 'vi';
    expect(errorText('flux_capacitor_offline')).toBe('Đã xảy ra lỗi. Vui lòng thử lại.');
  });
});
