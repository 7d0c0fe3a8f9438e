import { t } from '../i18n/i18n';
import { suggestedFix } from './ai-state';
import type { CallSession } from './call-session';
import { qualityWarnings } from './quality';

/**
 * The customer's picture as received: bitrate, loss, resolution, frame rate. Below the
 * profile's minimum the gate warns and offers the fixes to ask the customer for.
 */
export function QualityBar({ call }: { call: CallSession }) {
  const q = call.phase.value === 'ended' ? null : call.quality.value;
  const min = call.profile.value?.quality ?? null;
  const warnings = call.phase.value === 'in_call' ? qualityWarnings(q, min) : [];
  const fix = suggestedFix(call.ai.value.qualityFlags);
  const flagged = warnings.length > 0 || fix !== null;
  return (
    <section class={`quality-bar ${flagged ? 'warn' : 'ok'}`} aria-labelledby="quality-title">
      <h2 id="quality-title" class="visually-hidden">{t('quality-title')}</h2>
      <dl class="quality-figures">
        <div>
          <dt>{t('quality-resolution')}</dt>
          <dd>{q ? `${q.width}×${q.height}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('quality-fps')}</dt>
          <dd>{q ? t('quality-fps-value', { fps: q.fps }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('quality-bitrate')}</dt>
          <dd>{q ? t('quality-bitrate-value', { kbps: q.bitrateKbps }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('quality-loss')}</dt>
          <dd>{q ? t('quality-loss-value', { percent: Math.round(q.loss * 1000) / 10 }) : '—'}</dd>
        </div>
      </dl>
      {flagged && (
        <div class="quality-gate" role="status">
          <ul>
            {warnings.map((w) => (
              <li key={w}>{t(`quality-warning-${w}`, min ? { width: min.min_width, height: min.min_height, fps: min.min_fps } : {})}</li>
            ))}
            {(call.ai.value.qualityFlags ?? []).filter((f) => f !== 'no_face').map((f) => (
              <li key={f}>{t(`ai-flag-${f}`)}</li>
            ))}
          </ul>
          <div class="quality-fixes">
            <button type="button" class={fix === 'move_to_light' ? 'primary' : undefined} onClick={() => call.prompt('move_to_light')}>
              {t('prompt-action-move_to_light')}
            </button>
            <button type="button" class={fix === 'switch_camera' ? 'primary' : undefined} onClick={() => call.prompt('switch_camera')}>
              {t('prompt-action-switch_camera')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
