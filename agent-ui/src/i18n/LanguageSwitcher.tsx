import { useId } from 'preact/hooks';
import { isLocale, LOCALE_NAMES, LOCALES } from './locales';
import { locale, setLocale, t } from './i18n';

/** A labelled select of the interface languages, each named in itself. */
export function LanguageSwitcher({ class: className }: { class?: string }) {
  const id = useId();
  return (
    <div class={['language-switcher', className].filter(Boolean).join(' ')}>
      <label for={id}>{t('language-label')}</label>
      <select
        id={id}
        value={locale.value}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLocale(v)) setLocale(v);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
