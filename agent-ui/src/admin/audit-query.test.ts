import { describe, expect, it } from 'vitest';
import { auditFilterFromSearch, auditOfStaff, searchFromAuditFilter } from './audit-query';

describe('the audit log filter in the address', () => {
  it('reads who, what, which session and when, and drops unknown actions and malformed times', () => {
    expect(auditFilterFromSearch('?actor=staff%3Aanna&action=playback_issued&session_id=s1&from=1000&to=2000')).toEqual({
      actor: 'staff:anna', action: 'playback_issued', session_id: 's1', from: 1000, to: 2000,
    });
    expect(auditFilterFromSearch('?action=made_up&from=yesterday&actor=%20')).toEqual({});
  });

  it('writes a filter back as the same address', () => {
    const f = { actor: 'staff:anna', action: 'stats_read' as const, from: 5 };
    expect(auditFilterFromSearch(searchFromAuditFilter(f))).toEqual(f);
    expect(searchFromAuditFilter({})).toBe('');
  });

  it('links a staff member to their own actions', () => {
    expect(auditOfStaff('anna.schmidt')).toBe('/staff/audit?actor=staff%3Aanna.schmidt');
  });
});
