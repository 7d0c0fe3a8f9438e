import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { reviewApi } from './api';
import { invalidate } from './archive-store';
import { REASON_MIN } from './review-form';

export type HoldState = { known: false } | { known: true; held: boolean };

/**
 * Retention: a legal hold stops the deletion that retention would otherwise do when the
 * profile's period ends (a case, an authority's request). Supervisors and admins set and
 * release it (after re-authentication); everyone else sees whether one is set.
 */
export function LegalHoldPanel({ sessionId, hold, allowed, onChange }: { sessionId: string; hold: HoldState; allowed: boolean; onChange(held: boolean): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const held = hold.known && hold.held;

  const act = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!held && reason.trim().length < REASON_MIN) return setError('error-reason_required');
    setBusy(true);
    setError(null);
    try {
      if (held) await reviewApi.releaseHold(sessionId);
      else await reviewApi.setHold(sessionId, reason.trim());
      invalidate();
      setReason('');
      onChange(!held);
    } catch (err) {
      // Released meanwhile by someone else: the outcome asked for.
      if (held && isApiError(err, 'no_legal_hold')) onChange(false);
      else setError(isApiError(err) ? errorMessageId(err.code) : 'error-generic');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="hold-title">
      <h2 id="hold-title">{t('hold-title')}</h2>
      <p>{hold.known ? <span class={held ? 'badge hold' : 'badge muted'}>{t(held ? 'hold-on' : 'hold-off')}</span> : <span class="muted-text">{t('hold-unknown')}</span>}</p>
      <p class="hint">{t('hold-intro')}</p>
      {allowed && (
        <form noValidate onSubmit={act}>
          {!held && (
            <div class="field">
              <label for="hold-reason">{t('hold-reason')}</label>
              <input id="hold-reason" type="text" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
            </div>
          )}
          <div role="alert" class={error ? 'message error' : 'alert-slot'}>
            {error && <p>{t(error)}</p>}
          </div>
          <button type="submit" aria-disabled={busy ? 'true' : undefined}>
            {t(held ? 'hold-release' : 'hold-set')}
          </button>
        </form>
      )}
    </section>
  );
}
