// The customer pages' own catalogues (the journey and the booking page), added to the shared ones.
import type { Locale } from '../../i18n/locales';
import en from './en.ftl?raw';
import fr from './fr.ftl?raw';
import vi from './vi.ftl?raw';

export const CUSTOMER_CATALOGUES: Record<Locale, string> = { en, fr, vi };
