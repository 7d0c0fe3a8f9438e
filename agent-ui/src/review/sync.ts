// Synchronised playback: every recorded file (customer and agent, video and audio, per segment)
// is its own media element that starts at its own offset on one shared time axis, as the
// recording's manifest says. One position drives them all: while a file's span covers it, the
// file plays at `position - offset`; elsewhere (before it starts, after it ends, in a reconnect
// gap) it is paused. Nothing is re-encoded into a composite.
//
// The position follows the first active file while it plays (so a file that buffers holds the
// others instead of being skipped ahead of); with no file active (a gap) it follows the wall
// clock. Followers that drift from the position by more than DRIFT_MS are put back.
import { signal } from '@preact/signals';

/** What the clock needs of a media element (HTMLMediaElement has all of it). */
export interface Media {
  currentTime: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  readonly readyState: number;
  /** Played to its end (a file may be a little shorter than the manifest says). */
  readonly ended: boolean;
  play(): Promise<void> | void;
  pause(): void;
}

export interface Track {
  media: Media;
  /** Where the file starts on the shared axis, ms. */
  offsetMs: number;
  durationMs: number;
}

/** A follower further off than this is re-seeked; close enough not to be seen or heard. */
export const DRIFT_MS = 80;
/** HTMLMediaElement.HAVE_FUTURE_DATA: can play on from here. */
const HAVE_FUTURE_DATA = 3;

export class PlaybackClock {
  /** Position on the shared axis, ms. */
  readonly position = signal(0);
  readonly playing = signal(false);
  /** Playing, but a file at the position cannot play on yet. */
  readonly buffering = signal(false);
  private tracks: Track[] = [];
  private last: number | null = null;

  constructor(
    readonly durationMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setTracks(tracks: Track[]): void {
    this.tracks = tracks;
    this.align(true);
  }

  /** The files whose span covers the position. */
  active(at = this.position.peek()): Track[] {
    return this.tracks.filter((t) => at >= t.offsetMs && at < t.offsetMs + t.durationMs);
  }

  seek(ms: number): void {
    this.position.value = Math.min(Math.max(0, ms), this.durationMs);
    this.last = this.now();
    this.align(true);
  }

  play(): void {
    if (this.position.peek() >= this.durationMs) this.position.value = 0;
    this.playing.value = true;
    this.last = this.now();
    this.align(true);
  }

  pause(): void {
    this.playing.value = false;
    this.last = null;
    this.align(true);
  }

  /** Advances the position and keeps every file in line; call once per animation frame. */
  tick(): void {
    if (!this.playing.peek()) return;
    const now = this.now();
    const elapsed = this.last === null ? 0 : now - this.last;
    this.last = now;
    const active = this.active().filter((t) => !t.media.ended);
    const stalled = isStalled(active);
    this.buffering.value = stalled;
    let next = this.position.peek();
    const lead = active[0];
    if (stalled) {
      // Hold the position until every file at it can play: none runs ahead of the others.
    } else if (lead && !lead.media.paused) {
      next = lead.offsetMs + lead.media.currentTime * 1000;
    } else {
      next += elapsed;
    }
    if (next >= this.durationMs) {
      this.position.value = this.durationMs;
      this.pause();
      return;
    }
    // Crossing into or out of a file's span starts or stops it.
    this.position.value = Math.max(0, next);
    this.align(false);
  }

  /**
   * Puts each file where the position says. `exact`: after a seek, play or pause every active
   * file is set to the position; while playing, only followers off by more than DRIFT_MS.
   */
  private align(exact: boolean): void {
    const at = this.position.peek();
    const playing = this.playing.peek();
    const active = this.active(at).filter((t) => !t.media.ended || exact);
    const stalled = isStalled(active);
    for (const t of this.tracks) {
      const local = at - t.offsetMs;
      const inSpan = local >= 0 && local < t.durationMs;
      if (!inSpan) {
        if (!t.media.paused) t.media.pause();
        continue;
      }
      const off = Math.abs(t.media.currentTime * 1000 - local);
      const lead = t === active[0];
      if (exact ? off > 1 : !lead && off > DRIFT_MS && !t.media.ended) t.media.currentTime = local / 1000;
      // An ended file stays ended (play() would start it over) until a seek moves it back.
      if (playing && !stalled && t.media.paused && !t.media.ended) void Promise.resolve(t.media.play()).catch(() => undefined);
      if ((!playing || stalled) && !t.media.paused) t.media.pause();
    }
  }
}

function isStalled(active: Track[]): boolean {
  return active.some((t) => t.media.seeking || t.media.readyState < HAVE_FUTURE_DATA);
}

/** `m:ss` (or `h:mm:ss`) of a position in ms; negative positions are shown as `-m:ss`. */
export function clockText(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}
