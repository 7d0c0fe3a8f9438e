// Dates and times on the review pages, in the interface language (Intl, no library).
import { locale } from '../i18n/i18n';

export function dateTime(ms: number): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function dateTimeSeconds(ms: number): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

/** The first characters of a long id, for tables (the whole id is in the title and the link). */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}
