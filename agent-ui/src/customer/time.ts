// Times as the customer reads them: in their zone, in the page's language (in the browser's
// regional variant of it when it has one: en-GB reads 24-hour times, en-US 12-hour ones).
import { formattingLocales } from '../i18n/i18n';
import type { Locale } from '../i18n/locales';

const fmt = (lang: string) => formattingLocales(lang as Locale, globalThis.navigator?.languages ?? []);

/** The browser's IANA zone (the customer's), UTC when the browser does not say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function formatTime(iso: string, lang: string, tz: string): string {
  return new Intl.DateTimeFormat(fmt(lang), { hour: 'numeric', minute: '2-digit', timeZone: tz }).format(new Date(iso));
}

export function formatDay(iso: string, lang: string, tz: string): string {
  return new Intl.DateTimeFormat(fmt(lang), { weekday: 'long', day: 'numeric', month: 'long', timeZone: tz }).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: string, tz: string): string {
  return new Intl.DateTimeFormat(fmt(lang), { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit', timeZone: tz }).format(new Date(iso));
}

/** The calendar day of an instant in a zone, as a key (`2030-01-07`). */
export function dayKey(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: tz }).format(new Date(iso));
}

/** A wait in whole minutes, rounded up (a customer would rather wait less than announced). */
export function waitMinutes(ms: number): number {
  return Math.max(0, Math.ceil(ms / 60_000));
}
