import { t } from '../i18n/i18n';
import type { AiState } from './ai-state';

/** Degrees at the gauge's edge. */
const RANGE = 45;

/** The customer's head pose live: a dot moved by yaw and pitch, a line tilted by roll. */
export function PoseGauge({ pose }: { pose: AiState['pose'] }) {
  const face = pose?.face && pose.yaw !== null && pose.pitch !== null;
  const cx = face ? 30 + (Math.max(-RANGE, Math.min(RANGE, pose!.yaw!)) / RANGE) * 24 : 30;
  const cy = face ? 30 - (Math.max(-RANGE, Math.min(RANGE, pose!.pitch!)) / RANGE) * 24 : 30;
  const roll = face ? (pose!.roll ?? 0) : 0;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v)}°`);
  return (
    <div class="pose">
      <svg viewBox="0 0 60 60" class="pose-gauge" aria-hidden="true">
        <circle cx="30" cy="30" r="27" class="ring" />
        <line x1="3" x2="57" y1="30" y2="30" class="axis" />
        <line x1="30" x2="30" y1="3" y2="57" class="axis" />
        {face && (
          <g transform={`rotate(${roll} ${cx} ${cy})`}>
            <line x1={cx - 9} x2={cx + 9} y1={cy} y2={cy} class="roll" />
            <circle cx={cx} cy={cy} r="4.5" class="head" />
          </g>
        )}
      </svg>
      <p class="pose-values">
        {face ? t('pose-values', { yaw: fmt(pose!.yaw), pitch: fmt(pose!.pitch), roll: fmt(pose!.roll) }) : t('pose-no-face')}
      </p>
    </div>
  );
}
