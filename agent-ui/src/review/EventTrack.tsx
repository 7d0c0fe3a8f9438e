import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import type { TimelineEvent } from './api';
import { onAxis, percentOf, type Axis } from './axis';
import { curveY, DistanceCurve } from './DistanceCurve';
import { clockText } from './sync';
import { distancePoints, LANES, viewOf, type Lane } from './timeline-events';

export interface TrackEvent {
  event: TimelineEvent;
  lane: Lane;
  text: string;
  tone: string;
  /** A direction arrow for head-movement steps (the name is in the label). */
  glyph: string | null;
  /** Where in its lane, top to bottom (%): a face match sits on its distance curve. */
  height: number | null;
}

const GLYPHS: Record<string, string> = { left: '←', right: '→', up: '↑', down: '↓', centre: '•' };

export function trackEvents(events: TimelineEvent[]): TrackEvent[] {
  return events.map((event) => {
    const v = viewOf(event, (id) => t(id));
    const d = (event.detail ?? {}) as Record<string, unknown>;
    const glyph = event.label === 'challenge_step' && typeof d.step === 'string' ? (GLYPHS[d.step] ?? null) : null;
    const height = event.label === 'face_match' && typeof d.distance === 'number' ? curveY(d.distance) : null;
    return { event, lane: v.lane, text: t(v.id, v.args), tone: v.tone, glyph, height };
  });
}

/**
 * The event track under the player: one lane per kind (challenge steps, face match with its
 * distance curve, liveness, injection hints, quality, stills, the call's actions), each event a
 * button at its time; pressing it moves the players there. The playhead follows the position.
 */
export function EventTrack({ events, axis, position, onSeek }: { events: TimelineEvent[]; axis: Axis; position: number | null; onSeek: ((ms: number) => void) | null }) {
  const [selected, setSelected] = useState<TrackEvent | null>(null);
  const all = trackEvents(events);
  const shown = all.filter((e) => onAxis(axis, e.event));
  const lanes = LANES.filter((l) => shown.some((e) => e.lane === l));
  const curve = distancePoints(events).filter((p) => onAxis(axis, { offset_ms: p.offsetMs }));

  const pick = (e: TrackEvent) => {
    setSelected(e);
    if (onSeek && onAxis(axis, e.event)) onSeek(e.event.offset_ms);
  };

  return (
    <section class="event-track" aria-labelledby="track-title">
      <div class="track-head">
        <h2 id="track-title">{t('track-title')}</h2>
        <p class="track-readout" role="status">
          {selected ? `${clockText(selected.event.offset_ms)} · ${selected.text}` : t(onSeek ? 'track-hint' : 'track-hint-no-player')}
        </p>
      </div>
      {lanes.length === 0 ? (
        <p class="empty">{t('track-empty')}</p>
      ) : (
        <div class="lanes">
          {lanes.map((lane) => (
            <div class="lane" key={lane}>
              <span class="lane-name">{t(`tl-lane-${lane}`)}</span>
              <div class={`lane-track lane-${lane}`}>
                {lane === 'face' && curve.length > 0 && <DistanceCurve points={curve} axis={axis} />}
                {shown
                  .filter((e) => e.lane === lane)
                  .map((e, i) => (
                    <button
                      key={i}
                      type="button"
                      class={`mark tone-${e.tone}${e.glyph ? ' glyph' : ''}${selected?.event === e.event ? ' selected' : ''}`}
                      style={{ left: `${percentOf(axis, e.event.offset_ms)}%`, top: e.height === null ? undefined : `${e.height}%` }}
                      title={`${clockText(e.event.offset_ms)} · ${e.text}`}
                      aria-label={`${e.text}, ${clockText(e.event.offset_ms)}`}
                      onClick={() => pick(e)}
                    >
                      {e.glyph && <span aria-hidden="true">{e.glyph}</span>}
                    </button>
                  ))}
                {position !== null && <span class="playhead" style={{ left: `${percentOf(axis, position)}%` }} aria-hidden="true" />}
              </div>
            </div>
          ))}
        </div>
      )}
      <details class="event-list">
        <summary>{t('track-all-events', { count: all.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('track-col-time')}</th>
              <th scope="col">{t('track-col-lane')}</th>
              <th scope="col">{t('track-col-event')}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((e, i) => (
              <tr key={i}>
                <td class="num">{clockText(e.event.offset_ms)}</td>
                <td>{t(`tl-lane-${e.lane}`)}</td>
                <td>
                  <span class={`dot tone-${e.tone}`} aria-hidden="true" /> {e.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
