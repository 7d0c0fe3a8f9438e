// The application's data against the ID document's machine-readable zone, field by field, as the
// agent sees it in the call. The MRZ writes names in upper-case Latin without diacritics, with `<`
// for spaces, hyphens and apostrophes, so "Nguyễn Văn" and "NGUYEN<VAN" are the same name; a
// difference that survives that folding is a real one and is marked.
import type { ApplicationView, DocumentCapture } from '../api/journey';

/** The fields both the form and the MRZ hold, in the order the panel lists them. */
export const COMPARED_FIELDS = ['surname', 'given_names', 'date_of_birth', 'nationality'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** How one field compares: both present and the same, different, or one side has no value. */
export type FieldVerdict = 'match' | 'mismatch' | 'missing';

export interface FieldRow {
  field: ComparedField;
  application: string | null;
  mrz: string | null;
  verdict: FieldVerdict;
}

/** Upper case, no diacritics, MRZ fillers and punctuation as single spaces, trimmed. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'D') // Vietnamese đ has no decomposition; the MRZ writes D.
    .replace(/ß/g, 'SS')
    .toUpperCase()
    .replace(/[<\-'’.,\s]+/g, ' ')
    .trim();
}

/**
 * A date as `YYYY-MM-DD`, from ISO (`1990-03-07`, with or without a time), `DD.MM.YYYY`,
 * `DD/MM/YYYY` or the MRZ's `YYMMDD` read as a birth date (the century that is not in the future
 * of `today`). `null` when it is not a date.
 */
export function normaliseDate(value: string, today: Date): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  if (m) return valid(m[1], m[2], m[3]);
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
  if (m) return valid(m[3], m[2].padStart(2, '0'), m[1].padStart(2, '0'));
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (m) {
    const yy = Number(m[1]);
    const thisYear = today.getUTCFullYear();
    let year = 2000 + yy;
    if (year > thisYear) year -= 100;
    return valid(String(year), m[2], m[3]);
  }
  return null;
}

function valid(y: string, mo: string, d: string): string | null {
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

/** Nationality codes: upper case, `<` fillers dropped (`D<<` is Germany's `D`). */
export function normaliseCountry(value: string): string {
  return value.toUpperCase().replace(/[<\s]/g, '');
}

function present(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

/** Whether two values of `field` say the same thing once folded. */
export function sameValue(field: ComparedField, a: string, b: string, today: Date): boolean {
  switch (field) {
    case 'surname':
    case 'given_names':
      return normaliseName(a) === normaliseName(b);
    case 'date_of_birth': {
      const da = normaliseDate(a, today);
      const db = normaliseDate(b, today);
      return da !== null && da === db;
    }
    case 'nationality':
      return normaliseCountry(a) === normaliseCountry(b);
  }
}

/** The document whose MRZ counts: the latest capture that has one. */
export function latestWithMrz(documents: readonly DocumentCapture[]): DocumentCapture | null {
  let best: DocumentCapture | null = null;
  for (const d of documents) if (d.mrz && (!best || d.created_at >= best.created_at)) best = d;
  return best;
}

/** One row per compared field: the application's value, the MRZ's and the verdict. */
export function compareApplication(app: ApplicationView, doc: DocumentCapture | null, today: Date): FieldRow[] {
  const a = app.applicant;
  const mrz = doc?.mrz ?? null;
  const appValues: Record<ComparedField, string | null> = {
    surname: present(a.surname),
    given_names: present(a.given_names),
    date_of_birth: present(a.date_of_birth),
    nationality: present(a.nationality),
  };
  const mrzValues: Record<ComparedField, string | null> = {
    surname: present(mrz?.surname),
    given_names: present(mrz?.given_names),
    date_of_birth: present(mrz?.birth_date),
    nationality: present(mrz?.nationality),
  };
  return COMPARED_FIELDS.map((field) => {
    const application = appValues[field];
    const fromMrz = mrzValues[field];
    // Both empty agrees (a single name leaves the given names empty on both); one empty does not.
    const verdict: FieldVerdict =
      application === null && fromMrz === null && mrz
        ? 'match'
        : application === null || fromMrz === null
          ? 'missing'
          : sameValue(field, application, fromMrz, today)
            ? 'match'
            : 'mismatch';
    return { field, application, mrz: fromMrz, verdict };
  });
}
