// The agent console's HTTP calls: its presence and offers (`/api/v1/me/…`), the queue at a
// glance, and the session's evidence (checklist, stills, decision). Types from schema.ts.
import type { Blocker } from './generated/Blocker';
import type { Decision } from './generated/Decision';
import type { Outcome } from './generated/Outcome';
import type { PresenceTarget } from './generated/PresenceTarget';
import type { SessionId } from './generated/SessionId';
import type { Still } from './generated/Still';
import { api } from './client';
import type { ApplicationView, DocumentCapture } from './journey';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Session = Schemas['SessionView'];
export type Profile = Schemas['Profile'];
export type Checklist = Schemas['ChecklistView'];
export type ChecklistItem = Schemas['Item'];
export type Appointment = Schemas['BookingView'];
export type PresenceView = Schemas['PresenceView'];
export type QueueStats = Schemas['QueueStats'];
export type RecordingView = Schemas['RecordingView'];
export type DecideRequest = Schemas['Decide'];
export type { Blocker, Decision, Outcome, Still };

const s = (id: SessionId) => `/api/v1/sessions/${encodeURIComponent(id)}`;

export const consoleApi = {
  queueStats: () => api.request<QueueStats>('GET', '/api/v1/queue/stats'),
  appointments: () => api.request<Appointment[]>('GET', '/api/v1/me/appointments'),
  setPresence: (state: PresenceTarget) => api.request<PresenceView>('PUT', '/api/v1/me/presence', { body: { state } satisfies Schemas['SetPresence'] }),
  acceptOffer: (offer: string) => api.request<Schemas['Accepted']>('POST', `/api/v1/me/offers/${encodeURIComponent(offer)}/accept`),
  declineOffer: (offer: string) => api.request<void>('POST', `/api/v1/me/offers/${encodeURIComponent(offer)}/decline`),
  endCall: () => api.request<PresenceView>('POST', '/api/v1/me/end-call'),
  wrapUpDone: () => api.request<PresenceView>('POST', '/api/v1/me/wrap-up-done'),
  profiles: () => api.request<Profile[]>('GET', '/api/v1/profiles'),
  session: (id: SessionId) => api.request<Session>('GET', s(id)),
  checklist: (id: SessionId) => api.request<Checklist>('GET', `${s(id)}/checklist`),
  confirm: (id: SessionId, item: string, confirmed: boolean, note?: string) =>
    api.request<Checklist>('PUT', `${s(id)}/checklist/${encodeURIComponent(item)}`, { body: { confirmed, note: note || null } satisfies Schemas['Confirm'] }),
  stills: (id: SessionId) => api.request<Still[]>('GET', `${s(id)}/stills`),
  recording: (id: SessionId) => api.request<RecordingView>('GET', `${s(id)}/recording`),
  decide: (id: SessionId, body: DecideRequest) => api.request<Decision>('POST', `${s(id)}/decision`, { body }),
  decision: (id: SessionId) => api.request<Decision>('GET', `${s(id)}/decision`),
  /** The customer's application form (`404` when the session has no customer journey). */
  application: (id: SessionId) => api.request<ApplicationView>('GET', `${s(id)}/application`),
  /** The ID document captures the customer uploaded (with their MRZ readings), oldest first. */
  documents: (id: SessionId) => api.request<DocumentCapture[]>('GET', `${s(id)}/documents`),
};

/** The address of an uploaded ID document's image (same origin: the staff cookie goes with it). */
export function documentUrl(session: SessionId, document: string): string {
  return `${s(session)}/documents/${encodeURIComponent(document)}`;
}

/** The address of a still's image (same origin: the staff cookie goes with it). */
export function stillUrl(session: SessionId, still: string): string {
  return `${s(session)}/stills/${encodeURIComponent(still)}`;
}

/** Fails to compile when the server's outcomes change. */
export const OUTCOMES = ['approved', 'rejected', 'inconclusive'] as const satisfies readonly Outcome[];
const _allOutcomes: Exclude<Outcome, (typeof OUTCOMES)[number]> extends never ? true : never = true;
void _allOutcomes;
