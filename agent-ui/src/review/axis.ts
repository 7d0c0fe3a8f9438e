// The shared time axis of a session's page: from the recording's start (0) to the end of its
// last file. Without a recording, the span of the events. Events outside it (consent before
// the recording, the decision after the call) stay in the event list, not on the track.
import type { Timeline, TimelineEvent } from './api';

export interface Axis {
  startMs: number;
  endMs: number;
}

export function axisOf(tl: Timeline): Axis {
  const ends = [...tl.files.map((f) => f.offset_ms + f.duration_ms), ...tl.segments.map((s) => s.end_offset_ms)];
  if (ends.length) return { startMs: 0, endMs: Math.max(1, ...ends) };
  const offsets = tl.events.map((e) => e.offset_ms);
  if (!offsets.length) return { startMs: 0, endMs: 1 };
  const start = Math.min(...offsets);
  return { startMs: start, endMs: Math.max(start + 1, ...offsets) };
}

export function onAxis(axis: Axis, e: Pick<TimelineEvent, 'offset_ms'>): boolean {
  return e.offset_ms >= axis.startMs && e.offset_ms <= axis.endMs;
}

/** Where on the track (0–100 %) a position is. */
export function percentOf(axis: Axis, ms: number): number {
  const span = axis.endMs - axis.startMs;
  return Math.min(100, Math.max(0, ((ms - axis.startMs) / span) * 100));
}
