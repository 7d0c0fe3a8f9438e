import { t } from '../i18n/i18n';

/** The agent console's start page; the queue and the call view come next. */
export function ConsoleHome() {
  return (
    <section class="placeholder-page" aria-labelledby="console-title">
      <h1 id="console-title">{t('console-title')}</h1>
      <p>{t('console-placeholder')}</p>
    </section>
  );
}
