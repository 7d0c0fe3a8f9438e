// The four-eyes form's rules, as the server checks them (docs/review-and-evidence.md), so the
// form says what is missing before sending: a reason of 10–2000 characters; an overturn needs
// an outcome other than the agent's and, to rejected or inconclusive, the profile's reason codes.
import type { Outcome, ReviewInput, Verdict } from './api';

export const REASON_MIN = 10;
export const REASON_MAX = 2000;

export interface ReviewDraft {
  verdict: Verdict | null;
  outcome: Outcome | '';
  reasons: string[];
  reason: string;
}

export const EMPTY_DRAFT: ReviewDraft = { verdict: null, outcome: '', reasons: [], reason: '' };

/** The message id of the first problem of a draft (same codes as the server), or the input. */
export function checkDraft(d: ReviewDraft, agentOutcome: Outcome): { error: string } | { input: ReviewInput } {
  if (!d.verdict) return { error: 'four-eyes-verdict-missing' };
  const reason = d.reason.trim();
  if (d.verdict === 'overturn') {
    if (!d.outcome || d.outcome === agentOutcome) return { error: 'error-outcome_required' };
    if (d.outcome !== 'approved' && d.reasons.length === 0) return { error: 'error-reason_code_required' };
  }
  if ([...reason].length < REASON_MIN || [...reason].length > REASON_MAX) return { error: 'error-reason_required' };
  if (d.verdict === 'confirm') return { input: { verdict: 'confirm', reason } };
  return { input: { verdict: 'overturn', outcome: d.outcome as Outcome, reasons: d.outcome === 'approved' ? [] : d.reasons, reason } };
}

/** Who may use the form: a reviewer (supervisor) who is not the person who decided. */
export type ReviewerState = 'can_review' | 'decided_it' | 'not_reviewer' | 'not_pending';

export function reviewerState(opts: { pending: boolean; canReview: boolean; me: string; decider: string }): ReviewerState {
  if (!opts.pending) return 'not_pending';
  if (!opts.canReview) return 'not_reviewer';
  return opts.me === opts.decider ? 'decided_it' : 'can_review';
}
