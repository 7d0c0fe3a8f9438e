// Review API answers for component tests, shaped as docs/review-and-evidence.md documents them.
import type { ArchiveRow, ReviewView, Timeline } from './api';

export const SID = 'sess_0123456789abcdef';
const T0 = Date.parse('2026-11-28T09:00:00Z');

export function row(i: number, over: Partial<ArchiveRow> = {}): ArchiveRow {
  return {
    session_id: i === 0 ? SID : `sess_${String(i).padStart(16, '0')}`,
    created_at: T0 - i * 60_000,
    ended_at: T0 - i * 60_000 + 300_000,
    status: 'ended',
    profile: 'rbi-vcip',
    agent_id: 'agent-1',
    outcome: 'approved',
    decision_status: 'pending_review',
    decided_at: T0 - i * 60_000 + 320_000,
    review: 'pending',
    flags: { face_no_match: false, liveness_fail: false, challenge_failed: false, recording_unhealthy: false, reconnects: 0 },
    legal_hold: false,
    customer_name: null,
    ...over,
  };
}

export const TIMELINE: Timeline = {
  session_id: SID,
  origin: T0,
  recording: 'complete',
  segments: [{ index: 0, offset_ms: 0, end_offset_ms: 60_000, gap_before_ms: 0, reason: 'start' }],
  files: [
    { segment: 0, participant: 'customer', medium: 'video', path: '0/customer-video.webm', offset_ms: 0, duration_ms: 60_000 },
    { segment: 0, participant: 'agent', medium: 'video', path: '0/agent-video.webm', offset_ms: 1_200, duration_ms: 58_800 },
  ],
  events: [
    { at: T0 - 5_000, offset_ms: -5_000, kind: 'action', label: 'joined', detail: {} },
    { at: T0 + 10_000, offset_ms: 10_000, kind: 'ai', label: 'face_match', detail: { verdict: 'match', distance: 0.31, threshold: 0.55, no_match_from: 0.637 } },
    { at: T0 + 23_400, offset_ms: 23_400, kind: 'challenge', label: 'challenge_step', detail: { step: 'left', passed: true } },
    { at: T0 + 30_000, offset_ms: 30_000, kind: 'still', label: 'face', detail: { sha256: 'ab' } },
    { at: T0 + 70_000, offset_ms: 70_000, kind: 'action', label: 'decision_recorded', detail: {} },
  ],
};

export function reviewView(decider = 'agent-1'): ReviewView {
  return {
    decision: { outcome: 'approved', reasons: [], note: null, override_reason: null, staff_id: decider, decided_at: T0 + 70_000, status: 'pending_review', evidence: {} },
    review_reasons: ['four_eyes'],
    review: null,
  };
}
