import type { Decision } from '../api/console';
import { t } from '../i18n/i18n';
import { navigate } from '../staff/router';
import type { CallSession } from './call-session';
import { reasonLabel } from './labels';
import { CONSOLE } from './routes';
import { readyAfterDecision } from './shift';

/** The recorded decision, and the way back to the queue for the next customer. */
export function DecisionSummary({ decision }: { call: CallSession; decision: Decision }) {
  return (
    <section class="panel decision done" id="decision" aria-labelledby="decision-title" tabIndex={-1}>
      <h2 id="decision-title">{t('decision-recorded-title')}</h2>
      <p class={`decided outcome-${decision.outcome}`} role="status">
        {t('decision-recorded', { outcome: t(`outcome-done-${decision.outcome}`), at: new Date(decision.decided_at) })}
      </p>
      {decision.reasons.length > 0 && <p>{decision.reasons.map(reasonLabel).join(', ')}</p>}
      <p class="hint">{t(`decision-status-${decision.status}`)}</p>
      <button
        type="button"
        class="primary"
        onClick={() => {
          void readyAfterDecision();
          navigate(CONSOLE);
        }}
      >
        {t('decision-back-to-queue')}
      </button>
    </section>
  );
}
