import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import type { PlaybackFile, TimelineSegment } from './api';
import { percentOf, type Axis } from './axis';
import { clockText, type PlaybackClock, type Track } from './sync';

const PARTIES = ['customer', 'agent'] as const;
const KEY_STEP_MS = 5000;

/**
 * Both parties' recordings in lockstep: a video per party and segment (the one covering the
 * position shows), their audio as hidden elements, and one scrubber for all. The clock
 * (sync.ts) keeps every element at the position minus its file's offset.
 */
export function SyncedPlayer({ clock, files, axis, segments }: { clock: PlaybackClock; files: PlaybackFile[]; axis: Axis; segments: TimelineSegment[] }) {
  const elements = useRef(new Map<string, HTMLMediaElement>());

  useEffect(() => {
    const tracks: Track[] = files.flatMap((f) => {
      const media = elements.current.get(f.path);
      return media ? [{ media, offsetMs: f.offset_ms, durationMs: f.duration_ms }] : [];
    });
    clock.setTracks(tracks);
    let frame = requestAnimationFrame(function loop() {
      clock.tick();
      frame = requestAnimationFrame(loop);
    });
    return () => {
      cancelAnimationFrame(frame);
      clock.pause();
      clock.setTracks([]);
    };
  }, [clock, files]);

  const position = clock.position.value;
  const playing = clock.playing.value;
  const active = new Set(files.filter((f) => position >= f.offset_ms && position < f.offset_ms + f.duration_ms).map((f) => f.path));
  const ref = (path: string) => (el: HTMLMediaElement | null) => {
    if (el) elements.current.set(path, el);
    else elements.current.delete(path);
  };

  return (
    <div class="player">
      <div class="stages">
        {PARTIES.map((party) => {
          const videos = files.filter((f) => f.participant === party && f.medium === 'video');
          const showing = videos.some((f) => active.has(f.path));
          return (
            <figure key={party} class="stage">
              <div class="stage-frame">
                {videos.map((f) => (
                  <video
                    key={f.path}
                    ref={ref(f.path)}
                    src={f.url}
                    muted
                    playsInline
                    preload="auto"
                    hidden={!active.has(f.path)}
                    data-participant={party}
                    data-offset-ms={f.offset_ms}
                    aria-label={t(`party-${party}`)}
                  />
                ))}
                {!showing && <p class="stage-empty">{t(videos.length ? 'player-not-recording-now' : 'player-no-video')}</p>}
              </div>
              <figcaption>{t(`party-${party}`)}</figcaption>
            </figure>
          );
        })}
        {files
          .filter((f) => f.medium === 'audio')
          .map((f) => (
            <audio key={f.path} ref={ref(f.path)} src={f.url} preload="auto" data-participant={f.participant} data-offset-ms={f.offset_ms} />
          ))}
      </div>
      <div class="transport">
        <button type="button" class="primary play" onClick={() => (playing ? clock.pause() : clock.play())}>
          {t(playing ? 'player-pause' : 'player-play')}
        </button>
        <span class="time" aria-hidden="true">
          {clockText(position)} / {clockText(axis.endMs)}
        </span>
        <div class="scrubber">
          <div class="scrubber-gaps" aria-hidden="true">
            {segments
              .filter((s) => s.gap_before_ms > 0)
              .map((s) => (
                <span
                  key={s.index}
                  class="gap"
                  style={{ left: `${percentOf(axis, s.offset_ms - s.gap_before_ms)}%`, width: `${Math.max(0.5, percentOf(axis, s.offset_ms) - percentOf(axis, s.offset_ms - s.gap_before_ms))}%` }}
                />
              ))}
          </div>
          <input
            type="range"
            min={0}
            max={axis.endMs}
            step="any"
            value={position}
            aria-label={t('player-position')}
            aria-valuetext={t('player-position-text', { position: clockText(position), total: clockText(axis.endMs) })}
            onInput={(e) => clock.seek(Number(e.currentTarget.value))}
            onKeyDown={(e) => {
              // Any position is allowed (events are to the millisecond); the arrows jump 5 s.
              const jump = { ArrowLeft: -KEY_STEP_MS, ArrowDown: -KEY_STEP_MS, ArrowRight: KEY_STEP_MS, ArrowUp: KEY_STEP_MS }[e.key];
              if (jump === undefined) return;
              e.preventDefault();
              clock.seek(position + jump);
            }}
          />
        </div>
        {clock.buffering.value && (
          <span class="buffering" role="status">
            {t('player-buffering')}
          </span>
        )}
      </div>
    </div>
  );
}
