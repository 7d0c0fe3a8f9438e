import { t } from '../i18n/i18n';
import { stepDurations } from './ai-state';
import type { CallSession } from './call-session';
import { seconds } from './time';

/**
 * The random elements: a head-movement sequence drawn by the server (the customer is prompted
 * step by step; the AI judges each step) and digits read aloud (judged by the agent).
 */
export function ChallengePanel({ call }: { call: CallSession }) {
  const c = call.ai.value.challenge;
  const live = call.phase.value === 'in_call' && call.customerPresent.value;
  const running = c !== null && c.passed === null;
  const durations = c ? stepDurations(c) : [];
  const ra = call.readAloud.value;
  const err = call.actionError.value;
  return (
    <section class="panel challenges" aria-labelledby="challenges-title">
      <h2 id="challenges-title">{t('challenges-title')}</h2>
      <div class="challenge">
        <div class="challenge-head">
          <h3>{t('challenge-head-title')}</h3>
          <button type="button" disabled={!live || running || call.ai.value.available === false} onClick={() => call.startChallenge()} aria-keyshortcuts="h">
            {t(c ? 'challenge-again' : 'challenge-start')} <kbd aria-hidden="true">H</kbd>
          </button>
        </div>
        {err && (err === 'ai_busy' || err === 'ai_unavailable' || err === 'invalid_challenge') && <p class="message error" role="alert">{t(`error-${err}`)}</p>}
        {c && (
          <>
            <ol class="steps">
              {c.steps.map((s, i) => (
                <li key={i} class={`step ${s.state}`}>
                  <span class="step-icon" aria-hidden="true" />
                  <span class="step-name">{t(`direction-${s.step}`)}</span>
                  <span class="step-result">
                    {t(`step-${s.state}`)}
                    {s.reason && s.state === 'failed' ? ` — ${t(`step-reason-${s.reason.split(':')[0]}`)}` : ''}
                    {durations[i] !== null ? ` · ${t('step-seconds', { seconds: seconds(durations[i]!) })}` : ''}
                  </span>
                </li>
              ))}
            </ol>
            {c.passed !== null && (
              <p class={`challenge-result ${c.passed ? 'passed' : 'failed'}`} role="status">
                {t(c.passed ? 'challenge-passed' : 'challenge-failed')}
              </p>
            )}
          </>
        )}
      </div>
      <div class="challenge">
        <div class="challenge-head">
          <h3>{t('read-aloud-title')}</h3>
          <button type="button" disabled={!live} onClick={() => call.startReadAloud()} aria-keyshortcuts="r">
            {t(ra ? 'read-aloud-again' : 'read-aloud-start')} <kbd aria-hidden="true">R</kbd>
          </button>
        </div>
        {ra && (
          <>
            <p class="digits" aria-label={t('read-aloud-digits-label', { digits: ra.digits.split('').join(' ') })}>
              {ra.digits}
            </p>
            {ra.passed === null ? (
              <div class="judge" role="group" aria-label={t('read-aloud-judge')}>
                <button type="button" class="primary" onClick={() => call.judgeReadAloud(true)}>
                  {t('read-aloud-correct')}
                </button>
                <button type="button" onClick={() => call.judgeReadAloud(false)}>
                  {t('read-aloud-wrong')}
                </button>
              </div>
            ) : (
              <p class={`challenge-result ${ra.passed ? 'passed' : 'failed'}`} role="status">
                {t(ra.passed ? 'read-aloud-passed' : 'read-aloud-failed')}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
