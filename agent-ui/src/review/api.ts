// The supervisor and auditor endpoints (docs/review-and-evidence.md): the archive, a session's
// timeline, its decision and review, playback links, the evidence package, legal holds and the
// access log. The body types are the server's, generated from its OpenAPI document.
import { api } from '../api/client';
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type ArchivePage = Schemas['ArchivePage'];
export type ArchiveRow = Schemas['ArchiveRow'];
export type Flags = Schemas['Flags'];
export type ReviewState = Schemas['ReviewState'];
/**
 * An event's `detail` is a free-form object in the OpenAPI document (`value_type = Object`),
 * which openapi-typescript turns into an object with no fields; its fields are read here as
 * unknowns and checked where used (timeline-events.ts).
 */
export type TimelineEvent = Omit<Schemas['TimelineEvent'], 'detail'> & { detail: Record<string, unknown> };
export type Timeline = Omit<Schemas['Timeline'], 'events'> & { events: TimelineEvent[] };
export type TimelineFile = Schemas['TimelineFile'];
export type TimelineSegment = Schemas['TimelineSegment'];
export type ReviewView = Schemas['ReviewView'];
export type ReviewInput = Schemas['ReviewInput'];
export type Outcome = Schemas['Outcome'];
export type Verdict = Schemas['Verdict'];
export type Playback = Schemas['Playback'];
export type PlaybackFile = Schemas['PlaybackFile'];
export type LegalHold = Schemas['LegalHold'];
export type AuditRow = Schemas['AuditRow'];
export type SessionView = Schemas['SessionView'];
export type Profile = Schemas['Profile'];
export type Stats = Schemas['Stats'];
export type Figures = Schemas['Figures'];

const session = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

/** A downloaded file: its bytes and the name the server gave it. */
export interface Download {
  blob: Blob;
  fileName: string;
}

export const reviewApi = {
  /** One archive page; `query` is the search string without `?` (see archive-query.ts). */
  archive: (query: string) => api.request<ArchivePage>('GET', `/api/v1/sessions${query ? `?${query}` : ''}`),
  session: (id: string) => api.request<SessionView>('GET', session(id)),
  timeline: (id: string) => api.request<Timeline>('GET', `${session(id)}/timeline`),
  review: (id: string) => api.request<ReviewView>('GET', `${session(id)}/review`),
  submitReview: (id: string, input: ReviewInput) => api.request<ReviewView>('POST', `${session(id)}/review`, { body: input }),
  /** Short-lived file URLs for this person (re-authentication: the client asks when needed). */
  playback: (id: string) => api.request<Playback>('POST', `${session(id)}/recording/playback`),
  exportEvidence: async (id: string): Promise<Download> => {
    const res = await api.request<Response>('POST', `${session(id)}/evidence-package`, { asResponse: true });
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `evidence-${id}.tar`;
    return { blob: await res.blob(), fileName: name };
  },
  setHold: (id: string, reason: string) => api.request<LegalHold>('PUT', `${session(id)}/legal-hold`, { body: { reason } }),
  releaseHold: (id: string) => api.request<void>('DELETE', `${session(id)}/legal-hold`),
  /** Who viewed, played or exported this session (auditors). */
  accessLog: (id: string) => api.request<AuditRow[]>('GET', `/api/v1/audit?session_id=${encodeURIComponent(id)}&access=true&limit=200`),
  profiles: () => api.request<Profile[]>('GET', '/api/v1/profiles'),
  /** The dashboard's figures; `query` is the search string without `?` (see stats-query.ts). */
  stats: (query: string) => api.request<Stats>('GET', `/api/v1/stats?${query}`),
};
