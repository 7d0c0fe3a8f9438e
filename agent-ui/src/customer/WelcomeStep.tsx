import { t } from '../i18n/i18n';
import { useJourney } from './journey';

/** What will happen and how long it takes, the language, the privacy notice; then consent. */
export function WelcomeStep() {
  const journey = useJourney();
  const items = ['welcome-what-details', 'welcome-what-document', 'welcome-what-device', 'welcome-what-call', 'welcome-what-result'];
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('welcome-title')}</h1>
      <p class="lead">{t('welcome-intro')}</p>
      <h2>{t('welcome-what-title')}</h2>
      <ol class="plan">
        {items.map((id) => (
          <li key={id}>{t(id)}</li>
        ))}
      </ol>
      <p class="note">{t('welcome-duration')}</p>
      <h2>{t('welcome-need-title')}</h2>
      <ul class="checklist">
        <li>{t('welcome-need-document')}</li>
        <li>{t('welcome-need-phone')}</li>
        <li>{t('welcome-need-place')}</li>
      </ul>
      <h2>{t('welcome-privacy-title')}</h2>
      <p>{t('welcome-privacy-body')}</p>
      <div class="actions">
        <button type="button" class="primary wide" onClick={() => journey.go('consent')}>
          {t('welcome-start')}
        </button>
      </div>
    </section>
  );
}
