import { t } from '../i18n/i18n';

/** Supervisor and auditor review's start page; the list of finished calls comes next. */
export function ReviewHome() {
  return (
    <section class="placeholder-page" aria-labelledby="review-title">
      <h1 id="review-title">{t('review-title')}</h1>
      <p>{t('review-placeholder')}</p>
    </section>
  );
}
