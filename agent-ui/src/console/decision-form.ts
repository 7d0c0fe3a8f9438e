// The decision form's rules, mirrored from the server so the agent sees what is missing before
// sending: an outcome; for a rejection or an inconclusive result at least one of the profile's
// reason codes; to approve against a face-match "no match", a written override of at least 10
// characters. The server decides in the end (approval blockers, re-authentication).
import type { DecideRequest, Outcome, Profile } from '../api/console';

export interface DecisionDraft {
  outcome: Outcome | null;
  reasons: string[];
  note: string;
  overrideReason: string;
}

export type DraftProblem = 'outcome_required' | 'reason_required' | 'override_required';

export const EMPTY_DRAFT: DecisionDraft = { outcome: null, reasons: [], note: '', overrideReason: '' };

/** The server's minimum for an override reason (characters, trimmed). */
export const MIN_OVERRIDE_CHARS = 10;

/** The profile's reason codes for an outcome (approval needs none). */
export function reasonsFor(profile: Pick<Profile, 'reasons'> | null, outcome: Outcome | null): string[] {
  if (!profile || outcome === null || outcome === 'approved') return [];
  return outcome === 'rejected' ? profile.reasons.reject : profile.reasons.inconclusive;
}

export function draftProblems(d: DecisionDraft, faceNoMatch: boolean): DraftProblem[] {
  if (d.outcome === null) return ['outcome_required'];
  const out: DraftProblem[] = [];
  if (d.outcome !== 'approved' && d.reasons.length === 0) out.push('reason_required');
  if (d.outcome === 'approved' && faceNoMatch && [...d.overrideReason.trim()].length < MIN_OVERRIDE_CHARS) out.push('override_required');
  return out;
}

/** Changing the outcome keeps only the reasons that still apply. */
export function withOutcome(d: DecisionDraft, outcome: Outcome, profile: Pick<Profile, 'reasons'> | null): DecisionDraft {
  const allowed = reasonsFor(profile, outcome);
  return { ...d, outcome, reasons: d.reasons.filter((r) => allowed.includes(r)) };
}

export function toggleReason(d: DecisionDraft, reason: string): DecisionDraft {
  return { ...d, reasons: d.reasons.includes(reason) ? d.reasons.filter((r) => r !== reason) : [...d.reasons, reason] };
}

export function toRequest(d: DecisionDraft): DecideRequest {
  if (d.outcome === null) throw new Error('no outcome');
  return {
    outcome: d.outcome,
    reasons: d.outcome === 'approved' ? [] : d.reasons,
    note: d.note.trim() || null,
    override_reason: d.outcome === 'approved' && d.overrideReason.trim() ? d.overrideReason.trim() : null,
  };
}
