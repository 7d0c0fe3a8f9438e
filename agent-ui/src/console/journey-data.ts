// What the customer journey left for the agent: the application form and the ID document
// captures. A session an integrator created without the journey has neither (the server answers
// 404 or an empty list); the call view then shows only what the integrator submitted.
import { consoleApi } from '../api/console';
import type { SessionId } from '../api/generated/SessionId';
import type { ApplicationView, DocumentCapture } from '../api/journey';
import { ApiError } from '../api/problem';

export type JourneyData =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'loaded'; application: ApplicationView | null; documents: DocumentCapture[] }
  | { state: 'failed'; code: string };

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export async function loadJourneyData(id: SessionId): Promise<JourneyData> {
  try {
    const [application, documents] = await Promise.all([orNull(consoleApi.application(id)), orNull(consoleApi.documents(id))]);
    const docs = documents ?? [];
    if (!application && docs.length === 0) return { state: 'none' };
    return { state: 'loaded', application, documents: docs };
  } catch (e) {
    return { state: 'failed', code: e instanceof ApiError ? e.code : 'network_error' };
  }
}
