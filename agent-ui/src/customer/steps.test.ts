import { describe, expect, it } from 'vitest';
import type { JourneyView } from '../api/journey';
import { documentsComplete, progressOf, resumeStep } from './steps';

function view(over: Partial<JourneyView> = {}): JourneyView {
  return {
    session_id: 's',
    status: 'created',
    language: 'en',
    languages: ['en', 'fr', 'vi'],
    profile: 'basic',
    documents_allowed: ['passport', 'id_card'],
    consent_given: true,
    application: null,
    documents: [],
    queue_entry: null,
    booking: null,
    return_url: null,
    ...over,
  } as JourneyView;
}

const doc = (doc_type: string, side: 'front' | 'back') => ({ id: `${doc_type}-${side}`, doc_type, side, check_digits_ok: true });

describe('where a customer resumes', () => {
  it('a first visit starts at the welcome page', () => {
    expect(resumeStep(view({ consent_given: false }), null)).toBe('welcome');
  });

  it('nothing after consent is reachable without consent, whatever the tab remembers', () => {
    expect(resumeStep(view({ consent_given: false }), 'document')).toBe('welcome');
    expect(resumeStep(view({ consent_given: false }), 'consent')).toBe('consent');
  });

  it('a customer with a booked appointment sees it on any device; a cancelled one does not hold them', () => {
    const booking = { id: 'b', status: 'booked', start: '2030-01-07T09:00:00Z', end: '2030-01-07T09:20:00Z', local_start: '', customer_tz: 'UTC', needs: [], sequence: 0, checked_in: false, session_id: 's' };
    const submitted = { application: { state: 'submitted', mrz_review: 'confirmed' } } as Partial<JourneyView>;
    expect(resumeStep(view({ ...submitted, booking } as Partial<JourneyView>), null)).toBe('booked');
    expect(resumeStep(view({ ...submitted, booking: { ...booking, status: 'cancelled' } } as Partial<JourneyView>), null)).toBe('device');
  });

  it('a reload mid-form comes back to the form', () => {
    expect(resumeStep(view(), 'details')).toBe('details');
    expect(resumeStep(view(), null)).toBe('details');
  });

  it('a card needs both sides before the review; a passport only its photo page', () => {
    expect(documentsComplete([doc('id_card', 'front')])).toBe(false);
    expect(documentsComplete([doc('id_card', 'front'), doc('id_card', 'back')])).toBe(true);
    expect(documentsComplete([doc('passport', 'front')])).toBe(true);
    expect(resumeStep(view({ documents: [doc('id_card', 'front')] }), 'review')).toBe('document');
    expect(resumeStep(view({ documents: [doc('passport', 'front')] }), 'review')).toBe('review');
  });

  it('a submitted application resumes at the device check, and the choice is allowed after it', () => {
    const submitted = view({ documents: [doc('passport', 'front')], application: { state: 'submitted', mrz_review: 'confirmed' } as JourneyView['application'] });
    expect(resumeStep(submitted, null)).toBe('device');
    expect(resumeStep(submitted, 'choose')).toBe('choose');
    const pending = view({ documents: [doc('passport', 'front')], application: { state: 'submitted', mrz_review: 'pending' } as JourneyView['application'] });
    expect(resumeStep(pending, 'choose')).toBe('review');
  });

  it('the server’s state wins: queued, in the call, decided', () => {
    expect(resumeStep(view({ queue_entry: 'e1' } as Partial<JourneyView>), 'details')).toBe('waiting');
    expect(resumeStep(view({ status: 'in_progress' }), 'call')).toBe('call');
    // `in_progress` alone means "has begun", not "in a call".
    expect(resumeStep(view({ status: 'in_progress' }), 'details')).toBe('details');
    for (const status of ['final', 'pending_review', 'ended'] as const) expect(resumeStep(view({ status }), 'call')).toBe('result');
  });

  it('progress counts the preparation steps only', () => {
    expect(progressOf('consent')).toEqual({ n: 1, of: 6 });
    expect(progressOf('choose')).toEqual({ n: 6, of: 6 });
    expect(progressOf('waiting')).toBeNull();
    expect(progressOf('welcome')).toBeNull();
  });
});
