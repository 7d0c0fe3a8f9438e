import { afterEach, describe, expect, it } from 'vitest';
import { hasMessage, locale } from '../i18n/i18n';
import type { Figures, Stats } from './api';
import { countAndShare, durationMessage, durationText, isEmpty, pairText, percentText, seriesOf, stacked, undecided, VOLUME_PARTS } from './stats-view';

function figures(over: Partial<Figures> = {}): Figures {
  return {
    day: null, agent_id: null, sessions: 0, approved: 0, rejected: 0, inconclusive: 0, approve_rate: null, reject_rate: null, inconclusive_rate: null,
    queue_entries: 0, abandoned: 0, abandonment_rate: null, wait_p50_ms: null, wait_p90_ms: null, handling_p50_ms: null, handling_p90_ms: null,
    wrap_up_p50_ms: null, wrap_up_p90_ms: null, ...over,
  };
}

function stats(byDay: Figures[], total = figures()): Stats {
  return { from: 0, to: 1, total, by_day: byDay, by_agent: [], rows: [] };
}

/** Durations keep number and unit together with a no-break space; compared here as plain spaces. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

afterEach(() => {
  locale.value = 'en';
});

describe('the per-day series', () => {
  const filter = { from: '2030-01-01', to: '2030-01-04', agent: '' };

  it('has every day of the range, zero sessions and no times on days the server did not list', () => {
    const s = seriesOf(
      stats([
        figures({ day: '2030-01-02', sessions: 5, approved: 2, rejected: 1, inconclusive: 1, wait_p50_ms: 12_000, wait_p90_ms: 30_000, handling_p50_ms: 600_000, wrap_up_p90_ms: 90_000 }),
        figures({ day: '2030-01-04', sessions: 1 }),
      ]),
      filter,
    );
    expect(s.days).toEqual(['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04']);
    expect(s.volume).toEqual({ approved: [0, 2, 0, 0], rejected: [0, 1, 0, 0], inconclusive: [0, 1, 0, 0], undecided: [0, 1, 0, 1] });
    expect(s.p50.wait).toEqual([null, 12, null, null]);
    expect(s.p90.wait).toEqual([null, 30, null, null]);
    expect(s.p50.handling).toEqual([null, 600, null, null]);
    expect(s.p90.wrap_up).toEqual([null, 90, null, null]);
  });

  it('is all zeros and gaps for a period without data', () => {
    const s = seriesOf(stats([]), filter);
    expect(s.volume.approved).toEqual([0, 0, 0, 0]);
    expect(s.p50.wait).toEqual([null, null, null, null]);
  });

  it('stacks layers as running totals, bottom first', () => {
    expect(stacked([[1, 0, 2], [3, 1, 0], [0, 0, 5]])).toEqual([[1, 0, 2], [4, 1, 2], [4, 1, 7]]);
    expect(stacked([])).toEqual([]);
  });

  it('counts sessions without a decision, never below zero', () => {
    expect(undecided(figures({ sessions: 4, approved: 1, rejected: 1 }))).toBe(2);
    expect(undecided(figures({ sessions: 0, approved: 1 }))).toBe(0);
  });

  it('knows an empty period: no session and no queue entry', () => {
    expect(isEmpty(stats([]))).toBe(true);
    expect(isEmpty(stats([], figures({ queue_entries: 1, abandoned: 1 })))).toBe(false);
  });

  it('has a legend name for every layer in every language', () => {
    expect(VOLUME_PARTS.filter((p) => !hasMessage(`dash-part-${p}`))).toEqual([]);
  });
});

describe('figures as people read them', () => {
  it('writes durations in words: tenths under ten seconds, then seconds, minutes, hours', () => {
    expect(plain(durationText(420))).toBe('0.4 s');
    expect(plain(durationText(9_940))).toBe('9.9 s');
    expect(plain(durationText(9_960))).toBe('10 s');
    expect(plain(durationText(59_400))).toBe('59 s');
    expect(plain(durationText(59_600))).toBe('1 min');
    expect(plain(durationText(80_000))).toBe('1 min 20 s');
    expect(plain(durationText(3_600_000 + 5 * 60_000))).toBe('1 h 5 min');
    expect(plain(durationText(7_200_000))).toBe('2 h');
    expect(plain(durationText(null))).toBe('–');
    expect(durationMessage(0)).toEqual({ id: 'dash-duration-s', args: { s: 0 } });
    expect(durationText(80_000)).toBe('1\u00a0min 20\u00a0s');
  });

  it('writes durations and shares in the interface language', () => {
    locale.value = 'fr';
    expect(plain(durationText(1_500))).toBe('1,5 s');
    expect(percentText(2 / 3)).toMatch(/^66,7\s?%$/);
    locale.value = 'vi';
    expect(plain(durationText(80_000))).toBe('1 phút 20 giây');
  });

  it('writes shares as percentages, and a dash when nothing was decided', () => {
    expect(percentText(2 / 3)).toBe('66.7%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(null)).toBe('–');
    expect(countAndShare(2, 0.5)).toBe('2 (50%)');
    expect(countAndShare(0, null)).toBe('0');
    expect(plain(pairText(12_000, 30_000))).toBe('12 s / 30 s');
    expect(plain(pairText(null, undefined))).toBe('–');
  });
});
