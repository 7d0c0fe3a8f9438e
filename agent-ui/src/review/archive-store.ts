// The archive list: the rows shown so far, where the next page starts (the server's keyset
// cursor, so page 20 costs what page 1 costs) and whether a request is under way. One store
// for the section, so coming back from a session finds the list where it was.
import { signal } from '@preact/signals';
import { isApiError } from '../api/problem';
import { reviewApi, type ArchiveRow } from './api';
import { apiQuery, searchFromFilter, type ArchiveFilter } from './archive-query';

export type ArchiveStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; code: string };

export const PAGE_SIZE = 25;

export const archive = {
  /** The search the rows belong to (the page address's, without `?`). */
  search: signal<string | null>(null),
  rows: signal<ArchiveRow[]>([]),
  next: signal<string | null>(null),
  namesVisible: signal(false),
  status: signal<ArchiveStatus>({ kind: 'idle' }),
};

let generation = 0;

async function fetchPage(filter: ArchiveFilter, cursor: string | null, append: boolean): Promise<void> {
  const mine = ++generation;
  archive.status.value = { kind: 'loading' };
  try {
    const page = await reviewApi.archive(apiQuery(filter, cursor, PAGE_SIZE));
    // A newer search started meanwhile: its answer wins.
    if (mine !== generation) return;
    archive.rows.value = append ? [...archive.rows.peek(), ...page.items] : page.items;
    archive.next.value = page.next_cursor ?? null;
    archive.namesVisible.value = page.names_visible;
    archive.status.value = { kind: 'idle' };
  } catch (e) {
    if (mine !== generation) return;
    archive.status.value = { kind: 'error', code: isApiError(e) ? e.code : 'generic' };
  }
}

/** The first page for `filter` (unless it is already shown and `force` is not set). */
export function search(filter: ArchiveFilter, force = false): Promise<void> {
  const key = searchFromFilter(filter);
  if (!force && archive.search.peek() === key && archive.status.peek().kind !== 'error') return Promise.resolve();
  archive.search.value = key;
  archive.rows.value = [];
  archive.next.value = null;
  return fetchPage(filter, null, false);
}

/** The next page after the rows shown. */
export function more(filter: ArchiveFilter): Promise<void> {
  const cursor = archive.next.peek();
  return cursor ? fetchPage(filter, cursor, true) : Promise.resolve();
}

/** The row of a session if the list has it (flags, legal hold, name). */
export function rowOf(sessionId: string): ArchiveRow | null {
  return archive.rows.peek().find((r) => r.session_id === sessionId) ?? null;
}

/** After a change on a session's page (review, hold): the list reloads when shown again. */
export function invalidate(): void {
  archive.search.value = null;
}
