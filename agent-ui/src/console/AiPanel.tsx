import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';
import { FaceChart } from './FaceChart';
import { PoseGauge } from './PoseGauge';

/**
 * The live face analysis: face match against the ID photo (verdict and distance over time),
 * liveness, picture-quality flags, the head pose, and injection hints. It assists; the agent
 * decides. Hints are shown as hints, never as verdicts.
 */
export function AiPanel({ call }: { call: CallSession }) {
  const ai = call.ai.value;
  const face = ai.face;
  return (
    <section class="panel ai-panel" aria-labelledby="ai-title">
      <div class="panel-head">
        <h2 id="ai-title">{t('ai-title')}</h2>
        <span class={`ai-status ${ai.available === false ? 'down' : 'up'}`}>
          {t(ai.available === null ? 'ai-status-waiting' : ai.available ? 'ai-status-running' : 'ai-status-unavailable')}
        </span>
      </div>
      <dl class="ai-grid">
        <div class="ai-face">
          <dt>{t('ai-face-match')}</dt>
          <dd>
            <span class={`verdict verdict-${face?.verdict ?? 'none'}`}>{face ? t(`face-verdict-${face.verdict}`) : t('ai-no-result')}</span>
            {face?.distance !== null && face?.distance !== undefined && (
              <span class="figure">{t('ai-distance', { distance: face.distance.toFixed(2), frames: face.framesUsed })}</span>
            )}
            {ai.referenceFace === false && <span class="warn-text">{t('ai-reference-no-face')}</span>}
            {ai.referenceFace === null && !face && <span class="figure">{t('ai-reference-missing')}</span>}
            <FaceChart points={ai.faceHistory} threshold={face?.threshold ?? null} noMatchFrom={face?.noMatchFrom ?? null} />
          </dd>
        </div>
        <div>
          <dt>{t('ai-liveness')}</dt>
          <dd>
            <span class={`verdict verdict-${ai.liveness?.verdict ?? 'none'}`}>{ai.liveness ? t(`liveness-verdict-${ai.liveness.verdict}`) : t('ai-no-result')}</span>
            {ai.liveness?.meanPReal !== null && ai.liveness?.meanPReal !== undefined && (
              <span class="figure">{t('ai-p-real', { p: ai.liveness.meanPReal.toFixed(2) })}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('ai-quality')}</dt>
          <dd>
            {ai.qualityFlags === null ? t('ai-no-result') : ai.qualityFlags.length === 0 ? t('ai-quality-good') : (
              <ul class="flag-list">
                {ai.qualityFlags.map((f) => (
                  <li key={f}>{t(`ai-flag-${f}`)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('ai-pose')}</dt>
          <dd>
            <PoseGauge pose={ai.pose} />
          </dd>
        </div>
      </dl>
      {ai.hints.length > 0 && (
        <div class="hints" role="status">
          <h3>{t('ai-hints-title')}</h3>
          <p class="hint">{t('ai-hints-explain')}</p>
          <ul>
            {ai.hints.map((h) => (
              <li key={h.kind}>{t(`hint-${h.kind}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {ai.models.length > 0 && (
        <details class="models">
          <summary>{t('ai-models')}</summary>
          <ul>
            {ai.models.map((m) => (
              <li key={m}>
                <code>{m}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
