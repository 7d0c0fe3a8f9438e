import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';
import { documentLabel, profileLabel } from './labels';

/**
 * What the integrator submitted with the session: its reference, the compliance profile and the
 * documents that profile accepts. (The customer journey adds the application's data and the
 * document's machine-readable fields here.)
 */
export function SessionFacts({ call }: { call: CallSession }) {
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
      <p class="hint">{t('facts-no-document-data')}</p>
    </section>
  );
}
