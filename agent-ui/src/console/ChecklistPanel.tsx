import { useState } from 'preact/hooks';
import type { ChecklistItem } from '../api/console';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';
import { checkLabel, failureText } from './labels';

/** What satisfied a check, in words: a still, an AI result, the agent's confirmation. */
export function evidenceText(by: string): string {
  const [kind] = by.split(':');
  if (kind === 'still') return t('evidence-still');
  if (kind === 'ai_event') return t('evidence-ai');
  if (kind === 'agent_confirmed_after') return t('evidence-confirmed-after-ai');
  if (kind === 'agent_confirmed' || by.endsWith('+agent_confirmed')) return t('evidence-confirmed');
  if (kind === 'consent_records') return t('evidence-consent');
  if (kind === 'read_aloud_passed') return t('evidence-read-aloud');
  if (kind === 'recording_healthy') return t('evidence-recording');
  return by;
}

/** The checklist a decision relied on, as stored in its evidence record. */
export function decidedItems(evidence: unknown): ChecklistItem[] | null {
  const items = (evidence as { checklist?: unknown } | null)?.checklist;
  return Array.isArray(items) ? (items as ChecklistItem[]) : null;
}

/**
 * The session profile's checks, each ticked by its evidence; the manual ones by the agent. Once
 * decided, the list is the one the decision relied on (the evidence record), not a live one.
 */
export function ChecklistPanel({ call }: { call: CallSession }) {
  const decided = call.decision.value ? decidedItems(call.decision.value.evidence) : null;
  const list = decided ? { items: decided } : call.checklist.value;
  const [error, setError] = useState<string | null>(null);
  /** Ticks on their way to the server, by check: shown at once, settled by the answer. */
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const done = list?.items.filter((i) => i.state === 'satisfied').length ?? 0;
  const toggle = async (item: ChecklistItem, confirmed: boolean) => {
    if (item.id in busy) return;
    setBusy((b) => ({ ...b, [item.id]: confirmed }));
    setError(null);
    try {
      await call.confirm(item.id, confirmed);
    } catch (e) {
      setError(isApiError(e) ? e.code : 'generic');
    } finally {
      setBusy(({ [item.id]: _, ...rest }) => rest);
    }
  };
  return (
    <section class="panel checklist" aria-labelledby="checklist-title">
      <div class="panel-head">
        <h2 id="checklist-title">{t('checklist-title')}</h2>
        {list && <span class="count">{t('checklist-progress', { done, total: list.items.length })}</span>}
      </div>
      {error && (
        <p class="message error" role="alert">
          {errorText(error)}
        </p>
      )}
      {!list && <p class="empty">{t('loading')}</p>}
      {list && (
        <ul class="check-list">
          {list.items.map((item) => {
            const confirmed = item.state === 'satisfied' && (item.by === 'agent_confirmed' || item.by.endsWith('+agent_confirmed') || item.by.startsWith('agent_confirmed_after'));
            const inputId = `check-${item.id}`;
            return (
              <li key={item.id} class={`check ${item.state}${item.confirmable ? ' confirmable' : ''}`}>
                {/* A check the agent confirms has its checkbox where the others show their state. */}
                {item.confirmable ? (
                  <input
                    id={inputId}
                    type="checkbox"
                    class="check-box"
                    checked={busy[item.id] ?? confirmed}
                    aria-busy={item.id in busy}
                    disabled={call.decision.value !== null}
                    onChange={(e) => void toggle(item, e.currentTarget.checked)}
                  />
                ) : (
                  <span class="check-icon" aria-hidden="true" />
                )}
                <div class="check-text">
                  {item.confirmable ? (
                    <label for={inputId} class="check-label">
                      {checkLabel(item)}
                    </label>
                  ) : (
                    <span class="check-label">{checkLabel(item)}</span>
                  )}
                  <span class="check-meta">
                    <span class="visually-hidden">{t(`check-state-${item.state}`)}</span>
                    {item.state === 'satisfied' && evidenceText(item.by)}
                    {item.state === 'failed' && failureText(item.why)}
                    {item.state === 'open' && (item.confirmable ? t('check-tick-when-done') : t('check-waiting'))}
                    {' · '}
                    {t(item.required ? 'check-required' : 'check-optional')} · {item.requirement}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
