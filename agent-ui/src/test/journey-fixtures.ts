// An application view and document captures as the server answers them, for the console's tests.
import type { ApplicationView, DocumentCapture } from '../api/journey';

export function application(applicant: ApplicationView['applicant'], mrz_review: ApplicationView['mrz_review'] = 'none'): ApplicationView {
  return { applicant, errors: [], from_mrz: [], history: [], missing: [], mrz_comparison: [], mrz_review, prefilled: [], state: 'submitted' };
}

export function capture(id: string, side: 'front' | 'back', mrz: Partial<NonNullable<DocumentCapture['mrz']>> | null, created_at = 1, check_digits_ok: boolean | null = true): DocumentCapture {
  return {
    id, side, created_at, check_digits_ok, doc_type: 'id_card', content_type: 'image/jpeg', width: 1200, height: 760, sha256: 'ab', lines: [], comparison: [], models: {}, quality: {},
    mrz: mrz && { format: 'TD1', document_code: 'I', document_number: 'X1', issuing_state: 'FRA', nationality: 'FRA', sex: 'F', surname: '', given_names: '', ...mrz },
  };
}
