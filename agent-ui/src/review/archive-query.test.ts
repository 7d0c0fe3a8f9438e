import { describe, expect, it } from 'vitest';
import { apiQuery, EMPTY_FILTER, filterFromSearch, searchFromFilter, startOfDay } from './archive-query';

describe('the archive filter', () => {
  it('survives the round trip through the page address', () => {
    const f = { from: '2026-11-01', to: '2026-11-29', agent: 'agent-7', outcome: 'approved' as const, review: 'pending' as const, flags: ['face_no_match' as const, 'reconnects' as const] };
    expect(filterFromSearch(`?${searchFromFilter(f)}`)).toEqual(f);
    expect(searchFromFilter(EMPTY_FILTER)).toBe('');
  });

  it('drops what it does not know instead of sending it to the server', () => {
    expect(filterFromSearch('?from=yesterday&outcome=maybe&review=x&flags=face_no_match,bogus&agent=%20a1%20')).toEqual({
      ...EMPTY_FILTER,
      agent: 'a1',
      flags: ['face_no_match'],
    });
  });

  it('asks the server for whole local days, the last one included', () => {
    const q = new URLSearchParams(apiQuery({ ...EMPTY_FILTER, from: '2026-11-28', to: '2026-11-28' }, null));
    expect(Number(q.get('from'))).toBe(new Date(2026, 10, 28).getTime());
    expect(Number(q.get('to'))).toBe(new Date(2026, 10, 29).getTime());
    expect(Number(q.get('to')) - Number(q.get('from'))).toBe(startOfDay('2026-11-29') - startOfDay('2026-11-28'));
  });

  it('pages on with the cursor the server handed out, keeping the filters', () => {
    const q = new URLSearchParams(apiQuery({ ...EMPTY_FILTER, review: 'pending', flags: ['liveness_fail', 'challenge_failed'] }, '1764400000000.abc', 25));
    expect(q.get('cursor')).toBe('1764400000000.abc');
    expect(q.get('review')).toBe('pending');
    expect(q.get('flags')).toBe('liveness_fail,challenge_failed');
    expect(q.get('limit')).toBe('25');
  });
});
