import { describe, expect, it } from 'vitest';
import { daysOf, defaultFilter, searchFromStatsFilter, statsApiQuery, statsFilterFromSearch, statsFilterProblem } from './stats-query';

// 2030-01-31 23:30 UTC: still the 31st in UTC, whatever the test machine's zone.
const NOW = Date.UTC(2030, 0, 31, 23, 30);

describe('the dashboard filter', () => {
  it('defaults to the last 30 UTC days, today included', () => {
    expect(defaultFilter(NOW)).toEqual({ from: '2030-01-02', to: '2030-01-31', agent: '' });
    expect(daysOf(defaultFilter(NOW))).toHaveLength(30);
  });

  it('reads the range and agent from the address, and drops malformed or impossible days', () => {
    expect(statsFilterFromSearch('?from=2029-12-01&to=2029-12-31&agent=ada', NOW)).toEqual({ from: '2029-12-01', to: '2029-12-31', agent: 'ada' });
    expect(statsFilterFromSearch('?from=2029-02-30&to=yesterday', NOW)).toEqual(defaultFilter(NOW));
  });

  it('keeps the default range out of the address, so a bookmark of it follows the calendar', () => {
    expect(searchFromStatsFilter(defaultFilter(NOW), NOW)).toBe('');
    expect(searchFromStatsFilter({ ...defaultFilter(NOW), agent: 'ada' }, NOW)).toBe('agent=ada');
    expect(searchFromStatsFilter({ from: '2029-12-01', to: '2029-12-31', agent: '' }, NOW)).toBe('from=2029-12-01&to=2029-12-31');
  });

  it('asks the API for UTC midnights, the end exclusive (the midnight after the last day)', () => {
    const q = new URLSearchParams(statsApiQuery({ from: '2030-01-01', to: '2030-01-02', agent: 'ben' }));
    expect(Number(q.get('from'))).toBe(Date.UTC(2030, 0, 1));
    expect(Number(q.get('to'))).toBe(Date.UTC(2030, 0, 3));
    expect(q.get('agent')).toBe('ben');
  });

  it('refuses a reversed range, a malformed day and more than 366 days before asking the server', () => {
    expect(statsFilterProblem({ from: '2030-01-02', to: '2030-01-01', agent: '' })).toBe('dash-range-reversed');
    expect(statsFilterProblem({ from: '', to: '2030-01-01', agent: '' })).toBe('dash-range-invalid');
    expect(statsFilterProblem({ from: '2029-01-01', to: '2030-01-02', agent: '' })).toBe('error-range_too_long');
    expect(statsFilterProblem({ from: '2029-01-02', to: '2030-01-02', agent: '' })).toBeNull();
    expect(statsFilterProblem({ from: '2030-01-01', to: '2030-01-01', agent: '' })).toBeNull();
  });
});
