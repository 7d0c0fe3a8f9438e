import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { ApplicationCompare } from './ApplicationCompare';
import type { CallSession } from './call-session';
import { loadJourneyData, type JourneyData } from './journey-data';
import { documentLabel, profileLabel } from './labels';

/**
 * What the integrator submitted with the session: its reference, the compliance profile and the
 * documents that profile accepts; when the customer went through the journey, their application
 * beside the ID document's MRZ and the document's photos.
 */
export function SessionFacts({ call, today = new Date() }: { call: CallSession; today?: Date }) {
  const [journey, setJourney] = useState<JourneyData>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void loadJourneyData(call.id).then((d) => live && setJourney(d));
    return () => {
      live = false;
    };
  }, [call.id]);
  const s = call.session.value;
  const p = call.profile.value;
  return (
    <section class="panel facts" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('facts-title')}</h2>
      <dl class="fact-list">
        <div>
          <dt>{t('facts-reference')}</dt>
          <dd>{s?.external_ref ?? t('facts-no-reference')}</dd>
        </div>
        <div>
          <dt>{t('facts-session')}</dt>
          <dd>
            <code>{call.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('facts-profile')}</dt>
          <dd>{p ? profileLabel(p) : (s?.profile ?? '—')}</dd>
        </div>
        <div>
          <dt>{t('facts-documents')}</dt>
          <dd>{p ? p.documents.map(documentLabel).join(', ') : '—'}</dd>
        </div>
        {s && (
          <div>
            <dt>{t('facts-created')}</dt>
            <dd>{t('facts-created-at', { at: new Date(s.created_at) })}</dd>
          </div>
        )}
      </dl>
      {journey.state === 'loaded' && <ApplicationCompare sessionId={call.id} application={journey.application} documents={journey.documents} today={today} />}
      {journey.state === 'none' && <p class="hint">{t('facts-no-document-data')}</p>}
      {journey.state === 'failed' && (
        <p class="message error" role="alert">
          {t('app-compare-load-failed', { error: errorText(journey.code) })}
        </p>
      )}
    </section>
  );
}
