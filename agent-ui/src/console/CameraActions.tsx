import type { PromptKind } from '../api/generated/PromptKind';
import type { StillKind } from '../api/generated/StillKind';
import { t } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { CAPTURE_TIMEOUT_MS, type CallSession } from './call-session';

export const STILL_KINDS: readonly StillKind[] = ['face', 'id_front', 'id_back'];
const CAPTURE_KEYS: Record<StillKind, string> = { face: 'f', id_front: 'i', id_back: 'b' };
const PROMPTS: readonly PromptKind[] = ['show_id_front', 'show_id_back', 'tilt_document'];
const DIRECTIONS = ['left', 'right', 'up', 'down'] as const;

/**
 * What the agent asks of the customer's camera: full-resolution stills (the customer's browser
 * takes and uploads them) and step prompts shown on the customer's screen.
 */
export function CameraActions({ call }: { call: CallSession }) {
  const live = call.phase.value === 'in_call' && call.customerPresent.value;
  const pending = call.pending.value;
  const now = useNow(1000, Object.keys(pending).length > 0);
  return (
    <section class="camera-actions" aria-labelledby="camera-actions-title">
      <h2 id="camera-actions-title" class="visually-hidden">{t('camera-actions-title')}</h2>
      <div class="action-row" role="group" aria-label={t('capture-group')}>
        <span class="row-label" aria-hidden="true">{t('capture-group')}</span>
        {STILL_KINDS.map((kind) => {
          const since = pending[kind];
          const waiting = since !== undefined && now - since < CAPTURE_TIMEOUT_MS;
          const late = since !== undefined && !waiting;
          return (
            <button
              key={kind}
              type="button"
              disabled={!live}
              aria-busy={waiting}
              aria-keyshortcuts={CAPTURE_KEYS[kind]}
              onClick={() => call.capture(kind)}
              class={late ? 'late' : undefined}
            >
              {t(`capture-${kind}`)} <kbd aria-hidden="true">{CAPTURE_KEYS[kind].toUpperCase()}</kbd>
              {waiting && <span class="busy-note">{t('capture-waiting')}</span>}
              {late && <span class="busy-note">{t('capture-no-answer')}</span>}
            </button>
          );
        })}
      </div>
      <div class="action-row" role="group" aria-label={t('prompt-group')}>
        <span class="row-label" aria-hidden="true">{t('prompt-group')}</span>
        {PROMPTS.map((kind) => (
          <button key={kind} type="button" disabled={!live} onClick={() => call.prompt(kind)}>
            {t(`prompt-action-${kind}`)}
          </button>
        ))}
        <span class="turn-head" role="group" aria-label={t('prompt-action-turn_head')}>
          <span class="turn-label" aria-hidden="true">{t('prompt-action-turn_head')}</span>
          {DIRECTIONS.map((d) => (
            <button key={d} type="button" disabled={!live} onClick={() => call.prompt('turn_head', d)} aria-label={t(`prompt-turn-${d}-label`)}>
              {t(`direction-${d}`)}
            </button>
          ))}
        </span>
      </div>
    </section>
  );
}
