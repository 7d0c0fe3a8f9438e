// Every interface string goes through here: Fluent catalogues keyed by message id, one bundle
// per language, the current language in a signal so components re-render when it changes.
// `t()` reads the signal, so calling it while rendering subscribes the component.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { signal } from '@preact/signals';
import en from './en.ftl?raw';
import fr from './fr.ftl?raw';
import vi from './vi.ftl?raw';
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from './locales';

/** The catalogues as text, for the bundles here and for the catalogue tests. */
export const CATALOGUES: Record<Locale, string> = { en, fr, vi };

const STORAGE_KEY = 'vkyc.locale';

/**
 * The locales a bundle formats numbers and times with: the browser's own tags for that language
 * first (`en-GB` gets a 24-hour clock), then the bare language.
 */
export function formattingLocales(locale: Locale, preferred: readonly string[]): string[] {
  const regional = preferred.filter((tag) => tag.toLowerCase().split(/[-_]/)[0] === locale);
  return [...new Set([...regional, locale])];
}

function buildBundle(locale: Locale): FluentBundle {
  // No bidi isolation marks: all three languages are left-to-right, and the marks would end up
  // in copied text and in screen-reader output.
  const preferred = globalThis.navigator?.languages ?? [];
  const bundle = new FluentBundle(formattingLocales(locale, preferred), { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(CATALOGUES[locale]));
  if (errors.length) console.error(`i18n: ${locale}.ftl has errors`, errors);
  return bundle;
}

const bundles: Record<Locale, FluentBundle> = { en: buildBundle('en'), fr: buildBundle('fr'), vi: buildBundle('vi') };

/**
 * Adds an audience's own catalogues (the customer pages') to the shared ones, on that audience's
 * pages only. Their messages win over shared ones of the same id: a customer's
 * `error-unauthenticated` speaks of their link, not of signing in.
 */
export function addCatalogues(catalogues: Record<Locale, string>): void {
  for (const l of Object.keys(bundles) as Locale[]) {
    const errors = bundles[l].addResource(new FluentResource(catalogues[l]), { allowOverrides: true });
    if (errors.length) console.error(`i18n: an added ${l} catalogue has errors`, errors);
  }
}

function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null; // storage blocked (private mode, policy): fall back to the browser's languages
  }
}

/** The remembered choice, else the browser's preferred languages. */
export function initialLocale(): Locale {
  return storedLocale() ?? negotiateLocale(globalThis.navigator?.languages ?? [DEFAULT_LOCALE]);
}

export const locale = signal<Locale>(initialLocale());

/** Switches the interface language and remembers the choice on this device. */
export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered; the switch still applies to this page */
  }
  applyDocumentLanguage();
}

/** Keeps `<html lang>` right, so screen readers pronounce the text in its language. */
export function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale.value;
}

export type Args = Record<string, FluentVariable>;

/** The message `id` in the current language, falling back to English, then to the id itself. */
export function t(id: string, args?: Args): string {
  for (const bundle of [bundles[locale.value], bundles[DEFAULT_LOCALE]]) {
    const message = bundle.getMessage(id);
    if (message?.value) {
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args, errors);
      if (errors.length) console.warn(`i18n: ${id}`, errors);
      return text;
    }
  }
  console.warn(`i18n: no message ${id}`);
  return id;
}

export function hasMessage(id: string): boolean {
  return bundles[DEFAULT_LOCALE].hasMessage(id);
}
