// The dashboard's filter as one value: a range of UTC calendar days and an optional agent, read
// from the page address (bookmarkable, survives a reload) and turned into the stats API's query.
// UTC, not the browser's zone: the server groups its figures by UTC day, so a day on the page is
// the same day as in the figures. The default range takes the clock as an input.

export const DAY_MS = 86_400_000;
/** Days in the default range, today included. */
export const DEFAULT_DAYS = 30;
/** The server refuses longer ranges (`range_too_long`). */
export const MAX_DAYS = 366;

export interface StatsFilter {
  /** First UTC day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last UTC day, `YYYY-MM-DD`, inclusive. */
  to: string;
  /** An agent's staff id, or '' for everyone. */
  agent: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** UTC midnight of a `YYYY-MM-DD` day (or `plusDays` later), in Unix ms; NaN when malformed. */
export function utcMidnight(day: string, plusDays = 0): number {
  if (!DAY.test(day)) return NaN;
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d + plusDays);
}

/** The last `DEFAULT_DAYS` UTC days up to and including today. */
export function defaultFilter(nowMs: number): StatsFilter {
  const to = utcDay(nowMs);
  return { from: utcDay(utcMidnight(to, -(DEFAULT_DAYS - 1))), to, agent: '' };
}

function validDay(v: string | null): v is string {
  return v !== null && DAY.test(v) && utcDay(utcMidnight(v)) === v;
}

/** The filter in a page address's search part; what is missing or malformed takes the default. */
export function statsFilterFromSearch(search: string, nowMs: number): StatsFilter {
  const p = new URLSearchParams(search);
  const d = defaultFilter(nowMs);
  const from = p.get('from');
  const to = p.get('to');
  return { from: validDay(from) ? from : d.from, to: validDay(to) ? to : d.to, agent: (p.get('agent') ?? '').trim() };
}

/** The page address's search part (without `?`); the default range is left out of the address. */
export function searchFromStatsFilter(f: StatsFilter, nowMs: number): string {
  const d = defaultFilter(nowMs);
  const p = new URLSearchParams();
  if (f.from !== d.from || f.to !== d.to) {
    p.set('from', f.from);
    p.set('to', f.to);
  }
  if (f.agent.trim()) p.set('agent', f.agent.trim());
  return p.toString();
}

/** Why a filter cannot be asked for, as a message id, or null when it can. */
export function statsFilterProblem(f: StatsFilter): string | null {
  if (!validDay(f.from) || !validDay(f.to)) return 'dash-range-invalid';
  const days = daysIn(f);
  if (days < 1) return 'dash-range-reversed';
  if (days > MAX_DAYS) return 'error-range_too_long';
  return null;
}

/** How many days the range covers, both ends included. */
export function daysIn(f: StatsFilter): number {
  return Math.round((utcMidnight(f.to) - utcMidnight(f.from)) / DAY_MS) + 1;
}

/** Every UTC day of the range, in order. */
export function daysOf(f: StatsFilter): string[] {
  const n = Math.max(0, Math.min(daysIn(f), MAX_DAYS));
  return Array.from({ length: n }, (_, i) => utcDay(utcMidnight(f.from, i)));
}

/** The stats API's query: `to` is exclusive there, so it is the midnight after the last day. */
export function statsApiQuery(f: StatsFilter): string {
  const p = new URLSearchParams();
  p.set('from', String(utcMidnight(f.from)));
  p.set('to', String(utcMidnight(f.to, 1)));
  if (f.agent.trim()) p.set('agent', f.agent.trim());
  return p.toString();
}
