import { useEffect, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { reviewApi, type Outcome, type ReviewView } from './api';
import { OUTCOMES } from './archive-query';
import { OutcomeBadge } from './Badges';
import { dateTime } from './format';
import { checkDraft, EMPTY_DRAFT, REASON_MAX, reviewerState, type ReviewDraft } from './review-form';

/**
 * The decision and its second look: what the agent decided and why, why it needs a review,
 * and — for a supervisor who did not decide it — the form to confirm or overturn it with a
 * reason. The person who decided sees the form disabled and why; auditors see it read-only.
 */
export function FourEyesPanel(p: { sessionId: string; profile: string; view: ReviewView; me: string; canReview: boolean; onReviewed(v: ReviewView): void }) {
  const { decision, review, review_reasons } = p.view;
  const pending = decision.status === 'pending_review';
  const who = reviewerState({ pending, canReview: p.canReview, me: p.me, decider: decision.staff_id });

  return (
    <section class="panel four-eyes" aria-labelledby="four-eyes-title">
      <h2 id="four-eyes-title">{t('four-eyes-title')}</h2>
      <dl class="facts">
        <dt>{t('four-eyes-decision')}</dt>
        <dd>
          <OutcomeBadge outcome={review ? review.outcome_before : decision.outcome} />
        </dd>
        <dt>{t('four-eyes-decided-by')}</dt>
        <dd>{t('four-eyes-by-at', { who: decision.staff_id, at: dateTime(decision.decided_at) })}</dd>
        {decision.reasons.length > 0 && (
          <>
            <dt>{t('four-eyes-reason-codes')}</dt>
            <dd>{decision.reasons.join(', ')}</dd>
          </>
        )}
        {decision.note && (
          <>
            <dt>{t('four-eyes-note')}</dt>
            <dd class="prose">{decision.note}</dd>
          </>
        )}
        {decision.override_reason && (
          <>
            <dt>{t('four-eyes-override')}</dt>
            <dd class="prose">{decision.override_reason}</dd>
          </>
        )}
        <dt>{t('four-eyes-status')}</dt>
        <dd>
          <span class={`badge ${pending ? 'review-pending' : 'final'}`}>{t(pending ? 'four-eyes-pending' : 'four-eyes-final')}</span>
        </dd>
        {review_reasons.length > 0 && (
          <>
            <dt>{t('four-eyes-why')}</dt>
            <dd>
              <ul class="plain">
                {review_reasons.map((r) => (
                  <li key={r}>{t(`review-reason-${r}`)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {review && (
        <div class={`review-result ${review.verdict}`} role="note">
          <p>
            <strong>{t(review.verdict === 'confirm' ? 'four-eyes-confirmed-by' : 'four-eyes-overturned-by', { who: review.reviewer_id, at: dateTime(review.reviewed_at) })}</strong>
          </p>
          {review.verdict === 'overturn' && (
            <p>
              {t('four-eyes-changed')} <OutcomeBadge outcome={review.outcome_before} /> → <OutcomeBadge outcome={review.outcome_after} />
            </p>
          )}
          <p class="prose">{review.reason}</p>
        </div>
      )}
      {who === 'can_review' && <ReviewForm {...p} agentOutcome={decision.outcome} />}
      {who === 'decided_it' && <ReviewForm {...p} agentOutcome={decision.outcome} disabledBecause="four-eyes-own-decision" />}
      {who === 'not_reviewer' && <p class="hint">{t('four-eyes-read-only')}</p>}
    </section>
  );
}

function ReviewForm(p: { sessionId: string; profile: string; agentOutcome: Outcome; onReviewed(v: ReviewView): void; disabledBecause?: string }) {
  const [d, setD] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<{ reject: string[]; inconclusive: string[] } | null>(null);
  const disabled = Boolean(p.disabledBecause);
  const set = (patch: Partial<ReviewDraft>) => setD((x) => ({ ...x, ...patch }));

  useEffect(() => {
    if (d.verdict !== 'overturn' || codes) return;
    reviewApi
      .profiles()
      .then((all) => {
        const r = (all.find((x) => x.id === p.profile)?.reasons ?? { reject: [], inconclusive: [] }) as { reject: string[]; inconclusive: string[] };
        setCodes(r);
      })
      .catch(() => setCodes({ reject: [], inconclusive: [] }));
  }, [d.verdict]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || disabled) return;
    const checked = checkDraft(d, p.agentOutcome);
    if ('error' in checked) return setError(checked.error);
    setBusy(true);
    setError(null);
    try {
      p.onReviewed(await reviewApi.submitReview(p.sessionId, checked.input));
    } catch (err) {
      setError(isApiError(err) ? errorMessageId(err.code) : 'error-generic');
    } finally {
      setBusy(false);
    }
  };

  const available = d.outcome === 'rejected' ? codes?.reject : d.outcome === 'inconclusive' ? codes?.inconclusive : [];
  const other = OUTCOMES.filter((o) => o !== p.agentOutcome);

  return (
    <form class="review-form" noValidate onSubmit={submit} aria-describedby={disabled ? 'review-disabled' : undefined}>
      <h3>{t('four-eyes-your-review')}</h3>
      {p.disabledBecause && (
        <p id="review-disabled" class="message info">
          {t(p.disabledBecause)}
        </p>
      )}
      <fieldset disabled={disabled}>
        <legend>{t('four-eyes-verdict')}</legend>
        <label class="check">
          <input type="radio" name="verdict" checked={d.verdict === 'confirm'} onChange={() => set({ verdict: 'confirm' })} />
          {t('four-eyes-confirm-option')}
        </label>
        <label class="check">
          <input type="radio" name="verdict" checked={d.verdict === 'overturn'} onChange={() => set({ verdict: 'overturn' })} />
          {t('four-eyes-overturn-option')}
        </label>
      </fieldset>
      {d.verdict === 'overturn' && (
        <div class="field">
          <label for="review-outcome">{t('four-eyes-new-outcome')}</label>
          <select id="review-outcome" value={d.outcome} onChange={(e) => set({ outcome: e.currentTarget.value as Outcome, reasons: [] })}>
            <option value="">{t('four-eyes-choose')}</option>
            {other.map((o) => (
              <option key={o} value={o}>
                {t(`outcome-${o}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {d.verdict === 'overturn' && available && available.length > 0 && (
        <fieldset>
          <legend>{t('four-eyes-reason-codes')}</legend>
          {available.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" checked={d.reasons.includes(c)} onChange={(e) => set({ reasons: e.currentTarget.checked ? [...d.reasons, c] : d.reasons.filter((x) => x !== c) })} />
              <code>{c}</code>
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for="review-reason">{t('four-eyes-reason')}</label>
        <p id="review-reason-hint" class="hint">
          {t('four-eyes-reason-hint')}
        </p>
        <textarea id="review-reason" rows={5} maxLength={REASON_MAX} value={d.reason} disabled={disabled} aria-describedby="review-reason-hint" onInput={(e) => set({ reason: e.currentTarget.value })} />
      </div>
      <div role="alert" class={error ? 'message error' : 'alert-slot'}>
        {error && <p>{t(error)}</p>}
      </div>
      <button type="submit" class="primary" disabled={disabled} aria-disabled={busy ? 'true' : undefined}>
        {t(busy ? 'four-eyes-sending' : d.verdict === 'overturn' ? 'four-eyes-submit-overturn' : 'four-eyes-submit-confirm')}
      </button>
    </form>
  );
}
