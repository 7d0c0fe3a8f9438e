import { t } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { finishWrapUp, presenceChoices, setPresence, shift } from './shift';
import { clock } from './time';

/**
 * The agent's presence: what the server says it is (with the wrap-up's remaining time) and the
 * three states the agent can choose. During an offer or a call the choice waits.
 */
export function PresenceControl() {
  const { presence, wrapUpUntil, link } = shift.value;
  const now = useNow(1000, presence === 'wrap_up');
  const connected = link === 'open';
  return (
    <section class="panel presence" aria-labelledby="presence-title">
      <h2 id="presence-title">{t('presence-title')}</h2>
      <p class={`presence-state state-${presence ?? 'unknown'}`} role="status">
        <span class="presence-dot" aria-hidden="true" />
        {presence ? t(`presence-${presence}`) : t('presence-unknown')}
        {presence === 'wrap_up' && wrapUpUntil !== null && (
          <span class="presence-timer">{t('presence-wrap-up-left', { time: clock(wrapUpUntil - now) })}</span>
        )}
      </p>
      <div class="presence-choices" role="group" aria-label={t('presence-set-label')}>
        {presenceChoices(presence).map(({ target, enabled }) => (
          <button
            key={target}
            type="button"
            class={target === 'available' ? 'primary' : undefined}
            aria-pressed={presence === target}
            disabled={!enabled || !connected}
            onClick={() => void setPresence(target)}
          >
            {t(`presence-set-${target}`)}
          </button>
        ))}
      </div>
      {presence === 'wrap_up' && (
        <button type="button" class="link" onClick={() => void finishWrapUp()}>
          {t('presence-finish-wrap-up')}
        </button>
      )}
      {!connected && <p class="hint">{t(`link-${link}`)}</p>}
    </section>
  );
}
