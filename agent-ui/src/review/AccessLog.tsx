import { hasMessage, t } from '../i18n/i18n';
import { errorText } from '../i18n/errors';
import { reviewApi, type AuditRow } from './api';
import { dateTimeSeconds } from './format';
import { useLoad } from '../ui/use-load';

/** Who viewed, played or exported this session and when (auditors; from the audit chain). */
export function AccessLog({ sessionId }: { sessionId: string }) {
  const [state] = useLoad<AuditRow[]>(() => reviewApi.accessLog(sessionId), [sessionId]);
  return (
    <section class="panel access-log" aria-labelledby="access-title">
      <h2 id="access-title">{t('access-title')}</h2>
      {state.kind === 'loading' && <p class="muted-text">{t('loading')}</p>}
      {state.kind === 'error' && (
        <p class="message error" role="alert">
          {errorText(state.code)}
        </p>
      )}
      {state.kind === 'ready' &&
        (state.value.length === 0 ? (
          <p class="muted-text">{t('access-empty')}</p>
        ) : (
          <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('access-col-when')}</th>
                <th scope="col">{t('access-col-who')}</th>
                <th scope="col">{t('access-col-what')}</th>
              </tr>
            </thead>
            <tbody>
              {state.value.map((r) => (
                <tr key={r.seq}>
                  <td class="num">{dateTimeSeconds(r.at)}</td>
                  <td>{r.actor}</td>
                  <td>{hasMessage(`access-action-${r.action}`) ? t(`access-action-${r.action}`) : r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ))}
    </section>
  );
}
