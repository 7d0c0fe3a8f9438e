import { t } from '../i18n/i18n';
import type { ArchiveRow, Flags } from './api';
import { FLAGS, type Flag } from './archive-query';

/** The decision's outcome as a coloured badge (text first: colour is never the only cue). */
export function OutcomeBadge({ outcome }: { outcome: string | null | undefined }) {
  if (!outcome) return <span class="badge muted">{t('outcome-none')}</span>;
  return <span class={`badge outcome-${outcome}`}>{t(`outcome-${outcome}`)}</span>;
}

export function ReviewBadge({ row }: { row: Pick<ArchiveRow, 'review'> }) {
  if (row.review === 'none') return <span class="badge muted">{t('review-state-none')}</span>;
  return <span class={`badge review-${row.review}`}>{t(`review-state-${row.review}`)}</span>;
}

function raised(flags: Flags, f: Flag): boolean {
  return f === 'reconnects' ? flags.reconnects > 0 : flags[f];
}

export function hasFlags(flags: Flags): boolean {
  return FLAGS.some((f) => raised(flags, f));
}

/** The risk flags a session raised, as a list of small warnings. */
export function FlagList({ flags }: { flags: Flags }) {
  const on = FLAGS.filter((f) => raised(flags, f));
  if (!on.length) return <span class="muted-text">{t('flags-none')}</span>;
  return (
    <ul class="flag-list">
      {on.map((f) => (
        <li key={f} class="badge warn">
          {f === 'reconnects' ? t('flag-reconnects-count', { count: flags.reconnects }) : t(`flag-${f}`)}
        </li>
      ))}
    </ul>
  );
}
