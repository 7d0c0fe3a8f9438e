import { t } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { capture, CAPTURE_DONE_MS, prompt, promptTitleId, remainingMs, stillShowing } from './call-steps';
import { PromptIllustration } from './PromptIllustration';
import { errorMessageId } from '../i18n/errors';

/**
 * The step the agent asks for, on the customer's screen: a drawing, the instruction in the
 * customer's language, the digits to read, and a countdown where the step is timed. Below it,
 * while the agent takes a photo, what is happening to it.
 */
export function CallPrompt() {
  const p = prompt.value;
  const c = capture.value;
  const now = useNow(200, p !== null || c?.phase === 'sent');
  const showing = p && stillShowing(p, now) ? p : null;
  const left = showing ? remainingMs(showing, now) : null;
  return (
    <div class="call-steps">
      <div class="call-prompt-slot" aria-live="polite">
        {showing && (
          <div class={`call-prompt kind-${showing.kind}`}>
            <PromptIllustration kind={showing.kind} direction={showing.direction} />
            <div class="call-prompt-text">
              <p class="call-prompt-title">{t(promptTitleId(showing))}</p>
              <p class="call-prompt-detail">{t(`prompt-${showing.kind}-detail`)}</p>
              {showing.digits && (
                <p class="call-prompt-digits" aria-label={t('prompt-digits-label', { digits: showing.digits.split('').join(' ') })}>
                  {showing.digits.split('').map((d, i) => (
                    <span key={i}>{d}</span>
                  ))}
                </p>
              )}
              {left !== null && showing.countdownMs !== null && (
                <div class="call-prompt-countdown">
                  <progress max={showing.countdownMs} value={left} aria-hidden="true" />
                  <span>{t('prompt-seconds-left', { seconds: Math.ceil(left / 1000) })}</span>
                </div>
              )}
            </div>
          </div>
        )}
      </div>
      <div class="call-capture-slot" role="status">
        {c?.phase === 'taking' && <p class="call-capture">{t(`capture-taking-${c.kind}`)}</p>}
        {c?.phase === 'sent' && now - c.at < CAPTURE_DONE_MS && <p class="call-capture done">{t('capture-sent')}</p>}
        {c?.phase === 'failed' && <p class="call-capture failed">{t('capture-failed', { reason: t(errorMessageId(c.code)) })}</p>}
      </div>
    </div>
  );
}
