// Every component test starts from an empty page, English, a fresh session and /, whatever
// the machine's locale or the previous test.
import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import { api } from './api/client';
import { locale } from './i18n/i18n';
import { session } from './staff/session';
import { where } from './staff/router';

beforeEach(() => {
  locale.value = 'en';
  localStorage.clear();
  session.value = { kind: 'checking' };
  api.hooks = {};
  window.history.replaceState(null, '', '/');
  where.value = { path: '/', search: '' };
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
// Preact runs effects (and their clean-ups) after the next frame, at most ~35 ms later: let the
// last ones run while the test page still exists, not after jsdom is gone.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
