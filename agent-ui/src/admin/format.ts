// Times as the viewer reads them: their language's conventions and their own time zone.
import { formattingLocales, locale } from '../i18n/i18n';

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(formattingLocales(locale.value, globalThis.navigator?.languages ?? []), options);
}

/** Date and time, e.g. "7 Jan 2030, 09:30". Reads the locale signal: call while rendering. */
export function dateTime(ms: number): string {
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** Date and time to the second, for the audit log. */
export function preciseTime(ms: number): string {
  return formatter({ dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

/** An ISO timestamp for `<time datetime>`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
