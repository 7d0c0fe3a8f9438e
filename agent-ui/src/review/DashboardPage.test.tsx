import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StaffRole } from '../api/auth';
import { api } from '../api/client';
import { App } from '../staff/App';
import { where } from '../staff/router';
import { checkSession, sessionLost } from '../staff/session';
import { fakeAuthServer, json, problem } from '../test/fake-auth-server';
import type { Figures } from './api';

// jsdom has no canvas: the chart library is replaced by a recorder of what it was asked to draw.
const drawn = vi.hoisted(() => [] as { series: number; points: number }[]);
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    constructor(opts: { series: unknown[] }, data: unknown[][], el: HTMLElement) {
      drawn.push({ series: opts.series.length - 1, points: data[0].length });
      el.append(document.createElement('canvas'));
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});
globalThis.ResizeObserver ??= class {
  observe() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const F = (over: Partial<Figures>): Figures => ({
  day: null, agent_id: null, sessions: 0, approved: 0, rejected: 0, inconclusive: 0, approve_rate: null, reject_rate: null, inconclusive_rate: null,
  queue_entries: 0, abandoned: 0, abandonment_rate: null, wait_p50_ms: null, wait_p90_ms: null, handling_p50_ms: null, handling_p90_ms: null,
  wrap_up_p50_ms: null, wrap_up_p90_ms: null, ...over,
});
const TOTAL = F({ sessions: 4, approved: 1, rejected: 1, inconclusive: 1, approve_rate: 1 / 3, reject_rate: 1 / 3, inconclusive_rate: 1 / 3, queue_entries: 5, abandoned: 1, abandonment_rate: 0.2, wait_p50_ms: 12_000, wait_p90_ms: 80_000, handling_p50_ms: 600_000, handling_p90_ms: 900_000, wrap_up_p50_ms: 45_000, wrap_up_p90_ms: 61_000 });
const STATS = {
  from: 0,
  to: 1,
  total: TOTAL,
  by_day: [{ ...TOTAL, day: '2030-01-10' }],
  by_agent: [F({ agent_id: null, queue_entries: 1, abandoned: 1, abandonment_rate: 1 }), { ...TOTAL, agent_id: 'anna', queue_entries: 4, abandoned: 0, abandonment_rate: 0 }],
  rows: [],
};

function statsServer(roles: StaffRole[], answer: () => Response = () => json(200, STATS)) {
  const server = fakeAuthServer(roles, true);
  server.on((method, path) => {
    if (method === 'GET' && path.startsWith('/api/v1/stats?')) return answer();
    if (method === 'GET' && path === '/api/v1/staff') return json(200, [{ id: 'anna', display_name: 'Anna Agent', roles: ['agent'], state: 'active', created_at: 0 }]);
    return undefined;
  });
  return server;
}

async function boot(path: string) {
  drawn.length = 0;
  window.history.replaceState(null, '', path);
  where.value = { path: window.location.pathname, search: window.location.search };
  api.hooks = { sessionLost };
  render(<App />);
  await checkSession();
}

describe('the dashboard', () => {
  it('shows the period’s totals, three charts over every day of the range, and the tables per agent and day', async () => {
    const server = statsServer(['supervisor']);
    await boot('/staff/review/dashboard?from=2030-01-01&to=2030-01-31');
    await screen.findByRole('table', { name: 'Per agent' });
    const q = new URLSearchParams(server.sent.find((s) => s.path.startsWith('/api/v1/stats?'))!.path.split('?')[1]);
    expect([Number(q.get('from')), Number(q.get('to'))]).toEqual([Date.UTC(2030, 0, 1), Date.UTC(2030, 1, 1)]);
    const cards = screen.getByRole('region', { name: 'Totals for the period' });
    expect(within(cards).getByText('Sessions').nextElementSibling?.textContent).toBe('4');
    expect(within(cards).getByText('Abandoned in the queue').nextElementSibling?.textContent).toBe('20%');
    expect(within(cards).getByText('Queue wait (median)').nextElementSibling?.textContent).toBe('12\u00a0s');
    expect(within(cards).getByText('90th percentile: 1 min 20 s')).toBeTruthy();
    await waitFor(() => expect(drawn).toHaveLength(3), { timeout: 5000 });
    expect(drawn).toEqual([{ series: 4, points: 31 }, { series: 2, points: 31 }, { series: 4, points: 31 }]);
    expect(screen.getByRole('img', { name: /Bar chart of sessions per day over 31 days: 4 sessions, 1 approved/ })).toBeTruthy();
    const agents = screen.getByRole('table', { name: 'Per agent' });
    const rows = within(agents).getAllByRole('row');
    expect(within(rows[1]).getByRole('rowheader').textContent).toBe('Anna Agentanna');
    expect(within(rows[2]).getByRole('rowheader').textContent).toBe('Not taken by an agent');
    expect(rows[1].textContent).toContain('10\u00a0min / 15\u00a0min');
    expect(within(screen.getByRole('table', { name: 'Per day' })).getAllByRole('row')).toHaveLength(2);
  });

  it('says so when the period has no sessions, and draws no chart', async () => {
    statsServer(['supervisor'], () => json(200, { ...STATS, total: F({}), by_day: [], by_agent: [] }));
    await boot('/staff/review/dashboard');
    expect(await screen.findByText('No sessions in this period.')).toBeTruthy();
    expect(drawn).toEqual([]);
  });

  it('shows the server’s refusal by its code, translated', async () => {
    statsServer(['supervisor'], () => problem(409, 'range_too_long'));
    await boot('/staff/review/dashboard');
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a period of at most 366 days.');
  });

  it('checks the range before asking, and puts a chosen agent in the address', async () => {
    const server = statsServer(['supervisor']);
    const user = userEvent.setup();
    await boot('/staff/review/dashboard?from=2030-01-01&to=2030-01-31');
    await screen.findByRole('table', { name: 'Per agent' });
    const asked = server.sent.filter((s) => s.path.startsWith('/api/v1/stats?')).length;
    await user.clear(screen.getByLabelText('From (UTC day)'));
    await user.type(screen.getByLabelText('From (UTC day)'), '2030-02-05');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByRole('alert').textContent).toBe('The first day must not be after the last day.');
    expect(server.sent.filter((s) => s.path.startsWith('/api/v1/stats?'))).toHaveLength(asked);
    await user.clear(screen.getByLabelText('From (UTC day)'));
    await user.type(screen.getByLabelText('From (UTC day)'), '2030-01-05');
    await user.selectOptions(screen.getByLabelText('Agent'), 'anna');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(window.location.search).toBe('?from=2030-01-05&to=2030-01-31&agent=anna');
    await screen.findByRole('table', { name: 'Per agent' });
    expect(server.sent.some((s) => s.path.includes('agent=anna'))).toBe(true);
  });

  it('is reached from the archive by supervisors', async () => {
    statsServer(['supervisor']);
    await boot('/staff/review');
    expect(screen.getByRole('navigation', { name: 'Review pages' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('/staff/review/dashboard');
  });

  it('is reached from the archive by auditors too (they read every figure)', async () => {
    statsServer(['auditor']);
    await boot('/staff/review');
    expect(screen.getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('/staff/review/dashboard');
  });

  it('is neither offered to nor opened for an agent (the server lets supervisors and auditors read the figures)', async () => {
    const server = statsServer(['agent']);
    await boot('/staff/review/dashboard');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).not.toBe('Dashboard');
    expect(screen.queryByRole('link', { name: 'Dashboard' })).toBeNull();
    expect(server.sent.some((s) => s.path.startsWith('/api/v1/stats'))).toBe(false);
  });
});
