// The languages the interface is written in, and how one is chosen from the browser's list.

export const LOCALES = ['en', 'fr', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * Each language named in itself, as language pickers conventionally do, so a person who cannot
 * read the current language still finds their own. Not translated, hence not in the catalogues.
 */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  vi: 'Tiếng Việt',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages that we have, matched on the primary subtag
 * (`fr-CA` → `fr`); the default when none matches.
 */
export function negotiateLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
