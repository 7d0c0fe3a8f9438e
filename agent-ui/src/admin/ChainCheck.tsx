import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { adminApi, type ChainVerdict } from './api';

/** "Verify chain": the server walks the whole hash chain, as `signaling audit verify` does. */
export function ChainCheck() {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'done'; v: ChainVerdict } | { kind: 'error'; id: string }>({ kind: 'idle' });
  const check = async () => {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', v: await adminApi.verifyChain() });
    } catch (e) {
      setState({ kind: 'error', id: errorMessageId(isApiError(e) ? e.code : 'generic') });
    }
  };
  let message: { cls: string; text: string } | null = null;
  if (state.kind === 'done') {
    const v = state.v;
    message =
      v.state === 'intact'
        ? { cls: 'message success', text: t('admin-chain-intact', { rows: v.intact_up_to }) }
        : { cls: 'message error', text: t(`admin-chain-${v.state}`, { row: v.broken_at ?? 0, rows: v.intact_up_to }) };
  } else if (state.kind === 'error') message = { cls: 'message error', text: t(state.id) };
  return (
    <section class="panel chain-check" aria-labelledby="chain-title">
      <div class="chain-row">
        <div>
          <h2 id="chain-title">{t('admin-chain-title')}</h2>
          <p class="hint">{t('admin-chain-hint')}</p>
        </div>
        <button type="button" onClick={check} aria-disabled={state.kind === 'busy' ? 'true' : undefined}>
          {t(state.kind === 'busy' ? 'admin-chain-checking' : 'admin-chain-verify')}
        </button>
      </div>
      <div role="status" class={message ? message.cls : 'alert-slot'}>
        {message && <p>{message.text}</p>}
      </div>
    </section>
  );
}
