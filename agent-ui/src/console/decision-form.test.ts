import { describe, expect, it } from 'vitest';
import { draftProblems, EMPTY_DRAFT, reasonsFor, toggleReason, toRequest, withOutcome } from './decision-form';

const PROFILE = { reasons: { reject: ['document_invalid', 'face_mismatch'], inconclusive: ['poor_quality'] } };

describe('the decision form', () => {
  it('needs an outcome, and a reason for anything but an approval', () => {
    expect(draftProblems(EMPTY_DRAFT, false)).toEqual(['outcome_required']);
    const rejected = withOutcome(EMPTY_DRAFT, 'rejected', PROFILE);
    expect(draftProblems(rejected, false)).toEqual(['reason_required']);
    expect(draftProblems(toggleReason(rejected, 'face_mismatch'), false)).toEqual([]);
    expect(draftProblems(withOutcome(EMPTY_DRAFT, 'approved', PROFILE), false)).toEqual([]);
  });

  it('needs a written override of at least ten characters to approve against a face no-match', () => {
    const approve = withOutcome(EMPTY_DRAFT, 'approved', PROFILE);
    expect(draftProblems(approve, true)).toEqual(['override_required']);
    expect(draftProblems({ ...approve, overrideReason: '   too short ' }, true)).toEqual(['override_required']);
    expect(draftProblems({ ...approve, overrideReason: 'photo is 12 years old' }, true)).toEqual([]);
  });

  it("offers the profile's reason codes of the chosen outcome and drops those that no longer apply", () => {
    expect(reasonsFor(PROFILE, 'rejected')).toEqual(['document_invalid', 'face_mismatch']);
    expect(reasonsFor(PROFILE, 'inconclusive')).toEqual(['poor_quality']);
    expect(reasonsFor(PROFILE, 'approved')).toEqual([]);
    const d = toggleReason(withOutcome(EMPTY_DRAFT, 'rejected', PROFILE), 'face_mismatch');
    expect(withOutcome(d, 'inconclusive', PROFILE).reasons).toEqual([]);
  });

  it('sends no reasons with an approval and no override with a rejection', () => {
    const d = { outcome: 'approved' as const, reasons: ['x'], note: '  ', overrideReason: ' because it is him ' };
    expect(toRequest(d)).toEqual({ outcome: 'approved', reasons: [], note: null, override_reason: 'because it is him' });
    expect(toRequest({ ...d, outcome: 'rejected', note: 'n' })).toEqual({ outcome: 'rejected', reasons: ['x'], note: 'n', override_reason: null });
  });
});
