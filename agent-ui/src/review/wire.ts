// The review API's bodies as docs/review-and-evidence.md documents them. Replaced by names from
// the generated schema.ts as soon as the server side compiles (then this file goes away).
export type Outcome = 'approved' | 'rejected' | 'inconclusive';
export type DecisionStatus = 'final' | 'pending_review';
export type ReviewState = 'none' | 'pending' | 'confirmed' | 'overturned';
export type ReviewReason = 'four_eyes' | 'no_match' | 'override' | 'low_quality' | 'random';
export type Verdict = 'confirm' | 'overturn';

export interface Flags {
  face_no_match: boolean;
  liveness_fail: boolean;
  challenge_failed: boolean;
  recording_unhealthy: boolean;
  reconnects: number;
}

export interface ArchiveRow {
  session_id: string;
  created_at: number;
  ended_at?: number | null;
  status: string;
  profile: string;
  agent_id?: string | null;
  outcome?: string | null;
  decision_status?: string | null;
  decided_at?: number | null;
  review: ReviewState;
  flags: Flags;
  legal_hold: boolean;
  customer_name?: string | null;
}

export interface ArchivePage {
  items: ArchiveRow[];
  next_cursor?: string | null;
  names_visible: boolean;
}

export interface TimelineFile {
  segment: number;
  participant: string;
  medium: string;
  path: string;
  offset_ms: number;
  duration_ms: number;
}

export interface TimelineSegment {
  index: number;
  offset_ms: number;
  end_offset_ms: number;
  gap_before_ms: number;
  reason: string;
}

export type EventKind = 'ai' | 'challenge' | 'still' | 'prompt' | 'read_aloud' | 'check' | 'action' | 'recording_gap' | 'segment';

export interface TimelineEvent {
  at: number;
  offset_ms: number;
  kind: EventKind;
  label: string;
  detail: Record<string, unknown>;
}

export interface Timeline {
  session_id: string;
  origin: number;
  recording: string;
  segments: TimelineSegment[];
  files: TimelineFile[];
  events: TimelineEvent[];
}

export interface Decision {
  outcome: Outcome;
  reasons: string[];
  note?: string | null;
  override_reason?: string | null;
  staff_id: string;
  decided_at: number;
  status: DecisionStatus;
  evidence: Record<string, unknown>;
}

export interface Review {
  reviewer_id: string;
  verdict: Verdict;
  outcome_before: Outcome;
  outcome_after: Outcome;
  reasons: string[];
  reason: string;
  reviewed_at: number;
}

export interface ReviewView {
  decision: Decision;
  review_reasons: ReviewReason[];
  review?: Review | null;
}

export interface ReviewInput {
  verdict: Verdict;
  outcome?: Outcome | null;
  reasons?: string[];
  reason: string;
}

export interface PlaybackFile {
  segment: number;
  path: string;
  participant: string;
  medium: string;
  offset_ms: number;
  duration_ms: number;
  url: string;
}

export interface Playback {
  expires_at: number;
  files: PlaybackFile[];
}

export interface LegalHold {
  reason: string;
  set_by: string;
  set_at: number;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  session_id?: string | null;
  target?: string | null;
  detail?: string | null;
  prev_hash: string;
  hash: string;
}

export interface SessionView {
  id: string;
  created_at: number;
  status: string;
  profile: string;
  [field: string]: unknown;
}

export interface Profile {
  id: string;
  [field: string]: unknown;
}
