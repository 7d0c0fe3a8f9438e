// The dashboard's view logic, apart from the page: the per-day series the charts draw (every day
// of the range, also days without sessions), stacking, and figures as people read them —
// durations ("1 min 20 s"), shares as percentages — in the interface language.
import { formattingLocales, locale, t } from '../i18n/i18n';
import type { Figures, Stats } from './api';
import { daysOf, type StatsFilter } from './stats-query';

/** The outcomes a session can have in the volume chart, in stacking order (bottom first). */
export const VOLUME_PARTS = ['approved', 'rejected', 'inconclusive', 'undecided'] as const;
export type VolumePart = (typeof VOLUME_PARTS)[number];

export type Durations = 'wait' | 'handling' | 'wrap_up';

/** One value per day of the range; null where the day has no such measurement. */
export interface DaySeries {
  days: string[];
  volume: Record<VolumePart, number[]>;
  /** Seconds. */
  p50: Record<Durations, (number | null)[]>;
  /** Seconds. */
  p90: Record<Durations, (number | null)[]>;
}

/** Sessions that have no decision (yet). */
export function undecided(f: Figures): number {
  return Math.max(0, f.sessions - f.approved - f.rejected - f.inconclusive);
}

const seconds = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : ms / 1000);

/** The per-day figures laid on every day of the filter's range, in order. */
export function seriesOf(stats: Stats, filter: StatsFilter): DaySeries {
  const byDay = new Map(stats.by_day.filter((f) => f.day).map((f) => [f.day as string, f]));
  const days = daysOf(filter);
  const at = (d: string) => byDay.get(d);
  const count = (part: VolumePart) =>
    days.map((d) => {
      const f = at(d);
      if (!f) return 0;
      return part === 'undecided' ? undecided(f) : f[part];
    });
  const dur = (k: `${Durations}_p50_ms` | `${Durations}_p90_ms`) => days.map((d) => seconds(at(d)?.[k]));
  return {
    days,
    volume: { approved: count('approved'), rejected: count('rejected'), inconclusive: count('inconclusive'), undecided: count('undecided') },
    p50: { wait: dur('wait_p50_ms'), handling: dur('handling_p50_ms'), wrap_up: dur('wrap_up_p50_ms') },
    p90: { wait: dur('wait_p90_ms'), handling: dur('handling_p90_ms'), wrap_up: dur('wrap_up_p90_ms') },
  };
}

/** Running totals of layers (bottom first): layer i is the sum of layers 0..i, for stacked bars. */
export function stacked(layers: readonly number[][]): number[][] {
  const out: number[][] = [];
  layers.forEach((layer, i) => out.push(layer.map((v, j) => v + (i ? out[i - 1][j] : 0))));
  return out;
}

/** Nothing happened in the range: no session and no queue entry. */
export function isEmpty(stats: Stats): boolean {
  return stats.total.sessions === 0 && stats.total.queue_entries === 0;
}

/** A duration as a message: under 10 s to a tenth, then whole seconds, minutes, hours. */
export function durationMessage(ms: number): { id: string; args: Record<string, number> } {
  if (ms < 9_950) return { id: 'dash-duration-s', args: { s: Math.round(ms / 100) / 10 } };
  const totalS = Math.round(ms / 1000);
  if (totalS < 60) return { id: 'dash-duration-s', args: { s: totalS } };
  if (totalS < 3600) {
    const min = Math.floor(totalS / 60);
    const s = totalS % 60;
    return s ? { id: 'dash-duration-min-s', args: { min, s } } : { id: 'dash-duration-min', args: { min } };
  }
  const totalMin = Math.round(totalS / 60);
  const h = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  return min ? { id: 'dash-duration-h-min', args: { h, min } } : { id: 'dash-duration-h', args: { h } };
}

/** A duration in the interface language ("1 min 20 s"), or "–" when there is none. */
export function durationText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  const m = durationMessage(ms);
  return t(m.id, m.args);
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(formattingLocales(locale.value, globalThis.navigator?.languages ?? []), options);
}

/** A share (0..1) as a percentage in the interface language ("66.7%", "66,7 %"), or "–". */
export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A count in the interface language (thousands separators). */
export function countText(n: number): string {
  return numberFormat({ maximumFractionDigits: 0 }).format(n);
}

/** A UTC day as a short date in the interface language ("7 Jan", "7 janv."). */
export function dayText(day: string, { year = false }: { year?: boolean } = {}): string {
  const [y, m, d] = day.split('-').map(Number);
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(formattingLocales(locale.value, globalThis.navigator?.languages ?? []), opts).format(Date.UTC(y, m - 1, d));
}

/** "p50 / p90" of one kind of duration, for tables and cards. */
export function pairText(p50: number | null | undefined, p90: number | null | undefined): string {
  if ((p50 ?? null) === null && (p90 ?? null) === null) return '–';
  return t('dash-p50-p90', { p50: durationText(p50), p90: durationText(p90) });
}

/** A count and its share: "3 (75%)". */
export function countAndShare(n: number, rate: number | null | undefined): string {
  return rate === null || rate === undefined ? countText(n) : t('dash-count-share', { count: countText(n), share: percentText(rate) });
}
