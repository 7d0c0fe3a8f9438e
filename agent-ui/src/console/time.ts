// Durations as the console shows them: a clock face (1:05, 1:02:03), language-neutral.

/** `m:ss` below an hour, `h:mm:ss` above; negative durations count as zero. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds with one decimal, for step timings (2.4 s). */
export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
