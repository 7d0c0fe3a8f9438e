import { useEffect, useRef, useState } from 'preact/hooks';
import { OUTCOMES, type Blocker, type Outcome } from '../api/console';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';
import { DecisionSummary } from './DecisionSummary';
import { draftProblems, EMPTY_DRAFT, reasonsFor, toggleReason, toRequest, withOutcome, type DecisionDraft } from './decision-form';
import { blockerText, reasonLabel } from './labels';

/** What the server last refused, to show until the form changes. */
type Refusal = { code: 'approval_blocked'; blockers: Blocker[] } | { code: string };

/**
 * The decision: approve, reject or inconclusive, with the profile's reason codes and a note.
 * While the evidence does not allow an approval the panel says why (the server's blockers),
 * before sending and again when the server refuses. Re-authentication, when the server asks
 * for it, is the staff app's dialog.
 */
export function DecisionPanel({ call }: { call: CallSession }) {
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const decision = call.decision.value;
  const openBlockers = call.checklist.value?.approval_blockers.length ?? 0;
  // A refusal for blockers that have since cleared would tell the agent something no longer true.
  useEffect(() => {
    if (openBlockers === 0) setRefusal((r) => (r && 'blockers' in r ? null : r));
  }, [openBlockers]);
  if (decision) return <DecisionSummary call={call} decision={decision} />;

  const profile = call.profile.value;
  const faceNoMatch = call.ai.value.face?.verdict === 'no_match' || call.checklist.value?.items.some((i) => i.id === 'face_match' && i.state === 'failed') === true;
  const problems = draftProblems(draft, faceNoMatch);
  const liveBlockers = call.checklist.value?.approval_blockers ?? [];
  const reasons = reasonsFor(profile, draft.outcome);
  const change = (d: DecisionDraft) => {
    setDraft(d);
    setRefusal(null);
  };

  const onFocusIn = (e: FocusEvent) => {
    const from = e.relatedTarget as Node | null;
    if (!from || !(e.currentTarget as HTMLElement).contains(from)) call.refreshSoon(0);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (busy || problems.length) return;
    setRefusal(null);
    setBusy(true);
    const r = await call.decide(toRequest(draft));
    setBusy(false);
    if (r.ok) return;
    const blockers = r.error.problem?.blockers;
    setRefusal(r.error.code === 'approval_blocked' && Array.isArray(blockers) ? { code: 'approval_blocked', blockers: blockers as Blocker[] } : { code: r.error.code });
    setTimeout(() => alertRef.current?.focus(), 0);
  };

  return (
    // Coming to the decision, look at the evidence again: the checklist may have moved on.
    <section class="panel decision" id="decision" aria-labelledby="decision-title" tabIndex={-1} onFocusIn={onFocusIn}>
      <h2 id="decision-title">{t('decision-title')}</h2>
      <form noValidate onSubmit={submit}>
        <fieldset class="outcomes">
          <legend>{t('decision-outcome')}</legend>
          {OUTCOMES.map((o: Outcome) => (
            <label key={o} class={`outcome outcome-${o}`}>
              <input type="radio" name="outcome" value={o} checked={draft.outcome === o} onChange={() => change(withOutcome(draft, o, profile))} />
              {t(`outcome-choose-${o}`)}
            </label>
          ))}
        </fieldset>
        {tried && problems.includes('outcome_required') && <p class="field-error">{t('decision-pick-outcome')}</p>}

        {draft.outcome === 'approved' && liveBlockers.length > 0 && !refusal && (
          <div class="blockers pending">
            <p>{t('decision-approval-blocked-now')}</p>
            <ul>
              {liveBlockers.map((b, i) => (
                <li key={i}>{blockerText(b)}</li>
              ))}
            </ul>
          </div>
        )}

        {reasons.length > 0 && (
          <fieldset class="reasons">
            <legend>{t('decision-reasons')}</legend>
            {reasons.map((r) => (
              <label key={r} class="reason">
                <input type="checkbox" checked={draft.reasons.includes(r)} onChange={() => change(toggleReason(draft, r))} />
                {reasonLabel(r)}
              </label>
            ))}
            {tried && problems.includes('reason_required') && <p class="field-error">{t('decision-pick-reason')}</p>}
          </fieldset>
        )}

        {draft.outcome === 'approved' && faceNoMatch && (
          <div class="field">
            <label for="decision-override">{t('decision-override')}</label>
            <textarea id="decision-override" rows={2} value={draft.overrideReason} onInput={(e) => change({ ...draft, overrideReason: e.currentTarget.value })} />
            <p class={tried && problems.includes('override_required') ? 'field-error' : 'hint'}>{t('decision-override-hint')}</p>
          </div>
        )}

        <div class="field">
          <label for="decision-note">{t('decision-note')}</label>
          <textarea id="decision-note" rows={2} maxLength={2000} value={draft.note} onInput={(e) => change({ ...draft, note: e.currentTarget.value })} />
        </div>

        <div ref={alertRef} tabIndex={-1} role="alert" class={refusal ? 'message error refusal' : 'alert-slot'}>
          {refusal && 'blockers' in refusal && (
            <>
              <p>{t('decision-approval-refused')}</p>
              <ul>
                {refusal.blockers.map((b, i) => (
                  <li key={i}>{blockerText(b)}</li>
                ))}
              </ul>
            </>
          )}
          {refusal && !('blockers' in refusal) && <p>{errorText(refusal.code)}</p>}
        </div>

        <div class="decision-actions">
          <button type="submit" class={draft.outcome === 'rejected' ? 'danger' : 'primary'} aria-disabled={busy ? 'true' : undefined}>
            {t(busy ? 'decision-recording' : draft.outcome ? `decision-submit-${draft.outcome}` : 'decision-submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
