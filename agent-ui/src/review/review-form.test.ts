import { describe, expect, it } from 'vitest';
import { hasMessage } from '../i18n/i18n';
import { checkDraft, EMPTY_DRAFT, reviewerState } from './review-form';

describe('the four-eyes form', () => {
  it('sends a confirmation with its reason and nothing else', () => {
    expect(checkDraft({ ...EMPTY_DRAFT, verdict: 'confirm', reason: '  Checked the stills and the match.  ' }, 'approved')).toEqual({
      input: { verdict: 'confirm', reason: 'Checked the stills and the match.' },
    });
  });

  it('says what is missing, with the codes the server would answer', () => {
    const cases = [
      [{ ...EMPTY_DRAFT }, 'four-eyes-verdict-missing'],
      [{ ...EMPTY_DRAFT, verdict: 'confirm' as const, reason: 'too short' }, 'error-reason_required'],
      [{ ...EMPTY_DRAFT, verdict: 'overturn' as const, outcome: 'approved' as const, reason: 'long enough reason' }, 'error-outcome_required'],
      [{ ...EMPTY_DRAFT, verdict: 'overturn' as const, outcome: 'rejected' as const, reason: 'long enough reason' }, 'error-reason_code_required'],
    ] as const;
    for (const [draft, id] of cases) {
      expect(checkDraft(draft, 'approved')).toEqual({ error: id });
      expect(hasMessage(id)).toBe(true);
    }
  });

  it('overturns with the new outcome and its reason codes', () => {
    expect(checkDraft({ verdict: 'overturn', outcome: 'rejected', reasons: ['face_mismatch'], reason: 'The face does not match the ID.' }, 'approved')).toEqual({
      input: { verdict: 'overturn', outcome: 'rejected', reasons: ['face_mismatch'], reason: 'The face does not match the ID.' },
    });
  });

  it('is for supervisors who did not make the decision, and only while it waits', () => {
    expect(reviewerState({ pending: true, canReview: true, me: 'sv-2', decider: 'agent-1' })).toBe('can_review');
    expect(reviewerState({ pending: true, canReview: true, me: 'agent-1', decider: 'agent-1' })).toBe('decided_it');
    expect(reviewerState({ pending: true, canReview: false, me: 'au-1', decider: 'agent-1' })).toBe('not_reviewer');
    expect(reviewerState({ pending: false, canReview: true, me: 'sv-2', decider: 'agent-1' })).toBe('not_pending');
  });
});
