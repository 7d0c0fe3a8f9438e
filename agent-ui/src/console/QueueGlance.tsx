import { t } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { shift } from './shift';
import { clock } from './time';

/** The live queue at a glance: how many wait, and for how long the longest has waited. */
export function QueueGlance({ compact = false }: { compact?: boolean }) {
  const stats = shift.value.stats;
  const now = useNow(1000, stats?.oldest_joined_at != null);
  const waiting = stats?.waiting ?? null;
  const longest = stats?.oldest_joined_at != null ? clock(now - stats.oldest_joined_at) : null;
  if (compact) {
    return (
      <p class="queue-compact">
        {waiting === null ? t('queue-unknown') : t('queue-compact', { waiting, longest: longest ?? '—' })}
      </p>
    );
  }
  return (
    <section class="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue-title')}</h2>
      <dl class="figures">
        <div>
          <dt>{t('queue-waiting')}</dt>
          <dd>{waiting ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('queue-longest')}</dt>
          <dd>{longest ?? '—'}</dd>
        </div>
      </dl>
    </section>
  );
}
