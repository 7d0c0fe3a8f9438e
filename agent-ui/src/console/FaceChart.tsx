import { t } from '../i18n/i18n';
import type { FacePoint } from './ai-state';

const W = 240;
const H = 64;
/** Distances are 1 − cosine: 0 is identical; above ~0.9 nothing alike. */
const MAX_DISTANCE = 1;

const y = (d: number) => Math.round((Math.min(MAX_DISTANCE, Math.max(0, d)) / MAX_DISTANCE) * (H - 4) + 2);

/** The face-match distance over time, with the match and no-match thresholds as lines. */
export function FaceChart({ points, threshold, noMatchFrom }: { points: FacePoint[]; threshold: number | null; noMatchFrom: number | null }) {
  if (points.length === 0) return null;
  const step = points.length > 1 ? W / (points.length - 1) : 0;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${Math.round(i * step)} ${y(p.distance)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <svg class="face-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('face-chart-label', { count: points.length, distance: last.distance.toFixed(2) })}>
      {threshold !== null && <line x1="0" x2={W} y1={y(threshold)} y2={y(threshold)} class="line-match" />}
      {noMatchFrom !== null && <line x1="0" x2={W} y1={y(noMatchFrom)} y2={y(noMatchFrom)} class="line-no-match" />}
      <path d={path} class="series" />
      <circle cx={Math.round((points.length - 1) * step)} cy={y(last.distance)} r="3" class={`dot verdict-${last.verdict}`} />
    </svg>
  );
}
