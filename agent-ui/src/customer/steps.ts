// The journey's steps and where a customer resumes (pure: no I/O, unit-tested).
import type { JourneyView } from '../api/journey';

/** Every page of the journey, in the order a customer meets them. */
export const STEPS = ['welcome', 'consent', 'details', 'document', 'review', 'device', 'choose', 'waiting', 'booked', 'call', 'result', 'withdrawn'] as const;
export type Step = (typeof STEPS)[number];

/** The steps counted in "Step n of m": the preparation before the call. */
export const PROGRESS_STEPS = ['consent', 'details', 'document', 'review', 'device', 'choose'] as const satisfies readonly Step[];

export function isStep(v: unknown): v is Step {
  return typeof v === 'string' && (STEPS as readonly string[]).includes(v);
}

/** The sides each document type needs (ICAO 9303: a passport's data page; both sides of a card). */
export function sidesOf(docType: string): ('front' | 'back')[] {
  return docType === 'passport' ? ['front'] : ['front', 'back'];
}

/** Whether the captures include every side of one document type. */
export function documentsComplete(docs: readonly { doc_type: string; side: string }[]): boolean {
  const types = new Set(docs.map((d) => d.doc_type));
  return [...types].some((t) => sidesOf(t).every((side) => docs.some((d) => d.doc_type === t && d.side === side)));
}

/**
 * The furthest step the server's state allows: nothing before consent, the review once a
 * document is complete, the device check once the application is submitted and confirmed.
 */
export function furthestStep(v: JourneyView): Step {
  if (!v.consent_given) return 'consent';
  const app = v.application;
  if (app?.state === 'submitted' && app.mrz_review !== 'pending') return 'choose';
  if (documentsComplete(v.documents)) return 'review';
  return v.documents.length > 0 ? 'document' : 'details';
}

const ORDER: Step[] = ['welcome', 'consent', 'details', 'document', 'review', 'device', 'choose'];

/**
 * Where a (re)loaded page continues: the result or the call when the server says so, the
 * waiting room while queued, else the remembered step when the server's state allows it, else
 * the furthest allowed one (the first visit: the welcome page).
 */
export function resumeStep(v: JourneyView, remembered: Step | null): Step {
  if (v.status === 'final' || v.status === 'pending_review' || v.status === 'ended') return 'result';
  // `in_progress` only says the customer has begun; a call this tab was in resumes as a call.
  if (remembered === 'call' && v.status === 'in_progress' && v.consent_given) return 'call';
  if (v.queue_entry) return 'waiting';
  const furthest = furthestStep(v);
  // A booked appointment, on any device: the server knows it.
  if (v.consent_given && (v.booking?.status === 'booked' || remembered === 'booked')) return 'booked';
  if (remembered === 'withdrawn' && !v.consent_given) return 'withdrawn';
  if (remembered && ORDER.includes(remembered) && ORDER.indexOf(remembered) <= ORDER.indexOf(furthest)) return remembered;
  if (!v.consent_given) return 'welcome';
  // The device check is quick and worth repeating after a reload; the choice comes after it.
  return furthest === 'choose' ? 'device' : furthest;
}

/** "Step n of m" for the preparation steps, null elsewhere. */
export function progressOf(step: Step): { n: number; of: number } | null {
  const i = (PROGRESS_STEPS as readonly Step[]).indexOf(step);
  return i < 0 ? null : { n: i + 1, of: PROGRESS_STEPS.length };
}
