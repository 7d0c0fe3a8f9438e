import { t } from '../i18n/i18n';
import { useJourney } from './journey';

/** After a withdrawal: the identification is stopped; consenting again resumes it. */
export function WithdrawnStep() {
  const journey = useJourney();
  const back = journey.view.value?.return_url;
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('withdrawn-title')}</h1>
      <p>{t('withdrawn-body')}</p>
      <p>{t('withdrawn-retention')}</p>
      <div class="actions">
        <button type="button" class="primary wide" onClick={() => journey.go('consent')}>
          {t('withdrawn-again')}
        </button>
        {back && (
          <a class="button secondary wide" href={back}>
            {t('journey-return')}
          </a>
        )}
      </div>
    </section>
  );
}
