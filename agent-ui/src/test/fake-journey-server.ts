// A stand-in for the server's customer API in component tests: answers `fetch` as the journey
// API documents it (docs/journey-api.md), records what it was sent, and lets a test change its
// answers. Its checks are deliberately few: the tests are about what the page does with the
// server's answers and codes, not about validation, which the server owns.
import { vi } from 'vitest';
import { json, problem } from './fake-auth-server';

export { json, problem };

export interface Sent {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

export type Handler = (method: string, path: string, body: any) => Response | undefined;

const TEXTS = ['processing', 'recording', 'biometrics'].map((kind) => ({
  kind,
  language: 'en',
  version: kind[0].repeat(64),
  text: `## About ${kind}\n\nWe do **${kind}** with care.\n\n- one point\n- another point`,
}));

export function fakeJourneyServer(opts: { consent?: boolean; applicant?: Record<string, unknown> } = {}) {
  const sent: Sent[] = [];
  const handlers: Handler[] = [];
  const state = {
    consents: [] as { kind: string; decision: string; text_version: string; language: string; at: number }[],
    applicant: (opts.applicant ?? {}) as Record<string, any>,
    documents: [] as any[],
    queued: false,
  };
  if (opts.consent) for (const t of TEXTS) state.consents.push({ kind: t.kind, decision: 'given', text_version: t.version, language: 'en', at: Date.parse('2030-01-07T09:00:00Z') });
  const consentGiven = () => TEXTS.every((t) => [...state.consents].reverse().find((c) => c.kind === t.kind)?.decision === 'given');
  const errorsOf = (a: Record<string, any>) => {
    const errors: { field: string; code: string }[] = [];
    if (a.email && !String(a.email).includes('@')) errors.push({ field: 'email', code: 'invalid_email' });
    if (a.phone && !String(a.phone).startsWith('+')) errors.push({ field: 'phone', code: 'invalid_phone' });
    if (a.surname && /\d/.test(String(a.surname))) errors.push({ field: 'surname', code: 'invalid_name' });
    return errors;
  };
  const missingOf = (a: Record<string, any>) =>
    [['surname', 'name_required'], ['date_of_birth', 'date_of_birth_required'], ['nationality', 'nationality_required'], ['email', 'email_required'], ['phone', 'phone_required'], ['address.line1', 'address_required'], ['address.city', 'city_required'], ['address.country', 'country_required']]
      .filter(([f]) => !(f.startsWith('address.') ? a.address?.[f.slice(8)] : a[f]))
      .map(([field, code]) => ({ field, code }));
  const applicationView = () => ({
    state: 'draft',
    mrz_review: 'none',
    applicant: state.applicant,
    errors: errorsOf(state.applicant),
    missing: missingOf(state.applicant),
    prefilled: opts.applicant ? Object.keys(opts.applicant) : [],
    from_mrz: [],
    mrz_comparison: [],
    updated_at: null,
    submitted_at: null,
    history: [],
  });
  const journeyView = () => ({
    session_id: 'sess-1',
    status: 'created',
    language: 'en',
    languages: ['en', 'fr', 'vi'],
    profile: 'basic',
    documents_allowed: ['passport', 'id_card'],
    consent_given: consentGiven(),
    application: null,
    documents: state.documents.map((d) => ({ id: d.id, doc_type: d.doc_type, side: d.side, check_digits_ok: d.check_digits_ok })),
    queue_entry: state.queued ? 'entry-1' : null,
    booking: null,
    return_url: 'https://bank.example/done',
  });

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({ method, path, body, authorization: headers.authorization ?? null });
    for (const h of handlers) {
      const r = h(method, path, body);
      if (r) return r;
    }
    const route = `${method} ${path.split('?')[0]}`;
    switch (route) {
      case 'GET /api/v1/journey':
        return json(200, journeyView());
      case 'PUT /api/v1/sessions/sess-1/journey':
        return json(200, { ...journeyView(), language: body.language });
      case 'GET /api/v1/consent-texts':
      {
        // Each language's text is another text, with another version (its hash on the server).
        const lang = new URL(path, 'http://x').searchParams.get('lang') ?? 'en';
        return json(200, TEXTS.map((t) => ({ ...t, language: lang, version: lang === 'en' ? t.version : `${lang}${t.kind[0]}`.repeat(32).slice(0, 64) })));
      }
      case 'GET /api/v1/sessions/sess-1/consents':
        return json(200, state.consents);
      case 'POST /api/v1/sessions/sess-1/consents': {
        const record = { ...body, language: 'en', at: Date.parse('2030-01-07T09:00:00Z') };
        state.consents.push(record);
        return json(201, record);
      }
      case 'GET /api/v1/sessions/sess-1/application':
        return json(200, applicationView());
      case 'PUT /api/v1/sessions/sess-1/application':
        state.applicant = body.applicant;
        return json(200, applicationView());
      case 'POST /api/v1/sessions/sess-1/application/submit': {
        const errors = [...errorsOf(state.applicant), ...missingOf(state.applicant)];
        return errors.length ? problem(422, 'application_invalid', { errors }) : json(200, { ...applicationView(), state: 'submitted' });
      }
      case 'GET /api/v1/sessions/sess-1/documents':
        return json(200, state.documents);
      default:
        return problem(404, 'route_not_found');
    }
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    sent,
    state,
    fetch: fetchMock as unknown as typeof fetch,
    /** Handlers that answer before the defaults (return undefined to pass). */
    on(h: Handler) {
      handlers.unshift(h);
    },
    /** The requests sent to `method path` (path without query), in order. */
    calls(method: string, path: string) {
      return sent.filter((s) => s.method === method && s.path.split('?')[0] === path);
    },
  };
}
