// The archive's filters as one value: read from the page address (so a filtered list can be
// bookmarked, shared and survives a reload) and turned into the API's query string. Dates are
// calendar days in the browser's time zone; the API takes Unix milliseconds.
import type { Outcome, ReviewState } from './api';

export const FLAGS = ['face_no_match', 'liveness_fail', 'challenge_failed', 'recording_unhealthy', 'reconnects'] as const;
export type Flag = (typeof FLAGS)[number];
export const OUTCOMES = ['approved', 'rejected', 'inconclusive'] as const satisfies readonly Outcome[];
export const REVIEW_STATES = ['pending', 'confirmed', 'overturned', 'none'] as const satisfies readonly ReviewState[];

export interface ArchiveFilter {
  /** First day, `YYYY-MM-DD`, inclusive; '' for no bound. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive; '' for no bound. */
  to: string;
  agent: string;
  outcome: Outcome | '';
  review: ReviewState | '';
  flags: Flag[];
}

export const EMPTY_FILTER: ArchiveFilter = { from: '', to: '', agent: '', outcome: '', review: '', flags: [] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | '' {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : '';
}

/** The filter in a page address's search part; unknown or malformed values are dropped. */
export function filterFromSearch(search: string): ArchiveFilter {
  const p = new URLSearchParams(search);
  const day = (k: string) => {
    const v = p.get(k) ?? '';
    return DAY.test(v) ? v : '';
  };
  const flags = (p.get('flags') ?? '').split(',').filter((f): f is Flag => (FLAGS as readonly string[]).includes(f));
  return {
    from: day('from'),
    to: day('to'),
    agent: (p.get('agent') ?? '').trim(),
    outcome: oneOf(OUTCOMES, p.get('outcome')),
    review: oneOf(REVIEW_STATES, p.get('review')),
    flags: FLAGS.filter((f) => flags.includes(f)),
  };
}

/** The page address's search part for a filter (without `?`; empty for no filter). */
export function searchFromFilter(f: ArchiveFilter): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.agent.trim()) p.set('agent', f.agent.trim());
  if (f.outcome) p.set('outcome', f.outcome);
  if (f.review) p.set('review', f.review);
  if (f.flags.length) p.set('flags', f.flags.join(','));
  return p.toString();
}

/** Local midnight of a `YYYY-MM-DD` day (or of `plusDays` later), in Unix ms. */
export function startOfDay(day: string, plusDays = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).getTime();
}

/** The API query for a filter and, after the first page, the cursor the server handed out. */
export function apiQuery(f: ArchiveFilter, cursor: string | null, limit = 25): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', String(startOfDay(f.from)));
  // `to` is exclusive on the server: the day after the last day asked for.
  if (f.to) p.set('to', String(startOfDay(f.to, 1)));
  if (f.agent.trim()) p.set('agent', f.agent.trim());
  if (f.outcome) p.set('outcome', f.outcome);
  if (f.review) p.set('review', f.review);
  if (f.flags.length) p.set('flags', f.flags.join(','));
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}
