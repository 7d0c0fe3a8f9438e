import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { reviewApi } from './api';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string; bytes: number } | { kind: 'error'; id: string };

/** Saves a blob under a name through a temporary link (the package is made per request). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The evidence package: every file of the session with its signature, the public key and how
 * to verify offline. The server asks for the authenticator code first (re-authentication).
 */
export function EvidenceExport({ sessionId, allowed }: { sessionId: string; allowed: boolean }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      const { blob, fileName } = await reviewApi.exportEvidence(sessionId);
      save(blob, fileName);
      setState({ kind: 'done', fileName, bytes: blob.size });
    } catch (e) {
      setState({ kind: 'error', id: isApiError(e) ? errorMessageId(e.code) : 'error-generic' });
    }
  };
  return (
    <section class="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('export-title')}</h2>
      <p class="report-links">
        {t('report-label')}{' '}
        <a href={`/api/v1/sessions/${encodeURIComponent(sessionId)}/report?format=html`} target="_blank" rel="noopener">
          {t('report-html')}
        </a>
        {' · '}
        <a href={`/api/v1/sessions/${encodeURIComponent(sessionId)}/report?format=pdf`} target="_blank" rel="noopener">
          {t('report-pdf')}
        </a>
      </p>
      {allowed ? (
        <>
        <p class="hint">{t('export-intro')}</p>
        <button type="button" onClick={run} aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
          {t(state.kind === 'busy' ? 'export-busy' : 'export-button')}
        </button>
        </>
      ) : (
        <p class="hint">{t('export-not-allowed')}</p>
      )}
      <div role="status" class="export-status">
        {state.kind === 'done' && <p class="message info">{t('export-done', { file: state.fileName, megabytes: Math.round(state.bytes / 100_000) / 10 })}</p>}
      </div>
      {state.kind === 'error' && (
        <p role="alert" class="message error">
          {t(state.id)}
        </p>
      )}
    </section>
  );
}
