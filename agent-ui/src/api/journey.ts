// The customer's side of the API: the journey, consent, the application, documents, the queue,
// bookings and the result. The customer presents their link's token as a bearer token (it lives
// in the URL's fragment, which browsers never send). Types come from schema.ts (generated from the
// server's OpenAPI document), never by hand.
import { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type JourneyView = Schemas['JourneyView'];
export type ApplicationView = Schemas['ApplicationView'];
export type Applicant = Schemas['Applicant'];
export type Address = Schemas['Address'];
export type FieldError = Schemas['FieldError'];
export type FieldComparison = Schemas['FieldComparison'];
export type DocumentCapture = Schemas['Document'];
export type DocumentSide = Schemas['Side'];
export type QueueEstimate = Schemas['QueueEstimate'];
export type IceServers = Schemas['IceServers'];
export type CustomerResult = Schemas['CustomerResult'];
export type ConsentText = Schemas['ConsentText'];
export type ConsentKind = Schemas['ConsentKind'];
export type ConsentRecord = Schemas['ConsentRecord'];
export type SlotView = Schemas['SlotView'];
export type BookedView = Schemas['BookedView'];
export type BookingView = Schemas['BookingView'];
export type QueueJoined = Schemas['QueueJoined'];
export type CeremonyStarted = Schemas['CeremonyStarted'];
export type Enrolled = Schemas['Enrolled'];
type NeedsSpec = Schemas['NeedsSpec'];

/** Every consent kind, in the order the page shows them; the compiler checks it is the whole set. */
export const CONSENT_KINDS = ['processing', 'recording', 'biometrics'] as const satisfies readonly ConsentKind[];
const _allKinds: Exclude<ConsentKind, (typeof CONSENT_KINDS)[number]> extends never ? true : never = true;
void _allKinds;

const enc = encodeURIComponent;

/** The API as the holder of one customer link sees it. */
export function customerApi(token: string, fetchFn?: typeof fetch) {
  const api = new ApiClient(fetchFn, () => `Bearer ${token}`);
  const s = (id: string) => `/api/v1/sessions/${enc(id)}`;
  return {
    /** The token holder's own journey: which session, where they stand (resumes a reload). */
    journey: () => api.request<JourneyView>('GET', '/api/v1/journey'),
    setLanguage: (id: string, language: string) => api.request<JourneyView>('PUT', `${s(id)}/journey`, { body: { language } }),

    consentTexts: (lang: string) => api.request<ConsentText[]>('GET', `/api/v1/consent-texts?lang=${enc(lang)}`),
    consents: (id: string) => api.request<ConsentRecord[]>('GET', `${s(id)}/consents`),
    consent: (id: string, kind: ConsentKind, decision: 'given' | 'withdrawn', textVersion: string) =>
      api.request<ConsentRecord>('POST', `${s(id)}/consents`, { body: { kind, decision, text_version: textVersion } }),

    application: (id: string) => api.request<ApplicationView>('GET', `${s(id)}/application`),
    saveApplication: (id: string, applicant: Applicant, confirmMrz = false) =>
      api.request<ApplicationView>('PUT', `${s(id)}/application`, { body: { applicant, confirm_mrz: confirmMrz } }),
    submitApplication: (id: string) => api.request<ApplicationView>('POST', `${s(id)}/application/submit`),

    uploadDocument: (id: string, docType: string, side: DocumentSide, image: Blob) =>
      api.request<DocumentCapture>('POST', `${s(id)}/documents?side=${side}&type=${enc(docType)}`, { raw: image }),
    documents: (id: string) => api.request<DocumentCapture[]>('GET', `${s(id)}/documents`),

    iceServers: (id: string) => api.request<IceServers>('GET', `${s(id)}/ice-servers`),
    estimate: (needs: NeedsSpec, tz: string) =>
      api.request<QueueEstimate>('GET', `/api/v1/queue/estimate?${needsQuery(needs)}&tz=${enc(tz)}`),
    slots: (needs: NeedsSpec, tz: string, from?: string, to?: string) =>
      api.request<SlotView[]>('GET', `/api/v1/slots?${needsQuery(needs)}&tz=${enc(tz)}${from ? `&from=${enc(from)}` : ''}${to ? `&to=${enc(to)}` : ''}`),
    joinQueue: (needs: NeedsSpec) => api.request<QueueJoined>('POST', '/api/v1/queue', { body: { needs } }),
    book: (needs: NeedsSpec, start: string, tz: string, email: string | null) =>
      api.request<BookedView>('POST', '/api/v1/bookings', { body: { needs, start, tz, contact: email ? { email } : {} } }),

    /** Check-in to the session's appointment (opens 15 minutes before): the waiting room follows. */
    checkIn: () => api.request<BookingView>('POST', '/api/v1/journey/check-in'),

    result: (id: string) => api.request<CustomerResult>('GET', `${s(id)}/result`),
    startPasskey: (id: string) => api.request<CeremonyStarted>('POST', `${s(id)}/passkey/registration`),
    finishPasskey: (id: string, ceremony: string, credential: unknown) =>
      api.request<Enrolled>('POST', `${s(id)}/passkey/registration/${enc(ceremony)}`, { body: credential }),
  };
}

export type CustomerApi = ReturnType<typeof customerApi>;

function needsQuery(n: NeedsSpec): string {
  const q = new URLSearchParams();
  if (n.language) q.set('language', n.language);
  if (n.document) q.set('document', n.document);
  if (n.profile) q.set('profile', n.profile);
  return q.toString();
}

/** The booking of a manage link (`/booking/#t=…`): anyone holding its token may manage it. */
export function bookingApi(token: string, fetchFn?: typeof fetch) {
  const api = new ApiClient(fetchFn);
  const b = `/api/v1/bookings/${enc(token)}`;
  return {
    get: () => api.request<BookingView>('GET', b),
    reschedule: (start: string) => api.request<BookingView>('POST', `${b}/reschedule`, { body: { start } }),
    cancel: () => api.request<BookingView>('DELETE', b),
    checkIn: () => api.request<BookingView>('POST', `${b}/check-in`),
    slots: (needs: NeedsSpec, tz: string) =>
      api.request<SlotView[]>('GET', `/api/v1/slots?${needsQuery(needs)}&tz=${enc(tz)}`),
    icsUrl: `${b}/invite.ics`,
  };
}

/** What a booking needs back as a slot query: its skills `lang:…`, `doc:…`, `reg:…`. */
export function needsOfSkills(skills: readonly string[]): NeedsSpec {
  const out: NeedsSpec = {};
  for (const s of skills) {
    const [kind, value] = s.split(':', 2);
    if (!value) continue;
    if (kind === 'lang') out.language = value;
    else if (kind === 'doc') out.document = value;
    else if (kind === 'reg') out.profile = value;
  }
  return out;
}
