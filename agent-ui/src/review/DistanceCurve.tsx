import { t } from '../i18n/i18n';
import { percentOf, type Axis } from './axis';
import type { DistancePoint } from './timeline-events';

/** Distances are drawn on 0 (identical) … MAX (clearly someone else; the no-match line is 0.637). */
const MAX = 0.8;

/** Height in the lane, % from the top: higher is further apart. */
export function curveY(d: number): number {
  return 100 - (Math.min(MAX, Math.max(0, d)) / MAX) * 100;
}

/**
 * The face-match distance over the call as a line, with the match threshold and the no-match
 * line dashed: below the first the faces match, above the second they do not.
 */
export function DistanceCurve({ points, axis }: { points: DistancePoint[]; axis: Axis }) {
  const y = curveY;
  const line = points.map((p) => `${percentOf(axis, p.offsetMs).toFixed(2)},${y(p.distance).toFixed(2)}`).join(' ');
  const threshold = points.find((p) => p.threshold !== null)?.threshold ?? null;
  const noMatch = points.find((p) => p.noMatchFrom !== null)?.noMatchFrom ?? null;
  return (
    <svg class="distance-curve" viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label={t('track-distance-label', { count: points.length })}>
      {threshold !== null && <line class="threshold" x1="0" x2="100" y1={y(threshold)} y2={y(threshold)} />}
      {noMatch !== null && <line class="no-match" x1="0" x2="100" y1={y(noMatch)} y2={y(noMatch)} />}
      <polyline points={line} />
    </svg>
  );
}
